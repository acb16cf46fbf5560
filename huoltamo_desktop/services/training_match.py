"""Training matched to gaps: for a person, a team, a role or a future need.

The gaps come from skill mapping (role profiles, targets, future needs, cards
that run out); the ranking is the pure rule ``domain.training.rank_offerings``;
this module gathers the plain data, and explains each suggestion in words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import CardType, Skill, normalise_title
from huoltamo_desktop.domain.training import (
    Gap,
    GapReason,
    OfferingFacts,
    OfferingSkill,
    Suggestion,
    TrainingOffering,
    TrainingProvider,
    rank_offerings,
)
from huoltamo_desktop.i18n import _, format_date, format_number
from huoltamo_desktop.services import skills as skills_service
from huoltamo_desktop.services.seats import require_person, require_team, visible_people
from huoltamo_desktop.services.training import (
    OfferingRow,
    localised,
    money_text,
    search_offerings,
)
from huoltamo_desktop.services.training_skills import resolve_skill, skill_ids_by_key

NEED_WEIGHT = 1.5  # the firm's own future needs weigh more than today's role gaps


class SubjectKind(StrEnum):
    PERSON = "person"
    TEAM = "team"
    ROLE = "role"
    NEED = "need"
    CARDS = "cards"  # every card in the firm that runs out within the warning period, or has


@dataclass(frozen=True)
class SubjectGaps:
    gaps: list[Gap]
    renew_cards: dict[str, tuple[str, date | None]]  # card key → (card name, expires on)
    people: list[int]
    renew_people: dict[str, list[int]] = field(default_factory=dict)  # card key → whose runs out


def gaps_for(
    session: Session,
    *,
    kind: str,
    subject_id: int | str,
    today: date | None = None,
    scope: Scope | None = None,
) -> SubjectGaps:
    """The gaps of a person, a team, the holders of a role (its title) or a future need.

    A team lead's ``scope`` counts only the people of their teams: a role's or a
    need's gaps are those of their own people.
    """
    day = today or date.today()
    if kind == SubjectKind.PERSON and str(subject_id).isdigit():
        require_person(session, scope=scope, person_id=int(subject_id))
    if kind == SubjectKind.TEAM and str(subject_id).isdigit():
        require_team(scope, int(subject_id))
    data = skills_service.skill_data(session, today=day, scope=scope)
    gaps: list[Gap] = []
    people: list[int]
    if kind == SubjectKind.PERSON:
        pid = int(subject_id)
        if pid not in data.people:
            raise ValidationError(_("That person no longer exists."))
        people = [pid]
        for skill_id, required in data.profile_for(pid).items():
            gaps.append(Gap(skill_id, data.level_at(pid, skill_id), required, 1.0, GapReason.ROLE))
        for (tpid, skill_id), target in data.targets.items():
            if tpid == pid and target.level is not None:
                gaps.append(
                    Gap(skill_id, data.level_at(pid, skill_id), target.level, 1.0, GapReason.TARGET)
                )
    elif kind in (SubjectKind.TEAM, SubjectKind.ROLE):
        if kind == SubjectKind.TEAM:
            people = [
                p.id for p in data.people.values() if p.active and p.team_id == int(subject_id)
            ]
        else:
            title = normalise_title(str(subject_id))
            people = [
                p.id
                for p in data.people.values()
                if p.active and normalise_title(p.job_title) == title
            ]
        short: dict[tuple[int, int], list[int]] = defaultdict(list)
        for pid in people:
            for skill_id, required in data.profile_for(pid).items():
                level = data.level_at(pid, skill_id)
                if level < required:
                    short[(skill_id, required)].append(level)
        if kind == SubjectKind.ROLE and not people:
            profile = data.profiles.get(normalise_title(str(subject_id)), {})
            for skill_id, required in profile.items():
                short[(skill_id, required)].append(0)
        for (skill_id, required), levels in short.items():
            # One gap per skill, as deep as the average of those short, weighed by how many they are.
            gaps.append(
                Gap(
                    skill_id,
                    sum(levels) / len(levels),
                    required,
                    float(len(levels)),
                    GapReason.ROLE,
                )
            )
    elif kind == SubjectKind.NEED:
        need = next((n for n in data.needs if n.id == int(subject_id)), None)
        if need is None:
            raise ValidationError(_("That future need no longer exists."))
        below = [
            data.level_at(p.id, need.skill_id)
            for p in data.people.values()
            if p.active and data.level_at(p.id, need.skill_id) < need.level
        ]
        people = []
        closest = max(below, default=0)
        gaps.append(
            Gap(
                need.skill_id,
                closest,
                need.level,
                NEED_WEIGHT * max(1, need.people_needed),
                GapReason.NEED,
            )
        )
    elif kind == SubjectKind.CARDS:
        people = [p.id for p in data.people.values() if p.active]
    else:
        raise ValidationError(_("Unknown kind of subject."))
    renew: dict[str, tuple[str, date | None]] = {}
    renew_people: dict[str, list[int]] = defaultdict(list)
    if people:
        wanted = set(people)
        cards = {c.id: c for c in session.exec(select(CardType))}
        for holding in skills_service.needs_attention(
            skills_service.card_holdings(session, today=day, scope=scope)
        ):
            card = cards.get(holding.card_type_id)
            if holding.person_id in wanted and card is not None and card.starter_key:
                renew_people[card.starter_key].append(holding.person_id)
                old = renew.get(card.starter_key)
                if old is None or (holding.expires_on or date.max) < (old[1] or date.max):
                    renew[card.starter_key] = (holding.card_name, holding.expires_on)
    return SubjectGaps(gaps, renew, people, dict(renew_people))


@dataclass(frozen=True)
class SuggestionView:
    row: OfferingRow
    score: float
    why: tuple[str, ...]


def provider_ratings(session: Session) -> dict[int, float]:
    """The firm's own average rating of each provider, where it has at least three ratings."""
    from huoltamo_desktop.services.training_plan import provider_trust

    return {pid: score.average for pid, score in provider_trust(session).items() if score.average}


