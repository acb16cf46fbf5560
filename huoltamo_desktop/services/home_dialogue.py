"""The co-operation dialogue on the home page: who must hold it, how often, when it was held."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import add_months
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.home import HomeDialogue, dialogue_duty, dialogue_months
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.firm import get_setting, set_setting

DIALOGUE_MONTHS_SETTING = "home.dialogue_months"


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
    raw = get_setting(session, key=DIALOGUE_MONTHS_SETTING, default="")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def set_dialogue_months(session: Session, *, months: int | None) -> None:
    if months is not None and not 1 <= months <= 12:
        raise ValidationError(_("Give the rhythm in months, from 1 to 12."), "months")
    set_setting(session, key=DIALOGUE_MONTHS_SETTING, value=str(months or ""))


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
