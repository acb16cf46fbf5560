"""The firm's training plan: who goes to what, when, at what cost and who pays; the year's
budget per team; feedback; and what a passed training gives back to skill mapping.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    ActionKind,
    ActionStatus,
    Conversation,
    ConversationAction,
)
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus, Team, utcnow
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import CardType, PersonCard, RatingKind, card_expiry
from huoltamo_desktop.domain.training import (
    APPLIED_CHECK_DAYS,
    DONE_STATUSES,
    AppliedAtWork,
    FundingRule,
    FundingState,
    OfferingSkill,
    PaidBy,
    PlanStatus,
    TrainingBudget,
    TrainingOffering,
    TrainingOutcome,
    TrainingPlanItem,
    TrainingProvider,
    TrainingRun,
    TrustScore,
    funding_state,
    trust_score,
)
from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.i18n.collation import sorter
from huoltamo_desktop.reports.training_plan import PlanLine, TeamSection, TrainingPlanReport
from huoltamo_desktop.services import skills as skills_service
from huoltamo_desktop.services.seats import require_owner, require_person
from huoltamo_desktop.services.seats_versions import merge_edit
from huoltamo_desktop.services.training import localised
from huoltamo_desktop.services.training_skills import resolve_skill, skill_ids_by_key


def _item(session: Session, item_id: int) -> TrainingPlanItem:
    item = session.get(TrainingPlanItem, item_id)
    if item is None:
        raise ValidationError(_("That training is no longer in the plan."))
    return item


def planned_year(session: Session, *, item_id: int) -> int | None:
    """The year a planned training falls in (None when it is gone), to open the plan there."""
    item = session.get(TrainingPlanItem, item_id)
    return item.planned_on.year if item is not None else None


def plan_training(
    session: Session,
    *,
    person_ids: list[int],
    offering_id: int,
    planned_on: date,
    run_id: int | None = None,
    cost_cents: int = 0,
    paid_by: str = PaidBy.EMPLOYER,
    funding_rule_id: int | None = None,
    action_id: int | None = None,
    note: str = "",
    scope: Scope | None = None,
) -> list[TrainingPlanItem]:
    """Plan one training for one or more people. The cost is per person.

    A funding rule must be in force on the planned date: an ended rule is never
    accepted, so the plan cannot count on money that no longer exists. A team
    lead's ``scope`` plans only for the people of their teams.
    """
    for person_id in person_ids:
        require_person(session, scope=scope, person_id=person_id)
    if not person_ids:
        raise ValidationError(_("Choose at least one person."), "people")
    offering = session.get(TrainingOffering, offering_id)
    if offering is None or offering.retired:
        raise ValidationError(_("That training is no longer in the catalogue."))
    if paid_by not in set(PaidBy):
        raise ValidationError(_("Choose who pays."), "paid_by")
    if cost_cents < 0:
        raise ValidationError(_("The cost cannot be negative."), "cost")
    if run_id is not None:
        run = session.get(TrainingRun, run_id)
        if run is None or run.offering_id != offering_id:
            raise ValidationError(_("That run is not one of this training's."), "run")
        planned_on = run.starts_on
    if funding_rule_id is not None:
        rule = session.get(FundingRule, funding_rule_id)
        if rule is None or rule.retired:
            raise ValidationError(_("That funding rule no longer exists."), "funding")
        state = funding_state(rule.valid_from, rule.valid_to, planned_on)
        if state == FundingState.ENDED:
            raise ValidationError(
                _("{name} ended on {date}; it cannot fund this training.").format(
                    name=localised(rule, "name"), date=format_date(rule.valid_to)
                ),
                "funding",
            )
        if state == FundingState.NOT_YET:
            raise ValidationError(
                _("{name} starts only on {date}.").format(
                    name=localised(rule, "name"), date=format_date(rule.valid_from)
                ),
                "funding",
            )
    if action_id is not None and session.get(ConversationAction, action_id) is None:
        raise ValidationError(_("That agreed action no longer exists."))
    items = []
    for person_id in dict.fromkeys(person_ids):
        person = session.get(Person, person_id)
        if person is None or person.status != PersonStatus.ACTIVE:
            raise ValidationError(_("That person no longer exists."), "people")
        item = TrainingPlanItem(
            person_id=person_id,
            offering_id=offering_id,
            run_id=run_id,
            planned_on=planned_on,
            cost_cents=cost_cents,
            paid_by=paid_by,
            funding_rule_id=funding_rule_id,
            action_id=action_id,
            note=note.strip()[:500],
        )
        session.add(item)
        items.append(item)
    session.flush()
    return items


def set_status(
    session: Session,
    *,
    item_id: int,
    status: str,
    on: date | None = None,
    scope: Scope | None = None,
) -> TrainingPlanItem:
    """Move a planned training on: booked, passed, not completed or cancelled (dated when done)."""
    if status not in set(PlanStatus):
        raise ValidationError(_("Unknown status."))
    item = _item(session, item_id)
    require_person(session, scope=scope, person_id=item.person_id)
    item.status = status
    item.completed_on = (on or date.today()) if status in DONE_STATUSES else None
    item.updated_at = utcnow()
    session.add(item)
    if item.action_id is not None and status == PlanStatus.PASSED:
        action = session.get(ConversationAction, item.action_id)
        if action is not None and action.status == ActionStatus.OPEN:
            action.status = ActionStatus.DONE
            action.status_on = item.completed_on
            session.add(action)
    session.flush()
    return item


def rate(session: Session, *, item_id: int, rating: int, on: date | None = None) -> None:
    """The quick rating (1–5) right after the training."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("A rating is from 1 to 5."), "rating")
    item = _item(session, item_id)
    if item.status not in DONE_STATUSES:
        raise ValidationError(_("A training can be rated once it has taken place."))
    item.rating = rating
    item.rated_on = on or date.today()
    session.add(item)
    session.flush()


