"""Training: providers, offerings and their dated runs, funding rules, and the firm's plan.

The catalogue follows the shape of schema.org ``Course`` / ``CourseInstance``
and of the European Learning Model that Opintopolku publishes: a provider
offers a course (an *offering*, with the skills it addresses and the level it
leads to), and the course is given as dated *runs*. Stable keys (the
catalogue's own key, and optionally an ESCO URI and an Opintopolku id) let a
later catalogue file update the same entries.

Funding is a set of dated rules, never a fixed fact: each rule is valid from
one day to another, says who may apply, and names the page it was checked on.
The pure rules at the end (funding by date, ranking against gaps, the firm's
own trust score) work on plain data and are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.people import person_fk, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_

CATALOGUE_FORMAT = "huoltamo-training-catalogue"
CATALOGUE_FORMAT_VERSION = 1
TRUST_SCORE_MIN_RATINGS = 3  # the firm's own score is shown from this many ratings up
APPLIED_CHECK_DAYS = 91  # "applied at work?" is asked about three months after the training


class OfferingKind(StrEnum):
    GUIDANCE = "guidance"
    COACHING = "coaching"
    COURSE = "course"
    DEGREE_STUDIES = "degree_studies"
    CARD = "certificate_card"
    MOOC = "mooc"
    PLATFORM = "platform"


OFFERING_KIND_LABELS: dict[str, str] = {
    OfferingKind.GUIDANCE: N_("Guidance"),
    OfferingKind.COACHING: N_("Coaching"),
    OfferingKind.COURSE: N_("Course"),
    OfferingKind.DEGREE_STUDIES: N_("Studies towards a qualification"),
    OfferingKind.CARD: N_("Card or certificate"),
    OfferingKind.MOOC: N_("Open online course"),
    OfferingKind.PLATFORM: N_("Service for finding training"),
}


class OfferingFormat(StrEnum):
    ONSITE = "onsite"
    ONLINE = "online"
    BLENDED = "blended"
    UNKNOWN = ""


FORMAT_LABELS: dict[str, str] = {
    OfferingFormat.ONSITE: N_("On site"),
    OfferingFormat.ONLINE: N_("Online"),
    OfferingFormat.BLENDED: N_("Blended"),
    OfferingFormat.UNKNOWN: N_("Not stated"),
}


class StageFit(StrEnum):
    """Which career stage an offering suits (the catalogue's own words)."""

    ANY = "any"
    NEWCOMER = "newcomer"
    MID = "mid"
    LATE = "late"


STAGE_FIT_LABELS: dict[str, str] = {
    StageFit.ANY: N_("Any career stage"),
    StageFit.NEWCOMER: N_("Newcomers"),
    StageFit.MID: N_("Mid-career"),
    StageFit.LATE: N_("Late career"),
}


class Verified(StrEnum):
    YES = "yes"  # every figure was on the source page
    PARTLY = "partly"


class PaidBy(StrEnum):
    EMPLOYER = "employer"
    EMPLOYEE = "employee"
    SHARED = "shared"
    PUBLIC = "public"  # a public funder pays it all (e.g. a free public service)


PAID_BY_LABELS: dict[str, str] = {
    PaidBy.EMPLOYER: N_("The firm"),
    PaidBy.EMPLOYEE: N_("The employee"),
    PaidBy.SHARED: N_("Shared"),
    PaidBy.PUBLIC: N_("Public funding"),
}


class PlanStatus(StrEnum):
    PLANNED = "planned"
    BOOKED = "booked"
    PASSED = "passed"
    NOT_COMPLETED = "not_completed"
    CANCELLED = "cancelled"


PLAN_STATUS_LABELS: dict[str, str] = {
    PlanStatus.PLANNED: N_("Planned"),
    PlanStatus.BOOKED: N_("Booked"),
    PlanStatus.PASSED: N_("Passed"),
    PlanStatus.NOT_COMPLETED: N_("Not completed"),
    PlanStatus.CANCELLED: N_("Cancelled"),
}
DONE_STATUSES = (PlanStatus.PASSED, PlanStatus.NOT_COMPLETED)


class AppliedAtWork(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


APPLIED_LABELS: dict[str, str] = {
    AppliedAtWork.YES: N_("Yes"),
    AppliedAtWork.PARTLY: N_("Partly"),
    AppliedAtWork.NO: N_("Not yet"),
}


def _fk(target: str, *, ondelete: str = "CASCADE", nullable: bool = False) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


def _text() -> Column[str]:
    return Column(Text, nullable=False, server_default="")


# --- tables -----------------------------------------------------------------------


class TrainingProvider(Versioned, SQLModel, table=True):
    """Who gives the training (schema.org ``provider``), with the signals that make it a safe choice."""

    __tablename__ = "training_provider"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="", max_length=40)  # public, education, company, association
    region: str = Field(default="", max_length=120)  # "" = the whole country
    languages: str = Field(default="", max_length=40)  # "fi;sv"
    url: str = Field(default="", max_length=500)
    contact: str = Field(default="", max_length=300)
    trust_fi: str = Field(default="", sa_column=_text())
    trust_sv: str = Field(default="", sa_column=_text())
    trust_en: str = Field(default="", sa_column=_text())
    trust_source: str = Field(default="", max_length=500)
    reviewed_on: date | None = None
    retired: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class TrainingOffering(Versioned, SQLModel, table=True):
    """One course, card, guidance service or study route (schema.org ``Course``)."""

    __tablename__ = "training_offering"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True)
    provider_id: int = Field(sa_column=_fk("training_provider.id"))
    kind: str = Field(max_length=20, index=True)
    title_fi: str = Field(default="", max_length=300)
    title_sv: str = Field(default="", max_length=300)
    title_en: str = Field(default="", max_length=300)
    summary_fi: str = Field(default="", sa_column=_text())
    summary_sv: str = Field(default="", sa_column=_text())
    summary_en: str = Field(default="", sa_column=_text())
    format: str = Field(default="", max_length=10, index=True)
    duration_fi: str = Field(default="", max_length=200)
    duration_sv: str = Field(default="", max_length=200)
    duration_en: str = Field(default="", max_length=200)
    languages: str = Field(default="", max_length=40)
    career_stage: str = Field(default=StageFit.ANY, max_length=12)
    cost_cents: int | None = None  # a typical price per person without VAT; None: not stated
    cost_note_fi: str = Field(default="", max_length=300)
    cost_note_sv: str = Field(default="", max_length=300)
    cost_note_en: str = Field(default="", max_length=300)
    funding: str = Field(default="", max_length=300)  # funding-rule keys, ";"-separated
    card_key: str = Field(default="", max_length=80)  # the card type it grants or renews
    esco_uri: str = Field(default="", max_length=300)
    opintopolku_oid: str = Field(default="", max_length=120)
    url: str = Field(default="", max_length=500)
    sources: str = Field(default="", sa_column=_text())  # the pages the facts were read from
    verified: str = Field(default=Verified.PARTLY, max_length=8)
    reviewed_on: date | None = None
    retired: bool = Field(default=False, index=True)
    # Every language's title, summary, provider and skills in one lower-cased text:
    # the full-text index (FTS5 on SQLite, trigrams on PostgreSQL) covers this column.
    search_text: str = Field(default="", sa_column=_text())
    updated_at: datetime = Field(default_factory=utcnow)


