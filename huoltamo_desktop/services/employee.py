"""The employee's own work (self-assessment, exercises, career plan) and what they share.

Reading or writing the person's own work needs their open ``PersonKey``
(after sign-in). The manager side reads only the frozen shared copies through
``shared_for_manager`` and ``manager_overview``: neither can see anything the
person has not shared, because everything else is sealed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.employee import (
    EmployeeAssessment,
    EmployeeCredential,
    EmployeePlan,
    EmployeeReflection,
    EmployeeShare,
    ShareKind,
    SummaryArea,
    SummaryData,
    SummaryExercise,
    area_scores,
    is_complete,
    strengths_and_development,
    valid_answer,
)
from huoltamo_desktop.domain.employee_content import content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus, Team, utcnow
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.i18n import _, pick
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services.employee_access import PersonKey
from huoltamo_desktop.services.seats import visible_people
from huoltamo_desktop.services.seats_versions import merge_edit

# --- what the manager may see ---------------------------------------------------


@dataclass(frozen=True)
class SharedAssessment:
    """The frozen self-assessment summary the person chose to share."""

    shared_at: datetime
    assessed_on: date
    area_scores: dict[str, float | None]  # area key -> mean on 1–5 (None when all "can't say")
    strengths: list[str]  # area keys
    to_develop: list[str]  # area keys
    previous_scores: dict[str, float | None] | None


@dataclass(frozen=True)
class SharedPlan:
    """The frozen career plan the person chose to share."""

    shared_at: datetime
    sections: dict[str, str]  # section key -> text
    next_steps: list[tuple[str, date | None]]


def area_title(area_key: str, language: str | None = None) -> str:
    """The area's title from the bundled content, in ``language`` (default: the app's)."""
    try:
        return pick(content().area(area_key).title, language)
    except KeyError:
        return area_key


def plan_section_title(section_key: str, language: str | None = None) -> str:
    section = content().plan_section(section_key)
    return pick(section.title, language) if section else section_key


def _share_row(session: Session, person_id: int, kind: str) -> EmployeeShare | None:
    return session.exec(
        select(EmployeeShare).where(
            EmployeeShare.person_id == person_id, EmployeeShare.kind == kind
        )
    ).first()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _shared_assessment(row: EmployeeShare) -> SharedAssessment:
    data = json.loads(row.payload)
    return SharedAssessment(
        shared_at=_aware(row.shared_at),
        assessed_on=date.fromisoformat(data["assessed_on"]),
        area_scores=dict(data["area_scores"]),
        strengths=list(data["strengths"]),
        to_develop=list(data["to_develop"]),
        previous_scores=dict(data["previous_scores"])
        if data.get("previous_scores") is not None
        else None,
    )


def _shared_plan(row: EmployeeShare) -> SharedPlan:
    data = json.loads(row.payload)
    return SharedPlan(
        shared_at=_aware(row.shared_at),
        sections=dict(data["sections"]),
        next_steps=[(text, _date(when)) for text, when in data["next_steps"]],
    )


def shared_for_manager(
    session: Session, *, person_id: int
) -> tuple[SharedAssessment | None, SharedPlan | None]:
    """The frozen copies the person has shared (None for what is not shared); the view is logged."""
    from huoltamo_desktop.storage.seats_audit import note_view

    note_view(session, subject_id=person_id, what="employee_share")
    a = _share_row(session, person_id, ShareKind.ASSESSMENT)
    p = _share_row(session, person_id, ShareKind.PLAN)
    return (_shared_assessment(a) if a else None, _shared_plan(p) if p else None)


@dataclass(frozen=True)
class OverviewRow:
    person_id: int
    name: str
    team: str
    has_secret: bool
    new_secret_allowed: bool
    assessment_shared_at: datetime | None
    assessed_on: date | None
    plan_shared_at: datetime | None


def manager_overview(session: Session, *, scope: Scope | None = None) -> list[OverviewRow]:
    """Every active person (a team lead: of their teams) with what they have shared.

    Nothing about unshared work.
    """
    people = visible_people(
        list(
            session.exec(
                select(Person)
                .where(Person.status == PersonStatus.ACTIVE)
                .order_by(col(Person.last_name), col(Person.first_name))
            )
        ),
        scope,
    )
    teams = {t.id: t.name for t in session.exec(select(Team))}
    creds = {c.person_id: c for c in session.exec(select(EmployeeCredential))}
    shares: dict[tuple[int, str], EmployeeShare] = {
        (s.person_id, s.kind): s for s in session.exec(select(EmployeeShare))
    }
    rows = []
    for p in people:
        assert p.id is not None
        a = shares.get((p.id, ShareKind.ASSESSMENT))
        pl = shares.get((p.id, ShareKind.PLAN))
        cred = creds.get(p.id)
        rows.append(
            OverviewRow(
                person_id=p.id,
                name=p.full_name,
                team=teams.get(p.team_id, "") if p.team_id else "",
                has_secret=cred is not None,
                new_secret_allowed=bool(cred and cred.new_secret_allowed),
                assessment_shared_at=_aware(a.shared_at) if a else None,
                assessed_on=date.fromisoformat(json.loads(a.payload)["assessed_on"]) if a else None,
                plan_shared_at=_aware(pl.shared_at) if pl else None,
            )
        )
    return rows


# --- sealing helpers --------------------------------------------------------------


def _purpose(kind: str, person_id: int) -> str:
    return f"employee/{kind}/{person_id}"


def _seal_json(key: PersonKey, kind: str, value: Any) -> bytes:
    return sec.seal(
        key.key,
        json.dumps(value, ensure_ascii=False).encode("utf-8"),
        _purpose(kind, key.person_id),
    )


def _open_json(key: PersonKey, kind: str, sealed: bytes) -> Any:
    return json.loads(
        sec.open_sealed(key.key, sealed, _purpose(kind, key.person_id)).decode("utf-8")
    )


# --- self-assessment ---------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    started_at: datetime
    completed_on: date | None
    answers: dict[str, int]

    @property
    def scores(self) -> dict[str, float | None]:
        return area_scores(self.answers, content())


@dataclass(frozen=True)
class AssessmentSummary:
    assessed_on: date
    scores: dict[str, float | None]
    strengths: list[str]
    to_develop: list[str]
    previous_on: date | None
    previous_scores: dict[str, float | None] | None


def _record(key: PersonKey, row: EmployeeAssessment) -> AssessmentRecord:
    assert row.id is not None
    answers = {str(k): int(v) for k, v in _open_json(key, "assessment", row.answers_sealed).items()}
    return AssessmentRecord(row.id, _aware(row.started_at), row.completed_on, answers)


def assessments(session: Session, *, key: PersonKey) -> list[AssessmentRecord]:
    """All of the person's assessments, oldest first (the unfinished one last)."""
    rows = session.exec(
        select(EmployeeAssessment)
        .where(EmployeeAssessment.person_id == key.person_id)
        .order_by(col(EmployeeAssessment.started_at), col(EmployeeAssessment.id))
    )
    records = [_record(key, r) for r in rows]
    return sorted(records, key=lambda r: (r.completed_on is None, r.completed_on or date.max, r.id))


