"""Rotation use cases: plan, check, move, record the outcome, and the firm's views of the plan.

Functions take a Session and keyword-only arguments and return plain objects.
The whole plan is read in a handful of set-based queries into ``PlanData``;
coverage, the bus factor, checks and suggestions are then pure rules.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import ActionStatus, Conversation, ConversationAction
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import Person, Team, utcnow
from huoltamo_desktop.domain.rotations import (
    DEFAULT_MINIMUM,
    KIND_LABELS,
    SETTING_MINIMUM,
    STATUS_LABELS,
    Absence,
    CandidateReason,
    CardFacts,
    Coverage,
    GoalFacts,
    IssueCode,
    PersonPlanFacts,
    PlanData,
    PlanIssue,
    Rotation,
    RotationActionLink,
    RotationFacts,
    RotationGoal,
    RotationKind,
    RotationStatus,
    SkillCardRequirement,
    Span,
    SuggestionInput,
    SuggestionReason,
    bus_factor,
    check_rotation,
    cover_candidates,
    coverage,
    holders,
    key_person_effects,
    kind_label,
    plan_weeks,
    status_label,
    suggest_rotations,
)
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import (
    EXPERT_LEVEL,
    CardType,
    PersonCard,
    RatingKind,
    SkillData,
    is_valid_level,
    matches_for_person,
    needed_levels,
    normalise_title,
)
from huoltamo_desktop.i18n import N_, _, current_language, format_date, translator_for
from huoltamo_desktop.services import skills as skills_svc
from huoltamo_desktop.services.firm import get_setting, set_setting
from huoltamo_desktop.services.seats import require_owner
from huoltamo_desktop.services.seats_versions import merge_edit

if TYPE_CHECKING:
    from huoltamo_desktop.reports.rotations_plan import PlanReport

DEFAULT_PLAN_WEEKS = 26
PLAN_LENGTHS = (13, 26, 52)


# --- settings ------------------------------------------------------------------------------


def get_minimum(session: Session) -> int:
    """The firm's minimum: people at level 3+ each needed skill should have available each week."""
    try:
        value = int(get_setting(session, key=SETTING_MINIMUM, default=str(DEFAULT_MINIMUM)))
    except ValueError:
        return DEFAULT_MINIMUM
    return value if 1 <= value <= 20 else DEFAULT_MINIMUM


def set_minimum(session: Session, *, value: int) -> None:
    if not 1 <= value <= 20:
        raise ValidationError(_("The minimum must be between 1 and 20 people."), "minimum")
    set_setting(session, key=SETTING_MINIMUM, value=str(value))


# --- the plan as plain data -----------------------------------------------------------------


def plan_data(
    session: Session, *, today: date | None = None, skills: SkillData | None = None
) -> PlanData:
    """The firm's people, levels, needs, rotations, absences and cards as plain data."""
    today = today or date.today()
    picture = skills or skills_svc.skill_data(session, today=today)
    people = {
        pid: PersonPlanFacts(
            pid,
            p.name,
            team_id=p.team_id,
            job_title=p.job_title,
            leaving_on=p.leaving_on,
            late_career=p.is_late_career(today),
        )
        for pid, p in picture.people.items()
        if p.active
    }
    # Coverage is about level 3 and above: the skills a role profile in use or a future need
    # asks for at that level. A skill asked for only at a lower level has no expert to cover.
    needed = {sid: lvl for sid, lvl in needed_levels(picture).items() if lvl >= EXPERT_LEVEL}
    titles_in_use = {normalise_title(p.job_title) for p in people.values()}
    profile_need: dict[int, int] = defaultdict(int)
    for title, profile in picture.profiles.items():
        if title not in titles_in_use:
            continue
        for sid, level in profile.items():
            if level >= EXPERT_LEVEL:
                profile_need[sid] += 1
    future_need: list[tuple[int, int, date | None]] = [
        (n.skill_id, n.people_needed, n.by_date) for n in picture.needs if n.level >= EXPERT_LEVEL
    ]
    rotations = _rotation_facts(session)
    absences: dict[int, list[Span]] = defaultdict(list)
    for a in session.exec(select(Absence)):
        absences[a.person_id].append(Span(a.starts_on, a.ends_on))
    card_for_skill: dict[int, set[int]] = defaultdict(set)
    for req in session.exec(select(SkillCardRequirement)):
        card_for_skill[req.skill_id].add(req.card_type_id)
    cards = []
    if card_for_skill:
        wanted = {c for cs in card_for_skill.values() for c in cs}
        for pc in session.exec(select(PersonCard).where(col(PersonCard.card_type_id).in_(wanted))):
            cards.append(CardFacts(pc.person_id, pc.card_type_id, pc.obtained_on, pc.expires_on))
    return PlanData(
        people=people,
        skill_names=picture.skill_names,
        levels={k: v for k, v in picture.levels.items() if k[0] in people},
        needed=needed,
        rotations=rotations,
        absences=dict(absences),
        cards=cards,
        card_for_skill={k: frozenset(v) for k, v in card_for_skill.items()},
        profile_need=dict(profile_need),
        future_need=future_need,
        minimum=get_minimum(session),
    )


def _rotation_facts(session: Session) -> list[RotationFacts]:
    goals: dict[int, list[GoalFacts]] = defaultdict(list)
    for g in session.exec(select(RotationGoal)):
        goals[g.rotation_id].append(GoalFacts(g.skill_id, g.target_level))
    return [
        _facts(r, tuple(goals.get(r.id or 0, ())))
        for r in session.exec(select(Rotation).order_by(col(Rotation.starts_on)))
    ]


def _facts(r: Rotation, goals: tuple[GoalFacts, ...]) -> RotationFacts:
    return RotationFacts(
        r.id or 0,
        r.kind,
        r.person_id,
        r.starts_on,
        r.ends_on,
        r.share_percent,
        r.status,
        r.partner_id,
        r.host_id,
        r.cover_id,
        goals,
    )


