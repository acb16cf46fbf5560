"""The conversation view that holds the four steps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.conversations import state_label
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.conversations.conversation_view.actions import ActionsStep
from huoltamo_desktop.ui.conversations.conversation_view.common import (
    date_edit,
)
from huoltamo_desktop.ui.conversations.conversation_view.notes import NotesStep
from huoltamo_desktop.ui.conversations.conversation_view.prepare import PrepareStep
from huoltamo_desktop.ui.conversations.conversation_view.summary import SummaryStep
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo, from_qdate, to_qdate


class ConversationView(QWidget):
    """Header with the details and the state, and the four steps as tabs."""

    back = Signal()
    open_conversation = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: service.ConversationDetail | None = None
        self.saving: VersionedSave[service.DetailsInput] = VersionedSave(
            self, ctx, labels=self._details_labels, display=self._details_display
        )
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the page around it has its own margins

        top = QHBoxLayout()
        self.back_button = QPushButton(_("← &Back to the list"), self)
        self.back_button.setObjectName("back_to_list")
        self.title = QLabel(self)
        self.title.setObjectName("conversation_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        layout.addLayout(top)

        details = QHBoxLayout()
        form = QFormLayout()
        self.held_on = date_edit(self, "held_on")
        self.next_on = date_edit(self, "next_on")
        self.no_next = QCheckBox(_("Not agreed"), self)
        self.no_next.setObjectName("no_next")
        self.manager = QComboBox(self)
        self.manager.setObjectName("manager")
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_on)
        next_row.addWidget(self.no_next)
        next_label = QLabel(_("Ne&xt conversation"), self)
        next_label.setBuddy(self.next_on)
        form.addRow(_("&Date"), self.held_on)
        form.addRow(next_label, next_row)
        form.addRow(_("&Manager"), self.manager)
        details.addLayout(form)
        state_box = QVBoxLayout()
        self.state = QLabel(self)
        self.state.setObjectName("conversation_state")
        self.state.setWordWrap(True)
        buttons = QHBoxLayout()
        self.finalise_button = QPushButton(_("Mark as &final…"), self)
        self.finalise_button.setObjectName("finalise")
        self.version_button = QPushButton(_("Make a new &version"), self)
        self.version_button.setObjectName("new_version")
        self.delete_button = QPushButton(_("Delete the draft…"), self)
        self.delete_button.setObjectName("delete_draft")
        self.versions = QComboBox(self)
        self.versions.setObjectName("versions")
        for b in (self.finalise_button, self.version_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addWidget(self.versions)
        buttons.addStretch(1)
        state_box.addWidget(self.state)
        state_box.addLayout(buttons)
        details.addLayout(state_box, 1)
        layout.addLayout(details)
        self.error = error_label(self)
        layout.addWidget(self.error)

        self.steps = QTabWidget(self)
        self.steps.setObjectName("steps")
        self.prepare = PrepareStep(ctx, self.steps)
        self.notes = NotesStep(ctx, self.steps)
        self.actions_step = ActionsStep(ctx, self.steps)
        self.summary = SummaryStep(ctx, self.steps)
        self.steps.addTab(self.prepare, _("1 P&repare"))
        self.steps.addTab(self.notes, _("2 N&otes"))
        self.steps.addTab(self.actions_step, _("3 &Actions"))
        self.steps.addTab(self.summary, _("4 S&ummary"))
        layout.addWidget(self.steps, 1)

        self.back_button.clicked.connect(self._back)
        QShortcut(
            QKeySequence("Ctrl+W"),
            self,
            self._back,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.steps.currentChanged.connect(self._step_changed)
        self.finalise_button.clicked.connect(self._finalise)
        self.version_button.clicked.connect(self._new_version)
        self.delete_button.clicked.connect(self._delete)
        self.versions.activated.connect(self._pick_version)
        self.held_on.dateChanged.connect(self._details_changed)
        self.next_on.dateChanged.connect(self._details_changed)
        self.no_next.toggled.connect(self._details_changed)
        self.manager.currentIndexChanged.connect(self._details_changed)
        self.actions_step.open_conversation.connect(self.open_conversation)

    def load(self, conversation_id: int, step: int | None = None) -> None:
        self.notes.save()
        with self.ctx.session() as s:
            self.detail = service.get_conversation(s, conversation_id=conversation_id)
            from huoltamo_desktop.services.people import list_people

            people = [(p.full_name, p.id) for p in list_people(s) if p.id != self.detail.person_id]
        d = self.detail
        self._loading = True
        self.title.setText(f"{d.kind_name} – {d.subject}")
        self.held_on.setDate(to_qdate(d.held_on))
        self.no_next.setChecked(d.next_on is None)
        self.next_on.setDate(
            to_qdate(d.next_on) if d.next_on else to_qdate(d.held_on).addMonths(12)
        )
        self.next_on.setEnabled(d.next_on is not None)
        fill_combo(self.manager, [(_("(not chosen)"), None), *people], d.manager_id)
        editable = not d.is_final and d.is_current
        for w in (self.held_on, self.next_on, self.no_next, self.manager):
            w.setEnabled(editable if w is not self.next_on else editable and d.next_on is not None)
        self.versions.clear()
        for vid, number, state in d.versions:
            self.versions.addItem(
                _("Version {number} ({state})").format(number=number, state=state_label(state)), vid
            )
        self.versions.setCurrentIndex(self.versions.findData(d.id))
        self.versions.setVisible(len(d.versions) > 1)
        if not d.is_current:
            state = _("An earlier version, kept as it was. Read-only.")
            self.state.setStyleSheet("color: #555; font-weight: bold;")
        elif d.is_final:
            state = _("Final – frozen. To change it, make a new version; this one is kept.")
            self.state.setStyleSheet("color: #1f4e5f; font-weight: bold;")
        else:
            state = _("Draft – notes are saved as you type.")
            self.state.setStyleSheet("color: #7a4a00; font-weight: bold;")
        if d.version > 1:
            state = _("Version {number}. ").format(number=d.version) + state
        self.state.setText(state)
        self.finalise_button.setVisible(editable)
        self.delete_button.setVisible(editable)
        self.version_button.setVisible(d.is_final and d.is_current)
        self.error.setVisible(False)
        self._read_details(d)
        self._loading = False
        self.notes.load(d)
        if step is not None:
            self.steps.setCurrentIndex(step)
        self._step_changed(self.steps.currentIndex())

    def _step_changed(self, index: int) -> None:
        if self.detail is None:
            return
        self.notes.save()
        widget = self.steps.widget(index)
        if widget is self.prepare:
            self.prepare.load(self.detail)
        elif widget is self.actions_step:
            self.actions_step.load(self.detail)
        elif widget is self.summary:
            self.summary.load(self.detail)
        elif widget is self.notes:
            self.notes.note.setFocus()

    def _details_changed(self) -> None:
        if self._loading or self.detail is None:
            return
        self.next_on.setEnabled(not self.no_next.isChecked())
        conversation_id = self.detail.id

        def save(
            s: Session,
            data: service.DetailsInput,
            version: int | None,
            base: service.DetailsInput | None,
        ) -> service.ConversationDetail:
            service.update_details(
                s,
                conversation_id=conversation_id,
                held_on=data.held_on,
                next_on=data.next_on,
                manager_id=data.manager_id,
                expected_version=version,
                base=base,
            )
            return service.get_conversation(s, conversation_id=conversation_id)

        try:
            detail = self.saving.save_now(self._details(), op=save, changes=(Change.CONVERSATIONS,))
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        if detail is None:  # back to editing: the fields keep what the user chose
            return
        self.detail = detail
        self._read_details(detail)
        if self._details() != service.DetailsInput(
            detail.held_on, detail.next_on, detail.manager_id
        ):
            self._loading = (
                True  # show what was saved: the other's choices where the user took them
            )
            self.held_on.setDate(to_qdate(detail.held_on))
            self.no_next.setChecked(detail.next_on is None)
            if detail.next_on:
                self.next_on.setDate(to_qdate(detail.next_on))
            self.manager.setCurrentIndex(max(0, self.manager.findData(detail.manager_id)))
            self._loading = False

    def _details(self) -> service.DetailsInput:
        return service.DetailsInput(
            held_on=from_qdate(self.held_on.date()),
            next_on=None if self.no_next.isChecked() else from_qdate(self.next_on.date()),
            manager_id=self.manager.currentData(),
        )

    def _read_details(self, detail: service.ConversationDetail) -> None:
        self.saving.read(
            version=detail.row_version,
            values=service.DetailsInput(detail.held_on, detail.next_on, detail.manager_id),
        )

    def _details_labels(self) -> dict[str, str]:
        labels = {
            "held_on": _("&Date"),
            "next_on": _("Ne&xt conversation"),
            "manager_id": _("&Manager"),
        }
        return {name: text.replace("&", "") for name, text in labels.items()}

    def _details_display(self, name: str, value: object) -> str:
        if name == "manager_id":
            index = self.manager.findData(value)
            return self.manager.itemText(index) if index >= 0 else ""
        if name == "next_on" and value is None:
            return self.no_next.text().replace("&", "")
        return plain_display(name, value)

    def _finalise(self) -> None:
        if self.detail is None:
            return
        self.notes.save()
        answer = QMessageBox.question(
            self,
            _("Mark as final"),
            _(
                "Mark the conversation with {name} as final? It is then frozen; a later change makes a new version "
                "and keeps this one."
            ).format(name=self.detail.subject),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.session() as s:
                service.finalise(s, conversation_id=self.detail.id)
        except UserError as exc:
            QMessageBox.warning(self, _("Mark as final"), str(exc))
            return
        self.ctx.notify(Change.CONVERSATIONS)
        self.load(self.detail.id, step=3)

    def _new_version(self) -> None:
        if self.detail is None:
            return
        try:
            with self.ctx.session() as s:
                new = service.new_version(s, conversation_id=self.detail.id)
        except UserError as exc:
            QMessageBox.warning(self, _("Make a new version"), str(exc))
            return
        self.ctx.notify(Change.CONVERSATIONS)
        self.load(new.id or 0, step=1)

    def _delete(self) -> None:
        if self.detail is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete the draft"),
            _("Delete this draft with its notes and actions? This cannot be undone."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.notes._dirty = False
        with self.ctx.session() as s:
            service.delete_draft(s, conversation_id=self.detail.id)
        self.detail = None
        self.ctx.notify(Change.CONVERSATIONS)
        self.back.emit()

    def _pick_version(self, index: int) -> None:
        vid = self.versions.itemData(index)
        if vid and self.detail is not None and vid != self.detail.id:
            self.load(int(vid))

    def _back(self) -> None:
        self.notes.save()
        self.back.emit()
