"""Dialogs of the People page: a person, leaving, erasing for good, teams."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import (
    CAREER_STAGE_LABELS,
    LEAVE_REASON_LABELS,
    LeaveReason,
    Team,
    suggest_career_stage,
)
from huoltamo_desktop.i18n import _, date_input_format
from huoltamo_desktop.services import people as people_service
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList
from huoltamo_desktop.ui.widgets.forms import (
    error_label,
    fill_combo,
    from_qdate,
    language_items,
    show_validation_error,
    to_qdate,
)


class PersonDialog(QDialog):
    """Add or edit a person. ``person_id`` None means a new person."""

    def __init__(
        self, ctx: AppContext, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.saved_id: int | None = None
        self.labels: dict[str, str] = {}
        # What the form was filled with: a save compares it with what is saved by then.
        self.saving: VersionedSave[PersonInput] = VersionedSave(
            self, ctx, labels=self.labels, display=self.display
        )
        self.setObjectName("PersonDialog")
        self.setWindowTitle(_("Edit person") if person_id else _("Add a person"))
        self.setMinimumWidth(460)
        form = QFormLayout()
        self.first_name = QLineEdit(self)
        self.first_name.setObjectName("first_name")
        self.last_name = QLineEdit(self)
        self.last_name.setObjectName("last_name")
        self.job_title = QLineEdit(self)
        self.job_title.setObjectName("job_title")
        # Optional forms of the title for documents printed in Swedish or English.
        self.job_title_sv = QLineEdit(self)
        self.job_title_sv.setObjectName("job_title_sv")
        self.job_title_sv.setPlaceholderText(_("optional, for documents in Swedish"))
        self.job_title_en = QLineEdit(self)
        self.job_title_en.setObjectName("job_title_en")
        self.job_title_en.setPlaceholderText(_("optional, for documents in English"))
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        self.supervisor = QComboBox(self)
        self.supervisor.setObjectName("supervisor")
        self.has_start = QCheckBox(_("&Known"), self)
        self.has_start.setObjectName("has_start")
        self.start = QDateEdit(self)
        self.start.setObjectName("employment_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(date_input_format())
        self.start.setDate(QDate.currentDate())
        self.start.setEnabled(False)
        self.has_start.toggled.connect(self.start.setEnabled)
        start_row = QHBoxLayout()
        start_row.addWidget(self.has_start)
        start_row.addWidget(self.start, 1)
        self.birth_year = QSpinBox(self)
        self.birth_year.setObjectName("birth_year")
        self.birth_year.setRange(1900, date.today().year - 14)
        self.birth_year.setMinimum(1900)
        self.birth_year.setSpecialValueText(_("not given"))
        self.birth_year.setValue(1900)
        self.stage = QComboBox(self)
        self.stage.setObjectName("career_stage")
        fill_combo(
            self.stage,
            [(_(label), key) for key, label in CAREER_STAGE_LABELS.items()],
            "established",
        )
        self.suggest = QPushButton(_("S&uggest"), self)
        self.suggest.setToolTip(_("Suggest a career stage from the start date and year of birth"))
        self.suggest.clicked.connect(self._suggest_stage)
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage, 1)
        stage_row.addWidget(self.suggest)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        fill_combo(self.language, language_items(), ctx.settings.language)
        self.email = QLineEdit(self)
        self.email.setObjectName("email")
        self.is_manager = QCheckBox(_("Leads other people (supervisor)"), self)
        self.is_manager.setObjectName("is_manager")

        def row(text: str, widget: QWidget, field: QWidget | None = None) -> None:
            self.labels[widget.objectName()] = text.replace("&", "")
            label = QLabel(text, self)
            label.setBuddy(field or widget)
            if isinstance(widget, QWidget):
                form.addRow(label, widget)

        row(_("&First name"), self.first_name)
        row(_("&Last name"), self.last_name)
        row(_("&Job title"), self.job_title)
        row(_("Job title in S&wedish"), self.job_title_sv)
        row(_("Job title in En&glish"), self.job_title_en)
        row(_("&Team"), self.team)
        row(_("Su&pervisor"), self.supervisor)
        start_label = QLabel(_("Employment &started"), self)
        start_label.setBuddy(self.has_start)
        form.addRow(start_label, start_row)
        self.labels["employment_start"] = start_label.text().replace("&", "")
        row(_("&Year of birth"), self.birth_year)
        stage_label = QLabel(_("&Career stage"), self)
        stage_label.setBuddy(self.stage)
        form.addRow(stage_label, stage_row)
        self.labels["career_stage"] = stage_label.text().replace("&", "")
        self.labels["team_id"] = _("Team")
        self.labels["supervisor_id"] = _("Supervisor")
        self.labels["is_manager"] = self.is_manager.text()
        row(_("Document la&nguage"), self.language)
        row(_("&Email"), self.email)
        form.addRow("", self.is_manager)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_year": self.birth_year,
            "email": self.email,
            "employment_start": self.start,
            "supervisor_id": self.supervisor,
        }
        self._load()
        self.first_name.setFocus()

    def _load(self) -> None:
        with self.ctx.session() as session:
            teams = people_service.list_teams(session)
            others = people_service.list_people(session)
            person = (
                people_service.get_person(session, person_id=self.person_id)
                if self.person_id
                else None
            )
            if self.person_id:
                from huoltamo_desktop.services.seats_rights import note_person_viewed

                note_person_viewed(session, person_id=self.person_id)
        fill_combo(self.team, [(_("(no team)"), None)] + [(t.name, t.id) for t in teams])
        fill_combo(
            self.supervisor,
            [(_("(no supervisor)"), None)]
            + [(p.full_name, p.id) for p in others if p.id != self.person_id],
        )
        if person is None:
            return
        version = person.row_version
        self.first_name.setText(person.first_name)
        self.last_name.setText(person.last_name)
        self.job_title.setText(person.job_title)
        self.job_title_sv.setText(person.job_title_sv)
        self.job_title_en.setText(person.job_title_en)
        self.team.setCurrentIndex(max(0, self.team.findData(person.team_id)))
        index = self.supervisor.findData(person.supervisor_id)
        if index < 0 and person.supervisor_id:
            supervisor = None
            with self.ctx.session() as session:
                supervisor = people_service.get_person(session, person_id=person.supervisor_id)
            if supervisor is not None:
                self.supervisor.addItem(supervisor.full_name, supervisor.id)
                index = self.supervisor.count() - 1
        self.supervisor.setCurrentIndex(max(0, index))
        if person.employment_start:
            self.has_start.setChecked(True)
            self.start.setDate(to_qdate(person.employment_start))
        if person.birth_year:
            self.birth_year.setValue(person.birth_year)
        self.stage.setCurrentIndex(max(0, self.stage.findData(person.career_stage)))
        self.language.setCurrentIndex(max(0, self.language.findData(person.language)))
        self.email.setText(person.email)
        self.is_manager.setChecked(person.is_manager)
        self.saving.read(version=version, values=self.person_input())

    def _suggest_stage(self) -> None:
        start = from_qdate(self.start.date()) if self.has_start.isChecked() else None
        year = self.birth_year.value() if self.birth_year.value() > 1900 else None
        stage = suggest_career_stage(start, year, date.today())
        self.stage.setCurrentIndex(max(0, self.stage.findData(stage)))

    def person_input(self) -> PersonInput:
        return PersonInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            job_title=self.job_title.text(),
            job_title_sv=self.job_title_sv.text(),
            job_title_en=self.job_title_en.text(),
            team_id=self.team.currentData(),
            supervisor_id=self.supervisor.currentData(),
            employment_start=from_qdate(self.start.date()) if self.has_start.isChecked() else None,
            birth_year=self.birth_year.value() if self.birth_year.value() > 1900 else None,
            career_stage=str(self.stage.currentData()),
            language=str(self.language.currentData()),
            email=self.email.text(),
            is_manager=self.is_manager.isChecked(),
        )

    def display(self, name: str, value: object) -> str:
        """A field's value as the form shows it (team and supervisor by name)."""
        combos = {
            "team_id": self.team,
            "supervisor_id": self.supervisor,
            "career_stage": self.stage,
            "language": self.language,
        }
        if name in combos:
            combo = combos[name]
            index = combo.findData(value)
            return combo.itemText(index) if index >= 0 else ""
        return plain_display(name, value)

    def accept(self) -> None:
        if self.saving.saving:
            return
        person_id, scope = self.person_id, self.ctx.scope

        def save(
            session: Session, data: PersonInput, version: int | None, base: PersonInput | None
        ) -> int | None:
            if person_id is None:
                return people_service.create_person(session, data=data, scope=scope).id
            return people_service.update_person(
                session,
                person_id=person_id,
                data=data,
                expected_version=version,
                base=base,
                scope=scope,
            ).id

        self.saving.save(
            self.person_input(),
            op=save,
            changes=(Change.PEOPLE,),
            success=self._saved,
            failure=lambda exc: show_validation_error(self, exc, self.fields, self.error),
        )

    def _saved(self, person_id: int | None) -> None:
        self.saved_id = person_id
        super().accept()


