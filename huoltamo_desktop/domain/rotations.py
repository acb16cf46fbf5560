"""Job rotation planned as learning: the contracts, absences, and the pure rules over them.

A rotation is a learning contract: who goes where, when, for what share of
their working time, who guides them (the host), who covers their own tasks,
and which skills they mean to learn to which level. The rules below work on
plain data only:

- **coverage**: for each needed skill and week of the plan, how many people at
  level 3 or above are available (rotations, absences, leaving dates and card
  validity taken into account), against the firm's minimum and the needs;
- **key people and the bus factor**: holders per skill now and after the plan,
  and the truck-factor greedy of Avelino et al. (2016) over the needed skills;
- **checks** before a rotation is saved, and **suggestions** of who could
  rotate where, each with its reasons.

Coverage is computed with bit sets: one Python integer per week whose bits
are the people available that week, one per skill whose bits are its holders;
a cell is then ``(available & holders).bit_count()``. No query and no loop
over people per cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, Text
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.people import person_fk, utcnow
from huoltamo_desktop.domain.skills import EXPERT_LEVEL
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_, _

DEFAULT_MINIMUM = 1  # people at level 3+ each needed skill should have available every week
AWAY_SHARE = 50  # a rotation taking at least this share of working time takes the person away
SETTING_MINIMUM = "rotations.minimum_coverage"
WORKDAYS = 5


class RotationKind(StrEnum):
    SWAP = "swap"  # two people trade places for a fixed term
    ROTATION = "rotation"  # one person moves into another role or team for a while
    PROJECT = "project"  # a project assignment
    SHADOWING = "shadowing"  # following someone's work


KIND_LABELS: dict[str, str] = {
    RotationKind.SWAP: N_("Swap"),
    RotationKind.ROTATION: N_("Rotation"),
    RotationKind.PROJECT: N_("Project"),
    RotationKind.SHADOWING: N_("Job shadowing"),
}

KIND_HELP: dict[str, str] = {
    RotationKind.SWAP: N_("Two people trade places for a fixed term, e.g. within one process."),
    RotationKind.ROTATION: N_("One person works in another role or team for a while."),
    RotationKind.PROJECT: N_("A project assignment alongside or instead of the usual work."),
    RotationKind.SHADOWING: N_("Following an experienced colleague's work to learn it."),
}


class RotationStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


STATUS_LABELS: dict[str, str] = {
    RotationStatus.PLANNED: N_("Planned"),
    RotationStatus.RUNNING: N_("Running"),
    RotationStatus.DONE: N_("Done"),
    RotationStatus.CANCELLED: N_("Cancelled"),
}

# One palette for the timeline and the PDF: the fill says the kind, the status changes its look.
KIND_COLOURS: dict[str, str] = {
    RotationKind.SWAP: "#4e8fbf",
    RotationKind.ROTATION: "#5aa469",
    RotationKind.PROJECT: "#c98b2b",
    RotationKind.SHADOWING: "#8e6bbf",
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def _fk(target: str, *, ondelete: str = "CASCADE", nullable: bool = False) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


# --- tables -----------------------------------------------------------------------


class Rotation(Versioned, SQLModel, table=True):
    """One learning contract. In a swap ``partner_id`` is the other person, who takes this
    person's place (and this person theirs); the host guides, the cover does the person's
    own tasks meanwhile."""

    __tablename__ = "rotation"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    person_id: int = Field(sa_column=person_fk())
    partner_id: int | None = Field(default=None, sa_column=person_fk(nullable=True))
    host_id: int | None = Field(
        default=None, sa_column=person_fk(nullable=True, on_delete="SET NULL")
    )
    cover_id: int | None = Field(
        default=None, sa_column=person_fk(nullable=True, on_delete="SET NULL")
    )
    destination: str = Field(default="", max_length=200)  # the role, team or project
    starts_on: date
    ends_on: date
    share_percent: int = 100
    status: str = Field(default=RotationStatus.PLANNED, max_length=12, index=True)
    warnings_accepted: str = Field(default="", sa_column=Column(Text, nullable=False))
    outcome_person: str = Field(default="", sa_column=Column(Text, nullable=False))
    outcome_host: str = Field(default="", sa_column=Column(Text, nullable=False))
    outcome_confirmed_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class RotationGoal(Versioned, SQLModel, table=True):
    """A skill the person means to learn, to a target level; at the end a proposed level,
    and once the manager confirms it, the skill rating it became."""

    __tablename__ = "rotation_goal"

    id: int | None = Field(default=None, primary_key=True)
    rotation_id: int = Field(sa_column=_fk("rotation.id"))
    skill_id: int = Field(sa_column=_fk("skill.id"))
    target_level: int
    proposed_level: int | None = None
    rating_id: int | None = Field(
        default=None, sa_column=_fk("skill_rating.id", ondelete="SET NULL", nullable=True)
    )


class Absence(Versioned, SQLModel, table=True):
    """A known absence (holiday, study leave, parental leave): dates only, never a reason
    about health."""

    __tablename__ = "absence"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    starts_on: date
    ends_on: date
    note: str = Field(default="", max_length=200)


class SkillCardRequirement(SQLModel, table=True):
    """A skill that may be used only with a valid card (e.g. hot work needs the hot work card)."""

    __tablename__ = "skill_card_requirement"

    id: int | None = Field(default=None, primary_key=True)
    skill_id: int = Field(sa_column=_fk("skill.id"))
    card_type_id: int = Field(sa_column=_fk("card_type.id"))


class RotationActionLink(SQLModel, table=True):
    """An agreed action of a conversation whose follow-up is this rotation."""

    __tablename__ = "rotation_action_link"

    id: int | None = Field(default=None, primary_key=True)
    rotation_id: int = Field(sa_column=_fk("rotation.id"))
    action_id: int = Field(sa_column=_fk("conversation_action.id"))


# --- plain facts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class GoalFacts:
    skill_id: int
    target_level: int


@dataclass(frozen=True)
class RotationFacts:
    id: int
    kind: str
    person_id: int
    start: date
    end: date
    share_percent: int = 100
    status: str = RotationStatus.PLANNED
    partner_id: int | None = None
    host_id: int | None = None
    cover_id: int | None = None
    goals: tuple[GoalFacts, ...] = ()

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def live(self) -> bool:
        return self.status != RotationStatus.CANCELLED

    @property
    def takes_away(self) -> bool:
        """The people rotating are away from their own work (a light shadowing is not)."""
        return self.share_percent >= AWAY_SHARE

    def rotating(self) -> tuple[int, ...]:
        """The people who leave their own work: the person, and in a swap the partner too."""
        if self.kind == RotationKind.SWAP and self.partner_id is not None:
            return (self.person_id, self.partner_id)
        return (self.person_id,)


@dataclass(frozen=True)
class CardFacts:
    person_id: int
    card_type_id: int
    obtained_on: date | None
    expires_on: date | None

    def valid_on(self, day: date) -> bool:
        if self.obtained_on is not None and self.obtained_on > day:
            return False
        return self.expires_on is None or self.expires_on >= day


@dataclass(frozen=True)
class PersonPlanFacts:
    id: int
    name: str
    team_id: int | None = None
    job_title: str = ""
    leaving_on: date | None = None  # the last day is the day before
    late_career: bool = False


@dataclass
class PlanData:
    """Everything the rotation rules need, as plain data.

    ``levels`` maps (person, skill) to the current level; ``needed`` maps each
    needed skill to the level asked for; ``profile_need`` to how many people at
    level 3+ the role profiles in use ask for (one per role that relies on the
    skill at expert level); ``future_need`` lists (skill, people, from day).
    """

    people: dict[int, PersonPlanFacts]
    skill_names: dict[int, str]
    levels: dict[tuple[int, int], int]
    needed: dict[int, int]
    rotations: list[RotationFacts] = field(default_factory=list)
    absences: dict[int, list[Span]] = field(default_factory=dict)
    cards: list[CardFacts] = field(default_factory=list)
    card_for_skill: dict[int, frozenset[int]] = field(default_factory=dict)
    profile_need: dict[int, int] = field(default_factory=dict)
    future_need: list[tuple[int, int, date | None]] = field(default_factory=list)
    minimum: int = DEFAULT_MINIMUM

    def holder_level(self, skill_id: int) -> int:
        """The level that makes a holder: level 3, or higher when the need asks for more."""
        return max(EXPERT_LEVEL, self.needed.get(skill_id, 0))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def plan_weeks(start: date, weeks: int) -> list[Span]:
    """The working weeks (Monday to Friday) of a plan starting the week of ``start``."""
    first = monday_of(start)
    return [
        Span(first + timedelta(weeks=i), first + timedelta(weeks=i, days=WORKDAYS - 1))
        for i in range(weeks)
    ]


def _week_range(span: Span, weeks: Sequence[Span]) -> range:
    """Indexes of the weeks ``span`` touches."""
    if not weeks or span.end < weeks[0].start or span.start > weeks[-1].end:
        return range(0)
    first = weeks[0].start
    lo = max(0, (span.start - first).days // 7)
    if span.start > weeks[lo].end:  # a weekend day: the next week is the first touched
        lo += 1
    hi = min(len(weeks) - 1, (span.end - first).days // 7)
    return range(lo, hi + 1)


def _first_week_after(day: date, weeks: Sequence[Span]) -> int:
    """Index of the first week that starts after ``day`` (len(weeks) when none)."""
    if not weeks:
        return 0
    if day < weeks[0].start:
        return 0
    index = (day - weeks[0].start).days // 7 + 1
    return min(index, len(weeks))


# --- coverage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Skill × week: people at level 3+ available, and how many are needed."""

    weeks: tuple[Span, ...]
    skill_ids: tuple[int, ...]
    counts: tuple[tuple[int, ...], ...]  # [skill row][week]
    needs: tuple[tuple[int, ...], ...]  # [skill row][week]

    def row(self, skill_id: int) -> int:
        return self.skill_ids.index(skill_id)

    def short(self, row: int, week: int) -> bool:
        return self.counts[row][week] < self.needs[row][week]

    def short_cells(self) -> list[tuple[int, int]]:
        """(skill id, week index) of every cell under its need."""
        return [
            (sid, w)
            for r, sid in enumerate(self.skill_ids)
            for w in range(len(self.weeks))
            if self.counts[r][w] < self.needs[r][w]
        ]