# --- input, checks and saving --------------------------------------------------------------


@dataclass(frozen=True)
class RotationInput:
    kind: str
    person_id: int
    starts_on: date
    ends_on: date
    share_percent: int = 100
    partner_id: int | None = None
    host_id: int | None = None
    cover_id: int | None = None
    destination: str = ""
    goals: tuple[tuple[int, int], ...] = ()  # (skill id, target level)
    status: str = RotationStatus.PLANNED


@dataclass(frozen=True)
class IssueView:
    code: str
    text: str
    week: date | None = None
    skill_id: int | None = None


class RotationWarnings(UserError):
    """The checks found something; the user decides whether to save anyway."""

    def __init__(self, issues: list[IssueView]) -> None:
        super().__init__("\n".join(i.text for i in issues))
        self.issues = issues


def validate(data: RotationInput) -> None:
    """Rules that cannot be overridden: a warning can be accepted, these cannot."""
    if data.kind not in set(RotationKind):
        raise ValidationError(_("Choose the kind of rotation."), "kind")
    if not data.person_id:
        raise ValidationError(_("Choose who rotates."), "person")
    if data.ends_on < data.starts_on:
        raise ValidationError(_("The end date is before the start date."), "ends_on")
    if (data.ends_on - data.starts_on).days > 3 * 366:
        raise ValidationError(_("A rotation can last three years at most."), "ends_on")
    if not 5 <= data.share_percent <= 100:
        raise ValidationError(
            _("The share of working time must be between 5 and 100 %."), "share_percent"
        )
    if data.kind == RotationKind.SWAP and not data.partner_id:
        raise ValidationError(_("A swap needs the person to swap with."), "partner")
    if data.partner_id is not None and data.partner_id == data.person_id:
        raise ValidationError(_("A person cannot swap with themselves."), "partner")
    if data.host_id is not None and data.host_id == data.person_id:
        raise ValidationError(_("The host guides someone else, not themselves."), "host")
    if data.cover_id is not None and data.cover_id in (data.person_id, data.partner_id):
        raise ValidationError(_("The cover must be someone who stays in their own work."), "cover")
    if data.status not in set(RotationStatus):
        raise ValidationError(_("Unknown status."), "status")
    seen = set()
    for skill_id, level in data.goals:
        if not is_valid_level(level) or level < 1:
            raise ValidationError(_("A target level is from 1 to 4."), "goals")
        if skill_id in seen:
            raise ValidationError(_("Each skill is a goal only once."), "goals")
        seen.add(skill_id)


def _input_facts(data: RotationInput, rotation_id: int | None) -> RotationFacts:
    return RotationFacts(
        rotation_id or 0,
        data.kind,
        data.person_id,
        data.starts_on,
        data.ends_on,
        data.share_percent,
        data.status,
        data.partner_id if data.kind == RotationKind.SWAP else None,
        data.host_id,
        data.cover_id,
        tuple(GoalFacts(s, lvl) for s, lvl in data.goals),
    )


def _check_weeks(data: RotationInput) -> list[Span]:
    weeks = (data.ends_on - data.starts_on).days // 7 + 2
    return plan_weeks(data.starts_on, weeks)


def check(
    session: Session,
    *,
    data: RotationInput,
    rotation_id: int | None = None,
    plan: PlanData | None = None,
) -> list[IssueView]:
    """The warnings for saving ``data`` (as a new rotation, or over ``rotation_id``)."""
    validate(data)
    plan = plan or plan_data(session)
    return check_in_plan(plan, data=data, rotation_id=rotation_id)


def check_in_plan(
    plan: PlanData, *, data: RotationInput, rotation_id: int | None = None
) -> list[IssueView]:
    """The same checks on a plan already in memory (the timeline re-runs them while dragging)."""
    facts = _input_facts(data, rotation_id)
    issues = check_rotation(plan, facts, weeks=_check_weeks(data))
    return [issue_view(plan, i) for i in issues]


def issue_view(plan: PlanData, issue: PlanIssue, *, language: str | None = None) -> IssueView:
    """A warning in the user's words (or in ``language``, for a printed plan)."""
    tr = translator_for(language or current_language())
    _ = tr.gettext
    ngettext = tr.ngettext
    who = plan.people[issue.who].name if issue.who in plan.people else _("someone who has left")
    skill = plan.skill_names.get(issue.skill_id or 0, "")
    week = format_date(issue.week, language) if issue.week else ""
    texts = {
        IssueCode.DOUBLE_BOOKED: _("{who} already has another rotation at the same time."),
        IssueCode.PERSON_ABSENT: _("{who} has an absence entered during the rotation."),
        IssueCode.PERSON_LEAVING: _("{who} leaves the firm before the rotation ends."),
        IssueCode.HOST_UNAVAILABLE: _(
            "The host {who} is away, leaving or rotating themselves during the period."
        ),
        IssueCode.COVER_UNAVAILABLE: _(
            "The cover {who} is away, leaving or rotating themselves during the period."
        ),
        IssueCode.COVER_DOUBLE: _("{who} already covers for someone else at the same time."),
    }
    if issue.code == IssueCode.COVERAGE and issue.count == 0:
        text = _(
            "{skill}: nobody at level 3 or above from the week of {week} (needed: {need})."
        ).format(skill=skill, week=week, need=issue.need)
    elif issue.code == IssueCode.COVERAGE:
        text = ngettext(
            "{skill}: only {count} person at level 3 or above from the week of {week} "
            "(needed: {need}).",
            "{skill}: only {count} people at level 3 or above from the week of {week} "
            "(needed: {need}).",
            issue.count,
        ).format(skill=skill, count=issue.count, week=week, need=issue.need)
    else:
        text = texts[IssueCode(issue.code)].format(who=who)
    return IssueView(issue.code, text, issue.week, issue.skill_id)