class LeaveDialog(QDialog):
    """Mark a person as having left: the date and the reason feed the turnover figures."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LeaveDialog")
        self.setWindowTitle(_("Mark as left"))
        layout = QVBoxLayout(self)
        info = QLabel(
            _(
                "{name} is moved to the people who have left. Their history stays for the firm's "
                "figures, and you can restore them later."
            ).format(name=name),
            self,
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        self.left_on = QDateEdit(QDate.currentDate(), self)
        self.left_on.setObjectName("left_on")
        self.left_on.setCalendarPopup(True)
        self.left_on.setDisplayFormat(date_input_format())
        self.reason = QComboBox(self)
        self.reason.setObjectName("leave_reason")
        fill_combo(
            self.reason,
            [(_(label), key) for key, label in LEAVE_REASON_LABELS.items()],
            LeaveReason.RESIGNED,
        )
        date_label = QLabel(_("Last &working day"), self)
        date_label.setBuddy(self.left_on)
        reason_label = QLabel(_("&Reason"), self)
        reason_label.setBuddy(self.reason)
        form.addRow(date_label, self.left_on)
        form.addRow(reason_label, self.reason)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[date, str]:
        return from_qdate(self.left_on.date()), str(self.reason.currentData())


class EraseDialog(QDialog):
    """Erasing for good needs the person's name typed in: it cannot be undone."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("EraseDialog")
        self.setWindowTitle(_("Erase for good"))
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "This removes {name} and everything recorded about them from the database for good: "
                "assessments, plans, ratings, conversations and actions. It cannot be undone.\n\n"
                "The app also erases them from the copies it made beside the database before "
                "updates. Backup copies you made yourself (with the backup command or by copying "
                "the file) still hold their data: delete those, or erase the person again after "
                "restoring one.\n\n"
                "If the person has only left the firm, use “Mark as left” instead.\n\n"
                "To confirm, type the person's full name:"
            ).format(name=name),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.confirm = QLineEdit(self)
        self.confirm.setObjectName("confirm_name")
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = self.buttons.addButton(
            _("&Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setObjectName("erase_button")
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(
            lambda text: self.erase_button.setEnabled(text.strip() == self.name)
        )
        layout.addWidget(self.buttons)
        self.confirm.setFocus()


class TeamsDialog(QDialog):
    """Add, rename and delete teams."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._versions: dict[int, int] = {}
        self.saving: VersionedSave[people_service.TeamInput] = VersionedSave(
            self, ctx, labels=lambda: {"name": _("Team name:").rstrip(":")}
        )
        self.setObjectName("TeamsDialog")
        self.setWindowTitle(_("Teams"))
        self.setMinimumSize(380, 320)
        layout = QHBoxLayout(self)
        self.list = ChoiceList(self, "team_list", ticks=False)
        layout.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.add_button = QPushButton(_("&Add…"), self)
        self.add_button.setObjectName("add_team")
        self.rename_button = QPushButton(_("&Rename…"), self)
        self.rename_button.setObjectName("rename_team")
        self.delete_button = QPushButton(_("&Delete"), self)
        self.delete_button.setObjectName("delete_team")
        close = QPushButton(_("&Close"), self)
        close.clicked.connect(self.accept)
        for button in (self.add_button, self.rename_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(close)
        layout.addLayout(side)
        self.add_button.clicked.connect(self.add_team)
        self.rename_button.clicked.connect(self.rename_team)
        self.delete_button.clicked.connect(self.delete_team)
        self.list.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    def reload(self, select: int | None = None) -> None:
        with self.ctx.session() as session:
            teams = people_service.list_teams(session)
        self._versions = {team.id or 0: team.row_version for team in teams}
        self.list.set_choices(Choice(team.id or 0, team.name) for team in teams)
        if select is not None:
            row = self.list.choices_model.row_of(select)
            if row >= 0:
                self.list.setCurrentIndex(self.list.choices_model.index(row, 0))
        self._update_buttons()

    def _chosen(self) -> Choice | None:
        index = self.list.currentIndex()
        return self.list.choices_model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self._chosen() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _ask_name(self, title: str, current: str = "") -> str | None:
        name, ok = QInputDialog.getText(
            self, title, _("Team name:"), QLineEdit.EchoMode.Normal, current
        )
        return name if ok else None

    def _run(self, action: Callable[[Session], Team | None]) -> int | None:
        try:
            with self.ctx.session() as session:
                result = action(session)
                team_id = result.id if result is not None else None
        except UserError as exc:
            QMessageBox.warning(self, _("Teams"), str(exc))
            return None
        self.ctx.notify(Change.TEAMS)
        return team_id

    def add_team(self) -> None:
        name = self._ask_name(_("New team"))
        if name is not None:
            scope = self.ctx.scope
            self.reload(self._run(lambda s: people_service.create_team(s, name=name, scope=scope)))

    def rename_team(self) -> None:
        item = self._chosen()
        if item is None or self.saving.saving:
            return
        team_id = item.id
        # The name as the list showed it: a rename another made since then is a question.
        self.saving.read(
            version=self._versions.get(team_id), values=people_service.TeamInput(item.text)
        )
        name = self._ask_name(_("Rename team"), item.text)
        if name is None:
            return
        scope = self.ctx.scope

        def save(
            session: Session,
            data: people_service.TeamInput,
            version: int | None,
            base: people_service.TeamInput | None,
        ) -> int | None:
            return people_service.rename_team(
                session,
                team_id=team_id,
                name=data.name,
                scope=scope,
                expected_version=version,
                base=base,
            ).id

        self.saving.save(
            people_service.TeamInput(name),
            op=save,
            changes=(Change.TEAMS,),
            success=self.reload,
            failure=lambda exc: QMessageBox.warning(self, _("Teams"), str(exc)),
        )

    def delete_team(self) -> None:
        item = self._chosen()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete team"),
            _("Delete the team {name}? Its members stay, without a team.").format(name=item.text),
        )
        if answer == QMessageBox.StandardButton.Yes:
            team_id = item.id
            scope = self.ctx.scope

            def delete(session: Session) -> None:
                people_service.delete_team(session, team_id=team_id, scope=scope)

            self._run(delete)
            self.reload()
