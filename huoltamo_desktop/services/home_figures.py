"""Figures over time: what the firm enters per month or quarter, and what its history shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.home_figures import (
    SURVEY_METRICS,
    SURVEY_SCALE,
    ConversationFact,
    History,
    HomeFigureEntry,
    Metric,
    PeriodFigures,
    PeriodKind,
    RatingFact,
    SharedAssessmentFact,
    Span,
    period_figures,
    period_start_of,
    quarter_periods,
    respondents_key,
    year_periods,
)
from huoltamo_desktop.domain.people import Person, PersonStatus, utcnow
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.seats import require_owner
from huoltamo_desktop.services.seats_versions import merge_values

YEARS_SHOWN = 5
QUARTERS_SHOWN = 12
MAX_VALUE: dict[str, float] = {Metric.SICK_LEAVE_DAYS: 100_000.0, Metric.HEALTH_COSTS: 10_000_000.0}


# --- entering figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryInput:
    metric: str
    period_kind: str
    period_start: date
    value: float | None  # None removes the entry
    respondents: int | None = None


def save_entry(
    session: Session, *, data: EntryInput, today: date | None = None, scope: Scope | None = None
) -> None:
    """Record (or correct, or with no value remove) one month's or quarter's figure (the owner's)."""
    require_owner(scope)
    today = today or date.today()
    if data.metric not in set(Metric):
        raise ValidationError(_("Choose what the figure is."), "metric")
    if data.period_kind not in set(PeriodKind):
        raise ValidationError(_("Choose a month or a quarter."), "period_kind")
    start = period_start_of(data.period_kind, data.period_start)
    if start > today:
        raise ValidationError(_("A figure can be entered once its period has begun."), "period")
    row = session.exec(
        select(HomeFigureEntry).where(
            HomeFigureEntry.metric == data.metric,
            HomeFigureEntry.period_kind == data.period_kind,
            HomeFigureEntry.period_start == start,
        )
    ).first()
    if data.value is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    value = float(data.value)
    respondents = data.respondents
    if data.metric in SURVEY_METRICS:
        low, high = SURVEY_SCALE
        if not low <= value <= high:
            raise ValidationError(_("A survey score is from 1 to 5."), "value")
        if respondents is None or respondents < 1:
            raise ValidationError(_("Give the number of people who answered."), "respondents")
    else:
        respondents = None
        if not 0 <= value <= MAX_VALUE[data.metric]:
            raise ValidationError(_("Give a figure of zero or more."), "value")
    row = row or HomeFigureEntry(
        metric=data.metric, period_kind=data.period_kind, period_start=start, value=value
    )
    row.value, row.respondents, row.updated_at = value, respondents, utcnow()
    session.add(row)
    session.flush()


def period_values(
    session: Session, *, period_kind: str, period_start: date
) -> dict[str, float | int | None]:
    """One period's figures as the entry form shows them: ``metric`` and ``metric.respondents``."""
    start = period_start_of(period_kind, period_start)
    values: dict[str, float | int | None] = {}
    for metric in Metric:
        values[metric.value] = None
        if metric in SURVEY_METRICS:
            values[respondents_key(metric.value)] = None
    for row in session.exec(
        select(HomeFigureEntry).where(
            HomeFigureEntry.period_kind == period_kind, HomeFigureEntry.period_start == start
        )
    ):
        values[row.metric] = row.value
        if row.metric in SURVEY_METRICS:
            values[respondents_key(row.metric)] = row.respondents
    return values


def save_period(
    session: Session,
    *,
    period_kind: str,
    period_start: date,
    values: dict[str, float | int | None],
    base: dict[str, float | int | None] | None = None,
    today: date | None = None,
    scope: Scope | None = None,
) -> None:
    """Save every figure of one period as the entry form holds them.

    ``base`` is what the form showed (``period_values`` when it was filled): a
    figure another seat entered meanwhile is kept, one both changed raises
    ``ConflictError`` with both values.
    """
    require_owner(scope)
    theirs = period_values(session, period_kind=period_kind, period_start=period_start)
    merged = merge_values(base=base, yours=values, theirs=theirs)
    for metric in Metric:
        value = merged.get(metric.value)
        people = merged.get(respondents_key(metric.value))
        save_entry(
            session,
            data=EntryInput(
                metric=metric.value,
                period_kind=period_kind,
                period_start=period_start,
                value=float(value) if isinstance(value, int | float) else None,
                respondents=int(people) if isinstance(people, int | float) else None,
            ),
            today=today,
            scope=scope,
        )


def list_entries(session: Session, *, metric: str | None = None) -> list[HomeFigureEntry]:
    query = select(HomeFigureEntry).order_by(
        col(HomeFigureEntry.period_start).desc(), col(HomeFigureEntry.metric)
    )
    if metric is not None:
        query = query.where(HomeFigureEntry.metric == metric)
    return list(session.exec(query))


# --- the history, in a handful of queries ------------------------------------------------------------


def load_history(session: Session) -> History:
    """Everything the derived figures need, one query per kind of fact (never one per person)."""
    from sqlalchemy import select as sa_select

    from huoltamo_desktop.domain.conversations import Conversation, ConversationKind
    from huoltamo_desktop.domain.employee import EmployeeShare, ShareKind
    from huoltamo_desktop.domain.skills import SkillRating, SkillTarget, normalise_title
    from huoltamo_desktop.services.home_providers import home_providers
    from huoltamo_desktop.services.skills import profiles_by_title

    spans = []
    titles: dict[int, str] = {}
    for pid, start, left_on, reason, status, title in session.execute(
        sa_select(
            col(Person.id),
            col(Person.employment_start),
            col(Person.left_on),
            col(Person.leave_reason),
            col(Person.status),
            col(Person.job_title),
        )
    ):
        if status == PersonStatus.LEFT and left_on is None:
            continue  # left on an unknown day: cannot be placed in any period
        spans.append(Span(pid or 0, start, left_on, reason))
        titles[pid or 0] = normalise_title(title)
    conversations = [
        ConversationFact(person_id, held_on)
        for person_id, held_on in session.exec(
            select(col(Conversation.person_id), col(Conversation.held_on)).where(
                col(Conversation.is_current).is_(True),
                col(Conversation.person_id).is_not(None),
                col(Conversation.kind).in_([ConversationKind.CAREER, ConversationKind.DEVELOPMENT]),
            )
        )
        if person_id is not None
    ]
    profiles = profiles_by_title(session)
    needed: dict[int, dict[int, int]] = {}
    for person_id, title in titles.items():
        if title in profiles:
            needed[person_id] = dict(profiles[title])
    for person_id, skill_id, level in session.exec(
        select(col(SkillTarget.person_id), col(SkillTarget.skill_id), col(SkillTarget.level)).where(
            col(SkillTarget.level).is_not(None)
        )
    ):
        mine = needed.setdefault(person_id, {})
        mine[skill_id] = max(mine.get(skill_id, 0), level or 0)
    # Plain rows, not ORM objects: a firm's rating history runs to tens of thousands of rows.
    ratings = [
        RatingFact(person_id, skill_id, kind, level, rated_on)
        for person_id, skill_id, kind, level, rated_on in session.execute(
            sa_select(
                col(SkillRating.person_id),
                col(SkillRating.skill_id),
                col(SkillRating.kind),
                col(SkillRating.level),
                col(SkillRating.rated_on),
            )
        )
        if skill_id in needed.get(person_id, ())
    ]
    shared = []
    for payload in session.exec(
        select(col(EmployeeShare.payload)).where(EmployeeShare.kind == ShareKind.ASSESSMENT)
    ):
        fact = _shared_fact(payload)
        if fact is not None:
            shared.append(fact)
    moves: list[tuple[int, date]] = []
    for provider in home_providers():
        if provider.moves is not None:
            moves.extend(provider.moves(session))
    return History(
        spans=spans,
        conversations=conversations,
        moves=moves,
        ratings=ratings,
        needed=needed,
        shared_assessments=shared,
        entries=list(session.exec(select(HomeFigureEntry))),
    )


def _mean(scores: object) -> float | None:
    if not isinstance(scores, dict):
        return None
    values = [float(v) for v in scores.values() if isinstance(v, int | float)]
    return sum(values) / len(values) if values else None


def _shared_fact(payload: str) -> SharedAssessmentFact | None:
    """The means of a shared summary (what the person chose to show); None if it cannot be read."""
    try:
        data = json.loads(payload)
        assessed_on = date.fromisoformat(data["assessed_on"])
    except (ValueError, KeyError, TypeError):
        return None
    mean = _mean(data.get("area_scores"))
    if mean is None:
        return None
    return SharedAssessmentFact(assessed_on, mean, _mean(data.get("previous_scores")))


# --- the figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    years: list[PeriodFigures]
    quarters: list[PeriodFigures]


def figures_from(history: History, *, today: date) -> Figures:
    return Figures(
        years=[period_figures(history, *p) for p in year_periods(today, YEARS_SHOWN)],
        quarters=[
            period_figures(history, *p, skills=False)
            for p in quarter_periods(today, QUARTERS_SHOWN)
        ],
    )


def figures(session: Session, *, today: date | None = None, scope: Scope | None = None) -> Figures:
    """The last five years and twelve quarters of every figure.

    The figures count the whole firm (headcount, turnover, sick leave per
    person), so they are the owner's: a team lead's ``scope`` is refused rather
    than shown numbers that reveal people outside their teams.
    """
    require_owner(scope)
    return figures_from(load_history(session), today=today or date.today())
