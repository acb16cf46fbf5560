"""The home page: what is due, snoozes, the co-operation dialogue and the calendar's memory.

A *due item* is one thing the owner should do soon (hold a conversation,
follow up an action, renew a card). Items come from providers, one per
capability, and are plain data; each has a stable ``key`` so that a snooze or
a calendar entry keeps pointing at the same thing from one week to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.people import person_fk, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_, _

if TYPE_CHECKING:
    from sqlalchemy.orm import Mapper

    from huoltamo_desktop.domain.people import Person


class DueKind(StrEnum):
    CONVERSATION = "conversation"
    SELF_ASSESSMENT = "self_assessment"
    ACTION = "action"
    ROTATION = "rotation"
    TRAINING = "training"
    CARD = "card"
    DIALOGUE = "dialogue"


DUE_KIND_LABELS: dict[str, str] = {
    DueKind.CONVERSATION: N_("Conversation"),
    DueKind.SELF_ASSESSMENT: N_("Self-assessment"),
    DueKind.ACTION: N_("Agreed action"),
    DueKind.ROTATION: N_("Job rotation"),
    DueKind.TRAINING: N_("Training"),
    DueKind.CARD: N_("Card or certificate"),
    DueKind.DIALOGUE: N_("Co-operation dialogue"),
}


def due_kind_label(kind: str) -> str:
    return _(DUE_KIND_LABELS[kind]) if kind in DUE_KIND_LABELS else kind


class Horizon(StrEnum):
    WEEK = "week"
    MONTH = "month"


HORIZON_DAYS: dict[str, int] = {Horizon.WEEK: 7, Horizon.MONTH: 31}


@dataclass(frozen=True)
class Target:
    """Where "do it" leads: a page and what to open there (ids as plain values)."""

    page: str
    action: str
    ids: tuple[int, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class DueItem:
    """One thing to do by ``due_on``; ``title`` and ``detail`` are already in the app's language."""

    key: str
    kind: str
    title: str
    detail: str
    due_on: date
    target: Target
    person_id: int | None = None
    # Shown from this day on although due later (a card 90 days before it runs out).
    show_from: date | None = None

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days

    def overdue(self, today: date) -> bool:
        return self.due_on < today


@dataclass
class DueList:
    """The due items in view and what was left out, so the page can say so honestly."""

    items: list[DueItem] = field(default_factory=list)
    snoozed: list[tuple[DueItem, HomeSnoozeView]] = field(default_factory=list)
    later: int = 0  # items due after the horizon (not shown)


@dataclass(frozen=True)
class HomeSnoozeView:
    until: date
    reason: str


def sort_due(items: list[DueItem]) -> list[DueItem]:
    """Overdue and soonest first; the same day in a fixed order of kinds, then by title."""
    from huoltamo_desktop.i18n.collation import sorter

    order: dict[str, int] = {k.value: i for i, k in enumerate(DueKind)}
    by_name = sorter()
    return sorted(items, key=lambda i: (i.due_on, order.get(i.kind, 99), by_name(i.title), i.key))


def split_due(
    items: list[DueItem],
    snoozes: dict[str, HomeSnoozeView],
    *,
    today: date,
    horizon_days: int,
) -> DueList:
    """Items due by ``today + horizon_days``, with snoozed ones (still in their snooze) apart."""
    last = today + timedelta(days=horizon_days)
    result = DueList()
    for item in sort_due(items):
        if (item.show_from or item.due_on) > last:
            result.later += 1
            continue
        snooze = snoozes.get(item.key)
        if snooze is not None and snooze.until > today:
            result.snoozed.append((item, snooze))
        else:
            result.items.append(item)
    return result


# --- the Co-operation Act dialogue -------------------------------------------------------

CO_OPERATION_LIGHT_FROM = 20
CO_OPERATION_FULL_FROM = 50
DEFAULT_LIGHT_DIALOGUE_MONTHS = 6


class DialogueDuty(StrEnum):
    NONE = "none"  # under 20: the act does not apply
    LIGHT = "light"  # 20–49: regular dialogue in the firm's own way
    FULL = "full"  # 50 or more: the whole act, development plan included


def dialogue_duty(headcount: int) -> str:
    """What the Co-operation Act (1333/2021, as amended from 1.7.2025) asks of a firm this size."""
    if headcount >= CO_OPERATION_FULL_FROM:
        return DialogueDuty.FULL
    if headcount >= CO_OPERATION_LIGHT_FROM:
        return DialogueDuty.LIGHT
    return DialogueDuty.NONE


def dialogue_months(duty: str, firm_months: int | None) -> int | None:
    """Months between dialogues: at least quarterly under the full act; the firm's own choice for
    the lighter duty (default every six months); None when the act does not apply."""
    if duty == DialogueDuty.FULL:
        return 3 if firm_months is None else min(firm_months, 3)
    if duty == DialogueDuty.LIGHT:
        return firm_months or DEFAULT_LIGHT_DIALOGUE_MONTHS
    return None


