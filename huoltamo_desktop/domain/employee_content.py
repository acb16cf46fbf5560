"""The bundled employee-mode content: statements, exercises, career-plan prompts, introduction.

The texts live in ``resources/employee/*.json`` in Finnish, Swedish and English;
each file is described by a model below and read once through
``domain/content.py``. Pick a language with ``huoltamo_desktop.i18n.pick``.
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
    keys_under,
    unique_keys,
    with_parent_key,
)
from huoltamo_desktop.i18n import pick

#: The value stored for "can't say": it counts as answered but not in the score.
CANT_SAY = 0
SCALE_VALUES: tuple[int, ...] = (1, 2, 3, 4, 5)
SCALE_KEYS = (*(str(v) for v in SCALE_VALUES), "cant_say")
# The career stages a prompt can be written for (people.CareerStage's values).
STAGES = ("newcomer", "established", "mid_career", "late_career")


class Statement(ContentModel):
    key: Key
    # Filled in from the area the statement is listed under; never written in the file.
    area: Key
    text: Texts


class Area(ContentModel):
    key: Key
    title: Texts
    description: Texts
    strength: Texts
    develop: Texts
    statements: UniqueKeyed[Statement]

    @model_validator(mode="before")
    @classmethod
    def _statements_know_their_area(cls, data: Any) -> Any:
        return with_parent_key(data, children="statements", field="area")

    @model_validator(mode="after")
    def _statement_keys_start_with_the_area(self) -> Area:
        keys_under(self.key, (s.key for s in self.statements), "statement")
        return self


class SelfAssessmentFile(ContentModel):
    version: int
    scale: dict[str, Texts]
    areas: UniqueKeyed[Area]

    @model_validator(mode="after")
    def _scale_and_keys(self) -> SelfAssessmentFile:
        if sorted(self.scale) != sorted(SCALE_KEYS):
            raise ValueError(f"scale must have exactly {', '.join(SCALE_KEYS)}")
        unique_keys((s.key for a in self.areas for s in a.statements), "statement")
        return self


class Exercise(ContentModel):
    key: Key
    area: Key
    title: Texts
    minutes: int
    instructions: Texts
    reflection_prompt: Texts

    @model_validator(mode="after")
    def _sensible(self) -> Exercise:
        if not self.key.startswith(self.area + "."):
            raise ValueError(f'exercise "{self.key}" must start with its area "{self.area}."')
        if not 1 <= self.minutes <= 120:
            raise ValueError("minutes must be from 1 to 120")
        return self


class ExercisesFile(ContentModel):
    version: int
    exercises: UniqueKeyed[Exercise]


class PlanSection(ContentModel):
    key: Key
    title: Texts
    prompt: Texts
    stage_prompts: dict[str, Texts] = {}

    @model_validator(mode="after")
    def _known_stages(self) -> PlanSection:
        unknown = sorted(set(self.stage_prompts) - set(STAGES))
        if unknown:
            raise ValueError(f"stage_prompts: unknown career stage {', '.join(unknown)}")
        return self

    def prompt_for(self, stage: str | None, language: str | None = None) -> str:
        """The general prompt, followed by the one for the person's career stage when there is one."""
        base = pick(self.prompt, language)
        extra = self.stage_prompts.get(stage or "")
        return f"{base} {pick(extra, language)}" if extra else base


class CareerPlanFile(ContentModel):
    version: int
    sections: UniqueKeyed[PlanSection]


class Intro(ContentModel):
    version: int
    title: Texts
    paragraphs: tuple[Texts, ...]
    manager_sees: tuple[Texts, ...]
    manager_never_sees: tuple[Texts, ...]
    privacy_note: Texts


def _areas_exist(exercises: ExercisesFile) -> list[str]:
    known = {a.key for a in SELF_ASSESSMENT.load().areas}
    return [
        f'exercises[{i}] "{e.key}" › area: "{e.area}" is not a self-assessment area'
        for i, e in enumerate(exercises.exercises)
        if e.area not in known
    ]


SELF_ASSESSMENT = Bundled("employee/self_assessment.json", SelfAssessmentFile)
EXERCISES = Bundled("employee/exercises.json", ExercisesFile, check=_areas_exist)
CAREER_PLAN = Bundled("employee/career_plan.json", CareerPlanFile)
INTRO = Bundled("employee/intro.json", Intro)


class Content:
    """All employee-mode content, the four files together."""

    def __init__(
        self,
        assessment: SelfAssessmentFile,
        exercises: ExercisesFile,
        plan: CareerPlanFile,
        intro: Intro,
    ) -> None:
        self.scale = assessment.scale
        self.areas = assessment.areas
        self.exercises = exercises.exercises
        self.plan_sections = plan.sections
        self.intro = intro

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


@cache
def content() -> Content:
    """All bundled employee content (read once)."""
    return Content(SELF_ASSESSMENT.load(), EXERCISES.load(), CAREER_PLAN.load(), INTRO.load())
