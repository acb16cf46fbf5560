"""Role profiles: the skills and cards a job title calls for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import (
    RoleProfile,
    RoleProfileCard,
    RoleProfileSkill,
    normalise_title,
)
from huoltamo_desktop.i18n import _, pick
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services.seats_versions import merge_edit
from huoltamo_desktop.services.skills.cards import pick_starter_cards
from huoltamo_desktop.services.skills.catalogue import pick_starter_skills
from huoltamo_desktop.services.skills.names import _check_level


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
    row_version: int = 1  # what the profile form sends back with its save


@dataclass(frozen=True)
class ProfileInput:
    """The profile form's fields: the title, its skills (skill id, level) and required cards."""

    title: str
    lines: tuple[tuple[int, int], ...]
    card_type_ids: tuple[int, ...]

    @classmethod
    def of(
        cls, title: str, lines: dict[int, int], card_type_ids: list[int] | tuple[int, ...]
    ) -> ProfileInput:
        """Lines and cards in a fixed order, so that the same choice compares equal."""
        return cls(
            " ".join(title.split()),
            tuple(sorted((s, lv) for s, lv in lines.items() if lv > 0)),
            tuple(sorted(set(card_type_ids))),
        )


def profile_input(view: ProfileView) -> ProfileInput:
    return ProfileInput.of(
        view.title, {line.skill_id: line.level for line in view.lines}, view.card_type_ids
    )


def list_profiles(session: Session, *, scope: Scope | None = None) -> list[ProfileView]:
    """The role profiles; ``people`` counts the active people with the title whom the ``scope`` sees."""
    profiles = list(session.exec(select(RoleProfile)))
    lines: dict[int, list[ProfileLine]] = defaultdict(list)
    for row in session.exec(select(RoleProfileSkill)):
        lines[row.profile_id].append(ProfileLine(row.skill_id, row.level))
    cards: dict[int, list[int]] = defaultdict(list)
    for card_row in session.exec(select(RoleProfileCard)):
        cards[card_row.profile_id].append(card_row.card_type_id)
    titles: dict[str, int] = defaultdict(int)
    for pid, team_id, title in session.exec(
        select(col(Person.id), col(Person.team_id), col(Person.job_title)).where(
            Person.status == PersonStatus.ACTIVE
        )
    ):
        if scope is None or scope.can_see(person_id=pid, team_id=team_id):
            titles[normalise_title(title)] += 1
    result = [
        ProfileView(
            p.id or 0,
            p.title,
            tuple(sorted(lines[p.id or 0], key=lambda line: (-line.level, line.skill_id))),
            tuple(cards[p.id or 0]),
            titles.get(normalise_title(p.title), 0),
            p.row_version,
        )
        for p in profiles
    ]
    result.sort(key=lambda v: sort_key(v.title))
    return result


def save_profile(
    session: Session,
    *,
    title: str,
    lines: dict[int, int],
    card_type_ids: list[int] | None = None,
    profile_id: int | None = None,
    expected_version: int | None = None,
    base: ProfileInput | None = None,
) -> RoleProfile:
    """Create or replace a role profile: the job title, its skills {skill_id: level} and required cards.

    ``expected_version`` and ``base`` are what the form read: another's change
    to the title, the skills or the cards meanwhile is merged, or raises
    ``ConflictError`` where both changed the same one.
    """
    if profile_id is not None:
        current = session.get(RoleProfile, profile_id)
        if current is None:
            raise ValidationError(_("That role profile no longer exists."))
        (view,) = [v for v in list_profiles(session) if v.id == profile_id]
        merged = merge_edit(
            current_version=current.row_version,
            expected_version=expected_version,
            base=base,
            yours=ProfileInput.of(title, lines, card_type_ids or []),
            theirs=profile_input(view),
        )
        title, lines, card_type_ids = merged.title, dict(merged.lines), list(merged.card_type_ids)
    clean = " ".join(title.split())
    if not clean:
        raise ValidationError(_("Give the job title the profile is for."), "title")
    for level in lines.values():
        _check_level(level)
    clash = session.exec(
        select(RoleProfile).where(RoleProfile.title_key == normalise_title(clean))
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
    if profile.id is not None:
        # The skills and cards live in rows of their own: the profile's version still moves.
        flag_modified(profile, "title")
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
        for s in pick_starter_skills(session, keys=[line.skill for line in starter.skills])
    }
    cards = pick_starter_cards(session, keys=list(starter.cards))
    lines = {skills[line.skill].id or 0: line.level for line in starter.skills}
    existing = session.exec(
        select(RoleProfile).where(
            RoleProfile.title_key == normalise_title(title or pick(starter.title))
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
