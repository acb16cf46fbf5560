"""Career conversations: templates, notes, agreed actions, versions, rhythm and the summary."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import delete, func, or_, update
from sqlalchemy.engine import ScalarResult
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    ACTION_KIND_LABELS,
    ACTION_STATUS_LABELS,
    INDIVIDUAL_KINDS,
    OPEN_STATUSES,
    OWNER_LABELS,
    ActionKind,
    ActionOwner,
    ActionStatus,
    Conversation,
    ConversationAction,
    ConversationCarried,
    ConversationCustomQuestion,
    ConversationKind,
    ConversationNote,
    ConversationState,
    ConversationTemplateEdit,
    SummaryAction,
    SummaryData,
    SummaryTopic,
    adapt_kind,
    add_months,
    is_overdue,
    question_applies,
)
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import CareerStage, Person, PersonStatus, Team, utcnow
from huoltamo_desktop.i18n import LANGUAGES, N_, _, current_language, pick, translator_for
from huoltamo_desktop.paths import resource

# --- templates ----------------------------------------------------------------------


@cache
def bundled_templates() -> dict[str, dict[str, Any]]:
    """The bundled kinds from resources/conversations/templates.json, by key."""
    with resource("conversations", "templates.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {kind["key"]: kind for kind in data["kinds"]}


def kind_keys() -> list[str]:
    return list(bundled_templates())


def kind_name(kind: str, language: str | None = None) -> str:
    data = bundled_templates().get(kind)
    return pick(data["name"], language) if data else kind


def kind_description(kind: str, language: str | None = None) -> str:
    data = bundled_templates().get(kind)
    return pick(data["description"], language) if data else ""


@dataclass
class QuestionView:
    key: str
    text: str
    texts: dict[str, str]
    stages: list[str]
    custom_id: int | None = None
    hidden: bool = False
    edited: bool = False


@dataclass
class TopicView:
    key: str
    title: str
    guide: str
    titles: dict[str, str]
    guides: dict[str, str]
    questions: list[QuestionView] = field(default_factory=list)


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
    source_topics = data["topics"] if everything else adapt_kind(data, stage)
    topics: list[TopicView] = []
    for topic in source_topics:
        titles = _merged(topic["title"], edits, topic["key"], "title")
        guides = _merged(topic["guide"], edits, topic["key"], "guide")
        view = TopicView(
            topic["key"], pick(titles, language), pick(guides, language), titles, guides
        )
        for q in topic["questions"]:
            is_hidden = q["key"] in hidden
            if is_hidden and not everything:
                continue
            texts = _merged(q["text"], edits, q["key"], "text")
            view.questions.append(
                QuestionView(
                    q["key"],
                    pick(texts, language),
                    texts,
                    list(q["stages"]),
                    hidden=is_hidden,
                    edited=texts != q["text"],
                )
            )
        for row in custom.get(topic["key"], []):
            stages = [s for s in row.stages.split(",") if s]
            if not everything and not question_applies(stages, stage):
                continue
            texts = {"fi": row.text_fi, "sv": row.text_sv, "en": row.text_en}
            view.questions.append(
                QuestionView(
                    f"custom.{row.id}", pick(texts, language), texts, stages, custom_id=row.id
                )
            )
        topics.append(view)
    return TemplateView(
        kind,
        pick(data["name"], language),
        pick(data["description"], language),
        data["duration_minutes"],
        topics,
    )


def _bundled_text(key: str, part: str) -> dict[str, str]:
    for kind in bundled_templates().values():
        for topic in kind["topics"]:
            if topic["key"] == key and part in ("title", "guide"):
                return dict(topic[part])
            for q in topic["questions"]:
                if q["key"] == key and part == "text":
                    return dict(q["text"])
    raise ValidationError(_("That part of the template no longer exists."))


def set_template_text(session: Session, *, key: str, part: str, texts: dict[str, str]) -> None:
    """The firm's wording for a topic title, topic guide or question, per language.

    A text left empty or equal to the bundled one goes back to the bundled text.
    """
    bundled = _bundled_text(key, part)
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
    session: Session, *, question_id: int, texts: dict[str, str], stages: Iterable[str] = ("all",)
) -> ConversationCustomQuestion:
    row = session.get(ConversationCustomQuestion, question_id)
    if row is None:
        raise ValidationError(_("That question no longer exists."))
    clean, stage_text = _clean_question(texts, stages)
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


# --- conversations --------------------------------------------------------------------


def _get(session: Session, conversation_id: int) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise UserError(_("No conversation with ID {id}.").format(id=conversation_id))
    return conversation


_Child = TypeVar("_Child", ConversationNote, ConversationAction, ConversationCarried)


def _children(session: Session, table: type[_Child], conversation_id: int) -> ScalarResult[_Child]:
    """The rows of ``table`` (notes, actions or carried-action links) of one conversation."""
    return session.exec(select(table).where(table.conversation_id == conversation_id))


def _editable(session: Session, conversation_id: int) -> Conversation:
    conversation = _get(session, conversation_id)
    if conversation.is_final:
        raise ValidationError(
            _(
                "This conversation is final. Make a new version to change it; the final one is kept as it is."
            )
        )
    return conversation


def _touch(conversation: Conversation) -> None:
    conversation.updated_at = utcnow()


@dataclass
class ConversationRow:
    id: int
    held_on: date
    kind: str
    kind_name: str
    person_id: int | None
    subject: str  # the person's name, or the team's for a group discussion
    manager_name: str
    state: str
    version: int
    next_on: date | None
    is_current: bool


def _names(session: Session) -> tuple[dict[int, Person], dict[int, str]]:
    people = {p.id: p for p in session.exec(select(Person)) if p.id is not None}
    teams = {t.id: t.name for t in session.exec(select(Team)) if t.id is not None}
    return people, teams


def _row(
    c: Conversation, people: dict[int, Person], teams: dict[int, str], language: str | None
) -> ConversationRow:
    if c.person_id is not None and c.person_id in people:
        subject = people[c.person_id].full_name
    else:
        subject = teams.get(c.team_id or -1, "")
    manager = people.get(c.manager_id or -1)
    return ConversationRow(
        id=c.id or 0,
        held_on=c.held_on,
        kind=c.kind,
        kind_name=kind_name(c.kind, language),
        person_id=c.person_id,
        subject=subject,
        manager_name=manager.full_name if manager else "",
        state=c.state,
        version=c.version,
        next_on=c.next_on,
        is_current=c.is_current,
    )


def list_conversations(
    session: Session,
    *,
    person_id: int | None = None,
    kind: str | None = None,
    state: str | None = None,
    search: str = "",
    include_history: bool = False,
    language: str | None = None,
) -> list[ConversationRow]:
    """Conversations, newest first; earlier versions only with ``include_history``."""
    query = select(Conversation)
    if not include_history:
        query = query.where(col(Conversation.is_current).is_(True))
    if person_id is not None:
        query = query.where(Conversation.person_id == person_id)
    if kind:
        query = query.where(Conversation.kind == kind)
    if state:
        query = query.where(Conversation.state == state)
    needle = search.strip().lower()
    if needle:
        like = f"%{needle}%"
        person_ids = select(Person.id).where(
            or_(
                func.lower(Person.first_name + " " + Person.last_name).like(like),
                func.lower(Person.last_name).like(like),
            )
        )
        team_ids = select(Team.id).where(func.lower(Team.name).like(like))
        query = query.where(
            or_(
                col(Conversation.person_id).in_(person_ids), col(Conversation.team_id).in_(team_ids)
            )
        )
    query = query.order_by(col(Conversation.held_on).desc(), col(Conversation.id).desc())
    people, teams = _names(session)
    return [_row(c, people, teams, language) for c in session.exec(query)]


def default_next_on(session: Session, *, kind: str, held_on: date) -> date | None:
    months = get_rhythm(session).get(kind, 0)
    return add_months(held_on, months) if months else None


def create_conversation(
    session: Session,
    *,
    kind: str,
    held_on: date,
    person_id: int | None = None,
    team_id: int | None = None,
    manager_id: int | None = None,
) -> Conversation:
    """A new draft; the next date follows the firm's rhythm, open earlier actions are linked in."""
    if kind not in bundled_templates():
        raise ValidationError(_("Choose the kind of conversation."), "kind")
    if kind == ConversationKind.GROUP:
        if team_id is None or session.get(Team, team_id) is None:
            raise ValidationError(_("Choose the team for the group discussion."), "team")
        person_id = None
    else:
        person = session.get(Person, person_id) if person_id is not None else None
        if person is None:
            raise ValidationError(_("Choose the person you are talking with."), "person")
        if person.status != PersonStatus.ACTIVE:
            raise ValidationError(
                _("{name} has left the firm.").format(name=person.full_name), "person"
            )
        team_id = None
    if manager_id is not None and manager_id == person_id:
        raise ValidationError(
            _("The manager and the employee must be different people."), "manager"
        )
    if manager_id is not None and session.get(Person, manager_id) is None:
        raise ValidationError(_("Choose the manager."), "manager")
    conversation = Conversation(
        kind=kind,
        person_id=person_id,
        team_id=team_id,
        manager_id=manager_id,
        held_on=held_on,
        next_on=default_next_on(session, kind=kind, held_on=held_on),
    )
    session.add(conversation)
    session.flush()
    conversation.chain_id = conversation.id
    session.add(conversation)
    _link_carried(session, conversation)
    session.flush()
    return conversation


