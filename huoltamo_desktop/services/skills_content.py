"""The bundled skills content: levels, the starter catalogue, work cards and role profiles.

The files live in ``resources/skills/`` with every text in fi, sv and en. They
are read once and kept as plain, frozen objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from huoltamo_desktop.paths import resource

Texts = dict[str, str]


@dataclass(frozen=True)
class LevelText:
    level: int
    label: Texts
    descriptor: Texts


@dataclass(frozen=True)
class StarterSkill:
    key: str
    category_key: str
    name: Texts
    description: Texts


@dataclass(frozen=True)
class StarterCategory:
    key: str
    name: Texts
    skills: tuple[StarterSkill, ...]


@dataclass(frozen=True)
class StarterCard:
    key: str
    name: Texts
    validity_years: int | None
    description: Texts
    trust_note: Texts


@dataclass(frozen=True)
class StarterProfile:
    key: str
    title: Texts
    skills: tuple[tuple[str, int], ...]
    cards: tuple[str, ...]


def _read(name: str) -> Any:
    with resource("skills", name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _texts(value: Any) -> Texts:
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items() if isinstance(v, str)}
    if isinstance(value, str):
        return {"fi": value, "sv": value, "en": value}
    return {}


def _items(data: Any, *names: str) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for name in names:
            if isinstance(data.get(name), list):
                return list(data[name])
            if isinstance(data.get(name), dict):
                return [dict(v, key=k) if isinstance(v, dict) else v for k, v in data[name].items()]
    return []


@cache
def levels() -> tuple[LevelText, ...]:
    data = _read("levels.json")
    items = _items(data, "levels")
    if not items and isinstance(data, dict):
        items = [dict(v, level=k) for k, v in data.items() if str(k).isdigit()]
    result = []
    for item in items:
        level = int(item.get("level", item.get("key", 0)))
        result.append(LevelText(level, _texts(item.get("label")), _texts(item.get("descriptor"))))
    return tuple(sorted(result, key=lambda t: t.level))


@cache
def starter_categories() -> tuple[StarterCategory, ...]:
    data = _read("starter_skills.json")
    categories: list[StarterCategory] = []
    cat_items = _items(data, "categories")
    flat_skills = _items(data, "skills") if isinstance(data, dict) and "skills" in data else []
    for cat in cat_items:
        key = str(cat["key"])
        skills_raw = cat.get("skills") or [s for s in flat_skills if s.get("category") == key]
        skills = tuple(
            StarterSkill(str(s["key"]), key, _texts(s.get("name")), _texts(s.get("description")))
            for s in skills_raw
        )
        categories.append(StarterCategory(key, _texts(cat.get("name")), skills))
    return tuple(categories)


@cache
def starter_skills_by_key() -> dict[str, StarterSkill]:
    return {s.key: s for c in starter_categories() for s in c.skills}


@cache
def starter_cards() -> tuple[StarterCard, ...]:
    data = _read("cards.json")
    result = []
    for item in _items(data, "cards"):
        years = item.get("validity_years")
        result.append(
            StarterCard(
                str(item["key"]),
                _texts(item.get("name")),
                int(years) if years is not None else None,
                _texts(item.get("description")),
                _texts(item.get("trust_note")),
            )
        )
    return tuple(result)


@cache
def starter_profiles() -> tuple[StarterProfile, ...]:
    data = _read("role_profiles.json")
    result = []
    for item in _items(data, "roles", "profiles", "role_profiles"):
        skills = tuple(
            (str(line.get("skill") or line.get("key")), int(line.get("level", 2)))
            for line in item.get("skills", [])
        )
        cards = tuple(str(c if isinstance(c, str) else c.get("key")) for c in item.get("cards", []))
        result.append(StarterProfile(str(item["key"]), _texts(item.get("title")), skills, cards))
    return tuple(result)