def save_rotation(
    session: Session,
    *,
    data: RotationInput,
    rotation_id: int | None = None,
    accept_warnings: bool = False,
    today: date | None = None,
    expected_version: int | None = None,
    base: RotationInput | None = None,
) -> Rotation:
    """Save a new rotation or changes to one. Warnings raise ``RotationWarnings`` unless
    accepted; accepted warnings are recorded on the rotation with the date.

    ``expected_version`` and ``base`` are the version and values the editor read:
    changes someone else saved meanwhile to other fields are kept, the same
    field changed on both sides raises ``ConflictError`` (services/seats_versions.py).
    """
    validate(data)
    if rotation_id is not None:
        current = _get(session, rotation_id)
        data = merge_edit(
            current_version=current.row_version,
            expected_version=expected_version,
            base=base,
            yours=data,
            theirs=input_of(session, rotation_id=rotation_id),
        )
    for pid in (data.person_id, data.partner_id, data.host_id, data.cover_id):
        if pid is not None and session.get(Person, pid) is None:
            raise ValidationError(_("That person no longer exists."))
    issues = check(session, data=data, rotation_id=rotation_id)
    if issues and not accept_warnings:
        raise RotationWarnings(issues)
    if rotation_id is None:
        rotation = Rotation(
            kind=data.kind, person_id=data.person_id, starts_on=data.starts_on, ends_on=data.ends_on
        )
    else:
        found = session.get(Rotation, rotation_id)
        if found is None:
            raise UserError(_("That rotation no longer exists."))
        rotation = found
    rotation.kind = data.kind
    rotation.person_id = data.person_id
    rotation.partner_id = data.partner_id if data.kind == RotationKind.SWAP else None
    rotation.host_id = data.host_id
    rotation.cover_id = data.cover_id
    rotation.destination = data.destination.strip()[:200]
    rotation.starts_on = data.starts_on
    rotation.ends_on = data.ends_on
    rotation.share_percent = data.share_percent
    rotation.status = data.status
    rotation.warnings_accepted = _warning_record(issues, today or date.today())
    rotation.updated_at = utcnow()
    session.add(rotation)
    session.flush()
    _save_goals(session, rotation.id or 0, data.goals)
    return rotation


def _warning_record(issues: list[IssueView], today: date) -> str:
    if not issues:
        return ""
    head = _("Saved despite these warnings on {date}:").format(date=format_date(today))
    return "\n".join([head, *("– " + i.text for i in issues)])


def _save_goals(session: Session, rotation_id: int, goals: tuple[tuple[int, int], ...]) -> None:
    existing = {
        g.skill_id: g
        for g in session.exec(select(RotationGoal).where(RotationGoal.rotation_id == rotation_id))
    }
    wanted = dict(goals)
    for skill_id, goal in existing.items():
        if skill_id not in wanted:
            session.delete(goal)
    for skill_id, level in wanted.items():
        goal = existing.get(skill_id) or RotationGoal(
            rotation_id=rotation_id, skill_id=skill_id, target_level=level
        )
        goal.target_level = level
        session.add(goal)
    session.flush()


def input_of(session: Session, *, rotation_id: int) -> RotationInput:
    """A saved rotation as input, to edit it or move it."""
    rotation = _get(session, rotation_id)
    goals = tuple(
        (g.skill_id, g.target_level)
        for g in session.exec(
            select(RotationGoal)
            .where(RotationGoal.rotation_id == rotation_id)
            .order_by(col(RotationGoal.id))
        )
    )
    return RotationInput(
        kind=rotation.kind,
        person_id=rotation.person_id,
        starts_on=rotation.starts_on,
        ends_on=rotation.ends_on,
        share_percent=rotation.share_percent,
        partner_id=rotation.partner_id,
        host_id=rotation.host_id,
        cover_id=rotation.cover_id,
        destination=rotation.destination,
        goals=goals,
        status=rotation.status,
    )


def move_rotation(
    session: Session,
    *,
    rotation_id: int,
    starts_on: date,
    ends_on: date,
    accept_warnings: bool = False,
    expected_version: int | None = None,
    shown: tuple[date, date] | None = None,
) -> Rotation:
    """New dates for a rotation (the timeline's drag), with the same checks as saving.

    ``expected_version`` and ``shown`` are the version and the dates the timeline
    showed: a change another seat made meanwhile to anything else is kept, and
    new dates of theirs raise ``ConflictError`` instead of being moved over.
    """
    data = input_of(session, rotation_id=rotation_id)
    moved = dataclasses.replace(data, starts_on=starts_on, ends_on=ends_on)
    base = (
        dataclasses.replace(data, starts_on=shown[0], ends_on=shown[1])
        if shown is not None
        else None
    )
    return save_rotation(
        session,
        data=moved,
        rotation_id=rotation_id,
        accept_warnings=accept_warnings,
        expected_version=expected_version,
        base=base,
    )


def set_status(session: Session, *, rotation_id: int, status: str) -> Rotation:
    if status not in set(RotationStatus):
        raise ValidationError(_("Unknown status."), "status")
    rotation = _get(session, rotation_id)
    rotation.status = status
    rotation.updated_at = utcnow()
    session.add(rotation)
    session.flush()
    return rotation


def delete_rotation(session: Session, *, rotation_id: int) -> None:
    rotation = _get(session, rotation_id)
    if any(g.rating_id for g in _goals(session, rotation_id)):
        raise UserError(
            _(
                "This rotation's outcome is already in the skill ratings; cancel it instead of "
                "deleting it."
            )
        )
    session.delete(rotation)
    session.flush()