def _link_carried(session: Session, conversation: Conversation) -> None:
    """Link the open actions of this person's (or team's) earlier conversations."""
    earlier = select(Conversation.id).where(
        col(Conversation.is_current).is_(True),
        Conversation.chain_id != conversation.chain_id,
        Conversation.held_on <= conversation.held_on,
    )
    if conversation.person_id is not None:
        earlier = earlier.where(Conversation.person_id == conversation.person_id)
    elif conversation.team_id is not None:
        earlier = earlier.where(Conversation.team_id == conversation.team_id)
    else:
        return
    actions = session.exec(
        select(ConversationAction.id).where(
            col(ConversationAction.conversation_id).in_(earlier),
            col(ConversationAction.status).in_(list(OPEN_STATUSES)),
        )
    ).all()
    linked = set(
        session.exec(
            select(ConversationCarried.action_id).where(
                ConversationCarried.conversation_id == conversation.id
            )
        ).all()
    )
    for action_id in actions:
        if action_id not in linked and action_id is not None:
            session.add(
                ConversationCarried(conversation_id=conversation.id or 0, action_id=action_id)
            )


def update_details(
    session: Session,
    *,
    conversation_id: int,
    held_on: date,
    next_on: date | None,
    manager_id: int | None,
) -> Conversation:
    conversation = _editable(session, conversation_id)
    if next_on is not None and next_on <= held_on:
        raise ValidationError(_("The next conversation must come after this one."), "next_on")
    if manager_id is not None and manager_id == conversation.person_id:
        raise ValidationError(
            _("The manager and the employee must be different people."), "manager"
        )
    conversation.held_on = held_on
    conversation.next_on = next_on
    conversation.manager_id = manager_id
    _touch(conversation)
    session.add(conversation)
    _link_carried(session, conversation)
    session.flush()
    return conversation


