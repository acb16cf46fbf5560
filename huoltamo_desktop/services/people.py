"""People and teams: add, edit, archive, search, erase for good."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import (
    CareerStage,
    LeaveReason,
    Organisation,
    Person,
    PersonStatus,
    Team,
)
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import LANGUAGES, _, ngettext
from huoltamo_desktop.i18n.collation import fold, sort_key, sorter
from huoltamo_desktop.services.firm import FirmInput, save_organisation
from huoltamo_desktop.services.seats import (
    require_owner,
    require_person,
    require_team,
    visible_people,
)
from huoltamo_desktop.services.seats_versions import merge_edit


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


def person_input(person: Person) -> PersonInput:
    """The person's current details as an input to change and save with ``update_person``."""
    return PersonInput(
        first_name=person.first_name,
        last_name=person.last_name,
        job_title=person.job_title or "",
        team_id=person.team_id,
        supervisor_id=person.supervisor_id,
        employment_start=person.employment_start,
        birth_year=person.birth_year,
        career_stage=person.career_stage,
        language=person.language,
        email=person.email or "",
        is_manager=person.is_manager,
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


def create_person(session: Session, *, data: PersonInput, scope: Scope | None = None) -> Person:
    """Add a person; a team lead's seat adds people only to its own teams."""
    clean = validate_person(data)
    require_team(scope, clean.team_id)
    person = Person(first_name=clean.first_name, last_name=clean.last_name)
    _apply(person, clean)
    session.add(person)
    session.flush()
    return person


# Every field a person form edits; a new field in PersonInput is compared and saved too.
PERSON_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PersonInput) if f.name != "extra")


def person_values(source: Person | PersonInput) -> dict[str, object]:
    """The editable fields of a person, by name (for comparing two saves)."""
    return {name: getattr(source, name) for name in PERSON_FIELDS}


def update_person(
    session: Session,
    *,
    person_id: int,
    data: PersonInput,
    expected_version: int | None = None,
    base: PersonInput | None = None,
    scope: Scope | None = None,
) -> Person:
    """Save the form's values over the person.

    ``expected_version`` is the ``row_version`` the form read and ``base`` the
    values it showed. When someone saved in between, changes to different
    fields are merged; the same field changed differently on both sides raises
    ConflictError with both values, and nothing is saved. A team lead's seat
    edits only its own teams' people and cannot move them to another team.
    """
    person = require_person(session, scope=scope, person_id=person_id)
    clean = validate_person(data)
    if clean.team_id != person.team_id:
        require_team(scope, clean.team_id)
    if clean.supervisor_id == person_id:
        raise ValidationError(_("A person cannot be their own supervisor."), "supervisor_id")
    merged = merge_edit(
        current_version=person.row_version,
        expected_version=expected_version,
        base=base,
        yours=clean,
        theirs=PersonInput(**person_values(person)),  # type: ignore[arg-type]
        skip=("extra",),
    )
    _apply(person, merged)
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
    session: Session,
    *,
    person_id: int,
    left_on: date,
    reason: str = LeaveReason.OTHER,
    scope: Scope | None = None,
) -> Person:
    """Mark a person as having left; their history stays for the firm's figures."""
    if reason not in set(LeaveReason):
        raise ValidationError(_("Choose a reason for leaving."), "leave_reason")
    person = require_person(session, scope=scope, person_id=person_id)
    person.status = PersonStatus.LEFT
    person.left_on = left_on
    person.leave_reason = reason
    session.add(person)
    session.flush()
    return person


def restore_person(session: Session, *, person_id: int, scope: Scope | None = None) -> Person:
    person = require_person(session, scope=scope, person_id=person_id)
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


