"""Agreed actions: add, edit, follow up and carry over to the next conversation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    NAMED_OWNERS,
    OPEN_STATUSES,
    ActionKind,
    ActionOwner,
    ActionStatus,
    Conversation,
    ConversationAction,
    ConversationCarried,
    is_overdue,
)
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services.conversations.records import (
    ConversationRow,
    _editable,
    _get,
    _names,
    _row,
    _touch,
    open_earlier_actions,
)
from huoltamo_desktop.services.seats_versions import merge_edit
from huoltamo_desktop.services.skills import list_skills, skill_name


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
    owner_name = " ".join(data.owner_name.split()) if data.owner in NAMED_OWNERS else ""
    if data.owner == ActionOwner.OUTSIDE and not owner_name:
        raise ValidationError(_("Say who outside the firm takes care of it."), "owner_name")
    if data.owner == ActionOwner.COLLEAGUE and not owner_name:
        raise ValidationError(_("Say which colleague takes care of it."), "owner_name")
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
    row_version: int = 1  # what the action editor sends back with its save


def _skill_names(session: Session, ids: set[int], language: str | None = None) -> dict[int, str]:
    """Names of the skills an action serves, in ``language``."""
    if not ids:
        return {}
    return {
        s.id: skill_name(s, language)
        for s in list_skills(session, include_retired=True)
        if s.id in ids
    }


def skill_choices(session: Session, *, language: str | None = None) -> list[tuple[int, str]]:
    """Skills an action can name: (id, name), in alphabetical order."""
    return sorted(
        ((s.id, skill_name(s, language)) for s in list_skills(session) if s.id is not None),
        key=lambda item: sort_key(item[1], language),
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
                row_version=a.row_version,
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


def action_input(action: ConversationAction) -> ActionInput:
    """A saved action as the editor's input."""
    return ActionInput(
        what=action.what,
        owner=action.owner,
        owner_name=action.owner_name,
        due_on=action.due_on,
        kind=action.kind,
        skill_id=action.skill_id,
        status=action.status,
    )


def update_action(
    session: Session,
    *,
    action_id: int,
    data: ActionInput,
    expected_version: int | None = None,
    base: ActionInput | None = None,
) -> ConversationAction:
    """Save the editor's action; what another saved meanwhile is merged or asked about."""
    action, conversation = _action(session, action_id)
    _editable(session, conversation.id or 0)
    clean = merge_edit(
        current_version=action.row_version,
        expected_version=expected_version,
        base=base,
        yours=validate_action(data),
        theirs=action_input(action),
    )
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
    rows.sort(
        key=lambda r: (not r.overdue, r.due_on or date.max, sort_key(r.subject, language), r.id)
    )
    return rows


@dataclass
class CarriedRow:
    action: ActionRow
    status_at_final: str | None


def carried_actions(
    session: Session, *, conversation_id: int, today: date | None = None
) -> list[CarriedRow]:
    """The earlier conversations' actions brought into this one, with their status.

    A draft also shows the open actions of earlier talks that are not linked
    yet (opened after it was created); they are linked when it is saved or
    made final. Reading changes nothing.
    """
    conversation = _get(session, conversation_id)
    links: dict[int, str | None] = {
        link.action_id: link.status_at_final
        for link in session.exec(
            select(ConversationCarried).where(
                ConversationCarried.conversation_id == conversation_id
            )
        )
    }
    if not conversation.is_final and conversation.is_current:
        for action_id in open_earlier_actions(session, conversation=conversation):
            links.setdefault(action_id, None)
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