def get_notes(session: Session, *, conversation_id: int) -> dict[str, str]:
    rows = _children(session, ConversationNote, conversation_id)
    return {n.topic_key: n.text for n in rows}


def save_notes(
    session: Session,
    *,
    conversation_id: int,
    notes: dict[str, str] | None = None,
    private_notes: str | None = None,
) -> None:
    """Store the notes per topic and the manager's private notes (autosave calls this often)."""
    conversation = _editable(session, conversation_id)
    if notes:
        existing = {n.topic_key: n for n in _children(session, ConversationNote, conversation_id)}
        for key, text in notes.items():
            row = existing.get(key)
            if not text.strip():
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = ConversationNote(conversation_id=conversation_id, topic_key=key)
            if row.text != text:
                row.text = text
                session.add(row)
    if private_notes is not None:
        conversation.private_notes = private_notes
    _touch(conversation)
    session.add(conversation)
    session.flush()


@dataclass
class ConversationDetail:
    id: int
    kind: str
    kind_name: str
    person_id: int | None
    person_name: str
    person_stage: str | None
    person_language: str
    team_id: int | None
    team_name: str
    manager_id: int | None
    manager_name: str
    held_on: date
    next_on: date | None
    state: str
    version: int
    chain_id: int
    is_current: bool
    private_notes: str
    notes: dict[str, str]
    versions: list[tuple[int, int, str]]  # (id, version, state), oldest first

    @property
    def is_final(self) -> bool:
        return self.state == ConversationState.FINAL

    @property
    def subject(self) -> str:
        return self.person_name or self.team_name


def _document_language(session: Session, conversation: Conversation) -> str:
    if conversation.person_id is not None:
        person = session.get(Person, conversation.person_id)
        if person is not None:
            return person.language
    from huoltamo_desktop.services.firm import get_organisation

    org = get_organisation(session)
    return org.default_language if org else "fi"


