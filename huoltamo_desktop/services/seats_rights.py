"""A person's data rights: everything about them on request, erasure of leavers, the audit log.

The export gathers what the firm holds about one person — their details,
skill ratings with history and the levels derived from them, targets,
cards, their own conversations (notes and actions, never the manager's
private notes, never a group discussion's), what they shared from employee
mode — and the audit log of who looked at or changed it. Private texts the
person sealed with their own PIN cannot be read by the firm and are only
counted. Each export is itself written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import (
    Person,
    PersonStatus,
    Team,
    career_stage_label,
    leave_reason_label,
)
from huoltamo_desktop.domain.seats import AuditAction, AuditEntry, Scope
from huoltamo_desktop.domain.seats import ExportTable as ExportTable
from huoltamo_desktop.domain.seats import PersonExport as PersonExport
from huoltamo_desktop.i18n import LANGUAGE_NAMES, N_, _
from huoltamo_desktop.services.seats import require_owner
from huoltamo_desktop.storage.seats_audit import note

RETENTION_SETTING = "retention.leaver_years"


def _actor_label(actor: str, person_id: int) -> str:
    if actor == "manager":
        return N_("the manager")
    if actor == f"employee:{person_id}":
        return N_("you, in employee mode")
    if actor.startswith("employee:"):
        return N_("another employee")
    if actor.startswith("seat:"):
        return N_("a team lead")
    if actor == "cli":
        return N_("the command line")
    return N_("the app")


_WHAT_LABELS = {
    "person": N_("personal details"),
    "skill_rating": N_("skill ratings"),
    "skill_target": N_("skill targets"),
    "person_card": N_("cards and certificates"),
    "conversation": N_("conversations"),
    "employee_assessment": N_("self-assessment"),
    "employee_reflection": N_("exercise reflections"),
    "employee_plan": N_("career plan"),
    "employee_share": N_("shared copies"),
    "data_export": N_("data export"),
}


def what_label(what: str) -> str:
    """A readable name for an audit entry's ``what`` (a table or a view), untranslated."""
    return _WHAT_LABELS.get(what.split(":", 1)[0], what)