def record_applied(session: Session, *, item_id: int, applied: str, on: date | None = None) -> None:
    """The answer to "applied at work?", asked about three months after the training."""
    if applied not in set(AppliedAtWork):
        raise ValidationError(_("Choose yes, partly or not yet."), "applied")
    item = _item(session, item_id)
    if item.status not in DONE_STATUSES:
        raise ValidationError(_("A training can be followed up once it has taken place."))
    item.applied = applied
    item.applied_on = on or date.today()
    session.add(item)
    session.flush()


@dataclass(frozen=True)
class FeedbackInput:
    """The feedback form's fields: the quick rating and "applied at work?" (None: not given)."""

    rating: int | None
    applied: str | None


def save_feedback(
    session: Session,
    *,
    item_id: int,
    data: FeedbackInput,
    expected_version: int | None = None,
    base: FeedbackInput | None = None,
    on: date | None = None,
) -> TrainingPlanItem:
    """Save the feedback form: what another saved meanwhile to the other answer is kept,
    the same answer changed on both sides raises ``ConflictError``."""
    item = _item(session, item_id)
    merged = merge_edit(
        current_version=item.row_version,
        expected_version=expected_version,
        base=base,
        yours=data,
        theirs=FeedbackInput(item.rating, item.applied),
    )
    if merged.rating is not None and merged.rating != item.rating:
        rate(session, item_id=item_id, rating=merged.rating, on=on)
    if merged.applied is not None and merged.applied != item.applied:
        record_applied(session, item_id=item_id, applied=merged.applied, on=on)
    return item


def delete_item(session: Session, *, item_id: int, scope: Scope | None = None) -> None:
    item = _item(session, item_id)
    require_person(session, scope=scope, person_id=item.person_id)
    session.delete(item)
    session.flush()


