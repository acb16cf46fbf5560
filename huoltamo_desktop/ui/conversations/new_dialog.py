"""Start a conversation: who with, what kind, when."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.conversations import ConversationKind
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.collation import fold
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.services.people import list_people, list_teams
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.conversations.conversation_view import date_edit
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo, from_qdate, to_qdate


class NewConversationDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conversation_id: int | None = None
        self.setWindowTitle(_("New conversation"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("new_kind")
        fill_combo(
            self.kind, [(service.kind_name(k), k) for k in service.kind_keys()], kind or "career"
        )
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #444;")
        self.person = QComboBox(self)
        self.person.setObjectName("new_person")
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.team = QComboBox(self)
        self.team.setObjectName("new_team")
        self.manager = QComboBox(self)
        self.manager.setObjectName("new_manager")
        self.held_on = date_edit(self, "new_date")
        with ctx.session() as s:
            people = list_people(s, scope=self.ctx.scope)
            teams = list_teams(s)
        self._people = {p.id: p for p in people}
        fill_combo(
            self.person,
            [
                (f"{p.full_name} – {p.job_title}" if p.job_title else p.full_name, p.id)
                for p in people
            ],
            person_id,
        )
        if person_id is None:
            self.person.setCurrentIndex(-1)
        completer = self.person.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        fill_combo(self.team, [(t.name, t.id) for t in teams])
        fill_combo(
            self.manager, [(_("(not chosen)"), None), *[(p.full_name, p.id) for p in people]]
        )
        self.person_label = QLabel(_("&Person"), self)
        self.person_label.setBuddy(self.person)
        self.team_label = QLabel(_("&Team"), self)
        self.team_label.setBuddy(self.team)
        form.addRow(_("&Kind"), self.kind)
        form.addRow("", self.description)
        form.addRow(self.person_label, self.person)
        form.addRow(self.team_label, self.team)
        form.addRow(_("&Manager"), self.manager)
        form.addRow(_("&Date"), self.held_on)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Start"))
        ok.setObjectName("start_conversation")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.person.currentIndexChanged.connect(self._person_changed)
        self.person.editTextChanged.connect(self._person_changed)
        self._kind_changed()
        self._person_changed()

    def _is_group(self) -> bool:
        return bool(self.kind.currentData() == ConversationKind.GROUP)

    def _kind_changed(self) -> None:
        group = self._is_group()
        self.description.setText(service.kind_description(str(self.kind.currentData())))
        for w in (self.person, self.person_label):
            w.setVisible(not group)
        for w in (self.team, self.team_label):
            w.setVisible(group)

    def _person_changed(self) -> None:
        person = self._people.get(self._selected_person())
        if person is not None and person.supervisor_id is not None:
            self.manager.setCurrentIndex(max(0, self.manager.findData(person.supervisor_id)))

    def _selected_person(self) -> int | None:
        """The person whose entry matches what is typed: exactly, or as the only one containing it."""
        typed = fold(self.person.currentText())
        if not typed:
            return None
        texts = [self.person.itemText(i) for i in range(self.person.count())]
        exact = [i for i, t in enumerate(texts) if fold(t) == typed]
        matches = exact or [i for i, t in enumerate(texts) if typed in fold(t)]
        if len(matches) != 1:
            return None
        data = self.person.itemData(matches[0])
        return int(data) if data is not None else None

    def _start(self) -> None:
        try:
            with self.ctx.session() as s:
                conversation = service.create_conversation(
                    s,
                    kind=str(self.kind.currentData()),
                    held_on=from_qdate(self.held_on.date()),
                    person_id=None if self._is_group() else self._selected_person(),
                    team_id=self.team.currentData() if self._is_group() else None,
                    manager_id=self.manager.currentData(),
                )
                self.conversation_id = conversation.id
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            {"person": self.person, "team": self.team, "manager": self.manager}.get(
                exc.field or "", self.kind
            ).setFocus()
            return
        self.accept()


__all__ = ["NewConversationDialog", "to_qdate"]
