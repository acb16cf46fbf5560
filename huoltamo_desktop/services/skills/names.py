"""Skill, category, card and level names in the user's language."""

from __future__ import annotations

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.skills import CardType, Skill, SkillCategory, is_valid_level
from huoltamo_desktop.i18n import _, current_language, pick


def _localised(obj: object, base: str, language: str | None) -> str:
    lang = language or current_language()
    value = getattr(obj, f"{base}_{lang}", None)
    if value:
        return str(value)
    return str(getattr(obj, base) or "")


def skill_name(skill: Skill, language: str | None = None) -> str:
    """The skill's name in ``language`` (default: the UI language); the firm's own name otherwise."""
    return _localised(skill, "name", language)


def skill_description(skill: Skill, language: str | None = None) -> str:
    return _localised(skill, "description", language)


def category_name(category: SkillCategory | None, language: str | None = None) -> str:
    if category is None:
        return _("Other skills")
    return _localised(category, "name", language)


def card_name(card: CardType, language: str | None = None) -> str:
    return _localised(card, "name", language)


def level_label(level: int, language: str | None = None) -> str:
    """The short name of a level 0–4, e.g. "works independently"."""
    for text in skills_content.levels():
        if text.level == level:
            return pick(text.label, language)
    return str(level)


def level_descriptor(level: int, language: str | None = None) -> str:
    """The one-line descriptor of a level, shown wherever a level is chosen."""
    for text in skills_content.levels():
        if text.level == level:
            return pick(text.descriptor, language)
    return ""


def level_text(level: int, language: str | None = None) -> str:
    """``"2 – works independently"``: what a level picker shows."""
    return f"{level} – {level_label(level, language)}"


def _check_level(level: int) -> int:
    if not is_valid_level(level):
        raise ValidationError(_("A level is a whole number from 0 to 4."), "level")
    return level
