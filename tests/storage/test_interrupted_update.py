"""An update killed half way leaves the database as it was; a file half-updated earlier is explained."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from huoltamo_desktop.storage.database import make_engine
from huoltamo_desktop.storage.migrate import (
    HalfUpdatedError,
    before_update_backups,
    open_database,
    upgrade,
    use_backup,
)

FIRST = "0001_core"

# Runs the app's own open_database in a child process and kills it (no clean-up, like a power cut
# or kill -9) right after SQLite has created the skills tables.
KILLER = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from huoltamo_desktop.storage import migrate

    @event.listens_for(Engine, "after_cursor_execute")
    def _kill(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("CREATE TABLE CARD_TYPE"):
            os._exit(9)

    migrate.open_database(sys.argv[1])
    """
)


def _first_revision_file(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, FIRST)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organisation (id, name, sector, default_language, created_at) "
                "VALUES (1, 'Koivulan Konepaja Oy', 'manufacturing', 'fi', '2024-01-01 10:00:00')"
            )
        )
    engine.dispose()


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_killed_update_leaves_the_file_at_its_old_revision_and_the_next_start_updates_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "firm.sqlite3"
    _first_revision_file(path)
    before = _tables(path)
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 9, done.stderr
    assert _tables(path) == before, "no table of the interrupted update is left behind"

    engine, _info = open_database(str(path))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM organisation")).scalar() == (
                "Koivulan Konepaja Oy"
            )
            assert conn.execute(text("SELECT count(*) FROM card_type")).scalar() is not None
    finally:
        engine.dispose()


def _half_updated_by_an_older_app(path: Path) -> Path:
    """What the previous version left when killed: a backup, then some new tables on the file."""
    _first_revision_file(path)
    backup = path.with_name(f"{path.stem}.backup-before-update-20260101-100000{path.suffix}")
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(backup)) as dst:
        src.backup(dst)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE card_type (id INTEGER PRIMARY KEY, name VARCHAR)")
    return backup


def test_a_half_updated_file_is_explained_and_the_backup_beside_it_offered(tmp_path: Path) -> None:
    path = tmp_path / "firm.sqlite3"
    backup = _half_updated_by_an_older_app(path)
    tables = _tables(path)
    content = path.read_bytes()
    with pytest.raises(HalfUpdatedError) as caught:
        open_database(str(path))
    assert caught.value.backup == backup
    assert "half-updated" in str(caught.value)
    assert str(backup) in str(caught.value)
    assert _tables(path) == tables, "the file is not changed"
    content = path.read_bytes()
    assert before_update_backups(path) == [backup], "no new copy of the half-updated file"

    aside = use_backup(path, backup)
    assert aside.exists() and aside.read_bytes() == content, "the half-updated file is kept"
    engine, _info = open_database(str(path))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM organisation")).scalar() == (
                "Koivulan Konepaja Oy"
            )
    finally:
        engine.dispose()


def test_the_command_line_names_the_half_updated_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from huoltamo_desktop.cli import main

    path = tmp_path / "firm.sqlite3"
    _half_updated_by_an_older_app(path)
    assert main(["--lang", "en", "conversations", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "half-updated" in err and "Traceback" not in err


def test_check_names_a_half_updated_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from huoltamo_desktop.cli import main

    path = tmp_path / "firm.sqlite3"
    _half_updated_by_an_older_app(path)
    assert main(["--lang", "en", "check", "--db", str(path)]) == 1
    assert "half-updated" in capsys.readouterr().out