def _get(session: Session, rotation_id: int) -> Rotation:
    rotation = session.get(Rotation, rotation_id)
    if rotation is None:
        raise UserError(_("That rotation no longer exists."))
    return rotation


def _goals(session: Session, rotation_id: int) -> list[RotationGoal]:
    return list(
        session.exec(
            select(RotationGoal)
            .where(RotationGoal.rotation_id == rotation_id)
            .order_by(col(RotationGoal.id))
        )
    )


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalView:
    skill_id: int
    skill_name: str
    level_now: int
    target_level: int
    proposed_level: int | None
    rated: bool  # the manager confirmed it: it is a skill rating now


@dataclass(frozen=True)
class RotationView:
    id: int
    kind: str
    kind_name: str
    status: str
    status_name: str
    person_id: int
    person_name: str
    team_id: int | None
    team_name: str
    partner_id: int | None
    partner_name: str
    host_id: int | None
    host_name: str
    cover_id: int | None
    cover_name: str
    destination: str
    starts_on: date
    ends_on: date
    share_percent: int
    goals: tuple[GoalView, ...] = ()
    warnings_accepted: str = ""
    outcome_person: str = ""
    outcome_host: str = ""
    outcome_confirmed_on: date | None = None
    follows_action_id: int | None = None  # the conversation's agreed action it follows up
    follows_action: str = ""


def list_rotations(
    session: Session, *, person_id: int | None = None, include_cancelled: bool = True
) -> list[RotationView]:
    """Every rotation (or one person's, as the person or the swap partner), earliest first."""
    query = select(Rotation).order_by(col(Rotation.starts_on), col(Rotation.id))
    rows = list(session.exec(query))
    if person_id is not None:
        rows = [r for r in rows if person_id in (r.person_id, r.partner_id)]
    if not include_cancelled:
        rows = [r for r in rows if r.status != RotationStatus.CANCELLED]
    if not rows:
        return []
    names: dict[int, tuple[str, int | None]] = {
        p.id or 0: (p.full_name, p.team_id) for p in session.exec(select(Person))
    }
    teams = {t.id: t.name for t in session.exec(select(Team))}
    skill_names = {
        s.id or 0: skills_svc.skill_name(s)
        for s in skills_svc.list_skills(session, include_retired=True)
    }
    ids = [r.id or 0 for r in rows]
    goals: dict[int, list[RotationGoal]] = defaultdict(list)
    for g in session.exec(
        select(RotationGoal)
        .where(col(RotationGoal.rotation_id).in_(ids))
        .order_by(col(RotationGoal.id))
    ):
        goals[g.rotation_id].append(g)
    levels = skills_svc.current_levels(session, person_ids=sorted({r.person_id for r in rows}))
    follows: dict[int, tuple[int, str]] = {}
    for link, action in session.exec(
        select(RotationActionLink, ConversationAction)
        .join(ConversationAction, col(ConversationAction.id) == RotationActionLink.action_id)
        .where(col(RotationActionLink.rotation_id).in_(ids))
    ):
        follows[link.rotation_id] = (action.id or 0, action.what)

    def name(pid: int | None) -> str:
        return names.get(pid, ("", None))[0] if pid is not None else ""

    result = []
    for r in rows:
        team_id = names.get(r.person_id, ("", None))[1]
        result.append(
            RotationView(
                id=r.id or 0,
                kind=r.kind,
                kind_name=kind_label(r.kind),
                status=r.status,
                status_name=status_label(r.status),
                person_id=r.person_id,
                person_name=name(r.person_id),
                team_id=team_id,
                team_name=teams.get(team_id, "") if team_id is not None else "",
                partner_id=r.partner_id,
                partner_name=name(r.partner_id),
                host_id=r.host_id,
                host_name=name(r.host_id),
                cover_id=r.cover_id,
                cover_name=name(r.cover_id),
                destination=r.destination,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                share_percent=r.share_percent,
                goals=tuple(
                    GoalView(
                        g.skill_id,
                        skill_names.get(g.skill_id, ""),
                        levels.get((r.person_id, g.skill_id), 0),
                        g.target_level,
                        g.proposed_level,
                        g.rating_id is not None,
                    )
                    for g in goals.get(r.id or 0, ())
                ),
                warnings_accepted=r.warnings_accepted,
                outcome_person=r.outcome_person,
                outcome_host=r.outcome_host,
                outcome_confirmed_on=r.outcome_confirmed_on,
                follows_action_id=follows.get(r.id or 0, (None, ""))[0],
                follows_action=follows.get(r.id or 0, (None, ""))[1],
            )
        )
    return result


def get_rotation(session: Session, *, rotation_id: int) -> RotationView:
    _get(session, rotation_id)
    return next(r for r in list_rotations(session) if r.id == rotation_id)


# --- outcome ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeInput:
    """The outcome form: both accounts of what was learned and the proposed levels."""

    person_text: str
    host_text: str
    proposed: tuple[tuple[int, int], ...]  # (skill id, level), in skill id order


def outcome_input(session: Session, *, rotation_id: int) -> OutcomeInput:
    rotation = _get(session, rotation_id)
    proposed = tuple(
        sorted(
            (g.skill_id, g.proposed_level)
            for g in _goals(session, rotation_id)
            if g.proposed_level is not None and g.rating_id is None
        )
    )
    return OutcomeInput(rotation.outcome_person, rotation.outcome_host, proposed)


