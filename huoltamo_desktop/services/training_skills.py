"""The firm's skills as a training catalogue names them: by a starter-skill key or by name.

A catalogue line says which skill it teaches with a key ("hot_work") or with one
of the firm's own skill names; matching, plans and the catalogue list all read
the firm's skills through these three functions.
"""

from __future__ import annotations

from sqlmodel import Session, select

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.skills import Skill
from huoltamo_desktop.i18n import current_language, pick
from huoltamo_desktop.services import skills as skills_service


def skill_names_by_key(session: Session, *, localised_only: bool = False) -> dict[str, list[str]]:
    """Catalogue skill key → the firm's skill names (the UI language first, then the others).

    A catalogue names a starter skill by its key and one of the firm's own skills by its name;
    starter skills the firm has not picked are named from the starter set.
    """
    result: dict[str, list[str]] = {}
    lang = current_language()
    for key, starter in skills_content.starter_skills_by_key().items():
        first = pick(starter.name, lang)
        others = [v for v in starter.name.values() if v != first]
        result[key] = [first] if localised_only else [first, *others]
    for skill in session.exec(select(Skill)):
        name = skills_service.skill_name(skill)
        names = [name]
        if not localised_only:
            names += [n for n in (skill.name_fi, skill.name_sv, skill.name_en) if n and n != name]
        if skill.starter_key:
            result[skill.starter_key] = names
        result[skill.name.casefold()] = names
    return result


def skill_ids_by_key(session: Session) -> dict[str, int]:
    """Catalogue skill key → the firm's skill id (starter key, or the firm's own name)."""
    result: dict[str, int] = {}
    for skill in session.exec(select(Skill).where(Skill.retired == False)):  # noqa: E712
        if skill.starter_key:
            result[skill.starter_key] = skill.id or 0
        result.setdefault(skill.name.casefold(), skill.id or 0)
    return result


def resolve_skill(keys: dict[str, int], key: str) -> int | None:
    return keys.get(key) or keys.get(key.casefold())
