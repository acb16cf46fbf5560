"""Rules of employee mode: scoring, suggestions, due dates, secrets and throttling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huoltamo_desktop.domain.employee import (
    SecretKind,
    area_scores,
    assessment_is_due,
    check_manager_passphrase,
    is_complete,
    next_assessment_due,
    personal_secret_kind,
    progress,
    strengths_and_development,
    suggested_exercises,
    wait_after_failures,
)
from huoltamo_desktop.domain.employee_content import CANT_SAY, content
from huoltamo_desktop.domain.errors import ValidationError

AREAS = [a.key for a in content().areas]


def answers_with(per_area: dict[str, list[int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for area in content().areas:
        values = per_area.get(area.key, [3] * len(area.statements))
        for statement, value in zip(area.statements, values, strict=False):
            out[statement.key] = value
    return out


def test_content_has_six_areas_with_statements_and_three_exercises_each() -> None:
    c = content()
    assert len(c.areas) == 6
    for area in c.areas:
        assert 4 <= len(area.statements) <= 6
        assert len(c.exercises_for(area.key)) >= 3
    assert [s.key for s in c.plan_sections][:2] == ["now", "keep"]


def test_area_score_is_the_mean_and_cant_say_is_left_out() -> None:
    answers = answers_with({"self_knowledge": [5, 4, CANT_SAY, 3, CANT_SAY]})
    scores = area_scores(answers, content())
    assert scores["self_knowledge"] == 4.0
    assert scores["cooperation"] == 3.0


def test_area_with_only_cant_say_has_no_score() -> None:
    answers = answers_with({"cooperation": [CANT_SAY] * 5})
    assert area_scores(answers, content())["cooperation"] is None


def test_strengths_are_high_areas_and_development_the_lowest() -> None:
    scores: dict[str, float | None] = {a: 3.0 for a in AREAS}
    scores.update(
        {
            "cooperation": 4.6,
            "self_knowledge": 4.2,
            "future_of_environment": 1.8,
            "future_and_change": 2.4,
        }
    )
    strengths, develop = strengths_and_development(scores)
    assert strengths == ["cooperation", "self_knowledge"]
    assert develop == ["future_of_environment", "future_and_change"]


def test_no_strength_below_threshold_and_no_development_when_all_high() -> None:
    low = dict.fromkeys(AREAS, 2.0)
    strengths, develop = strengths_and_development(low)
    assert strengths == []
    assert develop == AREAS[:2]  # ties keep the framework's order
    high = dict.fromkeys(AREAS, 4.5)
    strengths, develop = strengths_and_development(high)
    assert strengths == AREAS[:2]
    assert develop == []


def test_unscored_areas_are_neither_strength_nor_development() -> None:
    scores: dict[str, float | None] = dict.fromkeys(AREAS, None)
    scores["cooperation"] = 2.0
    assert strengths_and_development(scores) == ([], ["cooperation"])


def test_exercises_are_suggested_for_the_weakest_areas_first() -> None:
    scores: dict[str, float | None] = {a: 4.0 for a in AREAS}
    scores.update({"operating_environment": 2.0, "cooperation": 3.0})
    keys = suggested_exercises(scores, content())
    areas = [content().exercise(k).area for k in keys]  # type: ignore[union-attr]
    assert areas[0] == "operating_environment"
    assert set(areas) == {"operating_environment", "cooperation"}
    assert len(keys) >= 6


def test_when_every_area_is_strong_the_lowest_one_gets_exercises() -> None:
    scores: dict[str, float | None] = {a: 4.8 for a in AREAS}
    scores["future_of_environment"] = 4.3
    keys = suggested_exercises(scores, content())
    assert {content().exercise(k).area for k in keys} == {"future_of_environment"}  # type: ignore[union-attr]


def test_progress_counts_cant_say_as_answered() -> None:
    answers = {s.key: CANT_SAY for s in content().statements[:7]}
    assert progress(answers, content()) == (7, len(content().statements))
    assert not is_complete(answers, content())
    assert is_complete(answers_with({}), content())


def test_a_new_assessment_is_due_a_year_later() -> None:
    assert next_assessment_due(None) is None
    assert assessment_is_due(None, date(2026, 5, 1))
    assert next_assessment_due(date(2025, 3, 10)) == date(2026, 3, 10)
    assert not assessment_is_due(date(2025, 3, 10), date(2026, 3, 9))
    assert assessment_is_due(date(2025, 3, 10), date(2026, 3, 10))
    assert next_assessment_due(date(2024, 2, 29)) == date(2025, 2, 28)


@pytest.mark.parametrize("secret", ["246810", "90817263", "kesäloma järvellä"])
def test_good_personal_secrets(secret: str) -> None:
    kind = personal_secret_kind(secret)
    assert kind == (SecretKind.PIN if secret.isdigit() else SecretKind.PASSPHRASE)


@pytest.mark.parametrize("secret", ["", "12345", "111111", "123456", "987654", "lyhyt"])
def test_weak_personal_secrets_are_refused_with_a_reason(secret: str) -> None:
    with pytest.raises(ValidationError) as info:
        personal_secret_kind(secret)
    assert str(info.value)


def test_manager_passphrase_rule() -> None:
    check_manager_passphrase("koivu kuusi mänty")
    for bad in ("short", "aaaaaaaaaaaaaaaa", "abababababababab"):
        with pytest.raises(ValidationError):
            check_manager_passphrase(bad)


def test_wrong_attempts_slow_down_then_lock() -> None:
    assert wait_after_failures(1) == timedelta(0)
    assert wait_after_failures(2) == timedelta(0)
    assert wait_after_failures(3) == timedelta(seconds=30)
    assert wait_after_failures(4) == timedelta(seconds=60)
    assert wait_after_failures(5) == timedelta(minutes=15)
    assert wait_after_failures(9) == timedelta(minutes=15)


def test_a_score_on_a_half_rounds_up_and_the_shown_figure_decides_the_strength() -> None:
    # 3, 4, 3, 4 → 3.5: shown as 3,5 and called a strength; 4, 4, 4, 5 → 4.25 → 4.3.
    answers = answers_with({"self_knowledge": [3, 4, 3, 4, CANT_SAY], "cooperation": [4, 4, 4, 5]})
    scores = area_scores(answers, content())
    assert scores["self_knowledge"] == 3.5 and scores["cooperation"] == 4.3
    strengths, _develop = strengths_and_development(scores)
    assert "self_knowledge" in strengths


def test_a_mean_below_the_threshold_is_shown_and_judged_the_same_way() -> None:
    answers = answers_with({"self_knowledge": [3, 4, 3, 4, 3]})  # 17/5 = 3.4
    scores = area_scores(answers, content())
    assert scores["self_knowledge"] == 3.4
    assert "self_knowledge" not in strengths_and_development(scores)[0]
