"""Skill mapping use cases: catalogue, ratings, targets, role profiles, future needs, the matrix.

Functions take a Session and keyword-only arguments and return plain objects.
Everything that covers the whole firm (the matrix, the analyses) is read in a
few set-based queries; nothing queries per person or per cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus, Team
from huoltamo_desktop.domain.skills import (
    RATING_PRECEDENCE,
    CardState,
    CardType,
    FutureNeed,
    NeedFacts,
    PersonCard,
    PersonFacts,
    RatingKind,
    RoleProfile,
    RoleProfileCard,
    RoleProfileSkill,
    Skill,
    SkillCategory,
    SkillData,
    SkillRating,
    SkillTarget,
    TargetFacts,
    is_valid_level,
    normalise_title,
)
from huoltamo_desktop.i18n import LANGUAGES, _, current_language, pick
from huoltamo_desktop.services import skills_content

# --- names in the user's language ----------------------------------------------------


def _localised(obj: object, base: str, language: str | None) -> str:
    lang = language or current_language()
    value = getattr(obj, f"{base}_{lang}", None)
    if value:
        return str(value)
    return str(getattr(obj, base) or "")


def skill_name(skill: Skill, language: str | None = None) -> str:
    """The skill's name in ``language`` (default: the UI language); the firm's own name otherwise."""
    return _localised(skill, "name", language)


def skill_description(skill: Skill, language: str | None = None) -> str:
    return _localised(skill, "description", language)


def category_name(category: SkillCategory | None, language: str | None = None) -> str:
    if category is None:
        return _("Other skills")
    return _localised(category, "name", language)


def card_name(card: CardType, language: str | None = None) -> str:
    return _localised(card, "name", language)


def level_label(level: int, language: str | None = None) -> str:
    """The short name of a level 0–4, e.g. "works independently"."""
    for text in skills_content.levels():
        if text.level == level:
            return pick(text.label, language)
    return str(level)


def level_descriptor(level: int, language: str | None = None) -> str:
    """The one-line descriptor of a level, shown wherever a level is chosen."""
    for text in skills_content.levels():
        if text.level == level:
            return pick(text.descriptor, language)
    return ""


def level_text(level: int, language: str | None = None) -> str:
    """``"2 – works independently"``: what a level picker shows."""
    return f"{level} – {level_label(level, language)}"


def _check_level(level: int) -> int:
    if not is_valid_level(level):
        raise ValidationError(_("A level is a whole number from 0 to 4."), "level")
    return level


# --- the catalogue -----------------------------------------------------------------------


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
    skills.sort(key=lambda s: (positions.get(s.category_id, (10**6, 0)), skill_name(s).casefold()))
    return skills


def get_skill(session: Session, skill_id: int) -> Skill:
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
    needle = name.casefold()
    for skill in session.exec(select(Skill)):
        if skill.id == except_id:
            continue
        names = {skill.name, skill.name_fi, skill.name_sv, skill.name_en}
        if any(n and n.casefold() == needle for n in names):
            return True
    return False


def get_or_create_category(session: Session, *, name: str) -> SkillCategory:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError(_("Give the category a name."), "category")
    for cat in list_categories(session):
        if any(
            n and n.casefold() == clean.casefold()
            for n in (cat.name, cat.name_fi, cat.name_sv, cat.name_en)
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


def rename_skill(
    session: Session, *, skill_id: int, name: str, language: str | None = None
) -> Skill:
    """Rename a skill in ``language`` (the UI language); the firm's own name follows it."""
    skill = get_skill(session, skill_id)
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
    session: Session, *, skill_id: int, description: str, language: str | None = None
) -> Skill:
    """Describe a skill in ``language`` (the UI language); the firm's own text follows it."""
    skill = get_skill(session, skill_id)
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
    skill = get_skill(session, skill_id)
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
    source = get_skill(session, source_id)
    target = get_skill(session, target_id)
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


# --- ratings and targets --------------------------------------------------------------


@dataclass(frozen=True)
class RatingEvent:
    id: int
    kind: str
    level: int
    rated_on: date


