"""Ratings, their history, current levels, targets and wishes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.skills import RATING_PRECEDENCE, RatingKind, SkillRating, SkillTarget
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.seats_versions import merge_edit
from huoltamo_desktop.services.skills.catalogue import get_skill
from huoltamo_desktop.services.skills.names import _check_level


@dataclass(frozen=True)
class RatingEvent:
    id: int
    kind: str
    level: int
    rated_on: date


def record_rating(
    session: Session,
    *,
    person_id: int,
    skill_id: int,
    kind: str,
    level: int,
    on: date | None = None,
) -> SkillRating:
    """Record a self-rating, the manager's rating or the agreed level, dated (default: today)."""
    if kind not in set(RatingKind):
        raise ValidationError(_("Unknown kind of rating."))
    _check_level(level)
    if session.get(Person, person_id) is None:
        raise ValidationError(_("That person no longer exists."))
    get_skill(session, skill_id=skill_id)
    rating = SkillRating(
        person_id=person_id, skill_id=skill_id, kind=kind, level=level, rated_on=on or date.today()
    )
    session.add(rating)
    session.flush()
    return rating


def record_self_rating(
    session: Session, *, person_id: int, skill_id: int, level: int, on: date | None = None
) -> None:
    """The employee's own rating (employee mode)."""
    record_rating(
        session, person_id=person_id, skill_id=skill_id, kind=RatingKind.SELF, level=level, on=on
    )


def rating_history(session: Session, *, person_id: int, skill_id: int) -> list[RatingEvent]:
    """Every rating of one person's skill, newest first."""
    rows = session.exec(
        select(SkillRating)
        .where(SkillRating.person_id == person_id, SkillRating.skill_id == skill_id)
        .order_by(col(SkillRating.rated_on).desc(), col(SkillRating.id).desc())
    )
    return [RatingEvent(r.id or 0, r.kind, r.level, r.rated_on) for r in rows]


def _latest_rows(
    session: Session, person_ids: list[int] | None, *, with_dates: bool = True
) -> Sequence[Any]:
    """(person_id, skill_id, kind, level[, rated_on]) of the latest rating of each kind, in one query."""
    rn = (
        func.row_number()
        .over(
            partition_by=(
                col(SkillRating.person_id),
                col(SkillRating.skill_id),
                col(SkillRating.kind),
            ),
            order_by=(col(SkillRating.rated_on).desc(), col(SkillRating.id).desc()),
        )
        .label("rn")
    )
    inner = sa_select(
        col(SkillRating.person_id),
        col(SkillRating.skill_id),
        col(SkillRating.kind),
        col(SkillRating.level),
        col(SkillRating.rated_on),
        rn,
    )
    if person_ids is not None:
        inner = inner.where(col(SkillRating.person_id).in_(person_ids))
    sub = inner.subquery()
    columns = [sub.c.person_id, sub.c.skill_id, sub.c.kind, sub.c.level] + (
        [sub.c.rated_on] if with_dates else []
    )
    query = sa_select(*columns).where(sub.c.rn == 1)
    connection = session.connection()
    if with_dates:
        return connection.execute(query).all()
    # Only integers and short strings come back, so the driver's rows need no conversion: the
    # matrix reads tens of thousands of them, and this is several times faster than Result rows.
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def latest_ratings(
    session: Session, *, person_ids: list[int] | None = None
) -> dict[tuple[int, int], dict[str, tuple[int, date]]]:
    """The latest rating of each kind per (person, skill), in one set-based query."""
    result: dict[tuple[int, int], dict[str, tuple[int, date]]] = defaultdict(dict)
    for pid, sid, kind, level, rated_on in _latest_rows(session, person_ids):
        result[(pid, sid)][kind] = (level, rated_on)
    return dict(result)


_PRECEDENCE = {kind: rank for rank, kind in enumerate(RATING_PRECEDENCE)}


def current_levels(
    session: Session, *, person_ids: list[int] | None = None
) -> dict[tuple[int, int], int]:
    """The level that counts per (person, skill): agreed, else the manager's, else the self-rating."""
    best: dict[tuple[int, int], tuple[int, int]] = {}
    for pid, sid, kind, level in _latest_rows(session, person_ids, with_dates=False):
        rank = _PRECEDENCE.get(kind, 99)
        key = (pid, sid)
        held = best.get(key)
        if held is None or rank < held[0]:
            best[key] = (rank, level)
    return {key: level for key, (_rank, level) in best.items()}


@dataclass(frozen=True)
class TargetInput:
    """A person's target for a skill as a form shows it (no target: level None, no wish)."""

    level: int | None = None
    target_date: date | None = None
    wish: bool = False


def target_of(session: Session, *, person_id: int, skill_id: int) -> tuple[TargetInput, int]:
    """The target as it is stored now and its version (0 when there is none)."""
    row = _target_row(session, person_id=person_id, skill_id=skill_id)
    if row is None:
        return TargetInput(), 0
    return TargetInput(row.level, row.target_date, row.wish), row.row_version


def _target_row(session: Session, *, person_id: int, skill_id: int) -> SkillTarget | None:
    return session.exec(
        select(SkillTarget).where(
            SkillTarget.person_id == person_id, SkillTarget.skill_id == skill_id
        )
    ).first()


def set_target(
    session: Session,
    *,
    person_id: int,
    skill_id: int,
    level: int | None,
    target_date: date | None = None,
    wish: bool | None = None,
    expected_version: int | None = None,
    base: TargetInput | None = None,
) -> SkillTarget | None:
    """Set (or with level None and no wish, clear) a person's target for a skill.

    ``expected_version`` (0: there was no target) and ``base`` are what the form
    read: a field another seat changed meanwhile is kept, and one both changed
    raises ``ConflictError`` instead of being overwritten.
    """
    if level is not None:
        _check_level(level)
    get_skill(session, skill_id=skill_id)
    row = _target_row(session, person_id=person_id, skill_id=skill_id)
    keep_wish = wish if wish is not None else (row.wish if row is not None else False)
    yours = TargetInput(level, target_date if level is not None else None, keep_wish)
    if expected_version is not None:
        theirs = TargetInput(row.level, row.target_date, row.wish) if row else TargetInput()
        yours = merge_edit(
            current_version=row.row_version if row is not None else 0,
            expected_version=expected_version,
            base=base,
            yours=yours,
            theirs=theirs,
        )
    if yours.level is None and not yours.wish:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        if session.get(Person, person_id) is None:
            raise ValidationError(_("That person no longer exists."))
        row = SkillTarget(person_id=person_id, skill_id=skill_id)
    row.level = yours.level
    row.target_date = yours.target_date if yours.level is not None else None
    row.wish = yours.wish
    session.add(row)
    session.flush()
    return row


def set_wish(session: Session, *, person_id: int, skill_id: int, wish: bool) -> None:
    """The person wants (or no longer wants) to learn this skill; a target level stays as it is."""
    row = session.exec(
        select(SkillTarget).where(
            SkillTarget.person_id == person_id, SkillTarget.skill_id == skill_id
        )
    ).first()
    set_target(
        session,
        person_id=person_id,
        skill_id=skill_id,
        level=row.level if row else None,
        target_date=row.target_date if row else None,
        wish=wish,
    )


def targets_for(
    session: Session, *, person_ids: list[int] | None = None
) -> dict[tuple[int, int], SkillTarget]:
    query = select(SkillTarget)
    if person_ids is not None:
        query = query.where(col(SkillTarget.person_id).in_(person_ids))
    return {(t.person_id, t.skill_id): t for t in session.exec(query)}