def person_export(
    session: Session, *, person_id: int, now: datetime | None = None, scope: Scope | None = None
) -> PersonExport:
    """Everything held about the person, in their language; the export is written to the log.

    Answering an access request is the owner's: a team lead's seat is refused.
    """
    require_owner(scope)
    from huoltamo_desktop.domain.conversations import Conversation, ConversationAction
    from huoltamo_desktop.domain.employee import (
        EmployeeAssessment,
        EmployeeCredential,
        EmployeePlan,
        EmployeeReflection,
    )
    from huoltamo_desktop.domain.skills import CardType, PersonCard, Skill, SkillRating, SkillTarget
    from huoltamo_desktop.services import conversations as conv
    from huoltamo_desktop.services.employee import (
        area_title,
        plan_section_title,
        shared_for_manager,
    )
    from huoltamo_desktop.services.skills import card_name, current_levels, skill_name

    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("That person no longer exists."))
    lang = person.language
    team = session.get(Team, person.team_id) if person.team_id else None
    supervisor = session.get(Person, person.supervisor_id) if person.supervisor_id else None
    details: list[tuple[str, str, Any]] = [
        ("first_name", N_("First name"), person.first_name),
        ("last_name", N_("Last name"), person.last_name),
        ("job_title", N_("Job title"), person.job_title),
        ("team", N_("Team"), team.name if team else ""),
        ("supervisor", N_("Supervisor"), supervisor.full_name if supervisor else ""),
        ("employment_start", N_("Employment started"), person.employment_start),
        ("birth_year", N_("Year of birth"), person.birth_year),
        ("career_stage", N_("Career stage"), career_stage_label(person.career_stage)),
        ("language", N_("Language"), LANGUAGE_NAMES.get(lang, lang)),
        ("email", N_("Email"), person.email),
        ("status", N_("Status"), person.status),
        ("left_on", N_("Left on"), person.left_on),
        ("leave_reason", N_("Reason for leaving"), leave_reason_label(person.leave_reason)),
        ("recorded_since", N_("Recorded since"), person.created_at),
    ]
    skills = {s.id: s for s in session.exec(select(Skill))}
    tables: list[ExportTable] = []
    ratings = session.exec(
        select(SkillRating)
        .where(SkillRating.person_id == person_id)
        .order_by(col(SkillRating.rated_on), col(SkillRating.id))
    )
    tables.append(
        ExportTable(
            "skill_ratings",
            N_("Skill ratings, with their history"),
            (
                ("skill", N_("Skill")),
                ("kind", N_("Rated by")),
                ("level", N_("Level")),
                ("rated_on", N_("Date")),
            ),
            [
                {
                    "skill": skill_name(skills[r.skill_id], lang) if r.skill_id in skills else "",
                    "kind": r.kind,
                    "level": r.level,
                    "rated_on": r.rated_on,
                }
                for r in ratings
            ],
        )
    )
    levels = current_levels(session, person_ids=[person_id])
    tables.append(
        ExportTable(
            "current_levels",
            N_("Levels that count now (derived from the ratings)"),
            (("skill", N_("Skill")), ("level", N_("Level"))),
            sorted(
                (
                    {"skill": skill_name(skills[sid], lang), "level": level}
                    for (_pid, sid), level in levels.items()
                    if sid in skills
                ),
                key=lambda r: str(r["skill"]),
            ),
            N_("The agreed level counts first, then the manager's rating, then the self-rating."),
        )
    )
    targets = session.exec(select(SkillTarget).where(SkillTarget.person_id == person_id))
    tables.append(
        ExportTable(
            "skill_targets",
            N_("Targets and wishes to learn"),
            (
                ("skill", N_("Skill")),
                ("level", N_("Target level")),
                ("target_date", N_("By")),
                ("wish", N_("Wants to learn")),
            ),
            [
                {
                    "skill": skill_name(skills[t.skill_id], lang) if t.skill_id in skills else "",
                    "level": t.level,
                    "target_date": t.target_date,
                    "wish": t.wish,
                }
                for t in targets
            ],
        )
    )
    cards = session.exec(
        select(PersonCard, CardType)
        .join(CardType, col(CardType.id) == col(PersonCard.card_type_id))
        .where(PersonCard.person_id == person_id)
    )
    tables.append(
        ExportTable(
            "cards",
            N_("Cards and certificates"),
            (
                ("card", N_("Card")),
                ("obtained_on", N_("Obtained")),
                ("expires_on", N_("Expires")),
                ("note", N_("Note")),
            ),
            [
                {
                    "card": card_name(card_type, lang),
                    "obtained_on": held.obtained_on,
                    "expires_on": held.expires_on,
                    "note": held.note,
                }
                for held, card_type in cards
            ],
        )
    )
    conversations = list(
        session.exec(
            select(Conversation)
            .where(Conversation.person_id == person_id, col(Conversation.is_current).is_(True))
            .order_by(col(Conversation.held_on))
        )
    )
    conversation_rows = []
    action_rows = []
    for c in conversations:
        assert c.id is not None
        notes = conv.get_notes(session, conversation_id=c.id)
        conversation_rows.append(
            {
                "held_on": c.held_on,
                "kind": conv.kind_name(c.kind, lang),
                "state": c.state,
                "notes": "\n\n".join(text for text in notes.values() if text.strip()),
            }
        )
        for a in session.exec(
            select(ConversationAction)
            .where(ConversationAction.conversation_id == c.id)
            .order_by(col(ConversationAction.position))
        ):
            action_rows.append(
                {"held_on": c.held_on, "what": a.what, "due_on": a.due_on, "status": a.status}
            )
    tables.append(
        ExportTable(
            "conversations",
            N_("Conversations and their notes"),
            (
                ("held_on", N_("Date")),
                ("kind", N_("Kind")),
                ("state", N_("State")),
                ("notes", N_("Notes")),
            ),
            conversation_rows,
            N_(
                "The manager's private notes and group development discussions are not part of "
                "this record."
            ),
        )
    )
    tables.append(
        ExportTable(
            "agreed_actions",
            N_("Agreed actions"),
            (
                ("held_on", N_("Conversation")),
                ("what", N_("What")),
                ("due_on", N_("By")),
                ("status", N_("Status")),
            ),
            action_rows,
        )
    )
    assessment, plan = shared_for_manager(session, person_id=person_id)
    shared_rows: list[dict[str, Any]] = []
    if assessment is not None:
        for area, score in assessment.area_scores.items():
            shared_rows.append(
                {
                    "shared_at": assessment.shared_at,
                    "part": area_title(area, lang),
                    "content": "" if score is None else f"{score:.1f} / 5",
                }
            )
    if plan is not None:
        for section, text in plan.sections.items():
            shared_rows.append(
                {
                    "shared_at": plan.shared_at,
                    "part": plan_section_title(section, lang),
                    "content": text,
                }
            )
    sealed = sum(
        int(
            session.exec(
                select(func.count()).select_from(table).where(col(table.person_id) == person_id)
            ).one()
        )
        for table in (EmployeeAssessment, EmployeeReflection, EmployeePlan)
    )
    has_pin = (
        session.exec(
            select(EmployeeCredential).where(EmployeeCredential.person_id == person_id)
        ).first()
        is not None
    )
    details.append(("employee_mode_pin", N_("Employee mode PIN set"), has_pin))
    details.append(("sealed_private_texts", N_("Private texts sealed with your own PIN"), sealed))
    tables.append(
        ExportTable(
            "shared_from_employee_mode",
            N_("What you shared from employee mode"),
            (("shared_at", N_("Shared")), ("part", N_("Part")), ("content", N_("Content"))),
            shared_rows,
            N_(
                "Your private texts are sealed with your own PIN: nobody else can read them, so "
                "they are counted above, not printed. Sign in to employee mode to see them."
            ),
        )
    )
    note(session, action=AuditAction.EXPORT, subject_id=person_id, what="data_export")
    session.flush()
    audit = session.exec(
        select(AuditEntry).where(AuditEntry.subject_id == person_id).order_by(col(AuditEntry.at))
    )
    tables.append(
        ExportTable(
            "audit_log",
            N_("Who has viewed or changed your data"),
            (
                ("at", N_("When")),
                ("who", N_("Who")),
                ("action", N_("Action")),
                ("what", N_("What")),
            ),
            [
                {
                    "at": a.at,
                    "who": _actor_label(a.actor, person_id),
                    "action": a.action,
                    "what": what_label(a.what),
                }
                for a in audit
            ],
        )
    )
    return PersonExport(
        person_id, person.full_name, lang, now or datetime.now(UTC), details, tables
    )


