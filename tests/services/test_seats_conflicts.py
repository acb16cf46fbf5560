"""Two seats editing the same person: merged where they touched different fields, asked where not."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.versioning import ConflictError, merge_fields
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope


def _form(engine: Engine, person_id: int) -> tuple[PersonInput, int]:
    """What an edit form reads: the values and the version."""
    with session_scope(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        values = svc.person_values(person)
        return PersonInput(**values), person.row_version  # type: ignore[arg-type]


@pytest.fixture
def aino(engine: Engine) -> int:
    with session_scope(engine) as session:
        person = svc.create_person(
            session, data=PersonInput(first_name="Aino", last_name="Virtanen", job_title="Hitsaaja")
        )
        assert person.id is not None
        return person.id


def test_changes_to_different_fields_are_merged(engine: Engine, aino: int) -> None:
    base_a, version_a = _form(engine, aino)
    base_b, version_b = _form(engine, aino)
    with session_scope(engine) as session:
        svc.update_person(
            session,
            person_id=aino,
            data=dataclasses.replace(base_a, job_title="Työnjohtaja"),
            expected_version=version_a,
            base=base_a,
        )
    with session_scope(engine) as session:
        svc.update_person(
            session,
            person_id=aino,
            data=dataclasses.replace(base_b, email="aino@konepaja.fi"),
            expected_version=version_b,
            base=base_b,
        )
    with session_scope(engine) as session:
        person = session.get(Person, aino)
        assert person is not None
        assert (person.job_title, person.email) == ("Työnjohtaja", "aino@konepaja.fi")
        assert person.row_version == version_a + 2


def test_the_same_field_changed_twice_is_a_question_not_an_overwrite(
    engine: Engine, aino: int
) -> None:
    base_a, version_a = _form(engine, aino)
    base_b, version_b = _form(engine, aino)
    with session_scope(engine) as session:
        svc.update_person(
            session,
            person_id=aino,
            data=dataclasses.replace(base_a, job_title="Työnjohtaja"),
            expected_version=version_a,
            base=base_a,
        )
    with pytest.raises(ConflictError) as caught, session_scope(engine) as session:
        svc.update_person(
            session,
            person_id=aino,
            data=dataclasses.replace(base_b, job_title="Laatuvastaava", email="aino@konepaja.fi"),
            expected_version=version_b,
            base=base_b,
        )
    conflict = caught.value
    assert [(c.field, c.yours, c.theirs) for c in conflict.conflicts] == [
        ("job_title", "Laatuvastaava", "Työnjohtaja")
    ]
    assert conflict.merged["email"] == "aino@konepaja.fi", "the untouched clash merges"
    with session_scope(engine) as session:
        person = session.get(Person, aino)
        assert person is not None
        assert person.job_title == "Työnjohtaja", "nothing was saved over the other's change"
    # The user keeps their own title: saved against the version they were shown.
    choice = dict(conflict.merged, job_title="Laatuvastaava")
    with session_scope(engine) as session:
        svc.update_person(
            session,
            person_id=aino,
            data=PersonInput(**choice),  # type: ignore[arg-type]
            expected_version=conflict.current_version,
        )
    with session_scope(engine) as session:
        person = session.get(Person, aino)
        assert person is not None
        assert (person.job_title, person.email) == ("Laatuvastaava", "aino@konepaja.fi")


def test_two_saves_meeting_at_the_database_never_both_win(engine: Engine, aino: int) -> None:
    """Both read version 1; the second UPDATE finds no row with that version."""
    from sqlmodel import Session

    with Session(engine) as one, Session(engine) as two:
        first = one.get(Person, aino)
        second = two.get(Person, aino)
        assert first is not None and second is not None
        first.job_title = "Työnjohtaja"
        one.commit()
        second.job_title = "Laatuvastaava"
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            two.commit()
    with pytest.raises(ConflictError), session_scope(engine) as session:
        stale = session.get(Person, aino)
        assert stale is not None
        session.expunge(stale)
        stale.row_version = 1  # what the slower seat had read
        stale.job_title = "Laatuvastaava"
        session.merge(stale)


def test_merge_fields_takes_each_sides_own_changes() -> None:
    merged, conflicts = merge_fields(
        base={"a": 1, "b": 1, "c": 1},
        yours={"a": 2, "b": 1, "c": 3},
        theirs={"a": 1, "b": 5, "c": 4},
    )
    assert merged == {"a": 2, "b": 5, "c": 4}
    assert [(c.field, c.yours, c.theirs) for c in conflicts] == [("c", 3, 4)]
