"""Future needs: skills the firm will need more of, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import FutureNeed
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.seats import require_owner
from huoltamo_desktop.services.seats_versions import merge_edit
from huoltamo_desktop.services.skills.catalogue import get_skill
from huoltamo_desktop.services.skills.names import _check_level


@dataclass(frozen=True)
class NeedInput:
    """The fields of the future-need form."""

    skill_id: int
    level: int
    people_needed: int
    by_date: date | None
    reason: str


def need_input(need: FutureNeed) -> NeedInput:
    return NeedInput(need.skill_id, need.level, need.people_needed, need.by_date, need.reason)


def save_need(
    session: Session,
    *,
    skill_id: int,
    level: int,
    people_needed: int,
    by_date: date | None,
    reason: str = "",
    need_id: int | None = None,
    scope: Scope | None = None,
    expected_version: int | None = None,
    base: NeedInput | None = None,
) -> FutureNeed:
    """State (or change) a competence the firm needs: skill, level, how many people, by when, why.

    Future needs are the firm's: the owner states them, a team lead sees them.
    ``expected_version`` and ``base`` are what the form read: another's change
    meanwhile is merged, or raises ``ConflictError`` where both changed a field.
    """
    require_owner(scope)
    if need_id is not None:
        current = session.get(FutureNeed, need_id)
        if current is None:
            raise ValidationError(_("That need no longer exists."))
        merged = merge_edit(
            current_version=current.row_version,
            expected_version=expected_version,
            base=base,
            yours=NeedInput(skill_id, level, people_needed, by_date, reason.strip()[:500]),
            theirs=need_input(current),
        )
        skill_id, level, people_needed = merged.skill_id, merged.level, merged.people_needed
        by_date, reason = merged.by_date, merged.reason
    _check_level(level)
    if level == 0:
        raise ValidationError(_("A need is for level 1 or above."), "level")
    if not 1 <= people_needed <= 1000:
        raise ValidationError(_("Give how many people are needed (1 or more)."), "people_needed")
    get_skill(session, skill_id=skill_id)
    need = (
        session.get(FutureNeed, need_id)
        if need_id is not None
        else FutureNeed(skill_id=skill_id, level=level)
    )
    if need is None:
        raise ValidationError(_("That need no longer exists."))
    need.skill_id = skill_id
    need.level = level
    need.people_needed = people_needed
    need.by_date = by_date
    need.reason = reason.strip()[:500]
    session.add(need)
    session.flush()
    return need


def delete_need(session: Session, *, need_id: int, scope: Scope | None = None) -> None:
    require_owner(scope)
    session.execute(delete(FutureNeed).where(col(FutureNeed.id) == need_id))
    session.flush()


def list_needs(session: Session) -> list[FutureNeed]:
    return list(
        session.exec(select(FutureNeed).order_by(col(FutureNeed.by_date).asc(), col(FutureNeed.id)))
    )


def get_need(session: Session, *, need_id: int) -> FutureNeed:
    """One future need; a ValidationError if it has been deleted meanwhile."""
    need = session.get(FutureNeed, need_id)
    if need is None:
        raise ValidationError(_("That future need no longer exists."))
    return need
