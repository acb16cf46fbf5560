"""People page: search, add, edit, mark as left, erase, teams and staff-list import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, ngettext
from huoltamo_desktop.services import people as people_service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.people.dialogs import EraseDialog, LeaveDialog, PersonDialog, TeamsDialog
from huoltamo_desktop.ui.people.model import PeopleModel, PersonRow
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.page import page_heading, search_field
from huoltamo_desktop.ui.widgets.table_model import RowsProxy
from huoltamo_desktop.ui.widgets.table_view import fit_columns, read_only_table


class PeopleProxy(RowsProxy):
    """Sorted by the columns' keys; the search looks in every column."""

    def __init__(self, model: PeopleModel) -> None:
        super().__init__(model)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class PeoplePage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._dirty = True
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(_("People"), self))

        tools = QHBoxLayout()
        self.search = search_field(
            self, "people_search", _("Search by name, title or team (Ctrl+F)")
        )
        self.team_filter = QComboBox(self)
        self.team_filter.setObjectName("team_filter")
        self.show_left = QCheckBox(_("Show people who have &left"), self)
        self.show_left.setObjectName("show_left")
        tools.addWidget(self.search, 2)
        tools.addWidget(self.team_filter, 1)
        layout.addLayout(tools)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("&Add a person"), self)
        self.add_button.setObjectName("add_person")
        self.edit_button = QPushButton(_("&Edit"), self)
        self.edit_button.setObjectName("edit_person")
        self.leave_button = QPushButton(_("&Mark as left…"), self)
        self.leave_button.setObjectName("leave_person")
        self.restore_button = QPushButton(_("Re&store"), self)
        self.restore_button.setObjectName("restore_person")
        self.erase_button = QPushButton(_("Erase for &good…"), self)
        self.erase_button.setObjectName("erase_person")
        self.teams_button = QPushButton(_("&Teams…"), self)
        self.teams_button.setObjectName("teams")
        self.import_button = QPushButton(_("&Import a staff list…"), self)
        self.import_button.setObjectName("import_people")
        # Setting up (teams, import) beside the search; acting on the selection below it,
        # with "show people who have left" beside Restore. Two short rows fit a small laptop.
        tools.addWidget(self.teams_button)
        tools.addWidget(self.import_button)
        for button in (
            self.add_button,
            self.edit_button,
            self.leave_button,
            self.restore_button,
            self.erase_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_left)
        layout.addLayout(buttons)

        self.model = PeopleModel()
        self.proxy = PeopleProxy(self.model)
        self.table = read_only_table(
            self, "people_table", self.proxy, resize=QHeaderView.ResizeMode.Interactive
        )
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Column widths from the first rows only: measuring every row of a large firm
        # costs more than painting the window.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.doubleClicked.connect(lambda _index: self.edit_person())

        self.empty = QWidget(self)
        self.empty.setObjectName("people_empty")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_text = QLabel(self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setStyleSheet("font-size: 12pt;")
        empty_layout.addWidget(self.empty_text)
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        self.empty_add = QPushButton(_("Add the first person"), self.empty)
        self.empty_add.setObjectName("empty_add")
        self.empty_import = QPushButton(_("Import a staff list"), self.empty)
        self.empty_import.setObjectName("empty_import")
        empty_buttons.addWidget(self.empty_add)
        empty_buttons.addWidget(self.empty_import)
        empty_buttons.addStretch(1)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.status = QLabel(self)
        self.status.setObjectName("people_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.search.textChanged.connect(self._filter_changed)
        self.team_filter.currentIndexChanged.connect(self._reload)
        self.show_left.toggled.connect(self._reload)
        self.add_button.clicked.connect(self.add_person)
        self.empty_add.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.leave_button.clicked.connect(self.mark_left)
        self.restore_button.clicked.connect(self.restore)
        self.erase_button.clicked.connect(self.erase)
        self.teams_button.clicked.connect(self.manage_teams)
        self.import_button.clicked.connect(self.import_people)
        self.empty_import.clicked.connect(self.import_people)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        new = QAction(self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.add_person)
        self.addAction(new)
        ctx.data_changed.connect(self._data_changed)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- loading -----------------------------------------------------------------

    def _data_changed(self, what: str) -> None:
        if what in (Change.PEOPLE, Change.TEAMS, Change.FIRM):
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        if self._dirty:
            self._reload_teams()
            self._reload()
            self._dirty = False

    def _reload_teams(self) -> None:
        with self.ctx.session() as session:
            teams = people_service.list_teams(session)
        current = self.team_filter.currentData()
        fill_combo(
            self.team_filter, [(_("All teams"), None)] + [(t.name, t.id) for t in teams], current
        )

    def _reload(self, *_args: object) -> None:
        selected = self.selected_id()
        include_left = self.show_left.isChecked()
        team_id = self.team_filter.currentData()
        with self.ctx.session() as session:
            # Everyone once: supervisors' names come from the same rows as the list.
            everyone = people_service.list_people(session, include_left=True, scope=self.ctx.scope)
            teams = {t.id: t.name for t in people_service.list_teams(session) if t.id is not None}
        names = {p.id: p.full_name for p in everyone if p.id}
        people = [
            p
            for p in everyone
            if (include_left or p.is_active) and (team_id is None or p.team_id == team_id)
        ]
        total = sum(1 for p in everyone if p.is_active)
        self.model.set_rows([PersonRow.from_person(p, teams, names) for p in people])
        # The status (in the service, or when and why someone left) is what the list is for.
        fit_columns(self.table, stretch=self.model.columnCount() - 1)
        self.empty_text.setText(
            _(
                "No people yet. Add your team one by one, or import a staff list "
                "(CSV or Excel) with names, job titles and teams."
            )
        )
        self.stack.setCurrentWidget(
            self.empty if total == 0 and not self.show_left.isChecked() else self.table
        )
        self._total = total
        status = self._count_text()
        if total == 1:  # only the person who set the app up: say what comes next
            status += " · " + _(
                "Next, add your staff: Add a person, or Import a staff list from a spreadsheet."
            )
        self.status.setText(status)
        if selected:
            self.select(selected)
        self._update_buttons()

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.status.setText(self._count_text())

    def _count_text(self) -> str:
        """How many people there are, and how many the search and filters show of them."""
        total = getattr(self, "_total", 0)
        text = ngettext("{n} active person", "{n} active people", total).format(n=total)
        shown = self.proxy.rowCount()
        if shown != self.model.rowCount() or self.team_filter.currentData() is not None:
            text = ngettext(
                "{shown} shown of {n} active person", "{shown} shown of {n} active people", total
            ).format(shown=shown, n=total)
        return text

    # --- selection -------------------------------------------------------------------

    def selected_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        value = self.proxy.data(indexes[0], Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def select(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _selected_row(self) -> PersonRow | None:
        person_id = self.selected_id()
        row = self.model.row_of(person_id) if person_id else -1
        return self.model.row_at(row)

    def _update_buttons(self, *_args: object) -> None:
        row = self._selected_row()
        self.edit_button.setEnabled(row is not None)
        self.leave_button.setEnabled(row is not None and row.active)
        self.restore_button.setEnabled(row is not None and not row.active)
        self.erase_button.setEnabled(row is not None)

    # --- actions ----------------------------------------------------------------------

    def add_person(self) -> None:
        dialog = PersonDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id:
            self._dirty = True
            self.refresh()
            self.select(dialog.saved_id)

    def edit_person(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        dialog = PersonDialog(self.ctx, person_id, self)
        if dialog.exec():
            self._dirty = True
            self.refresh()
            self.select(person_id)

    def mark_left(self) -> None:
        row = self._selected_row()
        if row is None or not row.active:
            return
        dialog = LeaveDialog(row.name, self)
        if not dialog.exec():
            return
        left_on, reason = dialog.values()
        self._act(
            lambda s: people_service.archive_person(
                s, person_id=row.id, left_on=left_on, reason=reason, scope=self.ctx.scope
            )
        )

    def restore(self) -> None:
        row = self._selected_row()
        if row is not None and not row.active:
            self._act(
                lambda s: people_service.restore_person(s, person_id=row.id, scope=self.ctx.scope)
            )

    def erase(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        dialog = EraseDialog(row.name, self)
        if not dialog.exec():
            return
        done: list[people_service.Erasure] = []
        self._act(
            lambda s: done.append(
                people_service.erase_person(s, person_id=row.id, scope=self.ctx.scope)
            )
        )
        if done:
            self._report_erasure(done[0])

    def _report_erasure(self, erasure: people_service.Erasure) -> None:
        """Say plainly if anything of the person may still be on the disk, and what to do."""
        problems: list[str] = []
        if not erasure.journal_cleared:
            problems.append(
                _(
                    "The database's journal file could not be cleared yet, because another copy "
                    "of the app has the database open. Close the other copies: the journal is "
                    "cleared when the last one closes."
                )
            )
        if erasure.backups_failed:
            problems.append(
                _(
                    "These backup copies could not be changed and still hold the person's data; "
                    "delete them if you do not need them:"
                )
                + "\n"
                + "\n".join(str(p) for p in erasure.backups_failed)
            )
        if problems:
            QMessageBox.warning(self, _("Erase for good"), "\n\n".join(problems))

    def _act(self, action: object) -> None:
        try:
            with self.ctx.session() as session:
                action(session)  # type: ignore[operator]
        except UserError as exc:
            QMessageBox.warning(self, _("People"), str(exc))
        self.ctx.notify(Change.PEOPLE)
        self._dirty = True
        self.refresh()

    def manage_teams(self) -> None:
        TeamsDialog(self.ctx, self).exec()
        self._dirty = True
        self.refresh()

    def import_people(self) -> None:
        from huoltamo_desktop.ui.people.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self)
        if dialog.exec():  # the import has told the pages; this page shows it at once
            self._dirty = True
            self.refresh()
            if dialog.report is not None:
                from huoltamo_desktop.ui.people.import_dialog import report_text

                QMessageBox.information(self, _("Import a staff list"), report_text(dialog.report))