def record_outcome(
    session: Session,
    *,
    rotation_id: int,
    person_text: str,
    host_text: str,
    proposed: dict[int, int],
    expected_version: int | None = None,
    base: OutcomeInput | None = None,
) -> None:
    """What the person and the host say was learned, and the levels they propose.

    With the version and values the form read, another's change meanwhile is
    merged, or raises ``ConflictError`` where both changed the same text or levels.
    """
    rotation = _get(session, rotation_id)
    if expected_version is not None:
        merged = merge_edit(
            current_version=rotation.row_version,
            expected_version=expected_version,
            base=base,
            yours=OutcomeInput(
                person_text.strip(), host_text.strip(), tuple(sorted(proposed.items()))
            ),
            theirs=outcome_input(session, rotation_id=rotation_id),
        )
        person_text, host_text = merged.person_text, merged.host_text
        proposed = dict(merged.proposed)
    goals = {g.skill_id: g for g in _goals(session, rotation_id)}
    for skill_id, level in proposed.items():
        if skill_id not in goals:
            raise ValidationError(_("That skill is not one of this rotation's goals."))
        if not is_valid_level(level):
            raise ValidationError(_("A level is from 0 to 4."))
        if goals[skill_id].rating_id is not None:
            continue  # already confirmed; a new level is a new rating on the Skills page
        goals[skill_id].proposed_level = level
        session.add(goals[skill_id])
    rotation.outcome_person = person_text.strip()
    rotation.outcome_host = host_text.strip()
    rotation.updated_at = utcnow()
    session.add(rotation)
    session.flush()


def confirm_outcome(session: Session, *, rotation_id: int, on: date | None = None) -> int:
    """The manager confirms the proposed levels: each becomes an agreed skill rating dated on
    the rotation's last day (or ``on``), with the rotation as its source. The rotation is done.
    Returns how many ratings were recorded."""
    rotation = _get(session, rotation_id)
    if rotation.status == RotationStatus.CANCELLED:
        raise UserError(_("A cancelled rotation has no outcome to confirm."))
    pending = [
        g
        for g in _goals(session, rotation_id)
        if g.proposed_level is not None and g.rating_id is None
    ]
    if not pending and not rotation.outcome_person and not rotation.outcome_host:
        raise UserError(_("Record what was learned before confirming the outcome."))
    rated_on = on or min(rotation.ends_on, date.today())
    for goal in pending:
        rating = skills_svc.record_rating(
            session,
            person_id=rotation.person_id,
            skill_id=goal.skill_id,
            kind=RatingKind.AGREED,
            level=goal.proposed_level or 0,
            on=rated_on,
        )
        goal.rating_id = rating.id
        session.add(goal)
    rotation.status = RotationStatus.DONE
    rotation.outcome_confirmed_on = on or date.today()
    rotation.updated_at = utcnow()
    session.add(rotation)
    session.flush()
    return len(pending)


def rating_sources(session: Session, *, person_id: int) -> dict[int, RotationView]:
    """Skill rating id → the rotation it came from, for one person."""
    result = {}
    for view in list_rotations(session, person_id=person_id):
        for g in _goals(session, view.id):
            if g.rating_id is not None:
                result[g.rating_id] = view
    return result


@dataclass(frozen=True)
class InternalMove:
    rotation_id: int
    person_id: int
    kind: str
    started_on: date
    ended_on: date


def internal_moves(session: Session, *, start: date, end: date) -> list[InternalMove]:
    """Rotations under way or finished that started between ``start`` and ``end``: each is an
    internal move in the firm's mobility figures (a swap is a move for both people)."""
    moves = []
    for r in session.exec(
        select(Rotation).where(
            col(Rotation.status).in_([RotationStatus.RUNNING, RotationStatus.DONE]),
            col(Rotation.starts_on) >= start,
            col(Rotation.starts_on) <= end,
        )
    ):
        moves.append(InternalMove(r.id or 0, r.person_id, r.kind, r.starts_on, r.ends_on))
        if r.kind == RotationKind.SWAP and r.partner_id is not None:
            moves.append(InternalMove(r.id or 0, r.partner_id, r.kind, r.starts_on, r.ends_on))
    moves.sort(key=lambda m: (m.started_on, m.rotation_id, m.person_id))
    return moves


# --- absences and card-dependent skills ---------------------------------------------------------


@dataclass(frozen=True)
class AbsenceView:
    id: int
    person_id: int
    person_name: str
    starts_on: date
    ends_on: date
    note: str


def add_absence(
    session: Session, *, person_id: int, starts_on: date, ends_on: date, note: str = ""
) -> Absence:
    """A known absence, dates only (a note such as "summer holiday"; never health details)."""
    if ends_on < starts_on:
        raise ValidationError(_("The end date is before the start date."), "ends_on")
    if session.get(Person, person_id) is None:
        raise ValidationError(_("That person no longer exists."))
    absence = Absence(
        person_id=person_id, starts_on=starts_on, ends_on=ends_on, note=note.strip()[:200]
    )
    session.add(absence)
    session.flush()
    return absence


def remove_absence(session: Session, *, absence_id: int) -> None:
    session.exec(delete(Absence).where(col(Absence.id) == absence_id))
    session.flush()


def list_absences(session: Session, *, from_day: date | None = None) -> list[AbsenceView]:
    query = select(Absence, Person).join(Person, col(Person.id) == Absence.person_id)
    if from_day is not None:
        query = query.where(col(Absence.ends_on) >= from_day)
    rows = session.exec(query.order_by(col(Absence.starts_on), col(Absence.id)))
    return [
        AbsenceView(a.id or 0, a.person_id, p.full_name, a.starts_on, a.ends_on, a.note)
        for a, p in rows
    ]


def set_skill_card(session: Session, *, skill_id: int, card_type_id: int | None) -> None:
    """Make a skill count only with a valid card of this type (None: no card needed)."""
    skills_svc.get_skill(session, skill_id=skill_id)
    if card_type_id is not None and session.get(CardType, card_type_id) is None:
        raise ValidationError(_("That card no longer exists."))
    session.exec(delete(SkillCardRequirement).where(col(SkillCardRequirement.skill_id) == skill_id))
    if card_type_id is not None:
        session.add(SkillCardRequirement(skill_id=skill_id, card_type_id=card_type_id))
    session.flush()


