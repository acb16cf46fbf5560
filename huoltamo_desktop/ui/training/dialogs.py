"""Dialogs of the Training page: plan a training, feedback, a passed training's outcome, a budget."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.training import APPLIED_LABELS, PAID_BY_LABELS
from huoltamo_desktop.i18n import _, date_input_format, format_date
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_plan as plan_service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList
from huoltamo_desktop.ui.widgets.forms import (
    error_label,
    fill_combo,
    from_qdate,
    show_validation_error,
    to_qdate,
)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("dialog_ok")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class PlanDialog(QDialog):
    """Plan one training for people: run or date, cost per person, who pays, funding in force."""

    def __init__(
        self,
        ctx: AppContext,
        offering_id: int,
        parent: QWidget | None = None,
        *,
        person_ids: list[int] | None = None,
        action_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offering_id = offering_id
        self.action_id = action_id
        self.setWindowTitle(_("Plan a training"))
        self.setMinimumWidth(520)
        from huoltamo_desktop.services.people import list_people

        with ctx.session() as session:
            detail = svc.offering_detail(session, offering_id=offering_id)
            people = [p for p in list_people(session, scope=ctx.scope) if p.status == "active"]
        self.detail = detail
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{detail.row.title}</b><br/>{detail.row.provider}", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        chosen = set(person_ids or [])
        self.people = ChoiceList(
            self,
            "plan_people",
            ticks=True,
            choices=(
                Choice(
                    person.id or 0,
                    person.full_name + (f" – {person.job_title}" if person.job_title else ""),
                    ticked=person.id in chosen,
                )
                for person in people
            ),
        )
        self.people.setMinimumHeight(150)
        form.addRow(_("&People:"), self.people)
        self.run = QComboBox(self)
        self.run.setObjectName("plan_run")
        fill_combo(
            self.run,
            [(_("No fixed run: choose a date"), None)]
            + [
                (
                    " · ".join(
                        b
                        for b in (
                            format_date(r.starts_on),
                            _("online") if r.online else r.place,
                            svc.money_text(r.price_cents),
                        )
                        if b
                    ),
                    r.id,
                )
                for r in detail.runs
            ],
        )
        form.addRow(_("&Run:"), self.run)
        self.date = QDateEdit(self)
        self.date.setObjectName("plan_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_input_format())
        self.date.setDate(to_qdate(date.today()))
        form.addRow(_("&Date:"), self.date)
        self.cost = QDoubleSpinBox(self)
        self.cost.setObjectName("plan_cost")
        self.cost.setRange(0, 100000)
        self.cost.setDecimals(2)
        self.cost.setSuffix(" €")
        self.cost.setValue((detail.row.cost_cents or 0) / 100)
        form.addRow(_("&Cost per person:"), self.cost)
        self.paid_by = QComboBox(self)
        self.paid_by.setObjectName("plan_paid_by")
        fill_combo(self.paid_by, [(_(label), key) for key, label in PAID_BY_LABELS.items()])
        form.addRow(_("Paid &by:"), self.paid_by)
        self.funding = QComboBox(self)
        self.funding.setObjectName("plan_funding")
        form.addRow(_("&Funding:"), self.funding)
        self.note = QLineEdit(self)
        self.note.setObjectName("plan_note")
        form.addRow(_("&Note:"), self.note)
        layout.addLayout(form)
        self.funding_hint = QLabel(self)
        self.funding_hint.setWordWrap(True)
        self.funding_hint.setStyleSheet("color: #444444;")
        layout.addWidget(self.funding_hint)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("&Add to the plan")))
        self.run.currentIndexChanged.connect(self._run_changed)
        self.date.dateChanged.connect(lambda _d: self._fill_funding())
        self._run_changed()

    def _run_changed(self) -> None:
        run_id = self.run.currentData()
        run = next((r for r in self.detail.runs if r.id == run_id), None)
        self.date.setEnabled(run is None)
        if run is not None:
            self.date.setDate(to_qdate(run.starts_on))
            if run.price_cents is not None:
                self.cost.setValue(run.price_cents / 100)
        self._fill_funding()

    def _fill_funding(self) -> None:
        """Only rules in force on the planned date are offered; ended ones are named, never offered."""
        day = from_qdate(self.date.date())
        with self.ctx.session() as session:
            in_force = svc.funding_in_force(session, offering_id=self.offering_id, day=day)
        fill_combo(
            self.funding,
            [(_("No public funding"), None)] + [(rule.name, rule.id) for rule in in_force],
            self.funding.currentData(),
        )
        ended = [
            r.name
            for r in self.detail.funding
            if r.state == "ended" and r.id not in {x.id for x in in_force}
        ]
        self.funding_hint.setText(
            _("No longer available: {names}.").format(names=", ".join(ended)) if ended else ""
        )
        self.funding_hint.setVisible(bool(ended))

    def person_ids(self) -> list[int]:
        return self.people.ticked()

    def accept(self) -> None:
        try:
            with self.ctx.session() as session:
                plan_service.plan_training(
                    session,
                    person_ids=self.person_ids(),
                    offering_id=self.offering_id,
                    run_id=self.run.currentData(),
                    planned_on=from_qdate(self.date.date()),
                    cost_cents=round(self.cost.value() * 100),
                    paid_by=self.paid_by.currentData(),
                    funding_rule_id=self.funding.currentData(),
                    action_id=self.action_id,
                    note=self.note.text(),
                    scope=self.ctx.scope,
                )
        except UserError as exc:
            show_validation_error(
                self,
                exc,
                {"people": self.people, "funding": self.funding, "cost": self.cost},
                self.error,
            )
            return
        super().accept()


class FeedbackDialog(QDialog):
    """The quick rating after a training and, about three months on, "applied at work?"."""

    def __init__(
        self, ctx: AppContext, row: plan_service.PlanRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.setWindowTitle(_("Feedback on a training"))
        layout = QVBoxLayout(self)
        label = QLabel(
            f"<b>{row.title}</b><br/>{row.person_name} · {format_date(row.completed_on)}", self
        )
        label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(label)
        layout.addWidget(QLabel(_("How useful was the training? (1 = not at all, 5 = very)"), self))
        stars = QHBoxLayout()
        self.rating = QButtonGroup(self)
        for value in range(1, 6):
            button = QRadioButton(str(value), self)
            button.setObjectName(f"rating_{value}")
            self.rating.addButton(button, value)
            stars.addWidget(button)
            if row.rating == value:
                button.setChecked(True)
        stars.addStretch(1)
        layout.addLayout(stars)
        layout.addWidget(QLabel(_("Has what was learnt been applied at work?"), self))
        applied_row = QHBoxLayout()
        self.applied = QButtonGroup(self)
        self._applied_keys: dict[int, str] = {}
        for i, (key, text) in enumerate(APPLIED_LABELS.items(), start=1):
            button = QRadioButton(_(text), self)
            button.setObjectName(f"applied_{key}")
            self.applied.addButton(button, i)
            self._applied_keys[i] = key
            applied_row.addWidget(button)
            if row.applied == key:
                button.setChecked(True)
        applied_row.addStretch(1)
        layout.addLayout(applied_row)
        hint = QLabel(
            _("Ask this about three months after the training, when the answer means something."),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #444444;")
        layout.addWidget(hint)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("&Save")))

        self.saving: VersionedSave[plan_service.FeedbackInput] = VersionedSave(
            self, ctx, labels=self._labels, display=self._display
        )
        self.saving.read(version=row.row_version, values=self.feedback())

    def feedback(self) -> plan_service.FeedbackInput:
        rating = self.rating.checkedId()
        return plan_service.FeedbackInput(
            rating if rating >= 1 else None, self._applied_keys.get(self.applied.checkedId())
        )

    def _labels(self) -> dict[str, str]:
        return {"rating": _("Rating"), "applied": _("Applied at work")}

    def _display(self, name: str, value: object) -> str:
        if name == "applied" and isinstance(value, str):
            return _(APPLIED_LABELS.get(value, value))
        return plain_display(name, value)

    def accept(self) -> None:
        data = self.feedback()
        if data.rating is None and data.applied is None:
            self.error.setText(_("Choose a rating or an answer first."))
            self.error.setVisible(True)
            return
        if self.saving.saving:
            return
        item_id = self.row.id

        def save(
            session: Session,
            values: plan_service.FeedbackInput,
            version: int | None,
            base: plan_service.FeedbackInput | None,
        ) -> None:
            plan_service.save_feedback(
                session, item_id=item_id, data=values, expected_version=version, base=base
            )

        self.saving.save(
            data,
            op=save,
            changes=(Change.TRAINING,),
            success=lambda _result: super(FeedbackDialog, self).accept(),
            failure=lambda exc: show_validation_error(self, exc, {}, self.error),
        )


class OutcomeDialog(QDialog):
    """A passed training proposes new skill levels and a renewed card; the manager confirms."""

    def __init__(self, ctx: AppContext, item_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item_id = item_id
        self.setWindowTitle(_("Confirm what the training gave"))
        self.setMinimumWidth(460)
        with ctx.session() as session:
            self.proposal = plan_service.outcome_proposal(session, item_id=item_id)
        p = self.proposal
        layout = QVBoxLayout(self)
        label = QLabel(f"<b>{p.title}</b><br/>{p.person_name}", self)
        label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(label)
        self.checks: dict[int, QCheckBox] = {}
        if p.ratings:
            layout.addWidget(
                QLabel(_("New levels, recorded as your rating on the day of the training:"), self)
            )
        for line in p.ratings:
            before = _("not rated") if line.current is None else str(line.current)
            box = QCheckBox(
                _("{skill}: {before} → {after} ({date})").format(
                    skill=line.skill_name,
                    before=before,
                    after=line.proposed,
                    date=format_date(line.on),
                ),
                self,
            )
            box.setObjectName(f"outcome_skill_{line.skill_id}")
            box.setChecked(True)
            self.checks[line.skill_id] = box
            layout.addWidget(box)
        self.card: QCheckBox | None = None
        if p.card is not None:
            expiry = (
                _("valid until {date}").format(date=format_date(p.card.expires_on))
                if p.card.expires_on
                else _("no expiry")
            )
            self.card = QCheckBox(
                _("A new {card}, obtained {date}, {expiry}").format(
                    card=p.card.card_name, date=format_date(p.card.obtained_on), expiry=expiry
                ),
                self,
            )
            self.card.setObjectName("outcome_card")
            self.card.setChecked(True)
            layout.addWidget(self.card)
        if not p.ratings and p.card is None:
            layout.addWidget(
                QLabel(
                    _(
                        "The person is already at the levels this training leads to; nothing to record."
                    ),
                    self,
                )
            )
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("&Confirm")))

    def accept(self) -> None:
        try:
            with self.ctx.session() as session:
                plan_service.confirm_outcome(
                    session,
                    item_id=self.item_id,
                    skill_ids=[sid for sid, box in self.checks.items() if box.isChecked()],
                    card=self.card is not None and self.card.isChecked(),
                )
        except UserError as exc:
            show_validation_error(self, exc, {}, self.error)
            return
        super().accept()


class BudgetDialog(QDialog):
    """The year's training budget of one team (empty clears it)."""

    def __init__(
        self,
        ctx: AppContext,
        year: int,
        budget: plan_service.TeamBudget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.team_id = budget.team_id
        self.setWindowTitle(_("Training budget {year}").format(year=year))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.amount = QDoubleSpinBox(self)
        self.amount.setObjectName("budget_amount")
        self.amount.setRange(0, 10_000_000)
        self.amount.setDecimals(0)
        self.amount.setSuffix(" €")
        self.amount.setValue((budget.budget_cents or 0) / 100)
        form.addRow(_("Budget for {team}:").format(team=budget.team_name), self.amount)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("&Save")))
        self.saving: VersionedSave[plan_service.BudgetInput] = VersionedSave(
            self,
            ctx,
            labels=lambda: {"amount_cents": _("Training budget {year}").format(year=year)},
            display=self._display,
        )
        self.saving.read(
            version=budget.row_version,
            values=plan_service.BudgetInput(budget.budget_cents)
            if budget.budget_cents is not None
            else self.form_input(),
        )

    def accept(self) -> None:
        if self.saving.saving:
            return
        year, team_id, scope = self.year, self.team_id, self.ctx.scope

        def save(
            session: Session,
            data: plan_service.BudgetInput,
            version: int | None,
            base: plan_service.BudgetInput | None,
        ) -> None:
            plan_service.set_budget(
                session,
                year=year,
                team_id=team_id,
                amount_cents=data.amount_cents,
                scope=scope,
                expected_version=version,
                base=base,
            )

        self.saving.save(
            self.form_input(),
            op=save,
            changes=(Change.TRAINING,),
            success=lambda _result: super(BudgetDialog, self).accept(),
            failure=lambda exc: show_validation_error(
                self, exc, {"budget": self.amount}, self.error
            ),
        )

    def form_input(self) -> plan_service.BudgetInput:
        return plan_service.BudgetInput(round(self.amount.value() * 100))

    def _display(self, _name: str, value: object) -> str:
        return svc.money_text(value) if isinstance(value, int) else _("not set")
