"""The home page's services on a small firm: due items, snoozes, the dialogue, moves, figures, .ics."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import add_months
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.home import DueKind, HomeMove
from huoltamo_desktop.domain.people import Person, Team
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services import home
from huoltamo_desktop.services.firm import FirmInput, save_organisation
from huoltamo_desktop.services.home_calendar import export_ics
from huoltamo_desktop.services.home_figures import EntryInput, figures, list_entries, save_entry
from huoltamo_desktop.services.people import PersonInput, update_person
from huoltamo_desktop.services.skills import add_card_type, add_person_card

TODAY = date(2026, 12, 7)


def _firm(session: Session, extra: int = 0) -> dict[str, int]:
    save_organisation(session, data=FirmInput(name="Testi Oy"))
    teams = [Team(name="Tuotanto"), Team(name="Huolto")]
    session.add_all(teams)
    session.flush()
    boss = Person(first_name="Kaisa", last_name="Koivula", is_manager=True)
    session.add(boss)
    session.flush()
    aino = Person(
        first_name="Aino",
        last_name="Laine",
        job_title="Koneistaja",
        supervisor_id=boss.id,
        team_id=teams[0].id,
        employment_start=date(2015, 3, 1),
    )
    session.add(aino)
    for i in range(extra):
        session.add(
            Person(
                first_name=f"Henkilö{i}",
                last_name="Testi",
                supervisor_id=boss.id,
                employment_start=date(2018, 1, 1),
            )
        )
    session.flush()
    # Only the yearly career conversation is on the rhythm here.
    cs.set_rhythm(session, months={"checkin": 0, "career": 12, "development": 0})
    return {"boss": boss.id or 0, "aino": aino.id or 0, "team2": teams[1].id or 0}


def test_conversation_action_and_card_are_due_with_a_way_to_do_them(session: Session) -> None:
    ids = _firm(session)
    held = TODAY - timedelta(days=360)  # due in five days
    c = cs.create_conversation(
        session, kind="career", held_on=held, person_id=ids["aino"], manager_id=ids["boss"]
    )
    cs.update_details(
        session, conversation_id=c.id or 0, held_on=held, next_on=None, manager_id=ids["boss"]
    )
    cs.add_action(
        session,
        conversation_id=c.id or 0,
        data=cs.ActionInput(what="Hitsauskurssi", due_on=TODAY - timedelta(days=3)),
    )
    cs.finalise(session, conversation_id=c.id or 0)
    card = add_card_type(session, name="Tulityökortti", validity_years=5)
    add_person_card(
        session,
        person_id=ids["aino"],
        card_type_id=card.id or 0,
        obtained_on=None,
        expires_on=TODAY + timedelta(days=80),  # inside the 90-day reminder
    )
    due = home.due_items(session, today=TODAY, horizon="week")
    kinds = {i.kind: i for i in due.items}
    assert set(kinds) == {DueKind.CONVERSATION, DueKind.ACTION, DueKind.CARD}
    action = kinds[DueKind.ACTION]
    assert action.overdue(TODAY) and action.target.page == "conversations"
    assert action.target.ids == (c.id,)
    conversation = kinds[DueKind.CONVERSATION]
    assert conversation.due_on == add_months(held, 12)
    assert conversation.target.action == "new" and conversation.target.ids == (ids["aino"],)
    assert kinds[DueKind.CARD].key.endswith(":90")
    # Sixty days later the 30-day reminder is a new item, even if the 90-day one was put aside.
    later = home.due_items(session, today=TODAY + timedelta(days=55), horizon="week")
    assert any(i.key.endswith(":30") for i in later.items if i.kind == DueKind.CARD)


def test_snooze_needs_a_reason_and_hides_the_item_until_the_day(session: Session) -> None:
    ids = _firm(session)
    c = cs.create_conversation(
        session,
        kind="career",
        held_on=TODAY - timedelta(days=30),
        person_id=ids["aino"],
        manager_id=ids["boss"],
    )
    cs.add_action(
        session, conversation_id=c.id or 0, data=cs.ActionInput(what="Kurssi", due_on=TODAY)
    )
    item = next(i for i in home.due_items(session, today=TODAY).items if i.kind == DueKind.ACTION)
    with pytest.raises(ValidationError):
        home.snooze(
            session, key=item.key, until=TODAY + timedelta(days=7), reason="  ", today=TODAY
        )
    with pytest.raises(ValidationError):
        home.snooze(session, key=item.key, until=TODAY, reason="Varattu", today=TODAY)
    home.snooze(
        session,
        key=item.key,
        until=TODAY + timedelta(days=7),
        reason="Kurssi varattu",
        person_id=item.person_id,
        today=TODAY,
    )
    due = home.due_items(session, today=TODAY)
    assert item.key not in {i.key for i in due.items}
    assert [(i.key, s.reason) for i, s in due.snoozed] == [(item.key, "Kurssi varattu")]
    back = home.due_items(session, today=TODAY + timedelta(days=7))
    assert item.key in {i.key for i in back.items}
    home.unsnooze(session, key=item.key)
    assert item.key in {i.key for i in home.due_items(session, today=TODAY).items}


def test_erasing_a_person_removes_their_snoozes_and_moves(session: Session) -> None:
    from huoltamo_desktop.domain.home import HomeSnooze
    from huoltamo_desktop.services.people import erase_person

    ids = _firm(session)
    home.snooze(
        session,
        key=f"card:1:90:{ids['aino']}",
        until=TODAY + timedelta(days=7),
        reason="Aino on sairauslomalla",
        person_id=ids["aino"],
        today=TODAY,
    )
    session.add(HomeMove(person_id=ids["aino"], moved_on=TODAY, kind="team"))
    session.flush()
    erase_person(session, person_id=ids["aino"])
    session.expire_all()
    assert list(session.exec(select(HomeSnooze))) == []
    assert list(session.exec(select(HomeMove))) == []


def test_an_up_to_date_firm_has_nothing_due(session: Session) -> None:
    ids = _firm(session)
    cs.create_conversation(
        session,
        kind="career",
        held_on=TODAY - timedelta(days=10),
        person_id=ids["aino"],
        manager_id=ids["boss"],
    )
    due = home.due_items(session, today=TODAY, horizon="month")
    assert due.items == [] and due.snoozed == []


def test_dialogue_is_due_by_the_firms_size(session: Session) -> None:
    _firm(session, extra=3)  # 4 employees and the owner: the act does not apply
    assert home.dialogue_status(session, today=TODAY).next_on is None
    assert not [i for i in home.due_items(session, today=TODAY).items if i.kind == DueKind.DIALOGUE]
    for i in range(20):
        session.add(Person(first_name=f"Uusi{i}", last_name="Testi"))
    session.flush()
    status = home.dialogue_status(session, today=TODAY)
    assert status.headcount == 24
    assert (status.duty, status.months, status.next_on) == ("light", 6, TODAY)
    home.record_dialogue(session, held_on=TODAY - timedelta(days=10), topics="Näkymät", today=TODAY)
    status = home.dialogue_status(session, today=TODAY)
    assert status.next_on == add_months(TODAY - timedelta(days=10), 6)
    with pytest.raises(ValidationError):
        home.record_dialogue(session, held_on=TODAY + timedelta(days=1), topics="", today=TODAY)


def test_a_team_or_title_change_is_recorded_as_an_internal_move(session: Session) -> None:
    ids = _firm(session)
    aino = session.get(Person, ids["aino"])
    assert aino is not None
    update_person(
        session,
        person_id=ids["aino"],
        data=PersonInput(
            first_name="Aino",
            last_name="Laine",
            job_title="Laaduntarkastaja",
            team_id=ids["team2"],
            supervisor_id=ids["boss"],
        ),
    )
    moves = {(m.kind, m.from_text, m.to_text) for m in session.exec(select(HomeMove))}
    assert moves == {("team", "Tuotanto", "Huolto"), ("role", "Koneistaja", "Laaduntarkastaja")}
    assert figures(session, today=date.today()).years[-1].moves == 2


def test_a_period_saves_against_the_figures_the_form_showed(session: Session) -> None:
    from huoltamo_desktop.domain.versioning import ConflictError
    from huoltamo_desktop.services.home_figures import period_values, save_period

    _firm(session)
    day = date(2026, 5, 10)
    shown = period_values(session, period_kind="quarter", period_start=day)
    save_entry(session, data=EntryInput("health_costs", "quarter", day, 900), today=TODAY)
    mine = dict(shown, sick_leave_days=12.0)
    save_period(
        session, period_kind="quarter", period_start=day, values=mine, base=shown, today=TODAY
    )
    stored = {r.metric: r.value for r in list_entries(session)}
    assert stored == {"sick_leave_days": 12.0, "health_costs": 900.0}  # theirs kept
    shown = period_values(session, period_kind="quarter", period_start=day)
    save_entry(session, data=EntryInput("sick_leave_days", "quarter", day, 20), today=TODAY)
    with pytest.raises(ConflictError) as clash:
        save_period(
            session,
            period_kind="quarter",
            period_start=day,
            values=dict(shown, sick_leave_days=30.0),
            base=shown,
            today=TODAY,
        )
    [conflict] = clash.value.conflicts
    assert (conflict.field, conflict.yours, conflict.theirs) == ("sick_leave_days", 30.0, 20.0)
    assert {r.metric: r.value for r in list_entries(session)}["sick_leave_days"] == 20.0


def test_entered_figures_are_checked_corrected_and_removed(session: Session) -> None:
    _firm(session)
    day = date(2026, 5, 10)
    save_entry(
        session,
        data=EntryInput("sick_leave_days", "quarter", day, 12),
        today=TODAY,
    )
    save_entry(session, data=EntryInput("sick_leave_days", "quarter", day, 15), today=TODAY)
    rows = list_entries(session)
    assert [(r.period_start, r.value) for r in rows] == [(date(2026, 4, 1), 15.0)]
    with pytest.raises(ValidationError):
        save_entry(session, data=EntryInput("satisfaction", "month", day, 6.0, 10), today=TODAY)
    with pytest.raises(ValidationError):
        save_entry(session, data=EntryInput("satisfaction", "month", day, 4.0, None), today=TODAY)
    with pytest.raises(ValidationError):
        save_entry(
            session,
            data=EntryInput("sick_leave_days", "month", TODAY + timedelta(days=40), 1),
            today=TODAY,
        )
    save_entry(session, data=EntryInput("sick_leave_days", "quarter", day, None), today=TODAY)
    assert list_entries(session) == []


def _events(data: bytes) -> dict[str, tuple[date, int, str]]:
    cal = Calendar.from_ical(data)
    return {
        str(e["uid"]): (e.decoded("dtstart"), int(str(e["sequence"])), str(e["summary"]))
        for e in cal.walk("VEVENT")
    }


def test_calendar_uids_stay_and_sequence_rises_on_change(session: Session) -> None:
    ids = _firm(session)
    planned = date.today() + timedelta(days=20)
    c = cs.create_conversation(
        session, kind="career", held_on=planned, person_id=ids["aino"], manager_id=ids["boss"]
    )
    card = add_card_type(session, name="Tulityökortti", validity_years=5)
    add_person_card(
        session,
        person_id=ids["aino"],
        card_type_id=card.id or 0,
        obtained_on=None,
        expires_on=date.today() + timedelta(days=100),
    )
    first = _events(export_ics(session))
    assert len(first) == 2
    assert all(seq == 0 for _d, seq, _s in first.values())
    again = _events(export_ics(session))
    assert again == first  # nothing changed: same UIDs, same SEQUENCE
    cs.update_details(
        session,
        conversation_id=c.id or 0,
        held_on=planned + timedelta(days=2),
        next_on=None,
        manager_id=ids["boss"],
    )
    moved = _events(export_ics(session))
    assert set(moved) == set(first)  # the same event, updated in place
    changed = [uid for uid in moved if moved[uid] != first[uid]]
    assert len(changed) == 1
    day, sequence, summary = moved[changed[0]]
    assert day == planned + timedelta(days=2) and sequence == 1 and "Aino Laine" in summary


def test_the_owner_is_not_counted_towards_the_thresholds(session: Session) -> None:
    _firm(session, extra=18)  # Aino and 18 more: 19 employees, and the owner
    assert home.dialogue_status(session, today=TODAY).duty == "none"
    session.add(Person(first_name="Kahdeskymmenes", last_name="Testi"))
    session.flush()
    assert home.dialogue_status(session, today=TODAY).duty == "light"


def test_a_removed_event_is_sent_as_cancelled_so_it_leaves_the_calendar(session: Session) -> None:
    ids = _firm(session)
    planned = date.today() + timedelta(days=20)
    c = cs.create_conversation(
        session, kind="career", held_on=planned, person_id=ids["aino"], manager_id=ids["boss"]
    )
    (uid,) = _events(export_ics(session))
    cs.delete_draft(session, conversation_id=c.id or 0)
    cal = Calendar.from_ical(export_ics(session))
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == uid
    assert str(event["status"]) == "CANCELLED" and int(str(event["sequence"])) == 1
    again = Calendar.from_ical(export_ics(session)).walk("VEVENT")
    assert int(str(again[0]["sequence"])) == 1  # cancelled once; the sequence does not keep rising


def test_a_team_lead_sees_only_the_items_of_their_teams(session: Session) -> None:
    from huoltamo_desktop.domain.seats import Scope, SeatRole

    ids = _firm(session, extra=0)
    other = Person(
        first_name="Olli", last_name="Muu", supervisor_id=ids["boss"], team_id=ids["team2"]
    )
    session.add(other)
    session.flush()
    for person_id in (ids["aino"], other.id or 0):
        c = cs.create_conversation(
            session,
            kind="career",
            held_on=TODAY - timedelta(days=30),
            person_id=person_id,
            manager_id=ids["boss"],
        )
        cs.add_action(
            session,
            conversation_id=c.id or 0,
            data=cs.ActionInput(what=f"Tehtävä {person_id}", due_on=TODAY),
        )
    aino = session.get(Person, ids["aino"])
    assert aino is not None
    lead = Scope(
        role=SeatRole.TEAM_LEAD, seat_id=1, person_id=None, team_ids=frozenset({aino.team_id or 0})
    )
    owner_view = home.due_items(session, today=TODAY)
    lead_view = home.due_items(session, today=TODAY, scope=lead)
    assert {i.person_id for i in owner_view.items if i.kind == DueKind.ACTION} == {
        ids["aino"],
        other.id,
    }
    assert {i.person_id for i in lead_view.items} == {ids["aino"]}
