from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import Session

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import LeaveReason, Person, PersonStatus
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.firm import (
    FirmInput,
    get_organisation,
    get_setting,
    set_setting,
)
from huoltamo_desktop.services.people import PersonInput, set_up_firm


def _person(session: Session, first: str = "Aino", last: str = "Virtanen", **kw: object) -> Person:
    return svc.create_person(session, data=PersonInput(first_name=first, last_name=last, **kw))  # type: ignore[arg-type]


def test_first_run_creates_the_firm_and_its_manager(session: Session) -> None:
    _org, manager = set_up_firm(
        session,
        firm=FirmInput(
            name=" Koivulan Konepaja Oy ", business_id="1572860-0", default_language="sv"
        ),
        manager_first_name="Kaisa",
        manager_last_name="Koivula",
        manager_title="Toimitusjohtaja",
    )
    session.commit()
    assert get_organisation(session).name == "Koivulan Konepaja Oy"  # type: ignore[union-attr]
    assert manager.is_manager and manager.language == "sv"


def test_a_wrong_business_id_is_refused_with_the_field(session: Session) -> None:
    with pytest.raises(ValidationError) as err:
        set_up_firm(
            session,
            firm=FirmInput(name="Oy", business_id="1572860-1"),
            manager_first_name="A",
            manager_last_name="B",
        )
    assert err.value.field == "business_id"
    assert "1572860-1" in str(err.value)


def test_add_edit_and_search_people(session: Session) -> None:
    team = svc.create_team(session, name="Tuotanto")
    boss = _person(session, "Kaisa", "Koivula", is_manager=True)
    aino = _person(session, team_id=team.id or 0, supervisor_id=boss.id or 0, job_title="Hitsaaja")
    _person(session, "Björn", "Åkerlund", language="sv")
    session.commit()
    svc.update_person(
        session,
        person_id=aino.id or 0,
        data=PersonInput(
            first_name="Aino", last_name="Laine", job_title="Työnjohtaja", team_id=team.id or 0
        ),
    )
    session.commit()
    assert [p.full_name for p in svc.list_people(session, search="laine")] == ["Aino Laine"]
    assert [p.full_name for p in svc.list_people(session, search="åker")] == ["Björn Åkerlund"]
    assert [p.full_name for p in svc.list_people(session, search="työnjoh")] == ["Aino Laine"]
    assert [p.full_name for p in svc.list_people(session, team_id=team.id or 0)] == ["Aino Laine"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_name": " "}, "first_name"),
        ({"last_name": ""}, "last_name"),
        ({"email": "not an email"}, "email"),
        ({"birth_year": 2024}, "birth_year"),
        ({"career_stage": "retired"}, "career_stage"),
    ],
)
def test_invalid_person_is_refused(
    session: Session, changes: dict[str, object], field: str
) -> None:
    data = {"first_name": "Aino", "last_name": "Virtanen"} | changes
    with pytest.raises(ValidationError) as err:
        svc.create_person(session, data=PersonInput(**data))  # type: ignore[arg-type]
    assert err.value.field == field


def test_a_person_cannot_supervise_themselves(session: Session) -> None:
    p = _person(session)
    with pytest.raises(ValidationError):
        svc.update_person(
            session,
            person_id=p.id or 0,
            data=PersonInput(first_name="Aino", last_name="Virtanen", supervisor_id=p.id or 0),
        )


def test_archive_keeps_the_person_for_the_figures_and_restore_brings_them_back(
    session: Session,
) -> None:
    p = _person(session)
    session.commit()
    svc.archive_person(
        session, person_id=p.id or 0, left_on=date(2026, 5, 31), reason=LeaveReason.RETIRED
    )
    session.commit()
    assert svc.list_people(session) == []
    gone = svc.list_people(session, include_left=True)
    assert [(x.status, x.left_on, x.leave_reason) for x in gone] == [
        (PersonStatus.LEFT, date(2026, 5, 31), "retired")
    ]
    svc.restore_person(session, person_id=p.id or 0)
    session.commit()
    assert [x.full_name for x in svc.list_people(session)] == ["Aino Virtanen"]


