"""Seats: managers who sign in with their own passphrase, and what each of them may see.

The firm's manager passphrase (set at first run) is the owner's: it opens the
whole firm. The owner can add team leads — people of the firm with a
passphrase of their own — and choose the teams each sees. A team lead sees
and edits only the people of those teams (and themselves); erasing people,
data exports, leavers' retention, the audit log, backups and seats stay with
the owner. The services check this themselves (``require_person``,
``require_owner``, ``scope`` on the listing functions), so no screen can
show more than its seat allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.employee import (
    SignInResult,
    check_manager_passphrase,
    wait_after_failures,
)
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import Person, Team
from huoltamo_desktop.domain.seats import OWNER, Scope, SeatRole, SeatUser, SeatUserTeam
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.security import employee_secrets as sec

LOCK_AFTER = 5


class NotYoursError(UserError):
    """The signed-in manager's seat does not reach this person or this action."""


@dataclass(frozen=True)
class SeatView:
    seat_id: int
    person_id: int
    name: str
    role: str
    team_ids: tuple[int, ...]
    team_names: tuple[str, ...]


def require_owner(scope: Scope | None) -> None:
    """Only the owner's seat may go on (None: the command line or a test, which act as owner)."""
    if scope is not None and not scope.sees_all:
        raise NotYoursError(_("Only the owner can do this. Sign in with the owner's passphrase."))


def require_person(session: Session, *, scope: Scope | None, person_id: int) -> Person:
    """The person, when the seat may see them; NotYoursError otherwise (also when they are gone)."""
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("That person no longer exists."))
    if scope is not None and not scope.can_see(person_id=person.id, team_id=person.team_id):
        raise NotYoursError(_("{name} is not in your teams.").format(name=person.full_name))
    return person


def require_team(scope: Scope | None, team_id: int | None) -> None:
    """A team lead may place people only in their own teams."""
    if scope is None or scope.sees_all:
        return
    if team_id is None or team_id not in scope.team_ids:
        raise NotYoursError(_("Choose one of your own teams."))


def visible_people(people: list[Person], scope: Scope | None) -> list[Person]:
    if scope is None or scope.sees_all:
        return people
    return [p for p in people if scope.can_see(person_id=p.id, team_id=p.team_id)]


def scope_team_names(session: Session, *, scope: Scope | None) -> list[str] | None:
    """The names of a team lead's teams, for "counted over your teams"; None for the owner."""
    if scope is None or scope.sees_all:
        return None
    names = [t.name for t in session.exec(select(Team)) if t.id in scope.team_ids]
    return sorted(names, key=sort_key)


def has_seats(session: Session) -> bool:
    return session.exec(select(SeatUser.id)).first() is not None


def list_seats(session: Session) -> list[SeatView]:
    """Every manager with a seat of their own, by name."""
    teams = {t.id: t.name for t in session.exec(select(Team))}
    links: dict[int, list[int]] = {}
    for link in session.exec(select(SeatUserTeam)):
        links.setdefault(link.seat_user_id, []).append(link.team_id)
    rows = session.exec(
        select(SeatUser, Person).join(Person, col(Person.id) == col(SeatUser.person_id))
    )
    views = []
    for seat, person in rows:
        assert seat.id is not None and person.id is not None
        ids = tuple(sorted(links.get(seat.id, []), key=lambda t: teams.get(t, "")))
        views.append(
            SeatView(
                seat.id,
                person.id,
                person.full_name,
                seat.role,
                ids,
                tuple(teams[t] for t in ids if t in teams),
            )
        )
    return sorted(views, key=lambda v: v.name.casefold())


def _check_teams(session: Session, team_ids: list[int]) -> None:
    known = {t.id for t in session.exec(select(Team))}
    if not team_ids or not set(team_ids) <= known:
        raise ValidationError(_("Choose at least one team."), "teams")


def _set_teams(session: Session, seat_id: int, team_ids: list[int]) -> None:
    _check_teams(session, team_ids)
    session.execute(delete(SeatUserTeam).where(col(SeatUserTeam.seat_user_id) == seat_id))
    for team_id in sorted(set(team_ids)):
        session.add(SeatUserTeam(seat_user_id=seat_id, team_id=team_id))