class OfferingSkill(SQLModel, table=True):
    """A skill the offering addresses and the level (0–4) it leads to."""

    __tablename__ = "training_offering_skill"
    __table_args__ = (UniqueConstraint("offering_id", "skill_key", name="uq_offering_skill"),)

    id: int | None = Field(default=None, primary_key=True)
    offering_id: int = Field(sa_column=_fk("training_offering.id"))
    skill_key: str = Field(max_length=120, index=True)  # a starter key, or the firm's skill name
    level: int


class TrainingRun(Versioned, SQLModel, table=True):
    """One dated run of an offering (schema.org ``CourseInstance``)."""

    __tablename__ = "training_run"

    id: int | None = Field(default=None, primary_key=True)
    offering_id: int = Field(sa_column=_fk("training_offering.id"))
    key: str = Field(max_length=80, unique=True)
    starts_on: date = Field(index=True)
    ends_on: date | None = None
    place: str = Field(default="", max_length=200)
    online: bool = False
    price_cents: int | None = None
    seats: int | None = None


class FundingRule(Versioned, SQLModel, table=True):
    """A public funding or compensation rule, valid between two dates."""

    __tablename__ = "training_funding_rule"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True)
    name_fi: str = Field(max_length=200)
    name_sv: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    who_fi: str = Field(default="", sa_column=_text())
    who_sv: str = Field(default="", sa_column=_text())
    who_en: str = Field(default="", sa_column=_text())
    share_percent: int | None = None
    amount_fi: str = Field(default="", max_length=300)
    amount_sv: str = Field(default="", max_length=300)
    amount_en: str = Field(default="", max_length=300)
    valid_from: date | None = None
    valid_to: date | None = None  # the last day the rule applies; None: no end known
    note_fi: str = Field(default="", sa_column=_text())
    note_sv: str = Field(default="", sa_column=_text())
    note_en: str = Field(default="", sa_column=_text())
    source: str = Field(default="", max_length=500)
    checked_on: date | None = None
    retired: bool = False


