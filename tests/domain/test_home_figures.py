"""Figures on small hand-made histories whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from huoltamo_desktop.domain.home_figures import (
    ConversationFact,
    History,
    HomeFigureEntry,
    Metric,
    PeriodKind,
    RatingFact,
    SharedAssessmentFact,
    Span,
    average_headcount,
    coverage,
    entered_figure,
    guarded,
    headcount,
    leavers,
    period_figures,
    quarter_periods,
    self_assessment_change,
    skill_growth,
    suppress_breakdown,
    year_periods,
)

Y0, Y1 = date(2025, 1, 1), date(2025, 12, 31)


def _spans() -> list[Span]:
    """Ten people all year; two more leave in 2025 (1 July resigned, 1 October retired)."""
    spans = [Span(i, date(2020, 1, 1), None) for i in range(1, 11)]
    spans.append(Span(11, date(2020, 1, 1), date(2025, 7, 1), "resigned"))
    spans.append(Span(12, date(2020, 1, 1), date(2025, 10, 1), "retired"))
    return spans


def test_headcount_average_and_turnover_by_hand() -> None:
    spans = _spans()
    assert headcount(spans, date(2025, 6, 30)) == 12
    assert headcount(spans, date(2025, 7, 1)) == 11  # the leaving day is no longer a working day
    assert headcount(spans, Y1) == 10
    # Month ends: Jan–Jun 12 people, Jul–Sep 11, Oct–Dec 10 → (6·12 + 3·11 + 3·10) / 12 = 11.25
    assert average_headcount(spans, Y0, Y1) == pytest.approx(11.25)
    gone = leavers(spans, Y0, Y1)
    assert gone == {"voluntary": 1, "involuntary": 0, "retirement": 1, "other": 0}
    figures = period_figures(History(spans=spans), "2025", Y0, Y1)
    assert figures.leavers_total == 2
    assert figures.turnover.value == pytest.approx(2 / 11.25)
    assert figures.turnover.visible


def test_a_firm_of_four_shows_no_turnover() -> None:
    spans = [Span(i, date(2020, 1, 1), None) for i in range(1, 4)]
    spans.append(Span(4, date(2020, 1, 1), date(2025, 5, 1), "resigned"))
    figures = period_figures(History(spans=spans), "2025", Y0, Y1)
    assert figures.turnover.hidden and figures.turnover.value is None


def test_guarded_hides_below_five() -> None:
    assert guarded(3.0, 4).hidden
    assert guarded(3.0, 5).visible


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        # One small part: hidden, and the smallest other part with it (0 here).
        (
            {"voluntary": 6, "involuntary": 1, "retirement": 0, "other": 7},
            {"involuntary", "retirement"},
        ),
        # Two small parts hide each other; nothing else needs to go.
        (
            {"voluntary": 6, "involuntary": 2, "retirement": 3, "other": 7},
            {"involuntary", "retirement"},
        ),
        # Every part large enough: all shown.
        ({"voluntary": 6, "involuntary": 5, "retirement": 0, "other": 0}, set()),
        # One small part and only large ones besides it: the smallest large one is hidden too.
        ({"voluntary": 6, "involuntary": 1, "retirement": 9}, {"involuntary", "voluntary"}),
    ],
)
def test_breakdown_never_leaves_one_part_to_be_worked_out(
    counts: dict[str, int], hidden: set[str]
) -> None:
    result = suppress_breakdown(counts)
    assert result == hidden
    assert len(result) != 1  # the total minus the shown parts never gives one part away


def test_the_2025_breakdown_of_the_hand_made_firm_is_hidden() -> None:
    figures = period_figures(History(spans=_spans()), "2025", Y0, Y1)
    # 1 resigned and 1 retired: both hidden, the total of 2 still shown.
    assert {"voluntary", "retirement"} <= figures.leavers_hidden
    assert figures.leavers_total == 2


def test_conversation_coverage_counts_the_last_12_months() -> None:
    spans = _spans()
    history = History(
        spans=spans,
        conversations=[
            ConversationFact(1, date(2025, 3, 1)),
            ConversationFact(2, date(2025, 12, 31)),
            ConversationFact(3, date(2024, 12, 31)),  # exactly a year before: not within
            ConversationFact(11, date(2025, 5, 1)),  # left in July: not in the headcount
        ],
    )
    assert coverage(history, Y1) == (2, 10)


def _growth_history(people: int) -> History:
    spans = [Span(i, date(2020, 1, 1), None) for i in range(1, people + 1)]
    needed = {i: {100: 3, 200: 2} for i in range(1, people + 1)}
    ratings = []
    for i in range(1, people + 1):
        ratings += [
            RatingFact(i, 100, "agreed", 1, date(2024, 6, 1)),
            RatingFact(i, 100, "agreed", 3, date(2025, 6, 1)),  # +2, gap closed
            RatingFact(i, 200, "self", 2, date(2024, 6, 1)),
            RatingFact(i, 200, "manager", 1, date(2024, 7, 1)),  # the manager's counts over self
            RatingFact(i, 999, "agreed", 4, date(2025, 6, 1)),  # not a needed skill
        ]
    return History(spans=spans, ratings=ratings, needed=needed)


def test_skill_growth_on_needed_skills_by_hand() -> None:
    growth = skill_growth(_growth_history(5), Y0, Y1)
    # Skill 100: 1 → 3 (+2); skill 200: 1 → 1 (0): mean +1 over the two needed skills.
    assert growth.change.value == pytest.approx(1.0)
    assert growth.change.n == 5
    assert (growth.gaps_at_start, growth.gaps_closed) == (10, 5)


def test_skill_growth_of_four_people_is_hidden() -> None:
    growth = skill_growth(_growth_history(4), Y0, Y1)
    assert growth.change.hidden and growth.change.value is None


def test_self_assessment_change_only_from_five_shared() -> None:
    four = [SharedAssessmentFact(date(2025, 3, 1), 3.5, 3.0) for _ in range(4)]
    assert self_assessment_change(History(shared_assessments=four), Y0, Y1).hidden
    five = [*four, SharedAssessmentFact(date(2025, 4, 1), 4.0, 3.0)]
    five.append(SharedAssessmentFact(date(2025, 4, 1), 4.0, None))  # no previous: not a change
    shown = self_assessment_change(History(shared_assessments=five), Y0, Y1)
    assert shown.n == 5
    assert shown.value == pytest.approx((4 * 0.5 + 1.0) / 5)


def _entry(
    metric: str, month: int, value: float, respondents: int | None = None
) -> HomeFigureEntry:
    return HomeFigureEntry(
        metric=metric,
        period_kind=PeriodKind.QUARTER,
        period_start=date(2025, month, 1),
        value=value,
        respondents=respondents,
    )


def test_entered_figures_sum_and_survey_means_leave_small_answers_out() -> None:
    entries = [
        _entry(Metric.SICK_LEAVE_DAYS, 1, 30),
        _entry(Metric.SICK_LEAVE_DAYS, 4, 20),
        _entry(Metric.SATISFACTION, 4, 4.0, 10),
        _entry(Metric.SATISFACTION, 10, 3.0, 30),
        _entry(Metric.EXIT_SURVEY, 10, 2.0, 3),  # three answers: left out
    ]
    assert entered_figure(entries, Metric.SICK_LEAVE_DAYS, Y0, Y1).value == 50
    satisfaction = entered_figure(entries, Metric.SATISFACTION, Y0, Y1)
    assert satisfaction.value == pytest.approx((4.0 * 10 + 3.0 * 30) / 40)
    assert satisfaction.respondents == 40
    assert entered_figure(entries, Metric.EXIT_SURVEY, Y0, Y1).value is None


def test_periods_are_calendar_years_and_quarters_up_to_today() -> None:
    today = date(2026, 2, 10)
    assert year_periods(today, 2) == [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026", date(2026, 1, 1), today),
    ]
    quarters = quarter_periods(today, 3)
    assert [q[0] for q in quarters] == ["2025 Q3", "2025 Q4", "2026 Q1"]
    assert quarters[1][1:] == (date(2025, 10, 1), date(2025, 12, 31))
    assert quarters[-1][2] == today


def test_the_quick_headcount_agrees_with_counting_each_person() -> None:
    import random

    rng = random.Random(5)
    spans = []
    for i in range(300):
        start = date(2015, 1, 1).toordinal() + rng.randrange(0, 4000)
        end = start + rng.randrange(-50, 3000) if rng.random() < 0.4 else None
        spans.append(Span(i, date.fromordinal(start), date.fromordinal(end) if end else None))
    spans.append(Span(999, None, None))
    history = History(spans=spans)
    for day in (date(2014, 12, 31), date(2018, 6, 30), date(2022, 1, 1), date(2030, 1, 1)):
        assert history.headcount_on(day) == headcount(spans, day)
