"""Seats: the owner sees the whole firm, a team lead only their teams, checked in the services."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.seats import OWNER, Scope
from huoltamo_desktop.services import conversations as conv
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services import seats
from huoltamo_desktop.services import seats_rights as rights
from huoltamo_desktop.services.people import PersonInput

PASS = "hitsaamo ja kahvi"


def _firm(session: Session) -> dict[str, int]:
    prod = svc.create_team(session, name="Tuotanto")
    office = svc.create_team(session, name="Toimisto")
    ids = {"prod": int(prod.id or 0), "office": int(office.id or 0)}
    for key, first, team in (
        ("lead", "Liisa", prod),
        ("welder", "Väinö", prod),
        ("clerk", "Åsa", office),
    ):
        person = svc.create_person(
            session, data=PersonInput(first_name=first, last_name="Koivula", team_id=team.id)
        )
        ids[key] = int(person.id or 0)
    session.flush()
    return ids


def _lead_scope(session: Session, ids: dict[str, int]) -> Scope:
    seat = seats.add_team_lead(
        session, scope=OWNER, person_id=ids["lead"], team_ids=[ids["prod"]], passphrase=PASS
    )
    result, scope = seats.sign_in_seat(session, seat_id=int(seat.id or 0), passphrase=PASS)
    assert result.ok and scope is not None
    return scope


def test_a_team_lead_sees_and_edits_only_their_teams(session: Session) -> None:
    ids = _firm(session)
    lead = _lead_scope(session, ids)
    assert {p.first_name for p in svc.list_people(session, scope=lead)} == {"Liisa", "Väinö"}
    assert len(svc.list_people(session, scope=OWNER)) == 3
    svc.update_person(
        session,
        person_id=ids["welder"],
        data=PersonInput(
            first_name="Väinö", last_name="Koivula", team_id=ids["prod"], job_title="Hitsaaja"
        ),
        scope=lead,
    )
    with pytest.raises(seats.NotYoursError):
        svc.update_person(
            session,
            person_id=ids["clerk"],
            data=PersonInput(first_name="Åsa", last_name="Koivula", team_id=ids["office"]),
            scope=lead,
        )
    with pytest.raises(seats.NotYoursError):  # moving someone out of one's teams
        svc.update_person(
            session,
            person_id=ids["welder"],
            data=PersonInput(first_name="Väinö", last_name="Koivula", team_id=ids["office"]),
            scope=lead,
        )
    with pytest.raises(seats.NotYoursError):
        svc.create_person(
            session,
            data=PersonInput(first_name="Uusi", last_name="X", team_id=ids["office"]),
            scope=lead,
        )
    with pytest.raises(seats.NotYoursError):
        svc.archive_person(session, person_id=ids["clerk"], left_on=date(2026, 1, 1), scope=lead)
    assert session.get(Person, ids["clerk"]).job_title == ""  # type: ignore[union-attr]


def test_what_stays_with_the_owner(session: Session) -> None:
    ids = _firm(session)
    lead = _lead_scope(session, ids)
    for action in (
        lambda: svc.erase_person(session, person_id=ids["welder"], scope=lead),
        lambda: svc.create_team(session, name="Varasto", scope=lead),
        lambda: rights.person_export(session, person_id=ids["welder"], scope=lead),
        lambda: rights.audit_log(session, scope=lead),
        lambda: rights.set_retention_years(session, years=2, scope=lead),
        lambda: seats.add_team_lead(
            session, scope=lead, person_id=ids["clerk"], team_ids=[ids["office"]], passphrase=PASS
        ),
    ):
        with pytest.raises(seats.NotYoursError) as caught:
            action()
        assert str(caught.value)
    assert session.get(Person, ids["welder"]) is not None


def test_conversations_follow_the_seat(session: Session) -> None:
    ids = _firm(session)
    lead = _lead_scope(session, ids)
    for person in ("welder", "clerk"):
        conv.create_conversation(
            session, kind="career", held_on=date(2026, 11, 1), person_id=ids[person]
        )
    conv.create_conversation(
        session, kind="group", held_on=date(2026, 11, 2), team_id=ids["office"]
    )
    assert len(conv.list_conversations(session, scope=OWNER)) == 3
    rows = conv.list_conversations(session, scope=lead)
    assert [r.person_id for r in rows] == [ids["welder"]]


def test_a_wrong_passphrase_waits_then_locks(session: Session) -> None:
    ids = _firm(session)
    seat = seats.add_team_lead(
        session, scope=OWNER, person_id=ids["lead"], team_ids=[ids["prod"]], passphrase=PASS
    )
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    for _ in range(2):
        result, scope = seats.sign_in_seat(
            session, seat_id=int(seat.id or 0), passphrase="wrong one entirely", now=now
        )
        assert not result.ok and scope is None
    result, _scope = seats.sign_in_seat(
        session, seat_id=int(seat.id or 0), passphrase="wrong one entirely", now=now
    )
    assert result.wait_until is not None, "the third wrong try makes one wait"
    result, _scope = seats.sign_in_seat(
        session, seat_id=int(seat.id or 0), passphrase=PASS, now=now
    )
    assert not result.ok and not result.checked, "not even checked while waiting"


def test_a_seat_needs_a_real_passphrase_and_a_team(session: Session) -> None:
    ids = _firm(session)
    with pytest.raises(ValidationError):
        seats.add_team_lead(
            session, scope=OWNER, person_id=ids["lead"], team_ids=[ids["prod"]], passphrase="short"
        )
    with pytest.raises(ValidationError):
        seats.add_team_lead(
            session, scope=OWNER, person_id=ids["lead"], team_ids=[], passphrase=PASS
        )
    seats.add_team_lead(
        session, scope=OWNER, person_id=ids["lead"], team_ids=[ids["prod"]], passphrase=PASS
    )
    [view] = seats.list_seats(session)
    assert (view.name, view.team_names) == ("Liisa Koivula", ("Tuotanto",))


def test_the_employee_mode_overview_follows_the_seat(session: Session) -> None:
    from huoltamo_desktop.services.employee import manager_overview

    ids = _firm(session)
    lead = _lead_scope(session, ids)
    assert {r.person_id for r in manager_overview(session, scope=lead)} == {
        ids["lead"],
        ids["welder"],
    }
    assert len(manager_overview(session, scope=OWNER)) == 3


def test_the_skills_matrix_follows_the_seat(session: Session) -> None:
    from huoltamo_desktop.services.skills import load_matrix

    ids = _firm(session)
    lead = _lead_scope(session, ids)
    assert {p.id for p in load_matrix(session, scope=lead).people} == {ids["lead"], ids["welder"]}
    assert len(load_matrix(session, scope=OWNER).people) == 3
