"""Withdrawn and erased means gone from the files: the database, its -wal journal and the copies beside it."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from huoltamo_desktop.domain.employee import ShareKind
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.people import erase_person
from huoltamo_desktop.storage.database import checkpoint_wal, make_engine, session_scope

SHARED = "Haluan siirtyä laatupäälliköksi Tampereelle"
NAME = "Ukko-Pekka Ääpälä-Wahlström"
SURNAME = NAME.split(" ", 1)[1].encode()


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


@pytest.fixture
def db(migrated_sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "firm.sqlite3"
    shutil.copy(migrated_sqlite_template, path)
    return path


def _on_disk(path: Path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _person_with_shared_plan(engine: Engine) -> access.PersonKey:
    with session_scope(engine) as s:
        first, last = NAME.split(" ", 1)
        person = Person(first_name=first, last_name=last)
        s.add(person)
        s.flush()
        key, _code = access.create_secret(s, person_id=person.id or 0, secret="246810")
        emp.save_plan(s, key=key, sections={"now": SHARED}, next_steps=[])
        emp.share_plan(s, key=key)
    return key


def test_a_withdrawn_copy_is_gone_from_the_database_and_its_journal(db: Path) -> None:
    engine = make_engine(f"sqlite:///{db}")
    key = _person_with_shared_plan(engine)
    assert SHARED.encode() in _on_disk(db)
    with session_scope(engine) as s:
        assert emp.withdraw(s, key=key, kind=ShareKind.PLAN)
    assert checkpoint_wal(engine)
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the journal is cut to nothing"
    assert SHARED.encode() not in _on_disk(db)
    engine.dispose()


def test_a_checkpoint_blocked_by_another_reader_is_retried_then_reported(db: Path) -> None:
    engine = make_engine(f"sqlite:///{db}")
    _person_with_shared_plan(engine)
    with closing(sqlite3.connect(db, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchone()  # holds a read snapshot
        with session_scope(engine) as s:
            person_id = s.exec(select(Person)).one().id or 0
            erasure = erase_person(s, person_id=person_id)
        assert erasure.journal_cleared is False, "a checkpoint that could not finish is reported"
        assert checkpoint_wal(engine, attempts=2, pause=0) is False
        reader.execute("COMMIT")
    assert checkpoint_wal(engine)
    assert SURNAME not in _on_disk(db)
    engine.dispose()


def test_erasure_reaches_the_copies_made_before_updates(db: Path) -> None:
    engine = make_engine(f"sqlite:///{db}")
    _person_with_shared_plan(engine)
    engine.dispose()
    backup = db.with_name(f"{db.stem}.backup-before-update-20260101-100000{db.suffix}")
    with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(backup)) as dst:
        src.backup(dst)
    assert SURNAME in backup.read_bytes()

    engine = make_engine(f"sqlite:///{db}")
    with session_scope(engine) as s:
        erasure = erase_person(s, person_id=s.exec(select(Person)).one().id or 0)
    engine.dispose()
    assert erasure.journal_cleared
    assert erasure.backups_cleaned == (backup,) and erasure.backups_failed == ()
    assert SURNAME not in backup.read_bytes()
    assert SHARED.encode() not in backup.read_bytes()
    assert SURNAME not in _on_disk(db)