def get_conversation(
    session: Session, *, conversation_id: int, language: str | None = None
) -> ConversationDetail:
    c = _get(session, conversation_id)
    person = session.get(Person, c.person_id) if c.person_id is not None else None
    team = session.get(Team, c.team_id) if c.team_id is not None else None
    manager = session.get(Person, c.manager_id) if c.manager_id is not None else None
    versions = [
        (v.id or 0, v.version, v.state)
        for v in session.exec(
            select(Conversation)
            .where(Conversation.chain_id == c.chain_id)
            .order_by(col(Conversation.version))
        )
    ]
    return ConversationDetail(
        id=c.id or 0,
        kind=c.kind,
        kind_name=kind_name(c.kind, language),
        person_id=c.person_id,
        person_name=person.full_name if person else "",
        person_stage=person.career_stage if person else None,
        person_language=_document_language(session, c),
        team_id=c.team_id,
        team_name=team.name if team else "",
        manager_id=c.manager_id,
        manager_name=manager.full_name if manager else "",
        held_on=c.held_on,
        next_on=c.next_on,
        state=c.state,
        version=c.version,
        chain_id=c.chain_id or c.id or 0,
        is_current=c.is_current,
        private_notes=c.private_notes,
        notes=get_notes(session, conversation_id=conversation_id),
        versions=versions,
    )


def finalise(session: Session, *, conversation_id: int) -> Conversation:
    """Mark the conversation final: it is frozen, and the carried actions' status is recorded."""
    conversation = _editable(session, conversation_id)
    if not conversation.is_current:
        raise ValidationError(_("This is an earlier version and cannot be changed."))
    conversation.state = ConversationState.FINAL
    conversation.finalised_at = utcnow()
    _touch(conversation)
    session.add(conversation)
    links = _children(session, ConversationCarried, conversation_id)
    for link in links:
        action = session.get(ConversationAction, link.action_id)
        link.status_at_final = action.status if action else None
        session.add(link)
    session.flush()
    return conversation


def new_version(session: Session, *, conversation_id: int) -> Conversation:
    """A new draft version of a final conversation; the final one stays as it was, read-only."""
    old = _get(session, conversation_id)
    if not old.is_final:
        raise ValidationError(_("This version is still a draft; you can change it as it is."))
    if not old.is_current:
        raise ValidationError(_("A newer version of this conversation exists; change that one."))
    new = Conversation(
        kind=old.kind,
        person_id=old.person_id,
        team_id=old.team_id,
        manager_id=old.manager_id,
        held_on=old.held_on,
        next_on=old.next_on,
        version=old.version + 1,
        chain_id=old.chain_id,
        private_notes=old.private_notes,
    )
    old.is_current = False
    session.add(old)
    session.add(new)
    session.flush()
    for note in _children(session, ConversationNote, conversation_id):
        session.add(
            ConversationNote(conversation_id=new.id or 0, topic_key=note.topic_key, text=note.text)
        )
    old_actions = _children(session, ConversationAction, conversation_id).all()
    mapping: dict[int, int] = {}
    for a in old_actions:
        copy = ConversationAction(
            conversation_id=new.id or 0,
            position=a.position,
            what=a.what,
            owner=a.owner,
            owner_name=a.owner_name,
            due_on=a.due_on,
            kind=a.kind,
            skill_id=a.skill_id,
            status=a.status,
            status_on=a.status_on,
            origin_id=a.id,
        )
        session.add(copy)
        session.flush()
        mapping[a.id or 0] = copy.id or 0
    # Later conversations that carried these actions now follow the current copies.
    for old_id, new_id in mapping.items():
        session.execute(
            update(ConversationCarried)
            .where(col(ConversationCarried.action_id) == old_id)
            .values(action_id=new_id)
        )
    for link in _children(session, ConversationCarried, conversation_id):
        session.add(ConversationCarried(conversation_id=new.id or 0, action_id=link.action_id))
    session.flush()
    return new


def delete_draft(session: Session, *, conversation_id: int) -> None:
    """Throw away a draft; for a later version the previous final version becomes current again."""
    conversation = _editable(session, conversation_id)
    previous = None
    if conversation.version > 1:
        previous = session.exec(
            select(Conversation).where(
                Conversation.chain_id == conversation.chain_id,
                Conversation.version == conversation.version - 1,
            )
        ).first()
    if previous is not None:
        for a in _children(session, ConversationAction, conversation_id):
            if a.origin_id is not None:
                session.execute(
                    update(ConversationCarried)
                    .where(
                        col(ConversationCarried.action_id) == a.id,
                        col(ConversationCarried.conversation_id) != conversation_id,
                    )
                    .values(action_id=a.origin_id)
                )
                original = session.get(ConversationAction, a.origin_id)
                if original is not None:
                    original.status, original.status_on = a.status, a.status_on
                    session.add(original)
        previous.is_current = True
        session.add(previous)
    session.execute(delete(Conversation).where(col(Conversation.id) == conversation_id))
    session.flush()


# --- agreed actions ---------------------------------------------------------------------


