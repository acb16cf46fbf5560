"""Checks for the bundled skills content (levels, cards, starter skills, role profiles)."""

import json
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[2] / "resources" / "skills"
LANGS = ("fi", "sv", "en")


def _load(name):
    return json.loads((BASE / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def levels():
    return _load("levels.json")


@pytest.fixture(scope="module")
def cards():
    return _load("cards.json")


@pytest.fixture(scope="module")
def starter():
    return _load("starter_skills.json")


@pytest.fixture(scope="module")
def roles():
    return _load("role_profiles.json")


def _assert_text(obj, where):
    assert isinstance(obj, dict), f"{where}: not a text object"
    assert set(obj) == set(LANGS), f"{where}: languages {sorted(obj)}"
    for lang in LANGS:
        value = obj[lang]
        assert isinstance(value, str) and value.strip(), f"{where}: empty {lang}"


def test_versions(levels, cards, starter, roles):
    for doc in (levels, cards, starter, roles):
        assert doc["version"] == 1


def test_levels_zero_to_four_once_each(levels):
    numbers = [item["level"] for item in levels["levels"]]
    assert sorted(numbers) == [0, 1, 2, 3, 4]
    for item in levels["levels"]:
        _assert_text(item["label"], f"level {item['level']} label")
        _assert_text(item["descriptor"], f"level {item['level']} descriptor")


def test_cards(cards):
    keys = [card["key"] for card in cards["cards"]]
    assert len(keys) == len(set(keys))
    assert 12 <= len(keys) <= 14
    for card in cards["cards"]:
        validity = card["validity_years"]
        assert validity is None or (
            isinstance(validity, int) and not isinstance(validity, bool) and validity > 0
        ), card["key"]
        for field in ("name", "description", "trust_note"):
            _assert_text(card[field], f"card {card['key']} {field}")


def test_categories_and_skills(starter):
    category_keys = [c["key"] for c in starter["categories"]]
    assert len(category_keys) == len(set(category_keys))
    skill_keys = []
    for category in starter["categories"]:
        _assert_text(category["name"], f"category {category['key']}")
        assert category["skills"], category["key"]
        for skill in category["skills"]:
            assert skill["key"].startswith(category["key"] + "."), skill["key"]
            _assert_text(skill["name"], f"skill {skill['key']} name")
            _assert_text(skill["description"], f"skill {skill['key']} description")
            for lang in LANGS:
                assert len(skill["name"][lang]) <= 40, (skill["key"], lang)
            skill_keys.append(skill["key"])
    assert len(skill_keys) == len(set(skill_keys))
    assert 120 <= len(skill_keys) <= 160


def test_role_references_resolve(starter, cards, roles):
    skill_keys = {s["key"] for c in starter["categories"] for s in c["skills"]}
    card_keys = {c["key"] for c in cards["cards"]}
    role_keys = [r["key"] for r in roles["roles"]]
    assert len(role_keys) == len(set(role_keys))
    for role in roles["roles"]:
        _assert_text(role["title"], f"role {role['key']} title")
        assert role["skills"], role["key"]
        referenced = [entry["skill"] for entry in role["skills"]]
        assert len(referenced) == len(set(referenced)), role["key"]
        for entry in role["skills"]:
            assert entry["skill"] in skill_keys, (role["key"], entry["skill"])
            level = entry["level"]
            assert isinstance(level, int) and 1 <= level <= 4, (role["key"], entry)
        for card in role["cards"]:
            assert card in card_keys, (role["key"], card)