def availability_masks(data: PlanData, weeks: Sequence[Span]) -> list[int]:
    """One bit set per week: bit ``i`` is person ``i`` (in ``person_order``) available all that week."""
    order = person_order(data)
    everyone = (1 << len(order)) - 1
    masks = [everyone] * len(weeks)
    for pid, i in order.items():
        bit = 1 << i
        person = data.people[pid]
        if person.leaving_on is not None:
            # Gone from the first week whose Friday is on or after the leaving day.
            for w in range(len(weeks)):
                if weeks[w].end >= person.leaving_on:
                    masks[w] &= ~bit
        for span in data.absences.get(pid, ()):
            for w in _week_range(span, weeks):
                masks[w] &= ~bit
    for rotation in data.rotations:
        if not rotation.live or not rotation.takes_away:
            continue
        for pid in rotation.rotating():
            position = order.get(pid)
            if position is None:
                continue
            for w in _week_range(rotation.span, weeks):
                masks[w] &= ~(1 << position)
    return masks


def person_order(data: PlanData) -> dict[int, int]:
    """A fixed bit position per person."""
    return {pid: i for i, pid in enumerate(sorted(data.people))}


def _holder_masks(
    data: PlanData, weeks: Sequence[Span], skill_ids: Sequence[int]
) -> list[list[int] | int]:
    """Per skill: one bit set of holders for the whole plan, or one per week when it changes
    (someone reaches the level at the end of a rotation, or a card runs out)."""
    order = person_order(data)
    wanted = set(skill_ids)
    base: dict[int, int] = dict.fromkeys(skill_ids, 0)
    for (pid, sid), level in data.levels.items():
        if sid in wanted and pid in order and level >= data.holder_level(sid):
            base[sid] |= 1 << order[pid]
    gained: dict[int, list[tuple[int, int]]] = {}  # skill -> [(from week, bit)]
    for rotation in data.rotations:
        if not rotation.live:
            continue
        i = order.get(rotation.person_id)
        if i is None:
            continue
        start_week = _first_week_after(rotation.end, weeks)
        for goal in rotation.goals:
            if goal.skill_id not in wanted or goal.target_level < data.holder_level(goal.skill_id):
                continue
            if base[goal.skill_id] >> i & 1:
                continue
            gained.setdefault(goal.skill_id, []).append((start_week, 1 << i))
    cards_by_type: dict[int, list[CardFacts]] = {}
    for card in data.cards:
        cards_by_type.setdefault(card.card_type_id, []).append(card)
    result: list[list[int] | int] = []
    for sid in skill_ids:
        required_cards = data.card_for_skill.get(sid)
        if sid not in gained and not required_cards:
            result.append(base[sid])
            continue
        per_week = [base[sid]] * len(weeks)
        for from_week, bit in gained.get(sid, ()):
            for w in range(from_week, len(weeks)):
                per_week[w] |= bit
        if required_cards:
            for w, week in enumerate(weeks):
                allowed = 0
                for card_type in required_cards:
                    for card in cards_by_type.get(card_type, ()):
                        i = order.get(card.person_id)
                        if i is not None and card.valid_on(week.end):
                            allowed |= 1 << i
                per_week[w] &= allowed
        result.append(per_week)
    return result