def record_rating(
    session: Session,
    *,
    person_id: int,
    skill_id: int,
    kind: str,
    level: int,
    on: date | None = None,
) -> SkillRating:
    """Record a self-rating, the manager's rating or the agreed level, dated (default: today)."""
    if kind not in set(RatingKind):
        raise ValidationError(_("Unknown kind of rating."))
    _check_level(level)
    if session.get(Person, person_id) is None:
        raise ValidationError(_("That person no longer exists."))
    get_skill(session, skill_id)
    rating = SkillRating(
        person_id=person_id, skill_id=skill_id, kind=kind, level=level, rated_on=on or date.today()
    )
    session.add(rating)
    session.flush()
    return rating


def record_self_rating(
    session: Session, *, person_id: int, skill_id: int, level: int, on: date | None = None
) -> None:
    """The employee's own rating (employee mode)."""
    record_rating(
        session, person_id=person_id, skill_id=skill_id, kind=RatingKind.SELF, level=level, on=on
    )


def rating_history(session: Session, *, person_id: int, skill_id: int) -> list[RatingEvent]:
    """Every rating of one person's skill, newest first."""
    rows = session.exec(
        select(SkillRating)
        .where(SkillRating.person_id == person_id, SkillRating.skill_id == skill_id)
        .order_by(col(SkillRating.rated_on).desc(), col(SkillRating.id).desc())
    )
    return [RatingEvent(r.id or 0, r.kind, r.level, r.rated_on) for r in rows]


def _latest_rows(
    session: Session, person_ids: list[int] | None, *, with_dates: bool = True
) -> Sequence[Any]:
    """(person_id, skill_id, kind, level[, rated_on]) of the latest rating of each kind, in one query."""
    rn = (
        func.row_number()
        .over(
            partition_by=(
                col(SkillRating.person_id),
                col(SkillRating.skill_id),
                col(SkillRating.kind),
            ),
            order_by=(col(SkillRating.rated_on).desc(), col(SkillRating.id).desc()),
        )
        .label("rn")
    )
    inner = sa_select(
        col(SkillRating.person_id),
        col(SkillRating.skill_id),
        col(SkillRating.kind),
        col(SkillRating.level),
        col(SkillRating.rated_on),
        rn,
    )
    if person_ids is not None:
        inner = inner.where(col(SkillRating.person_id).in_(person_ids))
    sub = inner.subquery()
    columns = [sub.c.person_id, sub.c.skill_id, sub.c.kind, sub.c.level] + (
        [sub.c.rated_on] if with_dates else []
    )
    query = sa_select(*columns).where(sub.c.rn == 1)
    connection = session.connection()
    if with_dates:
        return connection.execute(query).all()
    # Only integers and short strings come back, so the driver's rows need no conversion: the
    # matrix reads tens of thousands of them, and this is several times faster than Result rows.
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def latest_ratings(
    session: Session, *, person_ids: list[int] | None = None
) -> dict[tuple[int, int], dict[str, tuple[int, date]]]:
    """The latest rating of each kind per (person, skill), in one set-based query."""
    result: dict[tuple[int, int], dict[str, tuple[int, date]]] = defaultdict(dict)
    for pid, sid, kind, level, rated_on in _latest_rows(session, person_ids):
        result[(pid, sid)][kind] = (level, rated_on)
    return dict(result)


_PRECEDENCE = {kind: rank for rank, kind in enumerate(RATING_PRECEDENCE)}


def current_levels(
    session: Session, *, person_ids: list[int] | None = None
) -> dict[tuple[int, int], int]:
    """The level that counts per (person, skill): agreed, else the manager's, else the self-rating."""
    best: dict[tuple[int, int], tuple[int, int]] = {}
    for pid, sid, kind, level in _latest_rows(session, person_ids, with_dates=False):
        rank = _PRECEDENCE.get(kind, 99)
        key = (pid, sid)
        held = best.get(key)
        if held is None or rank < held[0]:
            best[key] = (rank, level)
    return {key: level for key, (_rank, level) in best.items()}


