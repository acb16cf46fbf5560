"""The rotation editor (a learning contract, checked as you fill it in) and the outcome dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.rotations import (
    KIND_HELP,
    KIND_LABELS,
    STATUS_LABELS,
    PlanData,
    RotationKind,
)
from huoltamo_desktop.i18n import _, date_input_format
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import rotations as svc
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.forms import (
    error_label,
    fill_combo,
    from_qdate,
    show_validation_error,
    to_qdate,
)


def confirm_warnings(parent: QWidget, error: svc.RotationWarnings) -> bool:
    """Ask whether to save despite the warnings; they are recorded with the rotation."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Check the plan"))
    box.setText(_("The checks found something to look at before saving:"))
    box.setInformativeText("\n".join("• " + i.text for i in error.issues))
    save = box.addButton(_("&Save anyway"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setObjectName("rotation_warnings")
    box.exec()
    return box.clickedButton() is save


class RotationDialog(QDialog):
    """Create or edit a rotation. The checks run as the fields change; saving with
    warnings asks first and records what was accepted."""

    def __init__(
        self,
        parent: QWidget,
        *,
        plan: PlanData,
        skills: list[tuple[int, str]],
        initial: svc.RotationInput | None = None,
        rotation_id: int | None = None,
        actions_for: Callable[[int], list[tuple[int, str]]] | None = None,
        follows_action: int | None = None,
        ctx: AppContext,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rotation_dialog")
        self.ctx = ctx
        self.saved_id = 0
        self._actions_for = actions_for
        self._follows_initial = follows_action
        self.setWindowTitle(_("Edit the rotation") if rotation_id else _("New rotation"))
        self.plan = plan
        self.rotation_id = rotation_id
        self.result_input: svc.RotationInput | None = None
        self.accept_warnings = False
        self._skills = skills
        people = sorted(plan.people.values(), key=lambda p: sort_key(p.name))
        person_items: list[tuple[str, object]] = [(p.name, p.id) for p in people]
        nobody: list[tuple[str, object]] = [(_("– nobody –"), None)]

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("rotation_kind")
        fill_combo(self.kind, [(_(label), k) for k, label in KIND_LABELS.items()])
        self.kind_help = QLabel(self)
        self.kind_help.setWordWrap(True)
        self.kind_help.setStyleSheet("color: #555;")
        self.person = QComboBox(self)
        self.person.setObjectName("rotation_person")
        fill_combo(self.person, person_items)
        self.partner = QComboBox(self)
        self.partner.setObjectName("rotation_partner")
        fill_combo(self.partner, nobody + person_items)
        self.partner_label = QLabel(_("S&waps with"), self)
        self.partner_label.setBuddy(self.partner)
        self.destination = QLineEdit(self)
        self.destination.setObjectName("rotation_destination")
        self.destination.setPlaceholderText(
            _("e.g. the assembly line, customer service, a project")
        )
        self.destination.setMaxLength(200)
        self.host = QComboBox(self)
        self.host.setObjectName("rotation_host")
        fill_combo(self.host, nobody + person_items)
        self.cover = QComboBox(self)
        self.cover.setObjectName("rotation_cover")
        fill_combo(self.cover, nobody + person_items)
        dates = QHBoxLayout()
        self.starts = QDateEdit(self)
        self.starts.setObjectName("rotation_starts")
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat(date_input_format())
        self.ends = QDateEdit(self)
        self.ends.setObjectName("rotation_ends")
        self.ends.setCalendarPopup(True)
        self.ends.setDisplayFormat(date_input_format())
        dates.addWidget(self.starts)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.ends)
        dates.addStretch(1)
        self.share = QSpinBox(self)
        self.share.setObjectName("rotation_share")
        self.share.setRange(5, 100)
        self.share.setSingleStep(5)
        self.share.setSuffix(" %")
        self.status = QComboBox(self)
        self.status.setObjectName("rotation_status")
        fill_combo(self.status, [(_(label), s) for s, label in STATUS_LABELS.items()])

        form.addRow(_("&Kind"), self.kind)
        form.addRow("", self.kind_help)
        form.addRow(_("&Who rotates"), self.person)
        form.addRow(self.partner_label, self.partner)
        form.addRow(_("W&here to"), self.destination)
        form.addRow(_("&Host who guides"), self.host)
        form.addRow(_("&Covers their tasks"), self.cover)
        period_label = QLabel(_("&Period"), self)
        period_label.setBuddy(self.starts)
        form.addRow(period_label, dates)
        form.addRow(_("Share of working &time"), self.share)
        form.addRow(_("Stat&us"), self.status)
        self.follows = QComboBox(self)
        self.follows.setObjectName("rotation_follows")
        self.follows.setToolTip(
            _("An action agreed in a career conversation that this rotation carries out.")
        )
        form.addRow(_("&Follows up"), self.follows)
        layout.addLayout(form)

        layout.addWidget(QLabel(_("Learning goals: skills and the level to reach"), self))
        self.goals = QTableWidget(0, 2, self)
        self.goals.setObjectName("rotation_goals")
        self.goals.setHorizontalHeaderLabels([_("Skill"), _("Target level")])
        self.goals.horizontalHeader().setStretchLastSection(False)
        self.goals.horizontalHeader().setSectionResizeMode(
            0, self.goals.horizontalHeader().ResizeMode.Stretch
        )
        self.goals.verticalHeader().setVisible(False)
        self.goals.setMinimumHeight(110)
        layout.addWidget(self.goals)
        goal_buttons = QHBoxLayout()
        self.add_goal = QPushButton(_("&Add a goal"), self)
        self.add_goal.setObjectName("rotation_add_goal")
        self.remove_goal = QPushButton(_("&Remove the goal"), self)
        goal_buttons.addWidget(self.add_goal)
        goal_buttons.addWidget(self.remove_goal)
        goal_buttons.addStretch(1)
        layout.addLayout(goal_buttons)

        self.checks = QLabel(self)
        self.checks.setObjectName("rotation_checks")
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.checks)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        layout.addWidget(self.buttons)
        self.resize(620, 640)

        start = date.today() + timedelta(days=14)
        data = initial or svc.RotationInput(
            kind=RotationKind.SWAP,
            person_id=people[0].id if people else 0,
            starts_on=start - timedelta(days=start.weekday()),
            ends_on=start - timedelta(days=start.weekday()) + timedelta(weeks=8, days=-3),
        )
        self._load(data)
        self.saving: VersionedSave[svc.RotationInput] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        if rotation_id is not None:
            self.saving.read(version=version, values=self.current_input())

        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.add_goal.clicked.connect(lambda: self._add_goal_row(None, 3))
        self.remove_goal.clicked.connect(self._remove_goal)
        for combo in (self.kind, self.person, self.partner, self.host, self.cover, self.status):
            combo.currentIndexChanged.connect(self._changed)
        self.person.currentIndexChanged.connect(self._fill_actions)
        self._fill_actions()
        self.starts.dateChanged.connect(self._changed)
        self.ends.dateChanged.connect(self._changed)
        self.share.valueChanged.connect(self._changed)
        self._changed()

    def _load(self, data: svc.RotationInput) -> None:
        for combo, value in (
            (self.kind, data.kind),
            (self.person, data.person_id),
            (self.partner, data.partner_id),
            (self.host, data.host_id),
            (self.cover, data.cover_id),
            (self.status, data.status),
        ):
            index = combo.findData(value)
            combo.setCurrentIndex(max(0, index))
        self.destination.setText(data.destination)
        self.starts.setDate(to_qdate(data.starts_on))
        self.ends.setDate(to_qdate(data.ends_on))
        self.share.setValue(data.share_percent)
        for skill_id, level in data.goals:
            self._add_goal_row(skill_id, level)

    def _fill_actions(self) -> None:
        current = self.follows.currentData() if self.follows.count() else self._follows_initial
        person = int(self.person.currentData() or 0)
        items: list[tuple[str, object]] = [(_("– no agreed action –"), None)]
        if self._actions_for is not None and person:
            items += [(what, action_id) for action_id, what in self._actions_for(person)]
        fill_combo(self.follows, items, current)

    def follows_action(self) -> int | None:
        value = self.follows.currentData()
        return int(value) if value is not None else None

    def _add_goal_row(self, skill_id: int | None, level: int) -> None:
        row = self.goals.rowCount()
        self.goals.insertRow(row)
        combo = QComboBox(self.goals)
        combo.setObjectName(f"goal_skill_{row}")
        fill_combo(combo, [(name, sid) for sid, name in self._skills], skill_id)
        spin = QSpinBox(self.goals)
        spin.setRange(1, 4)
        spin.setValue(level)
        self.goals.setCellWidget(row, 0, combo)
        self.goals.setCellWidget(row, 1, spin)
        combo.currentIndexChanged.connect(self._changed)
        spin.valueChanged.connect(self._changed)
        self._changed()

    def _remove_goal(self) -> None:
        row = self.goals.currentRow()
        if row < 0:
            row = self.goals.rowCount() - 1
        if row >= 0:
            self.goals.removeRow(row)
            self._changed()

    def current_input(self) -> svc.RotationInput:
        goals = []
        for row in range(self.goals.rowCount()):
            combo = self.goals.cellWidget(row, 0)
            spin = self.goals.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and isinstance(spin, QSpinBox) and combo.currentData():
                goals.append((int(combo.currentData()), spin.value()))
        kind = str(self.kind.currentData())
        return svc.RotationInput(
            kind=kind,
            person_id=int(self.person.currentData() or 0),
            starts_on=from_qdate(self.starts.date()),
            ends_on=from_qdate(self.ends.date()),
            share_percent=self.share.value(),
            partner_id=self.partner.currentData() if kind == RotationKind.SWAP else None,
            host_id=self.host.currentData(),
            cover_id=self.cover.currentData(),
            destination=self.destination.text(),
            goals=tuple(goals),
            status=str(self.status.currentData()),
        )

    def _changed(self) -> None:
        kind = str(self.kind.currentData())
        self.kind_help.setText(_(KIND_HELP.get(kind, "")))
        is_swap = kind == RotationKind.SWAP
        self.partner.setVisible(is_swap)
        self.partner_label.setVisible(is_swap)
        data = self.current_input()
        self.error.setVisible(False)
        try:
            svc.validate(data)
        except UserError as exc:
            self.checks.setText("")
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        issues = svc.check_in_plan(self.plan, data=data, rotation_id=self.rotation_id)
        if issues:
            self.checks.setStyleSheet("color: #8a4b00;")
            self.checks.setText(_("Checks:") + "\n" + "\n".join("• " + i.text for i in issues))
        else:
            self.checks.setStyleSheet("color: #2e6b30;")
            self.checks.setText(_("Checks: no conflicts, and every needed skill stays covered."))

    def _save(self) -> None:
        data = self.current_input()
        fields: dict[str, QWidget] = {
            "kind": self.kind,
            "person": self.person,
            "partner": self.partner,
            "host": self.host,
            "cover": self.cover,
            "ends_on": self.ends,
            "share_percent": self.share,
            "goals": self.goals,
        }
        try:
            svc.validate(data)
        except UserError as exc:
            show_validation_error(self, exc, fields, self.error)
            return
        issues = svc.check_in_plan(self.plan, data=data, rotation_id=self.rotation_id)
        if issues and not confirm_warnings(self, svc.RotationWarnings(issues)):
            return
        if self.saving.saving:
            return
        self.result_input = data
        self.accept_warnings = bool(issues)
        rotation_id, accept, follows = self.rotation_id, bool(issues), self.follows_action()

        def save(
            session: Session,
            values: svc.RotationInput,
            version: int | None,
            base: svc.RotationInput | None,
        ) -> int:
            saved = svc.save_rotation(
                session,
                data=values,
                rotation_id=rotation_id,
                accept_warnings=accept,
                expected_version=version,
                base=base,
            )
            svc.link_action(session, rotation_id=saved.id or 0, action_id=follows)
            return saved.id or 0

        self.saving.save(
            data,
            op=save,
            changes=(Change.ROTATIONS,),
            success=self._saved,
            failure=lambda exc: show_validation_error(self, exc, fields, self.error),
        )

    def _saved(self, rotation_id: int) -> None:
        self.saved_id = rotation_id
        self.accept()

    def _labels(self) -> dict[str, str]:
        """The editor's own labels, for the dialog that shows a clash."""
        labels = {
            "kind": _("&Kind"),
            "person_id": _("&Who rotates"),
            "partner_id": _("S&waps with"),
            "destination": _("W&here to"),
            "host_id": _("&Host who guides"),
            "cover_id": _("&Covers their tasks"),
            "starts_on": _("Starts on"),
            "ends_on": _("Ends on"),
            "share_percent": _("Share of working &time"),
            "status": _("Stat&us"),
            "goals": _("Learning goals"),
        }
        return {name: text.replace("&", "") for name, text in labels.items()}

    def _display(self, name: str, value: object) -> str:
        """A field's value as the editor shows it: people and skills by name."""
        if name in ("person_id", "partner_id", "host_id", "cover_id"):
            person = self.plan.people.get(value) if isinstance(value, int) else None
            return person.name if person is not None else ""
        if name == "kind" and isinstance(value, str):
            return _(KIND_LABELS.get(value, value))
        if name == "status" and isinstance(value, str):
            return _(STATUS_LABELS.get(value, value))
        if name == "share_percent":
            return f"{value} %"
        if name == "goals" and isinstance(value, tuple):
            names = dict(self._skills)
            return ", ".join(
                _("{skill} to level {level}").format(skill=names.get(sid, ""), level=level)
                for sid, level in value
            )
        return plain_display(name, value)


class OutcomeDialog(QDialog):
    """What the person and the host say was learned, the levels they propose, and the
    manager's confirmation that turns them into skill ratings."""

    def __init__(
        self,
        parent: QWidget,
        *,
        rotation: svc.RotationView,
        ctx: AppContext,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcome_dialog")
        self.setWindowTitle(_("What the rotation taught"))
        self.rotation = rotation
        self.ctx = ctx
        self.confirm = False
        self.count = 0  # skill ratings recorded by confirming
        layout = QVBoxLayout(self)
        guide = rotation.host_name or rotation.partner_name
        text = (
            _(
                "{person} and the host {host} tell in their own words what was learned. "
                "The proposed levels become agreed skill ratings once you confirm them."
            )
            if guide
            else _(
                "{person} tells in their own words what was learned. "
                "The proposed levels become agreed skill ratings once you confirm them."
            )
        )
        intro = QLabel(text.format(person=rotation.person_name, host=guide), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.person_text = QPlainTextEdit(self)
        self.person_text.setObjectName("outcome_person")
        self.person_text.setPlainText(rotation.outcome_person)
        own = QLabel(_("&In their own words"), self)
        own.setBuddy(self.person_text)
        layout.addWidget(own)
        layout.addWidget(self.person_text)
        self.host_text = QPlainTextEdit(self)
        self.host_text.setObjectName("outcome_host")
        self.host_text.setPlainText(rotation.outcome_host)
        host = QLabel(_("The &host's view"), self)
        host.setBuddy(self.host_text)
        layout.addWidget(host)
        layout.addWidget(self.host_text)
        form = QFormLayout()
        self.levels: dict[int, QSpinBox] = {}
        for goal in rotation.goals:
            spin = QSpinBox(self)
            spin.setObjectName(f"outcome_level_{goal.skill_id}")
            spin.setRange(0, 4)
            spin.setValue(
                goal.proposed_level if goal.proposed_level is not None else goal.target_level
            )
            spin.setEnabled(not goal.rated)
            note = _("now {level}, target {target}").format(
                level=goal.level_now, target=goal.target_level
            )
            if goal.rated:
                note = _("confirmed as a skill rating")
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(QLabel(note, self))
            row.addStretch(1)
            form.addRow(goal.skill_name, row)
            self.levels[goal.skill_id] = spin
        if not rotation.goals:
            form.addRow(QLabel(_("This rotation has no skill goals."), self))
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(self)
        save = self.buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("outcome_save")
        confirm = self.buttons.addButton(
            _("Save and &confirm the levels"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        confirm.setObjectName("outcome_confirm")
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(self.accept)
        confirm.clicked.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 520)
        self.saving: VersionedSave[svc.OutcomeInput] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        self.saving.read(version=version, values=self.form_input())

    def _confirm(self) -> None:
        self._save(confirm=True)

    def accept(self) -> None:
        self._save(confirm=False)

    def proposed(self) -> dict[int, int]:
        return {sid: spin.value() for sid, spin in self.levels.items() if spin.isEnabled()}

    def form_input(self) -> svc.OutcomeInput:
        return svc.OutcomeInput(
            self.person_text.toPlainText().strip(),
            self.host_text.toPlainText().strip(),
            tuple(sorted(self.proposed().items())),
        )

    def _labels(self) -> dict[str, str]:
        return {
            "person_text": _("&In their own words").replace("&", ""),
            "host_text": _("The &host's view").replace("&", ""),
            "proposed": _("Learning goals"),
        }

    def _display(self, name: str, value: object) -> str:
        if name == "proposed" and isinstance(value, tuple):
            names = {g.skill_id: g.skill_name for g in self.rotation.goals}
            return ", ".join(
                _("{skill} to level {level}").format(skill=names.get(sid, ""), level=level)
                for sid, level in value
            )
        return plain_display(name, value)

    def _save(self, *, confirm: bool) -> None:
        if self.saving.saving:
            return
        rotation_id = self.rotation.id

        def save(
            session: Session,
            data: svc.OutcomeInput,
            version: int | None,
            base: svc.OutcomeInput | None,
        ) -> int:
            svc.record_outcome(
                session,
                rotation_id=rotation_id,
                person_text=data.person_text,
                host_text=data.host_text,
                proposed=dict(data.proposed),
                expected_version=version,
                base=base,
            )
            return svc.confirm_outcome(session, rotation_id=rotation_id) if confirm else 0

        def saved(count: int) -> None:
            self.confirm, self.count = confirm, count
            super(OutcomeDialog, self).accept()

        self.saving.save(
            self.form_input(),
            op=save,
            changes=(Change.ROTATIONS, Change.SKILLS) if confirm else (Change.ROTATIONS,),
            success=saved,
            failure=lambda exc: QMessageBox.warning(self, self.windowTitle(), str(exc)),
        )


class AbsenceDialog(QDialog):
    """A known absence: who and when, with a short note such as "summer holiday"."""

    def __init__(self, parent: QWidget, *, people: list[tuple[str, int]]) -> None:
        super().__init__(parent)
        self.setObjectName("absence_dialog")
        self.setWindowTitle(_("Add an absence"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.person = QComboBox(self)
        self.person.setObjectName("absence_person")
        fill_combo(self.person, [(name, pid) for name, pid in people])
        self.starts = QDateEdit(self)
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat(date_input_format())
        self.starts.setDate(to_qdate(date.today()))
        self.ends = QDateEdit(self)
        self.ends.setCalendarPopup(True)
        self.ends.setDisplayFormat(date_input_format())
        self.ends.setDate(to_qdate(date.today() + timedelta(days=4)))
        self.note = QLineEdit(self)
        self.note.setObjectName("absence_note")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(_("e.g. summer holiday, study leave"))
        form.addRow(_("&Who"), self.person)
        form.addRow(_("&From"), self.starts)
        form.addRow(_("&To"), self.ends)
        form.addRow(_("&Note"), self.note)
        layout.addLayout(form)
        hint = QLabel(_("Write no health details here: the dates are enough for the plan."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[int, date, date, str]:
        return (
            int(self.person.currentData() or 0),
            from_qdate(self.starts.date()),
            from_qdate(self.ends.date()),
            self.note.text(),
        )
