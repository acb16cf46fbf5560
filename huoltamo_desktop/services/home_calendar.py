"""Calendar export (.ics): conversation dates, rotations and card expiries.

Each event keeps the same UID for as long as it is the same thing (the same
conversation, the same card), and its SEQUENCE rises whenever its date or text
changes, so Outlook and Google Calendar update the event instead of adding a
second one.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlmodel import Session

from huoltamo_desktop.domain.home import HomeCalendarEntry
from huoltamo_desktop.domain.people import utcnow

UID_DOMAIN = "huoltamo-desktop"


def calendar_events(session: Session, *, today: date) -> list[object]:
    from huoltamo_desktop.services.home_providers import home_providers

    events: list[object] = []
    for provider in home_providers():
        if provider.calendar is not None:
            events.extend(provider.calendar(session, today))
    return events


def export_ics(session: Session, *, today: date | None = None) -> bytes:
    """The calendar as .ics bytes; remembers each event's fingerprint to raise its SEQUENCE."""
    from icalendar import Calendar, Event

    from huoltamo_desktop.services.firm import get_organisation
    from huoltamo_desktop.services.home_providers import CalendarEvent

    today = today or date.today()
    org = get_organisation(session)
    firm_key = hashlib.sha256((org.name if org else "").encode()).hexdigest()[:10]
    cal = Calendar()
    cal.add("prodid", "-//Työurahuoltamo//huoltamo-desktop//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    now = utcnow()
    for raw in sorted(
        calendar_events(session, today=today),
        key=lambda e: (e.day, e.uid_key),  # type: ignore[attr-defined]
    ):
        assert isinstance(raw, CalendarEvent)
        uid = f"{raw.uid_key}-{firm_key}@{UID_DOMAIN}"
        fingerprint = hashlib.sha256(
            f"{raw.day.isoformat()}|{raw.summary}|{raw.description}".encode()
        ).hexdigest()
        entry = session.get(HomeCalendarEntry, uid)
        if entry is None:
            entry = HomeCalendarEntry(uid=uid, fingerprint=fingerprint, sequence=0)
        elif entry.fingerprint != fingerprint:
            entry.fingerprint, entry.sequence, entry.updated_at = (
                fingerprint,
                entry.sequence + 1,
                now,
            )
        session.add(entry)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("dtstart", raw.day)
        event.add("dtend", raw.day + timedelta(days=1))
        event.add("summary", raw.summary)
        if raw.description:
            event.add("description", raw.description)
        event.add("sequence", entry.sequence)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    session.flush()
    return bytes(cal.to_ical())
