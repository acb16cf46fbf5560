"""What the manager reads before a conversation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.services.conversations.actions import (
    CarriedRow,
    PreviousConversation,
    carried_actions,
    previous_conversation,
)
from huoltamo_desktop.services.conversations.records import _get


@dataclass
class PrepareData:
    """What the manager reads before the talk. A section is None when its capability is not there."""

    shared: tuple[Any, Any] | None = None  # (SharedAssessment | None, SharedPlan | None)
    skill_lines: list[Any] | None = None
    future_needs: list[Any] | None = None
    previous: PreviousConversation | None = None
    carried: list[CarriedRow] = field(default_factory=list)


def prepare(
    session: Session,
    *,
    conversation_id: int,
    today: date | None = None,
    scope: Scope | None = None,
) -> PrepareData:
    """What to have at hand; a team lead's ``scope`` counts the future needs over their own people."""
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
        data.future_needs = future_needs_touching(session, person_id=c.person_id, scope=scope)
    return data
