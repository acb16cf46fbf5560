"""The skills matrix: people by skills with levels, targets and gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.people import Person, Team
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import normalise_title
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services.seats import visible_people
from huoltamo_desktop.services.skills.catalogue import list_categories, list_skills
from huoltamo_desktop.services.skills.names import category_name, skill_description, skill_name
from huoltamo_desktop.services.skills.picture import still_working
from huoltamo_desktop.services.skills.profiles import profiles_by_title
from huoltamo_desktop.services.skills.ratings import current_levels, targets_for


@dataclass(frozen=True)
class MatrixPerson:
    id: int
    name: str
    job_title: str
    team_id: int | None
    team_name: str


@dataclass(frozen=True)
class MatrixSkill:
    id: int
    name: str
    category_id: int | None
    category: str
    description: str


NO_LEVEL = -1


@dataclass
class MatrixData:
    """People × skills as flat arrays (NO_LEVEL where nothing is recorded).

    ``current[r][c]``, ``target[r][c]`` and ``required[r][c]`` are for
    person ``people[r]`` and skill ``skills[c]``.
    """

    people: list[MatrixPerson]
    skills: list[MatrixSkill]
    current: list[list[int]]
    target: list[list[int]]
    target_dates: dict[tuple[int, int], date]
    required: list[list[int]]
    teams: list[tuple[int, str]]
    categories: list[tuple[int | None, str]]


def load_matrix(session: Session, *, scope: Scope | None = None) -> MatrixData:
    """The whole matrix for the active people and the firm's skills, in a few set-based queries.

    A team lead's ``scope`` holds only the people of their teams.
    """
    teams = {t.id: t.name for t in session.exec(select(Team))}
    persons = visible_people(
        list(
            session.exec(
                select(Person)
                .where(still_working(date.today()))
                .order_by(col(Person.last_name), col(Person.first_name))
            )
        ),
        scope,
    )
    people = [
        MatrixPerson(
            p.id or 0,
            p.full_name,
            p.job_title,
            p.team_id,
            teams.get(p.team_id, "") if p.team_id else "",
        )
        for p in persons
    ]
    categories = {c.id: c for c in list_categories(session)}
    skills = [
        MatrixSkill(
            s.id or 0,
            skill_name(s),
            s.category_id,
            category_name(categories.get(s.category_id)),
            skill_description(s),
        )
        for s in list_skills(session)
    ]
    row_of = {p.id: r for r, p in enumerate(people)}
    col_of = {s.id: c for c, s in enumerate(skills)}
    width = len(skills)
    current = [[NO_LEVEL] * width for _ in people]
    target = [[NO_LEVEL] * width for _ in people]
    required = [[NO_LEVEL] * width for _ in people]
    for (pid, sid), level in current_levels(session).items():
        r, c = row_of.get(pid), col_of.get(sid)
        if r is not None and c is not None:
            current[r][c] = level
    target_dates: dict[tuple[int, int], date] = {}
    for (pid, sid), t in targets_for(session).items():
        r, c = row_of.get(pid), col_of.get(sid)
        if r is not None and c is not None and t.level is not None:
            target[r][c] = t.level
            if t.target_date:
                target_dates[(r, c)] = t.target_date
    profiles = profiles_by_title(session)
    for r, p in enumerate(persons):
        for sid, level in profiles.get(normalise_title(p.job_title), {}).items():
            c = col_of.get(sid)
            if c is not None:
                required[r][c] = level
    used_categories = []
    seen: set[int | None] = set()
    for s in skills:
        if s.category_id not in seen:
            seen.add(s.category_id)
            used_categories.append((s.category_id, s.category))
    team_list = sorted(
        ((tid or 0, name) for tid, name in teams.items()), key=lambda t: sort_key(t[1])
    )
    return MatrixData(
        people, skills, current, target, target_dates, required, team_list, used_categories
    )