@dataclass(frozen=True)
class SkillCardView:
    skill_id: int
    skill_name: str
    card_type_id: int
    card_name: str


def skill_cards(session: Session) -> list[SkillCardView]:
    """The skills that count only with a valid card, and the card each needs."""
    from huoltamo_desktop.i18n.collation import sorter

    skills = {s.id: skills_svc.skill_name(s) for s in skills_svc.list_skills(session)}
    cards = {
        c.id: skills_svc.card_name(c)
        for c in skills_svc.list_card_types(session, include_retired=True)
    }
    rows = [
        SkillCardView(r.skill_id, skills[r.skill_id], r.card_type_id, cards.get(r.card_type_id, ""))
        for r in session.exec(select(SkillCardRequirement))
        if r.skill_id in skills
    ]
    by_name = sorter()
    return sorted(rows, key=lambda r: by_name(r.skill_name))


# --- the firm's views of the plan -------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageView:
    coverage: Coverage
    skill_names: tuple[str, ...]
    week_labels: tuple[str, ...]
    short_count: int


def coverage_view(
    session: Session,
    *,
    start: date | None = None,
    weeks: int = DEFAULT_PLAN_WEEKS,
    plan: PlanData | None = None,
) -> CoverageView:
    """The skill × week heat map of the plan period, skills in name order."""
    plan = plan or plan_data(session)
    spans = plan_weeks(start or date.today(), weeks)
    from huoltamo_desktop.i18n.collation import sorter

    by_name = sorter()
    ids = sorted(plan.needed, key=lambda s: (by_name(plan.skill_names.get(s, "")), s))
    cov = coverage(plan, spans, ids)
    return CoverageView(
        cov,
        tuple(plan.skill_names.get(s, "") for s in ids),
        tuple(_week_label(w.start) for w in spans),
        len(cov.short_cells()),
    )


def _week_label(day: date) -> str:
    return _("wk {number}").format(number=day.isocalendar()[1])


@dataclass(frozen=True)
class CandidateView:
    person_id: int
    name: str
    level: int
    why: str


def candidates_view(
    session: Session,
    *,
    skill_id: int,
    week_start: date,
    plan: PlanData | None = None,
    scope: Scope | None = None,
) -> list[CandidateView]:
    """Who could cover ``skill_id`` in the week starting ``week_start``, ranked, with why."""
    require_owner(scope)
    plan = plan or plan_data(session)
    spans = plan_weeks(week_start, 1)
    targets = {
        k: t.level for k, t in skills_svc.targets_for(session).items() if t.level is not None
    }
    texts = {
        CandidateReason.NEARLY: _("one level short"),
        CandidateReason.TARGET: _("has it as a target"),
        CandidateReason.CARD_MISSING: _("has the level, but the card is not valid that week"),
        CandidateReason.SAME_TEAM: _("in a holder's team"),
    }
    return [
        CandidateView(
            c.person_id,
            plan.people[c.person_id].name,
            c.level,
            ", ".join(texts[CandidateReason(r)] for r in c.reasons),
        )
        for c in cover_candidates(plan, spans, skill_id=skill_id, week=0, targets=targets)
    ]


@dataclass(frozen=True)
class EffectView:
    skill_id: int
    skill_name: str
    level: int
    now: int
    after: int
    new_holders: str


@dataclass(frozen=True)
class KeyPeopleView:
    effects: tuple[EffectView, ...]
    bus_before: int
    bus_after: int
    needed_skills: int
    first_to_go: tuple[str, ...] = field(default=())  # the people the greedy takes first


def key_people_view(session: Session, *, plan: PlanData | None = None) -> KeyPeopleView:
    """Holders per fragile skill now and after the plan, and the bus factor before and after."""
    plan = plan or plan_data(session)
    names = {pid: p.name for pid, p in plan.people.items()}
    before, order = bus_factor(holders(plan), tie_names=names)
    after, _order = bus_factor(holders(plan, after_plan=True), tie_names=names)
    effects = tuple(
        EffectView(
            e.skill_id,
            plan.skill_names.get(e.skill_id, ""),
            e.level,
            e.now,
            e.after,
            ", ".join(names.get(p, "") for p in e.new_holders),
        )
        for e in key_person_effects(plan)
    )
    return KeyPeopleView(
        effects, before, after, len(plan.needed), tuple(names.get(p, "") for p in order)
    )


@dataclass(frozen=True)
class SuggestionView:
    learner_id: int
    learner_name: str
    host_id: int
    host_name: str
    skill_id: int
    skill_name: str
    target_level: int
    starts_on: date | None
    ends_on: date | None
    why: str
    breaks: str  # when no start keeps coverage: what would break and from which week
    role_match: int


def suggestions_view(
    session: Session,
    *,
    start: date | None = None,
    weeks: int = DEFAULT_PLAN_WEEKS,
    plan: PlanData | None = None,
    skills: SkillData | None = None,
) -> list[SuggestionView]:
    """Ranked suggestions of who could rotate to whom to learn what, each with why."""
    picture = skills or skills_svc.skill_data(session)
    plan = plan or plan_data(session, skills=picture)
    first = start or date.today()
    # A suggestion starts on a Monday still ahead, never in the week already under way.
    first += timedelta(days=(7 - first.weekday()) % 7)
    spans = plan_weeks(first, weeks)
    targets = {k: t.level for k, t in picture.targets.items() if t.level is not None}
    wishes = frozenset(k for k, t in picture.targets.items() if t.wish)
    role_match: dict[tuple[int, int], int] = {}
    hosts = {
        pid for (pid, sid), lvl in plan.levels.items() if lvl >= EXPERT_LEVEL and sid in plan.needed
    }
    for learner in {k[0] for k in targets} | {k[0] for k in wishes}:
        by_title = {
            normalise_title(m.profile_title): m.percent
            for m in matches_for_person(picture, learner)
        }
        for host in hosts:
            host_title = normalise_title(plan.people[host].job_title) if host in plan.people else ""
            if host_title in by_title:
                role_match[(learner, host)] = by_title[host_title]
    result = []
    for s in suggest_rotations(plan, spans, SuggestionInput(targets, wishes, role_match)):
        why = _reasons_text(s.reasons, s.role_match, plan.people[s.host_id].name)
        breaks = issue_view(plan, s.breaks).text if s.breaks is not None else ""
        result.append(
            SuggestionView(
                s.learner_id,
                plan.people[s.learner_id].name,
                s.host_id,
                plan.people[s.host_id].name,
                s.skill_id,
                plan.skill_names.get(s.skill_id, ""),
                s.target_level,
                s.start,
                s.end,
                why,
                breaks,
                s.role_match,
            )
        )
    return result


