"""What rotations bring to the home page: what is due, the internal moves, calendar dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session

from huoltamo_desktop.domain.home import CalendarEvent, DueItem, DueKind, Target
from huoltamo_desktop.domain.rotations import RotationStatus
from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.services import rotations as svc


def due_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    """A planned rotation about to start (is everything agreed?), and a running one that has
    ended or is ending (time to record what it taught)."""
    for v in svc.list_rotations(session, include_cancelled=False):
        target = Target("rotations", "open", (v.id,))
        who = v.person_name + (f" ⇄ {v.partner_name}" if v.partner_name else "")
        if v.status == RotationStatus.PLANNED and v.starts_on <= until:
            yield DueItem(
                key=f"rotation:start:{v.id}:{v.starts_on.isoformat()}",
                kind=DueKind.ROTATION,
                title=_("{kind} starts: {who}").format(kind=v.kind_name, who=who),
                detail=_("From {day}; check that the host and the cover know.").format(
                    day=format_date(v.starts_on)
                ),
                due_on=v.starts_on,
                target=target,
                person_id=v.person_id,
            )
        elif v.status == RotationStatus.RUNNING and v.ends_on <= until:
            yield DueItem(
                key=f"rotation:outcome:{v.id}:{v.ends_on.isoformat()}",
                kind=DueKind.ROTATION,
                title=_("What did the rotation teach? {who}").format(who=who),
                detail=_("Ends {day}: record the outcome with the person and the host.").format(
                    day=format_date(v.ends_on)
                ),
                due_on=v.ends_on,
                target=target,
                person_id=v.person_id,
            )


def moves(session: Session) -> Iterable[tuple[int, date]]:
    """Every rotation under way or finished is an internal move (a swap for both people)."""
    today = date.max
    return [
        (m.person_id, m.started_on) for m in svc.internal_moves(session, start=date.min, end=today)
    ]


def calendar_events(session: Session, *, today: date) -> Iterable[CalendarEvent]:
    """Each coming start and end of a rotation, as an all-day event."""
    for v in svc.list_rotations(session, include_cancelled=False):
        who = v.person_name + (f" ⇄ {v.partner_name}" if v.partner_name else "")
        if v.starts_on >= today:
            yield CalendarEvent(
                f"rotation-{v.id}-start",
                v.starts_on,
                _("{kind} starts: {who}").format(kind=v.kind_name, who=who),
            )
        if v.ends_on >= today and v.status != RotationStatus.DONE:
            yield CalendarEvent(
                f"rotation-{v.id}-end",
                v.ends_on,
                _("{kind} ends: {who}").format(kind=v.kind_name, who=who),
            )
