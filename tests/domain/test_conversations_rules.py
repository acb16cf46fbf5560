"""Pure rules of conversations: adapting templates by career stage, dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from huoltamo_desktop.domain.conversations import add_months, is_overdue, question_applies
from huoltamo_desktop.domain.conversations_content import TemplateTopic, bundled_kinds


def _question_keys(topics: Iterable[TemplateTopic]) -> set[str]:
    return {q.key for t in topics for q in t.questions}


def test_questions_for_everyone_suit_every_stage_and_a_group() -> None:
    assert question_applies(["all"], "newcomer")
    assert question_applies(["all"], None)
    assert question_applies(["late_career"], "late_career")
    assert not question_applies(["late_career"], "newcomer")
    assert not question_applies(["late_career"], None)


def test_a_late_career_person_gets_the_questions_on_continuing_at_work_and_a_newcomer_does_not() -> (
    None
):
    career = bundled_kinds()["career"]
    late = _question_keys(career.adapted("late_career"))
    newcomer = _question_keys(career.adapted("newcomer"))
    assert "career.working_time.q4" in late and "career.working_time.q5" in late
    assert "career.working_time.q4" not in newcomer
    assert "career.looking_back.q3" in newcomer and "career.looking_back.q3" not in late
    shared = _question_keys(career.adapted(None))
    assert shared <= late and shared <= newcomer
    assert "career.looking_back.q1" in shared
    # Topics stay, so notes can always be written under each of them.
    assert [t.key for t in career.adapted("newcomer")] == [t.key for t in career.topics]


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_only_open_actions_past_their_date_are_overdue() -> None:
    today = date(2026, 11, 27)
    assert is_overdue(date(2026, 11, 1), "open", today)
    assert is_overdue(date(2026, 11, 1), "in_progress", today)
    assert not is_overdue(date(2026, 11, 1), "done", today)
    assert not is_overdue(date(2026, 11, 27), "open", today)
    assert not is_overdue(None, "open", today)
