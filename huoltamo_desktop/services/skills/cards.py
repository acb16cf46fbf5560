"""Cards and certificates: types, holdings, expiry and what a role is missing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, col, select

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.seats import Scope
from huoltamo_desktop.domain.skills import (
    CardState,
    CardType,
    PersonCard,
    RoleProfile,
    RoleProfileCard,
    normalise_title,
)
from huoltamo_desktop.i18n import _, pick
from huoltamo_desktop.i18n.collation import fold, sort_key
from huoltamo_desktop.services.seats import require_person
from huoltamo_desktop.services.skills.names import card_name


def list_card_types(session: Session, *, include_retired: bool = False) -> list[CardType]:
    query = select(CardType)
    if not include_retired:
        query = query.where(CardType.retired == False)  # noqa: E712
    return sorted(session.exec(query), key=lambda c: sort_key(card_name(c)))


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
            n and fold(n) == fold(clean)
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
    scope: Scope | None = None,
) -> PersonCard:
    """Record that a person holds a card. Without an expiry date it is worked out from the card's validity."""
    from huoltamo_desktop.domain.skills import card_expiry

    card = session.get(CardType, card_type_id)
    if card is None:
        raise ValidationError(_("That card no longer exists."))
    require_person(session, scope=scope, person_id=person_id)
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


def remove_person_card(
    session: Session, *, person_card_id: int, scope: Scope | None = None
) -> None:
    row = session.get(PersonCard, person_card_id)
    if row is None:
        return
    require_person(session, scope=scope, person_id=row.person_id)
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
    session: Session,
    *,
    today: date | None = None,
    person_id: int | None = None,
    scope: Scope | None = None,
) -> list[CardHolding]:
    """Who holds which card (active people), the newest card of a kind per person, soonest expiry first.

    A team lead's ``scope`` lists only the people of their teams.
    """
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
        if scope is not None and not scope.can_see(person_id=person.id, team_id=person.team_id):
            continue
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


def expiring_cards(
    session: Session, *, today: date | None = None, scope: Scope | None = None
) -> list[CardHolding]:
    """Cards of active people that expired already or expire within the warning period (90 days)."""
    return needs_attention(card_holdings(session, today=today, scope=scope))


@dataclass(frozen=True)
class MissingCard:
    person_id: int
    person_name: str
    job_title: str
    card_type_id: int
    card_name: str


def missing_role_cards(
    session: Session, *, today: date | None = None, scope: Scope | None = None
) -> list[MissingCard]:
    """Cards a person's role requires that they do not hold valid today (of the people ``scope`` sees)."""
    today = today or date.today()
    titles = {p.id: normalise_title(p.title) for p in session.exec(select(RoleProfile))}
    required: dict[str, set[int]] = defaultdict(set)
    for row in session.exec(select(RoleProfileCard)):
        required[titles[row.profile_id]].add(row.card_type_id)
    if not required:
        return []
    valid = {
        (h.person_id, h.card_type_id)
        for h in card_holdings(session, today=today, scope=scope)
        if h.expires_on is None or h.expires_on >= today
    }
    cards = {c.id: c for c in session.exec(select(CardType))}
    result = []
    for person in session.exec(select(Person).where(Person.status == PersonStatus.ACTIVE)):
        if scope is not None and not scope.can_see(person_id=person.id, team_id=person.team_id):
            continue
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