def set_target(
    session: Session,
    *,
    person_id: int,
    skill_id: int,
    level: int | None,
    target_date: date | None = None,
    wish: bool | None = None,
) -> SkillTarget | None:
    """Set (or with level None and no wish, clear) a person's target for a skill."""
    if level is not None:
        _check_level(level)
    get_skill(session, skill_id)
    row = session.exec(
        select(SkillTarget).where(
            SkillTarget.person_id == person_id, SkillTarget.skill_id == skill_id
        )
    ).first()
    keep_wish = wish if wish is not None else (row.wish if row is not None else False)
    if level is None and not keep_wish:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        if session.get(Person, person_id) is None:
            raise ValidationError(_("That person no longer exists."))
        row = SkillTarget(person_id=person_id, skill_id=skill_id)
    row.level = level
    row.target_date = target_date if level is not None else None
    row.wish = keep_wish
    session.add(row)
    session.flush()
    return row


def set_wish(session: Session, *, person_id: int, skill_id: int, wish: bool) -> None:
    """The person wants (or no longer wants) to learn this skill; a target level stays as it is."""
    row = session.exec(
        select(SkillTarget).where(
            SkillTarget.person_id == person_id, SkillTarget.skill_id == skill_id
        )
    ).first()
    set_target(
        session,
        person_id=person_id,
        skill_id=skill_id,
        level=row.level if row else None,
        target_date=row.target_date if row else None,
        wish=wish,
    )


def targets_for(
    session: Session, *, person_ids: list[int] | None = None
) -> dict[tuple[int, int], SkillTarget]:
    query = select(SkillTarget)
    if person_ids is not None:
        query = query.where(col(SkillTarget.person_id).in_(person_ids))
    return {(t.person_id, t.skill_id): t for t in session.exec(query)}


# --- role profiles -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileLine:
    skill_id: int
    level: int


@dataclass(frozen=True)
class ProfileView:
    id: int
    title: str
    lines: tuple[ProfileLine, ...]
    card_type_ids: tuple[int, ...]
    people: int  # active people with this job title


def list_profiles(session: Session) -> list[ProfileView]:
    profiles = list(session.exec(select(RoleProfile)))
    lines: dict[int, list[ProfileLine]] = defaultdict(list)
    for row in session.exec(select(RoleProfileSkill)):
        lines[row.profile_id].append(ProfileLine(row.skill_id, row.level))
    cards: dict[int, list[int]] = defaultdict(list)
    for card_row in session.exec(select(RoleProfileCard)):
        cards[card_row.profile_id].append(card_row.card_type_id)
    titles: dict[str, int] = defaultdict(int)
    for title in session.exec(select(Person.job_title).where(Person.status == PersonStatus.ACTIVE)):
        titles[normalise_title(title)] += 1
    result = [
        ProfileView(
            p.id or 0,
            p.title,
            tuple(sorted(lines[p.id or 0], key=lambda line: (-line.level, line.skill_id))),
            tuple(cards[p.id or 0]),
            titles.get(normalise_title(p.title), 0),
        )
        for p in profiles
    ]
    result.sort(key=lambda v: v.title.casefold())
    return result


def save_profile(
    session: Session,
    *,
    title: str,
    lines: dict[int, int],
    card_type_ids: list[int] | None = None,
    profile_id: int | None = None,
) -> RoleProfile:
    """Create or replace a role profile: the job title, its skills {skill_id: level} and required cards."""
    clean = " ".join(title.split())
    if not clean:
        raise ValidationError(_("Give the job title the profile is for."), "title")
    for level in lines.values():
        _check_level(level)
    clash = session.exec(
        select(RoleProfile).where(func.lower(RoleProfile.title) == clean.lower())
    ).first()
    if clash is not None and clash.id != profile_id:
        raise ValidationError(
            _("There is already a profile for {title}.").format(title=clean), "title"
        )
    if profile_id is not None:
        profile = session.get(RoleProfile, profile_id)
        if profile is None:
            raise ValidationError(_("That role profile no longer exists."))
    else:
        profile = RoleProfile(title=clean)
    profile.title = clean
    session.add(profile)
    session.flush()
    pid = profile.id or 0
    session.execute(delete(RoleProfileSkill).where(col(RoleProfileSkill.profile_id) == pid))
    session.execute(delete(RoleProfileCard).where(col(RoleProfileCard.profile_id) == pid))
    for skill_id, level in lines.items():
        if level > 0:
            session.add(RoleProfileSkill(profile_id=pid, skill_id=skill_id, level=level))
    for card_id in dict.fromkeys(card_type_ids or []):
        session.add(RoleProfileCard(profile_id=pid, card_type_id=card_id))
    session.flush()
    return profile


