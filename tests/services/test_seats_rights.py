"""A person's data export, leavers past the retention period, and the audit log."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.conversations import Conversation
from huoltamo_desktop.domain.employee import EmployeeShare
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.domain.seats import AuditEntry
from huoltamo_desktop.domain.skills import SkillRating
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services import seats_rights as rights
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope


@pytest.fixture
def demo(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as s:
        build_demo(s, people=30, seed=2, today=date(2026, 11, 30))
    return sqlite_engine


def _richest(s: Session) -> Person:
    """A person with ratings, a conversation with private manager notes and a shared plan."""
    shared = {r.person_id for r in s.exec(select(EmployeeShare))}
    rated = {r.person_id for r in s.exec(select(SkillRating))}
    talked = {
        c.person_id
        for c in s.exec(select(Conversation).where(col(Conversation.private_notes) != ""))
    }
    ids = sorted((shared & rated & talked) or (rated & talked))
    assert ids, "the demo firm has someone with ratings and conversations"
    person = s.get(Person, ids[0])
    assert person is not None
    return person


def test_the_export_holds_everything_about_the_person_and_nothing_private_of_others(
    demo: Engine,
) -> None:
    with session_scope(demo) as s:
        person = _richest(s)
        pid = int(person.id or 0)
        export = rights.person_export(s, person_id=pid)
        private = [
            c.private_notes
            for c in s.exec(select(Conversation).where(col(Conversation.private_notes) != ""))
        ]
        others = [
            p.full_name
            for p in s.exec(select(Person).where(Person.id != pid, Person.supervisor_id != pid))
            if p.id != person.supervisor_id
        ]
        ratings = len(list(s.exec(select(SkillRating).where(SkillRating.person_id == pid))))
    data = json.loads(export.to_json())
    assert data["person"]["last_name"] == person.last_name
    assert len(data["skill_ratings"]) == ratings, "every rating event, the history included"
    assert data["current_levels"], "derived data too"
    assert data["conversations"]
    text = export.to_json()
    for note in private:
        assert note not in text, "the manager's private notes never leave in an export"
    assert not [name for name in others if name in text], "nobody else's data"
    assert any(row["action"] == "export" for row in data["audit_log"]), "the export is logged"
    with session_scope(demo) as s:
        logged = s.exec(select(AuditEntry).where(AuditEntry.action == "export")).all()
        assert [e.subject_id for e in logged] == [pid]


def test_the_pdf_is_in_the_persons_language(demo: Engine) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    with session_scope(demo) as s:
        person = _richest(s)
        person.language = "sv"
        s.add(person)
        s.flush()
        export = rights.person_export(s, person_id=int(person.id or 0))
    pdf = rights.person_export_pdf(export)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert person.last_name in text
    from huoltamo_desktop.i18n import translator_for

    title = translator_for("sv").gettext("Your data held by the firm")
    assert title in text


def test_leavers_past_the_retention_period_are_listed_then_erased(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as s:
        old = svc.create_person(s, data=PersonInput(first_name="Vanha", last_name="Lähtijä"))
        recent = svc.create_person(s, data=PersonInput(first_name="Tuore", last_name="Lähtijä"))
        svc.create_person(s, data=PersonInput(first_name="Aino", last_name="Virtanen"))
        svc.archive_person(s, person_id=int(old.id or 0), left_on=date(2020, 5, 31))
        svc.archive_person(s, person_id=int(recent.id or 0), left_on=date(2025, 1, 15))
    with session_scope(sqlite_engine) as s:
        assert rights.leavers_due(s, today=date(2026, 12, 1)) == [], "0 years: nothing is due"
        rights.set_retention_years(s, years=3)
        due = rights.leavers_due(s, today=date(2026, 12, 1))
        assert [d.name for d in due] == ["Vanha Lähtijä"]
        erased = rights.erase_due_leavers(
            s, person_ids=[int(old.id or 0), int(recent.id or 0)], today=date(2026, 12, 1)
        )
    assert erased == 1, "only those still due are erased, whatever the list said"
    with session_scope(sqlite_engine) as s:
        left = {
            p.first_name for p in s.exec(select(Person).where(Person.status == PersonStatus.LEFT))
        }
        assert left == {"Tuore"}


def test_the_audit_log_says_who_changed_whose_data_without_the_data(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine, actor="manager") as s:
        aino = svc.create_person(s, data=PersonInput(first_name="Aino", last_name="Ääpälä"))
    with session_scope(sqlite_engine, actor="employee:1") as s:
        svc.update_person(
            s,
            person_id=int(aino.id or 0),
            data=PersonInput(first_name="Aino", last_name="Ääpälä", job_title="Hitsaaja"),
        )
    with session_scope(sqlite_engine) as s:
        rows = rights.audit_log(s, subject_id=aino.id)
        entries = s.exec(select(AuditEntry)).all()
    assert [(r.actor, r.action, r.what, r.subject_name) for r in rows] == [
        ("employee:1", "change", "person", "Aino Ääpälä"),
        ("manager", "change", "person", "Aino Ääpälä"),
    ]
    stored = " ".join(f"{e.actor} {e.action} {e.what} {e.subject_id}" for e in entries)
    assert "Ääpälä" not in stored and "Hitsaaja" not in stored


def test_the_audit_log_cannot_be_rewritten(engine: Engine) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with session_scope(engine) as s:
        svc.create_person(s, data=PersonInput(first_name="Aino", last_name="Virtanen"))
    with pytest.raises(DBAPIError), session_scope(engine) as s:
        s.execute(text("UPDATE seats_audit SET actor = 'nobody'"))


def test_looking_at_someones_conversation_is_logged_once_per_visit(sqlite_engine: Engine) -> None:
    from huoltamo_desktop.services import conversations as conv

    with session_scope(sqlite_engine, actor="manager") as s:
        aino = svc.create_person(s, data=PersonInput(first_name="Aino", last_name="Virtanen"))
        talk = conv.create_conversation(
            s, kind="career", held_on=date(2026, 11, 1), person_id=aino.id
        )
    for _ in range(3):  # the view refreshes while it is open
        with session_scope(sqlite_engine, actor="seat:2") as s:
            conv.get_conversation(s, conversation_id=int(talk.id or 0))
    with session_scope(sqlite_engine) as s:
        views = [
            (r.actor, r.what) for r in rights.audit_log(s, subject_id=aino.id) if r.action == "view"
        ]
    assert views == [("seat:2", "conversation")]
