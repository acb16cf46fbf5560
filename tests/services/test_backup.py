"""Backup and restore of the database file: consistent copies, checks before anything is replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.services import backup
from huoltamo_desktop.services.firm import FirmInput
from huoltamo_desktop.services.people import set_up_firm
from huoltamo_desktop.storage.database import session_scope


def _names(engine: Engine) -> list[str]:
    with session_scope(engine) as s:
        return sorted(p.full_name for p in s.exec(select(Person)))


@pytest.fixture
def firm_engine(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as s:
        set_up_firm(
            s,
            FirmInput(name="Mäkelän Puutyö Oy", default_language="fi"),
            manager_first_name="Päivi",
            manager_last_name="Mäkelä",
        )
    return sqlite_engine


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_backup_while_open_then_restore_brings_the_data_back(
    firm_engine: Engine, tmp_path: Path
) -> None:
    url = _url(firm_engine)
    target = tmp_path / backup.suggested_name(url=url)
    made = backup.back_up(url=url, target=target)
    assert (made.firm, made.people) == ("Mäkelän Puutyö Oy", 1)
    with session_scope(firm_engine) as s:
        s.add(Person(first_name="Väinö", last_name="Ääpälä"))
    assert _names(firm_engine) == ["Päivi Mäkelä", "Väinö Ääpälä"]

    firm_engine.dispose()
    result = backup.restore(url=url, source=target)
    assert _names(firm_engine) == ["Päivi Mäkelä"]
    # What was there just before is kept beside the database, whole.
    assert result.safety_copy is not None
    assert result.safety_copy.exists() and result.safety_copy != target
    assert backup.inspect_backup(path=result.safety_copy).people == 2


def test_a_person_erased_after_the_backup_stays_erased_after_restoring_it(
    firm_engine: Engine, tmp_path: Path
) -> None:
    from huoltamo_desktop.services.people import erase_person

    url = _url(firm_engine)
    with session_scope(firm_engine) as s:
        s.add(Person(first_name="Väinö", last_name="Ääpälä"))
    target = backup.back_up(url=url, target=tmp_path / "with-vaino.sqlite3").path
    with session_scope(firm_engine) as s:
        vaino = s.exec(select(Person).where(Person.first_name == "Väinö")).one()
        erase_person(s, vaino.id or 0)
    firm_engine.dispose()
    backup.restore(url=url, source=target)
    assert _names(firm_engine) == ["Päivi Mäkelä"]


def test_a_damaged_backup_is_refused_and_nothing_is_replaced(
    firm_engine: Engine, tmp_path: Path
) -> None:
    url = _url(firm_engine)
    good = backup.back_up(url=url, target=tmp_path / "good.sqlite3").path
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copy(good, damaged)
    data = bytearray(damaged.read_bytes())
    page = 4096
    for offset in range(
        page * 2, min(len(data), page * 6)
    ):  # scramble a few pages after the header
        data[offset] = (data[offset] * 7 + 13) % 256
    damaged.write_bytes(bytes(data))
    firm_engine.dispose()
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(UserError):
        backup.restore(url=url, source=damaged)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not even a safety copy
    assert _names(firm_engine) == ["Päivi Mäkelä"]


def test_files_that_are_not_backups_are_refused(firm_engine: Engine, tmp_path: Path) -> None:
    url = _url(firm_engine)
    text = tmp_path / "people.csv"
    text.write_text("first_name;last_name\nAino;Laine\n", encoding="utf-8")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    for source in (text, empty, tmp_path / "missing.sqlite3"):
        with pytest.raises(UserError):
            backup.inspect_backup(path=source)
    with pytest.raises(UserError, match="database itself"):
        backup.restore(url=url, source=Path(url.removeprefix("sqlite:///")))


def test_a_backup_never_overwrites_a_file(firm_engine: Engine, tmp_path: Path) -> None:
    url = _url(firm_engine)
    existing = tmp_path / "keep.sqlite3"
    existing.write_bytes(b"precious")
    with pytest.raises(UserError, match="already exists"):
        backup.back_up(url=url, target=existing)
    assert existing.read_bytes() == b"precious"
    with pytest.raises(UserError):
        backup.back_up(url=url, target=tmp_path / "no such folder" / "x.sqlite3")


def test_a_server_database_is_backed_up_with_its_own_tools(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="pg_dump"):
        backup.back_up(url="postgresql+psycopg://u@localhost/db", target=tmp_path / "x.sqlite3")
