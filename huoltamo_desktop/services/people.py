"""People and teams: add, edit, archive, search, erase for good."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import (
    CareerStage,
    LeaveReason,
    Person,
    PersonStatus,
    Team,
)
from huoltamo_desktop.i18n import LANGUAGES, _, ngettext
from huoltamo_desktop.i18n.collation import fold, sort_key, sorter


@dataclass
class PersonInput:
    first_name: str
    last_name: str
    job_title: str = ""
    team_id: int | None = None
    supervisor_id: int | None = None
    employment_start: date | None = None
    birth_year: int | None = None
    career_stage: str = CareerStage.ESTABLISHED
    language: str = "fi"
    email: str = ""
    is_manager: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    # The job title's Swedish and English forms, printed in documents in those languages.
    job_title_sv: str = ""
    job_title_en: str = ""


def validate_person(data: PersonInput, *, today: date | None = None) -> PersonInput:
    """Check the rules for a person; raises ValidationError naming the field."""
    today = today or date.today()
    first = data.first_name.strip()
    last = data.last_name.strip()
    if not first:
        raise ValidationError(_("Give a first name."), "first_name")
    if not last:
        raise ValidationError(_("Give a last name."), "last_name")
    if data.career_stage not in set(CareerStage):
        raise ValidationError(_("Choose a career stage."), "career_stage")
    if data.language not in LANGUAGES:
        raise ValidationError(_("Choose a language."), "language")
    if data.employment_start and data.employment_start > today.replace(year=today.year + 1):
        raise ValidationError(_("The start date is too far in the future."), "employment_start")
    if data.birth_year is not None and not 1900 < data.birth_year <= today.year - 14:
        raise ValidationError(_("Check the year of birth."), "birth_year")
    for name, value, limit in (
        ("first_name", first, 100),
        ("last_name", last, 100),
        ("job_title", data.job_title.strip(), 120),
        ("job_title_sv", data.job_title_sv.strip(), 120),
        ("job_title_en", data.job_title_en.strip(), 120),
        ("email", data.email.strip(), 200),
    ):
        if len(value) > limit:
            raise ValidationError(
                ngettext(
                    "This is too long: at most {n} character.",
                    "This is too long: at most {n} characters.",
                    limit,
                ).format(n=limit),
                name,
            )
    email = data.email.strip()
    if email and ("@" not in email or " " in email):
        raise ValidationError(_("Check the email address."), "email")
    return PersonInput(
        first,
        last,
        data.job_title.strip(),
        data.team_id,
        data.supervisor_id,
        data.employment_start,
        data.birth_year,
        data.career_stage,
        data.language,
        email,
        data.is_manager,
        job_title_sv=data.job_title_sv.strip(),
        job_title_en=data.job_title_en.strip(),
    )


def _apply(person: Person, data: PersonInput) -> None:
    person.first_name = data.first_name
    person.last_name = data.last_name
    person.job_title = data.job_title
    person.job_title_sv = data.job_title_sv
    person.job_title_en = data.job_title_en
    person.team_id = data.team_id
    person.supervisor_id = data.supervisor_id
    person.employment_start = data.employment_start
    person.birth_year = data.birth_year
    person.career_stage = data.career_stage
    person.language = data.language
    person.email = data.email
    person.is_manager = data.is_manager


def create_person(session: Session, data: PersonInput) -> Person:
    clean = validate_person(data)
    person = Person(first_name=clean.first_name, last_name=clean.last_name)
    _apply(person, clean)
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person_id: int, data: PersonInput) -> Person:
    person = _get(session, person_id)
    clean = validate_person(data)
    if clean.supervisor_id == person_id:
        raise ValidationError(_("A person cannot be their own supervisor."), "supervisor_id")
    _apply(person, clean)
    session.add(person)
    session.flush()
    return person


def get_person(session: Session, *, person_id: int) -> Person:
    """One person; a ValidationError if they have been erased meanwhile."""
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("That person no longer exists."))
    return person


def _get(session: Session, person_id: int) -> Person:
    return get_person(session, person_id=person_id)


def archive_person(
    session: Session, person_id: int, *, left_on: date, reason: str = LeaveReason.OTHER
) -> Person:
    """Mark a person as having left; their history stays for the firm's figures."""
    if reason not in set(LeaveReason):
        raise ValidationError(_("Choose a reason for leaving."), "leave_reason")
    person = _get(session, person_id)
    person.status = PersonStatus.LEFT
    person.left_on = left_on
    person.leave_reason = reason
    session.add(person)
    session.flush()
    return person


def restore_person(session: Session, person_id: int) -> Person:
    person = _get(session, person_id)
    person.status = PersonStatus.ACTIVE
    person.left_on = None
    person.leave_reason = None
    session.add(person)
    session.flush()
    return person


@dataclass(frozen=True)
class Erasure:
    """What erasing reached besides the database itself."""

    journal_cleared: bool  # the SQLite write-ahead log no longer holds the old pages
    backups_cleaned: tuple[Path, ...] = ()  # before-update copies the person was erased from
    backups_failed: tuple[Path, ...] = ()  # copies that could not be changed: the user must act