def person_export_pdf(export: PersonExport) -> bytes:
    from huoltamo_desktop.reports.seats_person_export import person_export_pdf as build

    return build(export)


def note_person_viewed(session: Session, *, person_id: int) -> None:
    """The person's record was opened (the edit form): noted in the audit log."""
    from huoltamo_desktop.storage.seats_audit import note_view

    note_view(session, subject_id=person_id, what="person")


# --- people who left: erase after the retention period --------------------------------


@dataclass(frozen=True)
class DueLeaver:
    person_id: int
    name: str
    left_on: date


def retention_years(session: Session) -> int:
    """Years after leaving before a person's data is erased; 0 means the firm decides case by case."""
    from huoltamo_desktop.services.firm import get_setting

    try:
        return max(0, int(get_setting(session, key=RETENTION_SETTING, default="0")))
    except ValueError:
        return 0


def set_retention_years(session: Session, *, years: int, scope: Scope | None = None) -> None:
    require_owner(scope)
    from huoltamo_desktop.services.firm import set_setting

    if not 0 <= years <= 50:
        raise ValidationError(_("Give the years as a number from 0 to 50."), "years")
    set_setting(session, key=RETENTION_SETTING, value=str(years))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def leavers_due(session: Session, *, today: date | None = None) -> list[DueLeaver]:
    """People who left more than the retention period ago (none while the setting is 0)."""
    years = retention_years(session)
    if years == 0:
        return []
    limit = _years_before(today or date.today(), years)
    rows = session.exec(
        select(Person)
        .where(
            Person.status == PersonStatus.LEFT,
            col(Person.left_on).is_not(None),
            col(Person.left_on) <= limit,
        )
        .order_by(col(Person.left_on), Person.last_name, Person.first_name)
    )
    return [DueLeaver(p.id or 0, p.full_name, p.left_on) for p in rows if p.left_on]


def erase_due_leavers(session: Session, *, person_ids: list[int], today: date | None = None) -> int:
    """Erase for good those of ``person_ids`` who are still due; returns how many were."""
    from huoltamo_desktop.services.people import erase_person

    due = {d.person_id for d in leavers_due(session, today=today)}
    erased = 0
    for person_id in person_ids:
        if person_id in due:
            erase_person(session, person_id=person_id)
            erased += 1
    return erased


# --- the audit log ---------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    subject_id: int | None
    subject_name: str  # the person's current name, "" when erased (the log holds only the id)
    what: str
    actor_name: str = ""  # a team lead's current name for "seat:<id>"


def audit_log(
    session: Session,
    *,
    subject_id: int | None = None,
    limit: int = 500,
    scope: Scope | None = None,
) -> list[AuditRow]:
    """The newest entries first; names are looked up now, the log itself holds only ids."""
    require_owner(scope)
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if subject_id is not None:
        query = query.where(AuditEntry.subject_id == subject_id)
    entries = list(session.exec(query.limit(limit)))
    ids = {e.subject_id for e in entries if e.subject_id is not None}
    names = {p.id: p.full_name for p in session.exec(select(Person).where(col(Person.id).in_(ids)))}
    from huoltamo_desktop.services.seats import list_seats

    leads = {f"seat:{v.seat_id}": v.name for v in list_seats(session)}
    return [
        AuditRow(
            e.at,
            e.actor,
            e.action,
            e.subject_id,
            names.get(e.subject_id or -1, ""),
            e.what,
            leads.get(e.actor, ""),
        )
        for e in entries
    ]
