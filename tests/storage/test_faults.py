"""Full disk, a lock held by another program, read-only storage and a lost server: each its own message."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.storage.database import (
    StorageError,
    inspect_database,
    make_engine,
    make_read_only_engine,
    session_scope,
)
from huoltamo_desktop.storage.faults import Fault, classify
from huoltamo_desktop.storage.migrate import open_database


@pytest.fixture
def db(migrated_sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "firm.sqlite3"
    path.write_bytes(migrated_sqlite_template.read_bytes())
    return path


def test_a_full_disk_is_named_and_nothing_is_half_saved(db: Path) -> None:
    engine = make_engine(f"sqlite:///{db}")

    @event.listens_for(engine, "connect")
    def _no_room(dbapi: sqlite3.Connection, _record: object) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StorageError) as caught, session_scope(engine) as session:
        for i in range(200):
            session.add(Person(first_name="Aino" * 200, last_name=str(i)))
        session.flush()
    assert caught.value.fault == Fault.DISK_FULL
    assert "disk is full" in str(caught.value)
    engine.dispose()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)


def test_a_sound_file_locked_by_another_program_is_not_called_damaged(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(db, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO setting (key, value) VALUES ('held', 'yes')")
    try:
        with pytest.raises(StorageError) as caught:
            inspect_database(f"sqlite:///{db}")
        assert caught.value.fault == Fault.LOCKED
        assert "damaged" not in str(caught.value)
        assert main(["--lang", "en", "check", "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert "in use by another program" in err and "damaged" not in err
        assert "Traceback" not in err
    finally:
        holder.rollback()
        holder.close()


def test_a_read_only_folder_or_file_system_is_refused_before_anything_is_written(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access

    def read_only_folder(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(path)) in (db, db.parent):
            return False  # as on a read-only mount (EROFS) or a folder without write permission
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", read_only_folder)
    content = db.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(str(db))
    assert caught.value.fault == Fault.READ_ONLY
    assert "read-only" in str(caught.value)
    assert db.read_bytes() == content
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_a_write_that_the_storage_refuses_gets_the_read_only_message(db: Path) -> None:
    engine = make_read_only_engine(db)
    with pytest.raises(StorageError) as caught, session_scope(engine) as session:
        session.add(Person(first_name="Aino", last_name="Mäkelä"))
        session.flush()
    assert caught.value.fault == Fault.READ_ONLY
    engine.dispose()


def test_faults_are_told_by_codes_not_by_the_drivers_wording() -> None:
    busy = sqlite3.OperationalError("tietokanta on lukittu")
    busy.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert classify(busy) == Fault.LOCKED
    full = sqlite3.OperationalError("levy täynnä")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    assert classify(full) == Fault.DISK_FULL
    assert classify(psycopg.errors.DiskFull("levy täynnä")) == Fault.DISK_FULL
    assert classify(psycopg.errors.LockNotAvailable()) == Fault.LOCKED
    assert classify(psycopg.errors.ReadOnlySqlTransaction()) == Fault.READ_ONLY
    assert classify(psycopg.errors.AdminShutdown()) == Fault.SERVER_GONE
    assert classify(psycopg.OperationalError("yhteys katkesi")) == Fault.SERVER_GONE
    assert classify(OSError(28, "No space left on device")) == Fault.DISK_FULL
    assert classify(OSError(30, "Read-only file system")) == Fault.READ_ONLY
    assert classify(ValueError("disk is full")) is None


def test_an_unreachable_server_gets_its_own_message_without_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+psycopg://huoltamo:salainen-sana@127.0.0.1:1/huoltamo"
    setup_i18n("en")
    with pytest.raises(StorageError) as caught:
        inspect_database(url)
    assert caught.value.fault == Fault.SERVER_GONE
    assert main(["--lang", "en", "check", "--db", url]) == 1
    captured = capsys.readouterr()
    assert "database server cannot be reached" in captured.err
    assert "salainen-sana" not in captured.out + captured.err
    assert "Traceback" not in captured.err


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_server_that_goes_away_mid_session_gets_the_server_message(engine: Engine) -> None:
    done = threading.Event()
    with pytest.raises(StorageError) as caught, session_scope(engine) as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        admin = make_engine(engine.url.render_as_string(hide_password=False))
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        done.set()
        session.add(Person(first_name="Aino", last_name="Mäkelä"))
        session.flush()
    assert done.is_set()
    assert caught.value.fault == Fault.SERVER_GONE