def test_erase_removes_the_person_and_unlinks_their_reports(session: Session) -> None:
    boss = _person(session, "Kaisa", "Koivula")
    worker = _person(session, supervisor_id=boss.id or 0)
    session.commit()
    svc.erase_person(session, person_id=boss.id or 0)
    session.commit()
    assert session.get(Person, boss.id) is None
    session.refresh(worker)
    assert worker.supervisor_id is None
    rows = session.execute(
        text("SELECT count(*) FROM person WHERE last_name = 'Koivula'")
    ).scalar_one()
    assert rows == 0


def test_erased_name_is_not_left_in_the_sqlite_file(sqlite_engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Session(sqlite_engine) as s:
        p = _person(s, "Zygmunt", "Erasablename")
        s.commit()
        svc.erase_person(s, person_id=p.id or 0)
        s.commit()
    sqlite_engine.dispose()
    data = b"".join(f.read_bytes() for f in tmp_path.glob("huoltamo.sqlite3*"))
    assert b"Erasablename" not in data


def test_teams_create_rename_delete(session: Session) -> None:
    a = svc.create_team(session, name="Asennus")
    with pytest.raises(ValidationError):
        svc.create_team(session, name="asennus")
    p = _person(session, team_id=a.id or 0)
    session.commit()
    svc.rename_team(session, team_id=a.id or 0, name="Asennus ja huolto")
    assert [t.name for t in svc.list_teams(session)] == ["Asennus ja huolto"]
    assert svc.delete_team(session, team_id=a.id or 0) == 1
    session.commit()
    session.refresh(p)
    assert p.team_id is None and svc.list_teams(session) == []


def test_firm_settings_round_trip(session: Session) -> None:
    assert get_setting(session, key="rhythm", default="12") == "12"
    set_setting(session, key="rhythm", value="6")
    session.commit()
    assert get_setting(session, key="rhythm") == "6"


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_saved(sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from huoltamo_desktop.storage.database import StorageError, session_scope

    with session_scope(sqlite_engine) as s:
        _person(s, "Aino", "Virtanen")
    with sqlite_engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()

    @event.listens_for(sqlite_engine, "connect")
    def _tiny(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    sqlite_engine.dispose()
    with pytest.raises(StorageError) as err, session_scope(sqlite_engine) as s:
        for i in range(400):
            _person(s, "Matti", f"Meikäläinen{i}", job_title="x" * 120, email=f"m{i}@" + "e" * 150)
    assert "disk is full" in str(err.value)
    with session_scope(sqlite_engine) as s:
        assert [p.full_name for p in svc.list_people(s)] == ["Aino Virtanen"]


def test_team_names_with_nordic_letters_are_one_name_whatever_the_case(session: Session) -> None:
    ostra = svc.create_team(session, name="Östra")
    for same in ("östra", "ÖSTRA", " Östra "):
        with pytest.raises(ValidationError):
            svc.create_team(session, name=same)
    assert svc.get_or_create_team(session, name="ÖSTRA").id == ostra.id
    aland = svc.create_team(session, name="Åland")
    with pytest.raises(ValidationError):
        svc.rename_team(session, team_id=aland.id or 0, name="östra")
    svc.create_team(session, name="Ärlig")
    svc.create_team(session, name="Berg")
    session.commit()
    setup_i18n("fi")
    assert [t.name for t in svc.list_teams(session)] == ["Berg", "Åland", "Ärlig", "Östra"]
    setup_i18n("sv")
    assert [t.name for t in svc.list_teams(session)] == ["Berg", "Åland", "Ärlig", "Östra"]
    setup_i18n("en")
    assert [t.name for t in svc.list_teams(session)] == ["Åland", "Ärlig", "Berg", "Östra"]


def test_people_are_found_and_sorted_with_nordic_letters(session: Session) -> None:
    for first, last in (
        ("Åsa", "Öberg"),
        ("Olli", "Oja"),
        ("Ärje", "Äijälä"),
        ("Ville", "Zitting"),
    ):
        svc.create_person(session, data=PersonInput(first_name=first, last_name=last))
    session.commit()
    assert [p.last_name for p in svc.list_people(session, search="öberg")] == ["Öberg"]
    assert [p.last_name for p in svc.list_people(session, search="ÅSA ÖB")] == ["Öberg"]
    setup_i18n("fi")
    assert [p.last_name for p in svc.list_people(session)] == ["Oja", "Zitting", "Äijälä", "Öberg"]