def erase_person(session: Session, person_id: int) -> Erasure:
    """Remove the person and everything recorded about them, for good.

    Every table with person data references ``person.id`` with ON DELETE
    CASCADE; SQLite runs with secure_delete, the write-ahead log is
    checkpointed and truncated so the old pages do not linger in it, and the
    person is erased from the before-update copies beside the file too.
    The deletion is committed here: the log can only be cleared after it.
    """
    from huoltamo_desktop.services.conversations.snapshots import forget_in_snapshots
    from huoltamo_desktop.storage.database import checkpoint_wal, sqlite_path
    from huoltamo_desktop.storage.migrate import scrub_before_update_backups

    _get(session, person_id)
    forget_in_snapshots(session, person_id=person_id)
    session.execute(
        update(Person).where(col(Person.supervisor_id) == person_id).values(supervisor_id=None)
    )
    session.execute(delete(Person).where(col(Person.id) == person_id))
    session.flush()
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return Erasure(journal_cleared=True)
    session.commit()
    cleared = checkpoint_wal(bind)
    path = sqlite_path(bind.engine.url.render_as_string(hide_password=False))
    if path is None:
        return Erasure(journal_cleared=cleared)
    cleaned, failed = scrub_before_update_backups(
        path,
        [
            ("UPDATE person SET supervisor_id = NULL WHERE supervisor_id = :id", {"id": person_id}),
            ("DELETE FROM person WHERE id = :id", {"id": person_id}),
        ],
    )
    return Erasure(cleared, tuple(cleaned), tuple(failed))


def list_people(
    session: Session, *, include_left: bool = False, search: str = "", team_id: int | None = None
) -> list[Person]:
    query = select(Person)
    if not include_left:
        query = query.where(Person.status == PersonStatus.ACTIVE)
    if team_id is not None:
        query = query.where(Person.team_id == team_id)
    key = sorter()
    people = sorted(session.exec(query), key=lambda p: (key(p.last_name), key(p.first_name)))
    needle = fold(search)
    if not needle:
        return people
    return [p for p in people if needle in p.name_key or needle in fold(p.job_title)]


def job_titles_in_use(session: Session) -> list[str]:
    """The job titles of the people at work, each once, in alphabetical order."""
    titles = session.exec(
        select(Person.job_title).where(Person.status == PersonStatus.ACTIVE).distinct()
    )
    return sorted({t for t in titles if t}, key=sort_key)


@dataclass(frozen=True)
class SignInName:
    """A name on the lock screen: nothing else about the person is shown there."""

    person_id: int
    name: str
    first_name: str


def names_for_sign_in(session: Session) -> list[SignInName]:
    """The people at work by first name, for picking one's own name on the lock screen."""
    key = sorter()
    people = sorted(
        session.exec(select(Person).where(Person.status == PersonStatus.ACTIVE)),
        key=lambda p: (key(p.first_name), key(p.last_name)),
    )
    return [SignInName(p.id or 0, p.full_name, p.first_name) for p in people]


# --- teams ----------------------------------------------------------------------


def list_teams(session: Session) -> list[Team]:
    """The teams in the alphabet of the user's language."""
    return sorted(session.exec(select(Team)), key=lambda t: sort_key(t.name))


def _team_name(name: str) -> str:
    clean = name.strip()
    if not clean:
        raise ValidationError(_("Give the team a name."), "name")
    return clean


def create_team(session: Session, name: str) -> Team:
    clean = _team_name(name)
    if session.exec(select(Team).where(Team.name_key == fold(clean))).first():
        raise ValidationError(_("A team called {name} already exists.").format(name=clean), "name")
    team = Team(name=clean)
    session.add(team)
    session.flush()
    return team


def get_or_create_team(session: Session, name: str) -> Team:
    clean = _team_name(name)
    found = session.exec(select(Team).where(Team.name_key == fold(clean))).first()
    return found or create_team(session, clean)


def rename_team(session: Session, team_id: int, name: str) -> Team:
    clean = _team_name(name)
    team = session.get(Team, team_id)
    if team is None:
        raise ValidationError(_("That team no longer exists."))
    clash = session.exec(
        select(Team).where(Team.name_key == fold(clean), Team.id != team_id)
    ).first()
    if clash:
        raise ValidationError(_("A team called {name} already exists.").format(name=clean), "name")
    team.name = clean
    session.add(team)
    session.flush()
    return team


def delete_team(session: Session, team_id: int) -> int:
    """Delete a team; its members stay, without a team. Returns how many were in it."""
    members = session.exec(
        select(func.count()).select_from(Person).where(Person.team_id == team_id)
    ).one()
    session.execute(update(Person).where(col(Person.team_id) == team_id).values(team_id=None))
    session.execute(delete(Team).where(col(Team.id) == team_id))
    session.flush()
    return int(members)
