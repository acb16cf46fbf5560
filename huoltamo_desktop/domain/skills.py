"""Skill mapping: the catalogue, ratings, role profiles, future needs, cards, and the analyses.

The tables are SQLModel classes; the analyses at the end are pure functions
over plain data (one pass in memory), so they are tested with small hand-made
firms and never issue a query per cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.keys import keep_key
from huoltamo_desktop.domain.people import CareerStage, person_fk, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_
from huoltamo_desktop.i18n.collation import fold

MIN_LEVEL = 0
MAX_LEVEL = 4
LEVELS: tuple[int, ...] = (0, 1, 2, 3, 4)
EXPERT_LEVEL = 3  # "handles the hard cases": the level that counts for key-person risk
TEACHER_LEVEL = 4
EXPIRY_WARNING_DAYS = 90
LATE_CAREER_AGE = 58  # the age by which the talk about continuing at work is advised

# One heat-map palette for the screen, the spreadsheet and the PDF: pale for 0, deep green for 4.
LEVEL_COLOURS: dict[int, str] = {
    0: "#eceff1",
    1: "#fde0c5",
    2: "#fff2a8",
    3: "#b9e3a6",
    4: "#6dbf73",
}
GAP_COLOURS: dict[int, str] = {0: "#d8efd0", 1: "#ffd59e", 2: "#f8a58f", 3: "#e8736b", 4: "#d9534f"}


def _fk(
    target: str, *, ondelete: str = "CASCADE", nullable: bool = False, index: bool = True
) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


class RatingKind(StrEnum):
    SELF = "self"
    MANAGER = "manager"
    AGREED = "agreed"


RATING_KIND_LABELS: dict[str, str] = {
    RatingKind.SELF: N_("Self-rating"),
    RatingKind.MANAGER: N_("Manager's rating"),
    RatingKind.AGREED: N_("Agreed level"),
}

# Which rating counts as the current level: the agreed one, else the manager's, else the self-rating.
RATING_PRECEDENCE: tuple[str, ...] = (RatingKind.AGREED, RatingKind.MANAGER, RatingKind.SELF)


# --- tables -----------------------------------------------------------------------


class SkillCategory(Versioned, table=True):
    __tablename__ = "skill_category"

    id: int | None = Field(default=None, primary_key=True)
    starter_key: str | None = Field(default=None, max_length=60, unique=True)
    name: str = Field(max_length=120)
    name_fi: str | None = Field(default=None, max_length=120)
    name_sv: str | None = Field(default=None, max_length=120)
    name_en: str | None = Field(default=None, max_length=120)
    position: int = 0


class Skill(Versioned, table=True):
    """A skill of the firm. A starter skill keeps its names in every language;
    the firm's own skill has ``name`` and optional translations."""

    __tablename__ = "skill"

    id: int | None = Field(default=None, primary_key=True)
    starter_key: str | None = Field(default=None, max_length=80, unique=True)
    category_id: int | None = Field(
        default=None, sa_column=_fk("skill_category.id", ondelete="SET NULL", nullable=True)
    )
    name: str = Field(max_length=120)
    name_fi: str | None = Field(default=None, max_length=120)
    name_sv: str | None = Field(default=None, max_length=120)
    name_en: str | None = Field(default=None, max_length=120)
    description: str = Field(default="", max_length=1000)
    description_fi: str | None = Field(default=None, max_length=1000)
    description_sv: str | None = Field(default=None, max_length=1000)
    description_en: str | None = Field(default=None, max_length=1000)
    retired: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class SkillRating(SQLModel, table=True):
    """One rating event; the current level is the latest event of each kind."""

    __tablename__ = "skill_rating"
    __table_args__ = (Index("ix_skill_rating_person_skill", "person_id", "skill_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    skill_id: int = Field(sa_column=_fk("skill.id"))
    kind: str = Field(max_length=10)
    level: int
    rated_on: date
    recorded_at: datetime = Field(default_factory=utcnow)


class SkillTarget(Versioned, table=True):
    """A person's target level for a skill (and date), or a wish to learn it."""

    __tablename__ = "skill_target"
    __table_args__ = (
        UniqueConstraint("person_id", "skill_id", name="uq_skill_target_person_skill"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    skill_id: int = Field(sa_column=_fk("skill.id"))
    level: int | None = None
    target_date: date | None = None
    wish: bool = False  # the person wants to learn this (said in employee mode or a conversation)
    updated_at: datetime = Field(default_factory=utcnow)


class RoleProfile(Versioned, table=True):
    """What a job title needs; matched to people by their job title (case-insensitive)."""

    __tablename__ = "role_profile"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120, unique=True)
    starter_key: str | None = Field(default=None, max_length=80)
    # normalise_title(title): one profile per title whatever the case of its letters.
    title_key: str = Field(default="", max_length=120, unique=True, index=True)


keep_key(RoleProfile, "title_key", lambda p: p.title)


class RoleProfileSkill(Versioned, table=True):
    __tablename__ = "role_profile_skill"
    __table_args__ = (UniqueConstraint("profile_id", "skill_id", name="uq_role_profile_skill"),)

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(sa_column=_fk("role_profile.id"))
    skill_id: int = Field(sa_column=_fk("skill.id"))
    level: int


class CardType(Versioned, table=True):
    """A work card, licence or certificate (e.g. the occupational safety card)."""

    __tablename__ = "card_type"

    id: int | None = Field(default=None, primary_key=True)
    starter_key: str | None = Field(default=None, max_length=80, unique=True)
    name: str = Field(max_length=120)
    name_fi: str | None = Field(default=None, max_length=120)
    name_sv: str | None = Field(default=None, max_length=120)
    name_en: str | None = Field(default=None, max_length=120)
    validity_years: int | None = None
    retired: bool = False


class RoleProfileCard(SQLModel, table=True):
    __tablename__ = "role_profile_card"
    __table_args__ = (UniqueConstraint("profile_id", "card_type_id", name="uq_role_profile_card"),)

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(sa_column=_fk("role_profile.id"))
    card_type_id: int = Field(sa_column=_fk("card_type.id"))


class PersonCard(Versioned, table=True):
    __tablename__ = "person_card"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    card_type_id: int = Field(sa_column=_fk("card_type.id"))
    obtained_on: date | None = None
    expires_on: date | None = None
    note: str = Field(default="", max_length=300)


class FutureNeed(Versioned, table=True):
    """Competence the firm needs in the coming years, as the owner states it."""

    __tablename__ = "future_need"

    id: int | None = Field(default=None, primary_key=True)
    skill_id: int = Field(sa_column=_fk("skill.id"))
    level: int
    people_needed: int = 1
    by_date: date | None = None
    reason: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)


# --- pure rules -------------------------------------------------------------------


def is_valid_level(level: object) -> bool:
    return (
        isinstance(level, int) and not isinstance(level, bool) and MIN_LEVEL <= level <= MAX_LEVEL
    )


def current_level(levels_by_kind: Mapping[str, int]) -> int | None:
    """The level that counts: agreed, else the manager's, else the self-rating."""
    for kind in RATING_PRECEDENCE:
        if kind in levels_by_kind:
            return levels_by_kind[kind]
    return None


def card_expiry(obtained_on: date | None, validity_years: int | None) -> date | None:
    """When a card obtained on ``obtained_on`` runs out (None: no expiry known)."""
    if obtained_on is None or validity_years is None:
        return None
    try:
        return obtained_on.replace(year=obtained_on.year + validity_years)
    except ValueError:  # 29 February
        return obtained_on.replace(year=obtained_on.year + validity_years, day=28)


class CardState(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NO_EXPIRY = "no_expiry"


def card_state(
    expires_on: date | None, today: date, *, warning_days: int = EXPIRY_WARNING_DAYS
) -> str:
    if expires_on is None:
        return CardState.NO_EXPIRY
    if expires_on < today:
        return CardState.EXPIRED
    if (expires_on - today).days <= warning_days:
        return CardState.EXPIRING
    return CardState.VALID


# --- analyses over plain data ------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    """What the analyses need to know about a person."""

    id: int
    name: str
    job_title: str = ""
    team_id: int | None = None
    career_stage: str = CareerStage.ESTABLISHED
    birth_year: int | None = None
    active: bool = True
    leaving_on: date | None = None  # a known leaving date in the future

    def is_late_career(self, today: date) -> bool:
        if self.career_stage == CareerStage.LATE_CAREER:
            return True
        return self.birth_year is not None and today.year - self.birth_year >= LATE_CAREER_AGE

    def present_on(self, day: date) -> bool:
        """Still at the firm on ``day`` (active and not leaving before it)."""
        return self.active and (self.leaving_on is None or self.leaving_on > day)


@dataclass(frozen=True)
class TargetFacts:
    level: int | None
    target_date: date | None
    wish: bool = False


@dataclass(frozen=True)
class NeedFacts:
    id: int
    skill_id: int
    level: int
    people_needed: int
    by_date: date | None
    reason: str = ""


@dataclass
class SkillData:
    """A firm's skill picture as plain data.

    ``levels`` maps (person_id, skill_id) to the current level; ``profiles``
    maps a lower-cased job title to {skill_id: required level}.
    """

    people: dict[int, PersonFacts]
    skill_names: dict[int, str]
    levels: dict[tuple[int, int], int] = field(default_factory=dict)
    targets: dict[tuple[int, int], TargetFacts] = field(default_factory=dict)
    profiles: dict[str, dict[int, int]] = field(default_factory=dict)
    needs: list[NeedFacts] = field(default_factory=list)

    def profile_for(self, person_id: int) -> dict[int, int]:
        person = self.people.get(person_id)
        if person is None:
            return {}
        return self.profiles.get(normalise_title(person.job_title), {})

    def level_at(self, person_id: int, skill_id: int, day: date | None = None) -> int:
        """The person's level now, or on ``day`` assuming targets due by then are reached."""
        now = self.levels.get((person_id, skill_id), 0)
        if day is None:
            return now
        target = self.targets.get((person_id, skill_id))
        if (
            target
            and target.level is not None
            and target.target_date is not None
            and target.target_date <= day
        ):
            return max(now, target.level)
        return now


def normalise_title(title: str) -> str:
    """A job title as compared with a role profile's: case and extra spaces do not count."""
    return fold(title)


@dataclass(frozen=True)
class RoleGap:
    skill_id: int
    required: int
    level: int

    @property
    def gap(self) -> int:
        return max(0, self.required - self.level)


@dataclass(frozen=True)
class RoleMatch:
    person_id: int
    profile_title: str
    percent: int  # 0..100: the share of the required levels the person reaches
    met: int  # lines at or above the required level
    lines: int
    gaps: tuple[RoleGap, ...]


def role_match(
    levels: Mapping[int, int], profile: Mapping[int, int]
) -> tuple[int, int, tuple[RoleGap, ...]]:
    """(percent, lines met, gaps) of one person's levels {skill: level} against a profile.

    The percent gives partial credit: level 2 against a requirement of 4 counts
    half. A profile with no requirements is fully met.
    """
    need = sum(profile.values())
    if not profile or need == 0:
        return 100, len(profile), ()
    have = 0
    met = 0
    gaps: list[RoleGap] = []
    for skill_id, required in profile.items():
        level = levels.get(skill_id, 0)
        have += min(level, required)
        if level >= required:
            met += 1
        else:
            gaps.append(RoleGap(skill_id, required, level))
    gaps.sort(key=lambda g: (-g.gap, g.skill_id))
    return round(100 * have / need), met, tuple(gaps)


def role_matches(data: SkillData, *, day: date | None = None) -> list[RoleMatch]:
    """Every active person against their own role profile (people without a profile are left out)."""
    by_person: dict[int, dict[int, int]] = defaultdict(dict)
    for (pid, sid), level in data.levels.items():
        by_person[pid][sid] = level
    if day is not None:
        for pid, sid in data.targets:
            by_person[pid][sid] = data.level_at(pid, sid, day)
    titles = {normalise_title(t): t for t in data.profiles}
    result = []
    for person in data.people.values():
        if not person.active:
            continue
        key = normalise_title(person.job_title)
        profile = data.profiles.get(key)
        if profile is None:
            continue
        percent, met, gaps = role_match(by_person.get(person.id, {}), profile)
        result.append(
            RoleMatch(
                person.id, titles.get(key, person.job_title), percent, met, len(profile), gaps
            )
        )
    result.sort(key=lambda m: (m.percent, data.people[m.person_id].name))
    return result


def matches_for_person(
    data: SkillData, person_id: int, *, profile_titles: Mapping[str, str] | None = None
) -> list[RoleMatch]:
    """One person against every role profile, best first: for rotation and later moves."""
    levels = {sid: lvl for (pid, sid), lvl in data.levels.items() if pid == person_id}
    result = []
    for key, profile in data.profiles.items():
        percent, met, gaps = role_match(levels, profile)
        title = (profile_titles or {}).get(key, key)
        result.append(RoleMatch(person_id, title, percent, met, len(profile), gaps))
    result.sort(key=lambda m: (-m.percent, m.profile_title))
    return result


@dataclass(frozen=True)
class NeedGap:
    need_id: int
    skill_id: int
    level: int
    people_needed: int
    by_date: date | None
    reason: str
    have_now: int  # active people at the level today
    have_by_date: int  # people still here on the date, counting targets reached by then

    @property
    def gap_now(self) -> int:
        return max(0, self.people_needed - self.have_now)

    @property
    def gap_by_date(self) -> int:
        return max(0, self.people_needed - self.have_by_date)


def need_gaps(data: SkillData, *, today: date) -> list[NeedGap]:
    """Each future need against the people now and on its date (targets count when due by then)."""
    at_level_now: dict[tuple[int, int], int] = {}
    result = []
    active = [p for p in data.people.values() if p.active]
    for need in data.needs:
        key = (need.skill_id, need.level)
        if key not in at_level_now:
            at_level_now[key] = sum(
                1
                for p in active
                if p.present_on(today) and data.level_at(p.id, need.skill_id) >= need.level
            )
        day = need.by_date or today
        later = sum(
            1
            for p in active
            if p.present_on(day) and data.level_at(p.id, need.skill_id, day) >= need.level
        )
        result.append(
            NeedGap(
                need.id,
                need.skill_id,
                need.level,
                need.people_needed,
                need.by_date,
                need.reason,
                at_level_now[key],
                later,
            )
        )
    result.sort(key=lambda g: (-g.gap_by_date, -g.gap_now, g.by_date or date.max, g.skill_id))
    return result


@dataclass(frozen=True)
class ProfileGap:
    """How many people in a role fall short of a required level, now and at their target dates."""

    profile_title: str
    skill_id: int
    required: int
    people: int
    short_now: int
    short_at_target: int


def profile_gaps(data: SkillData, *, horizon: date) -> list[ProfileGap]:
    """Per role profile and skill: people in that role short of the required level now and by ``horizon``."""
    holders: dict[str, list[PersonFacts]] = defaultdict(list)
    for person in data.people.values():
        if person.active:
            holders[normalise_title(person.job_title)].append(person)
    result = []
    for key, profile in data.profiles.items():
        people = holders.get(key, [])
        if not people:
            continue
        for skill_id, required in profile.items():
            short_now = sum(1 for p in people if data.level_at(p.id, skill_id) < required)
            short_later = sum(
                1 for p in people if data.level_at(p.id, skill_id, horizon) < required
            )
            if short_now or short_later:
                result.append(
                    ProfileGap(key, skill_id, required, len(people), short_now, short_later)
                )
    result.sort(key=lambda g: (-g.short_now, g.profile_title, g.skill_id))
    return result


class RiskReason(StrEnum):
    NOBODY = "nobody"
    SOLE_HOLDER = "sole_holder"
    LATE_CAREER = "late_career"
    LEAVING = "leaving"


@dataclass(frozen=True)
class KeyPersonRisk:
    skill_id: int
    holders: tuple[int, ...]  # active people at level >= 3
    demand: int  # people whose role needs it + people the future needs ask for
    score: int
    reasons: tuple[str, ...]
    leaving_holders: tuple[int, ...] = ()
    late_career_holders: tuple[int, ...] = ()
    needed_level: int = 0  # the highest level a role profile or a future need asks for


def needed_skills(data: SkillData) -> dict[int, int]:
    """Skills the firm needs, with how much: in the role profiles of active people or in future needs."""
    demand: dict[int, int] = defaultdict(int)
    for person in data.people.values():
        if not person.active:
            continue
        for skill_id in data.profile_for(person.id):
            demand[skill_id] += 1
    for need in data.needs:
        demand[need.skill_id] += max(1, need.people_needed)
    return dict(demand)


def needed_levels(data: SkillData) -> dict[int, int]:
    """The highest level each needed skill is asked for, by a role profile in use or a future need."""
    levels: dict[int, int] = defaultdict(int)
    titles = {normalise_title(p.job_title) for p in data.people.values() if p.active}
    for title, profile in data.profiles.items():
        if title in titles:
            for skill_id, level in profile.items():
                levels[skill_id] = max(levels[skill_id], level)
    for need in data.needs:
        levels[need.skill_id] = max(levels[need.skill_id], need.level)
    return dict(levels)


def key_person_risks(data: SkillData, *, today: date) -> list[KeyPersonRisk]:
    """Needed skills where fewer than two active people are at level 3 or above, most serious first.

    A sole holder who is leaving weighs most, then one late in their career;
    a skill nobody holds at level 3 is listed too (it is a gap already). Among
    equals, a skill asked for at a higher level comes first, then the one more
    people need.
    """
    holders: dict[int, list[int]] = defaultdict(list)
    for (pid, sid), level in data.levels.items():
        person = data.people.get(pid)
        if level >= EXPERT_LEVEL and person is not None and person.active:
            holders[sid].append(pid)
    risks = []
    levels = needed_levels(data)
    for skill_id, demand in needed_skills(data).items():
        who = sorted(holders.get(skill_id, []))
        if len(who) >= 2:
            continue
        leaving = tuple(p for p in who if data.people[p].leaving_on is not None)
        late = tuple(p for p in who if data.people[p].is_late_career(today))
        reasons: list[str] = []
        if not who:
            reasons.append(RiskReason.NOBODY)
            score = 10
        else:
            reasons.append(RiskReason.SOLE_HOLDER)
            score = 20
            if leaving:
                reasons.append(RiskReason.LEAVING)
                score += 20
            if late:
                reasons.append(RiskReason.LATE_CAREER)
                score += 10
        risks.append(
            KeyPersonRisk(
                skill_id,
                tuple(who),
                demand,
                score,
                tuple(reasons),
                leaving,
                late,
                levels.get(skill_id, 0),
            )
        )
    # Within the same seriousness: skills asked for at expert level first, then the most needed.
    risks.sort(
        key=lambda r: (-r.score, -r.needed_level, -r.demand, data.skill_names.get(r.skill_id, ""))
    )
    return risks


class TransferBasis(StrEnum):
    TARGET = "target"
    WISH = "wish"
    ROLE = "role"


@dataclass(frozen=True)
class TransferPair:
    skill_id: int
    holder_id: int
    learner_id: int
    learner_level: int
    basis: str  # why this learner: a target, a wish, or their role needs it


def transfer_pairs(
    data: SkillData, risks: Iterable[KeyPersonRisk], *, per_skill: int = 2
) -> list[TransferPair]:
    """Holder → learner suggestions for the risky skills that someone still holds.

    Learners come first from targets, then from wishes, then (when nobody has
    either) from people whose role needs the skill; closer to level 3 first,
    the holder's own team first.
    """
    result = []
    for risk in risks:
        if not risk.holders:
            continue
        holder = risk.holders[0]
        holder_team = data.people[holder].team_id
        candidates = []
        for person in data.people.values():
            if not person.active or person.id in risk.holders or person.leaving_on is not None:
                continue
            level = data.levels.get((person.id, risk.skill_id), 0)
            target = data.targets.get((person.id, risk.skill_id))
            if target is not None and target.level is not None and target.level > level:
                basis, rank = TransferBasis.TARGET, 0
            elif target is not None and target.wish:
                basis, rank = TransferBasis.WISH, 1
            elif risk.skill_id in data.profile_for(person.id) and level < EXPERT_LEVEL:
                basis, rank = TransferBasis.ROLE, 2
            else:
                continue
            same_team = 0 if person.team_id == holder_team and holder_team is not None else 1
            candidates.append((rank, -level, same_team, person.name, person.id, level, basis))
        candidates.sort()
        best_rank = candidates[0][0] if candidates else None
        chosen = [c for c in candidates if c[0] < 2 or best_rank == 2][:per_skill]
        for c in chosen:
            result.append(TransferPair(risk.skill_id, holder, c[4], c[5], c[6]))
    return result


@dataclass(frozen=True)
class LeaveImpact:
    skill_id: int
    level: int  # the leaver's level
    others_at_expert: int  # active people at level >= 3 left after them
    best_other_level: int
    needed: bool  # in a role profile of an active person or in a future need

    @property
    def lost(self) -> bool:
        """Nobody else would be at level 3 or above."""
        return self.others_at_expert == 0


def what_if_leaves(data: SkillData, person_id: int) -> list[LeaveImpact]:
    """What the firm would lose if this person left: their skills at level 2 and above,
    with who else holds them; the most serious (needed and lost) first."""
    demand = needed_skills(data)
    mine = {sid: lvl for (pid, sid), lvl in data.levels.items() if pid == person_id and lvl >= 2}
    experts: dict[int, int] = defaultdict(int)
    best: dict[int, int] = defaultdict(int)
    for (pid, sid), level in data.levels.items():
        if pid == person_id or sid not in mine:
            continue
        person = data.people.get(pid)
        if person is None or not person.active:
            continue
        if level >= EXPERT_LEVEL:
            experts[sid] += 1
        best[sid] = max(best[sid], level)
    result = [
        LeaveImpact(sid, lvl, experts.get(sid, 0), best.get(sid, 0), sid in demand)
        for sid, lvl in mine.items()
    ]
    result.sort(
        key=lambda i: (
            not (i.needed and i.lost),
            not i.lost,
            i.others_at_expert,
            -i.level,
            data.skill_names.get(i.skill_id, ""),
        )
    )
    return result


# --- the matrix as a report reads it ---------------------------------------------


@dataclass(frozen=True)
class LegendLine:
    level: int
    label: str
    descriptor: str


@dataclass(frozen=True)
class MatrixExport:
    """Everything a report needs, already in the reader's language."""

    title: str
    subtitle: str
    language: str
    people: list[tuple[str, str, str]]  # name, team, job title
    skills: list[tuple[str, str]]  # name, category
    current: list[list[int]]  # NO_LEVEL (-1) where not rated
    target: list[list[int]]
    required: list[list[int]]
    legend: list[LegendLine]
    labels: dict[str, str]
