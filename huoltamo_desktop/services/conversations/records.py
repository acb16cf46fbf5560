"""Conversations themselves: list, create, notes, new versions, drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import delete, or_, update
from sqlalchemy.engine import ScalarResult
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    OPEN_STATUSES,
    Conversation,
    ConversationAction,
    ConversationCarried,
    ConversationKind,
    ConversationNote,
    ConversationState,
    add_months,
)
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus, Team, utcnow
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.collation import fold, like_pattern
from huoltamo_desktop.services.conversations.rhythm import get_rhythm
from huoltamo_desktop.services.conversations.templates import bundled_templates, kind_name
from huoltamo_desktop.services.seats_versions import merge_edit


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
    scope: Scope | None = None,
) -> list[ConversationRow]:
    """Conversations, newest first; earlier versions only with ``include_history``.

    A team lead's ``scope`` lists only conversations with their teams' people
    and their teams' group discussions.
    """
    query = select(Conversation)
    if not include_history:
        query = query.where(col(Conversation.is_current).is_(True))
    if person_id is not None:
        query = query.where(Conversation.person_id == person_id)
    if kind:
        query = query.where(Conversation.kind == kind)
    if state:
        query = query.where(Conversation.state == state)
    if fold(search):
        like = like_pattern(search)
        person_ids = select(Person.id).where(col(Person.name_key).like(like, escape="\\"))
        team_ids = select(Team.id).where(col(Team.name_key).like(like, escape="\\"))
        query = query.where(
            or_(
                col(Conversation.person_id).in_(person_ids), col(Conversation.team_id).in_(team_ids)
            )
        )
    query = query.order_by(col(Conversation.held_on).desc(), col(Conversation.id).desc())
    people, teams = _names(session)
    found = list(session.exec(query))
    if scope is not None and not scope.sees_all:
        found = [
            c
            for c in found
            if (c.person_id is None and c.team_id in scope.team_ids)
            or (
                c.person_id is not None
                and c.person_id in people
                and scope.can_see(person_id=c.person_id, team_id=people[c.person_id].team_id)
            )
        ]
    return [_row(c, people, teams, language) for c in found]


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
            raise ValidationError(
                _("Choose the team for the group development discussion."), "team"
            )
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


def open_earlier_actions(session: Session, *, conversation: Conversation) -> list[int]:
    """The open actions of this person's (or team's) earlier conversations; reads only."""
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
        return []
    return [
        action_id
        for action_id in session.exec(
            select(ConversationAction.id).where(
                col(ConversationAction.conversation_id).in_(earlier),
                col(ConversationAction.status).in_(list(OPEN_STATUSES)),
            )
        )
        if action_id is not None
    ]


def _link_carried(session: Session, conversation: Conversation) -> None:
    """Link the open actions of this person's (or team's) earlier conversations."""
    actions = open_earlier_actions(session, conversation=conversation)
    linked = set(
        session.exec(
            select(ConversationCarried.action_id).where(
                ConversationCarried.conversation_id == conversation.id
            )
        ).all()
    )
    for action_id in actions:
        if action_id not in linked:
            session.add(
                ConversationCarried(conversation_id=conversation.id or 0, action_id=action_id)
            )


@dataclass(frozen=True)
class DetailsInput:
    """The fields at the top of a conversation: when it was held, the next one, the manager."""

    held_on: date
    next_on: date | None
    manager_id: int | None


def update_details(
    session: Session,
    *,
    conversation_id: int,
    held_on: date,
    next_on: date | None,
    manager_id: int | None,
    expected_version: int | None = None,
    base: DetailsInput | None = None,
) -> Conversation:
    """Save the conversation's details; what another saved meanwhile is merged or asked about."""
    conversation = _editable(session, conversation_id)
    merged = merge_edit(
        current_version=conversation.row_version,
        expected_version=expected_version,
        base=base,
        yours=DetailsInput(held_on, next_on, manager_id),
        theirs=DetailsInput(conversation.held_on, conversation.next_on, conversation.manager_id),
    )
    held_on, next_on, manager_id = merged.held_on, merged.next_on, merged.manager_id
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


@dataclass(frozen=True)
class TopicNote:
    """A topic's note as the editor shows it: its current entries, joined."""

    text: str
    entry_ids: tuple[int, ...]  # the current entries (two when two wrote at once)
    earlier: int  # entries these replaced, kept as earlier versions
    side_by_side: bool = False  # two wrote the topic at the same moment: both texts are here