def completed_assessments(session: Session, *, key: PersonKey) -> list[AssessmentRecord]:
    return [r for r in assessments(session, key=key) if r.completed_on is not None]


def unfinished_assessment(session: Session, *, key: PersonKey) -> AssessmentRecord | None:
    return next((r for r in assessments(session, key=key) if r.completed_on is None), None)


def start_assessment(session: Session, *, key: PersonKey) -> AssessmentRecord:
    """The unfinished assessment to continue, or a new one."""
    found = unfinished_assessment(session, key=key)
    if found is not None:
        return found
    row = EmployeeAssessment(
        person_id=key.person_id, answers_sealed=_seal_json(key, "assessment", {})
    )
    session.add(row)
    session.flush()
    return _record(key, row)


def save_answers(
    session: Session, *, key: PersonKey, assessment_id: int, answers: dict[str, int], today: date
) -> AssessmentRecord:
    """Save the answers given so far; the assessment is completed when every statement has an answer."""
    row = session.get(EmployeeAssessment, assessment_id)
    if row is None or row.person_id != key.person_id:
        raise ValidationError(_("That self-assessment no longer exists."))
    known = {s.key for s in content().statements}
    clean = {k: int(v) for k, v in answers.items() if k in known and valid_answer(int(v))}
    row.answers_sealed = _seal_json(key, "assessment", clean)
    row.updated_at = utcnow()
    if row.completed_on is None and is_complete(clean, content()):
        row.completed_on = today
    session.add(row)
    session.flush()
    return _record(key, row)


