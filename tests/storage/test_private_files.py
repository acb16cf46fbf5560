"""Private text never in logs or error messages; the files holding people's data are the user's only."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from huoltamo_desktop.cli import main
from huoltamo_desktop.storage.database import display_target, make_engine
from huoltamo_desktop.storage.migrate import open_database, upgrade

PRIVATE = "Salainen haave: muutto Ouluun"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_errors_carry_no_parameters(tmp_path: Path) -> None:
    engine, _info = open_database(str(tmp_path / "db.sqlite3"))
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO no_such_table (x) VALUES (:x)"), {"x": PRIVATE})
    assert PRIVATE not in str(caught.value)
    engine.dispose()


def test_the_error_log_has_no_messages_and_only_its_owner_may_read_it(tmp_path: Path) -> None:
    from huoltamo_desktop.ui.application import write_error_log

    engine, _info = open_database(str(tmp_path / "db.sqlite3"))
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO team (name) VALUES (:n)"), {"n": PRIVATE})
            conn.execute(text("INSERT INTO team (name) VALUES (:n)"), {"n": PRIVATE})
    except DBAPIError as exc:
        try:
            raise RuntimeError(f"while saving {PRIVATE}") from exc
        except RuntimeError as outer:
            log = tmp_path / "huoltamo-errors.log"
            write_error_log(log, outer, outer.__traceback__)
    engine.dispose()
    content = log.read_text(encoding="utf-8")
    assert "RuntimeError" in content and "IntegrityError" in content, "what and where is kept"
    assert "test_private_files.py" in content
    assert PRIVATE not in content and "Ouluun" not in content
    assert "INSERT" not in content, "no SQL either"
    assert _mode(log) == 0o600


def test_the_database_and_every_backup_are_readable_by_the_user_only(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{old}")
    upgrade(engine, "0001_core")
    engine.dispose()
    old.chmod(0o644)
    engine, _info = open_database(str(old))
    engine.dispose()
    (before_update,) = tmp_path.glob("old.backup-before-update-*")
    assert _mode(before_update) == 0o600

    new = tmp_path / "new.sqlite3"
    engine, _info = open_database(str(new))
    engine.dispose()
    assert _mode(new) == 0o600
    copy = tmp_path / "copy.sqlite3"
    assert main(["--lang", "en", "backup", "--db", str(new), "-o", str(copy)]) == 0
    assert _mode(copy) == 0o600


def test_a_server_password_is_never_shown(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://huoltamo:Kissa-123@db.example.invalid:5432/firma"
    assert "Kissa-123" not in display_target(url)
    assert "db.example.invalid" in display_target(url)
    assert main(["--lang", "en", "check", "--db", url]) == 1
    captured = capsys.readouterr()
    assert "Kissa-123" not in captured.out + captured.err
    assert "Traceback" not in captured.err
    assert sys.exc_info() == (None, None, None)