@dataclass
class ActionInput:
    what: str
    owner: str = ActionOwner.EMPLOYEE
    owner_name: str = ""
    due_on: date | None = None
    kind: str = ActionKind.OTHER
    skill_id: int | None = None
    status: str = ActionStatus.OPEN


def validate_action(data: ActionInput) -> ActionInput:
    what = " ".join(data.what.split())
    if not what:
        raise ValidationError(_("Say what was agreed."), "what")
    if len(what) > 500:
        raise ValidationError(_("Keep the text under 500 characters."), "what")
    if data.owner not in set(ActionOwner):
        raise ValidationError(_("Choose who takes care of it."), "owner")
    owner_name = data.owner_name.strip() if data.owner == ActionOwner.OUTSIDE else ""
    if data.owner == ActionOwner.OUTSIDE and not owner_name:
        raise ValidationError(_("Say who outside the firm takes care of it."), "owner_name")
    if data.kind not in set(ActionKind):
        raise ValidationError(_("Choose the kind of action."), "kind")
    if data.status not in set(ActionStatus):
        raise ValidationError(_("Choose the status."), "status")
    return ActionInput(
        what, data.owner, owner_name[:120], data.due_on, data.kind, data.skill_id, data.status
    )


@dataclass
class ActionRow:
    id: int
    conversation_id: int
    conversation_held_on: date
    conversation_kind: str
    person_id: int | None
    subject: str
    what: str
    owner: str
    owner_name: str
    due_on: date | None
    kind: str
    skill_id: int | None
    skill_name: str
    status: str
    overdue: bool
    editable_status: bool


def _skill_names(session: Session, ids: set[int], language: str | None = None) -> dict[int, str]:
    """Names of skills from skill mapping, when that capability is there."""
    if not ids:
        return {}
    try:
        from huoltamo_desktop.services.skills import list_skills, skill_name
    except ImportError:
        return {}
    return {
        s.id: skill_name(s, language)
        for s in list_skills(session, include_retired=True)
        if s.id in ids
    }


def skill_choices(session: Session, *, language: str | None = None) -> list[tuple[int, str]]:
    """Skills an action can name: (id, name); empty when skill mapping is not there."""
    try:
        from huoltamo_desktop.services.skills import list_skills, skill_name
    except ImportError:
        return []
    return sorted(
        ((s.id, skill_name(s, language)) for s in list_skills(session) if s.id is not None),
        key=lambda item: item[1].lower(),
    )


def _action_rows(
    session: Session,
    pairs: list[tuple[ConversationAction, Conversation]],
    today: date,
    language: str | None = None,
) -> list[ActionRow]:
    people, teams = _names(session)
    skills = _skill_names(
        session, {a.skill_id for a, _c in pairs if a.skill_id is not None}, language
    )
    rows = []
    for a, c in pairs:
        subject = (
            people[c.person_id].full_name
            if c.person_id in people
            else teams.get(c.team_id or -1, "")
        )
        rows.append(
            ActionRow(
                id=a.id or 0,
                conversation_id=c.id or 0,
                conversation_held_on=c.held_on,
                conversation_kind=c.kind,
                person_id=c.person_id,
                subject=subject,
                what=a.what,
                owner=a.owner,
                owner_name=a.owner_name,
                due_on=a.due_on,
                kind=a.kind,
                skill_id=a.skill_id,
                skill_name=skills.get(a.skill_id or -1, ""),
                status=a.status,
                overdue=is_overdue(a.due_on, a.status, today),
                editable_status=c.is_current,
            )
        )
    return rows


def list_actions(
    session: Session, *, conversation_id: int, today: date | None = None
) -> list[ActionRow]:
    c = _get(session, conversation_id)
    actions = session.exec(
        select(ConversationAction)
        .where(ConversationAction.conversation_id == conversation_id)
        .order_by(col(ConversationAction.position), col(ConversationAction.id))
    ).all()
    return _action_rows(session, [(a, c) for a in actions], today or date.today())


def add_action(session: Session, *, conversation_id: int, data: ActionInput) -> ConversationAction:
    conversation = _editable(session, conversation_id)
    clean = validate_action(data)
    if clean.due_on is not None and clean.due_on < conversation.held_on:
        raise ValidationError(_("The date is before the conversation."), "due_on")
    last = session.exec(
        select(func.max(ConversationAction.position)).where(
            ConversationAction.conversation_id == conversation_id
        )
    ).one()
    action = ConversationAction(
        conversation_id=conversation_id, position=(last or 0) + 1, what=clean.what
    )
    _apply_action(action, clean)
    session.add(action)
    _touch(conversation)
    session.add(conversation)
    session.flush()
    return action