def summary_of(records: list[AssessmentRecord]) -> AssessmentSummary | None:
    """The latest completed assessment with its words, compared with the one before."""
    done = [r for r in records if r.completed_on is not None]
    if not done:
        return None
    last = done[-1]
    assert last.completed_on is not None
    scores = last.scores
    strengths, develop = strengths_and_development(scores)
    prev = done[-2] if len(done) > 1 else None
    return AssessmentSummary(
        assessed_on=last.completed_on,
        scores=scores,
        strengths=strengths,
        to_develop=develop,
        previous_on=prev.completed_on if prev else None,
        previous_scores=prev.scores if prev else None,
    )


def latest_summary(session: Session, *, key: PersonKey) -> AssessmentSummary | None:
    return summary_of(assessments(session, key=key))


# --- exercises -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reflection:
    exercise_key: str
    text: str
    done: bool
    updated_at: datetime


def reflections(session: Session, *, key: PersonKey) -> dict[str, Reflection]:
    rows = session.exec(
        select(EmployeeReflection).where(EmployeeReflection.person_id == key.person_id)
    )
    out = {}
    for r in rows:
        text = sec.open_sealed(
            key.key, r.text_sealed, _purpose("reflection", key.person_id)
        ).decode("utf-8")
        out[r.exercise_key] = Reflection(r.exercise_key, text, r.done, _aware(r.updated_at))
    return out


def save_reflection(
    session: Session, *, key: PersonKey, exercise_key: str, text: str, done: bool
) -> Reflection:
    """Save the person's reflection on an exercise, sealed; it is never shown to the manager."""
    if content().exercise(exercise_key) is None:
        raise ValidationError(_("That exercise is no longer available."))
    row = session.exec(
        select(EmployeeReflection).where(
            EmployeeReflection.person_id == key.person_id,
            EmployeeReflection.exercise_key == exercise_key,
        )
    ).first() or EmployeeReflection(
        person_id=key.person_id, exercise_key=exercise_key, text_sealed=b""
    )
    row.text_sealed = sec.seal(key.key, text.encode("utf-8"), _purpose("reflection", key.person_id))
    row.done = done
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return Reflection(exercise_key, text, done, _aware(row.updated_at))


# --- career plan -------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDraft:
    sections: dict[str, str] = field(default_factory=dict)
    next_steps: list[tuple[str, date | None]] = field(default_factory=list)
    updated_at: datetime | None = None
    row_version: int = 0  # the plan's version as read (0: nothing saved yet)

    @property
    def is_empty(self) -> bool:
        return not any(t.strip() for t in self.sections.values()) and not self.next_steps


def load_plan(session: Session, *, key: PersonKey) -> PlanDraft:
    row = session.exec(select(EmployeePlan).where(EmployeePlan.person_id == key.person_id)).first()
    if row is None:
        return PlanDraft()
    data = _open_json(key, "plan", row.sealed)
    return PlanDraft(
        sections=dict(data.get("sections", {})),
        next_steps=[(t, _date(d)) for t, d in data.get("next_steps", [])],
        updated_at=_aware(row.updated_at),
        row_version=row.row_version,
    )


PLAN_STEPS = "steps"


def plan_values(
    sections: dict[str, str], next_steps: list[tuple[str, date | None]]
) -> dict[str, object]:
    """A plan as the fields a save compares: each section's text, and the next steps
    (under ``PLAN_STEPS``, a name no section has)."""
    values: dict[str, object] = {
        s.key: sections.get(s.key, "").strip() for s in content().plan_sections
    }
    values[PLAN_STEPS] = tuple((t.strip(), d) for t, d in next_steps if t.strip())
    return values


