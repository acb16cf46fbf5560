"""The skill catalogue: add, pick from the starter list, rename, retire, merge."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.skills import (
    FutureNeed,
    RoleProfileSkill,
    Skill,
    SkillCategory,
    SkillRating,
    SkillTarget,
)
from huoltamo_desktop.i18n import LANGUAGES, _, current_language, pick
from huoltamo_desktop.i18n.collation import fold, sort_key
from huoltamo_desktop.services.seats_versions import merge_edit
from huoltamo_desktop.services.skills.names import skill_description, skill_name


def list_categories(session: Session) -> list[SkillCategory]:
    return list(
        session.exec(
            select(SkillCategory).order_by(col(SkillCategory.position), col(SkillCategory.id))
        )
    )


def list_skills(session: Session, *, include_retired: bool = False) -> list[Skill]:
    """The firm's skills ordered by category and name (retired ones hidden unless asked for)."""
    query = select(Skill)
    if not include_retired:
        query = query.where(Skill.retired == False)  # noqa: E712
    skills = list(session.exec(query))
    positions = {c.id: (c.position, c.id or 0) for c in list_categories(session)}
    skills.sort(key=lambda s: (positions.get(s.category_id, (10**6, 0)), sort_key(skill_name(s))))
    return skills


def get_skill(session: Session, *, skill_id: int) -> Skill:
    skill = session.get(Skill, skill_id)
    if skill is None:
        raise ValidationError(_("That skill no longer exists."))
    return skill


def _clean_name(name: str, what: str = "name") -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError(_("Give the skill a name."), what)
    if len(clean) > 120:
        raise ValidationError(_("Keep the name under 120 characters."), what)
    return clean


def _name_taken(session: Session, name: str, *, except_id: int | None = None) -> bool:
    needle = fold(name)
    for skill in session.exec(select(Skill)):
        if skill.id == except_id:
            continue
        names = {skill.name, skill.name_fi, skill.name_sv, skill.name_en}
        if any(n and fold(n) == needle for n in names):
            return True
    return False


def get_or_create_category(session: Session, *, name: str) -> SkillCategory:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError(_("Give the category a name."), "category")
    for cat in list_categories(session):
        if any(
            n and fold(n) == fold(clean) for n in (cat.name, cat.name_fi, cat.name_sv, cat.name_en)
        ):
            return cat
    position = max((c.position for c in list_categories(session)), default=0) + 1
    cat = SkillCategory(name=clean, position=position)
    session.add(cat)
    session.flush()
    return cat


def add_skill(
    session: Session,
    *,
    name: str,
    category_id: int | None = None,
    description: str = "",
    translations: dict[str, str] | None = None,
) -> Skill:
    """Add one of the firm's own skills."""
    clean = _clean_name(name)
    if _name_taken(session, clean):
        raise ValidationError(_("A skill called {name} already exists.").format(name=clean), "name")
    skill = Skill(name=clean, category_id=category_id, description=description.strip()[:1000])
    for lang, text in (translations or {}).items():
        if lang in LANGUAGES and text.strip():
            setattr(skill, f"name_{lang}", _clean_name(text))
    session.add(skill)
    session.flush()
    return skill


def _starter_category(session: Session, key: str) -> SkillCategory:
    found = session.exec(select(SkillCategory).where(SkillCategory.starter_key == key)).first()
    if found is not None:
        return found
    for position, cat in enumerate(skills_content.starter_categories()):
        if cat.key == key:
            row = SkillCategory(
                starter_key=key,
                name=pick(cat.name, "en"),
                name_fi=cat.name.get("fi"),
                name_sv=cat.name.get("sv"),
                name_en=cat.name.get("en"),
                position=position,
            )
            session.add(row)
            session.flush()
            return row
    raise ValidationError(_("Unknown skill category."))


def pick_starter_skills(session: Session, *, keys: list[str]) -> list[Skill]:
    """Bring starter skills into the firm with their names in every language.

    A skill already picked is returned as it is (and brought back if retired).
    """
    by_key = skills_content.starter_skills_by_key()
    existing = {
        s.starter_key: s
        for s in session.exec(select(Skill).where(col(Skill.starter_key).is_not(None)))
    }
    result = []
    for key in keys:
        if key in existing:
            skill = existing[key]
            if skill.retired:
                skill.retired = False
                session.add(skill)
            result.append(skill)
            continue
        starter = by_key.get(key)
        if starter is None:
            raise ValidationError(_("Unknown starter skill {key}.").format(key=key))
        category = _starter_category(session, starter.category_key)
        skill = Skill(
            starter_key=key,
            category_id=category.id,
            name=pick(starter.name, "en"),
            name_fi=starter.name.get("fi"),
            name_sv=starter.name.get("sv"),
            name_en=starter.name.get("en"),
            description=pick(starter.description, "en"),
            description_fi=starter.description.get("fi"),
            description_sv=starter.description.get("sv"),
            description_en=starter.description.get("en"),
        )
        session.add(skill)
        existing[key] = skill
        result.append(skill)
    session.flush()
    return result


@dataclass(frozen=True)
class SkillText:
    """A skill's name and description in one language, as a form shows them."""

    name: str
    description: str


def skill_text(skill: Skill, language: str | None = None) -> SkillText:
    return SkillText(skill_name(skill, language), skill_description(skill, language))


