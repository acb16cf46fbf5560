"""Trust: managers' seats and what each may see; erasures that outlive a restore; the audit log.

The erasure ledger and the audit log are append-only (the database refuses
UPDATE on them) and hold no personal data: people appear by their id only,
actors by role and id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.people import person_fk, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_, _


class ErasureRecord(SQLModel, table=True):
    """A person erased for good. Applied again to any backup restored later.

    The person is named by id and the moment their row was created, so that a
    later person who happens to get the same id is never touched.
    """

    __tablename__ = "seats_erasure"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(index=True)
    person_created_at: datetime
    erased_at: datetime = Field(default_factory=utcnow)


class AuditAction(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    EXPORT = "export"
    ERASE = "erase"
    RESTORE = "restore"


AUDIT_ACTION_LABELS: dict[str, str] = {
    AuditAction.VIEW: N_("viewed"),
    AuditAction.CHANGE: N_("changed"),
    AuditAction.EXPORT: N_("exported"),
    AuditAction.ERASE: N_("erased"),
    AuditAction.RESTORE: N_("restored a backup"),
}


def audit_action_label(action: str) -> str:
    return _(AUDIT_ACTION_LABELS[action]) if action in AUDIT_ACTION_LABELS else action


class AuditEntry(SQLModel, table=True):
    """Who viewed or changed whose data, and what part of it; never the data itself."""

    __tablename__ = "seats_audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=40)  # "manager", "seat:3", "employee:12", "cli"
    action: str = Field(max_length=12)
    subject_id: int | None = Field(default=None, index=True)  # the person concerned
    what: str = Field(default="", max_length=60)  # e.g. "person", "conversation:4"


# --- seats: managers who sign in with their own passphrase --------------------------------


class SeatRole(StrEnum):
    OWNER = "owner"  # the whole firm (also whoever signs in with the firm's manager passphrase)
    TEAM_LEAD = "team_lead"  # only the people of their own teams


class SeatUser(Versioned, table=True):
    """A manager who signs in with a passphrase of their own (an Argon2id hash)."""

    __tablename__ = "seats_user"
    __table_args__ = (UniqueConstraint("person_id", name="uq_seats_user_person"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    role: str = Field(default=SeatRole.TEAM_LEAD, max_length=12)
    passphrase_hash: str = Field(max_length=200)
    failed_attempts: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SeatUserTeam(SQLModel, table=True):
    """A team a team lead sees."""

    __tablename__ = "seats_user_team"
    __table_args__ = (UniqueConstraint("seat_user_id", "team_id", name="uq_seats_user_team"),)

    id: int | None = Field(default=None, primary_key=True)
    seat_user_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("seats_user.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    team_id: int = Field(
        sa_column=Column(Integer, ForeignKey("team.id", ondelete="CASCADE"), nullable=False)
    )


@dataclass(frozen=True)
class Scope:
    """What the signed-in manager may see: the whole firm, or the people of some teams.

    ``seat_id`` None is the firm's own manager passphrase, which is the owner's.
    """

    role: str = SeatRole.OWNER
    seat_id: int | None = None
    person_id: int | None = None
    team_ids: frozenset[int] = frozenset()

    @property
    def sees_all(self) -> bool:
        return self.role == SeatRole.OWNER

    @property
    def actor(self) -> str:
        """How the audit log names this manager (ids only)."""
        return "manager" if self.seat_id is None else f"seat:{self.seat_id}"

    def can_see(self, *, person_id: int | None, team_id: int | None) -> bool:
        if self.sees_all:
            return True
        return (team_id is not None and team_id in self.team_ids) or (
            person_id is not None and person_id == self.person_id
        )


OWNER = Scope()


# --- a person's data export (an access request) -------------------------------------------


@dataclass(frozen=True)
class ExportTable:
    key: str  # the JSON key
    title: str  # an N_() message, rendered in the person's language
    columns: tuple[tuple[str, str], ...]  # (JSON key, N_() header)
    rows: list[dict[str, Any]]
    note: str = ""  # an N_() message shown under the title


@dataclass(frozen=True)
class PersonExport:
    person_id: int
    name: str
    language: str
    made_at: datetime
    details: list[tuple[str, str, Any]]  # (JSON key, N_() label, value)
    tables: list[ExportTable] = field(default_factory=list)

    def to_json(self) -> str:
        def plain(value: Any) -> Any:
            if isinstance(value, datetime | date):
                return value.isoformat()
            return value

        data: dict[str, Any] = {
            "format": "huoltamo-person-export/1",
            "exported_at": self.made_at.isoformat(timespec="seconds"),
            "person": {key: plain(value) for key, _label, value in self.details},
        }
        for table in self.tables:
            data[table.key] = [{k: plain(v) for k, v in row.items()} for row in table.rows]
        return json.dumps(data, ensure_ascii=False, indent=2)
