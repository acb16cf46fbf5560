"""The home page: what is due this week or month, snoozes with a reason, the co-operation dialogue."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.home import (
    HORIZON_DAYS,
    DueItem,
    DueList,
    HomeSnooze,
    HomeSnoozeView,
    Horizon,
    split_due,
)
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.home_dialogue import (  # the dialogue has its own module
    DialogueStatus as DialogueStatus,
)
from huoltamo_desktop.services.home_dialogue import (
    active_headcount as active_headcount,
)
from huoltamo_desktop.services.home_dialogue import (
    dialogue_status as dialogue_status,
)
from huoltamo_desktop.services.home_dialogue import (
    get_dialogue_months as get_dialogue_months,
)
from huoltamo_desktop.services.home_dialogue import (
    list_dialogues as list_dialogues,
)
from huoltamo_desktop.services.home_dialogue import (
    record_dialogue as record_dialogue,
)
from huoltamo_desktop.services.home_dialogue import (
    set_dialogue_months as set_dialogue_months,
)

MAX_SNOOZE_DAYS = 366


def all_due_items(session: Session, *, today: date, until: date) -> list[DueItem]:
    """Every provider's due items up to ``until`` (overdue ones included)."""
    from huoltamo_desktop.services.home_providers import home_providers

    items: list[DueItem] = []
    for provider in home_providers():
        if provider.due is not None:
            items.extend(provider.due(session, today=today, until=until))
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