def _merged_text(
    skill: Skill,
    yours: SkillText,
    language: str | None,
    expected_version: int | None,
    base: SkillText | None,
) -> SkillText:
    return merge_edit(
        current_version=skill.row_version,
        expected_version=expected_version,
        base=base,
        yours=yours,
        theirs=skill_text(skill, language),
    )


def rename_skill(
    session: Session,
    *,
    skill_id: int,
    name: str,
    language: str | None = None,
    expected_version: int | None = None,
    base: SkillText | None = None,
) -> Skill:
    """Rename a skill in ``language`` (the UI language); the firm's own name follows it.

    ``base`` is the name and description the form read at ``expected_version``:
    a rename another made meanwhile raises ``ConflictError`` with both names.
    """
    skill = get_skill(session, skill_id=skill_id)
    if base is not None:
        name = _merged_text(skill, replace(base, name=name), language, expected_version, base).name
    clean = _clean_name(name)
    if _name_taken(session, clean, except_id=skill_id):
        raise ValidationError(_("A skill called {name} already exists.").format(name=clean), "name")
    lang = language or current_language()
    if skill.starter_key is not None or getattr(skill, f"name_{lang}", None):
        setattr(skill, f"name_{lang}", clean)
    if skill.starter_key is None or lang == "en":
        skill.name = clean
    session.add(skill)
    session.flush()
    return skill


def set_skill_description(
    session: Session,
    *,
    skill_id: int,
    description: str,
    language: str | None = None,
    expected_version: int | None = None,
    base: SkillText | None = None,
) -> Skill:
    """Describe a skill in ``language`` (the UI language); the firm's own text follows it.

    With ``base`` read at ``expected_version``, a description another saved
    meanwhile raises ``ConflictError`` instead of being written over.
    """
    skill = get_skill(session, skill_id=skill_id)
    if base is not None:
        description = _merged_text(
            skill, replace(base, description=description), language, expected_version, base
        ).description
    lang = language or current_language()
    text = description.strip()[:1000]
    if skill.starter_key is not None or getattr(skill, f"description_{lang}", None):
        setattr(skill, f"description_{lang}", text)
    if skill.starter_key is None:
        skill.description = text
    session.add(skill)
    session.flush()
    return skill


def retire_skill(session: Session, *, skill_id: int) -> Skill:
    """Hide a skill from pickers and the matrix; its ratings stay as history."""
    return _set_retired(session, skill_id, retired=True)


def restore_skill(session: Session, *, skill_id: int) -> Skill:
    return _set_retired(session, skill_id, retired=False)


def _set_retired(session: Session, skill_id: int, *, retired: bool) -> Skill:
    skill = get_skill(session, skill_id=skill_id)
    skill.retired = retired
    session.add(skill)
    session.flush()
    return skill


def merge_skills(session: Session, *, source_id: int, target_id: int) -> Skill:
    """Merge ``source`` into ``target``: ratings, targets, role profile lines and needs move over.

    Rating history is kept whole; where both skills have a rating of the same
    kind on the same day, the higher one stays. A target or profile line on
    both keeps the higher level (and the earlier date). The source skill is
    removed.
    """
    if source_id == target_id:
        raise ValidationError(_("Choose two different skills to merge."))
    source = get_skill(session, skill_id=source_id)
    target = get_skill(session, skill_id=target_id)
    session.execute(
        update(SkillRating).where(col(SkillRating.skill_id) == source_id).values(skill_id=target_id)
    )
    session.flush()
    # Same person, kind and day twice: keep the higher level.
    seen: dict[tuple[int, str, date], SkillRating] = {}
    drop: list[int] = []
    rows = session.exec(
        select(SkillRating)
        .where(SkillRating.skill_id == target_id)
        .order_by(col(SkillRating.level).desc(), col(SkillRating.id).desc())
    )
    for rating in rows:
        key = (rating.person_id, rating.kind, rating.rated_on)
        if key in seen:
            drop.append(rating.id or 0)
        else:
            seen[key] = rating
    if drop:
        session.execute(delete(SkillRating).where(col(SkillRating.id).in_(drop)))

    target_rows = {
        t.person_id: t
        for t in session.exec(select(SkillTarget).where(SkillTarget.skill_id == target_id))
    }
    for moved in list(session.exec(select(SkillTarget).where(SkillTarget.skill_id == source_id))):
        kept = target_rows.get(moved.person_id)
        if kept is None:
            moved.skill_id = target_id
            session.add(moved)
            continue
        kept.level = max((v for v in (kept.level, moved.level) if v is not None), default=None)
        dates = [d for d in (kept.target_date, moved.target_date) if d is not None]
        kept.target_date = min(dates) if dates else None
        kept.wish = kept.wish or moved.wish
        session.add(kept)
        session.delete(moved)

    lines = {
        p.profile_id: p
        for p in session.exec(
            select(RoleProfileSkill).where(RoleProfileSkill.skill_id == target_id)
        )
    }
    for moved_line in list(
        session.exec(select(RoleProfileSkill).where(RoleProfileSkill.skill_id == source_id))
    ):
        kept_line = lines.get(moved_line.profile_id)
        if kept_line is None:
            moved_line.skill_id = target_id
            session.add(moved_line)
        else:
            kept_line.level = max(kept_line.level, moved_line.level)
            session.add(kept_line)
            session.delete(moved_line)
    session.execute(
        update(FutureNeed).where(col(FutureNeed.skill_id) == source_id).values(skill_id=target_id)
    )
    session.flush()
    if not target.description and source.description:
        target.description = source.description
    session.delete(source)
    session.flush()
    return target
