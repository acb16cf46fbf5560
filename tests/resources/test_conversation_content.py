"""Checks for the bundled conversation templates (resources/conversations/templates.json)."""

import json
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "conversations" / "templates.json"

KIND_KEYS = ["career", "development", "checkin", "group"]
STAGES = {"newcomer", "established", "mid_career", "late_career"}
LANGS = ("fi", "sv", "en")
FORBIDDEN = ("diagnos", "sairaus", "sjukdom", "illness")


@pytest.fixture(scope="module")
def data():
    with TEMPLATES.open(encoding="utf-8") as f:
        return json.load(f)


def _kind(data, key):
    return next(k for k in data["kinds"] if k["key"] == key)


def _questions(kind):
    for topic in kind["topics"]:
        yield from topic["questions"]


def _text_objects(data):
    """Yield (where, text_object) for every translatable text in the file."""
    for kind in data["kinds"]:
        for field in ("name", "description"):
            yield f"{kind['key']}.{field}", kind[field]
        for topic in kind["topics"]:
            for field in ("title", "guide"):
                yield f"{topic['key']}.{field}", topic[field]
            for q in topic["questions"]:
                yield f"{q['key']}.text", q["text"]


def test_version_and_kinds_in_order(data):
    assert data["version"] == 1
    assert [k["key"] for k in data["kinds"]] == KIND_KEYS


def test_keys_unique_and_prefixed(data):
    keys = []
    for kind in data["kinds"]:
        keys.append(kind["key"])
        for topic in kind["topics"]:
            keys.append(topic["key"])
            assert topic["key"].startswith(kind["key"] + ".")
            for q in topic["questions"]:
                keys.append(q["key"])
                assert q["key"].startswith(topic["key"] + ".")
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, f"duplicate keys: {sorted(duplicates)}"


def test_every_text_has_all_languages(data):
    for where, text in _text_objects(data):
        assert isinstance(text, dict), where
        for lang in LANGS:
            value = text.get(lang)
            assert isinstance(value, str) and value.strip(), f"{where} missing {lang}"


def test_durations_positive(data):
    for kind in data["kinds"]:
        assert isinstance(kind["duration_minutes"], int) and kind["duration_minutes"] > 0


def test_topic_and_question_counts(data):
    expected_topics = {"career": (6, 8), "development": (5, 7), "checkin": (2, 3), "group": (4, 6)}
    for kind in data["kinds"]:
        low, high = expected_topics[kind["key"]]
        assert low <= len(kind["topics"]) <= high, kind["key"]
        for topic in kind["topics"]:
            assert topic["questions"], topic["key"]
    for topic in _kind(data, "career")["topics"]:
        assert 2 <= len(topic["questions"]) <= 5, topic["key"]


def test_stage_values_valid(data):
    for kind in data["kinds"]:
        for q in _questions(kind):
            stages = q["stages"]
            assert isinstance(stages, list) and stages, q["key"]
            if "all" in stages:
                assert stages == ["all"], q["key"]
            else:
                assert set(stages) <= STAGES, q["key"]
                assert len(set(stages)) == len(stages), q["key"]


def test_career_has_questions_for_every_stage(data):
    counts = {stage: 0 for stage in STAGES}
    for q in _questions(_kind(data, "career")):
        for stage in q["stages"]:
            if stage != "all":
                counts[stage] += 1
    for stage, n in counts.items():
        assert n >= 2, f"career has only {n} question(s) for {stage}"


@pytest.mark.parametrize("kind_key", ["career", "development", "checkin"])
def test_wellbeing_topic_present(data, kind_key):
    keys = [t["key"] for t in _kind(data, kind_key)["topics"]]
    assert f"{kind_key}.wellbeing" in keys, keys


def test_no_health_detail_words_in_questions(data):
    for kind in data["kinds"]:
        for q in _questions(kind):
            for lang in LANGS:
                text = q["text"][lang].lower()
                for word in FORBIDDEN:
                    assert word not in text, f"{q['key']} ({lang}) contains '{word}'"
