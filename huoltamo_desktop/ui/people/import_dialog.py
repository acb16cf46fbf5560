"""Import a staff list: choose the file, check the column mapping, preview, confirm."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import career_stage_label
from huoltamo_desktop.i18n import N_, _, format_date, ngettext
from huoltamo_desktop.services.importing import (
    FIELDS,
    ImportReport,
    ImportRow,
    StaffTable,
    build_preview,
    changed_people,
    commit_import,
    existing_name_keys,
    field_label,
    guess_mapping,
    read_staff_list,
    register_keys,
    unused_columns,
)
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import ChangeOp, QueryOp
from huoltamo_desktop.ui.widgets.files import open_file_name
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel


def _name(row: ImportRow) -> str:
    d = row.data
    return f"{d.first_name} {d.last_name}".strip() if d else ""


def _check(row: ImportRow) -> str:
    if row.errors:
        return " ".join(row.errors)
    return " – ".join([_("OK, will be imported"), *row.changes])


def _column(title: str, text: Callable[[ImportRow], str]) -> Column[ImportRow]:
    return Column(title, text, key=text)  # the preview is not sorted


class PreviewModel(RowsModel[ImportRow]):
    def __init__(self) -> None:
        super().__init__(
            [
                _column(N_("Row"), lambda r: str(r.line)),
                _column(N_("Name"), _name),
                _column(N_("Job title"), lambda r: r.data.job_title if r.data else ""),
                _column(N_("Team"), lambda r: r.team),
                _column(
                    N_("Started"),
                    lambda r: format_date(r.data.employment_start) if r.data else "",
                ),
                _column(
                    N_("Career stage"),
                    lambda r: career_stage_label(r.data.career_stage) if r.data else "",
                ),
                _column(N_("Check"), _check),
            ]
        )

    def row_data(self, row: ImportRow, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.errors:
            return QBrush(QColor("#fde2e1"))
        if role == Qt.ItemDataRole.ToolTipRole and row.errors:
            return "\n".join(row.errors)
        return None


class _EnterKey(QObject):
    """Calls ``action`` on Enter or Return in the watched field and keeps the key to itself."""

    def __init__(self, action: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in enter
        ):
            self._action()
            return True
        return False


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: StaffTable | None = None
        self.preview: list[ImportRow] = []
        self.report: ImportReport | None = None
        self.setObjectName("ImportDialog")
        self.setWindowTitle(_("Import a staff list"))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Choose a CSV or Excel file with one person a row and the column names on the first "
                "row. Check which column is which, look at the preview, then import. Nothing is "
                "saved before you press Import."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        file_row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText(_("Paste the path of the file here, or choose it"))
        # Enter in the path field loads that file; it must not press the dialog's buttons.
        self._path_keys = _EnterKey(self._path_entered, self)
        self.path.installEventFilter(self._path_keys)
        self.browse = QPushButton(_("&Choose file…"), self)
        self.browse.setObjectName("choose_file")
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        layout.addLayout(file_row)

        self.mapping_box = QGroupBox(_("Columns"), self)
        grid = QGridLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for i, key in enumerate(FIELDS):
            combo = QComboBox(self)
            combo.setObjectName(f"map_{key}")
            label = QLabel(field_label(key), self)
            label.setBuddy(combo)
            grid.addWidget(label, i // 3, (i % 3) * 2)
            grid.addWidget(combo, i // 3, (i % 3) * 2 + 1)
            combo.currentIndexChanged.connect(self._update_preview)
            self.combos[key] = combo
        self.unused = QLabel(self.mapping_box)
        self.unused.setObjectName("import_unused")
        self.unused.setWordWrap(True)
        self.unused.setStyleSheet("color: #5f6b73;")
        grid.addWidget(self.unused, (len(FIELDS) + 2) // 3, 0, 1, 6)
        self.mapping_box.setEnabled(False)
        layout.addWidget(self.mapping_box)

        self.model = PreviewModel()
        self.view = QTableView(self)
        self.view.setObjectName("import_preview")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("do_import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.browse.clicked.connect(self.choose_file)
        self.browse.setFocus()

    def choose_file(self) -> None:
        path = open_file_name(
            self,
            caption=_("Choose a staff list"),
            start=str(Path.home()),
            filter=_("Staff lists (*.csv *.xlsx *.txt)"),
        )
        if path:
            self.load(Path(path))

    def _path_entered(self) -> None:
        """A path pasted or typed: quotes and a file:// prefix (from a file manager) are dropped."""
        from urllib.parse import unquote, urlparse

        text = self.path.text().strip().strip("'\"")
        if text.startswith("file://"):
            text = unquote(urlparse(text).path)
        if text:
            self.load(Path(text).expanduser())

    def load(self, path: Path) -> None:
        """Read the file off the UI thread (a big workbook takes a while), then show the columns."""
        QueryOp(
            parent=self,
            ctx=self.ctx,
            op=lambda _session: read_staff_list(path),
            success=lambda table: self._loaded(path, table),
        ).with_busy(_("Reading the staff list…")).run_in_background()

    def _loaded(self, path: Path, table: StaffTable) -> None:
        self.table = table
        self.path.setText(str(path))
        mapping = guess_mapping(table.headers)
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not imported)"), None)
            for i, header in enumerate(table.headers):
                combo.addItem(header or _("column {n}").format(n=i + 1), i)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(key))))
            combo.blockSignals(False)
        self.mapping_box.setEnabled(True)
        self._update_preview()

    def mapping(self) -> dict[str, int | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def _update_preview(self) -> None:
        if self.table is None:
            return
        table, mapping, language = self.table, self.mapping(), self.ctx.settings.language

        def preview(session: Session) -> list[ImportRow]:
            return build_preview(
                table,
                mapping,
                existing_names=existing_name_keys(session),
                default_language=language,
                register=register_keys(session),
            )

        QueryOp(parent=self, ctx=self.ctx, op=preview, success=self._show_preview).failure(
            self._no_preview
        ).run_in_background()

    def _no_preview(self, exc: UserError) -> None:
        self.preview = []
        self.model.set_rows([])
        self.summary.setText(str(exc))
        self.import_button.setEnabled(False)

    def _show_preview(self, rows: list[ImportRow]) -> None:
        self.preview = rows
        self.model.set_rows(self.preview)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            # An over-long cell (the row's problem) must not push the Check column out of sight.
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 280))
        unused = unused_columns(self.table.headers, self.mapping()) if self.table else []
        self.unused.setText(
            _("Columns in the file that are not imported: {names}").format(names=", ".join(unused))
            if unused
            else _("Every column of the file is imported.")
        )
        good = sum(1 for r in self.preview if r.ok)
        bad = len(self.preview) - good
        text = ngettext(
            "{n} person will be imported.", "{n} people will be imported.", good
        ).format(n=good)
        if bad:
            text += " " + ngettext(
                "{n} row has a problem and will be left out (shown in red).",
                "{n} rows have a problem and will be left out (shown in red).",
                bad,
            ).format(n=bad)
        changes = changed_people(self.preview)
        if changes:
            text += "\n" + _("The import also changes people already in the register:")
            text += "\n" + "\n".join(f"• {change}" for change in changes)
        self.summary.setText(text)
        self.import_button.setEnabled(good > 0)
        self.import_button.setText(
            ngettext("&Import {n} person", "&Import {n} people", good).format(n=good)
        )

    def do_import(self) -> None:
        rows = list(self.preview)

        def done(report: ImportReport) -> None:
            self.report = report
            self.accept()

        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: commit_import(session, rows=rows),
            changes=(Change.PEOPLE, Change.TEAMS),
            success=done,
        ).with_busy(_("Importing…")).run_in_background()


def report_text(report: ImportReport) -> str:
    """What the import did, in a sentence or three."""
    parts = [
        ngettext("{n} person added.", "{n} people added.", report.added).format(n=report.added)
    ]
    if report.updated:
        parts.append(
            ngettext(
                "Updated: {names} is now marked as a supervisor.",
                "Updated: {names} are now marked as supervisors.",
                len(report.updated),
            ).format(names=", ".join(report.updated))
        )
    if report.teams_created:
        parts.append(
            ngettext("New team: {names}.", "New teams: {names}.", len(report.teams_created)).format(
                names=", ".join(report.teams_created)
            )
        )
    return " ".join(parts)
