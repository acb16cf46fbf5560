"""The skill analyses on a small hand-made firm whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from huoltamo_desktop.domain.people import CareerStage
from huoltamo_desktop.domain.skills import (
    CardState,
    NeedFacts,
    PersonFacts,
    RiskReason,
    SkillData,
    TargetFacts,
    TransferBasis,
    card_expiry,
    card_state,
    current_level,
    key_person_risks,
    matches_for_person,
    need_gaps,
    profile_gaps,
    role_match,
    role_matches,
    transfer_pairs,
    what_if_leaves,
)

TODAY = date(2026, 11, 27)
AINO, BERTIL, CECILIA, DANIEL, EERO = 1, 2, 3, 4, 5
TIG, MIG, CNC, DRAWINGS, ROBOT = 10, 11, 12, 13, 14


def firm() -> SkillData:
    people = {
        AINO: PersonFacts(AINO, "Aino", "Hitsaaja", 1, CareerStage.LATE_CAREER, 1962),
        BERTIL: PersonFacts(BERTIL, "Bertil", "Hitsaaja", 1, CareerStage.ESTABLISHED, 1990),
        CECILIA: PersonFacts(
            CECILIA,
            "Cecilia",
            "hitsaaja ",
            2,
            CareerStage.MID_CAREER,
            1980,
            leaving_on=date(2027, 3, 31),
        ),
        DANIEL: PersonFacts(DANIEL, "Daniel", "Koneistaja", 2, CareerStage.ESTABLISHED, 1988),
        EERO: PersonFacts(EERO, "Eero", "Hitsaaja", 1, CareerStage.LATE_CAREER, 1958, active=False),
    }
    levels = {
        (AINO, TIG): 4,
        (AINO, MIG): 3,
        (AINO, DRAWINGS): 3,
        (BERTIL, TIG): 2,
        (BERTIL, MIG): 3,
        (BERTIL, DRAWINGS): 2,
        (CECILIA, TIG): 1,
        (CECILIA, MIG): 2,
        (CECILIA, DRAWINGS): 1,
        (CECILIA, CNC): 3,
        (DANIEL, CNC): 2,
        (DANIEL, DRAWINGS): 3,
        (EERO, TIG): 4,
    }
    targets = {
        (BERTIL, TIG): TargetFacts(3, date(2027, 1, 1)),
        (DANIEL, CNC): TargetFacts(3, date(2027, 3, 1)),
        (DANIEL, ROBOT): TargetFacts(None, None, wish=True),
    }
    profiles = {
        "hitsaaja": {TIG: 3, MIG: 2, DRAWINGS: 2},
        "koneistaja": {CNC: 3, DRAWINGS: 3},
    }
    needs = [
        NeedFacts(1, ROBOT, 2, 2, date(2028, 1, 1), "Robot cell"),
        NeedFacts(2, CNC, 3, 2, date(2027, 6, 1), "Second shift"),
    ]
    names = {TIG: "TIG", MIG: "MIG", CNC: "CNC", DRAWINGS: "Drawings", ROBOT: "Robot"}
    return SkillData(people, names, levels, targets, profiles, needs)


def test_current_level_prefers_agreed_then_manager_then_self() -> None:
    assert current_level({"self": 4, "manager": 2}) == 2
    assert current_level({"self": 4, "manager": 2, "agreed": 3}) == 3
    assert current_level({"self": 1}) == 1
    assert current_level({}) is None


def test_role_match_gives_partial_credit() -> None:
    percent, met, gaps = role_match({TIG: 2, MIG: 3, DRAWINGS: 2}, {TIG: 3, MIG: 2, DRAWINGS: 2})
    assert (percent, met) == (86, 2)
    assert [(g.skill_id, g.required, g.level, g.gap) for g in gaps] == [(TIG, 3, 2, 1)]
    assert role_match({}, {}) == (100, 0, ())


def test_role_matches_of_the_firm_weakest_first() -> None:
    result = role_matches(firm())
    assert [(m.person_id, m.percent, m.met, m.lines) for m in result] == [
        (CECILIA, 57, 1, 3),
        (DANIEL, 83, 1, 2),
        (BERTIL, 86, 2, 3),
        (AINO, 100, 3, 3),
    ]
    cecilia = result[0]
    assert [(g.skill_id, g.gap) for g in cecilia.gaps] == [(TIG, 2), (DRAWINGS, 1)]


def test_role_matches_at_a_later_day_count_targets_due_by_then() -> None:
    later = {m.person_id: m.percent for m in role_matches(firm(), day=date(2027, 12, 31))}
    assert later[BERTIL] == 100
    assert later[DANIEL] == 100


def test_a_person_against_every_profile_for_rotation() -> None:
    result = matches_for_person(
        firm(), DANIEL, profile_titles={"hitsaaja": "Hitsaaja", "koneistaja": "Koneistaja"}
    )
    # Daniel against the welder profile: only drawings (3 ≥ 2): 2 of 7.
    assert [(m.profile_title, m.percent) for m in result] == [("Koneistaja", 83), ("Hitsaaja", 29)]


def test_key_person_risk_ranks_a_leaving_holder_first() -> None:
    risks = key_person_risks(firm(), today=TODAY)
    assert [r.skill_id for r in risks] == [CNC, TIG, ROBOT]
    cnc, tig, robot = risks
    assert cnc.holders == (CECILIA,)
    assert RiskReason.LEAVING in cnc.reasons and cnc.leaving_holders == (CECILIA,)
    assert cnc.demand == 3  # Daniel's role + the need for two
    # TIG: Eero has left, so Aino (late career) is the only expert.
    assert tig.holders == (AINO,) and RiskReason.LATE_CAREER in tig.reasons
    assert tig.demand == 3
    assert robot.holders == () and robot.reasons == (RiskReason.NOBODY,)
    # MIG (Aino, Bertil) and drawings (Aino, Daniel) have two experts: no risk.
    assert {r.skill_id for r in risks}.isdisjoint({MIG, DRAWINGS})


def test_transfer_pairs_come_from_targets() -> None:
    data = firm()
    pairs = transfer_pairs(data, key_person_risks(data, today=TODAY))
    assert [(p.skill_id, p.holder_id, p.learner_id, p.basis) for p in pairs] == [
        (CNC, CECILIA, DANIEL, TransferBasis.TARGET),
        (TIG, AINO, BERTIL, TransferBasis.TARGET),
    ]


def test_transfer_pairs_fall_back_on_wishes_and_roles() -> None:
    data = firm()
    data.targets = {(DANIEL, TIG): TargetFacts(None, None, wish=True)}
    pairs = transfer_pairs(data, key_person_risks(data, today=TODAY))
    tig = [(p.learner_id, p.basis) for p in pairs if p.skill_id == TIG]
    assert tig == [(DANIEL, TransferBasis.WISH)]
    cnc = [(p.learner_id, p.basis) for p in pairs if p.skill_id == CNC]
    assert cnc == [(DANIEL, TransferBasis.ROLE)]


def test_need_gaps_now_and_on_the_date() -> None:
    gaps = {g.need_id: g for g in need_gaps(firm(), today=TODAY)}
    robot, cnc = gaps[1], gaps[2]
    assert (robot.have_now, robot.have_by_date, robot.gap_now, robot.gap_by_date) == (0, 0, 2, 2)
    # CNC: Cecilia today; by June 2027 she has left but Daniel has reached his target.
    assert (cnc.have_now, cnc.have_by_date, cnc.gap_now, cnc.gap_by_date) == (1, 1, 1, 1)


def test_profile_gaps_now_and_at_the_horizon() -> None:
    gaps = {
        (g.profile_title, g.skill_id): (g.people, g.short_now, g.short_at_target)
        for g in profile_gaps(firm(), horizon=date(2027, 12, 31))
    }
    assert gaps == {
        ("hitsaaja", TIG): (3, 2, 1),
        ("hitsaaja", DRAWINGS): (3, 1, 1),
        ("koneistaja", CNC): (1, 1, 0),
    }


def test_what_if_aino_leaves() -> None:
    impact = what_if_leaves(firm(), AINO)
    assert [(i.skill_id, i.level, i.others_at_expert, i.lost, i.needed) for i in impact] == [
        (TIG, 4, 0, True, True),
        (DRAWINGS, 3, 1, False, True),
        (MIG, 3, 1, False, True),
    ]
    assert impact[0].best_other_level == 2


def test_what_if_for_a_person_with_no_skills() -> None:
    assert what_if_leaves(firm(), 999) == []


@pytest.mark.parametrize(
    ("expires", "state"),
    [
        (None, CardState.NO_EXPIRY),
        (date(2026, 11, 26), CardState.EXPIRED),
        (date(2026, 11, 27), CardState.EXPIRING),
        (date(2027, 2, 25), CardState.EXPIRING),
        (date(2027, 2, 26), CardState.VALID),
    ],
)
def test_card_state(expires: date | None, state: str) -> None:
    assert card_state(expires, TODAY) == state


def test_card_expiry_from_validity() -> None:
    assert card_expiry(date(2022, 5, 3), 5) == date(2027, 5, 3)
    assert card_expiry(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert card_expiry(date(2024, 2, 29), None) is None


def test_among_equal_risks_the_skill_needed_at_a_higher_level_comes_first() -> None:
    data = firm()
    data.people = {k: v for k, v in data.people.items() if k in (BERTIL, DANIEL)}
    data.levels = {(BERTIL, MIG): 3, (DANIEL, CNC): 3}
    data.targets = {}
    data.needs = []
    # One holder and one person needing each: CNC is asked for at level 3, MIG at level 2.
    risks = key_person_risks(data, today=TODAY)
    sole = [r for r in risks if r.holders]
    assert [(r.skill_id, r.needed_level, r.demand) for r in sole] == [(CNC, 3, 1), (MIG, 2, 1)]
