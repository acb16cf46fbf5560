"""Conversation notes are append-only: an edit adds an entry, two writing at once both stay."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from huoltamo_desktop.domain.conversations import ConversationNote
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.storage.database import session_scope


@pytest.fixture
def conversation(engine: Engine) -> int:
    with session_scope(engine) as s:
        boss = Person(first_name="Kaisa", last_name="Koivula", is_manager=True)
        aino = Person(first_name="Aino", last_name="Laine")
        s.add_all([boss, aino])
        s.flush()
        c = cs.create_conversation(
            s, kind="career", held_on=date(2026, 11, 20), person_id=aino.id, manager_id=boss.id
        )
        return c.id or 0


def _entries(engine: Engine, conversation_id: int) -> list[tuple[str, str, int | None]]:
    with session_scope(engine) as s:
        rows = s.exec(
            select(ConversationNote)
            .where(ConversationNote.conversation_id == conversation_id)
            .order_by(ConversationNote.id)  # type: ignore[arg-type]
        )
        return [(r.topic_key, r.text, r.replaces_id) for r in rows]


def test_an_edit_adds_an_entry_and_keeps_the_earlier_one(engine: Engine, conversation: int) -> None:
    with session_scope(engine) as s:
        first = cs.save_notes(
            s, conversation_id=conversation, notes={"career.strengths": "Hitsaus"}
        )
    with session_scope(engine) as s:
        cs.save_notes(
            s,
            conversation_id=conversation,
            notes={"career.strengths": "Hitsaus ja TIG"},
            shown={"career.strengths": first.topics["career.strengths"].entry_ids},
        )
    entries = _entries(engine, conversation)
    assert [(k, t) for k, t, _r in entries] == [
        ("career.strengths", "Hitsaus"),
        ("career.strengths", "Hitsaus ja TIG"),
    ]
    assert entries[1][2] is not None, "the new entry names the one it replaces"
    with session_scope(engine) as s:
        assert cs.get_notes(s, conversation_id=conversation) == {
            "career.strengths": "Hitsaus ja TIG"
        }
        assert cs.topic_notes(s, conversation_id=conversation)["career.strengths"].earlier == 1


def test_two_managers_writing_the_same_topic_at_once_both_keep_their_text(
    engine: Engine, conversation: int
) -> None:
    with session_scope(engine) as s:
        start = cs.save_notes(
            s, conversation_id=conversation, notes={"career.strengths": "Hitsaus"}
        )
    shown = {
        "career.strengths": start.topics["career.strengths"].entry_ids
    }  # both editors opened with this
    with session_scope(engine) as s:
        cs.save_notes(
            s, conversation_id=conversation, notes={"career.strengths": "Hitsaus, TIG"}, shown=shown
        )
    with session_scope(engine) as s:
        after = cs.save_notes(
            s,
            conversation_id=conversation,
            notes={"career.strengths": "Hitsaus, laatu"},
            shown=shown,
        )
    assert after.topics["career.strengths"].side_by_side
    with session_scope(engine) as s:
        assert cs.get_notes(s, conversation_id=conversation) == {
            "career.strengths": "Hitsaus, TIG\n\nHitsaus, laatu"
        }, "neither text is lost and neither save was refused"
        summary = cs.summary_data(s, conversation_id=conversation)
    assert "Hitsaus, TIG" in str(summary) and "Hitsaus, laatu" in str(summary)
    # The next edit, made on both texts, replaces both.
    with session_scope(engine) as s:
        merged = cs.save_notes(
            s,
            conversation_id=conversation,
            notes={"career.strengths": "Hitsaus: TIG ja laatu"},
            shown={"career.strengths": after.topics["career.strengths"].entry_ids},
        )
    assert (
        merged.topics["career.strengths"].text == "Hitsaus: TIG ja laatu"
        and not merged.topics["career.strengths"].side_by_side
    )


def test_clearing_a_note_keeps_what_it_said(engine: Engine, conversation: int) -> None:
    with session_scope(engine) as s:
        cs.save_notes(s, conversation_id=conversation, notes={"career.strengths": "Hitsaus"})
    with session_scope(engine) as s:
        cs.save_notes(s, conversation_id=conversation, notes={"career.strengths": ""})
        assert cs.get_notes(s, conversation_id=conversation) == {}
    assert [t for _k, t, _r in _entries(engine, conversation)] == ["Hitsaus", ""]


def test_a_saved_note_cannot_be_changed_in_place(engine: Engine, conversation: int) -> None:
    with session_scope(engine) as s:
        cs.save_notes(s, conversation_id=conversation, notes={"career.strengths": "Hitsaus"})
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE conversation_note SET text = 'toisin'"))
    assert [t for _k, t, _r in _entries(engine, conversation)] == ["Hitsaus"]


def test_private_notes_merge_with_another_managers_save(engine: Engine, conversation: int) -> None:
    with session_scope(engine) as s:
        read = cs.get_conversation(s, conversation_id=conversation)
    base = cs.NotesInput(read.private_notes)
    with session_scope(engine) as s:  # someone else saves the conversation's date meanwhile
        cs.update_details(
            s,
            conversation_id=conversation,
            held_on=date(2026, 11, 21),
            next_on=None,
            manager_id=None,
        )
    with session_scope(engine) as s:
        cs.save_notes(
            s,
            conversation_id=conversation,
            private_notes="Muista kysyä vuorotyöstä",
            expected_version=read.row_version,
            base=base,
        )
    # A second manager's private text, written on the old read.
    with session_scope(engine) as s, pytest.raises(ConflictError) as caught:
        cs.save_notes(
            s,
            conversation_id=conversation,
            private_notes="Palkkatoive",
            expected_version=read.row_version,
            base=base,
        )
    assert [(c.yours, c.theirs) for c in caught.value.conflicts] == [
        ("Palkkatoive", "Muista kysyä vuorotyöstä")
    ]