def _reasons_text(reasons: tuple[str, ...], match: int, host: str) -> str:
    texts = {
        SuggestionReason.WISH: _("wishes to learn it"),
        SuggestionReason.TARGET: _("has a target level for it"),
        SuggestionReason.SECOND_HOLDER: _(
            "would be the second holder of a skill only {host} holds"
        ),
        SuggestionReason.FIRST_HOLDER: _("nobody holds it at the needed level yet"),
        SuggestionReason.HOLDER_LATE: _("{host} is late in their career"),
        SuggestionReason.HOLDER_LEAVING: _("{host} is leaving"),
        SuggestionReason.ROLE_MATCH: _("already meets {percent} % of the host's role"),
    }
    return "; ".join(texts[SuggestionReason(r)].format(host=host, percent=match) for r in reasons)


def suggestion_input(suggestion: SuggestionView, *, share_percent: int = 50) -> RotationInput:
    """A suggestion as a rotation to open in the editor."""
    start = suggestion.starts_on or date.today()
    end = suggestion.ends_on or start + timedelta(weeks=8) - timedelta(days=3)
    return RotationInput(
        kind=RotationKind.ROTATION,
        person_id=suggestion.learner_id,
        starts_on=start,
        ends_on=end,
        share_percent=share_percent,
        host_id=suggestion.host_id,
        goals=((suggestion.skill_id, suggestion.target_level),),
    )


# --- conversations: Prepare view and agreed actions ---------------------------------------------------


def link_action(session: Session, *, rotation_id: int, action_id: int | None) -> None:
    """Make the rotation the follow-up of a conversation's agreed action (None: of none)."""
    _get(session, rotation_id)
    if action_id is not None and session.get(ConversationAction, action_id) is None:
        raise UserError(_("That agreed action no longer exists."))
    session.exec(
        delete(RotationActionLink).where(col(RotationActionLink.rotation_id) == rotation_id)
    )
    if action_id is not None:
        session.add(RotationActionLink(rotation_id=rotation_id, action_id=action_id))
    session.flush()


def open_actions_for_person(session: Session, *, person_id: int) -> list[tuple[int, str]]:
    """The person's agreed actions still open or under way, which a rotation could follow
    up: (id, what), the latest first."""
    rows = session.exec(
        select(ConversationAction)
        .join(Conversation, col(Conversation.id) == ConversationAction.conversation_id)
        .where(
            Conversation.person_id == person_id,
            col(ConversationAction.status).in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
        )
        .order_by(col(ConversationAction.id).desc())
    )
    seen: set[str] = set()
    result = []
    for action in rows:
        if action.what in seen:
            continue  # a later version of the conversation copies its actions
        seen.add(action.what)
        result.append((action.id or 0, action.what))
    return result


# --- the printed plan ---------------------------------------------------------------------------------


def _short_runs(plan: PlanData, view: CoverageView, language: str) -> list[str]:
    """One line per skill under its need: the runs of weeks, e.g. "wk 12–14 (1 of 2)"."""
    tr = translator_for(language)
    cov = view.coverage
    lines = []
    for r, sid in enumerate(cov.skill_ids):
        runs: list[str] = []
        w = 0
        while w < len(cov.weeks):
            if not cov.short(r, w):
                w += 1
                continue
            start = w
            while w + 1 < len(cov.weeks) and cov.short(r, w + 1):
                w += 1
            first = cov.weeks[start].start.isocalendar()[1]
            last = cov.weeks[w].start.isocalendar()[1]
            weeks = (
                tr.gettext(N_("wk {number}")).format(number=first)
                if start == w
                else tr.gettext(N_("wk {first}–{last}")).format(first=first, last=last)
            )
            low = min(cov.counts[r][start : w + 1])
            runs.append(
                tr.gettext(N_("{weeks} ({count} of {need})")).format(
                    weeks=weeks, count=low, need=cov.needs[r][start]
                )
            )
            w += 1
        if runs:
            lines.append(f"{plan.skill_names.get(sid, '')}: {', '.join(runs)}")
    return lines