def _apply_action(action: ConversationAction, clean: ActionInput) -> None:
    action.what = clean.what
    action.owner = clean.owner
    action.owner_name = clean.owner_name
    action.due_on = clean.due_on
    action.kind = clean.kind
    action.skill_id = clean.skill_id
    if action.status != clean.status:
        action.status = clean.status
        action.status_on = date.today()


def _action(session: Session, action_id: int) -> tuple[ConversationAction, Conversation]:
    action = session.get(ConversationAction, action_id)
    if action is None:
        raise ValidationError(_("That action no longer exists."))
    return action, _get(session, action.conversation_id)


def update_action(session: Session, *, action_id: int, data: ActionInput) -> ConversationAction:
    action, conversation = _action(session, action_id)
    _editable(session, conversation.id or 0)
    clean = validate_action(data)
    if clean.due_on is not None and clean.due_on < conversation.held_on:
        raise ValidationError(_("The date is before the conversation."), "due_on")
    _apply_action(action, clean)
    session.add(action)
    _touch(conversation)
    session.add(conversation)
    session.flush()
    return action


def delete_action(session: Session, *, action_id: int) -> None:
    action, conversation = _action(session, action_id)
    _editable(session, conversation.id or 0)
    session.delete(action)
    session.flush()


def set_action_status(
    session: Session, *, action_id: int, status: str, today: date | None = None
) -> None:
    """Follow-up: the status of an agreed action can change at any time on the current version."""
    if status not in set(ActionStatus):
        raise ValidationError(_("Choose the status."), "status")
    action, conversation = _action(session, action_id)
    if not conversation.is_current:
        raise ValidationError(_("This is an earlier version and cannot be changed."))
    if action.status != status:
        action.status = status
        action.status_on = today or date.today()
        session.add(action)
        session.flush()


def followup(
    session: Session,
    *,
    today: date | None = None,
    open_only: bool = True,
    person_id: int | None = None,
    language: str | None = None,
) -> list[ActionRow]:
    """Agreed actions across the firm (current versions): overdue first, then by date."""
    today = today or date.today()
    query = (
        select(ConversationAction, Conversation)
        .join(Conversation, col(Conversation.id) == col(ConversationAction.conversation_id))
        .where(col(Conversation.is_current).is_(True))
    )
    if open_only:
        query = query.where(col(ConversationAction.status).in_(list(OPEN_STATUSES)))
    if person_id is not None:
        query = query.where(Conversation.person_id == person_id)
    pairs = [(a, c) for a, c in session.exec(query)]
    rows = _action_rows(session, pairs, today, language)
    rows.sort(key=lambda r: (not r.overdue, r.due_on or date.max, r.subject.lower(), r.id))
    return rows


@dataclass
class CarriedRow:
    action: ActionRow
    status_at_final: str | None


def carried_actions(
    session: Session, *, conversation_id: int, today: date | None = None
) -> list[CarriedRow]:
    """The earlier conversations' actions brought into this one, with their status."""
    conversation = _get(session, conversation_id)
    if not conversation.is_final and conversation.is_current:
        _link_carried(session, conversation)
        session.flush()
    links = {
        link.action_id: link.status_at_final
        for link in session.exec(
            select(ConversationCarried).where(
                ConversationCarried.conversation_id == conversation_id
            )
        )
    }
    if not links:
        return []
    pairs = list(
        session.exec(
            select(ConversationAction, Conversation)
            .join(Conversation, col(Conversation.id) == col(ConversationAction.conversation_id))
            .where(col(ConversationAction.id).in_(list(links)))
            .order_by(col(Conversation.held_on), col(ConversationAction.position))
        )
    )
    rows = _action_rows(session, [(a, c) for a, c in pairs], today or date.today())
    return [CarriedRow(row, links.get(row.id)) for row in rows]


@dataclass
class PreviousConversation:
    row: ConversationRow
    actions: list[ActionRow]


def previous_conversation(
    session: Session, *, conversation_id: int, today: date | None = None
) -> PreviousConversation | None:
    """The person's (or team's) latest conversation before this one, with its actions."""
    c = _get(session, conversation_id)
    query = select(Conversation).where(
        col(Conversation.is_current).is_(True),
        Conversation.chain_id != c.chain_id,
        Conversation.held_on <= c.held_on,
    )
    if c.person_id is not None:
        query = query.where(Conversation.person_id == c.person_id)
    else:
        query = query.where(
            Conversation.team_id == c.team_id, col(Conversation.team_id).is_not(None)
        )
    prev = session.exec(
        query.order_by(col(Conversation.held_on).desc(), col(Conversation.id).desc())
    ).first()
    if prev is None:
        return None
    people, teams = _names(session)
    return PreviousConversation(
        _row(prev, people, teams, None),
        list_actions(session, conversation_id=prev.id or 0, today=today),
    )


