"""The Actions step: agreed actions and those carried over from before."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.conversations import (
    ACTION_KIND_LABELS,
    ACTION_STATUS_LABELS,
    NAMED_OWNERS,
    OWNER_LABELS,
    ActionOwner,
)
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.conversations.conversation_view.common import date_edit
from huoltamo_desktop.ui.conversations.models import ActionsModel
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo, from_qdate, to_qdate
from huoltamo_desktop.ui.widgets.table_view import rows_table, selected_row


def _table(parent: QWidget, name: str, model: ActionsModel) -> QTableView:
    """Agreed actions in the order the conversation lists them, sortable by a header click."""
    return rows_table(
        parent, name, model, resize=QHeaderView.ResizeMode.ResizeToContents, sort_column=None
    )


class ActionsStep(QWidget):
    changed = Signal()
    open_conversation = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._detail: service.ConversationDetail | None = None
        self._editing_id: int | None = None
        self.saving: VersionedSave[service.ActionInput] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        layout = QVBoxLayout(self)

        self.model = ActionsModel()
        self.table = _table(self, "actions_table", self.model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            _(
                "No actions agreed yet. Write below what you agreed, who takes care of it and by when."
            ),
            self,
        )
        self.empty.setObjectName("actions_empty")
        self.empty.setWordWrap(True)
        own_title = QLabel("<b>" + escape(_("Agreed in this conversation")) + "</b>", self)
        own_title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(own_title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 2)

        self.form = QGroupBox(_("An agreed action"), self)
        grid = QGridLayout(self.form)
        self.what = QLineEdit(self.form)
        self.what.setObjectName("action_what")
        self.what.setMaxLength(500)
        self.what.setPlaceholderText(_("e.g. Welding qualification test in the spring course"))
        self.owner = QComboBox(self.form)
        self.owner.setObjectName("action_owner")
        fill_combo(self.owner, [(_(label), key) for key, label in OWNER_LABELS.items()])
        self.owner_name = QLineEdit(self.form)
        self.owner_name.setObjectName("action_owner_name")
        self.owner_name.setPlaceholderText(_("Who outside the firm"))
        self.owner_name.setMaxLength(120)
        self._colleague_names = QStringListModel(self)
        self._colleagues = QCompleter(self._colleague_names, self.owner_name)
        self._colleagues.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._colleagues.setFilterMode(Qt.MatchFlag.MatchContains)
        self.due = date_edit(self.form, "action_due")
        self.no_due = QCheckBox(_("No date"), self.form)
        self.no_due.setObjectName("action_no_due")
        self.kind = QComboBox(self.form)
        self.kind.setObjectName("action_kind")
        fill_combo(self.kind, [(_(label), key) for key, label in ACTION_KIND_LABELS.items()])
        self.skill = QComboBox(self.form)
        self.skill.setObjectName("action_skill")
        self.status_combo = QComboBox(self.form)
        self.status_combo.setObjectName("action_status")
        fill_combo(
            self.status_combo, [(_(label), key) for key, label in ACTION_STATUS_LABELS.items()]
        )
        labels = []
        for text, widget in (
            (_("&What was agreed"), self.what),
            (_("W&ho takes care of it"), self.owner),
            (_("B&y"), self.due),
            (_("&Kind"), self.kind),
            (_("Sk&ill it serves"), self.skill),
            (_("S&tatus"), self.status_combo),
        ):
            label = QLabel(text, self.form)
            label.setBuddy(widget)
            labels.append(label)
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(self.what, 0, 1, 1, 3)
        grid.addWidget(labels[1], 1, 0)
        grid.addWidget(self.owner, 1, 1)
        grid.addWidget(self.owner_name, 1, 2, 1, 2)
        # Date and status share a row so that the whole step fits a small laptop screen.
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.no_due)
        grid.addWidget(labels[2], 2, 0)
        grid.addLayout(due_row, 2, 1)
        grid.addWidget(labels[5], 2, 2)
        grid.addWidget(self.status_combo, 2, 3)
        grid.addWidget(labels[3], 3, 0)
        grid.addWidget(self.kind, 3, 1)
        self.skill_label = labels[4]
        grid.addWidget(labels[4], 3, 2)
        grid.addWidget(self.skill, 3, 3)
        self.error = error_label(self.form)
        grid.addWidget(self.error, 5, 0, 1, 4)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add the actio&n"), self.form)
        self.add_button.setObjectName("add_action")
        self.add_button.setDefault(True)
        self.save_button = QPushButton(_("Save &changes"), self.form)
        self.save_button.setObjectName("save_action")
        self.remove_button = QPushButton(_("R&emove"), self.form)
        self.remove_button.setObjectName("remove_action")
        self.clear_button = QPushButton(_("Em&pty the form"), self.form)
        self.clear_button.setObjectName("clear_action")
        for b in (self.add_button, self.save_button, self.remove_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        grid.addLayout(buttons, 6, 0, 1, 4)
        layout.addWidget(self.form)

        self.carried_title = QLabel(
            "<b>" + escape(_("Open from earlier conversations")) + "</b>", self
        )
        self.carried_model = ActionsModel(with_subject=False)
        self.carried_table = _table(self, "carried_table", self.carried_model)
        self.carried_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        carried_buttons = QHBoxLayout()
        self.carried_status = QComboBox(self)
        self.carried_status.setObjectName("carried_status")
        fill_combo(
            self.carried_status, [(_(label), key) for key, label in ACTION_STATUS_LABELS.items()]
        )
        self.carried_set = QPushButton(_("&Set the status"), self)
        self.carried_set.setObjectName("carried_set_status")
        self.carried_open = QPushButton(_("Open the conversation where it was a&greed"), self)
        self.carried_open.setObjectName("carried_open")
        carried_buttons.addWidget(self.carried_status)
        carried_buttons.addWidget(self.carried_set)
        carried_buttons.addWidget(self.carried_open)
        carried_buttons.addStretch(1)
        layout.addWidget(self.carried_title)
        layout.addWidget(self.carried_table, 1)
        layout.addLayout(carried_buttons)
        # Takes the spare room when neither table is shown, so the texts stay together at the top.
        self.filler = QWidget(self)
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        for label in (self.empty, self.carried_title):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.owner.currentIndexChanged.connect(self._owner_changed)
        self.no_due.toggled.connect(lambda on: self.due.setEnabled(not on))
        self.add_button.clicked.connect(self._add)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)
        self.clear_button.clicked.connect(self._clear)
        self.what.returnPressed.connect(lambda: (self._save if self._editing_id else self._add)())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.carried_set.clicked.connect(self._set_carried_status)
        self.carried_open.clicked.connect(self._open_carried)
        self._owner_changed()

    def _owner_changed(self) -> None:
        owner = self.owner.currentData()
        self.owner_name.setEnabled(owner in NAMED_OWNERS)
        self.owner_name.setPlaceholderText(
            _("Which colleague") if owner == ActionOwner.COLLEAGUE else _("Who outside the firm")
        )
        # A colleague is picked from the firm's people as one types; the name is kept as text.
        self.owner_name.setCompleter(
            self._colleagues if owner == ActionOwner.COLLEAGUE else None  # type: ignore[arg-type]
        )

    def load(self, detail: service.ConversationDetail) -> None:
        self._detail = detail
        editable = not detail.is_final and detail.is_current
        owners = [(_(label), key) for key, label in OWNER_LABELS.items()]
        if detail.person_id is None:  # a group discussion: the team itself takes care of it
            owners[0] = (_(service.TEAM_LABEL), ActionOwner.EMPLOYEE)
        fill_combo(self.owner, owners)
        with self.ctx.session() as s:
            from huoltamo_desktop.services.people import list_people

            self._colleague_names.setStringList(
                [p.full_name for p in list_people(s) if p.id != detail.person_id]
            )
            rows = service.list_actions(s, conversation_id=detail.id)
            carried = service.carried_actions(s, conversation_id=detail.id)
            skills = service.skill_choices(s)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        fill_combo(self.skill, [(_("(none)"), None), *[(name, sid) for sid, name in skills]])
        self.skill.setVisible(bool(skills))
        self.skill_label.setVisible(bool(skills))
        self.carried_model.set_rows([c.action for c in carried])
        for w in (
            self.carried_title,
            self.carried_table,
            self.carried_status,
            self.carried_set,
            self.carried_open,
        ):
            w.setVisible(bool(carried))
        self.filler.setVisible(not rows and not carried)
        self.carried_set.setEnabled(editable)
        self.carried_status.setEnabled(editable)
        # After finalising only the status can change (follow-up); the agreement itself is frozen.
        field: QWidget
        for field in (
            self.what,
            self.owner,
            self.owner_name,
            self.due,
            self.no_due,
            self.kind,
            self.skill,
            self.add_button,
            self.remove_button,
            self.clear_button,
        ):
            field.setEnabled(editable)
        self.status_combo.setEnabled(detail.is_current)
        self.save_button.setEnabled(detail.is_current)
        self.form.setTitle(_("An agreed action") if editable else _("Status of an agreed action"))
        self._owner_changed()
        self._clear()

    def _input(self) -> service.ActionInput:
        return service.ActionInput(
            what=self.what.text(),
            owner=str(self.owner.currentData()),
            owner_name=self.owner_name.text(),
            due_on=None if self.no_due.isChecked() else from_qdate(self.due.date()),
            kind=str(self.kind.currentData()),
            skill_id=self.skill.currentData() if self.skill.isVisible() else None,
            status=str(self.status_combo.currentData()),
        )

    def _fields(self) -> dict[str, QWidget]:
        return {
            "what": self.what,
            "owner": self.owner,
            "owner_name": self.owner_name,
            "due_on": self.due,
            "kind": self.kind,
            "status": self.status_combo,
        }

    def _show_error(self, exc: UserError) -> None:
        self.error.setText(str(exc))
        self.error.setVisible(True)
        widget = self._fields().get(getattr(exc, "field", None) or "")
        if widget is not None:
            widget.setFocus()

    def _add(self) -> None:
        if self._detail is None:
            return
        try:
            with self.ctx.session() as s:
                service.add_action(s, conversation_id=self._detail.id, data=self._input())
        except UserError as exc:
            self._show_error(exc)
            return
        self._after_change()
        self.what.setFocus()

    def _save(self) -> None:
        if self._detail is None or self._editing_id is None or self.saving.saving:
            return
        action_id, final = self._editing_id, self._detail.is_final

        def save(
            s: Session,
            data: service.ActionInput,
            version: int | None,
            base: service.ActionInput | None,
        ) -> None:
            if final:  # only the follow-up status changes on a final version
                service.set_action_status(s, action_id=action_id, status=data.status)
            else:
                service.update_action(
                    s, action_id=action_id, data=data, expected_version=version, base=base
                )

        self.saving.save(
            self._input(),
            op=save,
            changes=(Change.CONVERSATIONS,),
            success=lambda _result: self._after_change(),
            failure=self._show_error,
        )

    def _labels(self) -> dict[str, str]:
        """The form's own labels, for the dialog that shows a clash."""
        labels = {
            "what": _("&What was agreed"),
            "owner": _("W&ho takes care of it"),
            "owner_name": self.owner_name.placeholderText(),
            "due_on": _("B&y"),
            "kind": _("&Kind"),
            "skill_id": _("Sk&ill it serves"),
            "status": _("S&tatus"),
        }
        return {name: text.replace("&", "") for name, text in labels.items()}

    def _display(self, name: str, value: object) -> str:
        combos = {
            "owner": self.owner,
            "kind": self.kind,
            "skill_id": self.skill,
            "status": self.status_combo,
        }
        if name in combos:
            index = combos[name].findData(value)
            return combos[name].itemText(index) if index >= 0 else ""
        return plain_display(name, value)

    def _remove(self) -> None:
        if self._detail is None or self._editing_id is None:
            return
        try:
            with self.ctx.session() as s:
                service.delete_action(s, action_id=self._editing_id)
        except UserError as exc:
            self._show_error(exc)
            return
        self._after_change()

    def _after_change(self) -> None:
        self.ctx.notify(Change.CONVERSATIONS)
        if self._detail is not None:
            self.load(self._detail)
        self.changed.emit()

    def _clear(self) -> None:
        self._editing_id = None
        self.what.clear()
        self.owner.setCurrentIndex(0)
        self.owner_name.clear()
        self.no_due.setChecked(False)
        if self._detail is not None:
            self.due.setDate(to_qdate(self._detail.held_on).addMonths(3))
        self.kind.setCurrentIndex(self.kind.findData("training"))
        self.skill.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.error.setVisible(False)
        self.save_button.setVisible(False)
        self.remove_button.setVisible(False)
        self.add_button.setVisible(True)
        self.table.clearSelection()

    def _selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        self._editing_id = row.id
        self.what.setText(row.what)
        self.owner.setCurrentIndex(self.owner.findData(row.owner))
        self.owner_name.setText(row.owner_name)
        self.no_due.setChecked(row.due_on is None)
        if row.due_on:
            self.due.setDate(to_qdate(row.due_on))
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        index = self.skill.findData(row.skill_id)
        self.skill.setCurrentIndex(max(0, index))
        self.status_combo.setCurrentIndex(self.status_combo.findData(row.status))
        self.saving.read(version=row.row_version, values=self._input())
        self.error.setVisible(False)
        self.add_button.setVisible(False)
        self.save_button.setVisible(True)
        self.remove_button.setVisible(True)

    def _set_carried_status(self) -> None:
        row = selected_row(self.carried_table)
        if row is None:
            self.carried_table.setFocus()
            return
        try:
            with self.ctx.session() as s:
                service.set_action_status(
                    s, action_id=row.id, status=str(self.carried_status.currentData())
                )
        except UserError as exc:
            QMessageBox.warning(self, _("Agreed actions"), str(exc))
            return
        self._after_change()

    def _open_carried(self) -> None:
        row = selected_row(self.carried_table)
        if row is not None:
            self.open_conversation.emit(row.conversation_id)