def needs_per_week(data: PlanData, weeks: Sequence[Span], skill_id: int) -> list[int]:
    """How many holders the skill needs each week: the firm's minimum, the role profiles'
    need, and a future need from its date on, whichever is highest."""
    floor = max(data.minimum, data.profile_need.get(skill_id, 0))
    result = [floor] * len(weeks)
    for sid, people, from_day in data.future_need:
        if sid != skill_id:
            continue
        for w, week in enumerate(weeks):
            if from_day is None or week.end >= from_day:
                result[w] = max(result[w], people)
    return result


def coverage(
    data: PlanData, weeks: Sequence[Span], skill_ids: Sequence[int] | None = None
) -> Coverage:
    """The coverage heat map: for each needed skill and week, the holders available."""
    ids = tuple(sorted(data.needed) if skill_ids is None else skill_ids)
    available = availability_masks(data, weeks)
    holders = _holder_masks(data, weeks, ids)
    counts = []
    for held in holders:
        if isinstance(held, int):
            counts.append(tuple((a & held).bit_count() for a in available))
        else:
            counts.append(tuple((a & h).bit_count() for a, h in zip(available, held, strict=True)))
    needs = tuple(tuple(needs_per_week(data, weeks, sid)) for sid in ids)
    return Coverage(tuple(weeks), ids, tuple(counts), needs)


