"""The schema changes only through migrations; data survives them; newer files are refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import huoltamo_desktop.domain.tables  # noqa: F401
from huoltamo_desktop.storage.database import (
    DatabaseError,
    NewerDatabaseError,
    SchemaState,
    inspect_database,
    make_engine,
    script_revisions,
)
from huoltamo_desktop.storage.migrate import open_database, upgrade

FIRST = "0001_core"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_at_the_first_revision_keeps_its_data_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, FIRST)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organisation (id, name, sector, default_language, created_at) "
                "VALUES (1, 'Koivulan Konepaja Oy', 'manufacturing', 'fi', '2024-01-01 10:00:00')"
            )
        )
        conn.execute(text("INSERT INTO team (id, name) VALUES (1, 'Tuotanto')"))
        conn.execute(
            text(
                "INSERT INTO person (id, first_name, last_name, job_title, team_id, career_stage, language, "
                "email, is_manager, status, created_at) VALUES "
                "(1, 'Väinö', 'Ääpälä', 'Hitsaaja', 1, 'late_career', 'fi', '', 0, 'active', '2024-01-01 10:00:00')"
            )
        )
    engine.dispose()
    known, heads = script_revisions()
    assert FIRST in known

    engine, info = open_database(str(path))
    try:
        if heads != {FIRST}:
            assert info.state == SchemaState.DUE
            backups = list(tmp_path.glob("old.backup-before-update-*.sqlite3"))
            assert len(backups) == 1, "a backup copy is made before migrating"
            with sqlite3.connect(backups[0]) as conn:
                assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
                    (FIRST,)
                ]
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT first_name, last_name, job_title FROM person WHERE id = 1")
            ).one()
            versions = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
        assert tuple(row) == ("Väinö", "Ääpälä", "Hitsaaja")
        assert versions == set(heads)
        tables = set(inspect(engine).get_table_names())
        assert set(SQLModel.metadata.tables) <= tables, "every model table exists after migrating"
    finally:
        engine.dispose()


def test_migrations_match_the_models(tmp_path: Path) -> None:
    """No model change without a migration: autogenerate finds nothing to do at head."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from huoltamo_desktop.storage.migrate import include_name

    engine, _info = open_database(str(tmp_path / "db.sqlite3"))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    engine, _info = open_database(str(path))
    engine.dispose()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    conn.close()  # the last connection checkpoints and removes the -wal and -shm files
    before = _digest(path)
    with pytest.raises(NewerDatabaseError) as err:
        open_database(str(path))
    assert "newer version" in str(err.value)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.sqlite3"]


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "staff.sqlite3"
    path.write_text("Nimi;Tehtävä\nAino;Hitsaaja\n", encoding="utf-8")
    before = _digest(path)
    with pytest.raises(DatabaseError) as err:
        open_database(str(path))
    assert "not a database" in str(err.value)
    assert _digest(path) == before


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER)")
    before = _digest(path)
    with pytest.raises(DatabaseError):
        open_database(str(path))
    assert _digest(path) == before


def test_a_missing_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as err:
        open_database(str(tmp_path / "no" / "such" / "db.sqlite3"))
    assert "does not exist" in str(err.value)


def test_a_new_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine, info = open_database(str(tmp_path / "new.sqlite3"))
    try:
        assert info.state == SchemaState.EMPTY
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 5000
    finally:
        engine.dispose()
    assert inspect_database(f"sqlite:///{tmp_path / 'new.sqlite3'}").state == SchemaState.CURRENT


@pytest.mark.postgres
def test_postgresql_is_migrated_to_head(pg_template: str) -> None:
    from tests.conftest import PG_URL

    url = PG_URL.rsplit("/", 1)[0] + "/" + pg_template
    info = inspect_database(url)
    assert info.state == SchemaState.CURRENT
    engine = make_engine(url)
    try:
        assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_names_differing_only_in_case_are_kept_apart_when_keys_arrive(tmp_path: Path) -> None:
    """Before the case-insensitive keys, "Östra" and "östra" could both be saved."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0003_skills")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO team (id, name) VALUES (1, 'Östra'), (2, 'östra')"))
        conn.execute(
            text(
                "INSERT INTO role_profile (id, title) VALUES (1, 'Ääniteknikko'), (2, 'ääniteknikko')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO person (id, first_name, last_name, job_title, team_id, career_stage, "
                "language, email, is_manager, status, created_at) VALUES (1, 'Åsa', 'Öberg', '', 2, "
                "'established', 'sv', '', 0, 'active', '2024-01-01 10:00:00')"
            )
        )
    engine.dispose()
    engine, _info = open_database(str(path))
    try:
        with engine.connect() as conn:
            teams = conn.execute(text("SELECT id, name, name_key FROM team ORDER BY id")).all()
            titles = conn.execute(
                text("SELECT title, title_key FROM role_profile ORDER BY id")
            ).all()
            person = conn.execute(text("SELECT team_id, name_key FROM person")).one()
        assert [tuple(t) for t in teams] == [(1, "Östra", "östra"), (2, "östra (2)", "östra (2)")]
        assert [tuple(t) for t in titles] == [
            ("Ääniteknikko", "ääniteknikko"),
            ("ääniteknikko (2)", "ääniteknikko (2)"),
        ]
        assert tuple(person) == (2, "åsa öberg")
    finally:
        engine.dispose()


def test_a_postgresql_url_without_its_driver_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib.util import find_spec

    from huoltamo_desktop.storage.database import DatabaseError

    monkeypatch.setattr(
        "huoltamo_desktop.storage.database.find_spec",
        lambda name: None if name == "psycopg" else find_spec(name),
    )
    with pytest.raises(DatabaseError) as err:
        make_engine("postgresql+psycopg://huoltamo@127.0.0.1/firm")
    assert "huoltamo-desktop[postgres]" in str(err.value)
    make_engine("sqlite://").dispose()  # a database file needs no driver of its own