def delete_profile(session: Session, *, profile_id: int) -> None:
    session.execute(delete(RoleProfile).where(col(RoleProfile.id) == profile_id))
    session.flush()


def profiles_by_title(session: Session) -> dict[str, dict[int, int]]:
    """{normalised job title: {skill_id: level}} for every profile (one query)."""
    titles = {p.id: normalise_title(p.title) for p in session.exec(select(RoleProfile))}
    result: dict[str, dict[int, int]] = {t: {} for t in titles.values()}
    for row in session.exec(select(RoleProfileSkill)):
        result[titles[row.profile_id]][row.skill_id] = row.level
    return result


def apply_starter_profile(session: Session, *, key: str, title: str | None = None) -> RoleProfile:
    """A role profile from the bundled starter profiles; its skills and cards are picked into the firm."""
    starter = next((p for p in skills_content.starter_profiles() if p.key == key), None)
    if starter is None:
        raise ValidationError(_("Unknown starter profile."))
    skills = {
        s.starter_key: s
        for s in pick_starter_skills(session, keys=[k for k, _lvl in starter.skills])
    }
    cards = pick_starter_cards(session, keys=list(starter.cards))
    lines = {skills[k].id or 0: level for k, level in starter.skills}
    existing = session.exec(
        select(RoleProfile).where(
            func.lower(RoleProfile.title) == (title or pick(starter.title)).lower()
        )
    ).first()
    profile = save_profile(
        session,
        title=title or pick(starter.title),
        lines=lines,
        card_type_ids=[c.id or 0 for c in cards],
        profile_id=existing.id if existing else None,
    )
    profile.starter_key = key
    session.add(profile)
    session.flush()
    return profile


# --- future needs ---------------------------------------------------------------------------


def save_need(
    session: Session,
    *,
    skill_id: int,
    level: int,
    people_needed: int,
    by_date: date | None,
    reason: str = "",
    need_id: int | None = None,
) -> FutureNeed:
    """State (or change) a competence the firm needs: skill, level, how many people, by when, why."""
    _check_level(level)
    if level == 0:
        raise ValidationError(_("A need is for level 1 or above."), "level")
    if not 1 <= people_needed <= 1000:
        raise ValidationError(_("Give how many people are needed (1 or more)."), "people_needed")
    get_skill(session, skill_id)
    need = (
        session.get(FutureNeed, need_id)
        if need_id is not None
        else FutureNeed(skill_id=skill_id, level=level)
    )
    if need is None:
        raise ValidationError(_("That need no longer exists."))
    need.skill_id = skill_id
    need.level = level
    need.people_needed = people_needed
    need.by_date = by_date
    need.reason = reason.strip()[:500]
    session.add(need)
    session.flush()
    return need


def delete_need(session: Session, *, need_id: int) -> None:
    session.execute(delete(FutureNeed).where(col(FutureNeed.id) == need_id))
    session.flush()


def list_needs(session: Session) -> list[FutureNeed]:
    return list(
        session.exec(select(FutureNeed).order_by(col(FutureNeed.by_date).asc(), col(FutureNeed.id)))
    )


# --- cards -------------------------------------------------------------------------------


def list_card_types(session: Session, *, include_retired: bool = False) -> list[CardType]:
    query = select(CardType)
    if not include_retired:
        query = query.where(CardType.retired == False)  # noqa: E712
    return sorted(session.exec(query), key=lambda c: card_name(c).casefold())


