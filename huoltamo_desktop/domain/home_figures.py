"""The effect over time: figures the firm enters and figures derived from its history.

Everything here is pure: plain facts in, figures out, so each rule is tested on
small hand-made histories with known answers. Small numbers are treated
honestly: a figure about fewer than ``MIN_GROUP`` people is hidden, counts go
beside every percentage, and a breakdown never lets one hidden part be worked
out from the total.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from huoltamo_desktop.domain.people import LeaveReason, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_, _

MIN_GROUP = 5


# --- what the firm enters -------------------------------------------------------------------


class Metric(StrEnum):
    SICK_LEAVE_DAYS = "sick_leave_days"
    HEALTH_COSTS = "health_costs"
    SATISFACTION = "satisfaction"
    EXIT_SURVEY = "exit_survey"


SURVEY_METRICS = (Metric.SATISFACTION, Metric.EXIT_SURVEY)


def respondents_key(metric: str) -> str:
    """Where a survey's number of respondents stands beside its score in a period's values."""
    return f"{metric}.respondents"


SURVEY_SCALE = (1.0, 5.0)

METRIC_LABELS: dict[str, str] = {
    Metric.SICK_LEAVE_DAYS: N_("Sick-leave days"),
    Metric.HEALTH_COSTS: N_("Occupational-health costs"),
    Metric.SATISFACTION: N_("Job-satisfaction survey"),
    Metric.EXIT_SURVEY: N_("Exit survey"),
}


def metric_label(metric: str) -> str:
    return _(METRIC_LABELS[metric]) if metric in METRIC_LABELS else metric


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


class HomeFigureEntry(Versioned, table=True):
    """One entered figure for a month or a quarter (a survey score with its respondents)."""

    __tablename__ = "home_figure_entry"
    __table_args__ = (UniqueConstraint("metric", "period_kind", "period_start"),)

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=30, index=True)
    period_kind: str = Field(max_length=10)
    period_start: date
    value: float
    respondents: int | None = None
    updated_at: datetime = Field(default_factory=utcnow)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(day: date) -> str:
    """``2026 Q3``: the same in every language the app speaks (a Finnish reader reads Q as neljännes)."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def period_start_of(kind: str, day: date) -> date:
    return quarter_start(day) if kind == PeriodKind.QUARTER else date(day.year, day.month, 1)


# --- the history the derived figures need ------------------------------------------------------


class LeaverGroup(StrEnum):
    VOLUNTARY = "voluntary"
    INVOLUNTARY = "involuntary"
    RETIREMENT = "retirement"
    OTHER = "other"


LEAVER_GROUP_LABELS: dict[str, str] = {
    LeaverGroup.VOLUNTARY: N_("Voluntary (resigned)"),
    LeaverGroup.INVOLUNTARY: N_("Involuntary (fixed term ended, terminated)"),
    LeaverGroup.RETIREMENT: N_("Retirement"),
    LeaverGroup.OTHER: N_("Other reason or not recorded"),
}


def leaver_group(reason: str | None) -> str:
    if reason == LeaveReason.RESIGNED:
        return LeaverGroup.VOLUNTARY
    if reason in (LeaveReason.DISMISSED, LeaveReason.CONTRACT_ENDED):
        return LeaverGroup.INVOLUNTARY
    if reason == LeaveReason.RETIRED:
        return LeaverGroup.RETIREMENT
    return LeaverGroup.OTHER


@dataclass(frozen=True)
class Span:
    """A person's time at the firm: from ``start`` (None: unknown, counted as always) to ``end``
    (the leaving day, the first day no longer at work; None: still here)."""

    person_id: int
    start: date | None
    end: date | None
    leave_reason: str | None = None

    def present_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or self.end > day)


# Named tuples, not dataclasses: a firm's history runs to tens of thousands of these.
class ConversationFact(NamedTuple):
    person_id: int
    held_on: date


class RatingFact(NamedTuple):
    person_id: int
    skill_id: int
    kind: str
    level: int
    rated_on: date


@dataclass(frozen=True)
class SharedAssessmentFact:
    """From a shared self-assessment only: the mean of its areas and of the previous one."""

    assessed_on: date
    mean: float
    previous_mean: float | None


