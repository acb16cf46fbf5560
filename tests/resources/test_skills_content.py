"""What the bundled skills content says (its shape is checked by the content models)."""

from __future__ import annotations

from huoltamo_desktop.domain import skills_content as sc

LANGS = ("fi", "sv", "en")


def test_versions() -> None:
    for bundled in (sc.LEVELS_FILE, sc.CARDS, sc.STARTER_SKILLS, sc.ROLE_PROFILES):
        assert bundled.load().version == 1


def test_levels_zero_to_four_in_order() -> None:
    assert [t.level for t in sc.levels()] == [0, 1, 2, 3, 4]


def test_twelve_to_fourteen_cards() -> None:
    assert 12 <= len(sc.starter_cards()) <= 14


def test_starter_skills_have_short_names_and_number_120_to_160() -> None:
    skills = sc.starter_skills_by_key()
    for skill in skills.values():
        for lang in LANGS:
            assert len(skill.name[lang]) <= 40, (skill.key, lang)
    assert 120 <= len(skills) <= 160


def test_every_role_profile_asks_for_skills() -> None:
    for role in sc.starter_profiles():
        assert role.skills, role.key