def erase_person(session: Session, *, person_id: int, scope: Scope | None = None) -> Erasure:
    """Remove the person and everything recorded about them, for good.

    Every table with person data references ``person.id`` with ON DELETE
    CASCADE; SQLite runs with secure_delete, the write-ahead log is
    checkpointed and truncated so the old pages do not linger in it, and the
    person is erased from the before-update copies beside the file too.
    The deletion is committed here: the log can only be cleared after it.
    """
    from huoltamo_desktop.services.conversations.snapshots import forget_in_snapshots
    from huoltamo_desktop.services.seats_backup import record_erasure
    from huoltamo_desktop.storage.database import checkpoint_wal, sqlite_path
    from huoltamo_desktop.storage.migrate import scrub_before_update_backups

    require_owner(scope)
    # In the ledger too, so that a backup restored later gets this erasure again.
    record_erasure(session, person=_get(session, person_id))
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
    session: Session,
    *,
    include_left: bool = False,
    search: str = "",
    team_id: int | None = None,
    scope: Scope | None = None,
) -> list[Person]:
    """People by last name; a team lead's ``scope`` shows only the people of their teams."""
    query = select(Person)
    if not include_left:
        query = query.where(Person.status == PersonStatus.ACTIVE)
    if team_id is not None:
        query = query.where(Person.team_id == team_id)
    key = sorter()
    people = visible_people(
        sorted(session.exec(query), key=lambda p: (key(p.last_name), key(p.first_name))), scope
    )
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
    if len(clean) > 120:
        raise ValidationError(
            _("The team name is too long: at most {n} characters.").format(n=120), "name"
        )
    return clean


def create_team(session: Session, *, name: str, scope: Scope | None = None) -> Team:
    require_owner(scope)
    clean = _team_name(name)
    if session.exec(select(Team).where(Team.name_key == fold(clean))).first():
        raise ValidationError(_("A team called {name} already exists.").format(name=clean), "name")
    team = Team(name=clean)
    session.add(team)
    session.flush()
    return team


def get_or_create_team(session: Session, *, name: str) -> Team:
    clean = _team_name(name)
    found = session.exec(select(Team).where(Team.name_key == fold(clean))).first()
    return found or create_team(session, name=clean)


@dataclass(frozen=True)
class TeamInput:
    """What the team form edits: the name."""

    name: str


def rename_team(
    session: Session,
    *,
    team_id: int,
    name: str,
    scope: Scope | None = None,
    expected_version: int | None = None,
    base: TeamInput | None = None,
) -> Team:
    """Rename a team; a rename another made meanwhile raises ``ConflictError`` with both names."""
    require_owner(scope)
    team = session.get(Team, team_id)
    if team is None:
        raise ValidationError(_("That team no longer exists."))
    clean = merge_edit(
        current_version=team.row_version,
        expected_version=expected_version,
        base=base,
        yours=TeamInput(_team_name(name)),
        theirs=TeamInput(team.name),
    ).name
    clash = session.exec(
        select(Team).where(Team.name_key == fold(clean), Team.id != team_id)
    ).first()
    if clash:
        raise ValidationError(_("A team called {name} already exists.").format(name=clean), "name")
    team.name = clean
    session.add(team)
    session.flush()
    return team


def delete_team(session: Session, *, team_id: int, scope: Scope | None = None) -> int:
    """Delete a team; its members stay, without a team. Returns how many were in it."""
    require_owner(scope)
    members = session.exec(
        select(func.count()).select_from(Person).where(Person.team_id == team_id)
    ).one()
    session.execute(update(Person).where(col(Person.team_id) == team_id).values(team_id=None))
    session.execute(delete(Team).where(col(Team.id) == team_id))
    session.flush()
    return int(members)


def set_up_firm(
    session: Session,
    *,
    firm: FirmInput,
    manager_first_name: str,
    manager_last_name: str,
    manager_title: str = "",
) -> tuple[Organisation, Person]:
    """First-run set-up: the firm and the manager who uses the app."""
    org = save_organisation(session, data=firm)
    manager = create_person(
        session,
        data=PersonInput(
            first_name=manager_first_name,
            last_name=manager_last_name,
            job_title=manager_title,
            language=firm.default_language,
            is_manager=True,
        ),
    )
    return org, manager
