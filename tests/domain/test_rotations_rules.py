"""Rotation rules on hand-made firms whose answers are known."""

from __future__ import annotations

from datetime import date

from huoltamo_desktop.domain.rotations import (
    CardFacts,
    GoalFacts,
    IssueCode,
    PersonPlanFacts,
    PlanData,
    RotationFacts,
    RotationKind,
    RotationStatus,
    Span,
    SuggestionInput,
    SuggestionReason,
    bus_factor,
    check_rotation,
    cover_candidates,
    coverage,
    holders,
    key_person_effects,
    plan_weeks,
    suggest_rotations,
)

MONDAY = date(2027, 1, 4)  # a Monday
WEEKS = plan_weeks(MONDAY, 8)
CNC, WELD, HOT = 1, 2, 3


def _firm(**overrides: object) -> PlanData:
    people = {
        1: PersonPlanFacts(1, "Aino Aalto", team_id=1, late_career=True),
        2: PersonPlanFacts(2, "Bertta Berg", team_id=1),
        3: PersonPlanFacts(3, "Cecilia Char", team_id=2),
        4: PersonPlanFacts(4, "Daniel Dahl", team_id=2),
    }
    data = PlanData(
        people=people,
        skill_names={CNC: "CNC", WELD: "Welding", HOT: "Hot work"},
        levels={
            (1, CNC): 4,
            (2, CNC): 2,
            (3, WELD): 3,
            (4, WELD): 3,
            (3, HOT): 3,
            (4, HOT): 3,
        },
        needed={CNC: 3, WELD: 3, HOT: 3},
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def _counts(data: PlanData, skill: int) -> tuple[int, ...]:
    cov = coverage(data, WEEKS)
    return cov.counts[cov.row(skill)]


def test_coverage_counts_holders_each_week() -> None:
    cov = coverage(_firm(), WEEKS)
    assert cov.counts[cov.row(CNC)] == (1,) * 8
    assert cov.counts[cov.row(WELD)] == (2,) * 8
    assert cov.short_cells() == []


def test_overlapping_rotations_take_both_welders_away_only_where_they_overlap() -> None:
    rotations = [
        RotationFacts(
            1, RotationKind.ROTATION, 3, date(2027, 1, 4), date(2027, 1, 29)
        ),  # weeks 0-3
        RotationFacts(
            2, RotationKind.PROJECT, 4, date(2027, 1, 25), date(2027, 2, 12)
        ),  # weeks 3-5
    ]
    data = _firm(rotations=rotations)
    assert _counts(data, WELD) == (1, 1, 1, 0, 1, 1, 2, 2)
    cov = coverage(data, WEEKS)
    assert (WELD, 3) in cov.short_cells()
    assert (HOT, 3) in cov.short_cells()


def test_a_light_shadowing_and_a_cancelled_rotation_do_not_take_anyone_away() -> None:
    rotations = [
        RotationFacts(1, RotationKind.SHADOWING, 3, MONDAY, date(2027, 2, 26), share_percent=20),
        RotationFacts(
            2, RotationKind.ROTATION, 4, MONDAY, date(2027, 2, 26), status=RotationStatus.CANCELLED
        ),
    ]
    assert _counts(_firm(rotations=rotations), WELD) == (2,) * 8


def test_a_swap_takes_both_people_away() -> None:
    swap = RotationFacts(1, RotationKind.SWAP, 3, MONDAY, date(2027, 1, 15), partner_id=4)
    assert _counts(_firm(rotations=[swap]), WELD) == (0, 0, 2, 2, 2, 2, 2, 2)


def test_a_leaver_stops_counting_from_the_week_they_leave() -> None:
    data = _firm()
    data.people[4] = PersonPlanFacts(4, "Daniel Dahl", team_id=2, leaving_on=date(2027, 1, 20))
    assert _counts(data, WELD) == (2, 2, 1, 1, 1, 1, 1, 1)


def test_an_absence_removes_the_weeks_it_touches() -> None:
    data = _firm(absences={3: [Span(date(2027, 1, 15), date(2027, 1, 18))]})  # Friday to Monday
    assert _counts(data, WELD) == (2, 1, 1, 2, 2, 2, 2, 2)


def test_a_card_dependent_skill_counts_only_while_the_card_is_valid() -> None:
    cards = [
        CardFacts(3, 77, date(2022, 1, 1), date(2027, 1, 27)),  # runs out in week 3
        CardFacts(4, 77, date(2022, 1, 1), None),
    ]
    data = _firm(cards=cards, card_for_skill={HOT: frozenset({77})})
    assert _counts(data, HOT) == (2, 2, 2, 1, 1, 1, 1, 1)
    assert _counts(data, WELD) == (2,) * 8  # no card needed for welding


def test_minimum_and_future_need_raise_the_bar() -> None:
    data = _firm(minimum=2, future_need=[(WELD, 3, date(2027, 2, 1))])
    cov = coverage(data, WEEKS)
    assert cov.needs[cov.row(CNC)] == (2,) * 8
    assert cov.needs[cov.row(WELD)] == (2, 2, 2, 2, 3, 3, 3, 3)
    assert (CNC, 0) in cov.short_cells()


def test_a_learner_counts_after_their_rotation_reaches_the_level() -> None:
    learn = RotationFacts(
        1, RotationKind.SHADOWING, 2, MONDAY, date(2027, 1, 22), 40, goals=(GoalFacts(CNC, 3),)
    )
    assert _counts(_firm(rotations=[learn]), CNC) == (1, 1, 1, 2, 2, 2, 2, 2)


def test_cover_candidates_rank_the_nearly_able_first() -> None:
    data = _firm(rotations=[RotationFacts(1, RotationKind.ROTATION, 1, MONDAY, date(2027, 1, 8))])
    cands = cover_candidates(data, WEEKS, skill_id=CNC, week=0, targets={(3, CNC): 3})
    assert [c.person_id for c in cands] == [2, 3]
    assert cands[0].level == 2


def test_holders_now_and_after_the_plan() -> None:
    learn = RotationFacts(
        1, RotationKind.ROTATION, 2, MONDAY, date(2027, 2, 26), goals=(GoalFacts(CNC, 3),)
    )
    data = _firm(rotations=[learn])
    assert holders(data)[CNC] == {1}
    assert holders(data, after_plan=True)[CNC] == {1, 2}
    effects = {e.skill_id: e for e in key_person_effects(data)}
    assert (effects[CNC].now, effects[CNC].after, effects[CNC].new_holders) == (1, 2, (2,))
    assert WELD not in effects  # two holders and no change: not fragile


def test_bus_factor_hand_made_cases() -> None:
    # One person holds everything: one departure orphans all.
    assert bus_factor({1: {7}, 2: {7}, 3: {7}}) == (1, (7,))
    # Four skills, each with its own pair: more than half orphaned needs three pairs gone.
    pairs = {1: {1, 2}, 2: {3, 4}, 3: {5, 6}, 4: {7, 8}}
    assert bus_factor(pairs)[0] == 6
    # Already more than half without a holder.
    assert bus_factor({1: set(), 2: set(), 3: {1}}) == (0, ())
    # The greedy takes the widest holder first: 9 holds three of four skills, but with 9
    # gone two of four are orphaned, which is not more than half: one more is needed.
    assert bus_factor({1: {9}, 2: {9}, 3: {9, 1}, 4: {2}}) == (2, (9, 1))


def test_bus_factor_rises_when_a_second_holder_is_trained() -> None:
    data = _firm(
        levels={(1, CNC): 4, (1, HOT): 3, (3, WELD): 3, (2, CNC): 2},
        needed={CNC: 3, WELD: 3, HOT: 3},
    )
    assert bus_factor(holders(data)) == (1, (1,))  # Aino alone holds two of three
    learn = RotationFacts(
        1,
        RotationKind.ROTATION,
        2,
        MONDAY,
        date(2027, 2, 26),
        goals=(GoalFacts(CNC, 3), GoalFacts(HOT, 3)),
    )
    trained = _firm(levels=data.levels, needed=data.needed, rotations=[learn])
    assert bus_factor(holders(trained, after_plan=True)) == (2, (1, 2))


def test_checks_find_double_booking_absent_host_and_busy_cover() -> None:
    existing = RotationFacts(
        1, RotationKind.ROTATION, 2, MONDAY, date(2027, 1, 22), host_id=1, cover_id=4
    )
    data = _firm(rotations=[existing], absences={1: [Span(date(2027, 1, 11), date(2027, 1, 15))]})
    clash = RotationFacts(0, RotationKind.PROJECT, 2, date(2027, 1, 18), date(2027, 2, 5))
    assert [i.code for i in check_rotation(data, clash)] == [IssueCode.DOUBLE_BOOKED]
    hosted = RotationFacts(
        0,
        RotationKind.SHADOWING,
        3,
        date(2027, 1, 11),
        date(2027, 1, 12),
        20,
        host_id=1,
        cover_id=4,
    )
    codes = [i.code for i in check_rotation(data, hosted)]
    assert codes == [IssueCode.HOST_UNAVAILABLE, IssueCode.COVER_DOUBLE]
    later = RotationFacts(0, RotationKind.PROJECT, 2, date(2027, 2, 1), date(2027, 2, 5))
    assert check_rotation(data, later) == []


def test_checks_say_which_week_a_skill_drops_under_the_minimum() -> None:
    data = _firm()
    sole = RotationFacts(0, RotationKind.ROTATION, 1, date(2027, 1, 18), date(2027, 1, 29))
    issues = check_rotation(data, sole, weeks=WEEKS)
    assert [(i.code, i.skill_id, i.week) for i in issues] == [
        (IssueCode.COVERAGE, CNC, date(2027, 1, 18))
    ]
    # Editing a saved rotation is checked against the plan without its old dates.
    saved = _firm(rotations=[RotationFacts(5, RotationKind.ROTATION, 3, MONDAY, date(2027, 1, 8))])
    moved = RotationFacts(5, RotationKind.ROTATION, 3, date(2027, 1, 11), date(2027, 1, 15))
    assert check_rotation(saved, moved, weeks=WEEKS) == []


def test_suggestions_rank_a_second_holder_of_a_risky_skill_high_and_keep_coverage() -> None:
    data = _firm()
    extra = SuggestionInput(targets={(2, CNC): 3}, wishes=frozenset({(3, CNC)}))
    suggestions = suggest_rotations(data, WEEKS, extra, duration_weeks=4, share_percent=60)
    first = suggestions[0]
    assert (first.learner_id, first.host_id, first.skill_id) == (2, 1, CNC)
    assert SuggestionReason.SECOND_HOLDER in first.reasons
    assert SuggestionReason.HOLDER_LATE in first.reasons
    assert first.start == MONDAY
    # Cecilia is one of two welders; taking her away at 60 % leaves one, the minimum: still fine.
    cecilia = next(s for s in suggestions if s.learner_id == 3)
    assert cecilia.start is not None and cecilia.breaks is None


def test_a_suggestion_that_would_break_coverage_says_which_week() -> None:
    data = _firm(minimum=2)
    data.levels[(3, CNC)] = 2
    data.levels[(3, WELD)] = 3
    data.levels[(4, WELD)] = 3
    extra = SuggestionInput(wishes=frozenset({(3, CNC)}))
    # With a minimum of 2 welding is exactly covered: taking Cecilia away breaks it in any week.
    cecilia = next(
        s
        for s in suggest_rotations(data, WEEKS, extra, duration_weeks=4, share_percent=60)
        if s.learner_id == 3
    )
    assert cecilia.start is None
    assert cecilia.breaks is not None and cecilia.breaks.code == IssueCode.COVERAGE
    assert cecilia.breaks.week == MONDAY
