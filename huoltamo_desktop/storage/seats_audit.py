"""The audit log fills itself: every saved change to a row about a person is noted.

A listener on every session notes, after each flush, which person's data was
changed, in which table, by whom (``session.info["actor"]``: "manager",
"employee:12", "cli"). Only ids and table names are written, never values.
Views are noted by the services that show personal data (``note_view``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlmodel import col

from huoltamo_desktop.domain.people import Person, utcnow
from huoltamo_desktop.domain.seats import AuditAction, AuditEntry

# Bookkeeping that is not personal data, or would drown the log (sign-in counters).
_NOT_AUDITED = frozenset(
    {"seats_audit", "seats_erasure", "employee_credential", "employee_manager_secret", "setting"}
)


def actor_of(session: Session) -> str:
    return str(session.info.get("actor", "app"))


def _subject(obj: object) -> int | None:
    if isinstance(obj, Person):
        return obj.id
    value = getattr(obj, "person_id", None)
    return value if isinstance(value, int) else None


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _context: Any) -> None:
    if session.info.get("audit_off"):
        return
    seen: set[tuple[int, str]] = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        table = getattr(obj, "__tablename__", None)
        if not isinstance(table, str) or table in _NOT_AUDITED:
            continue
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        subject = _subject(obj)
        if subject is None or (subject, table) in seen:
            continue
        seen.add((subject, table))
        session.add(
            AuditEntry(
                actor=actor_of(session), action=AuditAction.CHANGE, subject_id=subject, what=table
            )
        )


def note(session: Session, *, action: str, subject_id: int | None, what: str) -> None:
    """Note an action the listener cannot see (a view, an export, an erasure, a restore)."""
    session.add(
        AuditEntry(actor=actor_of(session), action=action, subject_id=subject_id, what=what)
    )


VIEW_WINDOW = timedelta(minutes=10)


def note_view(session: Session, *, subject_id: int | None, what: str) -> None:
    """Note that someone looked at a person's data; once per ten minutes per person and part.

    A screen that refreshes while it is open does not fill the log.
    """
    if subject_id is None or session.info.get("audit_off"):
        return
    since = utcnow() - VIEW_WINDOW
    seen = session.execute(
        select(col(AuditEntry.id))
        .where(
            col(AuditEntry.actor) == actor_of(session),
            col(AuditEntry.action) == AuditAction.VIEW,
            col(AuditEntry.subject_id) == subject_id,
            col(AuditEntry.what) == what,
            col(AuditEntry.at) >= since,
        )
        .limit(1)
    ).first()
    if seen is None:
        note(session, action=AuditAction.VIEW, subject_id=subject_id, what=what)