def add_team_lead(
    session: Session,
    *,
    scope: Scope | None,
    person_id: int,
    team_ids: list[int],
    passphrase: str,
    repeat: str | None = None,
) -> SeatUser:
    """Give a person of the firm a team lead's seat with their own passphrase."""
    require_owner(scope)
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("That person no longer exists."))
    if session.exec(select(SeatUser).where(SeatUser.person_id == person_id)).first():
        raise ValidationError(
            _("{name} already has a seat.").format(name=person.full_name), "person"
        )
    _check_teams(session, team_ids)
    check_manager_passphrase(passphrase)
    if repeat is not None and repeat != passphrase:
        raise ValidationError(_("The two passphrases differ. Type the same one twice."), "repeat")
    seat = SeatUser(
        person_id=person_id, role=SeatRole.TEAM_LEAD, passphrase_hash=sec.hash_secret(passphrase)
    )
    session.add(seat)
    session.flush()
    assert seat.id is not None
    _set_teams(session, seat.id, team_ids)
    session.flush()
    return seat


def set_seat_teams(
    session: Session, *, scope: Scope | None, seat_id: int, team_ids: list[int]
) -> None:
    require_owner(scope)
    if session.get(SeatUser, seat_id) is None:
        raise ValidationError(_("That seat no longer exists."))
    _set_teams(session, seat_id, team_ids)
    session.flush()


def remove_seat(session: Session, *, scope: Scope | None, seat_id: int) -> None:
    """The person stays in the firm; only their sign-in as a manager goes."""
    require_owner(scope)
    session.execute(delete(SeatUser).where(col(SeatUser.id) == seat_id))
    session.flush()


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def sign_in_seat(
    session: Session, *, seat_id: int, passphrase: str, now: datetime | None = None
) -> tuple[SignInResult, Scope | None]:
    """Check a team lead's passphrase (same waits after wrong tries as the manager's)."""
    now = now or datetime.now(UTC)
    seat = session.get(SeatUser, seat_id)
    if seat is None:
        return SignInResult(ok=False), None
    until = _aware(seat.locked_until)
    if until is not None and now < until:
        return (
            SignInResult(
                ok=False, wait_until=until, locked=seat.failed_attempts >= LOCK_AFTER, checked=False
            ),
            None,
        )
    if sec.verify_secret(seat.passphrase_hash, passphrase):
        seat.failed_attempts = 0
        seat.locked_until = None
        session.add(seat)
        session.flush()
        return SignInResult(ok=True), scope_of(session, seat_id=seat_id)
    seat.failed_attempts += 1
    wait = wait_after_failures(seat.failed_attempts)
    seat.locked_until = now + wait if wait else None
    session.add(seat)
    session.flush()
    return (
        SignInResult(
            ok=False, wait_until=seat.locked_until, locked=wait.total_seconds() >= 15 * 60
        ),
        None,
    )


def scope_of(session: Session, *, seat_id: int) -> Scope:
    seat = session.get(SeatUser, seat_id)
    if seat is None:
        raise ValidationError(_("That seat no longer exists."))
    if seat.role == SeatRole.OWNER:
        return Scope(role=SeatRole.OWNER, seat_id=seat.id, person_id=seat.person_id)
    teams = frozenset(
        link.team_id
        for link in session.exec(select(SeatUserTeam).where(SeatUserTeam.seat_user_id == seat_id))
    )
    return Scope(role=SeatRole.TEAM_LEAD, seat_id=seat.id, person_id=seat.person_id, team_ids=teams)


__all__ = [
    "OWNER",
    "NotYoursError",
    "SeatView",
    "add_team_lead",
    "has_seats",
    "list_seats",
    "remove_seat",
    "require_owner",
    "require_person",
    "require_team",
    "scope_team_names",
    "set_seat_teams",
    "sign_in_seat",
    "visible_people",
]