# --- preparing -------------------------------------------------------------------------


@dataclass
class PrepareData:
    """What the manager reads before the talk. A section is None when its capability is not there."""

    shared: tuple[Any, Any] | None = None  # (SharedAssessment | None, SharedPlan | None)
    skill_lines: list[Any] | None = None
    future_needs: list[Any] | None = None
    previous: PreviousConversation | None = None
    carried: list[CarriedRow] = field(default_factory=list)


def prepare(session: Session, *, conversation_id: int, today: date | None = None) -> PrepareData:
    c = _get(session, conversation_id)
    data = PrepareData(
        previous=previous_conversation(session, conversation_id=conversation_id, today=today),
        carried=carried_actions(session, conversation_id=conversation_id, today=today),
    )
    if c.person_id is None:
        return data
    try:
        from huoltamo_desktop.services.employee import shared_for_manager
    except ImportError:
        pass
    else:
        data.shared = shared_for_manager(session, person_id=c.person_id)
    try:
        from huoltamo_desktop.services.skills import future_needs_touching, person_skill_lines
    except ImportError:
        pass
    else:
        data.skill_lines = person_skill_lines(session, person_id=c.person_id)
        data.future_needs = future_needs_touching(session, person_id=c.person_id)
    return data


# --- rhythm ------------------------------------------------------------------------------

RHYTHM_KINDS = INDIVIDUAL_KINDS
RHYTHM_DEFAULTS: dict[str, int] = {
    ConversationKind.CAREER: 12,
    ConversationKind.DEVELOPMENT: 0,
    ConversationKind.CHECKIN: 3,
}


def get_rhythm(session: Session) -> dict[str, int]:
    """Months between conversations of each kind (0 = not on a rhythm)."""
    from huoltamo_desktop.services.firm import get_setting

    rhythm = {}
    for kind in RHYTHM_KINDS:
        raw = get_setting(session, f"conversations.rhythm.{kind}", str(RHYTHM_DEFAULTS[kind]))
        rhythm[str(kind)] = int(raw) if raw.isdigit() else RHYTHM_DEFAULTS[kind]
    return rhythm


def set_rhythm(session: Session, *, months: dict[str, int]) -> None:
    from huoltamo_desktop.services.firm import set_setting

    for kind, value in months.items():
        if kind not in RHYTHM_KINDS:
            raise ValidationError(_("Choose the kind of conversation."), "kind")
        if not 0 <= value <= 60:
            raise ValidationError(_("Give the rhythm in months, from 0 to 60."), kind)
        set_setting(session, f"conversations.rhythm.{kind}", str(value))


@dataclass
class DueRow:
    person_id: int
    person_name: str
    team_name: str
    kind: str
    last_on: date | None
    due_on: date
    planned_on: date | None
    days_late: int  # > 0 overdue, <= 0 still ahead
    planned_id: int | None = None  # the draft already made for the planned date

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


def due_list(
    session: Session, *, today: date | None = None, horizon_days: int = 30
) -> list[DueRow]:
    """Who is due or overdue a conversation by the firm's rhythm (within ``horizon_days``).

    The next date is the one agreed in the last conversation of that kind, else
    the last one plus the rhythm, else the start date plus the rhythm. Any
    one-to-one conversation also counts as a check-in.
    """
    today = today or date.today()
    rhythm = {k: m for k, m in get_rhythm(session).items() if m > 0}
    if not rhythm:
        return []
    people = [
        p
        for p in session.exec(select(Person).where(Person.status == PersonStatus.ACTIVE))
        if not (p.is_manager and p.supervisor_id is None)
    ]
    teams = {t.id: t.name for t in session.exec(select(Team))}
    convs: dict[int, list[Conversation]] = {}
    for c in session.exec(
        select(Conversation)
        .where(col(Conversation.is_current).is_(True), col(Conversation.person_id).is_not(None))
        .order_by(col(Conversation.held_on))
    ):
        convs.setdefault(c.person_id or 0, []).append(c)
    rows: list[DueRow] = []
    for p in people:
        mine = convs.get(p.id or 0, [])
        for kind, months in rhythm.items():
            counts = [c for c in mine if c.kind == kind or kind == ConversationKind.CHECKIN]
            held = [c for c in counts if c.held_on <= today]
            planned = [c for c in counts if c.held_on > today]
            last = held[-1] if held else None
            if last is not None:
                due = (
                    last.next_on
                    if last.next_on and last.kind == kind
                    else add_months(last.held_on, months)
                )
            else:
                # Never held: due a rhythm's length after starting, and at the latest now.
                first = add_months(p.employment_start, months) if p.employment_start else today
                due = max(first, today)
            planned_on = planned[0].held_on if planned else None
            planned_id = planned[0].id if planned else None
            if (due - today).days > horizon_days:
                continue
            rows.append(
                DueRow(
                    p.id or 0,
                    p.full_name,
                    teams.get(p.team_id, "") if p.team_id else "",
                    kind,
                    last.held_on if last else None,
                    due,
                    planned_on,
                    (today - due).days,
                    planned_id,
                )
            )
    rows.sort(key=lambda r: (r.due_on, r.person_name.lower()))
    return rows


