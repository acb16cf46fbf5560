"""Rotating backups, checked restores, encryption with the manager passphrase, erasures that hold."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.domain.seats import ErasureRecord
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services import seats_backup as backups
from huoltamo_desktop.services.employee_access import set_manager_passphrase
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import make_engine, session_scope
from huoltamo_desktop.storage.seats_backups import (
    RestoreError,
    backup_folder,
    list_backups,
)

PASSPHRASE = "konepaja kahvitauko"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _db(engine: Engine) -> Path:
    assert engine.url.database
    return Path(engine.url.database)


def _add(engine: Engine, first: str, last: str = "Virtanen") -> int:
    with session_scope(engine) as s:
        return int(svc.create_person(s, data=PersonInput(first_name=first, last_name=last)).id or 0)


def _names(path: Path) -> set[str]:
    engine = make_engine(f"sqlite:///{path}")
    try:
        with session_scope(engine) as s:
            return {p.full_name for p in s.exec(select(Person))}
    finally:
        engine.dispose()


def test_a_backup_at_start_then_daily_keeping_the_newest(sqlite_engine: Engine) -> None:
    _add(sqlite_engine, "Aino")
    start = datetime(2026, 12, 1, 8, 0)
    with session_scope(sqlite_engine) as s:
        backups.set_backup_keep(s, keep=3)
        assert backups.automatic_backup(s, force=True, now=start) is not None
        assert backups.automatic_backup(s, now=start + timedelta(hours=5)) is None
        for day in range(1, 5):
            assert backups.automatic_backup(s, now=start + timedelta(days=day)) is not None
    kept = list_backups(backup_folder(_db(sqlite_engine)))
    assert [b.made_at.day for b in kept] == [5, 4, 3], "the three newest stay"
    assert _names(kept[0].path) == {"Aino Virtanen"}


def test_keep_must_be_sensible(sqlite_engine: Engine) -> None:
    with pytest.raises(ValidationError), session_scope(sqlite_engine) as s:
        backups.set_backup_keep(s, keep=0)


def test_restore_checks_the_backup_and_keeps_a_copy_of_what_was(sqlite_engine: Engine) -> None:
    db = _db(sqlite_engine)
    _add(sqlite_engine, "Aino")
    with session_scope(sqlite_engine) as s:
        made = backups.manual_backup(s)
    _add(sqlite_engine, "Bertil", "Åkerlund")
    sqlite_engine.dispose()
    result = backups.restore_backup(database=db, backup=made.path)
    assert _names(db) == {"Aino Virtanen"}
    assert result.safety_copy is not None
    assert _names(result.safety_copy) == {"Aino Virtanen", "Bertil Åkerlund"}


def test_a_damaged_backup_is_refused_and_the_database_is_untouched(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    db = _db(sqlite_engine)
    _add(sqlite_engine, "Aino")
    with session_scope(sqlite_engine) as s:
        made = backups.manual_backup(s)
    sqlite_engine.dispose()
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(made.path.read_bytes())
    for at in range(4096, len(data), 512):  # scribble over every page after the first
        data[at : at + 16] = b"\xff" * 16
    damaged.write_bytes(bytes(data))
    not_a_backup = tmp_path / "staff.csv"
    not_a_backup.write_text("first;last\nAino;Virtanen\n", encoding="utf-8")
    before = _digest(db)
    for bad in (damaged, not_a_backup):
        with pytest.raises(RestoreError):
            backups.restore_backup(database=db, backup=bad)
        assert _digest(db) == before
    assert not list(db.parent.glob(".*restoring*")), "no half-restored file is left behind"


def test_an_encrypted_backup_opens_only_with_the_manager_passphrase(
    sqlite_engine: Engine,
) -> None:
    db = _db(sqlite_engine)
    _add(sqlite_engine, "Aino", "Ääpälä")
    with session_scope(sqlite_engine) as s:
        set_manager_passphrase(s, passphrase=PASSPHRASE)
    with pytest.raises(ValidationError), session_scope(sqlite_engine) as s:
        backups.encrypt_backups(s, passphrase="not the one at all")
    with session_scope(sqlite_engine) as s:
        backups.encrypt_backups(s, passphrase=PASSPHRASE)
        made = backups.automatic_backup(s, force=True)
    assert made is not None and made.encrypted
    raw = made.path.read_bytes()
    assert "Ääpälä".encode() not in raw and b"SQLite format 3" not in raw
    _add(sqlite_engine, "Bertil")
    sqlite_engine.dispose()
    for wrong in (None, "konepaja kahvitauk0"):
        with pytest.raises(RestoreError):
            backups.restore_backup(database=db, backup=made.path, passphrase=wrong)
    backups.restore_backup(database=db, backup=made.path, passphrase=PASSPHRASE)
    assert _names(db) == {"Aino Ääpälä"}


def test_a_restore_never_brings_back_an_erased_person(sqlite_engine: Engine) -> None:
    db = _db(sqlite_engine)
    aino = _add(sqlite_engine, "Aino")
    _add(sqlite_engine, "Bertil", "Åkerlund")
    with session_scope(sqlite_engine) as s:
        made = backups.manual_backup(s)
    with session_scope(sqlite_engine) as s:
        svc.erase_person(s, person_id=aino)
    sqlite_engine.dispose()
    result = backups.restore_backup(database=db, backup=made.path)
    assert result.erased_again == 1
    assert _names(db) == {"Bertil Åkerlund"}
    # Even when the database itself is lost, the ledger beside it still holds.
    db.unlink()
    backups.restore_backup(database=db, backup=made.path)
    assert _names(db) == {"Bertil Åkerlund"}
    engine = make_engine(f"sqlite:///{db}")
    with session_scope(engine) as s:
        assert [r.person_id for r in s.exec(select(ErasureRecord))] == [aino]
    engine.dispose()


def test_the_ledger_spares_a_later_person_who_got_the_same_id(sqlite_engine: Engine) -> None:
    aino = _add(sqlite_engine, "Aino")
    with session_scope(sqlite_engine) as s:
        erased = backups.apply_ledger(s, entries={(aino, "2001-01-01T00:00:00")})
    assert erased == 0
    assert _names(_db(sqlite_engine)) == {"Aino Virtanen"}


def test_the_restore_command(sqlite_engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(sqlite_engine)
    _add(sqlite_engine, "Aino")
    with session_scope(sqlite_engine) as s:
        made = backups.manual_backup(s)
    _add(sqlite_engine, "Bertil")
    sqlite_engine.dispose()
    copy = db.with_name("copy-of-backup.sqlite3")
    shutil.copy(made.path, copy)
    assert main(["--lang", "en", "backups", "--db", str(db)]) == 0
    assert "manual" in capsys.readouterr().out
    assert main(["--lang", "en", "restore", "--db", str(db), str(copy)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert _names(db) == {"Aino Virtanen"}
    assert main(["--lang", "en", "restore", "--db", str(db), str(db.with_name("nope"))]) == 1
    assert "No backup file" in capsys.readouterr().err


def test_the_restore_command_waits_for_the_app_to_close(
    sqlite_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    from huoltamo_desktop.storage.seats_lock import SeatLock

    db = _db(sqlite_engine)
    with session_scope(sqlite_engine) as s:
        made = backups.manual_backup(s)
    before = _digest(db)
    lock = SeatLock(db, name="Kaisa Koivula").acquire()
    try:
        assert main(["--lang", "en", "restore", "--db", str(db), str(made.path)]) == 1
    finally:
        lock.release()
    assert "in use by Kaisa Koivula" in capsys.readouterr().err
    assert _digest(db) == before