def available_on_week(data: PlanData, weeks: Sequence[Span], week: int) -> set[int]:
    order = person_order(data)
    mask = availability_masks(data, weeks)[week]
    return {pid for pid, i in order.items() if mask >> i & 1}


@dataclass(frozen=True)
class CoverCandidate:
    person_id: int
    level: int
    reasons: tuple[str, ...]  # CandidateReason codes
    score: int


class CandidateReason(StrEnum):
    NEARLY = "nearly"  # one level short
    TARGET = "target"  # has it as a target
    CARD_MISSING = "card_missing"  # has the level, but the card is not valid that week
    SAME_TEAM = "same_team"


def cover_candidates(
    data: PlanData,
    weeks: Sequence[Span],
    *,
    skill_id: int,
    week: int,
    targets: Mapping[tuple[int, int], int] | None = None,
    limit: int = 8,
) -> list[CoverCandidate]:
    """Who could cover a skill in a week where it is short, most able first.

    Only people available that week and not already counted; people one level
    short or with a target for the skill come before others, and someone
    whose card has run out is listed with that said (renewing it is the fix).
    """
    available = available_on_week(data, weeks, week)
    need_level = data.holder_level(skill_id)
    day = weeks[week].end
    required_cards = data.card_for_skill.get(skill_id, frozenset())
    valid_card = {
        c.person_id for c in data.cards if c.card_type_id in required_cards and c.valid_on(day)
    }
    holder_teams = {
        data.people[pid].team_id
        for (pid, sid), lvl in data.levels.items()
        if sid == skill_id and lvl >= need_level and pid in data.people
    }
    result = []
    for pid in available:
        level = data.levels.get((pid, skill_id), 0)
        has_card = not required_cards or pid in valid_card
        if level >= need_level and has_card:
            continue  # already counted
        reasons: list[str] = []
        score = level * 20
        if level >= need_level:
            reasons.append(CandidateReason.CARD_MISSING)
            score += 15
        elif level == need_level - 1:
            reasons.append(CandidateReason.NEARLY)
        target = (targets or {}).get((pid, skill_id))
        if target is not None and target > level:
            reasons.append(CandidateReason.TARGET)
            score += 10
        if level == 0 and not reasons:
            continue
        team = data.people[pid].team_id
        if team is not None and team in holder_teams:
            reasons.append(CandidateReason.SAME_TEAM)
            score += 5
        result.append(CoverCandidate(pid, level, tuple(reasons), score))
    result.sort(key=lambda c: (-c.score, data.people[c.person_id].name, c.person_id))
    return result[:limit]


