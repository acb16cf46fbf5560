"""The bundled conversation templates: kinds, their topics and questions.

``resources/conversations/templates.json`` holds every text in fi, sv and en;
the models below describe it and ``domain/content.py`` reads it once. The
firm's own wording and questions are stored apart and laid over these
(``services/conversations/templates.py``).
"""

from __future__ import annotations

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
)
from huoltamo_desktop.domain.conversations import ALL_STAGES, question_applies
from huoltamo_desktop.domain.people import CareerStage


class TemplateQuestion(ContentModel):
    key: Key
    text: Texts
    stages: tuple[str, ...]

    @model_validator(mode="after")
    def _stages(self) -> TemplateQuestion:
        if not self.stages:
            raise ValueError('stages: name the career stages, or "all"')
        if ALL_STAGES in self.stages and self.stages != (ALL_STAGES,):
            raise ValueError('stages: "all" stands alone')
        known = {s.value for s in CareerStage} | {ALL_STAGES}
        unknown = [s for s in self.stages if s not in known]
        if unknown:
            raise ValueError(f"stages: unknown career stage {', '.join(unknown)}")
        if duplicates(self.stages):
            raise ValueError("stages: a stage is listed twice")
        return self


class TemplateTopic(ContentModel):
    key: Key
    title: Texts
    guide: Texts
    questions: UniqueKeyed[TemplateQuestion]
    # The topic that sums up what was agreed: the summary prints its note with the actions.
    closing: bool = False

    @model_validator(mode="after")
    def _question_keys(self) -> TemplateTopic:
        if not self.questions:
            raise ValueError(f'topic "{self.key}" has no questions')
        keys_under(self.key, (q.key for q in self.questions), "question")
        return self


class TemplateKind(ContentModel):
    key: Key
    name: Texts
    description: Texts
    duration_minutes: int
    topics: UniqueKeyed[TemplateTopic]

    @model_validator(mode="after")
    def _sensible(self) -> TemplateKind:
        if self.duration_minutes <= 0:
            raise ValueError("duration_minutes must be more than 0")
        keys_under(self.key, (t.key for t in self.topics), "topic")
        return self

    def adapted(self, stage: str | None) -> tuple[TemplateTopic, ...]:
        """The topics with only the questions that suit ``stage`` (all topics stay)."""
        return tuple(
            t.model_copy(
                update={
                    "questions": tuple(q for q in t.questions if question_applies(q.stages, stage))
                }
            )
            for t in self.topics
        )


class TemplatesFile(ContentModel):
    version: int
    kinds: UniqueKeyed[TemplateKind]

    @model_validator(mode="after")
    def _keys_unique_across_kinds(self) -> TemplatesFile:
        # The firm's edits are stored by topic and question key, so one key is one text.
        unique_keys(
            (
                key
                for k in self.kinds
                for t in k.topics
                for key in (t.key, *(q.key for q in t.questions))
            ),
            "topic or question",
        )
        return self


TEMPLATES = Bundled("conversations/templates.json", TemplatesFile)


def bundled_kinds() -> dict[str, TemplateKind]:
    """The bundled kinds by key, in the file's order."""
    return {kind.key: kind for kind in TEMPLATES.load().kinds}
