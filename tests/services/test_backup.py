"""Backups made by hand and automatically are the same file; each restores; bad files change nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import seats_backup as backups
from huoltamo_desktop.services.employee_access import set_manager_passphrase
from huoltamo_desktop.services.firm import FirmInput
from huoltamo_desktop.services.people import set_up_firm
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import copy_sqlite
from huoltamo_desktop.storage.seats_backups import RestoreError, backup_folder, list_backups

PASSPHRASE = "puusepän iltapäivä"


def _names(engine: Engine) -> list[str]:
    with session_scope(engine) as s:
        return sorted(p.full_name for p in s.exec(select(Person)))


def _db(engine: Engine) -> Path:
    assert engine.url.database
    return Path(engine.url.database)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add(engine: Engine, first: str) -> None:
    with session_scope(engine) as s:
        s.add(Person(first_name=first, last_name="Ääpälä"))


@pytest.fixture
def firm_engine(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as s:
        set_up_firm(
            s,
            firm=FirmInput(name="Mäkelän Puutyö Oy", default_language="fi"),
            manager_first_name="Päivi",
            manager_last_name="Mäkelä",
        )
    return sqlite_engine


def test_a_backup_by_hand_goes_beside_the_automatic_ones_and_is_never_rotated_away(
    firm_engine: Engine,
) -> None:
    start = datetime(2026, 11, 2, 9, 0)
    with session_scope(firm_engine) as s:
        backups.set_backup_keep(s, keep=2)
        made = backups.manual_backup(s, now=start)
        for day in range(1, 5):
            backups.automatic_backup(s, force=True, now=start + timedelta(days=day))
    kept = list_backups(backup_folder(_db(firm_engine)))
    assert [b.kind for b in kept] == ["auto", "auto", "manual"]
    assert kept[-1].path == made.path and made.path.exists()


def test_a_backup_by_hand_to_a_file_of_ones_own_restores(
    firm_engine: Engine, tmp_path: Path
) -> None:
    stick = tmp_path / "muistitikku"
    stick.mkdir()
    with session_scope(firm_engine) as s:
        target = stick / backups.suggested_backup_name(s)
        made = backups.manual_backup(s, target=target)
    assert made.path == target and made.kind == "manual" and not made.encrypted
    assert sorted(p.name for p in stick.iterdir()) == [target.name], "no temporary file left"
    _add(firm_engine, "Väinö")
    firm_engine.dispose()
    result = backups.restore_backup(database=_db(firm_engine), backup=target)
    assert _names(firm_engine) == ["Päivi Mäkelä"]
    # What was there just before is kept as a backup of its own, whole.
    assert result.safety_copy is not None and result.safety_copy.parent == backup_folder(
        _db(firm_engine)
    )


def test_an_automatic_backup_restores(firm_engine: Engine) -> None:
    with session_scope(firm_engine) as s:
        made = backups.automatic_backup(s, force=True)
    assert made is not None
    _add(firm_engine, "Väinö")
    firm_engine.dispose()
    backups.restore_backup(database=_db(firm_engine), backup=made.path)
    assert _names(firm_engine) == ["Päivi Mäkelä"]


def test_an_encrypted_backup_to_a_file_holds_nothing_readable_and_restores_with_the_passphrase(
    firm_engine: Engine, tmp_path: Path
) -> None:
    with session_scope(firm_engine) as s:
        set_manager_passphrase(s, passphrase=PASSPHRASE)
    with session_scope(firm_engine) as s:
        backups.encrypt_backups(s, passphrase=PASSPHRASE)
        name = backups.suggested_backup_name(s)
        made = backups.manual_backup(s, target=tmp_path / name)
    assert name.endswith(".sqlite3.enc") and made.encrypted
    assert "Mäkelä".encode() not in made.path.read_bytes()
    assert backups.needs_passphrase(made.path)
    _add(firm_engine, "Väinö")
    firm_engine.dispose()
    with pytest.raises(RestoreError):
        backups.restore_backup(database=_db(firm_engine), backup=made.path)
    backups.restore_backup(database=_db(firm_engine), backup=made.path, passphrase=PASSPHRASE)
    assert _names(firm_engine) == ["Päivi Mäkelä"]


def test_a_backup_made_the_old_way_by_hand_still_restores(
    firm_engine: Engine, tmp_path: Path
) -> None:
    # Earlier versions saved a plain online copy under a name the person chose.
    old = tmp_path / "huoltamo-backup-2026-10-30-1615.sqlite3"
    copy_sqlite(_db(firm_engine), old)
    _add(firm_engine, "Väinö")
    firm_engine.dispose()
    assert not backups.needs_passphrase(old)
    result = backups.restore_backup(database=_db(firm_engine), backup=old)
    assert _names(firm_engine) == ["Päivi Mäkelä"]
    assert result.restored_from == old


def test_the_backup_command_writes_the_same_backup(
    firm_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(firm_engine)
    target = tmp_path / "komento.sqlite3"
    assert main(["--lang", "en", "backup", "--db", str(db), "-o", str(target)]) == 0
    assert "Backup written" in capsys.readouterr().out
    _add(firm_engine, "Väinö")
    firm_engine.dispose()
    assert main(["--lang", "en", "restore", "--db", str(db), str(target)]) == 0
    assert _names(firm_engine) == ["Päivi Mäkelä"]


def _newer(good: Path, tmp_path: Path) -> Path:
    newer = tmp_path / "tulevaisuudesta.sqlite3"
    newer.write_bytes(good.read_bytes())
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    conn.close()
    return newer


def _damaged(good: Path, tmp_path: Path) -> Path:
    data = bytearray(good.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 6)):
        data[offset] = (data[offset] * 7 + 13) % 256
    damaged = tmp_path / "rikki.sqlite3"
    damaged.write_bytes(bytes(data))
    return damaged


@pytest.mark.parametrize(
    ("kind", "finnish"),
    [
        ("damaged", "vioittunut"),
        ("foreign", "ei ole Työurahuoltamon varmuuskopio"),
        ("newer", "uudemmalla versiolla"),
        ("empty", "ei ole Työurahuoltamon varmuuskopio"),
    ],
)
def test_a_bad_file_is_refused_in_the_users_language_and_nothing_changes(
    firm_engine: Engine, tmp_path: Path, kind: str, finnish: str
) -> None:
    files = tmp_path / "files"
    files.mkdir()
    with session_scope(firm_engine) as s:
        good = backups.manual_backup(s, target=files / "hyvä.sqlite3").path
    bad = {
        "damaged": lambda: _damaged(good, files),
        "foreign": lambda: _text(files),
        "newer": lambda: _newer(good, files),
        "empty": lambda: _empty(files),
    }[kind]()
    db = _db(firm_engine)
    firm_engine.dispose()
    before, folder = _digest(db), sorted(backup_folder(db).iterdir())
    setup_i18n("fi")
    try:
        with pytest.raises(UserError) as caught:
            backups.restore_backup(database=db, backup=bad)
    finally:
        setup_i18n("en")
    assert finnish in str(caught.value)
    assert _digest(db) == before
    assert sorted(backup_folder(db).iterdir()) == folder, "not even a before-restore copy"
    assert _names(firm_engine) == ["Päivi Mäkelä"]


def _text(folder: Path) -> Path:
    path = folder / "henkilöt.csv"
    path.write_text("Etunimi;Sukunimi\nAino;Laine\n", encoding="utf-8")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "tyhjä.sqlite3"
    path.write_bytes(b"")
    return path


def test_the_database_itself_is_not_a_backup_of_itself(firm_engine: Engine) -> None:
    db = _db(firm_engine)
    firm_engine.dispose()
    with pytest.raises(UserError, match="database itself"):
        backups.restore_backup(database=db, backup=db)


def test_a_backup_never_overwrites_a_file(firm_engine: Engine, tmp_path: Path) -> None:
    existing = tmp_path / "keep.sqlite3"
    existing.write_bytes(b"precious")
    with session_scope(firm_engine) as s:
        with pytest.raises(UserError, match="already exists"):
            backups.manual_backup(s, target=existing)
        with pytest.raises(UserError, match="does not exist"):
            backups.manual_backup(s, target=tmp_path / "no such folder" / "x.sqlite3")
    assert existing.read_bytes() == b"precious"


def test_a_server_database_is_backed_up_with_its_own_tools(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="pg_dump"):
        backups.backup_database(
            url="postgresql+psycopg://u@localhost/db", target=tmp_path / "x.sqlite3"
        )