# --- key people and the bus factor -------------------------------------------------------


def holders(
    data: PlanData, *, after_plan: bool = False, day: date | None = None
) -> dict[int, set[int]]:
    """Per needed skill, the people at the holder level: now, or after every live rotation's
    goals are reached. People leaving by ``day`` are not counted."""
    result: dict[int, set[int]] = {sid: set() for sid in data.needed}
    present = {
        pid
        for pid, p in data.people.items()
        if p.leaving_on is None or day is None or p.leaving_on > day
    }
    for (pid, sid), level in data.levels.items():
        if sid in result and pid in present and level >= data.holder_level(sid):
            result[sid].add(pid)
    if after_plan:
        for rotation in data.rotations:
            if not rotation.live or rotation.person_id not in present:
                continue
            for goal in rotation.goals:
                if goal.skill_id in result and goal.target_level >= data.holder_level(
                    goal.skill_id
                ):
                    result[goal.skill_id].add(rotation.person_id)
    return result


def bus_factor(
    skill_holders: Mapping[int, set[int]], *, tie_names: Mapping[int, str] | None = None
) -> tuple[int, tuple[int, ...]]:
    """The truck factor over the needed skills, greedy as in Avelino et al. (2016).

    Repeatedly take away the person who holds the most skills still held,
    until more than half of the skills have no holder. The number taken away
    is the bus factor; the people are returned in the order taken. A firm whose
    skills are already more than half without a holder has a bus factor of 0.
    """
    total = len(skill_holders)
    if total == 0:
        return 0, ()
    left = {sid: set(who) for sid, who in skill_holders.items()}
    removed: list[int] = []
    names = tie_names or {}

    def orphaned() -> int:
        return sum(1 for who in left.values() if not who)

    while orphaned() * 2 <= total:
        counts: dict[int, int] = {}
        for who in left.values():
            for pid in who:
                counts[pid] = counts.get(pid, 0) + 1
        if not counts:
            break
        person = min(counts, key=lambda p: (-counts[p], names.get(p, ""), p))
        removed.append(person)
        for who in left.values():
            who.discard(person)
    return len(removed), tuple(removed)


