"""Checks for the bundled employee content (resources/employee/*.json)."""

import json
import re
from pathlib import Path

import pytest

EMPLOYEE = Path(__file__).resolve().parents[2] / "resources" / "employee"
FILES = ("self_assessment.json", "exercises.json", "career_plan.json", "intro.json")

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
SCALE_KEYS = {"1", "2", "3", "4", "5", "cant_say"}


def _load(name):
    with (EMPLOYEE / name).open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def assessment():
    return _load("self_assessment.json")


@pytest.fixture(scope="module")
def exercises():
    return _load("exercises.json")


@pytest.fixture(scope="module")
def plan():
    return _load("career_plan.json")


@pytest.fixture(scope="module")
def intro():
    return _load("intro.json")


def _assert_text(obj, where):
    assert isinstance(obj, dict), f"{where}: not a text object"
    assert set(obj) == set(LANGS), f"{where}: languages {sorted(obj)}"
    for lang in LANGS:
        value = obj[lang]
        assert isinstance(value, str) and value.strip(), f"{where}.{lang} is empty"
        assert value == value.strip(), f"{where}.{lang} has stray whitespace"


def _walk_text_objects(node, where=""):
    """Yield (where, obj) for every dict that carries any language key."""
    if isinstance(node, dict):
        if set(node) & set(LANGS):
            yield where, node
            return
        for key, value in node.items():
            yield from _walk_text_objects(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk_text_objects(value, f"{where}[{i}]")


# --- every file ------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_file_is_valid_json_with_version(name):
    data = _load(name)
    assert data["version"] == 1


@pytest.mark.parametrize("name", FILES)
def test_every_text_object_has_all_languages(name):
    found = list(_walk_text_objects(_load(name)))
    assert found, f"{name}: no text objects found"
    for where, obj in found:
        _assert_text(obj, f"{name}:{where}")


# --- self-assessment -------------------------------------------------------


def test_scale_has_one_to_five_and_cant_say(assessment):
    assert set(assessment["scale"]) == SCALE_KEYS
    for key, label in assessment["scale"].items():
        _assert_text(label, f"scale.{key}")


def test_areas_in_order(assessment):
    assert [a["key"] for a in assessment["areas"]] == AREA_KEYS


def test_area_texts_present(assessment):
    for area in assessment["areas"]:
        for field in ("title", "description", "strength", "develop"):
            _assert_text(area[field], f"{area['key']}.{field}")


def test_statements_per_area(assessment):
    all_keys = []
    for area in assessment["areas"]:
        statements = area["statements"]
        assert 4 <= len(statements) <= 6, f"{area['key']}: {len(statements)} statements"
        keys = [s["key"] for s in statements]
        assert len(keys) == len(set(keys)), f"{area['key']}: duplicate statement keys"
        for s in statements:
            assert s["key"].startswith(area["key"] + "."), s["key"]
            _assert_text(s["text"], s["key"])
        all_keys.extend(keys)
    assert len(all_keys) == len(set(all_keys))


# --- exercises -------------------------------------------------------------


def test_exercise_keys_unique_and_areas_valid(exercises):
    items = exercises["exercises"]
    keys = [e["key"] for e in items]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"duplicate exercise keys: {sorted(duplicates)}"
    for e in items:
        assert e["area"] in AREA_KEYS, f"{e['key']}: unknown area {e['area']!r}"
        assert e["key"].startswith(e["area"] + "."), e["key"]


def test_at_least_three_exercises_per_area(exercises):
    for area in AREA_KEYS:
        count = sum(1 for e in exercises["exercises"] if e["area"] == area)
        assert count >= 3, f"{area}: only {count} exercises"


def test_exercise_fields(exercises):
    for e in exercises["exercises"]:
        assert isinstance(e["minutes"], int) and 5 <= e["minutes"] <= 45, e["key"]
        for field in ("title", "instructions", "reflection_prompt"):
            _assert_text(e[field], f"{e['key']}.{field}")


# --- career plan -----------------------------------------------------------


def test_plan_sections_in_order(plan):
    assert [s["key"] for s in plan["sections"]] == SECTION_KEYS
    for s in plan["sections"]:
        _assert_text(s["title"], f"{s['key']}.title")
        _assert_text(s["prompt"], f"{s['key']}.prompt")


def test_stage_prompts_use_known_stages(plan):
    for s in plan["sections"]:
        for stage, text in s.get("stage_prompts", {}).items():
            assert stage in STAGES, f"{s['key']}: unknown stage {stage!r}"
            _assert_text(text, f"{s['key']}.stage_prompts.{stage}")


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_appears_in_three_sections(plan, stage):
    sections = [s["key"] for s in plan["sections"] if stage in s.get("stage_prompts", {})]
    assert len(sections) >= 3, f"{stage} only in {sections}"


def test_plan_mentions_no_ages(plan):
    """Career-stage prompts are phrased without ages (e.g. no '58')."""
    for where, obj in _walk_text_objects(plan):
        for lang in LANGS:
            assert not re.search(r"\b[4-7]\d\b", obj[lang]), f"{where}.{lang}: {obj[lang]}"


# --- intro -----------------------------------------------------------------


def test_intro_structure(intro):
    _assert_text(intro["title"], "title")
    assert 3 <= len(intro["paragraphs"]) <= 4
    assert intro["manager_sees"]
    assert intro["manager_never_sees"]
    _assert_text(intro["privacy_note"], "privacy_note")
