"""The home page: what is due this week or month, snoozes with a reason, the co-operation dialogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import add_months
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.home import (
    HORIZON_DAYS,
    DueItem,
    DueList,
    HomeDialogue,
    HomeSnooze,
    HomeSnoozeView,
    Horizon,
    dialogue_duty,
    dialogue_months,
    split_due,
)
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import _

MAX_SNOOZE_DAYS = 366
DIALOGUE_MONTHS_SETTING = "home.dialogue_months"


def all_due_items(session: Session, *, today: date, until: date) -> list[DueItem]:
    """Every provider's due items up to ``until`` (overdue ones included)."""
    from huoltamo_desktop.services.home_providers import home_providers

    items: list[DueItem] = []
    for provider in home_providers():
        if provider.due is not None:
            items.extend(provider.due(session, today, until))
    return items


def _snoozes(session: Session) -> dict[str, HomeSnoozeView]:
    return {s.item_key: HomeSnoozeView(s.until, s.reason) for s in session.exec(select(HomeSnooze))}


def due_items(
    session: Session,
    *,
    today: date | None = None,
    horizon: str = Horizon.WEEK,
    scope: Scope | None = None,
) -> DueList:
    """What is due or overdue within the week or the month, snoozed items apart.

    A team lead's ``scope`` sees only the items about the people of their teams;
    the firm's own matters (the co-operation dialogue, the count of self-assessments
    due, a group's actions) are the owner's.
    """
    today = today or date.today()
    days = HORIZON_DAYS.get(horizon, HORIZON_DAYS[Horizon.WEEK])
    # Look a little further than the horizon so the page can say how much comes later.
    items = all_due_items(session, today=today, until=today + timedelta(days=days + 31))
    if scope is not None and not scope.sees_all:
        teams = dict(session.exec(select(col(Person.id), col(Person.team_id))).all())
        items = [
            i
            for i in items
            if i.person_id is not None
            and scope.can_see(person_id=i.person_id, team_id=teams.get(i.person_id))
        ]
    return split_due(items, _snoozes(session), today=today, horizon_days=days)


def snooze(
    session: Session,
    *,
    key: str,
    until: date,
    reason: str,
    person_id: int | None = None,
    today: date | None = None,
) -> None:
    """Put a due item aside until ``until``; a reason is required so that the choice is remembered."""
    today = today or date.today()
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Write down why you put this aside."), "reason")
    if len(reason) > 300:
        raise ValidationError(_("Keep the reason under 300 characters."), "reason")
    if until <= today:
        raise ValidationError(_("Choose a day after today."), "until")
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ValidationError(_("Put it aside for a year at the most."), "until")
    row = session.exec(select(HomeSnooze).where(HomeSnooze.item_key == key)).first()
    row = row or HomeSnooze(item_key=key, until=until, reason=reason)
    row.until, row.reason, row.person_id = until, reason, person_id
    session.add(row)
    session.flush()


def unsnooze(session: Session, *, key: str) -> None:
    row = session.exec(select(HomeSnooze).where(HomeSnooze.item_key == key)).first()
    if row is not None:
        session.delete(row)
        session.flush()


# --- the co-operation dialogue -----------------------------------------------------------------


def active_headcount(session: Session) -> int:
    """Employees at work, for the Co-operation Act's thresholds: the owner (a manager with no
    supervisor above them) is not counted as an employee."""
    rows = session.exec(
        select(col(Person.is_manager), col(Person.supervisor_id)).where(
            Person.status == PersonStatus.ACTIVE
        )
    )
    return sum(1 for is_manager, supervisor in rows if not (is_manager and supervisor is None))


@dataclass(frozen=True)
class DialogueStatus:
    headcount: int
    duty: str
    months: int | None
    last_on: date | None
    next_on: date | None


def get_dialogue_months(session: Session) -> int | None:
    """The firm's own rhythm for the dialogue in months (None: the default for its size)."""
    from huoltamo_desktop.services.firm import get_setting

    raw = get_setting(session, DIALOGUE_MONTHS_SETTING, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def set_dialogue_months(session: Session, *, months: int | None) -> None:
    from huoltamo_desktop.services.firm import set_setting

    if months is not None and not 1 <= months <= 12:
        raise ValidationError(_("Give the rhythm in months, from 1 to 12."), "months")
    set_setting(session, DIALOGUE_MONTHS_SETTING, str(months or ""))


def dialogue_status(session: Session, *, today: date | None = None) -> DialogueStatus:
    """When the next dialogue is due by the firm's size and rhythm (None when the act does not apply)."""
    today = today or date.today()
    count = active_headcount(session)
    duty = dialogue_duty(count)
    months = dialogue_months(duty, get_dialogue_months(session))
    last = session.exec(
        select(col(HomeDialogue.held_on)).order_by(col(HomeDialogue.held_on).desc())
    ).first()
    next_on = None
    if months is not None:
        next_on = add_months(last, months) if last is not None else today
    return DialogueStatus(count, duty, months, last, next_on)


def record_dialogue(
    session: Session, *, held_on: date, topics: str, today: date | None = None
) -> HomeDialogue:
    """Mark a dialogue as held (topics in a few words, for the development plan's follow-up)."""
    today = today or date.today()
    if held_on > today:
        raise ValidationError(_("The dialogue cannot be held in the future."), "held_on")
    row = HomeDialogue(held_on=held_on, topics=topics.strip()[:4000])
    session.add(row)
    session.flush()
    return row


def list_dialogues(session: Session, *, since: date | None = None) -> list[HomeDialogue]:
    query = select(HomeDialogue).order_by(col(HomeDialogue.held_on))
    if since is not None:
        query = query.where(col(HomeDialogue.held_on) >= since)
    return list(session.exec(query))