# --- the printed summary ---------------------------------------------------------------

TEAM_LABEL = N_("Team")


def summary_data(session: Session, *, conversation_id: int) -> SummaryData:
    """The summary's content in the person's document language (the firm's for a group)."""
    from huoltamo_desktop.services.firm import get_organisation

    c = _get(session, conversation_id)
    language = _document_language(session, c)
    tr = translator_for(language)
    person = session.get(Person, c.person_id) if c.person_id is not None else None
    team = session.get(Team, c.team_id) if c.team_id is not None else None
    manager = session.get(Person, c.manager_id) if c.manager_id is not None else None
    org = get_organisation(session)
    template = template_for(
        session, kind=c.kind, stage=person.career_stage if person else None, language=language
    )
    notes = get_notes(session, conversation_id=conversation_id)
    topics = [
        SummaryTopic(t.title, notes[t.key]) for t in template.topics if notes.get(t.key, "").strip()
    ]

    def summary_action(row: ActionRow, status: str | None) -> SummaryAction:
        if row.owner == ActionOwner.OUTSIDE and row.owner_name:
            owner = row.owner_name
        elif row.owner == ActionOwner.EMPLOYEE and person is None:
            owner = tr.gettext(TEAM_LABEL)  # in a group discussion "the employee" is the team
        else:
            owner = tr.gettext(OWNER_LABELS[row.owner])
        return SummaryAction(
            what=row.what,
            owner=owner,
            due_on=row.due_on,
            kind=tr.gettext(ACTION_KIND_LABELS[row.kind]),
            skill=row.skill_name,
            status=tr.gettext(ACTION_STATUS_LABELS[status])
            if status in ACTION_STATUS_LABELS
            else "",
        )

    actions = list_actions(session, conversation_id=conversation_id)
    skill_names = _skill_names(
        session, {a.skill_id for a in actions if a.skill_id is not None}, language
    )
    for a in actions:
        a.skill_name = skill_names.get(a.skill_id or -1, "")
    carried = carried_actions(session, conversation_id=conversation_id)
    if person is not None:
        label, detail = person.full_name, person.job_title
    else:
        label = team.name if team else ""
        members = (
            session.exec(
                select(Person)
                .where(Person.team_id == c.team_id, Person.status == PersonStatus.ACTIVE)
                .order_by(col(Person.last_name), col(Person.first_name))
            ).all()
            if c.team_id is not None
            else []
        )
        detail = ", ".join(m.full_name for m in members if m.id != c.manager_id)
    return SummaryData(
        language=language,
        firm_name=org.name if org else "",
        kind_name=kind_name(c.kind, language),
        held_on=c.held_on,
        employee_label=label,
        employee_detail=detail,
        manager_name=manager.full_name if manager else "",
        state=c.state,
        version=c.version,
        topics=topics,
        actions=[summary_action(a, None) for a in actions],
        carried=[
            summary_action(
                r.action, r.status_at_final if c.is_final and r.status_at_final else r.action.status
            )
            for r in carried
        ],
        next_on=c.next_on,
        is_group=person is None,
    )


def summary_pdf(session: Session, *, conversation_id: int) -> bytes:
    """The printed summary as PDF bytes. The manager's private notes are never part of it."""
    from huoltamo_desktop.reports.conversations_summary import build_summary_pdf

    return build_summary_pdf(summary_data(session, conversation_id=conversation_id))


def summary_file_name(session: Session, *, conversation_id: int) -> str:
    """A file name for the saved summary, e.g. ``Urakeskustelu 2026-11-27 Aino Laine.pdf``."""
    c = _get(session, conversation_id)
    detail = get_conversation(session, conversation_id=conversation_id, language=current_language())
    safe = "".join(
        ch
        for ch in f"{detail.kind_name} {c.held_on.isoformat()} {detail.subject}"
        if ch not in '\\/:*?"<>|'
    )
    return f"{safe.strip()}.pdf"