def pick_starter_cards(session: Session, *, keys: list[str]) -> list[CardType]:
    existing = {
        c.starter_key: c
        for c in session.exec(select(CardType).where(col(CardType.starter_key).is_not(None)))
    }
    starters = {c.key: c for c in skills_content.starter_cards()}
    result = []
    for key in keys:
        if key in existing:
            result.append(existing[key])
            continue
        starter = starters.get(key)
        if starter is None:
            raise ValidationError(_("Unknown card {key}.").format(key=key))
        card = CardType(
            starter_key=key,
            name=pick(starter.name, "en"),
            name_fi=starter.name.get("fi"),
            name_sv=starter.name.get("sv"),
            name_en=starter.name.get("en"),
            validity_years=starter.validity_years,
        )
        session.add(card)
        existing[key] = card
        result.append(card)
    session.flush()
    return result


def add_card_type(session: Session, *, name: str, validity_years: int | None) -> CardType:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError(_("Give the card a name."), "name")
    if validity_years is not None and not 1 <= validity_years <= 50:
        raise ValidationError(
            _("Validity is given in whole years (1–50), or left empty."), "validity_years"
        )
    for card in session.exec(select(CardType)):
        if any(
            n and n.casefold() == clean.casefold()
            for n in (card.name, card.name_fi, card.name_sv, card.name_en)
        ):
            raise ValidationError(
                _("A card called {name} already exists.").format(name=clean), "name"
            )
    card = CardType(name=clean, validity_years=validity_years)
    session.add(card)
    session.flush()
    return card


def add_person_card(
    session: Session,
    *,
    person_id: int,
    card_type_id: int,
    obtained_on: date | None,
    expires_on: date | None = None,
    note: str = "",
) -> PersonCard:
    """Record that a person holds a card. Without an expiry date it is worked out from the card's validity."""
    from huoltamo_desktop.domain.skills import card_expiry

    card = session.get(CardType, card_type_id)
    if card is None:
        raise ValidationError(_("That card no longer exists."))
    if session.get(Person, person_id) is None:
        raise ValidationError(_("That person no longer exists."))
    if expires_on is None:
        expires_on = card_expiry(obtained_on, card.validity_years)
    if obtained_on is not None and expires_on is not None and expires_on < obtained_on:
        raise ValidationError(_("The card cannot expire before it was obtained."), "expires_on")
    row = PersonCard(
        person_id=person_id,
        card_type_id=card_type_id,
        obtained_on=obtained_on,
        expires_on=expires_on,
        note=note.strip()[:300],
    )
    session.add(row)
    session.flush()
    return row


def remove_person_card(session: Session, *, person_card_id: int) -> None:
    session.execute(delete(PersonCard).where(col(PersonCard.id) == person_card_id))
    session.flush()


@dataclass(frozen=True)
class CardHolding:
    id: int
    person_id: int
    person_name: str
    card_type_id: int
    card_name: str
    obtained_on: date | None
    expires_on: date | None
    state: str
    days_left: int | None


def card_holdings(
    session: Session, *, today: date | None = None, person_id: int | None = None
) -> list[CardHolding]:
    """Who holds which card (active people), the newest card of a kind per person, soonest expiry first."""
    from huoltamo_desktop.domain.skills import card_state

    today = today or date.today()
    query = (
        select(PersonCard, Person, CardType)
        .join(Person, col(Person.id) == PersonCard.person_id)
        .join(CardType, col(CardType.id) == PersonCard.card_type_id)
        .where(Person.status == PersonStatus.ACTIVE)
    )
    if person_id is not None:
        query = query.where(PersonCard.person_id == person_id)
    latest: dict[tuple[int, int], tuple[PersonCard, Person, CardType]] = {}
    for pc, person, card in session.exec(query):
        key = (pc.person_id, pc.card_type_id)
        old = latest.get(key)
        if old is None or (pc.expires_on or date.max) > (old[0].expires_on or date.max):
            latest[key] = (pc, person, card)
    result = [
        CardHolding(
            pc.id or 0,
            person.id or 0,
            person.full_name,
            card.id or 0,
            card_name(card),
            pc.obtained_on,
            pc.expires_on,
            card_state(pc.expires_on, today),
            (pc.expires_on - today).days if pc.expires_on else None,
        )
        for pc, person, card in latest.values()
    ]
    result.sort(key=lambda h: (h.expires_on or date.max, h.person_name, h.card_name))
    return result


