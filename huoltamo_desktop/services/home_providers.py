"""What each capability contributes to the home page, registered in one list.

A capability adds one ``HomeProvider`` to ``home_providers()``: a function for
its due items, optionally one for the internal moves it knows of (rotations,
for example) and one for its calendar entries. The home page, the figures and
the calendar export read every provider the same way, so a new capability plugs
in without changes anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.home import CalendarEvent as CalendarEvent
from huoltamo_desktop.domain.home import DueItem, DueKind, Target
from huoltamo_desktop.i18n import _, format_date, ngettext
from huoltamo_desktop.services import rotations_due
from huoltamo_desktop.services.home_dialogue import dialogue_status


class DueFn(Protocol):
    """A capability's due items from ``today`` up to ``until``."""

    def __call__(self, session: Session, *, today: date, until: date) -> Iterable[DueItem]: ...


MovesFn = Callable[[Session], Iterable[tuple[int, date]]]  # (person, day the move started)


class CalendarFn(Protocol):
    """A capability's calendar entries from ``today`` on."""

    def __call__(self, session: Session, *, today: date) -> Iterable[CalendarEvent]: ...


@dataclass(frozen=True)
class HomeProvider:
    key: str
    due: DueFn | None = None
    moves: MovesFn | None = None
    calendar: CalendarFn | None = None


def home_providers() -> list[HomeProvider]:
    """Every capability's contribution, in the order the home page groups them."""
    return [
        HomeProvider("conversations", _conversation_items, None, _conversation_events),
        HomeProvider("self_assessments", _self_assessment_items),
        HomeProvider("actions", _action_items),
        HomeProvider("cards", _card_items, None, _card_events),
        HomeProvider("dialogue", _dialogue_items),
        HomeProvider("people", None, _team_and_role_moves),
        HomeProvider(
            "rotations",
            rotations_due.due_items,
            rotations_due.moves,
            rotations_due.calendar_events,
        ),
        _training_provider(),
    ]


def _training_provider() -> HomeProvider:
    from huoltamo_desktop.services.training_due import training_events, training_items

    return HomeProvider("training", training_items, None, training_events)


# --- conversations by the firm's rhythm -------------------------------------------------------


def _conversation_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    from huoltamo_desktop.services.conversations import due_list, kind_name

    names: dict[str, str] = {}  # the kind's name, looked up once a kind
    for row in due_list(session, today=today, horizon_days=(until - today).days):
        if row.kind not in names:
            names[row.kind] = kind_name(row.kind)
        if row.planned_id is not None:
            target = Target("conversations", "open", (row.planned_id,))
            detail = _("Planned for {day}.").format(day=format_date(row.planned_on))
        else:
            target = Target("conversations", "new", (row.person_id,), row.kind)
            detail = (
                _("The last one was on {day}.").format(day=format_date(row.last_on))
                if row.last_on
                else _("None held yet.")
            )
        yield DueItem(
            key=f"conversation:{row.kind}:{row.person_id}:{row.last_on or 'never'}",
            kind=DueKind.CONVERSATION,
            title=f"{names[row.kind]}: {row.person_name}",
            detail=detail,
            due_on=row.due_on,
            target=target,
            person_id=row.person_id,
        )


def _conversation_events(session: Session, *, today: date) -> Iterable[CalendarEvent]:
    from huoltamo_desktop.domain.conversations import Conversation
    from huoltamo_desktop.domain.people import Person
    from huoltamo_desktop.services.conversations import kind_name

    rows = session.exec(
        select(Conversation, Person)
        .join(Person, col(Person.id) == col(Conversation.person_id))
        .where(col(Conversation.is_current).is_(True), col(Conversation.held_on) >= today)
    )
    for conversation, person in rows:
        yield CalendarEvent(
            f"conversation-{conversation.chain_id or conversation.id}",
            conversation.held_on,
            f"{kind_name(conversation.kind)}: {person.full_name}",
        )


# --- yearly self-assessments ------------------------------------------------------------------


