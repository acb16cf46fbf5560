"""Conversation templates: bundled kinds, the firm's edits and its own questions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    ConversationCustomQuestion,
    ConversationTemplateEdit,
    question_applies,
)
from huoltamo_desktop.domain.conversations_content import TemplateKind, bundled_kinds
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import CareerStage
from huoltamo_desktop.i18n import LANGUAGES, _, pick
from huoltamo_desktop.services.seats_versions import merge_edit, merge_texts


def bundled_templates() -> dict[str, TemplateKind]:
    """The bundled kinds from resources/conversations/templates.json, by key."""
    return bundled_kinds()


def kind_keys() -> list[str]:
    return list(bundled_templates())


def kind_name(kind: str, language: str | None = None) -> str:
    data = bundled_templates().get(kind)
    return pick(data.name, language) if data else kind


def kind_description(kind: str, language: str | None = None) -> str:
    data = bundled_templates().get(kind)
    return pick(data.description, language) if data else ""


@dataclass
class QuestionView:
    key: str
    text: str
    texts: dict[str, str]
    stages: list[str]
    custom_id: int | None = None
    hidden: bool = False
    edited: bool = False
    row_version: int | None = None  # the firm's own question's version, as read


@dataclass
class TopicView:
    key: str
    title: str
    guide: str
    titles: dict[str, str]
    guides: dict[str, str]
    questions: list[QuestionView] = field(default_factory=list)
    # The topic that sums up what was agreed: the summary prints its note with the actions.
    closing: bool = False


@dataclass
class TemplateView:
    kind: str
    name: str
    description: str
    duration_minutes: int
    topics: list[TopicView]


def _edits(session: Session) -> dict[tuple[str, str, str], str]:
    return {
        (e.key, e.part, e.language): e.value for e in session.exec(select(ConversationTemplateEdit))
    }


def _merged(
    texts: dict[str, str], edits: dict[tuple[str, str, str], str], key: str, part: str
) -> dict[str, str]:
    merged = dict(texts)
    for lang in LANGUAGES:
        value = edits.get((key, part, lang))
        if value:
            merged[lang] = value
    return merged


def template_for(
    session: Session,
    *,
    kind: str,
    stage: str | None,
    language: str | None = None,
    everything: bool = False,
) -> TemplateView:
    """The template of ``kind`` for a person at ``stage`` with the firm's edits applied.

    ``everything`` keeps the questions of every stage and the hidden ones (for
    the template editor); otherwise only what suits the stage and is shown.
    """
    data = bundled_templates().get(kind)
    if data is None:
        raise ValidationError(_("Choose the kind of conversation."), "kind")
    edits = _edits(session)
    hidden = {key for (key, part, _lang) in edits if part == "hidden"}
    custom: dict[str, list[ConversationCustomQuestion]] = {}
    for row in session.exec(
        select(ConversationCustomQuestion).order_by(
            col(ConversationCustomQuestion.position), col(ConversationCustomQuestion.id)
        )
    ):
        custom.setdefault(row.topic_key, []).append(row)
    source_topics = data.topics if everything else data.adapted(stage)
    topics: list[TopicView] = []
    for topic in source_topics:
        titles = _merged(topic.title, edits, topic.key, "title")
        guides = _merged(topic.guide, edits, topic.key, "guide")
        view = TopicView(
            topic.key,
            pick(titles, language),
            pick(guides, language),
            titles,
            guides,
            closing=topic.closing,
        )
        for q in topic.questions:
            is_hidden = q.key in hidden
            if is_hidden and not everything:
                continue
            texts = _merged(q.text, edits, q.key, "text")
            view.questions.append(
                QuestionView(
                    q.key,
                    pick(texts, language),
                    texts,
                    list(q.stages),
                    hidden=is_hidden,
                    edited=texts != q.text,
                )
            )
        for row in custom.get(topic.key, []):
            stages = [s for s in row.stages.split(",") if s]
            if not everything and not question_applies(stages, stage):
                continue
            texts = {"fi": row.text_fi, "sv": row.text_sv, "en": row.text_en}
            view.questions.append(
                QuestionView(
                    f"custom.{row.id}",
                    pick(texts, language),
                    texts,
                    stages,
                    custom_id=row.id,
                    row_version=row.row_version,
                )
            )
        topics.append(view)
    return TemplateView(
        kind,
        pick(data.name, language),
        pick(data.description, language),
        data.duration_minutes,
        topics,
    )


def _bundled_text(key: str, part: str) -> dict[str, str]:
    for kind in bundled_templates().values():
        for topic in kind.topics:
            if topic.key == key and part in ("title", "guide"):
                return dict(topic.title if part == "title" else topic.guide)
            for q in topic.questions:
                if q.key == key and part == "text":
                    return dict(q.text)
    raise ValidationError(_("That part of the template no longer exists."))


def template_texts(session: Session, *, key: str, part: str) -> dict[str, str]:
    """A topic title, guide or question as the firm has it now, per language."""
    texts = _bundled_text(key, part)
    for row in session.exec(
        select(ConversationTemplateEdit).where(
            ConversationTemplateEdit.key == key, ConversationTemplateEdit.part == part
        )
    ):
        texts[row.language] = row.value
    return {lang: texts.get(lang, "").strip() for lang in LANGUAGES}


def set_template_text(
    session: Session,
    *,
    key: str,
    part: str,
    texts: dict[str, str],
    base: dict[str, str] | None = None,
) -> None:
    """The firm's wording for a topic title, topic guide or question, per language.

    A text left empty or equal to the bundled one goes back to the bundled text.
    ``base`` is what the form showed: a language another manager changed
    meanwhile keeps their wording, one both changed raises ``ConflictError``.
    """
    bundled = _bundled_text(key, part)
    if base is not None:
        texts = merge_texts(
            base={lang: base.get(lang, "").strip() for lang in LANGUAGES},
            yours={lang: texts.get(lang, "").strip() for lang in LANGUAGES},
            theirs=template_texts(session, key=key, part=part),
        )
    for lang in LANGUAGES:
        value = texts.get(lang, "").strip()
        existing = session.exec(
            select(ConversationTemplateEdit).where(
                ConversationTemplateEdit.key == key,
                ConversationTemplateEdit.part == part,
                ConversationTemplateEdit.language == lang,
            )
        ).first()
        if not value or value == bundled.get(lang, "").strip():
            if existing is not None:
                session.delete(existing)
            continue
        if len(value) > 500:
            raise ValidationError(_("Keep the text under 500 characters."), "text")
        row = existing or ConversationTemplateEdit(key=key, part=part, language=lang)
        row.value = value
        session.add(row)
    session.flush()


def set_question_hidden(session: Session, *, key: str, hidden: bool) -> None:
    """Leave a bundled question out of the firm's conversations, or bring it back."""
    _bundled_text(key, "text")
    existing = session.exec(
        select(ConversationTemplateEdit).where(
            ConversationTemplateEdit.key == key, ConversationTemplateEdit.part == "hidden"
        )
    ).first()
    if hidden and existing is None:
        session.add(ConversationTemplateEdit(key=key, part="hidden", language="", value="1"))
    elif not hidden and existing is not None:
        session.delete(existing)
    session.flush()


