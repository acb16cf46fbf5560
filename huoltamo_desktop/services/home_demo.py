"""Five years of the demo firm's history, so that the home page's trends say something.

The story: the firm started regular career conversations three years ago;
since then more people have had one each year, turnover and sick leave have
come down a little and job satisfaction has risen. Deterministic like the
rest of the demo.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import Conversation, ConversationKind, ConversationState
from huoltamo_desktop.domain.home import HomeDialogue, HomeMove
from huoltamo_desktop.domain.home_figures import HomeFigureEntry, Metric, PeriodKind
from huoltamo_desktop.domain.people import LeaveReason, Person, PersonStatus, utcnow
from huoltamo_desktop.domain.skills import SkillRating
from huoltamo_desktop.services.demo_context import DemoContext

YEARS = 5
# Leavers a year as a share of the firm, in the first three of the five years (the people demo
# has those of the last two): fewer once the conversations took root.
LEAVER_SHARES = (0.07, 0.06, 0.045)
DIALOGUE_TOPICS = (
    "Tilauskanta ja ensi vuoden näkymät; koulutussuunnitelma; työterveyshuollon toimintasuunnitelma",
    "Uuden koneen käyttöönotto ja osaamistarpeet; kesälomat; työhyvinvointikyselyn tulokset",
)


def home_demo(session: Session, *, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    first_year = today.year - YEARS + 1
    people = list(session.exec(select(Person)))
    _past_conversations(session, ctx, people, first_year)
    _older_ratings(session, ctx)
    # Internal moves: a few team or role changes a year, more as rotation caught on.
    active = [p for p in people if p.status == PersonStatus.ACTIVE and p.supervisor_id is not None]
    for offset, count in enumerate((1, 2, 3, 4, 5)):
        year = first_year + offset
        for person in rng.sample(active, min(count, len(active))):
            day = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
            if day >= today:
                continue
            session.execute(
                insert(HomeMove).values(
                    person_id=person.id,
                    moved_on=day,
                    kind=rng.choice(["team", "role"]),
                    from_text="",
                    to_text=person.job_title,
                )
            )
    # The co-operation dialogue twice a year; the latest one about five months ago.
    day = today - timedelta(days=150)
    while day.year >= first_year:
        session.add(HomeDialogue(held_on=day, topics=DIALOGUE_TOPICS[day.month % 2]))
        day -= timedelta(days=182)
    _entered_figures(session, ctx, people, first_year)


def home_past_leavers(session: Session, *, ctx: DemoContext) -> None:
    """Some of the firm's people left in the earlier years (before the other demo steps, so they
    get no recent conversations); the firm keeps its size, the history gets its leavers."""
    rng, today = ctx.rng, ctx.today
    first_year = today.year - YEARS + 1
    reasons = [
        LeaveReason.RESIGNED,
        LeaveReason.RESIGNED,
        LeaveReason.RESIGNED,
        LeaveReason.CONTRACT_ENDED,
        LeaveReason.RETIRED,
        LeaveReason.DISMISSED,
    ]
    leads = {p.id for p in ctx.people if p.is_manager}
    pool = [p for p in ctx.active_people if p.id not in leads and p.supervisor_id is not None]
    rng.shuffle(pool)
    for offset, share in enumerate(LEAVER_SHARES):
        year = first_year + offset
        for _i in range(round(ctx.people_wanted * share)):
            if not pool:
                return
            person = pool.pop()
            left = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
            reason = rng.choice(reasons)
            person.status = PersonStatus.LEFT
            person.left_on = left
            person.leave_reason = reason
            person.employment_start = left - timedelta(days=rng.randrange(300, 4000))
            if reason == LeaveReason.RETIRED:
                person.birth_year = year - rng.randrange(63, 66)
            session.add(person)
    session.flush()


def _past_conversations(
    session: Session, ctx: DemoContext, people: list[Person], first_year: int
) -> None:
    """Final career conversations in the years before this one; the share grows each year."""
    rng, today = ctx.rng, ctx.today
    # Only people who also have later conversations: the rhythm carries on from those.
    talked = set(session.exec(select(Conversation.person_id)))
    shares = (0.25, 0.45, 0.65, 0.8)
    # The conversations demo has made the last 430 days: these come before them.
    latest = today - timedelta(days=440)
    for offset, share in enumerate(shares):
        year = first_year + offset
        for person in people:
            if person.supervisor_id is None or person.id not in talked or rng.random() > share:
                continue
            held = date(year, rng.randrange(1, 13), rng.randrange(1, 28))
            start = person.employment_start or date(first_year, 1, 1)
            if (
                held <= start
                or held > latest
                or (person.left_on is not None and held >= person.left_on)
            ):
                continue
            row = Conversation(
                kind=ConversationKind.CAREER,
                person_id=person.id,
                team_id=person.team_id,
                manager_id=person.supervisor_id,
                held_on=held,
                state=ConversationState.FINAL,
                finalised_at=utcnow(),
            )
            session.add(row)
            session.flush()
            row.chain_id = row.id
            session.add(row)
    session.flush()


def _older_ratings(session: Session, ctx: DemoContext) -> None:
    """Earlier, lower agreed levels a year or two back, so skill growth shows over the years."""
    rng = ctx.rng
    rows = []
    for r in session.exec(select(SkillRating).where(SkillRating.kind == "agreed")):
        if r.level == 0 or rng.random() > 0.6:
            continue
        back = rng.randrange(300, 1100)
        rows.append(
            {
                "person_id": r.person_id,
                "skill_id": r.skill_id,
                "kind": "agreed",
                "level": r.level - 1,
                "rated_on": r.rated_on - timedelta(days=back),
                "recorded_at": utcnow(),
            }
        )
    if rows:
        session.execute(insert(SkillRating), rows)


def _entered_figures(
    session: Session, ctx: DemoContext, people: list[Person], first_year: int
) -> None:
    rng, today = ctx.rng, ctx.today
    start = date(first_year, 1, 1)
    quarter = 0
    while start <= today:
        present = sum(
            1
            for p in people
            if (p.employment_start is None or p.employment_start <= start)
            and (p.left_on is None or p.left_on > start)
        )
        progress = quarter / (YEARS * 4)
        winter = start.month in (1, 10)
        per_person = (2.4 - 0.6 * progress) * (1.25 if winter else 0.9)
        _entry(
            session,
            Metric.SICK_LEAVE_DAYS,
            start,
            round(present * per_person * rng.uniform(0.9, 1.1)),
        )
        _entry(session, Metric.HEALTH_COSTS, start, round(present * rng.uniform(105, 125), -1))
        if start.month in (4, 10) and start < today - timedelta(days=30):
            answered = max(3, round(present * rng.uniform(0.6, 0.8)))
            score = min(5.0, 3.3 + 0.6 * progress + rng.uniform(-0.1, 0.1))
            _entry(session, Metric.SATISFACTION, start, round(score, 2), answered)
        if start.month == 10:
            # The exit survey: few answers a year, so the app hides them (fewer than 5).
            _entry(
                session,
                Metric.EXIT_SURVEY,
                start,
                round(rng.uniform(3.0, 4.2), 1),
                rng.randrange(1, 4),
            )
        quarter += 1
        month = start.month + 3
        start = date(start.year + 1, month - 12, 1) if month > 12 else date(start.year, month, 1)
    session.flush()


def _entry(
    session: Session, metric: str, start: date, value: float, respondents: int | None = None
) -> None:
    session.add(
        HomeFigureEntry(
            metric=metric,
            period_kind=PeriodKind.QUARTER,
            period_start=start,
            value=float(value),
            respondents=respondents,
        )
    )
