"""What the manager reads before a conversation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.services.conversations.actions import (
    CarriedRow,
    PreviousConversation,
    carried_actions,
    previous_conversation,
)
from huoltamo_desktop.services.conversations.records import _get
from huoltamo_desktop.services.employee import SharedAssessment, SharedPlan, shared_for_manager
from huoltamo_desktop.services.skills import (
    FutureNeedLine,
    PersonSkillLine,
    future_needs_touching,
    person_skill_lines,
)


@dataclass
class PrepareData:
    """What the manager reads before the talk; the person's sections are None for a team's talk."""

    shared: tuple[SharedAssessment | None, SharedPlan | None] | None = None
    skill_lines: list[PersonSkillLine] | None = None
    future_needs: list[FutureNeedLine] | None = None
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
    data.shared = shared_for_manager(session, person_id=c.person_id)
    data.skill_lines = person_skill_lines(session, person_id=c.person_id)
    data.future_needs = future_needs_touching(session, person_id=c.person_id, scope=scope)
    return data
