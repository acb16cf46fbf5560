"""A team lead's skills analyses, cards, profiles and firm figures count only their own people."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.domain.seats import OWNER, Scope
from huoltamo_desktop.domain.skills import RatingKind, RiskReason, key_person_risks, need_gaps
from huoltamo_desktop.domain.training import TrainingOffering
from huoltamo_desktop.services import conversations as conv
from huoltamo_desktop.services import people as people_svc
from huoltamo_desktop.services import seats
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.home_figures import EntryInput, figures, save_entry
from huoltamo_desktop.services.home_reports import plan_draft, year_review
from huoltamo_desktop.services.people import PersonInput

PASS = "hitsaamo ja kahvi"
TODAY = date(2026, 11, 20)


def _firm(session: Session) -> dict[str, int]:
    """Two welders, one in each team; bookkeeping known only in the office."""
    prod = people_svc.create_team(session, name="Tuotanto")
    office = people_svc.create_team(session, name="Toimisto")
    ids = {"prod": int(prod.id or 0), "office": int(office.id or 0)}
    for key, first, team, title in (
        ("lead", "Liisa", prod, "Työnjohtaja"),
        ("welder", "Väinö", prod, "Hitsaaja"),
        ("clerk", "Åsa", office, "Hitsaaja"),
    ):
        person = people_svc.create_person(
            session,
            data=PersonInput(
                first_name=first, last_name="Koivula", team_id=team.id, job_title=title
            ),
        )
        ids[key] = int(person.id or 0)
    welding = svc.add_skill(session, name="Hitsaus")
    books = svc.add_skill(session, name="Kirjanpito")
    ids["welding"], ids["books"] = int(welding.id or 0), int(books.id or 0)
    for who, skill, level in (
        ("welder", welding, 4),
        ("clerk", welding, 4),
        ("clerk", books, 4),
    ):
        svc.record_rating(
            session,
            person_id=ids[who],
            skill_id=int(skill.id or 0),
            kind=RatingKind.AGREED,
            level=level,
            on=date(2026, 10, 1),
        )
    svc.save_profile(session, title="Hitsaaja", lines={ids["welding"]: 3})
    svc.save_need(session, skill_id=ids["welding"], level=3, people_needed=2, by_date=None)
    svc.save_need(session, skill_id=ids["books"], level=3, people_needed=1, by_date=None)
    card = svc.add_card_type(session, name="Tulityökortti", validity_years=5)
    for who in ("welder", "clerk"):
        svc.add_person_card(
            session,
            person_id=ids[who],
            card_type_id=int(card.id or 0),
            obtained_on=date(2022, 1, 10),
        )
    session.flush()
    return ids


def _lead(session: Session, ids: dict[str, int]) -> Scope:
    seat = seats.add_team_lead(
        session, scope=OWNER, person_id=ids["lead"], team_ids=[ids["prod"]], passphrase=PASS
    )
    result, scope = seats.sign_in_seat(session, seat_id=int(seat.id or 0), passphrase=PASS)
    assert result.ok and scope is not None
    return scope


def test_key_person_risk_is_about_the_team_leads_people(session: Session) -> None:
    ids = _firm(session)
    lead = _lead(session, ids)

    owner_risks = {
        r.skill_id: r
        for r in key_person_risks(svc.skill_data(session, today=TODAY, scope=OWNER), today=TODAY)
    }
    # Two welders across the firm: no risk for the owner; bookkeeping has one holder.
    assert ids["welding"] not in owner_risks
    assert owner_risks[ids["books"]].holders == (ids["clerk"],)

    data = svc.skill_data(session, today=TODAY, scope=lead)
    assert set(data.people) == {ids["lead"], ids["welder"]}
    lead_risks = {r.skill_id: r for r in key_person_risks(data, today=TODAY)}
    assert lead_risks[ids["welding"]].holders == (ids["welder"],)
    assert RiskReason.SOLE_HOLDER in lead_risks[ids["welding"]].reasons
    # The office's bookkeeper is never named to the production team lead.
    assert lead_risks[ids["books"]].holders == ()
    assert all(ids["clerk"] not in r.holders for r in lead_risks.values())


def test_future_needs_are_the_firms_but_counted_over_the_team_leads_people(
    session: Session,
) -> None:
    ids = _firm(session)
    lead = _lead(session, ids)
    owner_gaps = {
        g.skill_id: g for g in need_gaps(svc.skill_data(session, today=TODAY), today=TODAY)
    }
    lead_gaps = {
        g.skill_id: g
        for g in need_gaps(svc.skill_data(session, today=TODAY, scope=lead), today=TODAY)
    }
    assert set(owner_gaps) == set(lead_gaps) == {ids["welding"], ids["books"]}
    assert (owner_gaps[ids["welding"]].have_now, lead_gaps[ids["welding"]].have_now) == (2, 1)
    assert (owner_gaps[ids["books"]].have_now, lead_gaps[ids["books"]].have_now) == (1, 0)
    assert lead_gaps[ids["welding"]].people_needed == 2  # the owner's need, unchanged

    with pytest.raises(seats.NotYoursError):
        svc.save_need(
            session, skill_id=ids["books"], level=4, people_needed=3, by_date=None, scope=lead
        )
    with pytest.raises(seats.NotYoursError):
        svc.delete_need(session, need_id=svc.list_needs(session)[0].id or 0, scope=lead)
    assert len(svc.list_needs(session)) == 2

    # Before a conversation with the welder: how many hold the skill, among whom one may see.
    talk = conv.create_conversation(session, kind="career", held_on=TODAY, person_id=ids["welder"])
    assert [
        n.people_at_level
        for n in conv.prepare(session, conversation_id=talk.id or 0).future_needs or []
    ] == [2]
    lead_prep = conv.prepare(session, conversation_id=talk.id or 0, scope=lead)
    assert [n.people_at_level for n in lead_prep.future_needs or []] == [1]


def test_profiles_and_cards_count_and_name_only_the_team_leads_people(session: Session) -> None:
    ids = _firm(session)
    lead = _lead(session, ids)
    [owner_profile] = svc.list_profiles(session)
    [lead_profile] = svc.list_profiles(session, scope=lead)
    assert (owner_profile.people, lead_profile.people) == (2, 1)

    assert {h.person_id for h in svc.card_holdings(session, today=TODAY)} == {
        ids["welder"],
        ids["clerk"],
    }
    assert {h.person_id for h in svc.card_holdings(session, today=TODAY, scope=lead)} == {
        ids["welder"]
    }
    clerks_card = next(
        h for h in svc.card_holdings(session, today=TODAY) if h.person_id == ids["clerk"]
    )
    with pytest.raises(seats.NotYoursError):
        svc.remove_person_card(session, person_card_id=clerks_card.id, scope=lead)
    with pytest.raises(seats.NotYoursError):
        svc.add_person_card(
            session,
            person_id=ids["clerk"],
            card_type_id=clerks_card.card_type_id,
            obtained_on=TODAY,
            scope=lead,
        )
    assert len(svc.card_holdings(session, today=TODAY)) == 2


def test_the_firms_figures_and_reports_stay_with_the_owner(session: Session) -> None:
    ids = _firm(session)
    lead = _lead(session, ids)
    assert seats.scope_team_names(session, scope=lead) == ["Tuotanto"]
    assert seats.scope_team_names(session, scope=OWNER) is None
    owner_years = figures(session, today=TODAY, scope=OWNER).years
    assert owner_years[-1].headcount_end == 3
    for action in (
        lambda: figures(session, today=TODAY, scope=lead),
        lambda: year_review(session, year=2026, today=TODAY, scope=lead),
        lambda: plan_draft(session, year=2026, today=TODAY, scope=lead),
        lambda: save_entry(
            session,
            data=EntryInput(
                metric="sick_leave_days",
                period_kind="month",
                period_start=date(2026, 10, 1),
                value=3,
            ),
            today=TODAY,
            scope=lead,
        ),
    ):
        with pytest.raises(seats.NotYoursError) as caught:
            action()
        assert str(caught.value)


def _offering(session: Session) -> int:
    from huoltamo_desktop.domain.training import CATALOGUE_FORMAT, CATALOGUE_FORMAT_VERSION
    from huoltamo_desktop.services import training_exchange as exchange

    doc = {
        "format": CATALOGUE_FORMAT,
        "format_version": CATALOGUE_FORMAT_VERSION,
        "providers": [{"key": "p1", "name": "Koulutus Oy", "reviewed_on": "2026-01-15"}],
        "offerings": [
            {
                "key": "hitsaus",
                "provider": "p1",
                "kind": "course",
                "title": {"fi": "Hitsauksen jatkokurssi"},
                "skills": "Hitsaus:4",
                "reviewed_on": "2026-01-15",
            }
        ],
    }
    exchange.apply_import(
        session, catalogue=exchange.read_catalogue(json.dumps(doc).encode(), csv_file=False)
    )
    return int(session.exec(select(TrainingOffering)).one().id or 0)


def test_the_training_plan_and_suggestions_follow_the_seat(session: Session) -> None:
    from huoltamo_desktop.services import training_match as match
    from huoltamo_desktop.services import training_plan as plan

    ids = _firm(session)
    lead = _lead(session, ids)
    offering = _offering(session)
    plan.plan_training(
        session,
        person_ids=[ids["welder"], ids["clerk"]],
        offering_id=offering,
        planned_on=date(2026, 11, 10),
        cost_cents=50_000,
    )
    assert {r.person_id for r in plan.plan_rows(session, year=2026)} == {
        ids["welder"],
        ids["clerk"],
    }
    assert {r.person_id for r in plan.plan_rows(session, year=2026, scope=lead)} == {ids["welder"]}
    budgets = plan.year_budget(session, year=2026, scope=lead)
    assert [(b.team_name, b.planned_cents, b.people) for b in budgets] == [("Tuotanto", 50_000, 1)]
    assert len(plan.year_budget(session, year=2026)) == 2
    people = {pid for _name, pid in match.subjects(session, scope=lead)["person"]}
    assert people == {ids["lead"], ids["welder"]}
    assert [t for t, _id in match.subjects(session, scope=lead)["team"]] == ["Tuotanto"]
    clerks = next(r for r in plan.plan_rows(session, year=2026) if r.person_id == ids["clerk"])
    for action in (
        lambda: match.gaps_for(session, kind="person", subject_id=ids["clerk"], scope=lead),
        lambda: match.gaps_for(session, kind="team", subject_id=ids["office"], scope=lead),
        lambda: plan.plan_training(
            session,
            person_ids=[ids["clerk"]],
            offering_id=offering,
            planned_on=date(2026, 12, 1),
            scope=lead,
        ),
        lambda: plan.delete_item(session, item_id=clerks.id, scope=lead),
        lambda: plan.set_budget(
            session, year=2026, team_id=ids["prod"], amount_cents=100, scope=lead
        ),
    ):
        with pytest.raises(seats.NotYoursError):
            action()
    assert len(plan.plan_rows(session, year=2026)) == 2


def test_the_rotation_plan_stays_with_the_owner(session: Session) -> None:
    from huoltamo_desktop.services import rotations

    ids = _firm(session)
    lead = _lead(session, ids)
    data = rotations.page_data(session, start=TODAY, scope=OWNER)
    assert {ids["welder"], ids["clerk"]} <= set(data.plan.people)
    for action in (
        lambda: rotations.page_data(session, start=TODAY, scope=lead),
        lambda: rotations.plan_pdf(session, start=TODAY, scope=lead),
        lambda: rotations.candidates_view(
            session, skill_id=ids["welding"], week_start=TODAY, scope=lead
        ),
    ):
        with pytest.raises(seats.NotYoursError):
            action()
