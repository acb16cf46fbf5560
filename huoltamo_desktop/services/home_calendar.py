"""Calendar export (.ics): conversation dates, rotations and card expiries.

Each event keeps the same UID for as long as it is the same thing (the same
conversation, the same card), and its SEQUENCE rises whenever its date or text
changes, so Outlook and Google Calendar update the event instead of adding a
second one. An event exported before and gone now (a draft deleted, a card
renewed) is sent once more as cancelled, so it leaves the calendar too.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from huoltamo_desktop.domain.home import CalendarEvent, HomeCalendarEntry
from huoltamo_desktop.domain.people import utcnow

if TYPE_CHECKING:
    from icalendar import Event

UID_DOMAIN = "huoltamo-desktop"
CANCELLED_KEPT_DAYS = 60  # a cancelled event is still sent this long after its day


def calendar_events(session: Session, *, today: date) -> list[CalendarEvent]:
    """Every provider's calendar events."""
    from huoltamo_desktop.services.home_providers import home_providers

    events: list[CalendarEvent] = []
    for provider in home_providers():
        if provider.calendar is not None:
            events.extend(provider.calendar(session, today=today))
    return events


def _event(
    uid: str, day: date, summary: str, description: str, sequence: int, now: datetime
) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("sequence", sequence)
    event.add("transp", "TRANSPARENT")
    return event


def export_ics(session: Session, *, today: date | None = None) -> bytes:
    """The calendar as .ics bytes; remembers what each event said to raise its SEQUENCE."""
    from icalendar import Calendar

    from huoltamo_desktop.services.firm import get_organisation

    today = today or date.today()
    org = get_organisation(session)
    firm_key = hashlib.sha256((org.name if org else "").encode()).hexdigest()[:10]
    cal = Calendar()
    cal.add("prodid", "-//Työurahuoltamo//huoltamo-desktop//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    now = utcnow()
    known = {e.uid: e for e in session.exec(select(HomeCalendarEntry))}
    seen: set[str] = set()
    for raw in sorted(calendar_events(session, today=today), key=lambda e: (e.day, e.uid_key)):
        uid = f"{raw.uid_key}-{firm_key}@{UID_DOMAIN}"
        if uid in seen:
            continue
        seen.add(uid)
        fingerprint = hashlib.sha256(
            f"{raw.day.isoformat()}|{raw.summary}|{raw.description}".encode()
        ).hexdigest()
        entry = known.get(uid)
        if entry is None:
            entry = HomeCalendarEntry(uid=uid, fingerprint=fingerprint, sequence=0)
        elif entry.fingerprint != fingerprint or entry.cancelled:
            entry.fingerprint, entry.sequence, entry.updated_at = (
                fingerprint,
                entry.sequence + 1,
                now,
            )
        entry.day, entry.summary, entry.cancelled = raw.day, raw.summary[:300], False
        session.add(entry)
        cal.add_component(_event(uid, raw.day, raw.summary, raw.description, entry.sequence, now))
    for uid, entry in known.items():
        if uid in seen or entry.day is None:
            continue
        if entry.day < today - timedelta(days=CANCELLED_KEPT_DAYS):
            session.delete(entry)  # long past: no calendar still shows it as coming
            continue
        if not entry.cancelled:
            entry.cancelled, entry.sequence, entry.updated_at = True, entry.sequence + 1, now
            session.add(entry)
        event = _event(uid, entry.day, entry.summary, "", entry.sequence, now)
        event.add("status", "CANCELLED")
        cal.add_component(event)
    session.flush()
    return bytes(cal.to_ical())