def plan_report(
    session: Session,
    *,
    person_id: int | None = None,
    start: date | None = None,
    weeks: int = DEFAULT_PLAN_WEEKS,
    language: str | None = None,
    today: date | None = None,
    scope: Scope | None = None,
) -> PlanReport:
    """The plan as report data: one person's rotations (in their language), or the firm's
    for the period (in the user's). The owner's: a team lead's ``scope`` is refused."""
    require_owner(scope)
    from huoltamo_desktop.reports.rotations_plan import (
        PlanReport,
        ReportEffect,
        ReportGoal,
        ReportRotation,
    )
    from huoltamo_desktop.services.firm import get_organisation

    today = today or date.today()
    start = start or today
    spans = plan_weeks(start, weeks)
    period_start, period_end = spans[0].start, spans[-1].end
    person = session.get(Person, person_id) if person_id is not None else None
    if person_id is not None and person is None:
        raise UserError(_("That person no longer exists."))
    lang = language or (person.language if person is not None else current_language())
    tr = translator_for(lang)
    plan = plan_data(session, today=today)
    skill_names = {
        s.id or 0: skills_svc.skill_name(s, lang)
        for s in skills_svc.list_skills(session, include_retired=True)
    }
    plan.skill_names = skill_names
    views = list_rotations(session, person_id=person_id, include_cancelled=False)
    if person is None:
        views = [v for v in views if v.ends_on >= period_start and v.starts_on <= period_end]
    rotations = []
    for v in views:
        issues = []
        if v.status in (RotationStatus.PLANNED, RotationStatus.RUNNING):
            issues = [
                issue_view(plan, i, language=lang).text
                for i in check_rotation(
                    plan,
                    next(f for f in plan.rotations if f.id == v.id),
                    weeks=_check_weeks(input_of(session, rotation_id=v.id)),
                )
            ]
        rotations.append(
            ReportRotation(
                person=v.person_name,
                kind=v.kind,
                kind_name=tr.gettext(KIND_LABELS.get(v.kind, v.kind)),
                status_name=tr.gettext(STATUS_LABELS.get(v.status, v.status)),
                destination=v.destination,
                starts_on=v.starts_on,
                ends_on=v.ends_on,
                share_percent=v.share_percent,
                host=v.host_name,
                cover=v.cover_name,
                partner=(
                    v.person_name
                    if person_id is not None and v.partner_id == person_id
                    else v.partner_name
                ),
                # In a swap the goals are the person's own; the partner's plan shows the swap.
                goals=()
                if person_id is not None and v.person_id != person_id
                else tuple(
                    ReportGoal(
                        skill_names.get(g.skill_id, g.skill_name),
                        g.level_now,
                        g.target_level,
                        g.proposed_level,
                    )
                    for g in v.goals
                ),
                warnings=tuple(issues),
                warnings_accepted=v.warnings_accepted,
                outcome_person=v.outcome_person,
                outcome_host=v.outcome_host,
            )
        )
    org = get_organisation(session)
    firm_name = org.name if org is not None else ""
    if person is not None:
        return PlanReport(
            language=lang,
            firm_name=firm_name,
            title=tr.gettext(N_("Rotation plan")),
            subject=person.full_name,
            period_start=min((r.starts_on for r in rotations), default=period_start),
            period_end=max((r.ends_on for r in rotations), default=period_end),
            printed_on=today,
            rotations=tuple(rotations),
            person_view=True,
        )
    key = key_people_view(session, plan=plan)
    cov = coverage_view(session, start=start, weeks=weeks, plan=plan)
    return PlanReport(
        language=lang,
        firm_name=firm_name,
        title=tr.gettext(N_("The firm's rotation plan")),
        subject=f"{format_date(period_start, lang)} – {format_date(period_end, lang)}",
        period_start=period_start,
        period_end=period_end,
        printed_on=today,
        rotations=tuple(rotations),
        effects=tuple(
            ReportEffect(e.skill_name, e.level, e.now, e.after, e.new_holders) for e in key.effects
        ),
        bus_before=key.bus_before,
        bus_after=key.bus_after,
        coverage_warnings=tuple(_short_runs(plan, cov, lang)),
    )


def plan_pdf(
    session: Session,
    *,
    person_id: int | None = None,
    start: date | None = None,
    weeks: int = DEFAULT_PLAN_WEEKS,
    language: str | None = None,
    today: date | None = None,
    scope: Scope | None = None,
) -> bytes:
    """The rotation plan as PDF bytes: one person's, or the firm's for the period (the owner's)."""
    from huoltamo_desktop.reports.rotations_plan import build_plan_pdf

    return build_plan_pdf(
        plan_report(
            session,
            person_id=person_id,
            start=start,
            weeks=weeks,
            language=language,
            today=today,
            scope=scope,
        )
    )


# --- everything the Rotations page shows, in one call ------------------------------------------------


@dataclass(frozen=True)
class PageData:
    plan: PlanData
    rotations: tuple[RotationView, ...]
    inputs: dict[int, RotationInput]
    versions: dict[int, int]  # each rotation's row_version when ``inputs`` were read
    coverage: CoverageView
    key_people: KeyPeopleView
    suggestions: tuple[SuggestionView, ...]
    absences: tuple[AbsenceView, ...]
    skills: tuple[tuple[int, str], ...]  # (id, name) of every skill, for the goals


def page_data(
    session: Session, *, start: date, weeks: int = DEFAULT_PLAN_WEEKS, scope: Scope | None = None
) -> PageData:
    """The plan, its coverage, key people, suggestions and absences for the period from
    ``start``: one call, so the page can read it all off the UI thread.

    The plan moves people between teams and counts the whole firm, so it is the
    owner's: a team lead's ``scope`` is refused.
    """
    require_owner(scope)
    from huoltamo_desktop.i18n.collation import sorter

    picture = skills_svc.skill_data(session)
    plan = plan_data(session, skills=picture)
    views = list_rotations(session)
    by_name = sorter()
    return PageData(
        plan=plan,
        rotations=tuple(views),
        inputs={v.id: input_of(session, rotation_id=v.id) for v in views},
        versions={v.id: _get(session, v.id).row_version for v in views},
        coverage=coverage_view(session, start=start, weeks=weeks, plan=plan),
        key_people=key_people_view(session, plan=plan),
        suggestions=tuple(
            suggestions_view(session, start=start, weeks=weeks, plan=plan, skills=picture)
        ),
        absences=tuple(list_absences(session, from_day=start - timedelta(days=60))),
        skills=tuple(
            sorted(
                ((s.id or 0, skills_svc.skill_name(s)) for s in skills_svc.list_skills(session)),
                key=lambda item: by_name(item[1]),
            )
        ),
    )