@dataclass(frozen=True)
class KeyPersonEffect:
    skill_id: int
    level: int  # the holder level
    now: int
    after: int
    new_holders: tuple[int, ...]


def key_person_effects(data: PlanData, *, only_risky: bool = True) -> list[KeyPersonEffect]:
    """Per needed skill: holders now and after the plan ("1 → 2"), the most fragile first."""
    before = holders(data)
    after = holders(data, after_plan=True)
    result = []
    for sid in data.needed:
        now, later = before[sid], after[sid]
        if only_risky and len(now) >= 2 and len(later) == len(now):
            continue
        result.append(
            KeyPersonEffect(
                sid, data.holder_level(sid), len(now), len(later), tuple(sorted(later - now))
            )
        )
    # What the plan changes first, then the most fragile.
    result.sort(
        key=lambda e: (e.after == e.now, e.now, -e.after, data.skill_names.get(e.skill_id, ""))
    )
    return result


# --- checks before saving ----------------------------------------------------------------


class IssueCode(StrEnum):
    DOUBLE_BOOKED = "double_booked"
    PERSON_ABSENT = "person_absent"
    PERSON_LEAVING = "person_leaving"
    HOST_UNAVAILABLE = "host_unavailable"
    COVER_UNAVAILABLE = "cover_unavailable"
    COVER_DOUBLE = "cover_double"
    COVERAGE = "coverage"


@dataclass(frozen=True)
class PlanIssue:
    """A warning about a rotation. ``who`` is the person concerned, ``other`` the rotation
    it clashes with, ``skill_id``/``week`` the first week a skill drops under its need."""

    code: str
    who: int | None = None
    other: int | None = None
    skill_id: int | None = None
    week: date | None = None
    count: int = 0
    need: int = 0


def _busy_spans(data: PlanData, pid: int, exclude: int | None) -> list[tuple[Span, int]]:
    """Rotations in which ``pid`` is away from their own work, with their ids."""
    return [
        (r.span, r.id) for r in data.rotations if r.live and r.id != exclude and pid in r.rotating()
    ]


def check_rotation(
    data: PlanData, rotation: RotationFacts, *, weeks: Sequence[Span] | None = None
) -> list[PlanIssue]:
    """What speaks against saving ``rotation`` into ``data``'s plan (the user may still save).

    Finds people double-booked, the person, host or cover absent or gone
    during the period, a cover already covering someone else at the time, and
    needed skills that drop under their need because of this rotation (the
    first week each one does).
    """
    issues: list[PlanIssue] = []
    span = rotation.span
    for pid in rotation.rotating():
        for other_span, other_id in _busy_spans(data, pid, rotation.id):
            if other_span.overlaps(span):
                issues.append(PlanIssue(IssueCode.DOUBLE_BOOKED, who=pid, other=other_id))
                break
        if any(a.overlaps(span) for a in data.absences.get(pid, ())):
            issues.append(PlanIssue(IssueCode.PERSON_ABSENT, who=pid))
        person = data.people.get(pid)
        if person is not None and person.leaving_on is not None and person.leaving_on <= span.end:
            issues.append(PlanIssue(IssueCode.PERSON_LEAVING, who=pid))
    for role, code in (
        (rotation.host_id, IssueCode.HOST_UNAVAILABLE),
        (rotation.cover_id, IssueCode.COVER_UNAVAILABLE),
    ):
        if role is None:
            continue
        person = data.people.get(role)
        away = (
            person is None
            or (person.leaving_on is not None and person.leaving_on <= span.end)
            or any(a.overlaps(span) for a in data.absences.get(role, ()))
            or any(s.overlaps(span) for s, _id in _busy_spans(data, role, rotation.id))
        )
        if away:
            issues.append(PlanIssue(code, who=role))
    if rotation.cover_id is not None:
        for other in data.rotations:
            if (
                other.live
                and other.id != rotation.id
                and other.cover_id == rotation.cover_id
                and other.span.overlaps(span)
            ):
                issues.append(
                    PlanIssue(IssueCode.COVER_DOUBLE, who=rotation.cover_id, other=other.id)
                )
                break
    if weeks and rotation.live:
        issues.extend(coverage_issues(data, rotation, weeks))
    return issues


