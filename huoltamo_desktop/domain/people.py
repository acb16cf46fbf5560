"""The firm, its teams and its people."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field

from huoltamo_desktop.domain.keys import keep_key
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_, _


class CareerStage(StrEnum):
    NEWCOMER = "newcomer"
    ESTABLISHED = "established"
    MID_CAREER = "mid_career"
    LATE_CAREER = "late_career"


CAREER_STAGE_LABELS: dict[str, str] = {
    CareerStage.NEWCOMER: N_("Newcomer"),
    CareerStage.ESTABLISHED: N_("Established"),
    CareerStage.MID_CAREER: N_("Mid-career"),
    CareerStage.LATE_CAREER: N_("Late career"),
}


class PersonStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class LeaveReason(StrEnum):
    RESIGNED = "resigned"
    RETIRED = "retired"
    CONTRACT_ENDED = "contract_ended"
    DISMISSED = "dismissed"
    OTHER = "other"


LEAVE_REASON_LABELS: dict[str, str] = {
    LeaveReason.RESIGNED: N_("Resigned"),
    LeaveReason.RETIRED: N_("Retired"),
    LeaveReason.CONTRACT_ENDED: N_("Fixed-term contract ended"),
    LeaveReason.DISMISSED: N_("Employment terminated by the employer"),
    LeaveReason.OTHER: N_("Other reason"),
}


class Sector(StrEnum):
    MANUFACTURING = "manufacturing"
    CONSTRUCTION = "construction"
    RETAIL = "retail"
    HOSPITALITY = "hospitality"
    LOGISTICS = "logistics"
    HEALTH_CARE = "health_care"
    PROPERTY_SERVICES = "property_services"
    IT_SERVICES = "it_services"
    PROFESSIONAL_SERVICES = "professional_services"
    OTHER = "other"


SECTOR_LABELS: dict[str, str] = {
    Sector.MANUFACTURING: N_("Manufacturing and industry"),
    Sector.CONSTRUCTION: N_("Construction and installation"),
    Sector.RETAIL: N_("Retail and wholesale"),
    Sector.HOSPITALITY: N_("Restaurants, hotels and tourism"),
    Sector.LOGISTICS: N_("Transport and logistics"),
    Sector.HEALTH_CARE: N_("Health and social care"),
    Sector.PROPERTY_SERVICES: N_("Property maintenance and cleaning"),
    Sector.IT_SERVICES: N_("IT and digital services"),
    Sector.PROFESSIONAL_SERVICES: N_("Expert and business services"),
    Sector.OTHER: N_("Other sector"),
}


def career_stage_label(stage: str) -> str:
    return _(CAREER_STAGE_LABELS.get(stage, stage))


def leave_reason_label(reason: str | None) -> str:
    return _(LEAVE_REASON_LABELS[reason]) if reason in LEAVE_REASON_LABELS else ""


def person_fk(*, nullable: bool = False, on_delete: str = "CASCADE") -> Column[int]:
    """A foreign-key column to ``person``.

    Every table that holds a person's data uses this with CASCADE, so erasing
    the person for good removes all of it in one statement.
    """
    return Column(
        Integer,
        ForeignKey("person.id", ondelete=on_delete),
        nullable=nullable,
        index=True,
    )


def utcnow() -> datetime:
    """Now, timezone-aware (SQLModel stores datetimes in UTC)."""
    return datetime.now(UTC)


class Organisation(Versioned, table=True):
    """The firm. A database holds one."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    business_id: str | None = Field(default=None, max_length=9)
    sector: str = Field(default=Sector.OTHER, max_length=40)
    size: int | None = None
    default_language: str = Field(default="fi", max_length=2)
    created_at: datetime = Field(default_factory=utcnow)


class Team(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    # fold(name): one team whatever the case of its letters (Östra = östra).
    name_key: str = Field(default="", max_length=120, unique=True, index=True)


class Person(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    job_title: str = Field(default="", max_length=120)
    # The job title in Swedish and English, for documents in those languages (optional).
    job_title_sv: str = Field(default="", max_length=120)
    job_title_en: str = Field(default="", max_length=120)
    team_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("team.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    supervisor_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("person.id", ondelete="SET NULL"), nullable=True),
    )
    employment_start: date | None = None
    birth_year: int | None = None
    career_stage: str = Field(default=CareerStage.ESTABLISHED, max_length=20)
    language: str = Field(default="fi", max_length=2)
    email: str = Field(default="", max_length=200)
    is_manager: bool = False
    status: str = Field(default=PersonStatus.ACTIVE, max_length=10, index=True)
    left_on: date | None = None
    leave_reason: str | None = Field(default=None, max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    # fold(full name), for searches and for recognising a name in a staff list.
    name_key: str = Field(default="", max_length=201, index=True)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def job_title_in(self, language: str) -> str:
        """The job title as a document in ``language`` prints it: its own form when given."""
        own = {"sv": self.job_title_sv, "en": self.job_title_en}.get(language, "")
        return own.strip() or self.job_title

    @property
    def is_active(self) -> bool:
        return self.status == PersonStatus.ACTIVE


keep_key(Team, "name_key", lambda t: t.name)
keep_key(Person, "name_key", lambda p: p.full_name)


class Setting(Versioned, table=True):
    """A firm-wide setting stored in the database (shared by every seat)."""

    key: str = Field(primary_key=True, max_length=80)
    value: str = Field(default="")


def suggest_career_stage(employment_start: date | None, birth_year: int | None, today: date) -> str:
    """A sensible default stage from tenure and age; the manager can always change it."""
    if birth_year is not None and today.year - birth_year >= 55:
        return CareerStage.LATE_CAREER
    if employment_start is not None and (today - employment_start).days < 365:
        return CareerStage.NEWCOMER
    if birth_year is not None and today.year - birth_year >= 40:
        return CareerStage.MID_CAREER
    return CareerStage.ESTABLISHED