@dataclass
class History:
    """A firm's history as plain data, loaded in a handful of queries."""

    spans: list[Span] = field(default_factory=list)
    conversations: list[ConversationFact] = field(default_factory=list)
    moves: list[tuple[int, date]] = field(default_factory=list)  # (person, day)
    ratings: list[RatingFact] = field(default_factory=list)
    # Needed skills per person: {person: {skill: required level}} (role profile and future needs).
    needed: dict[int, dict[int, int]] = field(default_factory=dict)
    shared_assessments: list[SharedAssessmentFact] = field(default_factory=list)
    entries: list[HomeFigureEntry] = field(default_factory=list)
    _index: RatingIndex | None = field(default=None, repr=False, compare=False)
    _levels: dict[date, dict[tuple[int, int], int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _starts: list[int] | None = field(default=None, repr=False, compare=False)
    _ends: list[int] | None = field(default=None, repr=False, compare=False)

    def rating_index(self) -> RatingIndex:
        if self._index is None:
            self._index = RatingIndex(self.ratings)
        return self._index

    def headcount_on(self, day: date) -> int:
        """People at work on ``day``: started by then, minus those gone by then (bisection)."""
        if self._starts is None or self._ends is None:
            # A span that ends before it starts is never at work: left out of both lists.
            real = [s for s in self.spans if not (s.start and s.end and s.end <= s.start)]
            self._starts = sorted(s.start.toordinal() if s.start else 0 for s in real)
            self._ends = sorted(s.end.toordinal() for s in real if s.end is not None)
        ordinal = day.toordinal()
        return bisect_right(self._starts, ordinal) - bisect_right(self._ends, ordinal)

    def levels_on(self, day: date) -> dict[tuple[int, int], int]:
        """Every rated (person, skill)'s level on ``day`` (kept: periods share their ends)."""
        if day not in self._levels:
            self._levels[day] = self.rating_index().levels_on(day)
        return self._levels[day]


# --- small numbers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A figure, or why it is hidden. ``n`` is the number of people (or respondents) behind it."""

    value: float | None
    n: int
    hidden: bool = False

    @property
    def visible(self) -> bool:
        return not self.hidden and self.value is not None


def guarded(value: float | None, n: int) -> Shown:
    """Hidden when fewer than MIN_GROUP people are behind the figure."""
    if n < MIN_GROUP:
        return Shown(None, n, hidden=True)
    return Shown(value, n)


def suppress_breakdown(counts: Mapping[str, int]) -> set[str]:
    """The parts of a breakdown to hide when its total is shown.

    A part of 1–4 people is hidden. If that leaves exactly one hidden part, the
    smallest other part is hidden too: otherwise the total minus the shown parts
    would give the hidden one away.
    """
    hidden = {k for k, n in counts.items() if 0 < n < MIN_GROUP}
    if len(hidden) == 1:
        rest = sorted((n, k) for k, n in counts.items() if k not in hidden)
        if rest:
            hidden.add(rest[0][1])
    return hidden


# --- derived figures ------------------------------------------------------------------------


def headcount(spans: Iterable[Span], day: date) -> int:
    return sum(1 for s in spans if s.present_on(day))


def month_ends(first: date, last: date) -> list[date]:
    """The last day of each month from ``first``'s month to ``last``'s (``last`` itself for the
    last, unfinished month)."""
    days = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        ny, nm = (year + 1, 1) if month == 12 else (year, month + 1)
        end = date.fromordinal(date(ny, nm, 1).toordinal() - 1)
        days.append(min(end, last))
        year, month = ny, nm
    return days


def average_headcount(spans: list[Span], first: date, last: date) -> float:
    """The mean of the headcounts at each month's end in the period (the usual HR definition)."""
    days = month_ends(first, last)
    return sum(headcount(spans, d) for d in days) / len(days) if days else 0.0


def leavers(spans: Iterable[Span], first: date, last: date) -> dict[str, int]:
    """People whose leaving day falls in the period, by group (every group present, maybe 0)."""
    result = {g.value: 0 for g in LeaverGroup}
    for s in spans:
        if s.end is not None and first <= s.end <= last:
            result[leaver_group(s.leave_reason)] += 1
    return result


RATING_RANK = {"agreed": 0, "manager": 1, "self": 2}


class RatingIndex:
    """Each (person, skill)'s level as a timeline, so its level on any day is one bisection.

    The level that counts on a day is the latest agreed rating, else the latest
    manager's, else the latest self-rating (the app's usual precedence).
    """

    def __init__(self, ratings: Iterable[RatingFact]) -> None:
        grouped: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        for r in ratings:
            grouped.setdefault((r.person_id, r.skill_id), []).append(
                (r.rated_on.toordinal(), RATING_RANK.get(r.kind, 3), r.level)
            )
        self._days: dict[tuple[int, int], list[int]] = {}
        self._levels: dict[tuple[int, int], list[int]] = {}
        for pair, rows in grouped.items():
            rows.sort()
            latest: dict[int, int] = {}  # rank -> level of its latest rating so far
            days: list[int] = []
            levels: list[int] = []
            for day, rank, level in rows:
                latest[rank] = level
                effective = latest[min(latest)]
                if days and days[-1] == day:
                    levels[-1] = effective
                else:
                    days.append(day)
                    levels.append(effective)
            self._days[pair], self._levels[pair] = days, levels

    def level(self, person_id: int, skill_id: int, day: date) -> int | None:
        pair = (person_id, skill_id)
        days = self._days.get(pair)
        if not days:
            return None
        at = bisect_right(days, day.toordinal())
        return self._levels[pair][at - 1] if at else None

    def levels_on(self, day: date) -> dict[tuple[int, int], int]:
        """Every rated (person, skill)'s level on ``day``."""
        ordinal = day.toordinal()
        result = {}
        for pair, days in self._days.items():
            at = bisect_right(days, ordinal)
            if at:
                result[pair] = self._levels[pair][at - 1]
        return result


@dataclass(frozen=True)
class SkillGrowth:
    change: Shown  # mean level change on needed skills, people here at both ends
    gaps_at_start: int
    gaps_closed: int


NOT_COUNTED_GROWTH = SkillGrowth(Shown(None, 0, hidden=True), 0, 0)


def skill_growth(history: History, first: date, last: date) -> SkillGrowth:
    """Mean change of level on each person's needed skills from ``first`` to ``last``, and how many
    of the gaps open at the start were closed by the end (people here on both days)."""
    # The level at the start is the one at the end of the day before: a rating made on the first
    # day counts as growth in the period, and a year starts where the year before ended.
    start = history.levels_on(date.fromordinal(first.toordinal() - 1))
    end = history.levels_on(last)
    here = {s.person_id for s in history.spans if s.present_on(first) and s.present_on(last)}
    changes: list[int] = []
    people: set[int] = set()
    gaps = closed = 0
    for person_id, skills in history.needed.items():
        if person_id not in here:
            continue
        for skill_id, required in skills.items():
            before = start.get((person_id, skill_id), 0)
            rated = end.get((person_id, skill_id))
            after = before if rated is None else rated
            if rated is not None:
                changes.append(after - before)
                people.add(person_id)
            if before < required:
                gaps += 1
                if after >= required:
                    closed += 1
    value = sum(changes) / len(changes) if changes else None
    return SkillGrowth(guarded(value, len(people)), gaps, closed)


def coverage(history: History, day: date) -> tuple[int, int]:
    """(people with a career or development conversation in the 12 months up to ``day``, people here)."""
    here = {s.person_id for s in history.spans if s.present_on(day)}
    try:
        since = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        since = day.replace(year=day.year - 1, day=28)
    talked = {c.person_id for c in history.conversations if since < c.held_on <= day}
    return len(here & talked), len(here)


def self_assessment_change(history: History, first: date, last: date) -> Shown:
    """Mean change of the career-skills self-assessment (1–5) against the person's previous one,
    over the shared assessments made in the period; never shown for fewer than MIN_GROUP people."""
    diffs = [
        a.mean - a.previous_mean
        for a in history.shared_assessments
        if first <= a.assessed_on <= last and a.previous_mean is not None
    ]
    return guarded(sum(diffs) / len(diffs) if diffs else None, len(diffs))


@dataclass(frozen=True)
class Entered:
    """An entered figure over a period: a sum (days, euros) or a respondent-weighted mean (surveys)."""

    value: float | None
    respondents: int = 0
    periods: int = 0  # how many entries it is made of


def entered_figure(
    entries: Iterable[HomeFigureEntry], metric: str, first: date, last: date
) -> Entered:
    """Entries of ``metric`` whose period starts in [first, last]; a survey entry from fewer than
    MIN_GROUP respondents is left out (it could point at people)."""
    rows = [e for e in entries if e.metric == metric and first <= e.period_start <= last]
    if metric in SURVEY_METRICS:
        rows = [e for e in rows if (e.respondents or 0) >= MIN_GROUP]
        n = sum(e.respondents or 0 for e in rows)
        if not n:
            return Entered(None, 0, 0)
        return Entered(sum(e.value * (e.respondents or 0) for e in rows) / n, n, len(rows))
    if not rows:
        return Entered(None, 0, 0)
    return Entered(sum(e.value for e in rows), 0, len(rows))


@dataclass(frozen=True)
class PeriodFigures:
    """Every figure for one period (a year, or the year so far)."""

    label: str
    first: date
    last: date
    headcount_end: int
    average_headcount: float
    leavers: dict[str, int]
    leavers_hidden: set[str]
    moves: int
    covered: int
    covered_of: int
    growth: SkillGrowth
    self_assessment: Shown
    entered: dict[str, Entered]

    @property
    def leavers_total(self) -> int:
        return sum(self.leavers.values())

    @property
    def turnover(self) -> Shown:
        """Leavers ÷ average headcount; hidden for a firm of fewer than MIN_GROUP people."""
        avg = self.average_headcount
        value = self.leavers_total / avg if avg else None
        return guarded(value, round(avg))

    @property
    def coverage(self) -> Shown:
        return guarded(self.covered / self.covered_of if self.covered_of else None, self.covered_of)

    def sick_days_per_person(self) -> Shown:
        days = self.entered[Metric.SICK_LEAVE_DAYS].value
        avg = self.average_headcount
        return guarded(days / avg if days is not None and avg else None, round(avg))


def _average(history: History, first: date, last: date) -> float:
    days = month_ends(first, last)
    return sum(history.headcount_on(d) for d in days) / len(days) if days else 0.0


def period_figures(
    history: History, label: str, first: date, last: date, *, skills: bool = True
) -> PeriodFigures:
    """All figures for the period from ``first`` to ``last`` (both included).

    With ``skills=False`` (quarters, where no chart shows them) skill growth and the
    self-assessment change are left out as not counted.
    """
    spans = history.spans
    gone = leavers(spans, first, last)
    covered, of = coverage(history, last)
    return PeriodFigures(
        label=label,
        first=first,
        last=last,
        headcount_end=history.headcount_on(last),
        average_headcount=_average(history, first, last),
        leavers=gone,
        leavers_hidden=suppress_breakdown(gone),
        moves=sum(1 for _p, day in history.moves if first <= day <= last),
        covered=covered,
        covered_of=of,
        growth=skill_growth(history, first, last) if skills else NOT_COUNTED_GROWTH,
        self_assessment=self_assessment_change(history, first, last)
        if skills
        else Shown(None, 0, hidden=True),
        entered={m.value: entered_figure(history.entries, m, first, last) for m in Metric},
    )


def year_periods(today: date, years: int) -> list[tuple[str, date, date]]:
    """The last ``years`` calendar years, the current one up to ``today``."""
    result = []
    for year in range(today.year - years + 1, today.year + 1):
        last = min(date(year, 12, 31), today)
        result.append((str(year), date(year, 1, 1), last))
    return result


def quarter_periods(today: date, quarters: int) -> list[tuple[str, date, date]]:
    """The last ``quarters`` quarters, the current one up to ``today``."""
    start = quarter_start(today)
    starts = []
    for _i in range(quarters):
        starts.append(start)
        prev_month = start.month - 3
        start = (
            date(start.year - 1, prev_month + 12, 1)
            if prev_month < 1
            else date(start.year, prev_month, 1)
        )
    result = []
    for s in reversed(starts):
        nm = s.month + 3
        nxt = date(s.year + 1, nm - 12, 1) if nm > 12 else date(s.year, nm, 1)
        result.append((quarter_label(s), s, min(date.fromordinal(nxt.toordinal() - 1), today)))
    return result


# --- definitions, shown beside every figure ------------------------------------------------------

DEFINITIONS: dict[str, str] = {
    "headcount": N_("People at work on the last day of the period (the owner included)."),
    "average_headcount": N_("The mean of the headcounts at the end of each month of the period."),
    "leavers": N_(
        "People whose employment ended in the period, by reason. A reason with 1–4 people is "
        "hidden, and then one more, so that no one's reason can be worked out from the total."
    ),
    "turnover": N_(
        "Leavers in the period ÷ the average headcount of the period. Hidden for fewer than 5 people."
    ),
    "moves": N_(
        "Internal moves started in the period: changes of team or job title, and job rotations."
    ),
    "coverage": N_(
        "The share of the people at work on the period's last day who had a career conversation or a "
        "development discussion in the 12 months before it."
    ),
    "skill_growth": N_(
        "The mean change of level (0–4) on the skills each person's role profile or agreed targets "
        "call for, for the people here at the start and the end of the period; and how many of the "
        "gaps open at the start were closed by the end. Hidden for fewer than 5 people."
    ),
    "self_assessment": N_(
        "The mean change of the self-assessment of career management skills (1–5) against each "
        "person's previous one, counting only the summaries people chose to share. Never shown for "
        "fewer than 5 people and never per person."
    ),
    Metric.SICK_LEAVE_DAYS: N_(
        "Sick-leave days the firm recorded for the period (entered), and per person: the days ÷ the "
        "average headcount. Hidden in a firm of fewer than 5 people."
    ),
    Metric.HEALTH_COSTS: N_(
        "Occupational-health costs for the period in euros (entered). Hidden in a firm of fewer "
        "than 5 people."
    ),
    Metric.SATISFACTION: N_(
        "The job-satisfaction survey's mean score on 1–5 (entered), weighted by respondents. An "
        "entry with fewer than 5 respondents is left out."
    ),
    Metric.EXIT_SURVEY: N_(
        "The exit survey's mean score on 1–5 (entered), weighted by respondents. An entry with "
        "fewer than 5 respondents is left out."
    ),
}


def definition(key: str) -> str:
    return _(DEFINITIONS[key]) if key in DEFINITIONS else ""