def with_rotation(data: PlanData, rotation: RotationFacts) -> PlanData:
    """``data`` with ``rotation`` added (replacing the saved one with the same id)."""
    others = [r for r in data.rotations if r.id != rotation.id]
    return replace(data, rotations=[*others, rotation])


def without_rotation(data: PlanData, rotation_id: int) -> PlanData:
    return replace(data, rotations=[r for r in data.rotations if r.id != rotation_id])


def coverage_issues(
    data: PlanData, rotation: RotationFacts, weeks: Sequence[Span]
) -> list[PlanIssue]:
    """Needed skills whose coverage drops under the need in a week where it did not before,
    because of ``rotation``; only the first such week per skill."""
    if not rotation.takes_away:
        return []
    touched = _week_range(rotation.span, weeks)
    if not touched:
        return []
    rotating = set(rotation.rotating())
    skills = sorted(
        {
            sid
            for (pid, sid), lvl in data.levels.items()
            if pid in rotating and sid in data.needed and lvl >= data.holder_level(sid)
        }
    )
    if not skills:
        return []
    sub = weeks[touched.start : touched.stop]
    before = coverage(without_rotation(data, rotation.id), sub, skills)
    after = coverage(with_rotation(data, rotation), sub, skills)
    issues = []
    for r, sid in enumerate(skills):
        for w in range(len(sub)):
            if after.short(r, w) and not before.short(r, w):
                issues.append(
                    PlanIssue(
                        IssueCode.COVERAGE,
                        skill_id=sid,
                        week=sub[w].start,
                        count=after.counts[r][w],
                        need=after.needs[r][w],
                    )
                )
                break
    return issues


# --- suggestions ---------------------------------------------------------------------------


class SuggestionReason(StrEnum):
    WISH = "wish"  # the learner wishes to learn the skill (career plan or conversation)
    TARGET = "target"  # the learner has a target level for it
    SECOND_HOLDER = "second_holder"  # would be the second holder of a skill only one holds
    FIRST_HOLDER = "first_holder"  # nobody holds it yet at the needed level, host is nearest
    HOLDER_LATE = "holder_late"  # the only holder is late in their career
    HOLDER_LEAVING = "holder_leaving"  # the only holder is leaving
    ROLE_MATCH = "role_match"  # the learner already meets much of the host's role


@dataclass(frozen=True)
class Suggestion:
    learner_id: int
    host_id: int
    skill_id: int
    target_level: int
    start: date | None  # the first start that keeps the minimum coverage; None if none does
    end: date | None
    score: int
    reasons: tuple[str, ...]
    role_match: int  # percent of the host's role the learner meets
    breaks: PlanIssue | None = None  # when no start keeps the coverage: the first week it breaks


@dataclass(frozen=True)
class SuggestionInput:
    """What suggestions need beyond the plan: targets, wishes, role matches."""

    targets: Mapping[tuple[int, int], int] = field(default_factory=dict)
    wishes: frozenset[tuple[int, int]] = frozenset()
    role_match: Mapping[tuple[int, int], int] = field(default_factory=dict)  # (learner, host) -> %