def _note_entries(session: Session, conversation_id: int) -> list[ConversationNote]:
    return list(
        session.exec(
            select(ConversationNote)
            .where(ConversationNote.conversation_id == conversation_id)
            .order_by(col(ConversationNote.id))
        )
    )


def _current_entries(entries: list[ConversationNote]) -> dict[str, list[ConversationNote]]:
    """Per topic, the entries no later entry replaces (in the order they were written)."""
    replaced = {e.replaces_id for e in entries if e.replaces_id is not None}
    current: dict[str, list[ConversationNote]] = {}
    for entry in entries:
        if entry.id not in replaced:
            current.setdefault(entry.topic_key, []).append(entry)
    return current


def _joined(entries: list[ConversationNote]) -> str:
    return "\n\n".join(e.text for e in entries if e.text.strip())


def topic_notes(session: Session, *, conversation_id: int) -> dict[str, TopicNote]:
    """Every topic's note with the entries it is made of, for the notes editor."""
    entries = _note_entries(session, conversation_id)
    earlier: dict[str, int] = {}
    for entry in entries:
        earlier[entry.topic_key] = earlier.get(entry.topic_key, 0) + 1
    return {
        key: TopicNote(
            text=_joined(rows),
            entry_ids=tuple(e.id or 0 for e in rows),
            earlier=earlier[key] - len(rows),
            side_by_side=sum(1 for e in rows if e.text.strip()) > 1,
        )
        for key, rows in _current_entries(entries).items()
    }


def get_notes(session: Session, *, conversation_id: int) -> dict[str, str]:
    """The notes per topic as the summary prints them (topics without text left out)."""
    current = _current_entries(_note_entries(session, conversation_id))
    joined = {key: _joined(rows) for key, rows in current.items()}
    return {key: text for key, text in joined.items() if text}


@dataclass(frozen=True)
class SavedNotes:
    """Every topic's note as it now stands, and the conversation's version after the save."""

    topics: dict[str, TopicNote]
    row_version: int
    private_notes: str


@dataclass(frozen=True)
class NotesInput:
    """The part of the Notes step saved on the conversation itself."""

    private_notes: str


def save_notes(
    session: Session,
    *,
    conversation_id: int,
    notes: dict[str, str] | None = None,
    private_notes: str | None = None,
    shown: dict[str, tuple[int, ...]] | None = None,
    expected_version: int | None = None,
    base: NotesInput | None = None,
) -> SavedNotes:
    """Store the notes per topic and the manager's private notes (autosave calls this often).

    A note is never changed in place: a topic whose text differs from what the
    editor showed gets a new entry replacing the entries it showed (``shown``:
    their ids per topic; without it, the topic's current entries). When someone
    else replaced the same entries meanwhile, both new entries stay current, so
    two managers writing at once never overwrite each other. The private notes
    are a field of the conversation: ``expected_version`` and ``base`` merge
    them like any form's field (ConflictError when both changed them).
    """
    conversation = _editable(session, conversation_id)
    if private_notes is not None:
        merged = merge_edit(
            current_version=conversation.row_version,
            expected_version=expected_version,
            base=base,
            yours=NotesInput(private_notes),
            theirs=NotesInput(conversation.private_notes),
        )
        conversation.private_notes = merged.private_notes
    if notes:
        entries = _note_entries(session, conversation_id)
        by_id = {e.id: e for e in entries}
        current = _current_entries(entries)
        now = utcnow()
        for key, text in notes.items():
            if shown is not None and key in shown:
                seen = [by_id[i] for i in shown[key] if i in by_id]
            else:
                seen = current.get(key, [])
            if text.strip() == _joined(seen).strip():
                continue
            replaced = [e.id for e in seen] or [None]
            for index, old_id in enumerate(replaced):
                session.add(
                    ConversationNote(
                        conversation_id=conversation_id,
                        topic_key=key,
                        text=text if index == 0 else "",
                        replaces_id=old_id,
                        written_at=now,
                    )
                )
    _touch(conversation)
    session.add(conversation)
    session.flush()
    return SavedNotes(
        topic_notes(session, conversation_id=conversation_id),
        conversation.row_version,
        conversation.private_notes,
    )


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
    row_version: int = 1  # what a form sends back with its save (domain/versioning.py)

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
    from huoltamo_desktop.storage.seats_audit import note_view

    c = _get(session, conversation_id)
    note_view(session, subject_id=c.person_id, what="conversation")
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
        row_version=c.row_version,
    )


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
    for key, text in get_notes(session, conversation_id=conversation_id).items():
        session.add(ConversationNote(conversation_id=new.id or 0, topic_key=key, text=text))
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