def save_plan(
    session: Session,
    *,
    key: PersonKey,
    sections: dict[str, str],
    next_steps: list[tuple[str, date | None]],
    expected_version: int | None = None,
    base: dict[str, object] | None = None,
) -> PlanDraft:
    """Save the career-plan draft, sealed. Empty next steps are dropped.

    ``expected_version`` and ``base`` (``plan_values`` of what the form showed)
    keep a section the person changed elsewhere meanwhile (signed in at
    another laptop) and ask about a section both changed.
    """
    known = {s.key for s in content().plan_sections}
    clean_sections = {k: v.strip() for k, v in sections.items() if k in known and v.strip()}
    clean_steps = [(t.strip(), d) for t, d in next_steps if t.strip()]
    saved = session.exec(
        select(EmployeePlan).where(EmployeePlan.person_id == key.person_id)
    ).first()
    if expected_version is not None:
        current = load_plan(session, key=key)
        merged = merge_edit(
            current_version=saved.row_version if saved is not None else 0,
            expected_version=expected_version,
            base=base,
            yours=plan_values(clean_sections, clean_steps),
            theirs=plan_values(current.sections, current.next_steps),
        )
        clean_sections = {k: str(v) for k, v in merged.items() if k in known and v}
        clean_steps = list(merged[PLAN_STEPS])  # type: ignore[call-overload]
    payload = {
        "sections": clean_sections,
        "next_steps": [[t, d.isoformat() if d else None] for t, d in clean_steps],
    }
    row = saved or EmployeePlan(person_id=key.person_id, sealed=b"")
    row.sealed = _seal_json(key, "plan", payload)
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return PlanDraft(clean_sections, clean_steps, _aware(row.updated_at), row.row_version)


# --- sharing ---------------------------------------------------------------------


def _put_share(
    session: Session, person_id: int, kind: str, payload: dict[str, Any], now: datetime
) -> None:
    row = _share_row(session, person_id, kind) or EmployeeShare(
        person_id=person_id, kind=kind, payload=""
    )
    row.payload = json.dumps(payload, ensure_ascii=False)
    row.shared_at = now
    session.add(row)
    session.flush()


def _assessment_payload(summary: AssessmentSummary) -> dict[str, Any]:
    return {
        "assessed_on": summary.assessed_on.isoformat(),
        "area_scores": summary.scores,
        "strengths": summary.strengths,
        "to_develop": summary.to_develop,
        "previous_scores": summary.previous_scores,
    }


def _plan_payload(draft: PlanDraft) -> dict[str, Any]:
    return {
        "sections": draft.sections,
        "next_steps": [[t, d.isoformat() if d else None] for t, d in draft.next_steps],
    }


def share_assessment(
    session: Session, *, key: PersonKey, now: datetime | None = None
) -> SharedAssessment:
    """Freeze the latest completed self-assessment's summary for the manager."""
    summary = latest_summary(session, key=key)
    if summary is None:
        raise ValidationError(_("Finish a self-assessment first; then you can share its summary."))
    _put_share(
        session, key.person_id, ShareKind.ASSESSMENT, _assessment_payload(summary), now or utcnow()
    )
    shared = _share_row(session, key.person_id, ShareKind.ASSESSMENT)
    assert shared is not None
    return _shared_assessment(shared)


def share_plan(session: Session, *, key: PersonKey, now: datetime | None = None) -> SharedPlan:
    """Freeze the current career plan for the manager."""
    draft = load_plan(session, key=key)
    if draft.is_empty:
        raise ValidationError(
            _("Your career plan is still empty; write something in it before sharing.")
        )
    _put_share(session, key.person_id, ShareKind.PLAN, _plan_payload(draft), now or utcnow())
    shared = _share_row(session, key.person_id, ShareKind.PLAN)
    assert shared is not None
    return _shared_plan(shared)


