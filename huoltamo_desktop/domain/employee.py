"""Employee mode: sign-in secrets, the person's own (encrypted) work, shared copies, and the rules.

What the person writes for themselves (self-assessment answers, exercise
reflections, the career-plan draft) is stored only sealed with the person's
data key (see ``security/employee_secrets.py``). What they choose to share is
stored as a frozen, readable copy in ``EmployeeShare``; withdrawing deletes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.employee_content import CANT_SAY, SCALE_VALUES, Content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import person_fk, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import _, round_half_up


class SecretKind(StrEnum):
    PIN = "pin"
    PASSPHRASE = "passphrase"


class ShareKind(StrEnum):
    ASSESSMENT = "assessment"
    PLAN = "plan"


class ManagerSecret(SQLModel, table=True):
    """The manager passphrase (one row), or the firm's statement that the laptop is not shared."""

    __tablename__ = "employee_manager_secret"

    id: int | None = Field(default=None, primary_key=True)
    passphrase_hash: str | None = Field(default=None, max_length=200)
    laptop_not_shared: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)


class EmployeeCredential(SQLModel, table=True):
    """A person's PIN or passphrase (Argon2id hash) and their wrapped data key."""

    __tablename__ = "employee_credential"
    __table_args__ = (UniqueConstraint("person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    kind: str = Field(default=SecretKind.PIN, max_length=12)
    secret_hash: str = Field(max_length=200)
    kdf_salt: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    wrapped_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    recovery_salt: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    recovery_wrapped_key: bytes | None = Field(
        default=None, sa_column=Column(LargeBinary, nullable=True)
    )
    new_secret_allowed: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class EmployeeAssessment(Versioned, table=True):
    """One self-assessment round; the answers are sealed with the person's key."""

    __tablename__ = "employee_assessment"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    started_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    completed_on: date | None = None
    answers_sealed: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class EmployeeReflection(Versioned, table=True):
    """A reflection on one exercise; the text is sealed. Never shown to the manager."""

    __tablename__ = "employee_reflection"
    __table_args__ = (UniqueConstraint("person_id", "exercise_key"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    exercise_key: str = Field(max_length=80)
    done: bool = False
    text_sealed: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class EmployeePlan(Versioned, table=True):
    """The career-plan draft, sealed as one JSON document."""

    __tablename__ = "employee_plan"
    __table_args__ = (UniqueConstraint("person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    sealed: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class EmployeeShare(SQLModel, table=True):
    """A frozen copy the person chose to show the manager (JSON); deleted when withdrawn."""

    __tablename__ = "employee_share"
    __table_args__ = (UniqueConstraint("person_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    kind: str = Field(max_length=12)
    shared_at: datetime = Field(default_factory=utcnow)
    payload: str = Field(sa_column=Column(Text, nullable=False))


# --- scoring and suggestions -------------------------------------------------------

STRENGTH_MIN = 3.5  # an area is called a strength only from this mean upwards
DEVELOP_BELOW = 4.0  # an area is suggested for development only below this mean
MAX_PICKS = 2


def valid_answer(value: int) -> bool:
    return value == CANT_SAY or value in SCALE_VALUES


def area_scores(answers: dict[str, int], content: Content) -> dict[str, float | None]:
    """Mean of the 1–5 answers per area, in the content's area order, to one decimal.

    "Can't say" and unanswered statements are left out; an area with no 1–5
    answer has no score (None). The mean is rounded half up to the one decimal
    that is shown (4.25 → 4.3), so the figure on screen and on paper is the
    same figure that decides which areas are called strengths.
    """
    scores: dict[str, float | None] = {}
    for area in content.areas:
        values = [answers[s.key] for s in area.statements if answers.get(s.key) in SCALE_VALUES]
        scores[area.key] = (
            float(round_half_up(Decimal(sum(values)) / len(values), 1)) if values else None
        )
    return scores


def strengths_and_development(scores: Mapping[str, float | None]) -> tuple[list[str], list[str]]:
    """The strongest areas and the areas to develop, as area keys.

    Strengths: the two highest areas whose mean is at least 3.5. To develop: the
    two lowest areas below 4.0 that are not strengths, weakest first. Ties keep
    the framework's order. Areas without a score are neither.
    """
    scored = [(k, v) for k, v in scores.items() if v is not None]
    high = sorted(scored, key=lambda kv: -kv[1])
    strengths = [k for k, v in high[:MAX_PICKS] if v >= STRENGTH_MIN]
    low = sorted(scored, key=lambda kv: kv[1])
    develop = [k for k, v in low if v < DEVELOP_BELOW and k not in strengths][:MAX_PICKS]
    return strengths, develop


def suggested_exercises(scores: Mapping[str, float | None], content: Content) -> list[str]:
    """Exercise keys for the weakest areas, weakest area first.

    The areas to develop give their exercises; when there is none (every area
    strong, or nothing scored yet) the lowest-scoring area's exercises are offered.
    """
    _strengths, develop = strengths_and_development(scores)
    areas = develop
    if not areas:
        scored = sorted(((k, v) for k, v in scores.items() if v is not None), key=lambda kv: kv[1])
        areas = [scored[0][0]] if scored else []
    return [e.key for area in areas for e in content.exercises_for(area)]


def progress(answers: dict[str, int], content: Content) -> tuple[int, int]:
    """(answered, total) statements; "can't say" counts as answered."""
    keys = [s.key for s in content.statements]
    return sum(1 for k in keys if k in answers and valid_answer(answers[k])), len(keys)


def is_complete(answers: dict[str, int], content: Content) -> bool:
    done, total = progress(answers, content)
    return done == total


def next_assessment_due(last_completed: date | None) -> date | None:
    """A new self-assessment is due one year after the last completed one (None: due now)."""
    if last_completed is None:
        return None
    try:
        return last_completed.replace(year=last_completed.year + 1)
    except ValueError:  # 29 February
        return last_completed.replace(year=last_completed.year + 1, day=28)


def assessment_is_due(last_completed: date | None, today: date) -> bool:
    due = next_assessment_due(last_completed)
    return due is None or today >= due


# --- secrets --------------------------------------------------------------------

PIN_MIN_DIGITS = 6
PASSPHRASE_MIN_CHARS = 10
MANAGER_PASSPHRASE_MIN_CHARS = 12
_TRIVIAL_SEQUENCES = "01234567890", "98765432109"


def personal_secret_kind(secret: str) -> SecretKind:
    """Check a new PIN or passphrase; returns its kind or raises ValidationError.

    A PIN is at least six digits and not one digit repeated or a straight run
    (123456, 987654). Anything else is a passphrase of at least ten characters.
    """
    if not secret.strip():
        raise ValidationError(_("Choose a PIN of at least 6 digits or a passphrase."), "secret")
    if secret.isdigit():
        if len(secret) < PIN_MIN_DIGITS:
            raise ValidationError(_("A PIN needs at least 6 digits."), "secret")
        if len(set(secret)) == 1 or any(secret in seq for seq in _TRIVIAL_SEQUENCES):
            raise ValidationError(
                _("That PIN is too easy to guess. Avoid repeated digits and runs like 123456."),
                "secret",
            )
        return SecretKind.PIN
    if len(secret) < PASSPHRASE_MIN_CHARS:
        raise ValidationError(
            _("A passphrase needs at least 10 characters. A PIN is digits only, at least 6."),
            "secret",
        )
    return SecretKind.PASSPHRASE


def check_manager_passphrase(passphrase: str) -> None:
    """The manager passphrase: at least 12 characters with at least 6 different ones."""
    if len(passphrase) < MANAGER_PASSPHRASE_MIN_CHARS:
        raise ValidationError(
            _(
                "The passphrase needs at least 12 characters. A few ordinary words in a row work well."
            ),
            "passphrase",
        )
    if len(set(passphrase.lower())) < 6:
        raise ValidationError(
            _("The passphrase repeats the same few characters. Use more varied words."),
            "passphrase",
        )


# --- slowing down wrong attempts ----------------------------------------------------

FREE_ATTEMPTS = 2
LOCK_AFTER = 5
LOCK_MINUTES = 15


def wait_after_failures(failures: int) -> timedelta:
    """How long a person must wait after ``failures`` wrong attempts in a row.

    Two tries are free; the third and fourth make the person wait 30 s and 60 s;
    from the fifth on that sign-in is locked for 15 minutes.
    """
    if failures <= FREE_ATTEMPTS:
        return timedelta(0)
    if failures < LOCK_AFTER:
        return timedelta(seconds=30 * (failures - FREE_ATTEMPTS))
    return timedelta(minutes=LOCK_MINUTES)


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one sign-in attempt; the attempt count is already saved."""

    ok: bool
    wait_until: datetime | None = None  # set when the person must wait before trying again
    locked: bool = False  # True when the wait is the long lock
    checked: bool = True  # False when the attempt was refused without checking (still waiting)


# --- "my summary" (plain data for the PDF, already in the person's language) --------


@dataclass(frozen=True)
class SummaryArea:
    title: str
    score: float | None
    previous: float | None


@dataclass(frozen=True)
class SummaryExercise:
    title: str
    area: str
    done: bool
    reflection: str | None  # only when the person chose to include reflections


@dataclass(frozen=True)
class SummaryData:
    language: str
    person_name: str
    firm_name: str
    made_on: date
    assessed_on: date | None
    previous_on: date | None
    areas: list[SummaryArea]
    strengths: list[tuple[str, str]]  # (area title, text in words)
    to_develop: list[tuple[str, str]]
    exercises: list[SummaryExercise]
    plan_sections: list[tuple[str, str]]  # (section title, text)
    next_steps: list[tuple[str, date | None]]
    # What the ends of the 1–5 scale mean, in the person's language ("1 = Does not describe me…").
    scale_low: str = ""
    scale_high: str = ""


def steps_in_date_order(steps: list[tuple[str, date | None]]) -> list[tuple[str, date | None]]:
    """Next steps by their date, earliest first; steps without a date after them, as written."""
    dated = sorted((s for s in steps if s[1] is not None), key=lambda s: s[1] or date.min)
    return dated + [s for s in steps if s[1] is None]