class TrainingBudget(Versioned, SQLModel, table=True):
    """The year's training budget of a team (or of the whole firm: no team)."""

    __tablename__ = "training_budget"
    __table_args__ = (UniqueConstraint("year", "team_id", name="uq_training_budget_year_team"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    team_id: int | None = Field(
        default=None, sa_column=_fk("team.id", ondelete="CASCADE", nullable=True)
    )
    amount_cents: int = 0


class TrainingPlanItem(Versioned, SQLModel, table=True):
    """A person's planned (or done) training: which offering or run, when, what it costs, who pays."""

    __tablename__ = "training_plan_item"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    offering_id: int = Field(sa_column=_fk("training_offering.id", ondelete="RESTRICT"))
    run_id: int | None = Field(
        default=None, sa_column=_fk("training_run.id", ondelete="SET NULL", nullable=True)
    )
    planned_on: date = Field(index=True)
    cost_cents: int = 0
    paid_by: str = Field(default=PaidBy.EMPLOYER, max_length=10)
    funding_rule_id: int | None = Field(
        default=None,
        sa_column=_fk("training_funding_rule.id", ondelete="SET NULL", nullable=True),
    )
    status: str = Field(default=PlanStatus.PLANNED, max_length=14, index=True)
    completed_on: date | None = None
    # The agreed action of a conversation this plans (kind "training").
    action_id: int | None = Field(
        default=None, sa_column=_fk("conversation_action.id", ondelete="SET NULL", nullable=True)
    )
    note: str = Field(default="", max_length=500)
    rating: int | None = None  # 1–5, given right after the training
    rated_on: date | None = None
    applied: str | None = Field(default=None, max_length=8)  # asked about three months later
    applied_on: date | None = None
    outcome_confirmed: bool = False  # the manager has confirmed the proposed ratings and card
    updated_at: datetime = Field(default_factory=utcnow)


class TrainingOutcome(Versioned, SQLModel, table=True):
    """A skill rating or a card that a passed training produced (its source)."""

    __tablename__ = "training_outcome"

    id: int | None = Field(default=None, primary_key=True)
    plan_item_id: int = Field(sa_column=_fk("training_plan_item.id"))
    skill_rating_id: int | None = Field(
        default=None, sa_column=_fk("skill_rating.id", ondelete="CASCADE", nullable=True)
    )
    person_card_id: int | None = Field(
        default=None, sa_column=_fk("person_card.id", ondelete="CASCADE", nullable=True)
    )


# --- pure rules -------------------------------------------------------------------


def split_list(value: str) -> list[str]:
    """``"fi;sv"`` → ``["fi", "sv"]`` (empty parts dropped)."""
    return [part.strip() for part in value.split(";") if part.strip()]


class FundingState(StrEnum):
    NOT_YET = "not_yet"
    IN_FORCE = "in_force"
    ENDED = "ended"


def funding_state(valid_from: date | None, valid_to: date | None, day: date) -> str:
    """Whether a rule valid from ``valid_from`` to ``valid_to`` (inclusive) applies on ``day``."""
    if valid_from is not None and day < valid_from:
        return FundingState.NOT_YET
    if valid_to is not None and day > valid_to:
        return FundingState.ENDED
    return FundingState.IN_FORCE


def funding_applies(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    return funding_state(valid_from, valid_to, day) == FundingState.IN_FORCE


@dataclass(frozen=True)
class TrustScore:
    ratings: int
    average: float | None  # None below TRUST_SCORE_MIN_RATINGS
    applied_share: float | None  # share of answered "applied at work?" that said yes or partly


def trust_score(ratings: Iterable[int], applied: Iterable[str]) -> TrustScore:
    """The firm's own experience of a provider; the average shows from three ratings up."""
    values = [r for r in ratings if 1 <= r <= 5]
    answers = [a for a in applied if a in set(AppliedAtWork)]
    average = sum(values) / len(values) if len(values) >= TRUST_SCORE_MIN_RATINGS else None
    share = None
    if len(answers) >= TRUST_SCORE_MIN_RATINGS:
        share = sum(1 for a in answers if a != AppliedAtWork.NO) / len(answers)
    return TrustScore(len(values), average, share)


@dataclass(frozen=True)
class Gap:
    """A level the subject lacks in one skill, and how much it matters."""

    skill_id: int
    current: float  # the subject's level now (a team's average)
    wanted: int  # the level the role, target or future need asks for
    weight: float  # how much it matters (1 for a role or target, more for a future need)
    reason: str  # GapReason

    @property
    def size(self) -> float:
        return max(0.0, self.wanted - self.current)


class GapReason(StrEnum):
    ROLE = "role"
    TARGET = "target"
    NEED = "need"
    CARD = "card"


@dataclass(frozen=True)
class OfferingFacts:
    """What ranking needs to know about an offering."""

    id: int
    skills: Mapping[int, int]  # skill id → level the offering leads to
    cost_cents: int | None
    trust_signal: bool  # the provider has a published trust signal
    firm_rating: float | None  # the firm's own average (shown from three ratings)
    renews_card: bool = False  # renews a card the subject must renew


@dataclass(frozen=True)
class SkillFit:
    skill_id: int
    current: float
    reaches: int  # the level the offering leads to
    wanted: int
    weight: float
    reason: str

    @property
    def points(self) -> float:
        """gap × weight × the level reached (the level it leads to, as a share of the level wanted).

        An offering that leads no higher than the subject already is earns nothing.
        """
        gap = max(0.0, self.wanted - self.current)
        if gap == 0 or self.reaches <= self.current or self.wanted <= 0:
            return 0.0
        return gap * self.weight * min(self.reaches, self.wanted) / self.wanted


@dataclass(frozen=True)
class Suggestion:
    offering_id: int
    score: float
    fit: float
    trust: float
    cost_factor: float
    skills: tuple[SkillFit, ...] = field(default=())
    renews_card: bool = False


CARD_RENEWAL_POINTS = 3.0  # a card that runs out outweighs a one-level gap in two skills


def rank_offerings(gaps: Iterable[Gap], offerings: Iterable[OfferingFacts]) -> list[Suggestion]:
    """Offerings that address the gaps, best first.

    Fit is the sum over skills of gap × weight × the level reached (the level
    the offering leads to as a share of the level wanted); a card that must be
    renewed adds a fixed amount.
    Trust scales it from 0.8 (nothing known) to 1.2 (a published trust signal
    and the firm's own good ratings); cost divides it gently (a €1,000 course
    weighs a third less than a free one). Offerings that close no gap are left out.
    """
    by_skill: dict[int, list[Gap]] = {}
    for gap in gaps:
        if gap.size > 0:
            by_skill.setdefault(gap.skill_id, []).append(gap)
    result = []
    for offering in offerings:
        fits = []
        for skill_id, reaches in offering.skills.items():
            for gap in by_skill.get(skill_id, []):
                fit = SkillFit(skill_id, gap.current, reaches, gap.wanted, gap.weight, gap.reason)
                if fit.points > 0:
                    fits.append(fit)
        fit_points = sum(f.points for f in fits)
        if offering.renews_card:
            fit_points += CARD_RENEWAL_POINTS
        if fit_points <= 0:
            continue
        trust = 0.8
        if offering.trust_signal:
            trust += 0.2
        if offering.firm_rating is not None:
            trust += 0.2 * (offering.firm_rating - 3) / 2  # 5/5 adds 0.2, 1/5 takes 0.2 away
        cost = (offering.cost_cents or 0) / 100
        cost_factor = 1 / (1 + cost / 2000)
        fits.sort(key=lambda f: (-f.points, f.skill_id))
        result.append(
            Suggestion(
                offering.id,
                round(fit_points * trust * cost_factor, 4),
                round(fit_points, 4),
                round(trust, 4),
                round(cost_factor, 4),
                tuple(fits),
                offering.renews_card,
            )
        )
    result.sort(key=lambda s: (-s.score, -s.fit, s.offering_id))
    return result


def money_to_cents(text: str) -> int:
    """``"169"``, ``"169,50"``, ``"1 200 €"`` → cents; ValueError when it is not an amount."""
    clean = text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not clean:
        raise ValueError(text)
    if clean.count(".") > 1 or clean.startswith("-"):
        raise ValueError(text)
    whole, _dot, frac = clean.partition(".")
    if (not whole.isdigit() and whole != "") or (frac and (not frac.isdigit() or len(frac) > 2)):
        raise ValueError(text)
    return int(whole or "0") * 100 + int((frac + "00")[:2])