def dialogue_duty_text(duty: str) -> str:
    """A plain, careful note on what the act asks (general information, not legal advice)."""
    if duty == DialogueDuty.FULL:
        return _(
            "With 50 or more employees the whole Co-operation Act applies: regular dialogue with the "
            "staff representative, at least once a quarter unless you agree otherwise, and a workplace "
            "development plan that is drawn up together and followed up."
        )
    if duty == DialogueDuty.LIGHT:
        return _(
            "With 20–49 employees the act asks for less since 1 July 2025: set up regular dialogue "
            "with the staff in a way that suits your workplace. You choose the topics and how often; "
            "a written development plan is not required of you, but a draft helps the talk."
        )
    return _(
        "With fewer than 20 employees the Co-operation Act does not apply. Talking with the staff "
        "about the outlook, skills and well-being is still good practice."
    )


# --- tables -----------------------------------------------------------------------------------


class HomeSnooze(Versioned, table=True):
    """A due item put aside until a day, with the reason the owner gave."""

    __tablename__ = "home_snooze"

    id: int | None = Field(default=None, primary_key=True)
    item_key: str = Field(max_length=200, unique=True)
    # The person the item is about: erasing them removes the snooze and its reason too.
    person_id: int | None = Field(default=None, sa_column=person_fk(nullable=True))
    until: date
    reason: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class HomeDialogue(Versioned, table=True):
    """A co-operation dialogue held with the staff (or their representative)."""

    __tablename__ = "home_dialogue"

    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    topics: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = Field(default_factory=utcnow)


class HomeMove(SQLModel, table=True):
    """An internal move: a person's team or job title changed (recorded when it is saved)."""

    __tablename__ = "home_move"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=person_fk())
    moved_on: date = Field(index=True)
    kind: str = Field(max_length=10)  # "team" or "role"
    from_text: str = Field(default="", max_length=120)
    to_text: str = Field(default="", max_length=120)


class HomeCalendarEntry(SQLModel, table=True):
    """What an exported calendar event last said, so a changed event gets a higher SEQUENCE."""

    __tablename__ = "home_calendar_entry"

    uid: str = Field(primary_key=True, max_length=200)
    fingerprint: str = Field(max_length=64)
    sequence: int = 0
    # The event's day and title as last exported, so that a removed event can be cancelled.
    day: date | None = None
    summary: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    cancelled: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    updated_at: datetime = Field(default_factory=utcnow)


class HomePlanText(Versioned, table=True):
    """The owner's own wording of one section of a year's workplace development plan."""

    __tablename__ = "home_plan_text"
    __table_args__ = (UniqueConstraint("year", "section"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    section: str = Field(max_length=40)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    updated_at: datetime = Field(default_factory=utcnow)


# --- internal moves are recorded where a person is saved ------------------------------------------


def _record_moves(_mapper: Mapper[Person], connection: Connection, target: Person) -> None:
    """A changed team or job title is an internal move; recorded whoever changes the person."""
    from sqlalchemy import insert, inspect, select
    from sqlmodel import col

    from huoltamo_desktop.domain.people import Team

    state = inspect(target)
    if target.status != "active" or target.id is None:
        return
    rows = []
    team = state.attrs.team_id.history
    if team.has_changes() and team.deleted and team.deleted[0] is not None and target.team_id:
        names: dict[int | None, str] = {
            row[0]: row[1]
            for row in connection.execute(
                select(col(Team.id), col(Team.name)).where(
                    col(Team.id).in_([team.deleted[0], target.team_id])
                )
            )
        }
        rows.append(
            {
                "kind": "team",
                "from_text": names.get(team.deleted[0], ""),
                "to_text": names.get(target.team_id, ""),
            }
        )
    title = state.attrs.job_title.history
    if title.has_changes() and title.deleted and (title.deleted[0] or "").strip():
        old, new = title.deleted[0].strip(), (target.job_title or "").strip()
        if new and old.casefold() != new.casefold():
            rows.append({"kind": "role", "from_text": old[:120], "to_text": new[:120]})
    for row in rows:
        connection.execute(
            insert(HomeMove).values(person_id=target.id, moved_on=date.today(), **row)
        )


def _listen() -> None:
    from sqlalchemy import event

    from huoltamo_desktop.domain.people import Person

    if not event.contains(Person, "after_update", _record_moves):
        event.listen(Person, "after_update", _record_moves)


_listen()


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event for the .ics export; ``uid_key`` stays the same while it is the same thing."""

    uid_key: str
    day: date
    summary: str
    description: str = ""