def withdraw(session: Session, *, key: PersonKey, kind: str) -> bool:
    """Take a shared copy back: the manager no longer sees it. True when there was one.

    After committing a withdrawal, clear the SQLite journal (storage.database.checkpoint_wal)
    so that the copy's old pages do not stay in the -wal file.
    """
    result = session.execute(
        delete(EmployeeShare).where(
            col(EmployeeShare.person_id) == key.person_id, col(EmployeeShare.kind) == kind
        )
    )
    session.flush()
    return bool(getattr(result, "rowcount", 0))


def sharing_status(session: Session, *, person_id: int) -> dict[str, datetime]:
    """When each kind was shared (only kinds that are shared now)."""
    rows = session.exec(select(EmployeeShare).where(EmployeeShare.person_id == person_id))
    return {r.kind: _aware(r.shared_at) for r in rows}


def outdated_shares(session: Session, *, key: PersonKey) -> set[str]:
    """The kinds shared now whose frozen copy differs from what the person has today.

    A new self-assessment or a changed plan leaves the manager's copy as it
    was; the person decides whether to replace it by keeping the box ticked.
    """
    outdated: set[str] = set()
    for kind in sharing_status(session, person_id=key.person_id):
        row = _share_row(session, key.person_id, kind)
        if row is None:
            continue
        if kind == ShareKind.ASSESSMENT:
            summary = latest_summary(session, key=key)
            current = _assessment_payload(summary) if summary is not None else None
        else:
            draft = load_plan(session, key=key)
            current = None if draft.is_empty else _plan_payload(draft)
        if current is None:
            continue  # nothing to replace the copy with
        if json.loads(json.dumps(current, ensure_ascii=False)) != json.loads(row.payload):
            outdated.add(kind)
    return outdated


# --- "my summary" ----------------------------------------------------------------


def summary_pdf(data: SummaryData) -> bytes:
    """The person's summary laid out from what ``summary_data`` read (ReportLab, the slow part)."""
    from huoltamo_desktop.reports.employee_summary import build_summary_pdf

    return build_summary_pdf(data)


def summary_data(
    session: Session,
    *,
    key: PersonKey,
    language: str,
    include_reflections: bool,
    today: date | None = None,
) -> SummaryData:
    """Everything for the person's own summary PDF, in ``language``; reflections only when asked."""
    from huoltamo_desktop.services.firm import get_organisation

    person = session.get(Person, key.person_id)
    if person is None:
        raise ValidationError(_("That person no longer exists."))
    org = get_organisation(session)
    c = content()
    summary = latest_summary(session, key=key)
    refl = reflections(session, key=key)
    plan = load_plan(session, key=key)
    areas: list[SummaryArea] = []
    strengths: list[tuple[str, str]] = []
    develop: list[tuple[str, str]] = []
    if summary is not None:
        prev = summary.previous_scores or {}
        areas = [
            SummaryArea(pick(a.title, language), summary.scores.get(a.key), prev.get(a.key))
            for a in c.areas
        ]
        strengths = [
            (pick(c.area(k).title, language), pick(c.area(k).strength, language))
            for k in summary.strengths
        ]
        develop = [
            (pick(c.area(k).title, language), pick(c.area(k).develop, language))
            for k in summary.to_develop
        ]
    exercises = []
    for ex in c.exercises:
        r = refl.get(ex.key)
        if r is None:
            continue
        exercises.append(
            SummaryExercise(
                title=pick(ex.title, language),
                area=area_title(ex.area, language),
                done=r.done,
                reflection=r.text if include_reflections and r.text.strip() else None,
            )
        )
    sections = [
        (pick(s.title, language), plan.sections[s.key])
        for s in c.plan_sections
        if plan.sections.get(s.key)
    ]
    return SummaryData(
        language=language,
        person_name=person.full_name,
        firm_name=org.name if org else "",
        made_on=today or date.today(),
        assessed_on=summary.assessed_on if summary else None,
        previous_on=summary.previous_on if summary else None,
        areas=areas,
        strengths=strengths,
        to_develop=develop,
        exercises=exercises,
        plan_sections=sections,
        next_steps=list(plan.next_steps),
        scale_low=c.scale_label(1, language),
        scale_high=c.scale_label(5, language),
    )