def suggestions(
    session: Session,
    *,
    kind: str,
    subject_id: int | str,
    today: date | None = None,
    limit: int = 30,
    scope: Scope | None = None,
) -> list[SuggestionView]:
    """Offerings that address the subject's gaps, best first, each with why it was suggested."""
    day = today or date.today()
    subject = gaps_for(session, kind=kind, subject_id=subject_id, today=day, scope=scope)
    if not subject.gaps and not subject.renew_cards:
        return []
    keys = skill_ids_by_key(session)
    skills_by_offering: dict[int, dict[int, int]] = defaultdict(dict)
    for line in session.exec(select(OfferingSkill)):
        skill_id = resolve_skill(keys, line.skill_key)
        if skill_id is not None:
            skills_by_offering[line.offering_id][skill_id] = line.level
    rows = {r.id: r for r in search_offerings(session, today=day)}
    ratings = provider_ratings(session)
    facts = [
        OfferingFacts(
            row.id,
            skills_by_offering.get(row.id, {}),
            row.cost_cents,
            row.trusted,
            ratings.get(row.provider_id),
            renews_card=bool(row.card_key and row.card_key in subject.renew_cards),
        )
        for row in rows.values()
    ]
    ranked = rank_offerings(subject.gaps, facts)[:limit]
    names = {s.id or 0: skills_service.skill_name(s) for s in session.exec(select(Skill))}
    return [
        SuggestionView(
            rows[s.offering_id],
            s.score,
            tuple(_why(day, s, rows[s.offering_id], names, subject, ratings)),
        )
        for s in ranked
    ]


def _why(
    today: date,
    suggestion: Suggestion,
    row: OfferingRow,
    names: dict[int, str],
    subject: SubjectGaps,
    ratings: dict[int, float],
) -> list[str]:
    lines = []
    if suggestion.renews_card and row.card_key in subject.renew_cards:
        card, expires = subject.renew_cards[row.card_key]
        if expires is not None:
            text = (
                _("Renews the {card}, which ran out on {date}")
                if expires < today
                else _("Renews the {card}, which runs out on {date}")
            )
            lines.append(text.format(card=card, date=format_date(expires)))
    for fit in suggestion.skills[:4]:
        reason = {
            GapReason.ROLE: _("the role needs {level}"),
            GapReason.TARGET: _("the target is {level}"),
            GapReason.NEED: _("a future need asks for {level}"),
        }.get(GapReason(fit.reason), "{level}")
        lines.append(
            _("{skill}: from {current} to {reaches} ({reason})").format(
                skill=names.get(fit.skill_id, "?"),
                current=format_number(round(fit.current, 1)),
                reaches=min(fit.reaches, fit.wanted),
                reason=reason.format(level=fit.wanted),
            )
        )
    if row.trusted:
        lines.append(_("The provider has a published trust signal"))
    rating = ratings.get(row.provider_id)
    if rating is not None:
        lines.append(
            _("Your firm's own rating of the provider: {rating} / 5").format(
                rating=format_number(round(rating, 1))
            )
        )
    cost = money_text(row.cost_cents)
    if cost:
        lines.append(_("Cost: {cost}").format(cost=cost))
    if row.funding:
        lines.append(_("Public funding in force may cover part of it"))
    return lines


def subjects(
    session: Session, *, scope: Scope | None = None
) -> dict[str, list[tuple[str, int | str]]]:
    """Who or what suggestions can be made for: (label, id) per subject kind (as ``scope`` sees)."""
    from huoltamo_desktop.domain.people import Team

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
    teams = [
        t
        for t in session.exec(select(Team).order_by(col(Team.name)))
        if scope is None or scope.sees_all or t.id in scope.team_ids
    ]
    roles = sorted({v.title for v in skills_service.list_profiles(session)}, key=str.casefold)
    names = {s.id: skills_service.skill_name(s) for s in session.exec(select(Skill))}
    needs = [
        (
            _("{skill} at level {level}").format(skill=names.get(n.skill_id, "?"), level=n.level)
            + (f" ({format_date(n.by_date)})" if n.by_date else ""),
            n.id or 0,
        )
        for n in skills_service.list_needs(session)
    ]
    result: dict[str, list[tuple[str, int | str]]] = {
        SubjectKind.PERSON: [(p.full_name, p.id or 0) for p in people],
        SubjectKind.TEAM: [(t.name, t.id or 0) for t in teams],
        SubjectKind.ROLE: [(title, title) for title in roles],
        SubjectKind.NEED: list(needs),
        SubjectKind.CARDS: [(_("Cards that run out or have run out"), 0)],
    }
    return result


def offerings_renewing(session: Session, *, card_type_id: int) -> list[OfferingRow]:
    """Offerings that grant or renew a card type (by the card's starter key)."""
    card = session.get(CardType, card_type_id)
    if card is None or not card.starter_key:
        return []
    ids = set(
        session.exec(
            select(TrainingOffering.id).where(
                TrainingOffering.card_key == card.starter_key,
                TrainingOffering.retired == False,  # noqa: E712
            )
        ).all()
    )
    return [r for r in search_offerings(session) if r.id in ids]


def provider_names(session: Session) -> dict[int, str]:
    return {p.id or 0: p.name for p in session.exec(select(TrainingProvider))}


def title_of(offering: TrainingOffering) -> str:
    return localised(offering, "title")
