"""The bundled skills content: levels, the starter catalogue, work cards and role profiles.

The files live in ``resources/skills/`` with every text in fi, sv and en; each is
described by a model below and read once through ``domain/content.py``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import model_validator

from huoltamo_desktop.domain.content import (
    Bundled,
    ContentModel,
    Key,
    Texts,
    UniqueKeyed,
    duplicates,
    keys_under,
    unique_keys,
    with_parent_key,
)

# Levels 0–4 (domain/skills.py); a role profile asks for 1–4, never "none".
LEVELS = (0, 1, 2, 3, 4)


class LevelText(ContentModel):
    level: int
    label: Texts
    descriptor: Texts


class LevelsFile(ContentModel):
    version: int
    levels: tuple[LevelText, ...]

    @model_validator(mode="after")
    def _each_level_once(self) -> LevelsFile:
        if sorted(t.level for t in self.levels) != list(LEVELS):
            raise ValueError("levels must be 0, 1, 2, 3 and 4, each once")
        return self


class StarterSkill(ContentModel):
    key: Key
    # Filled in from the category the skill is listed under; never written in the file.
    category_key: Key
    name: Texts
    description: Texts


class StarterCategory(ContentModel):
    key: Key
    name: Texts
    skills: UniqueKeyed[StarterSkill]

    @model_validator(mode="before")
    @classmethod
    def _skills_know_their_category(cls, data: Any) -> Any:
        return with_parent_key(data, children="skills", field="category_key")

    @model_validator(mode="after")
    def _skill_keys_start_with_the_category(self) -> StarterCategory:
        if not self.skills:
            raise ValueError(f'category "{self.key}" has no skills')
        keys_under(self.key, (s.key for s in self.skills), "skill")
        return self


class StarterSkillsFile(ContentModel):
    version: int
    categories: UniqueKeyed[StarterCategory]

    @model_validator(mode="after")
    def _skill_keys_unique(self) -> StarterSkillsFile:
        unique_keys((s.key for c in self.categories for s in c.skills), "skill")
        return self


class StarterCard(ContentModel):
    key: Key
    name: Texts
    validity_years: int | None
    description: Texts
    trust_note: Texts

    @model_validator(mode="after")
    def _validity(self) -> StarterCard:
        if self.validity_years is not None and self.validity_years <= 0:
            raise ValueError("validity_years must be a positive number of years, or null")
        return self


class CardsFile(ContentModel):
    version: int
    cards: UniqueKeyed[StarterCard]


class ProfileSkill(ContentModel):
    skill: Key
    level: int

    @model_validator(mode="after")
    def _level(self) -> ProfileSkill:
        if not 1 <= self.level <= 4:
            raise ValueError("level must be from 1 to 4")
        return self


class StarterProfile(ContentModel):
    key: Key
    title: Texts
    skills: tuple[ProfileSkill, ...]
    cards: tuple[Key, ...]

    @model_validator(mode="after")
    def _each_skill_once(self) -> StarterProfile:
        repeated = duplicates(s.skill for s in self.skills)
        if repeated:
            raise ValueError(f"skill {', '.join(repeated)} is listed more than once")
        return self


class RoleProfilesFile(ContentModel):
    version: int
    roles: UniqueKeyed[StarterProfile]


def _references_resolve(profiles: RoleProfilesFile) -> list[str]:
    skills = starter_skills_by_key()
    cards = {c.key for c in starter_cards()}
    problems = []
    for i, role in enumerate(profiles.roles):
        where = f'roles[{i}] "{role.key}"'
        problems += [
            f'{where} › skills: "{s.skill}" is not a starter skill'
            for s in role.skills
            if s.skill not in skills
        ]
        problems += [
            f'{where} › cards: "{c}" is not a bundled card' for c in role.cards if c not in cards
        ]
    return problems


LEVELS_FILE = Bundled("skills/levels.json", LevelsFile)
STARTER_SKILLS = Bundled("skills/starter_skills.json", StarterSkillsFile)
CARDS = Bundled("skills/cards.json", CardsFile)
ROLE_PROFILES = Bundled("skills/role_profiles.json", RoleProfilesFile, check=_references_resolve)


@cache
def levels() -> tuple[LevelText, ...]:
    return tuple(sorted(LEVELS_FILE.load().levels, key=lambda t: t.level))


def starter_categories() -> tuple[StarterCategory, ...]:
    return STARTER_SKILLS.load().categories


@cache
def starter_skills_by_key() -> dict[str, StarterSkill]:
    return {s.key: s for c in starter_categories() for s in c.skills}


def starter_cards() -> tuple[StarterCard, ...]:
    return CARDS.load().cards


def starter_profiles() -> tuple[StarterProfile, ...]:
    """The starter role profiles; every skill and card they name is in the bundled catalogue."""
    return ROLE_PROFILES.load().roles
