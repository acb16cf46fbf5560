"""Trust records: erasures that must outlive a restore, and who looked at or changed personal data.

Both tables are append-only (the database refuses UPDATE on them) and hold
no personal data: people appear by their id only, actors by role and id.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.people import utcnow
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
    actor: str = Field(max_length=40)  # "manager", "employee:12", "cli"
    action: str = Field(max_length=12)
    subject_id: int | None = Field(default=None, index=True)  # the person concerned
    what: str = Field(default="", max_length=60)  # e.g. "person", "conversation:4"