def _self_assessment_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    """One item for the firm: how many people are due their yearly self-assessment, never who."""
    from huoltamo_desktop.domain.employee import (
        EmployeeAssessment,
        EmployeeCredential,
        next_assessment_due,
    )
    from huoltamo_desktop.domain.people import Person, PersonStatus

    users = set(session.exec(select(col(EmployeeCredential.person_id))))
    if not users:  # the firm does not use employee mode: nothing to remind of
        return
    active = set(session.exec(select(col(Person.id)).where(Person.status == PersonStatus.ACTIVE)))
    last: dict[int, date] = {}
    for person_id, done in session.exec(
        select(col(EmployeeAssessment.person_id), col(EmployeeAssessment.completed_on)).where(
            col(EmployeeAssessment.completed_on).is_not(None)
        )
    ):
        if done is not None and (person_id not in last or done > last[person_id]):
            last[person_id] = done
    dues = [next_assessment_due(last.get(p)) or today for p in active if p is not None]
    due = [d for d in dues if d <= until]
    if not due:
        return
    count = len(due)
    yield DueItem(
        key="self_assessment",
        kind=DueKind.SELF_ASSESSMENT,
        title=ngettext(
            "Yearly self-assessment: {n} person is due",
            "Yearly self-assessments: {n} people are due",
            count,
        ).format(n=count),
        detail=_(
            "Remind the staff that the yearly self-assessment is waiting on the shared laptop. "
            "Who has done it is not shown here."
        ),
        due_on=min(due),
        target=Target("employee", "open"),
    )


# --- agreed actions -----------------------------------------------------------------------------


def _action_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    from huoltamo_desktop.services.conversations import followup

    for row in followup(session, today=today):
        if row.due_on is None or row.due_on > until:
            continue
        who = row.owner_name or row.subject
        yield DueItem(
            key=f"action:{row.id}",
            kind=DueKind.ACTION,
            title=row.what,
            detail=_("{who} · agreed in the conversation of {day}").format(
                who=who, day=format_date(row.conversation_held_on)
            ),
            due_on=row.due_on,
            target=Target("conversations", "open", (row.conversation_id,)),
            person_id=row.person_id,
        )


# --- cards and certificates running out -----------------------------------------------------------

CARD_REMINDERS = (90, 30)


def _card_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    """A card is due the day it runs out; it shows from 90 days before and again from 30 days
    before (each reminder can be put aside on its own)."""
    from huoltamo_desktop.services.skills import card_holdings

    for h in card_holdings(session, today=today):
        if h.expires_on is None:
            continue
        shown_from = None
        if h.expires_on < today:
            stage = "expired"
            detail = _("Ran out on {day}.").format(day=format_date(h.expires_on))
        else:
            reminders = [
                (days, h.expires_on - timedelta(days=days))
                for days in CARD_REMINDERS
                if h.expires_on - timedelta(days=days) <= until
            ]
            if not reminders:
                continue
            days, shown_from = reminders[-1]
            stage = str(days)
            left = (h.expires_on - today).days
            detail = ngettext(
                "Runs out on {day} (in {n} day).", "Runs out on {day} (in {n} days).", left
            ).format(day=format_date(h.expires_on), n=left)
        yield DueItem(
            key=f"card:{h.id}:{stage}",
            kind=DueKind.CARD,
            title=f"{h.card_name}: {h.person_name}",
            detail=detail,
            due_on=h.expires_on,
            target=Target("skills", "cards", (h.person_id,)),
            person_id=h.person_id,
            show_from=shown_from,
        )


def _card_events(session: Session, *, today: date) -> Iterable[CalendarEvent]:
    from huoltamo_desktop.services.skills import card_holdings

    for h in card_holdings(session, today=today):
        if h.expires_on is not None and h.expires_on >= today:
            yield CalendarEvent(
                f"card-{h.id}",
                h.expires_on,
                _("{card} runs out: {person}").format(card=h.card_name, person=h.person_name),
            )


# --- the co-operation dialogue ----------------------------------------------------------------------


def _dialogue_items(session: Session, *, today: date, until: date) -> Iterable[DueItem]:
    status = dialogue_status(session, today=today)
    if status.next_on is None or status.next_on > until:
        return
    yield DueItem(
        key=f"dialogue:{status.last_on or 'never'}",
        kind=DueKind.DIALOGUE,
        title=_("Co-operation dialogue with the staff"),
        detail=(
            _("The last one was on {day}.").format(day=format_date(status.last_on))
            if status.last_on
            else _("None recorded yet.")
        ),
        due_on=status.next_on,
        target=Target("home", "dialogue"),
    )


# --- moves the people register records --------------------------------------------------------------


def _team_and_role_moves(session: Session) -> Iterable[tuple[int, date]]:
    from huoltamo_desktop.domain.home import HomeMove

    return list(session.exec(select(col(HomeMove.person_id), col(HomeMove.moved_on))))