def needs_attention(holdings: list[CardHolding]) -> list[CardHolding]:
    """The holdings that expired already or expire within the warning period."""
    return [h for h in holdings if h.state in (CardState.EXPIRED, CardState.EXPIRING)]


def expiring_cards(session: Session, *, today: date | None = None) -> list[CardHolding]:
    """Cards of active people that expired already or expire within the warning period (90 days)."""
    return needs_attention(card_holdings(session, today=today))


@dataclass(frozen=True)
class MissingCard:
    person_id: int
    person_name: str
    job_title: str
    card_type_id: int
    card_name: str


def missing_role_cards(session: Session, *, today: date | None = None) -> list[MissingCard]:
    """Cards a person's role requires that they do not hold valid today."""
    today = today or date.today()
    titles = {p.id: normalise_title(p.title) for p in session.exec(select(RoleProfile))}
    required: dict[str, set[int]] = defaultdict(set)
    for row in session.exec(select(RoleProfileCard)):
        required[titles[row.profile_id]].add(row.card_type_id)
    if not required:
        return []
    valid = {
        (h.person_id, h.card_type_id)
        for h in card_holdings(session, today=today)
        if h.expires_on is None or h.expires_on >= today
    }
    cards = {c.id: c for c in session.exec(select(CardType))}
    result = []
    for person in session.exec(select(Person).where(Person.status == PersonStatus.ACTIVE)):
        for card_id in required.get(normalise_title(person.job_title), ()):
            if (person.id, card_id) not in valid:
                result.append(
                    MissingCard(
                        person.id or 0,
                        person.full_name,
                        person.job_title,
                        card_id,
                        card_name(cards[card_id]),
                    )
                )
    result.sort(key=lambda m: (m.person_name, m.card_name))
    return result


# --- the firm's picture for analyses and the matrix -------------------------------------------


def still_working(today: date) -> ColumnElement[bool]:
    """People at work on ``today``: active, or marked as leaving on a later day."""
    return or_(
        col(Person.status) == PersonStatus.ACTIVE,
        and_(col(Person.left_on).is_not(None), col(Person.left_on) > today),
    )


def person_facts(
    session: Session, *, today: date | None = None, include_left: bool = False
) -> dict[int, PersonFacts]:
    """People as plain facts; someone marked as leaving on a later day is still at work, with a leaving date."""
    today = today or date.today()
    query = select(Person)
    if not include_left:
        query = query.where(still_working(today))
    result = {}
    for p in session.exec(query):
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


def skill_data(session: Session, *, today: date | None = None) -> SkillData:
    """The firm's skill picture as plain data for the analyses (a handful of queries)."""
    today = today or date.today()
    people = person_facts(session, today=today)
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


def future_needs_touching(session: Session, *, person_id: int) -> list[FutureNeedLine]:
    """Future needs in the person's skills, their role profile or their targets."""
    mine = {line.skill_id for line in person_skill_lines(session, person_id=person_id)}
    needs = [n for n in list_needs(session) if n.skill_id in mine]
    if not needs:
        return []
    active = set(person_facts(session))
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


# --- the matrix ----------------------------------------------------------------------------


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


def load_matrix(session: Session) -> MatrixData:
    """The whole matrix for the active people and the firm's skills, in a few set-based queries."""
    teams = {t.id: t.name for t in session.exec(select(Team))}
    persons = list(
        session.exec(
            select(Person)
            .where(still_working(date.today()))
            .order_by(col(Person.last_name), col(Person.first_name))
        )
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
        ((tid or 0, name) for tid, name in teams.items()), key=lambda t: t[1].casefold()
    )
    return MatrixData(
        people, skills, current, target, target_dates, required, team_list, used_categories
    )
