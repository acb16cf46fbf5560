"""The rotation and training row versions and append-only notes go up and down on both backends."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from huoltamo_desktop.storage.migrate import alembic_config


def _alembic(engine: Engine, action: str, revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection  # type: ignore[attr-defined]
        getattr(command, action)(cfg, revision)


def _columns(engine: Engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def _a_conversation_with_two_note_entries(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO conversation (id, kind, held_on, state, version, is_current, "
                "private_notes, created_at, updated_at) VALUES (1, 'development', '2026-03-02', "
                "'draft', 1, true, '', '2026-03-02 10:00:00', '2026-03-02 10:00:00')"
            )
        )
        for entry_id, body, replaces in ((1, "Hitsaus", None), (2, "Hitsaus ja TIG", 1)):
            conn.execute(
                text(
                    "INSERT INTO conversation_note (id, conversation_id, topic_key, text, "
                    "replaces_id, written_at) VALUES (:id, 1, 'skills', :t, :r, "
                    "'2026-03-02 10:00:00')"
                ),
                {"id": entry_id, "t": body, "r": replaces},
            )


def test_notes_cannot_be_rewritten_in_the_database(engine: Engine) -> None:
    _a_conversation_with_two_note_entries(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE conversation_note SET text = 'muutettu' WHERE id = 1"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM conversation_note WHERE id = 1")).scalar() == (
            "Hitsaus"
        )


def test_the_new_versions_and_notes_go_down_and_up_again(engine: Engine) -> None:
    _a_conversation_with_two_note_entries(engine)
    assert {"row_version"} <= _columns(engine, "rotation") & _columns(engine, "training_run")
    for branch in ("rotation_versions", "training_versions", "conversation_notes"):
        _alembic(engine, "downgrade", f"{branch}@-1")
    for table in ("rotation", "rotation_goal", "absence", "training_run", "training_outcome"):
        assert "row_version" not in _columns(engine, table), table
    assert not {"replaces_id", "written_at"} & _columns(engine, "conversation_note")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT topic_key, text FROM conversation_note")).all()
    assert [tuple(r) for r in rows] == [("skills", "Hitsaus ja TIG")], "the current entry stays"
    with engine.begin() as conn:  # the old schema's one note a topic is back, and editable
        conn.execute(text("UPDATE conversation_note SET text = 'TIG' WHERE topic_key = 'skills'"))

    _alembic(engine, "upgrade", "heads")
    for table in ("rotation", "rotation_goal", "absence", "training_run", "training_outcome"):
        assert "row_version" in _columns(engine, table), table
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT text, replaces_id, written_at FROM conversation_note")
        ).one()
    assert row.text == "TIG" and row.replaces_id is None and row.written_at is not None
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE conversation_note SET text = 'muutettu'"))
