"""Every capability's rows survive every later migration, on SQLite and PostgreSQL.

For each migration that creates tables (each capability's first revision), a
database is built at exactly that revision, one row is written into every table
it has, and the database is upgraded to the newest schema: every row must still
be there with every value it had. Rows are made from the tables as they stand
at that revision (types, lengths, keys), so a new table or column is covered
without touching this test.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, Table, select, text, types
from sqlalchemy.engine import Engine

from huoltamo_desktop.paths import MIGRATIONS
from huoltamo_desktop.storage.database import make_engine
from huoltamo_desktop.storage.migrate import upgrade

PG_URL = os.environ.get("HUOLTAMO_TEST_PG_URL", "")

# Columns a later migration changes on purpose, and why; everything else must be kept as it was.
CHANGED_ON_PURPOSE: dict[tuple[str, str], str] = {}
# SQLite's full-text index of the training catalogue (fts_training_offering and its shadow
# tables) is written by triggers from training_offering, never by the app: it is checked
# by searching for the offering after the upgrade, not filled by hand.
SEARCH_INDEX = "fts_"


def _revisions_that_create_tables() -> list[str]:
    found = []
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "op.create_table(" in source:
            match = re.search(r'^revision: str = "([^"]+)"', source, re.M)
            assert match, path
            found.append(match.group(1))
    return found


CREATING = _revisions_that_create_tables()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database (no tables, no revision) on each backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        yield engine
        engine.dispose()
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL configured (set HUOLTAMO_TEST_PG_URL)")
    from tests.conftest import _drop_database

    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"huoltamo_m_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(PG_URL.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        _drop_database(admin, name)
        admin.dispose()


def _in_order(tables: list[Table]) -> list[Table]:
    """Tables with the ones they point to first (a self-reference does not count)."""
    done: list[Table] = []
    names: set[str] = set()
    pending = list(tables)
    while pending:
        for table in pending:
            needs = {fk.column.table.name for fk in table.foreign_keys} - {table.name}
            if needs <= names:
                done.append(table)
                names.add(table.name)
                pending.remove(table)
                break
        else:
            raise AssertionError(f"foreign keys go round: {[t.name for t in pending]}")
    return done


def _value(table: Table, column: Any, n: int) -> Any:
    """A value of the column's type that no default would produce (so a lost value shows)."""
    kind = column.type
    if column.foreign_keys:
        fk = next(iter(column.foreign_keys))
        if fk.column.table.name == table.name:
            return None  # points at another row of its own table; there is only one
        return 1
    if column.primary_key and isinstance(kind, types.Integer):
        return 1
    if isinstance(kind, types.Boolean):
        return True
    if isinstance(kind, types.Integer):
        return 7 + n
    if isinstance(kind, types.Numeric | types.Float):
        return Decimal("12.5") if isinstance(kind, types.Numeric) and kind.asdecimal else 12.5
    if isinstance(kind, types.DateTime):
        return datetime(2024, 3, 9, 10, 15, n % 60)
    if isinstance(kind, types.Date):
        return date(2024, 3, 9 + n % 19)
    if isinstance(kind, types.LargeBinary):
        return bytes([n % 256, 0, 255]) * 4
    if isinstance(kind, types.String):
        value = f"Ääkkönen Öberg Åsa {table.name}.{column.name}"
        length = getattr(kind, "length", None)
        return value[:length] if length else value
    raise AssertionError(f"no test value for {table.name}.{column.name} ({kind!r})")


def _fill(engine: Engine) -> dict[str, dict[str, Any]]:
    """One row in every table; returns what was written, by table."""
    meta = MetaData()
    meta.reflect(engine, only=lambda name, _meta: not name.startswith(SEARCH_INDEX))
    tables = [t for t in meta.sorted_tables if t.name != "alembic_version"]
    written: dict[str, dict[str, Any]] = {}
    with engine.begin() as conn:
        for table in _in_order(tables):
            row = {c.name: _value(table, c, i) for i, c in enumerate(table.columns)}
            conn.execute(table.insert().values(**row))
            written[table.name] = row
    return written


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, Decimal | float):
        return float(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


@pytest.mark.parametrize("revision", CREATING)
def test_every_row_of_a_capability_survives_the_upgrade_to_the_newest_schema(
    empty_engine: Engine, revision: str
) -> None:
    upgrade(empty_engine, revision)
    written = _fill(empty_engine)
    assert written, f"{revision} has no tables"

    upgrade(empty_engine, "heads")

    meta = MetaData()
    meta.reflect(empty_engine, only=lambda name, _meta: not name.startswith(SEARCH_INDEX))
    lost = []
    with empty_engine.connect() as conn:
        for name, row in written.items():
            if name not in meta.tables:
                lost.append(f"table {name} is gone")
                continue
            table = meta.tables[name]
            keys = [c for c in table.primary_key.columns]
            where = [c == row[c.name] for c in keys]
            found = conn.execute(select(table).where(*where)).mappings().all()
            if len(found) != 1:
                lost.append(f"{name}: the row is gone")
                continue
            for column, value in row.items():
                if (name, column) in CHANGED_ON_PURPOSE:
                    continue
                if column not in found[0]:
                    lost.append(f"{name}.{column} is gone")
                elif _normal(found[0][column]) != _normal(value):
                    lost.append(f"{name}.{column}: {value!r} became {found[0][column]!r}")
        if "training_offering" in written and empty_engine.dialect.name == "sqlite":
            hits = conn.execute(
                text(
                    "SELECT rowid FROM fts_training_offering WHERE fts_training_offering MATCH 'search'"
                )
            ).all()
            if [tuple(h) for h in hits] != [(1,)]:
                lost.append(f"the catalogue search no longer finds the offering: {hits}")
    assert not lost, f"upgrading from {revision} lost data:\n" + "\n".join(lost)
