"""The plan tab: the year's trainings per team with their state, the budget, feedback and the PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.training import (
    APPLIED_LABELS,
    DONE_STATUSES,
    PAID_BY_LABELS,
    PLAN_STATUS_LABELS,
    PlanStatus,
)
from huoltamo_desktop.i18n import N_, _, current_language, format_date, format_money, ngettext
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_plan as plan_service
from huoltamo_desktop.services.training_plan import PlanRow, TeamBudget
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.training.dialogs import (
    BudgetDialog,
    FeedbackDialog,
    OutcomeDialog,
    PlanDialog,
)
from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.page import search_field
from huoltamo_desktop.ui.widgets.pdf_output import PdfDialog
from huoltamo_desktop.ui.widgets.table_model import ON_COLOUR, Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table

if TYPE_CHECKING:
    from huoltamo_desktop.reports.training_plan import TrainingPlanReport

ALL_TEAMS = -1
STATUS_COLOURS: dict[str, str] = {
    PlanStatus.PASSED: "#d8efd0",
    PlanStatus.NOT_COMPLETED: "#ffe08a",
    PlanStatus.CANCELLED: "#eceff1",
}


def _plan_pdf(report: TrainingPlanReport) -> bytes:
    from huoltamo_desktop.reports.training_plan import (
        build_training_plan_pdf,  # ReportLab, when needed
    )

    return build_training_plan_pdf(report)


def _money(cents: int | None) -> str:
    return "–" if cents is None else format_money(cents / 100)


class PlanModel(RowsModel[PlanRow]):
    """The year's planned training; a row is coloured by its status."""

    def row_data(self, row: PlanRow, role: int) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and row.status in STATUS_COLOURS:
            return QColor(STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.ForegroundRole and row.status in STATUS_COLOURS:
            return ON_COLOUR
        return None


def _money_column(title: str, cents: Callable[[TeamBudget], int | None]) -> Column[TeamBudget]:
    return Column(title, lambda b: _money(cents(b)), key=lambda b: cents(b) or 0, number=True)


def _feedback_text(row: PlanRow) -> str:
    parts = []
    if row.rating is not None:
        parts.append(f"{row.rating}/5")
    if row.applied is not None:
        parts.append(_(APPLIED_LABELS.get(row.applied, row.applied)))
    return " · ".join(parts)


class PlanPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pdf_dialog: PdfDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year:"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("plan_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        top.addWidget(self.year)
        top.addWidget(QLabel(_("Team:"), self))
        self.team = QComboBox(self)
        self.team.setObjectName("plan_team")
        self.team.setMinimumWidth(200)
        top.addWidget(self.team)
        top.addStretch(1)
        self.actions_button = QPushButton(_("Agreed &actions…"), self)
        self.actions_button.setObjectName("training_actions")
        self.pdf_button = QPushButton(_("The plan as &PDF…"), self)
        self.pdf_button.setObjectName("plan_pdf")
        top.addWidget(self.actions_button)
        top.addWidget(self.pdf_button)
        layout.addLayout(top)
        self.due = QLabel(self)
        self.due.setObjectName("feedback_due")
        self.due.setWordWrap(True)
        layout.addWidget(self.due)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = PlanModel(
            [
                Column(N_("Date"), lambda r: format_date(r.planned_on), key=lambda r: r.planned_on),
                Column(N_("Person"), lambda r: r.person_name),
                Column(N_("Team"), lambda r: r.team_name),
                Column(N_("Training"), lambda r: r.title),
                Column(
                    N_("Cost"),
                    lambda r: _money(r.cost_cents),
                    key=lambda r: r.cost_cents or 0,
                    number=True,
                ),
                Column(N_("Paid by"), lambda r: _(PAID_BY_LABELS.get(r.paid_by, r.paid_by))),
                Column(N_("Funding"), lambda r: r.funding),
                Column(N_("Status"), lambda r: _(PLAN_STATUS_LABELS.get(r.status, r.status))),
                Column(
                    N_("Feedback"), _feedback_text, key=lambda r: (r.rating or 0, r.applied or "")
                ),
            ],
            row_id=lambda r: r.id,
        )
        self.view = read_only_table(
            splitter, "plan_rows", self.model, resize=QHeaderView.ResizeMode.Interactive
        )
        self.view.setSortingEnabled(False)
        budget_box = QWidget(splitter)
        budget_layout = QVBoxLayout(budget_box)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.addWidget(QLabel(_("<b>Budget and costs the firm pays</b>"), budget_box))
        self.budget_model = RowsModel[TeamBudget](
            [
                Column(N_("Team"), lambda b: b.team_name),
                _money_column(N_("Budget"), lambda b: b.budget_cents),
                _money_column(N_("Planned"), lambda b: b.planned_cents),
                _money_column(N_("Spent"), lambda b: b.spent_cents),
                _money_column(N_("Left"), lambda b: b.left_cents),
            ]
        )
        self.budget_view = read_only_table(
            budget_box, "plan_budget", self.budget_model, resize=QHeaderView.ResizeMode.Stretch
        )
        self.budget_view.setSortingEnabled(False)
        budget_layout.addWidget(self.budget_view, 1)
        splitter.addWidget(self.view)
        splitter.addWidget(budget_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.booked_button = QPushButton(_("&Booked"), self)
        self.booked_button.setObjectName("mark_booked")
        self.passed_button = QPushButton(_("Pa&ssed…"), self)
        self.passed_button.setObjectName("mark_passed")
        self.not_completed_button = QPushButton(_("&Not completed"), self)
        self.not_completed_button.setObjectName("mark_not_completed")
        self.cancel_button = QPushButton(_("Ca&ncelled"), self)
        self.cancel_button.setObjectName("mark_cancelled")
        self.feedback_button = QPushButton(_("&Feedback…"), self)
        self.feedback_button.setObjectName("give_feedback")
        self.outcome_button = QPushButton(_("&Confirm levels and card…"), self)
        self.outcome_button.setObjectName("confirm_outcome")
        self.remove_button = QPushButton(_("&Remove"), self)
        self.remove_button.setObjectName("remove_plan_item")
        self.budget_button = QPushButton(_("Set &budget…"), self)
        self.budget_button.setObjectName("set_budget")
        for b in (
            self.booked_button,
            self.passed_button,
            self.not_completed_button,
            self.cancel_button,
            self.feedback_button,
            self.outcome_button,
            self.remove_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.budget_button)
        layout.addLayout(buttons)

        self.year.valueChanged.connect(lambda _v: self.reload())
        self.team.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.doubleClicked.connect(lambda _i: self._feedback())
        self.booked_button.clicked.connect(lambda: self._status(PlanStatus.BOOKED))
        self.passed_button.clicked.connect(self._passed)
        self.not_completed_button.clicked.connect(lambda: self._status(PlanStatus.NOT_COMPLETED))
        self.cancel_button.clicked.connect(lambda: self._status(PlanStatus.CANCELLED))
        self.feedback_button.clicked.connect(self._feedback)
        self.outcome_button.clicked.connect(self._outcome)
        self.remove_button.clicked.connect(self._remove)
        self.budget_button.clicked.connect(self._budget)
        self.budget_button.setVisible(ctx.scope.sees_all)  # budgets are the owner's to set
        self.pdf_button.clicked.connect(self._pdf)
        self.actions_button.clicked.connect(self._actions)

    def load_teams(self) -> None:
        from huoltamo_desktop.services.people import list_teams

        with self.ctx.session() as session:
            scope = self.ctx.scope
            teams = [
                (t.name, t.id)
                for t in list_teams(session)
                if scope.sees_all or t.id in scope.team_ids
            ]
        fill_combo(self.team, [(_("All teams"), ALL_TEAMS), *teams], self.team.currentData())

    def _team_id(self) -> int | None:
        value = self.team.currentData()
        return None if value in (None, ALL_TEAMS) else int(value)

    def reload(self) -> None:
        year = self.year.value()
        team_id = self._team_id()
        with self.ctx.session() as session:
            scope = self.ctx.scope
            rows = plan_service.plan_rows(session, year=year, team_id=team_id, scope=scope)
            budgets = plan_service.year_budget(session, year=year, scope=scope)
            due = plan_service.feedback_due(session, scope=scope)
            actions = plan_service.open_training_actions(session, scope=scope)
        if team_id is not None:
            budgets = [b for b in budgets if b.team_id == team_id]
        self.model.set_rows(rows)
        self.budget_model.set_rows(budgets)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(3, min(self.view.columnWidth(3), 320))
        self.actions_button.setText(
            _("Agreed &actions ({n})…").format(n=len(actions)) if actions else _("Agreed &actions…")
        )
        texts = []
        if due.rating:
            texts.append(
                ngettext(
                    "{n} training is waiting for its quick rating.",
                    "{n} trainings are waiting for their quick rating.",
                    len(due.rating),
                ).format(n=len(due.rating))
            )
        if due.applied:
            texts.append(
                ngettext(
                    "Three months have passed since {n} training: ask whether it has been applied at work.",
                    "Three months have passed since {n} trainings: ask whether they have been applied at work.",
                    len(due.applied),
                ).format(n=len(due.applied))
            )
        if not rows:
            texts.append(
                _(
                    "No trainings in the plan for {year} yet. Plan one from the Course catalogue or Suggestions tab."
                ).format(year=year)
            )
        self.due.setText(" ".join(texts))
        self.due.setVisible(bool(texts))
        self._selected(QItemSelection(), QItemSelection())

    def _current(self) -> PlanRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self._current()
        done = row is not None and row.status in DONE_STATUSES
        open_ = row is not None and row.status not in DONE_STATUSES
        self.booked_button.setEnabled(open_ and row is not None and row.status != PlanStatus.BOOKED)
        self.passed_button.setEnabled(row is not None and row.status != PlanStatus.PASSED)
        self.not_completed_button.setEnabled(open_)
        self.cancel_button.setEnabled(
            open_ and row is not None and row.status != PlanStatus.CANCELLED
        )
        self.feedback_button.setEnabled(done)
        self.outcome_button.setEnabled(
            row is not None and row.status == PlanStatus.PASSED and not row.outcome_confirmed
        )
        self.remove_button.setEnabled(row is not None)

    def select_item(self, item_id: int) -> None:
        """Select the plan row of ``item_id`` (if it is in the year and team shown)."""
        self._select(item_id)

    def _select(self, item_id: int) -> None:
        for i, row in enumerate(self.model.rows()):
            if row.id == item_id:
                self.view.selectRow(i)
                return

    def _after_change(self, item_id: int | None = None) -> None:
        self.reload()
        if item_id is not None:
            self._select(item_id)
        self.changed.emit()

    def _status(self, status: str) -> None:
        row = self._current()
        if row is None:
            return
        with self.ctx.session() as session:
            plan_service.set_status(
                session,
                item_id=row.id,
                status=status,
                on=min(date.today(), row.planned_on) if status in DONE_STATUSES else None,
                scope=self.ctx.scope,
            )
        self._after_change(row.id)

    def _passed(self) -> None:
        row = self._current()
        if row is None:
            return
        with self.ctx.session() as session:
            plan_service.set_status(
                session,
                item_id=row.id,
                status=PlanStatus.PASSED,
                on=min(date.today(), row.planned_on),
                scope=self.ctx.scope,
            )
        self._after_change(row.id)
        self._outcome()

    def _feedback(self) -> None:
        row = self._current()
        if row is None or row.status not in DONE_STATUSES:
            return
        if FeedbackDialog(self.ctx, row, self).exec():
            self._after_change(row.id)

    def _outcome(self) -> None:
        row = self._current()
        if row is None or row.status != PlanStatus.PASSED or row.outcome_confirmed:
            return
        if OutcomeDialog(self.ctx, row.id, self).exec():
            self._after_change(row.id)

    def _remove(self) -> None:
        row = self._current()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove from the plan"),
            _("Remove {title} for {person} from the plan?").format(
                title=row.title, person=row.person_name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.session() as session:
            plan_service.delete_item(session, item_id=row.id, scope=self.ctx.scope)
        self._after_change()

    def _budget(self) -> None:
        index = self.budget_view.currentIndex()
        budget = self.budget_model.row_at(index.row()) if index.isValid() else None
        if budget is None:
            rows = self.budget_model.rows()
            budget = rows[0] if len(rows) == 1 else None
        if budget is None:
            QMessageBox.information(
                self, _("Set budget"), _("Choose a team in the budget table first.")
            )
            return
        if BudgetDialog(self.ctx, self.year.value(), budget, self).exec():
            self._after_change()

    def _pdf(self) -> None:
        """The year's plan in a window of its own: the pages, then "Save as PDF…" or "Print…"."""
        team_id = self._team_id()
        year = self.year.value()
        language, scope = current_language(), self.ctx.scope
        self.pdf_dialog = PdfDialog(
            self.ctx,
            self,
            title=_("The training plan"),
            read=lambda session: plan_service.plan_report(
                session, year=year, team_id=team_id, language=language, scope=scope
            ),
            build=_plan_pdf,
            file_name=_("training-plan-{year}.pdf").format(year=year),
        )
        self.pdf_dialog.open()

    def _actions(self) -> None:
        dialog = ActionsDialog(self.ctx, self)
        if dialog.exec():
            self._after_change()


class ActionsDialog(QDialog):
    """Agreed actions of kind training from conversations: pick one and the training that serves it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Agreed training actions"))
        self.resize(760, 460)
        with ctx.session() as session:
            self.training_actions = plan_service.open_training_actions(session, scope=ctx.scope)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Training agreed in conversations and not yet in the plan. Choose the action, find the training, then plan it."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.list = ChoiceList(
            self,
            "training_action_list",
            ticks=False,
            choices=(
                Choice(
                    action.id,
                    f"{action.person_name}: {action.what}"
                    + (f" ({format_date(action.due_on)})" if action.due_on else ""),
                )
                for action in self.training_actions
            ),
        )
        row.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.search = search_field(self, "action_training_search", _("Search the catalogue"))
        self.offerings = ChoiceList(self, "action_offerings", ticks=False)
        right.addWidget(self.search)
        right.addWidget(self.offerings, 1)
        row.addLayout(right, 1)
        layout.addLayout(row, 1)
        if not self.training_actions:
            layout.addWidget(
                QLabel(
                    _("No open training actions: everything agreed is already in the plan."), self
                )
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.plan_button = buttons.addButton(_("&Plan…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.plan_button.setObjectName("plan_action")
        self.plan_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.plan_button.clicked.connect(self._plan)
        layout.addWidget(buttons)
        self.list.selectionModel().currentRowChanged.connect(
            lambda now, _before: self._action_changed(now.row())
        )
        self.search.textChanged.connect(lambda _t: self._search())
        self.offerings.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.planned = False
        if self.training_actions:
            self.list.setCurrentIndex(self.list.model().index(0, 0))

    def _action_changed(self, row: int) -> None:
        if 0 <= row < len(self.training_actions):
            words = self.training_actions[row].what.split()
            self.search.setText(" ".join(w for w in words if len(w) >= 4)[:40] if words else "")
        self._update()

    def _search(self) -> None:
        with self.ctx.session() as session:
            rows = svc.search_offerings(session, query=self.search.text(), limit=200)
        self.offerings.set_choices(Choice(r.id, f"{r.title} – {r.provider}") for r in rows)
        self._update()

    def _update(self) -> None:
        self.plan_button.setEnabled(
            self.list.current_id() is not None and self.offerings.current_id() is not None
        )

    def _plan(self) -> None:
        row = self.list.currentIndex().row()
        offering_id = self.offerings.current_id()
        if not 0 <= row < len(self.training_actions) or offering_id is None:
            return
        action = self.training_actions[row]
        dialog = PlanDialog(
            self.ctx,
            offering_id,
            self,
            person_ids=[action.person_id],
            action_id=action.id,
        )
        if dialog.exec():
            self.accept()
