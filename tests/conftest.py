"""Shared fixtures: databases on SQLite and (when configured) PostgreSQL, settings in tmp."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.storage.database import make_engine
from huoltamo_desktop.storage.migrate import open_database

PG_URL = os.environ.get("HUOLTAMO_TEST_PG_URL", "")


@pytest.fixture(autouse=True)
def _repeatable_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same input, same PDF bytes: no creation date or random ids in tests that compare bytes.

    The app itself writes the real creation date into every PDF.
    """
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real user's settings or database."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("HUOLTAMO_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("HUOLTAMO_DATA_DIR", str(base / "data"))
    setup_i18n("en")


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head; each test gets a copy (fast)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine, _info = open_database(str(path))
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("HUOLTAMO_TEST_PG_URL is not set: CI must test against PostgreSQL")
        pytest.skip("no PostgreSQL configured (set HUOLTAMO_TEST_PG_URL)")
    from sqlalchemy import text

    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"huoltamo_tmpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    engine, _info = open_database(url)
    engine.dispose()
    yield name
    _drop_database(admin, name)
    admin.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    """Drop a test database, waiting out a moment when the server cannot end a session in it.

    WITH (FORCE) must end every session in the database; one started by the
    server itself (autovacuum) may be refused to a role without
    pg_signal_backend, so try again briefly before giving up.
    """
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == 19:
                raise
            time.sleep(0.25)


def _pg_engine(template: str) -> Iterator[Engine]:
    from sqlalchemy import text

    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"huoltamo_t_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine = make_engine(PG_URL.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        _drop_database(admin, name)
        admin.dispose()


@pytest.fixture
def sqlite_engine(migrated_sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite database file of the test's own."""
    path = tmp_path / "huoltamo.sqlite3"
    shutil.copy(migrated_sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest, migrated_sqlite_template: Path, tmp_path: Path
) -> Iterator[Engine]:
    """A migrated database on each backend: service and storage tests run on both."""
    if request.param == "sqlite":
        path = tmp_path / "huoltamo.sqlite3"
        shutil.copy(migrated_sqlite_template, path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
    else:
        template = request.getfixturevalue("pg_template")
        yield from _pg_engine(template)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s
        s.commit()


@pytest.fixture
def sqlite_session(sqlite_engine: Engine) -> Iterator[Session]:
    with Session(sqlite_engine, expire_on_commit=False) as s:
        yield s
        s.commit()