def suggest_rotations(
    data: PlanData,
    weeks: Sequence[Span],
    extra: SuggestionInput,
    *,
    duration_weeks: int = 8,
    share_percent: int = 50,
    limit: int = 12,
) -> list[Suggestion]:
    """Who could rotate to whom to learn what, the most useful first, each with its reasons.

    A learner is anyone present with a wish or target for a needed skill, or
    whose role needs it; the host is a holder (the one with the fewest live
    rotations to guide). A rotation that trains a second holder of a skill
    only one person holds ranks high, more so when that person is late in
    their career or leaving. Each suggestion gets the first start in the plan
    that keeps every needed skill at its need; when none does, it says which
    week it would break first.
    """
    current = holders(data)
    planned_learners = {
        (r.person_id, g.skill_id) for r in data.rotations if r.live for g in r.goals
    }
    busy_hosts: dict[int, int] = {}
    for r in data.rotations:
        if r.live and r.host_id is not None:
            busy_hosts[r.host_id] = busy_hosts.get(r.host_id, 0) + 1
    candidates: list[tuple[int, int, int, int, list[str], int]] = []
    for sid in data.needed:
        held_by = current[sid]
        if len(held_by) >= 3:
            continue
        if held_by:
            host = min(held_by, key=lambda p: (busy_hosts.get(p, 0), data.people[p].name, p))
        else:
            best = max(
                ((data.levels.get((p, sid), 0), p) for p in data.people),
                default=(0, 0),
            )
            if best[0] < 2:
                continue
            host = best[1]
        host_facts = data.people[host]
        for pid, person in data.people.items():
            if pid in held_by or pid == host or person.leaving_on is not None:
                continue
            if (pid, sid) in planned_learners:
                continue
            level = data.levels.get((pid, sid), 0)
            wish = (pid, sid) in extra.wishes
            target = extra.targets.get((pid, sid))
            if not wish and (target is None or target <= level) and level < 2:
                continue
            reasons: list[str] = []
            score = 10 * level
            if wish:
                reasons.append(SuggestionReason.WISH)
                score += 30
            if target is not None and target > level:
                reasons.append(SuggestionReason.TARGET)
                score += 25
            if len(held_by) == 1:
                reasons.append(SuggestionReason.SECOND_HOLDER)
                score += 40
                if host_facts.late_career:
                    reasons.append(SuggestionReason.HOLDER_LATE)
                    score += 15
                if host_facts.leaving_on is not None:
                    reasons.append(SuggestionReason.HOLDER_LEAVING)
                    score += 25
            elif not held_by:
                reasons.append(SuggestionReason.FIRST_HOLDER)
                score += 20
            match = extra.role_match.get((pid, host), 0)
            if match >= 50:
                reasons.append(SuggestionReason.ROLE_MATCH)
            score += match // 5
            candidates.append((score, pid, host, sid, reasons, match))
    candidates.sort(key=lambda c: (-c[0], data.skill_names.get(c[3], ""), data.people[c[1]].name))
    result = []
    seen_learners: set[int] = set()
    for score, pid, host, sid, reasons, match in candidates:
        if pid in seen_learners:
            continue
        seen_learners.add(pid)
        target_level = max(extra.targets.get((pid, sid), 0), data.holder_level(sid))
        start, end, breaks = _first_safe_start(
            data, weeks, pid, host, sid, target_level, duration_weeks, share_percent
        )
        result.append(
            Suggestion(
                pid, host, sid, target_level, start, end, score, tuple(reasons), match, breaks
            )
        )
        if len(result) >= limit:
            break
    return result


def _first_safe_start(
    data: PlanData,
    weeks: Sequence[Span],
    learner: int,
    host: int,
    skill_id: int,
    target_level: int,
    duration_weeks: int,
    share_percent: int,
) -> tuple[date | None, date | None, PlanIssue | None]:
    first_break: PlanIssue | None = None
    last_start = len(weeks) - duration_weeks
    for w in range(0, max(0, last_start) + 1):
        start = weeks[w].start
        end = weeks[w + duration_weeks - 1].end
        trial = RotationFacts(
            -1,
            RotationKind.ROTATION,
            learner,
            start,
            end,
            share_percent,
            host_id=host,
            goals=(GoalFacts(skill_id, target_level),),
        )
        issues = check_rotation(data, trial, weeks=weeks)
        if not issues:
            return start, end, None
        if first_break is None:
            first_break = next((i for i in issues if i.code == IssueCode.COVERAGE), issues[0])
    return None, None, first_break
