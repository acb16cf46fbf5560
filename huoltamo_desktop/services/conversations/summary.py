"""The printed summary of a conversation.

A draft's summary is read from the live records. When a version is marked
final, everything its summary shows is frozen in a snapshot, and every later
print reads the snapshot: a new team member, a new job title, a renamed firm
or topic or another manager never changes a paper that was signed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    ACTION_KIND_LABELS,
    ACTION_STATUS_LABELS,
    NAMED_OWNERS,
    OWNER_LABELS,
    ActionOwner,
    Conversation,
    ConversationAction,
    ConversationCarried,
    ConversationSnapshot,
    ConversationState,
    SummaryAction,
    SummaryData,
    SummaryTopic,
    summary_from_json,
    summary_to_json,
)
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus, Team, utcnow
from huoltamo_desktop.i18n import N_, _, translator_for
from huoltamo_desktop.services.conversations.actions import (
    ActionRow,
    _skill_names,
    carried_actions,
    list_actions,
)
from huoltamo_desktop.services.conversations.records import (
    _children,
    _document_language,
    _editable,
    _get,
    _link_carried,
    _touch,
    get_notes,
)
from huoltamo_desktop.services.conversations.templates import kind_name, template_for

TEAM_LABEL = N_("Team")


def _local_day(value: datetime | None) -> date | None:
    if value is None:
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone().date()


def _replaced(session: Session, c: Conversation) -> Conversation | None:
    """The final version that this later version replaces."""
    if c.version <= 1 or c.chain_id is None:
        return None
    return session.exec(
        select(Conversation).where(
            Conversation.chain_id == c.chain_id, Conversation.version == c.version - 1
        )
    ).first()


def summary_data(session: Session, *, conversation_id: int) -> SummaryData:
    """The summary's content in the person's document language (the firm's for a group).

    A final version's summary comes from its snapshot, as it was when it was marked
    final. One marked final before snapshots existed is frozen at its first print.
    """
    c = _get(session, conversation_id)
    if not c.is_final:
        return _live_summary(session, c)
    snapshot = session.exec(
        select(ConversationSnapshot).where(ConversationSnapshot.conversation_id == c.id)
    ).first()
    if snapshot is not None:
        return summary_from_json(snapshot.summary_json)
    return freeze_summary(session, conversation_id=conversation_id)


def freeze_summary(session: Session, *, conversation_id: int) -> SummaryData:
    """Keep the final version's summary as it is now; later prints read this snapshot."""
    c = _get(session, conversation_id)
    data = _live_summary(session, c)
    session.add(ConversationSnapshot(conversation_id=c.id or 0, summary_json=summary_to_json(data)))
    session.flush()
    return data


def _live_summary(session: Session, c: Conversation) -> SummaryData:
    from huoltamo_desktop.services.firm import get_organisation

    conversation_id = c.id or 0
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
        SummaryTopic(t.title, notes[t.key])
        for t in template.topics
        if notes.get(t.key, "").strip() and not t.closing
    ]
    agreed_note = "\n\n".join(
        notes[t.key].strip() for t in template.topics if t.closing and notes.get(t.key, "").strip()
    )

    def summary_action(row: ActionRow, status: str | None) -> SummaryAction:
        if row.owner in NAMED_OWNERS and row.owner_name:
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
        label, detail = person.full_name, person.job_title_in(language)
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
    replaced = _replaced(session, c)
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
        agreed_note=agreed_note,
        finalised_on=_local_day(c.finalised_at) if c.is_final else None,
        replaces_version=replaced.version if replaced is not None else None,
        replaces_finalised_on=_local_day(replaced.finalised_at) if replaced is not None else None,
    )


def summary_pdf(session: Session, *, conversation_id: int) -> bytes:
    """The printed summary as PDF bytes. The manager's private notes are never part of it."""
    return summary_pdf_of(summary_data(session, conversation_id=conversation_id))


def summary_pdf_of(data: SummaryData) -> bytes:
    """The summary laid out from what ``summary_data`` read (ReportLab, the slow part)."""
    from huoltamo_desktop.reports.conversations_summary import build_summary_pdf

    return build_summary_pdf(data)


def finalise(session: Session, *, conversation_id: int) -> Conversation:
    """Mark the conversation final: it is frozen, and so is everything its summary shows."""
    conversation = _editable(session, conversation_id)
    if not conversation.is_current:
        raise ValidationError(_("This is an earlier version and cannot be changed."))
    conversation.state = ConversationState.FINAL
    conversation.finalised_at = utcnow()
    _touch(conversation)
    session.add(conversation)
    _link_carried(session, conversation)
    session.flush()
    links = _children(session, ConversationCarried, conversation_id)
    for link in links:
        action = session.get(ConversationAction, link.action_id)
        link.status_at_final = action.status if action else None
        session.add(link)
    session.flush()
    freeze_summary(session, conversation_id=conversation_id)
    return conversation
