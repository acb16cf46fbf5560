"""The firm's picture for the analyses and the matrix, read in a few set-based queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import (
    NeedFacts,
    PersonFacts,
    SkillData,
    TargetFacts,
    normalise_title,
)
from huoltamo_desktop.services.skills.catalogue import list_categories, list_skills
from huoltamo_desktop.services.skills.names import category_name, skill_name
from huoltamo_desktop.services.skills.needs import list_needs
from huoltamo_desktop.services.skills.profiles import profiles_by_title
from huoltamo_desktop.services.skills.ratings import current_levels, targets_for


def still_working(today: date) -> ColumnElement[bool]:
    """People at work on ``today``: active, or marked as leaving on a later day."""
    return or_(
        col(Person.status) == PersonStatus.ACTIVE,
        and_(col(Person.left_on).is_not(None), col(Person.left_on) > today),
    )


def person_facts(
    session: Session,
    *,
    today: date | None = None,
    include_left: bool = False,
    scope: Scope | None = None,
) -> dict[int, PersonFacts]:
    """People as plain facts; someone marked as leaving on a later day is still at work, with a leaving date.

    A team lead's ``scope`` holds only the people of their teams (and themselves).
    """
    today = today or date.today()
    query = select(Person)
    if not include_left:
        query = query.where(still_working(today))
    result = {}
    for p in session.exec(query):
        if scope is not None and not scope.can_see(person_id=p.id, team_id=p.team_id):
            continue
        leaving = p.left_on if p.left_on is not None and p.left_on > today else None
        active = p.status == PersonStatus.ACTIVE or leaving is not None
        result[p.id or 0] = PersonFacts(
            id=p.id or 0,
            name=p.full_name,
            job_title=p.job_title,
            team_id=p.team_id,
            career_stage=p.career_stage,
            birth_year=p.birth_year,
            active=active,
            leaving_on=leaving if active else None,
        )
    return result


def skill_data(
    session: Session, *, today: date | None = None, scope: Scope | None = None
) -> SkillData:
    """The firm's skill picture as plain data for the analyses (a handful of queries).

    A team lead's ``scope`` sees the picture of their own people: every analysis
    built on it (key-person risk, gaps, coverage of future needs) counts only
    them. The catalogue, role profiles and future needs are the firm's and stay
    whole; only the people, and so their levels and targets, are narrowed.
    """
    today = today or date.today()
    people = person_facts(session, today=today, scope=scope)
    skills = {s.id or 0: skill_name(s) for s in list_skills(session)}
    levels = {k: v for k, v in current_levels(session).items() if k[0] in people and k[1] in skills}
    targets = {
        k: TargetFacts(t.level, t.target_date, t.wish)
        for k, t in targets_for(session).items()
        if k[0] in people and k[1] in skills
    }
    profiles = {
        title: {sid: lvl for sid, lvl in lines.items() if sid in skills}
        for title, lines in profiles_by_title(session).items()
    }
    needs = [
        NeedFacts(n.id or 0, n.skill_id, n.level, n.people_needed, n.by_date, n.reason)
        for n in list_needs(session)
        if n.skill_id in skills
    ]
    return SkillData(
        people=people,
        skill_names=skills,
        levels=levels,
        targets=targets,
        profiles=profiles,
        needs=needs,
    )


@dataclass(frozen=True)
class PersonSkillLine:
    skill_id: int
    skill_name: str  # in the current UI language
    category: str
    level: int | None  # current agreed (or else manager, else self) level
    target_level: int | None
    target_date: date | None
    required_level: int | None  # from the person's role profile


def person_skill_lines(session: Session, *, person_id: int) -> list[PersonSkillLine]:
    """The person's relevant skills: rated, targeted or required by their role profile."""
    person = session.get(Person, person_id)
    if person is None:
        return []
    levels = {
        sid: lvl for (_pid, sid), lvl in current_levels(session, person_ids=[person_id]).items()
    }
    targets = {sid: t for (_pid, sid), t in targets_for(session, person_ids=[person_id]).items()}
    required = profiles_by_title(session).get(normalise_title(person.job_title), {})
    wanted = set(levels) | set(targets) | set(required)
    categories = {c.id: c for c in list_categories(session)}
    lines = []
    for skill in list_skills(session):
        sid = skill.id or 0
        if sid not in wanted:
            continue
        target = targets.get(sid)
        lines.append(
            PersonSkillLine(
                sid,
                skill_name(skill),
                category_name(categories.get(skill.category_id)),
                levels.get(sid),
                target.level if target else None,
                target.target_date if target else None,
                required.get(sid),
            )
        )
    return lines


@dataclass(frozen=True)
class FutureNeedLine:
    skill_id: int
    skill_name: str
    level: int
    people_needed: int
    by_date: date | None
    reason: str
    people_at_level: int  # active people at the level today


def future_needs_touching(
    session: Session, *, person_id: int, scope: Scope | None = None
) -> list[FutureNeedLine]:
    """Future needs in the person's skills, their role profile or their targets.

    ``people_at_level`` counts the people the ``scope`` sees: a team lead learns
    how many of their own people hold the skill, never the firm's number.
    """
    mine = {line.skill_id for line in person_skill_lines(session, person_id=person_id)}
    needs = [n for n in list_needs(session) if n.skill_id in mine]
    if not needs:
        return []
    active = set(person_facts(session, scope=scope))
    levels = current_levels(session)
    names = {s.id: skill_name(s) for s in list_skills(session)}
    result = []
    for need in needs:
        at_level = sum(
            1
            for (pid, sid), lvl in levels.items()
            if sid == need.skill_id and pid in active and lvl >= need.level
        )
        result.append(
            FutureNeedLine(
                need.skill_id,
                names.get(need.skill_id, ""),
                need.level,
                need.people_needed,
                need.by_date,
                need.reason,
                at_level,
            )
        )
    return result
