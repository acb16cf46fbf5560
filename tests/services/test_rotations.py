"""Rotation use cases against a real database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.rotations import IssueCode, Rotation, RotationKind, RotationStatus
from huoltamo_desktop.domain.skills import RatingKind
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.services import rotations as svc
from huoltamo_desktop.services import skills as skills_svc
from huoltamo_desktop.services.people import PersonInput, create_person

MONDAY = date(2027, 3, 1)


@pytest.fixture
def firm(session: Session) -> dict[str, int]:
    def person(first: str, title: str) -> int:
        return create_person(session, data=PersonInput(first, "Testinen", job_title=title)).id or 0

    ids = {
        "aino": person("Aino", "Koneistaja"),
        "bertta": person("Bertta", "Koneistaja"),
        "cecilia": person("Cecilia", "Hitsaaja"),
        "daniel": person("Daniel", "Hitsaaja"),
    }
    cnc = skills_svc.add_skill(session, name="CNC-ohjelmointi").id or 0
    weld = skills_svc.add_skill(session, name="Hitsaus").id or 0
    skills_svc.save_profile(session, title="Koneistaja", lines={cnc: 3})
    skills_svc.save_profile(session, title="Hitsaaja", lines={weld: 3})
    for who, skill, level in (
        ("aino", cnc, 4),
        ("bertta", cnc, 2),
        ("cecilia", weld, 3),
        ("daniel", weld, 3),
    ):
        skills_svc.record_rating(
            session,
            person_id=ids[who],
            skill_id=skill,
            kind="agreed",
            level=level,
            on=date(2026, 5, 1),
        )
    ids.update(cnc=cnc, weld=weld)
    return ids


def _swap(firm: dict[str, int], **kw: object) -> svc.RotationInput:
    values: dict[str, object] = dict(
        kind=RotationKind.SWAP,
        person_id=firm["cecilia"],
        partner_id=firm["bertta"],
        starts_on=MONDAY,
        ends_on=date(2027, 3, 26),
        host_id=firm["aino"],
        cover_id=firm["daniel"],
        goals=((firm["cnc"], 3),),
    )
    values.update(kw)
    return svc.RotationInput(**values)  # type: ignore[arg-type]


def test_plan_data_reads_needs_and_holders(session: Session, firm: dict[str, int]) -> None:
    plan = svc.plan_data(session, today=date(2027, 2, 1))
    assert plan.needed == {firm["cnc"]: 3, firm["weld"]: 3}
    assert plan.profile_need == {firm["cnc"]: 1, firm["weld"]: 1}
    assert plan.minimum == 1


def test_a_clean_swap_saves_and_lists(session: Session, firm: dict[str, int]) -> None:
    rotation = svc.save_rotation(session, data=_swap(firm))
    [view] = svc.list_rotations(session)
    assert view.id == rotation.id
    assert (view.person_name, view.partner_name, view.host_name) == (
        "Cecilia Testinen",
        "Bertta Testinen",
        "Aino Testinen",
    )
    assert view.goals[0].skill_name == "CNC-ohjelmointi" and view.goals[0].target_level == 3
    assert view.warnings_accepted == ""
    assert svc.list_rotations(session, person_id=firm["bertta"]) == [view]


def test_warnings_stop_the_save_until_accepted_and_are_recorded(
    session: Session, firm: dict[str, int]
) -> None:
    # Aino is the only CNC holder: sending her away leaves CNC uncovered.
    away = svc.RotationInput(
        kind=RotationKind.ROTATION,
        person_id=firm["aino"],
        starts_on=MONDAY,
        ends_on=date(2027, 3, 12),
    )
    with pytest.raises(svc.RotationWarnings) as caught:
        svc.save_rotation(session, data=away)
    [issue] = caught.value.issues
    assert issue.code == IssueCode.COVERAGE and issue.week == MONDAY
    assert "CNC-ohjelmointi" in issue.text
    assert session.exec(select(Rotation)).first() is None
    svc.save_rotation(session, data=away, accept_warnings=True, today=date(2027, 2, 1))
    saved = session.exec(select(Rotation)).one()
    assert saved.warnings_accepted.startswith("Saved despite these warnings on")
    assert "CNC-ohjelmointi" in saved.warnings_accepted


def test_moving_into_a_double_booking_warns_and_moving_back_does_not(
    session: Session, firm: dict[str, int]
) -> None:
    first = svc.save_rotation(session, data=_swap(firm))
    project = svc.save_rotation(
        session,
        data=svc.RotationInput(
            kind=RotationKind.PROJECT,
            person_id=firm["cecilia"],
            starts_on=date(2027, 4, 5),
            ends_on=date(2027, 4, 30),
            share_percent=40,
        ),
    )
    with pytest.raises(svc.RotationWarnings) as caught:
        svc.move_rotation(
            session,
            rotation_id=first.id or 0,
            starts_on=date(2027, 3, 29),
            ends_on=date(2027, 4, 9),
        )
    assert [i.code for i in caught.value.issues] == [IssueCode.DOUBLE_BOOKED]
    assert project.id
    svc.move_rotation(
        session, rotation_id=first.id or 0, starts_on=date(2027, 3, 8), ends_on=date(2027, 4, 2)
    )
    assert svc.get_rotation(session, rotation_id=first.id or 0).starts_on == date(2027, 3, 8)


def test_a_drag_keeps_another_seats_change_and_never_moves_over_their_new_dates(
    session: Session, firm: dict[str, int]
) -> None:
    rotation = svc.save_rotation(session, data=_swap(firm))
    rid = rotation.id or 0
    read = svc.get_rotation(session, rotation_id=rid)
    version, shown = rotation.row_version, (read.starts_on, read.ends_on)
    # Another seat writes a destination: the drag saves its dates and keeps theirs.
    theirs = svc.input_of(session, rotation_id=rid)
    svc.save_rotation(
        session,
        data=svc.RotationInput(**{**theirs.__dict__, "destination": "Koneistamo"}),
        rotation_id=rid,
    )
    svc.move_rotation(
        session,
        rotation_id=rid,
        starts_on=date(2027, 3, 8),
        ends_on=date(2027, 4, 2),
        expected_version=version,
        shown=shown,
    )
    moved = svc.get_rotation(session, rotation_id=rid)
    assert (moved.starts_on, moved.destination) == (date(2027, 3, 8), "Koneistamo")
    # Now the other seat moves it too; a drop made on the old picture is refused.
    row = session.get(Rotation, rid)
    assert row is not None
    version, shown = row.row_version, (moved.starts_on, moved.ends_on)
    svc.move_rotation(
        session, rotation_id=rid, starts_on=date(2027, 5, 3), ends_on=date(2027, 5, 28)
    )
    with pytest.raises(ConflictError) as clash:
        svc.move_rotation(
            session,
            rotation_id=rid,
            starts_on=date(2027, 3, 15),
            ends_on=date(2027, 4, 9),
            expected_version=version,
            shown=shown,
        )
    assert {c.field for c in clash.value.conflicts} == {"starts_on", "ends_on"}
    assert svc.get_rotation(session, rotation_id=rid).starts_on == date(2027, 5, 3)


def test_bad_input_is_refused_in_plain_words(session: Session, firm: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="before the start"):
        svc.save_rotation(session, data=_swap(firm, ends_on=date(2027, 2, 1)))
    with pytest.raises(ValidationError, match="swap needs"):
        svc.save_rotation(session, data=_swap(firm, partner_id=None))
    with pytest.raises(ValidationError, match="own work"):
        svc.save_rotation(session, data=_swap(firm, cover_id=firm["bertta"]))
    with pytest.raises(ValidationError, match="between 5 and 100"):
        svc.save_rotation(session, data=_swap(firm, share_percent=0))


def test_outcome_becomes_agreed_ratings_with_the_rotation_as_source(
    session: Session, firm: dict[str, int]
) -> None:
    rotation = svc.save_rotation(session, data=_swap(firm))
    rid = rotation.id or 0
    with pytest.raises(UserError, match="Record what was learned"):
        svc.confirm_outcome(session, rotation_id=rid)
    svc.record_outcome(
        session,
        rotation_id=rid,
        person_text="Ohjelmoin itse kolme uutta kappaletta.",
        host_text="Osaa jo vaativat asetukset.",
        proposed={firm["cnc"]: 3},
    )
    assert svc.confirm_outcome(session, rotation_id=rid, on=date(2027, 3, 26)) == 1
    levels = skills_svc.current_levels(session, person_ids=[firm["cecilia"]])
    assert levels[(firm["cecilia"], firm["cnc"])] == 3
    [event] = skills_svc.rating_history(session, person_id=firm["cecilia"], skill_id=firm["cnc"])
    assert (event.kind, event.rated_on) == (RatingKind.AGREED, date(2027, 3, 26))
    sources = svc.rating_sources(session, person_id=firm["cecilia"])
    assert sources[event.id].id == rid
    view = svc.get_rotation(session, rotation_id=rid)
    assert view.status == RotationStatus.DONE and view.goals[0].rated
    # A swap is an internal move for both people.
    moves = svc.internal_moves(session, start=date(2027, 1, 1), end=date(2027, 12, 31))
    assert sorted(m.person_id for m in moves) == sorted([firm["cecilia"], firm["bertta"]])
    with pytest.raises(UserError, match="cancel it instead"):
        svc.delete_rotation(session, rotation_id=rid)


def test_after_the_plan_the_learner_is_a_second_holder(
    session: Session, firm: dict[str, int]
) -> None:
    before = svc.key_people_view(session)
    svc.save_rotation(session, data=_swap(firm))
    after = svc.key_people_view(session)
    cnc = next(e for e in after.effects if e.skill_id == firm["cnc"])
    assert (cnc.now, cnc.after, cnc.new_holders) == (1, 2, "Cecilia Testinen")
    assert before.bus_before == after.bus_before
    assert after.bus_after >= after.bus_before


def test_absences_and_expiring_cards_show_in_coverage(
    session: Session, firm: dict[str, int]
) -> None:
    card = skills_svc.add_card_type(session, name="Tulityökortti", validity_years=5)
    svc.set_skill_card(session, skill_id=firm["weld"], card_type_id=card.id)
    skills_svc.add_person_card(
        session, person_id=firm["cecilia"], card_type_id=card.id or 0, obtained_on=date(2022, 3, 17)
    )
    skills_svc.add_person_card(
        session, person_id=firm["daniel"], card_type_id=card.id or 0, obtained_on=date(2025, 1, 1)
    )
    svc.add_absence(
        session, person_id=firm["daniel"], starts_on=date(2027, 3, 29), ends_on=date(2027, 4, 2)
    )
    view = svc.coverage_view(session, start=MONDAY, weeks=6)
    row = view.coverage.row(firm["weld"])
    # Cecilia's card runs out on 17.3.2027 (week 3 onwards); Daniel is away in week 5.
    assert view.coverage.counts[row] == (2, 2, 1, 1, 0, 1)
    assert view.short_count == 1
    candidates = svc.candidates_view(session, skill_id=firm["weld"], week_start=date(2027, 3, 29))
    assert candidates[0].name == "Cecilia Testinen"
    assert "card" in candidates[0].why


def test_suggestions_offer_a_second_cnc_holder_with_why(
    session: Session, firm: dict[str, int]
) -> None:
    skills_svc.set_target(
        session,
        person_id=firm["bertta"],
        skill_id=firm["cnc"],
        level=3,
        target_date=date(2027, 12, 1),
    )
    [first, *_rest] = svc.suggestions_view(session, start=MONDAY, weeks=13)
    assert (first.learner_name, first.host_name, first.skill_name) == (
        "Bertta Testinen",
        "Aino Testinen",
        "CNC-ohjelmointi",
    )
    assert "second holder" in first.why and "target level" in first.why
    assert first.starts_on == MONDAY and first.breaks == ""


def test_minimum_setting(session: Session) -> None:
    assert svc.get_minimum(session) == 1
    svc.set_minimum(session, value=2)
    assert svc.get_minimum(session) == 2
    with pytest.raises(ValidationError):
        svc.set_minimum(session, value=0)


def test_home_page_items_and_internal_moves(session: Session, firm: dict[str, int]) -> None:
    from huoltamo_desktop.services import rotations_due
    from huoltamo_desktop.services.home_providers import home_providers

    today = date(2027, 2, 22)
    svc.save_rotation(session, data=_swap(firm))  # planned, starts 1.3.2027
    svc.save_rotation(
        session,
        data=svc.RotationInput(
            kind=RotationKind.PROJECT,
            person_id=firm["daniel"],
            starts_on=date(2027, 1, 4),
            ends_on=date(2027, 2, 26),
            share_percent=30,
            status=RotationStatus.RUNNING,
        ),
    )
    items = list(rotations_due.due_items(session, today=today, until=date(2027, 3, 7)))
    assert [(i.title, i.due_on) for i in items] == [
        ("What did the rotation teach? Daniel Testinen", date(2027, 2, 26)),
        ("Swap starts: Cecilia Testinen ⇄ Bertta Testinen", date(2027, 3, 1)),
    ]
    assert {i.target.page for i in items} == {"rotations"}
    # Only the running project has started: it is the one internal move so far.
    assert list(rotations_due.moves(session)) == [(firm["daniel"], date(2027, 1, 4))]
    assert any(p.key == "rotations" for p in home_providers())
