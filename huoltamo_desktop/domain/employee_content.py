"""The bundled employee-mode content: statements, exercises, career-plan prompts, introduction.

The texts live in ``resources/employee/*.json`` in Finnish, Swedish and English;
this module reads them once and hands out small frozen objects. Pick a
language with ``huoltamo_desktop.i18n.pick``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from huoltamo_desktop.i18n import pick
from huoltamo_desktop.paths import resource

Texts = dict[str, str]

#: The value stored for "can't say": it counts as answered but not in the score.
CANT_SAY = 0
SCALE_VALUES: tuple[int, ...] = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Statement:
    key: str
    area: str
    text: Texts


@dataclass(frozen=True)
class Area:
    key: str
    title: Texts
    description: Texts
    strength: Texts
    develop: Texts
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Exercise:
    key: str
    area: str
    title: Texts
    minutes: int
    instructions: Texts
    reflection_prompt: Texts


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: Texts
    prompt: Texts
    stage_prompts: dict[str, Texts]

    def prompt_for(self, stage: str | None, language: str | None = None) -> str:
        """The general prompt, followed by the one for the person's career stage when there is one."""
        base = pick(self.prompt, language)
        extra = self.stage_prompts.get(stage or "")
        return f"{base} {pick(extra, language)}" if extra else base


@dataclass(frozen=True)
class Intro:
    title: Texts
    paragraphs: tuple[Texts, ...]
    manager_sees: tuple[Texts, ...]
    manager_never_sees: tuple[Texts, ...]
    privacy_note: Texts


@dataclass(frozen=True)
class Content:
    scale: dict[str, Texts]
    areas: tuple[Area, ...]
    exercises: tuple[Exercise, ...]
    plan_sections: tuple[PlanSection, ...]
    intro: Intro

    def area(self, key: str) -> Area:
        for area in self.areas:
            if area.key == key:
                return area
        raise KeyError(key)

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for a in self.areas for s in a.statements)

    def exercise(self, key: str) -> Exercise | None:
        return next((e for e in self.exercises if e.key == key), None)

    def exercises_for(self, area_key: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.area == area_key)

    def plan_section(self, key: str) -> PlanSection | None:
        return next((s for s in self.plan_sections if s.key == key), None)

    def scale_label(self, value: int, language: str | None = None) -> str:
        return pick(self.scale["cant_say" if value == CANT_SAY else str(value)], language)


def _read(name: str) -> Any:
    with resource("employee", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def content() -> Content:
    """All bundled employee content (read once)."""
    sa = _read("self_assessment.json")
    areas = tuple(
        Area(
            key=a["key"],
            title=a["title"],
            description=a["description"],
            strength=a["strength"],
            develop=a["develop"],
            statements=tuple(Statement(s["key"], a["key"], s["text"]) for s in a["statements"]),
        )
        for a in sa["areas"]
    )
    exercises = tuple(
        Exercise(
            key=e["key"],
            area=e["area"],
            title=e["title"],
            minutes=int(e["minutes"]),
            instructions=e["instructions"],
            reflection_prompt=e["reflection_prompt"],
        )
        for e in _read("exercises.json")["exercises"]
    )
    plan = tuple(
        PlanSection(s["key"], s["title"], s["prompt"], s.get("stage_prompts", {}))
        for s in _read("career_plan.json")["sections"]
    )
    i = _read("intro.json")
    intro = Intro(
        title=i["title"],
        paragraphs=tuple(i["paragraphs"]),
        manager_sees=tuple(i["manager_sees"]),
        manager_never_sees=tuple(i["manager_never_sees"]),
        privacy_note=i["privacy_note"],
    )
    return Content(
        scale=sa["scale"], areas=areas, exercises=exercises, plan_sections=plan, intro=intro
    )
