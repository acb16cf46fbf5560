"""Conversations as the manager uses them: templates, notes, actions, versions, rhythm."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import Conversation, ConversationAction
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.people import Person, Team
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services.firm import FirmInput, save_organisation
from huoltamo_desktop.services.people import erase_person

TODAY = date(2026, 11, 27)


def _firm(session: Session) -> tuple[Person, Person, Person]:
    save_organisation(session, data=FirmInput(name="Testi Oy"))
    team = Team(name="Tuotanto")
    session.add(team)
    session.flush()
    boss = Person(first_name="Kaisa", last_name="Koivula", is_manager=True)
    session.add(boss)
    session.flush()
    aino = Person(
        first_name="Aino",
        last_name="Laine",
        career_stage="late_career",
        supervisor_id=boss.id or 0,
        team_id=team.id or 0,
        employment_start=date(2001, 3, 1),
    )
    björn = Person(
        first_name="Björn",
        last_name="Sjöblom",
        language="sv",
        career_stage="newcomer",
        supervisor_id=boss.id or 0,
        team_id=team.id or 0,
        employment_start=date(2026, 9, 1),
    )
    session.add_all([aino, björn])
    session.flush()
    return boss, aino, björn


def _career(
    session: Session, person: Person, boss: Person, held: date = date(2026, 11, 20)
) -> Conversation:
    return cs.create_conversation(
        session, kind="career", held_on=held, person_id=person.id or 0, manager_id=boss.id or 0
    )


def test_template_adapts_to_the_persons_stage_and_language(session: Session) -> None:
    late = cs.template_for(session, kind="career", stage="late_career", language="fi")
    new = cs.template_for(session, kind="career", stage="newcomer", language="sv")
    late_keys = {q.key for t in late.topics for q in t.questions}
    new_keys = {q.key for t in new.topics for q in t.questions}
    assert "career.working_time.q5" in late_keys and "career.working_time.q5" not in new_keys
    assert late.name == "Urakeskustelu" and new.name == "Karriärsamtal"


def test_the_firm_edits_and_adds_questions_and_bundled_texts_still_show_elsewhere(
    session: Session,
) -> None:
    key = "career.looking_back.q1"
    cs.set_template_text(
        session, key=key, part="text", texts={"fi": "Mistä olet ollut ylpeä tänä vuonna?"}
    )
    cs.set_question_hidden(session, key="career.looking_back.q2", hidden=True)
    cs.add_custom_question(
        session,
        topic_key="career.looking_back",
        texts={"fi": "Miten asiakaspalaute on näkynyt työssäsi?"},
        stages=["mid_career"],
    )
    mid = cs.template_for(session, kind="career", stage="mid_career", language="fi")
    texts = [q.text for q in mid.topics[0].questions]
    assert texts[0] == "Mistä olet ollut ylpeä tänä vuonna?"
    assert all("energiaa" not in t for t in texts)  # the hidden bundled question
    assert texts[-1] == "Miten asiakaspalaute on näkynyt työssäsi?"
    # The Swedish wording was not edited: the bundled one still comes through.
    sv = cs.template_for(session, kind="career", stage="mid_career", language="sv")
    assert sv.topics[0].questions[0].text.startswith("Vad i ditt arbete")
    newcomer = cs.template_for(session, kind="career", stage="newcomer", language="fi")
    assert "Miten asiakaspalaute on näkynyt työssäsi?" not in [
        q.text for q in newcomer.topics[0].questions
    ]
    # Writing the bundled text back removes the override.
    bundled = cs.bundled_templates()["career"].topics[0].questions[0].text["fi"]
    cs.set_template_text(session, key=key, part="text", texts={"fi": bundled})
    again = cs.template_for(session, kind="career", stage="mid_career", language="fi")
    assert again.topics[0].questions[0].text == bundled and not again.topics[0].questions[0].edited
    with pytest.raises(ValidationError):
        cs.add_custom_question(session, topic_key="career.looking_back", texts={"fi": "  "})


def test_notes_and_private_notes_are_saved(session: Session) -> None:
    boss, aino, _b = _firm(session)
    c = _career(session, aino, boss)
    cs.save_notes(
        session,
        conversation_id=c.id or 0,
        notes={"career.strengths": "Tarkka"},
        private_notes="vain minulle",
    )
    cs.save_notes(session, conversation_id=c.id or 0, notes={"career.wellbeing": "Hyvä"})
    detail = cs.get_conversation(session, conversation_id=c.id or 0)
    assert detail.notes == {"career.strengths": "Tarkka", "career.wellbeing": "Hyvä"}
    assert detail.private_notes == "vain minulle"
    cs.save_notes(session, conversation_id=c.id or 0, notes={"career.strengths": ""})
    assert cs.get_notes(session, conversation_id=c.id or 0) == {"career.wellbeing": "Hyvä"}


def test_the_next_date_follows_the_firms_rhythm(session: Session) -> None:
    boss, aino, _b = _firm(session)
    cs.set_rhythm(session, months={"career": 24, "checkin": 4})
    c = _career(session, aino, boss, date(2026, 1, 31))
    assert c.next_on == date(2028, 1, 31)
    check = cs.create_conversation(
        session, kind="checkin", held_on=date(2026, 1, 31), person_id=aino.id or 0
    )
    assert check.next_on == date(2026, 5, 31)
    with pytest.raises(ValidationError):
        cs.set_rhythm(session, months={"career": 99})


def test_finalising_freezes_and_a_new_version_keeps_the_earlier_one(session: Session) -> None:
    boss, aino, _b = _firm(session)
    c = _career(session, aino, boss)
    cs.save_notes(
        session,
        conversation_id=c.id or 0,
        notes={"career.strengths": "Ensimmäinen"},
        private_notes="p",
    )
    cs.add_action(
        session,
        conversation_id=c.id or 0,
        data=cs.ActionInput(what="Hitsauskurssi", kind="training"),
    )
    cs.finalise(session, conversation_id=c.id or 0)
    with pytest.raises(ValidationError):
        cs.save_notes(session, conversation_id=c.id or 0, notes={"career.strengths": "Muutettu"})
    with pytest.raises(ValidationError):
        cs.add_action(session, conversation_id=c.id or 0, data=cs.ActionInput(what="Lisää"))
    v2 = cs.new_version(session, conversation_id=c.id or 0)
    assert v2.version == 2 and v2.state == "draft" and v2.chain_id == c.chain_id
    cs.save_notes(session, conversation_id=v2.id or 0, notes={"career.strengths": "Korjattu"})
    old = cs.get_conversation(session, conversation_id=c.id or 0)
    new = cs.get_conversation(session, conversation_id=v2.id or 0)
    assert (
        old.notes == {"career.strengths": "Ensimmäinen"}
        and old.state == "final"
        and not old.is_current
    )
    assert new.notes == {"career.strengths": "Korjattu"} and new.private_notes == "p"
    assert [a.what for a in cs.list_actions(session, conversation_id=v2.id or 0)] == [
        "Hitsauskurssi"
    ]
    assert new.versions == [(c.id, 1, "final"), (v2.id, 2, "draft")]
    # Only the current version is listed and followed up.
    assert [r.id for r in cs.list_conversations(session)] == [v2.id]
    assert len(cs.list_conversations(session, include_history=True)) == 2
    assert [r.conversation_id for r in cs.followup(session, today=TODAY)] == [v2.id]
    with pytest.raises(ValidationError):
        cs.new_version(session, conversation_id=c.id or 0)
    # Throwing the draft away brings the final version back as the current one.
    cs.delete_draft(session, conversation_id=v2.id or 0)
    assert [r.id for r in cs.list_conversations(session)] == [c.id]


def test_actions_are_validated_with_clear_messages(session: Session) -> None:
    boss, aino, _b = _firm(session)
    c = _career(session, aino, boss)
    with pytest.raises(ValidationError) as err:
        cs.add_action(session, conversation_id=c.id or 0, data=cs.ActionInput(what="  "))
    assert err.value.field == "what"
    with pytest.raises(ValidationError) as err:
        cs.add_action(
            session,
            conversation_id=c.id or 0,
            data=cs.ActionInput(what="Ergonomia", owner="outside"),
        )
    assert err.value.field == "owner_name"
    with pytest.raises(ValidationError) as err:
        cs.add_action(
            session,
            conversation_id=c.id or 0,
            data=cs.ActionInput(what="Kurssi", due_on=date(2026, 1, 1)),
        )
    assert err.value.field == "due_on"


def test_open_actions_are_carried_into_the_next_conversation_without_copies(
    session: Session,
) -> None:
    boss, aino, björn = _firm(session)
    first = _career(session, aino, boss, date(2026, 3, 1))
    kurssi = cs.add_action(
        session,
        conversation_id=first.id or 0,
        data=cs.ActionInput(what="Kurssi", due_on=date(2026, 6, 1), kind="training"),
    )
    done = cs.add_action(
        session,
        conversation_id=first.id or 0,
        data=cs.ActionInput(what="Mentori", kind="mentoring"),
    )
    cs.finalise(session, conversation_id=first.id or 0)
    cs.set_action_status(session, action_id=done.id or 0, status="done", today=date(2026, 5, 1))
    _career(
        session, björn, boss, date(2026, 6, 1)
    )  # another person's conversation carries nothing of Aino's
    second = cs.create_conversation(
        session, kind="checkin", held_on=date(2026, 9, 1), person_id=aino.id or 0
    )
    carried = cs.carried_actions(session, conversation_id=second.id or 0, today=TODAY)
    assert [(r.action.id, r.action.what, r.action.overdue) for r in carried] == [
        (kurssi.id, "Kurssi", True)
    ]
    assert cs.list_actions(session, conversation_id=second.id or 0) == []
    actions = session.exec(select(ConversationAction)).all()
    assert len(actions) == 2  # linked, not duplicated
    # Status is followed up on the original action, from either conversation.
    cs.set_action_status(session, action_id=kurssi.id or 0, status="in_progress")
    cs.finalise(session, conversation_id=second.id or 0)
    cs.set_action_status(session, action_id=kurssi.id or 0, status="done")
    summary = cs.summary_data(session, conversation_id=second.id or 0)
    assert [(a.what, a.status) for a in summary.carried] == [("Kurssi", "Käynnissä")]
    prev = cs.previous_conversation(session, conversation_id=second.id or 0)
    assert prev is not None and prev.row.id == first.id
    assert {a.what: a.status for a in prev.actions} == {"Kurssi": "done", "Mentori": "done"}
    # A new version of the first conversation: the later one now follows the current copy.
    v2 = cs.new_version(session, conversation_id=first.id or 0)
    copy = next(
        a for a in cs.list_actions(session, conversation_id=v2.id or 0) if a.what == "Kurssi"
    )
    assert [r.action.id for r in cs.carried_actions(session, conversation_id=second.id or 0)] == [
        copy.id
    ]


def test_followup_lists_the_firms_open_actions_overdue_first(session: Session) -> None:
    boss, aino, björn = _firm(session)
    a = _career(session, aino, boss, date(2026, 3, 1))
    b = _career(session, björn, boss, date(2026, 10, 1))
    cs.add_action(
        session,
        conversation_id=a.id or 0,
        data=cs.ActionInput(what="Myöhässä", due_on=date(2026, 5, 1)),
    )
    cs.add_action(
        session,
        conversation_id=b.id or 0,
        data=cs.ActionInput(what="Tulossa", due_on=date(2026, 12, 1)),
    )
    cs.add_action(
        session, conversation_id=b.id or 0, data=cs.ActionInput(what="Valmis", status="done")
    )
    rows = cs.followup(session, today=TODAY)
    assert [(r.what, r.overdue, r.subject) for r in rows] == [
        ("Myöhässä", True, "Aino Laine"),
        ("Tulossa", False, "Björn Sjöblom"),
    ]
    assert len(cs.followup(session, today=TODAY, open_only=False)) == 3


def test_due_list_shows_who_is_due_or_overdue(session: Session) -> None:
    boss, aino, björn = _firm(session)
    cs.set_rhythm(session, months={"career": 12, "checkin": 3, "development": 0})
    c = _career(session, aino, boss, date(2025, 10, 1))
    cs.finalise(session, conversation_id=c.id or 0)
    rows = cs.due_list(session, today=TODAY)
    aino_rows = {r.kind: r for r in rows if r.person_id == aino.id}
    assert aino_rows["career"].due_on == date(2026, 10, 1) and aino_rows["career"].overdue
    assert aino_rows["checkin"].due_on == date(2026, 1, 1)
    # Björn started in September: his first check-in is due at the start of December, career not yet.
    björn_rows = {r.kind: r for r in rows if r.person_id == björn.id}
    assert set(björn_rows) == {"checkin"} and björn_rows["checkin"].due_on == date(2026, 12, 1)
    assert not björn_rows["checkin"].overdue
    # The owner without a supervisor is nobody's employee here.
    assert all(r.person_id != boss.id for r in rows)
    # A conversation already planned for him is shown, so it is not planned twice.
    planned = cs.create_conversation(
        session, kind="checkin", held_on=date(2026, 12, 3), person_id=björn.id or 0
    )
    row = next(r for r in cs.due_list(session, today=TODAY) if r.person_id == björn.id)
    assert (row.planned_on, row.planned_id) == (date(2026, 12, 3), planned.id)
    # A check-in held resets the check-in clock.
    cs.create_conversation(
        session, kind="checkin", held_on=date(2026, 11, 1), person_id=aino.id or 0
    )
    assert "checkin" not in {
        r.kind for r in cs.due_list(session, today=TODAY) if r.person_id == aino.id
    }


def test_group_discussion_with_a_team(session: Session) -> None:
    boss, _aino, _björn = _firm(session)
    team = session.exec(select(Team)).one()
    g = cs.create_conversation(
        session,
        kind="group",
        held_on=date(2026, 11, 1),
        team_id=team.id or 0,
        manager_id=boss.id or 0,
    )
    data = cs.summary_data(session, conversation_id=g.id or 0)
    assert data.is_group and data.employee_label == "Tuotanto"
    assert "Aino Laine" in data.employee_detail and "Björn Sjöblom" in data.employee_detail
    with pytest.raises(ValidationError):
        cs.create_conversation(session, kind="group", held_on=date(2026, 11, 1))


def test_erasing_a_person_removes_their_conversations(session: Session) -> None:
    boss, aino, _b = _firm(session)
    c = _career(session, aino, boss)
    cs.add_action(session, conversation_id=c.id or 0, data=cs.ActionInput(what="Kurssi"))
    session.commit()
    erase_person(session, person_id=aino.id or 0)
    session.commit()
    assert session.exec(select(Conversation)).all() == []
    assert session.exec(select(ConversationAction)).all() == []


def test_erasing_the_manager_keeps_the_employees_conversation(session: Session) -> None:
    boss, aino, _b = _firm(session)
    c = _career(session, aino, boss)
    session.commit()
    erase_person(session, person_id=boss.id or 0)
    session.commit()
    assert cs.get_conversation(session, conversation_id=c.id or 0).manager_name == ""


def test_a_missing_conversation_is_a_clear_error(session: Session) -> None:
    with pytest.raises(UserError, match="No conversation with ID 404"):
        cs.get_conversation(session, conversation_id=404)


def test_demo_conversations_are_realistic(session: Session) -> None:
    from huoltamo_desktop.services.demo import build_demo

    build_demo(session, people=40, seed=3, today=TODAY)
    rows = cs.list_conversations(session)
    kinds = {r.kind for r in rows}
    assert {"career", "checkin", "group"} <= kinds
    assert {"draft", "final"} == {r.state for r in rows}
    statuses = {r.status for r in cs.followup(session, today=TODAY, open_only=False)}
    assert {"open", "done"} <= statuses
    assert any(r.overdue for r in cs.followup(session, today=TODAY))
    assert any(r.overdue for r in cs.due_list(session, today=TODAY))
    privates = session.exec(select(Conversation.private_notes)).all()
    assert any(privates)
    # Swedish-speaking staff have their job titles in Swedish too, and drafts print them.
    speakers = {p.id: p for p in session.exec(select(Person).where(Person.language == "sv"))}
    assert speakers and all(p.job_title_sv for p in speakers.values() if p.job_title)
    drafts = [r for r in rows if r.state == "draft" and r.person_id in speakers]
    for row in drafts:
        detail = cs.summary_data(session, conversation_id=row.id).employee_detail
        assert detail == speakers[row.person_id].job_title_sv


def test_an_action_can_name_the_skill_it_serves(session: Session) -> None:
    from huoltamo_desktop.domain.skills import Skill
    from huoltamo_desktop.services.skills import add_skill

    boss, aino, _b = _firm(session)
    skill = add_skill(session, name="Robottisolun käyttö")
    assert (skill.id, "Robottisolun käyttö") in cs.skill_choices(session)
    c = _career(session, aino, boss)
    action = cs.add_action(
        session,
        conversation_id=c.id or 0,
        data=cs.ActionInput(what="Robottikoulutus", kind="training", skill_id=skill.id or 0),
    )
    assert (
        cs.list_actions(session, conversation_id=c.id or 0)[0].skill_name == "Robottisolun käyttö"
    )
    assert (
        cs.summary_data(session, conversation_id=c.id or 0).actions[0].skill
        == "Robottisolun käyttö"
    )
    # Removing the skill from the catalogue keeps the action, without the skill.
    session.delete(session.get(Skill, skill.id))
    session.commit()
    session.expire_all()
    stored = session.get(ConversationAction, action.id)
    assert stored is not None and stored.skill_id is None


def test_search_finds_people_and_teams_with_nordic_letters(session: Session) -> None:
    boss, _aino, björn = _firm(session)
    östra = Team(name="Östra")
    session.add(östra)
    session.flush()
    åsa = Person(first_name="Åsa", last_name="Öberg", supervisor_id=boss.id or 0)
    session.add(åsa)
    session.flush()
    _career(session, åsa, boss)
    _career(session, björn, boss)
    team_talk = cs.create_conversation(
        session,
        kind="group",
        held_on=date(2026, 11, 21),
        team_id=östra.id or 0,
        manager_id=boss.id or 0,
    )
    session.commit()
    for needle in ("Öberg", "öberg", "ÖBERG", "åsa ö"):
        assert [r.subject for r in cs.list_conversations(session, search=needle)] == [
            "Åsa Öberg"
        ], needle
    assert [r.subject for r in cs.list_conversations(session, search="SJÖBLOM")] == [
        "Björn Sjöblom"
    ]
    assert [r.id for r in cs.list_conversations(session, search="östra")] == [team_talk.id]
    # A wildcard typed by the user is a character, not "anything".
    assert cs.list_conversations(session, search="%") == []


def test_reading_a_draft_shows_newly_open_actions_without_writing(session: Session) -> None:
    from huoltamo_desktop.domain.conversations import ConversationCarried

    boss, aino, _björn = _firm(session)
    first = _career(session, aino, boss, date(2026, 3, 1))
    second = cs.create_conversation(
        session, kind="checkin", held_on=date(2026, 9, 1), person_id=aino.id or 0
    )
    # An action agreed in the earlier talk after the later draft was made.
    late = cs.add_action(
        session, conversation_id=first.id or 0, data=cs.ActionInput(what="Kurssi", kind="training")
    )
    session.commit()
    before = session.exec(select(ConversationCarried)).all()
    assert [r.action.id for r in cs.carried_actions(session, conversation_id=second.id or 0)] == [
        late.id
    ]
    cs.prepare(session, conversation_id=second.id or 0)
    cs.summary_data(session, conversation_id=second.id or 0)
    assert not session.new and not session.dirty
    assert session.exec(select(ConversationCarried)).all() == before
    # Made final, the draft links the action and keeps its status as it was then.
    cs.finalise(session, conversation_id=second.id or 0)
    cs.set_action_status(session, action_id=late.id or 0, status="done")
    summary = cs.summary_data(session, conversation_id=second.id or 0)
    assert [(a.what, a.status) for a in summary.carried] == [("Kurssi", "Avoin")]
