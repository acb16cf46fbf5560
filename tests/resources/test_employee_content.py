"""What the bundled employee content says (its shape is checked by the content models)."""

from __future__ import annotations

import re

import pytest

from huoltamo_desktop.domain.employee_content import (
    CAREER_PLAN,
    EXERCISES,
    INTRO,
    SELF_ASSESSMENT,
    Content,
    content,
)

LANGS = ("fi", "sv", "en")
AREA_KEYS = [
    "self_knowledge",
    "competence_identity",
    "future_and_change",
    "operating_environment",
    "cooperation",
    "future_of_environment",
]
SECTION_KEYS = [
    "now",
    "keep",
    "learn",
    "change",
    "wish_role",
    "wish_tasks",
    "wish_working_time",
    "wish_physical_load",
    "goal_1y",
    "goal_3_5y",
    "support",
    "next_steps",
]
STAGES = ("newcomer", "established", "mid_career", "late_career")


@pytest.fixture(scope="module")
def c() -> Content:
    return content()


def test_every_file_is_version_one() -> None:
    assert SELF_ASSESSMENT.load().version == 1
    assert EXERCISES.load().version == 1
    assert CAREER_PLAN.load().version == 1
    assert INTRO.load().version == 1


def test_areas_in_order(c: Content) -> None:
    assert [a.key for a in c.areas] == AREA_KEYS


def test_four_to_six_statements_per_area(c: Content) -> None:
    for area in c.areas:
        assert 4 <= len(area.statements) <= 6, f"{area.key}: {len(area.statements)} statements"
        assert all(s.area == area.key for s in area.statements)


def test_at_least_three_exercises_per_area(c: Content) -> None:
    for area in AREA_KEYS:
        assert len(c.exercises_for(area)) >= 3, area


def test_exercises_take_five_to_forty_five_minutes(c: Content) -> None:
    for e in c.exercises:
        assert 5 <= e.minutes <= 45, e.key


def test_plan_sections_in_order(c: Content) -> None:
    assert [s.key for s in c.plan_sections] == SECTION_KEYS


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_appears_in_three_sections(c: Content, stage: str) -> None:
    sections = [s.key for s in c.plan_sections if stage in s.stage_prompts]
    assert len(sections) >= 3, f"{stage} only in {sections}"


def test_plan_mentions_no_ages(c: Content) -> None:
    """Career-stage prompts are phrased without ages (e.g. no '58')."""
    for s in c.plan_sections:
        for where, texts in [("prompt", s.prompt), *s.stage_prompts.items()]:
            for lang in LANGS:
                assert not re.search(r"\b[4-7]\d\b", texts[lang]), f"{s.key}.{where}.{lang}"


def test_intro_has_three_or_four_paragraphs_and_both_lists(c: Content) -> None:
    assert 3 <= len(c.intro.paragraphs) <= 4
    assert c.intro.manager_sees
    assert c.intro.manager_never_sees