def _clean_question(texts: dict[str, str], stages: Iterable[str]) -> tuple[dict[str, str], str]:
    clean = {lang: texts.get(lang, "").strip() for lang in LANGUAGES}
    if not any(clean.values()):
        raise ValidationError(_("Write the question in at least one language."), "text")
    if any(len(v) > 500 for v in clean.values()):
        raise ValidationError(_("Keep the text under 500 characters."), "text")
    stage_list = [s for s in stages if s]
    if not stage_list or "all" in stage_list:
        return clean, "all"
    valid = set(CareerStage)
    if not set(stage_list) <= valid:
        raise ValidationError(_("Choose the career stages the question suits."), "stages")
    return clean, ",".join(s for s in CareerStage if s in stage_list)


def add_custom_question(
    session: Session, *, topic_key: str, texts: dict[str, str], stages: Iterable[str] = ("all",)
) -> ConversationCustomQuestion:
    """The firm's own question at the end of a topic."""
    _bundled_text(topic_key, "title")
    clean, stage_text = _clean_question(texts, stages)
    last = session.exec(
        select(func.max(ConversationCustomQuestion.position)).where(
            ConversationCustomQuestion.topic_key == topic_key
        )
    ).one()
    row = ConversationCustomQuestion(
        topic_key=topic_key,
        text_fi=clean["fi"],
        text_sv=clean["sv"],
        text_en=clean["en"],
        stages=stage_text,
        position=(last or 0) + 1,
    )
    session.add(row)
    session.flush()
    return row


def update_custom_question(
    session: Session,
    *,
    question_id: int,
    texts: dict[str, str],
    stages: Iterable[str] = ("all",),
    expected_version: int | None = None,
    base: dict[str, str] | None = None,
) -> ConversationCustomQuestion:
    """Change the firm's own question; ``base`` holds its texts per language and
    ``"stages"`` as the form read them at ``expected_version``."""
    row = session.get(ConversationCustomQuestion, question_id)
    if row is None:
        raise ValidationError(_("That question no longer exists."))
    clean, stage_text = _clean_question(texts, stages)
    if base is not None:
        merged = merge_edit(
            current_version=row.row_version,
            expected_version=expected_version,
            base=base,
            yours={**clean, "stages": stage_text},
            theirs={"fi": row.text_fi, "sv": row.text_sv, "en": row.text_en, "stages": row.stages},
        )
        stage_text = merged.pop("stages")
        clean = merged
    row.text_fi, row.text_sv, row.text_en = clean["fi"], clean["sv"], clean["en"]
    row.stages = stage_text
    session.add(row)
    session.flush()
    return row


def delete_custom_question(session: Session, *, question_id: int) -> None:
    session.execute(
        delete(ConversationCustomQuestion).where(col(ConversationCustomQuestion.id) == question_id)
    )
    session.flush()
