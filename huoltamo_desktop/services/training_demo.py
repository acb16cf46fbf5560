"""Demo training for Koivulan Konepaja Oy: the starter catalogue, this year's budgets per team,
trainings done and rated (with "applied at work?" answers), and trainings planned for next year.

Deterministic: only ``ctx.rng`` and ``ctx.today`` are used.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import (
    ActionKind,
    ActionStatus,
    Conversation,
    ConversationAction,
)
from huoltamo_desktop.domain.training import (
    AppliedAtWork,
    FundingRule,
    PaidBy,
    PlanStatus,
    TrainingOffering,
)
from huoltamo_desktop.services import training_plan as plan
from huoltamo_desktop.services.training_exchange import ensure_starter_catalogue

if TYPE_CHECKING:
    from huoltamo_desktop.services.demo_context import DemoContext

# (offering key, job titles it suits, cost per person in cents, paid by)
DONE: list[tuple[str, tuple[str, ...] | None, int, str]] = [
    ("alertum_hot_work_card", ("Hitsaaja", "Koneistaja", "Huoltoasentaja"), 16900, PaidBy.EMPLOYER),
    ("spr_first_aid_ea1", None, 23000, PaidBy.EMPLOYER),
    (
        "ttk_occupational_safety_card",
        ("Asentaja", "Huoltoasentaja", "Kokoonpanija"),
        15000,
        PaidBy.EMPLOYER,
    ),
    (
        "ttl_ohjaa_osaamista",
        ("Tuotantopäällikkö", "Asennuspäällikkö", "Myyntipäällikkö"),
        0,
        PaidBy.EMPLOYER,
    ),
    ("elements_of_ai", ("Kirjanpitäjä", "IT-tukihenkilö", "Myyntiassistentti"), 0, PaidBy.EMPLOYEE),
]
PLANNED: list[tuple[str, tuple[str, ...] | None, int]] = [
    ("alertum_hot_work_card", ("Hitsaaja", "Koneistaja"), 16900),
    ("forklift_card", ("Varastotyöntekijä",), 19000),
    ("driver_cpc_continuing", ("Kuljettaja",), 42000),
    ("spr_first_aid_ea1", None, 23000),
    ("kesayliopistot_swedish", ("Asiakaspalvelija", "Myyjä"), 28000),
]
BUDGET_PER_PERSON_CENTS = 40000


def training_demo(session: Session, *, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    ensure_starter_catalogue(session)
    session.flush()
    offerings = {o.key: o for o in session.exec(select(TrainingOffering))}
    people = [p for p in ctx.active_people if p.team_id is not None]
    if not people:
        return
    year = today.year
    for team in ctx.teams:
        size = sum(1 for p in people if p.team_id == team.id)
        for y in (year, year + 1):
            plan.set_budget(
                session, year=y, team_id=team.id, amount_cents=size * BUDGET_PER_PERSON_CENTS
            )

    def pick(titles: tuple[str, ...] | None, count: int) -> list[int]:
        pool = [p for p in people if titles is None or p.job_title in titles]
        rng.shuffle(pool)
        return [p.id or 0 for p in pool[:count]]

    kela = session.exec(
        select(FundingRule).where(FundingRule.key == "kela_occupational_health")
    ).first()
    # Done this year and last: rated right after, asked "applied at work?" three months on.
    for i, (key, titles, cost, paid_by) in enumerate(DONE):
        offering = offerings.get(key)
        if offering is None:
            continue
        held = today - timedelta(days=40 + 55 * i)
        funding = kela.id if kela is not None and key == "spr_first_aid_ea1" else None
        ids = pick(titles, 3)
        if not ids:
            continue
        items = plan.plan_training(
            session,
            person_ids=ids,
            offering_id=offering.id or 0,
            planned_on=held,
            cost_cents=cost,
            paid_by=paid_by,
            funding_rule_id=funding,
        )
        for n, item in enumerate(items):
            passed = not (i == 2 and n == 2)
            plan.set_status(
                session,
                item_id=item.id or 0,
                status=PlanStatus.PASSED if passed else PlanStatus.NOT_COMPLETED,
                on=held,
            )
            if (i == 0 and n == 2) or not passed:
                continue  # one still waits for the quick rating
            plan.rate(session, item_id=item.id or 0, rating=rng.choice((3, 4, 4, 5, 5)), on=held)
            if today - held >= timedelta(days=91):
                plan.record_applied(
                    session,
                    item_id=item.id or 0,
                    applied=rng.choice(
                        (
                            AppliedAtWork.YES,
                            AppliedAtWork.YES,
                            AppliedAtWork.PARTLY,
                            AppliedAtWork.NO,
                        )
                    ),
                    on=held + timedelta(days=92),
                )
        if key == "alertum_hot_work_card" and items:
            proposal = plan.outcome_proposal(session, item_id=items[0].id or 0)
            plan.confirm_outcome(
                session,
                item_id=items[0].id or 0,
                skill_ids=[r.skill_id for r in proposal.ratings],
                card=True,
            )
    # Planned for the coming months.
    for i, (key, titles, cost) in enumerate(PLANNED):
        offering = offerings.get(key)
        if offering is None:
            continue
        ids = pick(titles, 2)
        if not ids:
            continue
        runs = plan.offering_runs(session, offering_id=offering.id or 0, today=today)
        plan.plan_training(
            session,
            person_ids=ids,
            offering_id=offering.id or 0,
            run_id=runs[0].id if runs else None,
            planned_on=today + timedelta(days=30 + 45 * i),
            cost_cents=cost,
            paid_by=PaidBy.EMPLOYER,
            funding_rule_id=kela.id if kela is not None and key == "spr_first_aid_ea1" else None,
        )
    # An agreed training action from a conversation is planned too.
    action = session.exec(
        select(ConversationAction)
        .join(Conversation, Conversation.id == ConversationAction.conversation_id)  # type: ignore[arg-type]
        .where(
            ConversationAction.kind == ActionKind.TRAINING,
            ConversationAction.status == ActionStatus.OPEN,
            Conversation.person_id != None,  # noqa: E711
        )
        .order_by(ConversationAction.id)  # type: ignore[arg-type]
    ).first()
    if action is not None:
        conversation = session.get(Conversation, action.conversation_id)
        offering = offerings.get("ttl_osaava_ja_uudistuva_tyoura")
        if conversation is not None and conversation.person_id and offering is not None:
            person_ok = any(p.id == conversation.person_id for p in ctx.active_people)
            if person_ok:
                plan.plan_training(
                    session,
                    person_ids=[conversation.person_id],
                    offering_id=offering.id or 0,
                    planned_on=max(today + timedelta(days=60), action.due_on or date.min),
                    cost_cents=0,
                    action_id=action.id,
                )
