"""Career conversations: tables and the pure rules around them.

A conversation is held by a manager with one person (or, for a group
development discussion, with a team). It is a *draft* while notes are being
written; marking it *final* freezes it. A later change makes a new version that
copies the content and leaves the earlier one read-only; every version of one
conversation shares ``chain_id`` and only the newest has ``is_current``.

Agreed actions belong to a conversation version. What was agreed is frozen with
the conversation; the *status* of an action is follow-up work and can change at
any time on the current version.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from huoltamo_desktop.domain.people import person_fk, utcnow
from huoltamo_desktop.domain.versioning import Versioned
from huoltamo_desktop.i18n import N_, _


class ConversationKind(StrEnum):
    CAREER = "career"
    DEVELOPMENT = "development"
    CHECKIN = "checkin"
    GROUP = "group"


INDIVIDUAL_KINDS = (ConversationKind.CAREER, ConversationKind.DEVELOPMENT, ConversationKind.CHECKIN)


class ConversationState(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


STATE_LABELS: dict[str, str] = {
    ConversationState.DRAFT: N_("Draft"),
    ConversationState.FINAL: N_("Final"),
}


class ActionOwner(StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    COLLEAGUE = "colleague"  # a named person of the firm, e.g. the one who teaches a skill
    OUTSIDE = "outside"


NAMED_OWNERS = (ActionOwner.COLLEAGUE, ActionOwner.OUTSIDE)  # owner_name says who


OWNER_LABELS: dict[str, str] = {
    ActionOwner.EMPLOYEE: N_("Employee"),
    ActionOwner.MANAGER: N_("Manager"),
    ActionOwner.COLLEAGUE: N_("A colleague"),
    ActionOwner.OUTSIDE: N_("Someone outside"),
}


class ActionKind(StrEnum):
    TRAINING = "training"
    MENTORING = "mentoring"
    ROTATION = "rotation"
    EXERCISE = "exercise"
    WORK_ARRANGEMENT = "work_arrangement"
    OTHER = "other"


ACTION_KIND_LABELS: dict[str, str] = {
    ActionKind.TRAINING: N_("Training"),
    ActionKind.MENTORING: N_("Mentoring"),
    ActionKind.ROTATION: N_("Job rotation"),
    ActionKind.EXERCISE: N_("Exercise"),
    ActionKind.WORK_ARRANGEMENT: N_("Work arrangement"),
    ActionKind.OTHER: N_("Other"),
}


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


ACTION_STATUS_LABELS: dict[str, str] = {
    ActionStatus.OPEN: N_("Open"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.DROPPED: N_("Dropped"),
}

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def state_label(state: str) -> str:
    return _(STATE_LABELS[state]) if state in STATE_LABELS else state


def owner_label(owner: str) -> str:
    return _(OWNER_LABELS[owner]) if owner in OWNER_LABELS else owner


def action_kind_label(kind: str) -> str:
    return _(ACTION_KIND_LABELS[kind]) if kind in ACTION_KIND_LABELS else kind


def action_status_label(status: str) -> str:
    return _(ACTION_STATUS_LABELS[status]) if status in ACTION_STATUS_LABELS else status


# --- tables ---------------------------------------------------------------------


class Conversation(Versioned, table=True):
    __tablename__ = "conversation"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, index=True)
    # The person talked with; None for a group development discussion.
    person_id: int | None = Field(default=None, sa_column=person_fk(nullable=True))
    team_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("team.id", ondelete="SET NULL"), nullable=True),
    )
    # The manager's own record must not disappear with the employee's: SET NULL.
    manager_id: int | None = Field(
        default=None, sa_column=person_fk(nullable=True, on_delete="SET NULL")
    )
    held_on: date = Field(index=True)
    next_on: date | None = None
    state: str = Field(default=ConversationState.DRAFT, max_length=10)
    version: int = 1
    chain_id: int | None = Field(default=None, index=True)
    is_current: bool = Field(default=True, index=True)
    private_notes: str = Field(
        default="", sa_column=Column(Text, nullable=False, server_default="")
    )
    finalised_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def is_final(self) -> bool:
        return self.state == ConversationState.FINAL


class ConversationNote(Versioned, table=True):
    """What was agreed to write down under one topic; printed in the summary.

    Notes are append-only (a trigger refuses any UPDATE): editing a note adds a
    new entry that names the one it replaces, and the old one is kept. A topic's
    note is its entries that nothing replaces: normally one, two when two
    managers wrote the same topic at the same moment (both are kept and shown).
    An entry with empty text replaces a note that was cleared.
    """

    __tablename__ = "conversation_note"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("conversation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    topic_key: str = Field(max_length=80)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # The entry this one replaces (plain id: history only, never followed by a cascade).
    replaces_id: int | None = None
    written_at: datetime = Field(default_factory=utcnow)


class ConversationAction(Versioned, table=True):
    __tablename__ = "conversation_action"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("conversation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    position: int = 0
    what: str = Field(max_length=500)
    owner: str = Field(default=ActionOwner.EMPLOYEE, max_length=12)
    owner_name: str = Field(default="", max_length=120)
    due_on: date | None = None
    kind: str = Field(default=ActionKind.OTHER, max_length=20)
    # The skill it serves (skill mapping); a retired and deleted skill leaves the action.
    skill_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("skill.id", ondelete="SET NULL"), nullable=True),
    )
    status: str = Field(default=ActionStatus.OPEN, max_length=12, index=True)
    status_on: date | None = None
    # The action of the earlier version this one was copied from (plain id: history only).
    origin_id: int | None = None


class ConversationCarried(SQLModel, table=True):
    """An earlier conversation's open action brought into this one (a link, not a copy)."""

    __tablename__ = "conversation_carried"
    __table_args__ = (UniqueConstraint("conversation_id", "action_id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("conversation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    action_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("conversation_action.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    # The action's status when this conversation was marked final (frozen for the summary).
    status_at_final: str | None = Field(default=None, max_length=12)


class ConversationSnapshot(SQLModel, table=True):
    """What the summary of a final version showed when it was marked final, frozen.

    A reprint reads this, never the live records: a new team member, a new job
    title, a renamed firm or template topic, or another manager does not change
    a paper that was signed.
    """

    __tablename__ = "conversation_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("conversation.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        )
    )
    summary_json: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class ConversationTemplateEdit(Versioned, table=True):
    """The firm's own wording of a bundled template text, or a bundled question hidden.

    Stored as overrides so that improvements to the bundled templates still
    arrive for everything the firm has not changed.
    """

    __tablename__ = "conversation_template_edit"
    __table_args__ = (UniqueConstraint("key", "part", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=120)
    part: str = Field(max_length=10)  # "title", "guide", "text" or "hidden"
    language: str = Field(default="", max_length=2)
    value: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class ConversationCustomQuestion(Versioned, table=True):
    """A question the firm added to a topic of a template."""

    __tablename__ = "conversation_custom_question"

    id: int | None = Field(default=None, primary_key=True)
    topic_key: str = Field(max_length=80, index=True)
    text_fi: str = Field(default="", max_length=500)
    text_sv: str = Field(default="", max_length=500)
    text_en: str = Field(default="", max_length=500)
    stages: str = Field(default="all", max_length=80)  # "all" or stages separated by commas
    position: int = 0
    created_at: datetime = Field(default_factory=utcnow)


# --- pure rules -------------------------------------------------------------------


#: "all" marks a template question for everyone; otherwise it names the career stages it suits.
ALL_STAGES = "all"


def question_applies(stages: Sequence[str], stage: str | None) -> bool:
    """A question marked "all" suits everyone; otherwise only the stages it names.

    With no stage (a group discussion) only the questions for everyone remain.
    """
    if ALL_STAGES in stages:
        return True
    return stage is not None and stage in stages


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31.1. + 1 → 28./29.2.)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    return due_on is not None and status in OPEN_STATUSES and due_on < today


# --- plain data for the printed summary --------------------------------------------


@dataclass(frozen=True)
class SummaryAction:
    what: str
    owner: str  # already in the document language
    due_on: date | None
    kind: str  # already in the document language
    skill: str = ""
    status: str = ""  # already in the document language


@dataclass(frozen=True)
class SummaryTopic:
    title: str
    note: str


@dataclass(frozen=True)
class SummaryData:
    """Everything the printed summary shows, already in the document language."""

    language: str
    firm_name: str
    kind_name: str
    held_on: date
    employee_label: str  # the person's name, or the team's name for a group discussion
    employee_detail: str  # job title, or the team's members
    manager_name: str
    state: str
    version: int
    topics: list[SummaryTopic] = field(default_factory=list)
    actions: list[SummaryAction] = field(default_factory=list)
    carried: list[SummaryAction] = field(default_factory=list)
    next_on: date | None = None
    is_group: bool = False
    # The closing topic's note ("agreed next steps"): printed with the agreed actions.
    agreed_note: str = ""
    finalised_on: date | None = None
    replaces_version: int | None = None  # the earlier final version this one replaces
    replaces_finalised_on: date | None = None

    @property
    def is_draft(self) -> bool:
        return self.state != ConversationState.FINAL


def summary_to_json(data: SummaryData) -> str:
    """The summary as it was marked final, for the frozen snapshot."""
    import json

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    def action(a: SummaryAction) -> dict[str, Any]:
        return {
            "what": a.what,
            "owner": a.owner,
            "due_on": day(a.due_on),
            "kind": a.kind,
            "skill": a.skill,
            "status": a.status,
        }

    return json.dumps(
        {
            "language": data.language,
            "firm_name": data.firm_name,
            "kind_name": data.kind_name,
            "held_on": day(data.held_on),
            "employee_label": data.employee_label,
            "employee_detail": data.employee_detail,
            "manager_name": data.manager_name,
            "state": data.state,
            "version": data.version,
            "topics": [{"title": t.title, "note": t.note} for t in data.topics],
            "actions": [action(a) for a in data.actions],
            "carried": [action(a) for a in data.carried],
            "next_on": day(data.next_on),
            "is_group": data.is_group,
            "agreed_note": data.agreed_note,
            "finalised_on": day(data.finalised_on),
            "replaces_version": data.replaces_version,
            "replaces_finalised_on": day(data.replaces_finalised_on),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def summary_from_json(text: str) -> SummaryData:
    """The frozen summary back from its snapshot."""
    import json

    raw = json.loads(text)

    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    def action(a: dict[str, Any]) -> SummaryAction:
        return SummaryAction(
            what=a["what"],
            owner=a["owner"],
            due_on=day(a["due_on"]),
            kind=a["kind"],
            skill=a.get("skill", ""),
            status=a.get("status", ""),
        )

    return SummaryData(
        language=raw["language"],
        firm_name=raw["firm_name"],
        kind_name=raw["kind_name"],
        held_on=date.fromisoformat(raw["held_on"]),
        employee_label=raw["employee_label"],
        employee_detail=raw["employee_detail"],
        manager_name=raw["manager_name"],
        state=raw["state"],
        version=raw["version"],
        topics=[SummaryTopic(t["title"], t["note"]) for t in raw["topics"]],
        actions=[action(a) for a in raw["actions"]],
        carried=[action(a) for a in raw["carried"]],
        next_on=day(raw["next_on"]),
        is_group=raw["is_group"],
        agreed_note=raw.get("agreed_note", ""),
        finalised_on=day(raw.get("finalised_on")),
        replaces_version=raw.get("replaces_version"),
        replaces_finalised_on=day(raw.get("replaces_finalised_on")),
    )
