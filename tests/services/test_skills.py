"""Skill services on SQLite and PostgreSQL: catalogue, ratings, targets, profiles, needs, cards, matrix."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.skills import (
    FutureNeed,
    RatingKind,
    RoleProfileSkill,
    SkillRating,
    SkillTarget,
)
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import (
    PersonInput,
    archive_person,
    create_person,
    create_team,
    erase_person,
)

TODAY = date(2026, 11, 27)


def _person(
    session: Session, first: str, title: str = "Hitsaaja", team_id: int | None = None
) -> int:
    return (
        create_person(
            session, data=PersonInput(first, "Testinen", job_title=title, team_id=team_id)
        ).id
        or 0
    )


def test_own_skill_added_renamed_and_retired(session: Session) -> None:
    cat = svc.get_or_create_category(session, name="Hitsaus")
    skill = svc.add_skill(
        session, name="  TIG-hitsaus ", category_id=cat.id or 0, description="Ruostumaton"
    )
    assert svc.skill_name(skill) == "TIG-hitsaus"
    with pytest.raises(ValidationError):
        svc.add_skill(session, name="tig-HITSAUS")
    with pytest.raises(ValidationError):
        svc.add_skill(session, name="   ")
    svc.rename_skill(session, skill_id=skill.id or 0, name="TIG-hitsaus (ruostumaton)")
    assert [svc.skill_name(s) for s in svc.list_skills(session)] == ["TIG-hitsaus (ruostumaton)"]
    svc.retire_skill(session, skill_id=skill.id or 0)
    assert svc.list_skills(session) == []
    assert len(svc.list_skills(session, include_retired=True)) == 1


def test_starter_skill_keeps_every_language(session: Session) -> None:
    key = "production.welding_tig"
    (skill,) = svc.pick_starter_skills(session, keys=[key])
    starter = skills_content.starter_skills_by_key()[key]
    assert len(set(starter.name.values())) == 3, "a name that differs in every language"
    assert svc.skill_name(skill, "fi") == starter.name["fi"]
    assert svc.skill_name(skill, "sv") == starter.name["sv"]
    setup_i18n("sv")
    assert svc.list_skills(session)[0] is skill and svc.skill_name(skill) == starter.name["sv"]
    setup_i18n("en")
    # Picking again does not duplicate.
    assert svc.pick_starter_skills(session, keys=[key]) == [skill]


def test_ratings_keep_history_and_the_agreed_level_counts(session: Session) -> None:
    pid = _person(session, "Aino")
    sid = svc.add_skill(session, name="MIG-hitsaus").id or 0
    svc.record_self_rating(session, person_id=pid, skill_id=sid, level=3, on=date(2025, 1, 10))
    svc.record_rating(
        session, person_id=pid, skill_id=sid, kind=RatingKind.MANAGER, level=2, on=date(2025, 1, 12)
    )
    assert svc.current_levels(session)[(pid, sid)] == 2
    svc.record_rating(
        session, person_id=pid, skill_id=sid, kind=RatingKind.AGREED, level=2, on=date(2025, 2, 1)
    )
    svc.record_rating(
        session, person_id=pid, skill_id=sid, kind=RatingKind.AGREED, level=3, on=date(2026, 2, 1)
    )
    svc.record_self_rating(session, person_id=pid, skill_id=sid, level=4, on=date(2026, 5, 1))
    assert svc.current_levels(session)[(pid, sid)] == 3
    history = svc.rating_history(session, person_id=pid, skill_id=sid)
    assert [(e.kind, e.level) for e in history] == [
        ("self", 4),
        ("agreed", 3),
        ("agreed", 2),
        ("manager", 2),
        ("self", 3),
    ]
    with pytest.raises(ValidationError):
        svc.record_self_rating(session, person_id=pid, skill_id=sid, level=5)
    with pytest.raises(ValidationError):
        svc.record_rating(session, person_id=pid, skill_id=sid, kind="boss", level=2)


def test_targets_and_wishes(session: Session) -> None:
    pid = _person(session, "Bertil")
    sid = svc.add_skill(session, name="Robottihitsaus").id or 0
    svc.set_wish(session, person_id=pid, skill_id=sid, wish=True)
    svc.set_target(session, person_id=pid, skill_id=sid, level=2, target_date=date(2027, 6, 1))
    row = svc.targets_for(session)[(pid, sid)]
    assert (row.level, row.target_date, row.wish) == (2, date(2027, 6, 1), True)
    svc.set_target(session, person_id=pid, skill_id=sid, level=None, wish=False)
    assert svc.targets_for(session) == {}


def test_a_target_saves_against_what_was_read(session: Session) -> None:
    pid = _person(session, "Bertil")
    sid = svc.add_skill(session, name="Robottihitsaus").id or 0
    shown, version = svc.target_of(session, person_id=pid, skill_id=sid)
    assert (shown, version) == (svc.TargetInput(), 0)
    # Another seat marks a wish first: my level is saved and their wish kept.
    svc.set_wish(session, person_id=pid, skill_id=sid, wish=True)
    svc.set_target(
        session,
        person_id=pid,
        skill_id=sid,
        level=3,
        wish=False,
        expected_version=version,
        base=shown,
    )
    assert svc.target_of(session, person_id=pid, skill_id=sid)[0] == svc.TargetInput(3, None, True)
    # Both set a level: a question with both values, and nothing overwritten.
    shown, version = svc.target_of(session, person_id=pid, skill_id=sid)
    svc.set_target(session, person_id=pid, skill_id=sid, level=2)
    with pytest.raises(ConflictError) as clash:
        svc.set_target(
            session,
            person_id=pid,
            skill_id=sid,
            level=4,
            wish=True,
            expected_version=version,
            base=shown,
        )
    [conflict] = clash.value.conflicts
    assert (conflict.field, conflict.yours, conflict.theirs) == ("level", 4, 2)
    assert svc.target_of(session, person_id=pid, skill_id=sid)[0].level == 2


def test_merge_moves_everything_and_keeps_the_higher(session: Session) -> None:
    a = _person(session, "Aino")
    b = _person(session, "Bertil")
    keep = svc.add_skill(session, name="Hitsaus").id or 0
    dup = svc.add_skill(session, name="Hitsaaminen").id or 0
    day = date(2026, 3, 1)
    svc.record_rating(session, person_id=a, skill_id=keep, kind="agreed", level=2, on=day)
    svc.record_rating(session, person_id=a, skill_id=dup, kind="agreed", level=3, on=day)
    svc.record_rating(session, person_id=b, skill_id=dup, kind="manager", level=1, on=day)
    svc.set_target(session, person_id=a, skill_id=keep, level=3, target_date=date(2027, 1, 1))
    svc.set_target(session, person_id=a, skill_id=dup, level=4, target_date=date(2028, 1, 1))
    profile = svc.save_profile(session, title="Hitsaaja", lines={keep: 2, dup: 3})
    svc.save_need(
        session, skill_id=dup, level=3, people_needed=2, by_date=date(2028, 1, 1), reason="Kasvu"
    )
    svc.merge_skills(session, source_id=dup, target_id=keep)
    assert [s.id for s in svc.list_skills(session, include_retired=True)] == [keep]
    levels = svc.current_levels(session)
    assert levels[(a, keep)] == 3 and levels[(b, keep)] == 1
    assert len(session.exec(select(SkillRating)).all()) == 2
    target = session.exec(select(SkillTarget)).one()
    assert (target.level, target.target_date) == (4, date(2027, 1, 1))
    line = session.exec(
        select(RoleProfileSkill).where(RoleProfileSkill.profile_id == profile.id)
    ).one()
    assert (line.skill_id, line.level) == (keep, 3)
    assert session.exec(select(FutureNeed)).one().skill_id == keep
    with pytest.raises(ValidationError):
        svc.merge_skills(session, source_id=keep, target_id=keep)


def test_person_skill_lines_and_needs_touching(session: Session) -> None:
    pid = _person(session, "Aino", "Hitsaaja")
    other = _person(session, "Bertil", "Hitsaaja")
    cat = svc.get_or_create_category(session, name="Hitsaus")
    tig = svc.add_skill(session, name="TIG", category_id=cat.id or 0).id or 0
    mig = svc.add_skill(session, name="MIG", category_id=cat.id or 0).id or 0
    svc.add_skill(session, name="Kirjanpito")
    svc.save_profile(session, title="hitsaaja", lines={tig: 3})
    svc.record_self_rating(session, person_id=pid, skill_id=mig, level=2, on=TODAY)
    svc.record_rating(session, person_id=other, skill_id=tig, kind="agreed", level=3, on=TODAY)
    svc.set_target(session, person_id=pid, skill_id=tig, level=3, target_date=date(2027, 5, 1))
    lines = svc.person_skill_lines(session, person_id=pid)
    assert lines == [
        svc.PersonSkillLine(mig, "MIG", "Hitsaus", 2, None, None, None),
        svc.PersonSkillLine(tig, "TIG", "Hitsaus", None, 3, date(2027, 5, 1), 3),
    ]
    svc.save_need(
        session,
        skill_id=tig,
        level=3,
        people_needed=3,
        by_date=date(2028, 1, 1),
        reason="Uusi linja",
    )
    needs = svc.future_needs_touching(session, person_id=pid)
    assert [
        (n.skill_name, n.level, n.people_needed, n.people_at_level, n.reason) for n in needs
    ] == [("TIG", 3, 3, 1, "Uusi linja")]
    with pytest.raises(ValidationError):
        svc.save_need(session, skill_id=tig, level=0, people_needed=1, by_date=None)
    with pytest.raises(ValidationError):
        svc.save_need(session, skill_id=tig, level=2, people_needed=0, by_date=None)


def test_level_texts_in_every_language() -> None:
    assert svc.level_label(0, "en") and svc.level_descriptor(4, "fi")
    assert svc.level_label(2, "fi") != svc.level_label(2, "sv")
    assert svc.level_text(3, "en").startswith("3 – ")


def test_cards_expiring_and_missing_for_the_role(session: Session) -> None:
    pid = _person(session, "Aino", "Hitsaaja")
    other = _person(session, "Bertil", "Hitsaaja")
    card = svc.add_card_type(session, name="Tulityökortti", validity_years=5)
    first_aid = svc.add_card_type(session, name="Ensiapu", validity_years=3)
    with pytest.raises(ValidationError):
        svc.add_card_type(session, name="tulityökortti", validity_years=5)
    svc.save_profile(session, title="Hitsaaja", lines={}, card_type_ids=[card.id or 0])
    svc.add_person_card(
        session, person_id=pid, card_type_id=card.id or 0, obtained_on=date(2021, 12, 15)
    )
    svc.add_person_card(
        session, person_id=other, card_type_id=card.id or 0, obtained_on=date(2020, 6, 1)
    )
    svc.add_person_card(
        session, person_id=other, card_type_id=first_aid.id or 0, obtained_on=date(2025, 1, 1)
    )
    expiring = svc.expiring_cards(session, today=TODAY)
    assert [(h.person_name, h.expires_on, h.state) for h in expiring] == [
        ("Bertil Testinen", date(2025, 6, 1), "expired"),
        ("Aino Testinen", date(2026, 12, 15), "expiring"),
    ]
    missing = svc.missing_role_cards(session, today=TODAY)
    assert [(m.person_name, m.card_name) for m in missing] == [("Bertil Testinen", "Tulityökortti")]


def test_matrix_loads_current_target_and_required(session: Session) -> None:
    team = create_team(session, name="Tuotanto")
    a = _person(session, "Aino", "Hitsaaja", team.id)
    b = _person(session, "Bertil", "Koneistaja")
    gone = _person(session, "Cecilia")
    tig = svc.add_skill(session, name="TIG").id or 0
    cnc = svc.add_skill(session, name="CNC").id or 0
    svc.save_profile(session, title="Hitsaaja", lines={tig: 3})
    svc.record_rating(session, person_id=a, skill_id=tig, kind="agreed", level=2, on=TODAY)
    svc.record_rating(session, person_id=b, skill_id=cnc, kind="manager", level=4, on=TODAY)
    svc.set_target(session, person_id=a, skill_id=tig, level=3, target_date=date(2027, 1, 1))
    archive_person(session, person_id=gone, left_on=TODAY)
    m = svc.load_matrix(session)
    assert [p.name for p in m.people] == ["Aino Testinen", "Bertil Testinen"]
    cols = {s.name: c for c, s in enumerate(m.skills)}
    assert m.current[0][cols["TIG"]] == 2 and m.current[1][cols["CNC"]] == 4
    assert m.current[0][cols["CNC"]] == svc.NO_LEVEL
    assert m.target[0][cols["TIG"]] == 3 and m.required[0][cols["TIG"]] == 3
    assert m.people[0].team_name == "Tuotanto"


def test_erasing_a_person_removes_their_skill_data(session: Session) -> None:
    pid = _person(session, "Aino")
    sid = svc.add_skill(session, name="TIG").id or 0
    card = svc.add_card_type(session, name="Ensiapu", validity_years=3)
    svc.record_self_rating(session, person_id=pid, skill_id=sid, level=2)
    svc.set_target(session, person_id=pid, skill_id=sid, level=3)
    svc.add_person_card(session, person_id=pid, card_type_id=card.id or 0, obtained_on=TODAY)
    session.commit()
    erase_person(session, person_id=pid)
    assert svc.current_levels(session) == {} and svc.targets_for(session) == {}
    assert svc.card_holdings(session, today=TODAY) == []


def test_a_person_leaving_later_is_still_counted_and_raises_the_risk(session: Session) -> None:
    from huoltamo_desktop.domain.people import LeaveReason
    from huoltamo_desktop.domain.skills import RiskReason, key_person_risks

    holder = _person(session, "Aino", "Koneistaja")
    gone = _person(session, "Eero", "Koneistaja")
    cnc = svc.add_skill(session, name="CNC").id or 0
    svc.save_profile(session, title="Koneistaja", lines={cnc: 2})
    svc.record_rating(session, person_id=holder, skill_id=cnc, kind="agreed", level=4, on=TODAY)
    svc.record_rating(session, person_id=gone, skill_id=cnc, kind="agreed", level=4, on=TODAY)
    archive_person(session, person_id=holder, left_on=date(2027, 6, 30), reason=LeaveReason.RETIRED)
    archive_person(session, person_id=gone, left_on=date(2026, 1, 31))
    data = svc.skill_data(session, today=TODAY)
    assert data.people[holder].active and data.people[holder].leaving_on == date(2027, 6, 30)
    assert gone not in data.people
    (risk,) = key_person_risks(data, today=TODAY)
    assert risk.holders == (holder,) and RiskReason.LEAVING in risk.reasons


def test_role_profile_titles_with_nordic_letters_are_one_title(session: Session) -> None:
    first = svc.save_profile(session, title="Ääniteknikko", lines={})
    with pytest.raises(ValidationError):
        svc.save_profile(session, title="ÄÄNITEKNIKKO", lines={})
    svc.save_profile(session, title="Öljynvaihtaja", lines={})
    svc.save_profile(session, title="Asentaja", lines={})
    session.commit()
    assert svc.save_profile(
        session, title="ääniteknikko", lines={}, profile_id=first.id or 0
    ).id == (first.id)
    setup_i18n("fi")
    assert [p.title for p in svc.list_profiles(session)] == [
        "Asentaja",
        "ääniteknikko",
        "Öljynvaihtaja",
    ]
