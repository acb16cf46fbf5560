"""The printed summary of a conversation."""

from __future__ import annotations

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import (
    ACTION_KIND_LABELS,
    ACTION_STATUS_LABELS,
    OWNER_LABELS,
    ActionOwner,
    SummaryAction,
    SummaryData,
    SummaryTopic,
)
from huoltamo_desktop.domain.people import Person, PersonStatus, Team
from huoltamo_desktop.i18n import N_, translator_for
from huoltamo_desktop.services.conversations.actions import (
    ActionRow,
    _skill_names,
    carried_actions,
    list_actions,
)
from huoltamo_desktop.services.conversations.records import (
    _document_language,
    _get,
    get_notes,
)
from huoltamo_desktop.services.conversations.templates import kind_name, template_for

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
    return summary_pdf_of(summary_data(session, conversation_id=conversation_id))


def summary_pdf_of(data: SummaryData) -> bytes:
    """The summary laid out from what ``summary_data`` read (ReportLab, the slow part)."""
    from huoltamo_desktop.reports.conversations_summary import build_summary_pdf

    return build_summary_pdf(data)
