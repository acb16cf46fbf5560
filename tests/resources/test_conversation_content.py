"""What the bundled conversation templates say (their shape is checked by the content model)."""

from __future__ import annotations

import pytest

from huoltamo_desktop.domain.conversations_content import (
    TEMPLATES,
    TemplateKind,
    TemplateQuestion,
    TemplatesFile,
    bundled_kinds,
)

KIND_KEYS = ["career", "development", "checkin", "group"]
STAGES = ("newcomer", "established", "mid_career", "late_career")
LANGS = ("fi", "sv", "en")
FORBIDDEN = ("diagnos", "sairaus", "sjukdom", "illness")


@pytest.fixture(scope="module")
def data() -> TemplatesFile:
    return TEMPLATES.load()


def _kind(key: str) -> TemplateKind:
    return bundled_kinds()[key]


def _questions(kind: TemplateKind) -> list[TemplateQuestion]:
    return [q for topic in kind.topics for q in topic.questions]


def test_version_and_kinds_in_order(data: TemplatesFile) -> None:
    assert data.version == 1
    assert [k.key for k in data.kinds] == KIND_KEYS


def test_topic_and_question_counts(data: TemplatesFile) -> None:
    expected_topics = {"career": (6, 8), "development": (5, 7), "checkin": (2, 3), "group": (4, 6)}
    for kind in data.kinds:
        low, high = expected_topics[kind.key]
        assert low <= len(kind.topics) <= high, kind.key
    for topic in _kind("career").topics:
        assert 2 <= len(topic.questions) <= 5, topic.key


def test_career_has_questions_for_every_stage() -> None:
    counts = dict.fromkeys(STAGES, 0)
    for q in _questions(_kind("career")):
        for stage in q.stages:
            if stage != "all":
                counts[stage] += 1
    for stage, n in counts.items():
        assert n >= 2, f"career has only {n} question(s) for {stage}"


@pytest.mark.parametrize("kind_key", ["career", "development", "checkin"])
def test_wellbeing_topic_present(kind_key: str) -> None:
    keys = [t.key for t in _kind(kind_key).topics]
    assert f"{kind_key}.wellbeing" in keys, keys


def test_no_health_detail_words_in_questions(data: TemplatesFile) -> None:
    for kind in data.kinds:
        for q in _questions(kind):
            for lang in LANGS:
                text = q.text[lang].lower()
                for word in FORBIDDEN:
                    assert word not in text, f"{q.key} ({lang}) contains '{word}'"
