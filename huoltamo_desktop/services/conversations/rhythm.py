"""How often each kind of conversation is held, and who is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    INDIVIDUAL_KINDS,
    Conversation,
    ConversationKind,
    add_months,
)
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus, Team
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.collation import sort_key

RHYTHM_KINDS = INDIVIDUAL_KINDS
RHYTHM_DEFAULTS: dict[str, int] = {
    ConversationKind.CAREER: 12,
    ConversationKind.DEVELOPMENT: 0,
    ConversationKind.CHECKIN: 3,
}


def get_rhythm(session: Session) -> dict[str, int]:
    """Months between conversations of each kind (0 = not on a rhythm)."""
    from huoltamo_desktop.services.firm import get_setting

    rhythm = {}
    for kind in RHYTHM_KINDS:
        raw = get_setting(
            session, key=f"conversations.rhythm.{kind}", default=str(RHYTHM_DEFAULTS[kind])
        )
        rhythm[str(kind)] = int(raw) if raw.isdigit() else RHYTHM_DEFAULTS[kind]
    return rhythm


def set_rhythm(session: Session, *, months: dict[str, int]) -> None:
    from huoltamo_desktop.services.firm import set_setting

    for kind, value in months.items():
        if kind not in RHYTHM_KINDS:
            raise ValidationError(_("Choose the kind of conversation."), "kind")
        if not 0 <= value <= 60:
            raise ValidationError(_("Give the rhythm in months, from 0 to 60."), kind)
        set_setting(session, key=f"conversations.rhythm.{kind}", value=str(value))


@dataclass
class DueRow:
    person_id: int
    person_name: str
    team_name: str
    kind: str
    last_on: date | None
    due_on: date
    planned_on: date | None
    days_late: int  # > 0 overdue, <= 0 still ahead
    planned_id: int | None = None  # the draft already made for the planned date

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


def due_list(
    session: Session, *, today: date | None = None, horizon_days: int = 30
) -> list[DueRow]:
    """Who is due or overdue a conversation by the firm's rhythm (within ``horizon_days``).

    The next date is the one agreed in the last conversation of that kind, else
    the last one plus the rhythm, else the start date plus the rhythm. Any
    one-to-one conversation also counts as a check-in.
    """
    today = today or date.today()
    rhythm = {k: m for k, m in get_rhythm(session).items() if m > 0}
    if not rhythm:
        return []
    people = [
        p
        for p in session.exec(select(Person).where(Person.status == PersonStatus.ACTIVE))
        if not (p.is_manager and p.supervisor_id is None)
    ]
    teams = {t.id: t.name for t in session.exec(select(Team))}
    convs: dict[int, list[Conversation]] = {}
    for c in session.exec(
        select(Conversation)
        .where(col(Conversation.is_current).is_(True), col(Conversation.person_id).is_not(None))
        .order_by(col(Conversation.held_on))
    ):
        convs.setdefault(c.person_id or 0, []).append(c)
    rows: list[DueRow] = []
    for p in people:
        mine = convs.get(p.id or 0, [])
        for kind, months in rhythm.items():
            counts = [c for c in mine if c.kind == kind or kind == ConversationKind.CHECKIN]
            held = [c for c in counts if c.held_on <= today]
            planned = [c for c in counts if c.held_on > today]
            last = held[-1] if held else None
            if last is not None:
                due = (
                    last.next_on
                    if last.next_on and last.kind == kind
                    else add_months(last.held_on, months)
                )
            else:
                # Never held: due a rhythm's length after starting, and at the latest now.
                first = add_months(p.employment_start, months) if p.employment_start else today
                due = max(first, today)
            planned_on = planned[0].held_on if planned else None
            planned_id = planned[0].id if planned else None
            if (due - today).days > horizon_days:
                continue
            rows.append(
                DueRow(
                    p.id or 0,
                    p.full_name,
                    teams.get(p.team_id, "") if p.team_id else "",
                    kind,
                    last.held_on if last else None,
                    due,
                    planned_on,
                    (today - due).days,
                    planned_id,
                )
            )
    rows.sort(key=lambda r: (r.due_on, sort_key(r.person_name)))
    return rows