# --- reading the plan -------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    id: int
    person_id: int
    person_name: str
    team_id: int | None
    team_name: str
    offering_id: int
    title: str
    provider: str
    planned_on: date
    cost_cents: int
    paid_by: str
    funding: str  # the rule's name, "" without one
    status: str
    completed_on: date | None
    rating: int | None
    applied: str | None
    action_id: int | None
    outcome_confirmed: bool
    card_key: str
    row_version: int = 1  # what an edit form sends back with its save

    def feedback_due(self, today: date) -> bool:
        return self.status in DONE_STATUSES and self.rating is None

    def applied_due(self, today: date) -> bool:
        return (
            self.status in DONE_STATUSES
            and self.applied is None
            and self.completed_on is not None
            and today >= self.completed_on + timedelta(days=APPLIED_CHECK_DAYS)
        )


def plan_rows(
    session: Session,
    *,
    year: int | None = None,
    team_id: int | None = None,
    person_id: int | None = None,
    language: str | None = None,
    scope: Scope | None = None,
) -> list[PlanRow]:
    """The plan's rows (a year, a team, a person), by date; titles in ``language`` (default: the UI's).

    A team lead's ``scope`` holds only the rows of the people of their teams.
    """
    stmt = (
        select(TrainingPlanItem, Person, TrainingOffering, TrainingProvider)
        .join(Person, col(Person.id) == TrainingPlanItem.person_id)
        .join(TrainingOffering, col(TrainingOffering.id) == TrainingPlanItem.offering_id)
        .join(TrainingProvider, col(TrainingProvider.id) == TrainingOffering.provider_id)
    )
    if year is not None:
        stmt = stmt.where(
            TrainingPlanItem.planned_on >= date(year, 1, 1),
            TrainingPlanItem.planned_on <= date(year, 12, 31),
        )
    if team_id is not None:
        stmt = stmt.where(Person.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where(TrainingPlanItem.person_id == person_id)
    teams = {t.id: t.name for t in session.exec(select(Team))}
    rules = {r.id: localised(r, "name", language) for r in session.exec(select(FundingRule))}
    rows = [
        PlanRow(
            item.id or 0,
            person.id or 0,
            person.full_name,
            person.team_id,
            teams.get(person.team_id, ""),
            offering.id or 0,
            localised(offering, "title", language),
            provider.name,
            item.planned_on,
            item.cost_cents,
            item.paid_by,
            rules.get(item.funding_rule_id, "") if item.funding_rule_id else "",
            item.status,
            item.completed_on,
            item.rating,
            item.applied,
            item.action_id,
            item.outcome_confirmed,
            offering.card_key,
            item.row_version,
        )
        for item, person, offering, provider in session.exec(stmt)
        if scope is None or scope.can_see(person_id=person.id, team_id=person.team_id)
    ]
    key = sorter(language)
    rows.sort(key=lambda r: (r.planned_on, key(r.person_name), r.id))
    return rows


@dataclass(frozen=True)
class TeamBudget:
    team_id: int | None
    team_name: str
    budget_cents: int | None  # None: no budget set
    planned_cents: int  # planned and booked, paid by the firm or shared
    spent_cents: int  # done, paid by the firm or shared
    people: int  # people in the plan
    row_version: int = 0  # the budget's version as read (0: none was set)

    @property
    def committed_cents(self) -> int:
        return self.planned_cents + self.spent_cents

    @property
    def left_cents(self) -> int | None:
        return None if self.budget_cents is None else self.budget_cents - self.committed_cents


FIRM_PAYS = (PaidBy.EMPLOYER, PaidBy.SHARED)


def year_budget(session: Session, *, year: int, scope: Scope | None = None) -> list[TeamBudget]:
    """Per team (and people without a team): the year's budget, what is planned and what is spent.

    Only what the firm pays (alone or shared) counts against the budget; cancelled
    trainings count for nothing. A team lead's ``scope`` sees their own teams.
    """
    rows = plan_rows(session, year=year, scope=scope)
    budget_rows = list(session.exec(select(TrainingBudget).where(TrainingBudget.year == year)))
    budgets = {b.team_id: b.amount_cents for b in budget_rows}
    versions = {b.team_id: b.row_version for b in budget_rows}
    teams = {
        t.id: t.name
        for t in session.exec(select(Team).order_by(col(Team.name)))
        if scope is None or scope.sees_all or t.id in scope.team_ids
    }
    planned: dict[int | None, int] = defaultdict(int)
    spent: dict[int | None, int] = defaultdict(int)
    people: dict[int | None, set[int]] = defaultdict(set)
    for row in rows:
        if row.status == PlanStatus.CANCELLED:
            continue
        people[row.team_id].add(row.person_id)
        if row.paid_by not in FIRM_PAYS:
            continue
        if row.status in DONE_STATUSES:
            spent[row.team_id] += row.cost_cents
        else:
            planned[row.team_id] += row.cost_cents
    result = []
    for team_id, name in teams.items():
        result.append(
            TeamBudget(
                team_id,
                name,
                budgets.get(team_id),
                planned[team_id],
                spent[team_id],
                len(people[team_id]),
                versions.get(team_id, 0),
            )
        )
    if None in people or (None in budgets and (scope is None or scope.sees_all)):
        result.append(
            TeamBudget(
                None,
                _("No team"),
                budgets.get(None),
                planned[None],
                spent[None],
                len(people[None]),
                versions.get(None, 0),
            )
        )
    return result


@dataclass(frozen=True)
class BudgetInput:
    """The budget form: the amount in cents (None: no budget)."""

    amount_cents: int | None


def set_budget(
    session: Session,
    *,
    year: int,
    team_id: int | None,
    amount_cents: int | None,
    scope: Scope | None = None,
    expected_version: int | None = None,
    base: BudgetInput | None = None,
) -> None:
    """Set (or with None, clear) a team's training budget for the year (the owner's to set).

    ``expected_version`` is the budget's version the form read, 0 when there
    was none yet: a budget another set meanwhile is a question, not overwritten.
    """
    require_owner(scope)
    if amount_cents is not None and amount_cents < 0:
        raise ValidationError(_("The budget cannot be negative."), "budget")
    existing = session.exec(
        select(TrainingBudget).where(TrainingBudget.year == year, TrainingBudget.team_id == team_id)
    ).first()
    amount_cents = merge_edit(
        current_version=existing.row_version if existing is not None else 0,
        expected_version=expected_version,
        base=base,
        yours=BudgetInput(amount_cents),
        theirs=BudgetInput(existing.amount_cents if existing is not None else None),
    ).amount_cents
    if amount_cents is None:
        if existing is not None:
            session.delete(existing)
    else:
        budget = existing or TrainingBudget(year=year, team_id=team_id)
        budget.amount_cents = amount_cents
        session.add(budget)
    session.flush()


@dataclass(frozen=True)
class FeedbackDue:
    rating: list[PlanRow]
    applied: list[PlanRow]


def feedback_due(
    session: Session, *, today: date | None = None, scope: Scope | None = None
) -> FeedbackDue:
    """Done trainings still waiting for a rating, and those three months on without "applied at work?"."""
    day = today or date.today()
    rows = [r for r in plan_rows(session, scope=scope) if r.status in DONE_STATUSES]
    return FeedbackDue(
        [r for r in rows if r.feedback_due(day)], [r for r in rows if r.applied_due(day)]
    )


def provider_trust(session: Session) -> dict[int, TrustScore]:
    """The firm's own experience of each provider: ratings and "applied at work?" answers."""
    ratings: dict[int, list[int]] = defaultdict(list)
    applied: dict[int, list[str]] = defaultdict(list)
    stmt = select(
        TrainingPlanItem.rating, TrainingPlanItem.applied, TrainingOffering.provider_id
    ).join(TrainingOffering, col(TrainingOffering.id) == TrainingPlanItem.offering_id)
    for rating, answer, provider_id in session.exec(stmt):
        if rating is not None:
            ratings[provider_id].append(rating)
        if answer is not None:
            applied[provider_id].append(answer)
    return {
        pid: trust_score(ratings.get(pid, []), applied.get(pid, []))
        for pid in set(ratings) | set(applied)
    }


# --- agreed actions -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingAction:
    id: int
    person_id: int
    person_name: str
    what: str
    due_on: date | None
    skill_id: int | None


def open_training_actions(session: Session, *, scope: Scope | None = None) -> list[TrainingAction]:
    """Agreed actions of kind training, still open and not yet in the plan (of the people ``scope`` sees)."""
    planned = set(
        session.exec(
            select(TrainingPlanItem.action_id).where(col(TrainingPlanItem.action_id).is_not(None))
        ).all()
    )
    stmt = (
        select(ConversationAction, Person)
        .join(Conversation, col(Conversation.id) == ConversationAction.conversation_id)
        .join(Person, col(Person.id) == Conversation.person_id)
        .where(
            ConversationAction.kind == ActionKind.TRAINING,
            ConversationAction.status == ActionStatus.OPEN,
            Conversation.is_current == True,  # noqa: E712
            Person.status == PersonStatus.ACTIVE,
        )
    )
    result = [
        TrainingAction(a.id or 0, p.id or 0, p.full_name, a.what, a.due_on, a.skill_id)
        for a, p in session.exec(stmt)
        if a.id not in planned
        and (scope is None or scope.can_see(person_id=p.id, team_id=p.team_id))
    ]
    result.sort(key=lambda a: (a.due_on or date.max, a.person_name.casefold()))
    return result


# --- a passed training gives back to skill mapping --------------------------------------------


@dataclass(frozen=True)
class ProposedRating:
    skill_id: int
    skill_name: str
    current: int | None
    proposed: int
    on: date


@dataclass(frozen=True)
class ProposedCard:
    card_type_id: int
    card_name: str
    obtained_on: date
    expires_on: date | None


@dataclass(frozen=True)
class OutcomeProposal:
    item_id: int
    person_name: str
    title: str
    ratings: tuple[ProposedRating, ...]
    card: ProposedCard | None
    confirmed: bool


def outcome_proposal(session: Session, *, item_id: int) -> OutcomeProposal:
    """What a passed training proposes: dated skill ratings at the level it leads to (only where
    that is higher than now) and, for a card, a new card with its expiry from the card's rule."""
    item = _item(session, item_id)
    if item.status != PlanStatus.PASSED or item.completed_on is None:
        raise ValidationError(_("Only a passed training proposes new levels and cards."))
    offering = session.get(TrainingOffering, item.offering_id)
    person = session.get(Person, item.person_id)
    assert offering is not None and person is not None
    keys = skill_ids_by_key(session)
    current = skills_service.current_levels(session, person_ids=[item.person_id])
    ratings = []
    for line in session.exec(
        select(OfferingSkill)
        .where(OfferingSkill.offering_id == offering.id)
        .order_by(col(OfferingSkill.id))
    ):
        skill_id = resolve_skill(keys, line.skill_key)
        if skill_id is None:
            continue
        now = current.get((item.person_id, skill_id))
        if now is not None and now >= line.level:
            continue
        skill = skills_service.get_skill(session, skill_id=skill_id)
        ratings.append(
            ProposedRating(
                skill_id, skills_service.skill_name(skill), now, line.level, item.completed_on
            )
        )
    card = None
    if offering.card_key:
        card_type = session.exec(
            select(CardType).where(CardType.starter_key == offering.card_key)
        ).first()
        if card_type is not None and not card_type.retired:
            card = ProposedCard(
                card_type.id or 0,
                skills_service.card_name(card_type),
                item.completed_on,
                card_expiry(item.completed_on, card_type.validity_years),
            )
    return OutcomeProposal(
        item.id or 0,
        person.full_name,
        localised(offering, "title"),
        tuple(ratings),
        card,
        item.outcome_confirmed,
    )


def confirm_outcome(
    session: Session, *, item_id: int, skill_ids: list[int], card: bool
) -> tuple[int, bool]:
    """The manager confirms the proposal (all or part of it): the ratings are recorded as the
    manager's, dated on the day the training was passed, and linked to the training as their source."""
    proposal = outcome_proposal(session, item_id=item_id)
    if proposal.confirmed:
        raise ValidationError(_("This training's outcome has already been confirmed."))
    item = _item(session, item_id)
    wanted = set(skill_ids)
    recorded = 0
    for line in proposal.ratings:
        if line.skill_id not in wanted:
            continue
        rating = skills_service.record_rating(
            session,
            person_id=item.person_id,
            skill_id=line.skill_id,
            kind=RatingKind.MANAGER,
            level=line.proposed,
            on=line.on,
        )
        session.add(TrainingOutcome(plan_item_id=item_id, skill_rating_id=rating.id))
        recorded += 1
    card_made = False
    if card and proposal.card is not None:
        person_card = PersonCard(
            person_id=item.person_id,
            card_type_id=proposal.card.card_type_id,
            obtained_on=proposal.card.obtained_on,
            expires_on=proposal.card.expires_on,
            note=_("Training: {title}").format(title=proposal.title)[:300],
        )
        session.add(person_card)
        session.flush()
        session.add(TrainingOutcome(plan_item_id=item_id, person_card_id=person_card.id))
        card_made = True
    item.outcome_confirmed = True
    session.add(item)
    session.flush()
    return recorded, card_made


def offering_runs(
    session: Session, *, offering_id: int, today: date | None = None
) -> list[TrainingRun]:
    day = today or date.today()
    return list(
        session.exec(
            select(TrainingRun)
            .where(TrainingRun.offering_id == offering_id, TrainingRun.starts_on >= day)
            .order_by(col(TrainingRun.starts_on))
        )
    )


# --- the printed plan ---------------------------------------------------------------------------


def plan_report(
    session: Session,
    *,
    year: int,
    team_id: int | None = None,
    language: str,
    today: date | None = None,
    scope: Scope | None = None,
) -> TrainingPlanReport:
    """The year's plan for one team (``team_id``) or the whole firm, in ``language``.

    A team lead's ``scope`` gets their own teams (and only their people's rows).
    """
    from huoltamo_desktop.domain.people import Organisation
    from huoltamo_desktop.domain.training import PAID_BY_LABELS, PLAN_STATUS_LABELS
    from huoltamo_desktop.i18n import translator_for

    t = translator_for(language).gettext
    firm = session.exec(select(Organisation)).first()
    rows = plan_rows(session, year=year, language=language, scope=scope)
    budgets = year_budget(session, year=year, scope=scope)
    if team_id is not None:
        budgets = [b for b in budgets if b.team_id == team_id]
        if not budgets:
            raise ValidationError(_("That team no longer exists."))
    sections = []
    for budget in budgets:
        lines = tuple(
            PlanLine(
                r.planned_on,
                r.person_name,
                r.title,
                r.provider,
                r.cost_cents,
                t(PAID_BY_LABELS.get(r.paid_by, r.paid_by)),
                r.funding,
                t(PLAN_STATUS_LABELS.get(r.status, r.status)),
            )
            for r in rows
            if r.team_id == budget.team_id
        )
        if team_id is None and not lines and budget.budget_cents is None:
            continue
        name = budget.team_name if budget.team_id is not None else t("No team")
        sections.append(
            TeamSection(name, budget.budget_cents, budget.planned_cents, budget.spent_cents, lines)
        )
    return TrainingPlanReport(
        firm.name if firm else "",
        year,
        language,
        tuple(sections),
        today or date.today(),
        team_id is None and (scope is None or scope.sees_all),
    )


def plan_pdf(
    session: Session,
    *,
    year: int,
    team_id: int | None = None,
    language: str,
    scope: Scope | None = None,
) -> bytes:
    """The year's training plan as PDF bytes (slow work: run it off the UI thread)."""
    from huoltamo_desktop.reports.training_plan import build_training_plan_pdf

    return build_training_plan_pdf(
        plan_report(session, year=year, team_id=team_id, language=language, scope=scope)
    )
