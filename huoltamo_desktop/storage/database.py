"""One engine for the app; a new session for each group of operations.

A database is named by a path (SQLite, the default) or by a URL
(``postgresql+psycopg://…`` for a shared server). Before the app writes to a
file it is inspected read-only: a file that is not a database, or one written
by a newer version of the app, is refused and left exactly as it was.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.paths import MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(UserError):
    """The database cannot be used; the message says why in the user's language."""


class NewerDatabaseError(DatabaseError):
    pass


class SchemaState(StrEnum):
    EMPTY = "empty"  # no tables yet: will be created
    CURRENT = "current"
    DUE = "due"  # older schema: will be upgraded after a backup
    NEWER = "newer"  # written by a newer version: refused


@dataclass(frozen=True)
class SchemaInfo:
    state: SchemaState
    revisions: frozenset[str]
    heads: frozenset[str]


def to_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a path or a URL."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Erasing a person must really remove their data, not leave it in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a save the user saw succeed survives a power cut too, not only a crash
    # of the app (NORMAL may lose the last commits when the power goes).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the app's connection settings (pragmas on SQLite)."""
    if is_sqlite(url):
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("check_same_thread", False)
        connect_args.setdefault("timeout", 5)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def storage_error_message(exc: BaseException) -> str | None:
    """A plain message for a storage failure the user can act on, else None."""
    text = str(exc).lower()
    if "disk is full" in text or "no space left" in text or "disk full" in text:
        return _(
            "The disk is full, so nothing was saved. Free some space and try again; "
            "what you entered is still here."
        )
    if "database is locked" in text or "database is busy" in text:
        return _(
            "The database is in use by another program or another copy of the app. "
            "Try again in a moment; nothing was lost."
        )
    if "readonly" in text or "read-only" in text:
        return _(
            "The database file is read-only, so nothing was saved. Check the file's permissions."
        )
    if (
        "could not connect" in text
        or "connection refused" in text
        or "server closed the connection" in text
    ):
        return _(
            "The database server cannot be reached. Check the connection and try again; nothing was lost."
        )
    return None


class StorageError(DatabaseError):
    """Saving or reading failed for a reason outside the app (full disk, locked file, lost server)."""


@contextmanager
def session_scope(engine: Engine, *, actor: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error.

    Storage failures the user can act on (a full disk, a locked file, a lost
    server) come out as StorageError with a message in the user's language;
    a save that met another seat's save of the same row comes out as
    ConflictError, with nothing of either overwritten.
    """
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm.exc import StaleDataError

    import huoltamo_desktop.storage.seats_audit  # noqa: F401  (the audit log's listener)

    with Session(engine, expire_on_commit=False) as session:
        if actor is not None:
            session.info["actor"] = actor
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            # Another seat saved the same row in the same moment (row_version).
            session.rollback()
            raise ConflictError() from exc
        except DBAPIError as exc:
            session.rollback()
            message = storage_error_message(exc)
            if message is not None:
                raise StorageError(message) from exc
            raise
        except BaseException:
            session.rollback()
            raise


# --- what revision is the schema at, without importing Alembic ------------------

_REV_RE = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
# A revision named as down_revision or depends_on of another is not recorded as
# a head in alembic_version once that other one is applied.
_DOWN_RE = re.compile(r"^(?:down_revision|depends_on)[^=]*=\s*(.+)$", re.M)


def script_revisions() -> tuple[frozenset[str], frozenset[str]]:
    """All revision ids shipped with this app, and the heads among them.

    Read from the migration files as text, so opening an up-to-date database
    does not pay for importing Alembic.
    """
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        m = _REV_RE.search(text)
        if not m:
            continue
        revisions.add(m.group(1))
        for d in _DOWN_RE.finditer(text):
            downs.update(re.findall(r"['\"]([^'\"]+)['\"]", d.group(1)))
    return frozenset(revisions), frozenset(revisions - downs)


def _classify(db_revisions: set[str], has_tables: bool) -> SchemaInfo:
    known, heads = script_revisions()
    revs = frozenset(db_revisions)
    if not revs:
        if has_tables:
            # Tables but no version: not ours; refuse rather than guess.
            raise DatabaseError(_("The file is not a Työurahuoltamo database."))
        return SchemaInfo(SchemaState.EMPTY, revs, heads)
    if not revs <= known:
        return SchemaInfo(SchemaState.NEWER, revs, heads)
    if revs == heads:
        return SchemaInfo(SchemaState.CURRENT, revs, heads)
    return SchemaInfo(SchemaState.DUE, revs, heads)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a SQLite file without changing anything on disk.

    A cleanly closed WAL database has no -wal file; opening it even read-only
    would leave -wal and -shm files behind, so it is opened as immutable.
    When a -wal file exists (the app is running, or was not closed cleanly),
    an ordinary read-only connection reads the latest committed state.
    """
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True)


def inspect_sqlite_file(path: Path) -> SchemaInfo:
    """Read-only look at a SQLite file; raises DatabaseError for a file that is not ours."""
    if not path.exists():
        return SchemaInfo(SchemaState.EMPTY, frozenset(), script_revisions()[1])
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file.").format(path=path))
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot read {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    if not header:
        return SchemaInfo(SchemaState.EMPTY, frozenset(), script_revisions()[1])
    if header != SQLITE_MAGIC:
        raise DatabaseError(_("{path} is not a database file.").format(path=path))
    try:
        conn = connect_read_only(path)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revs: set[str] = set()
            if "alembic_version" in tables:
                revs = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("{path} is damaged or not a database file.").format(path=path)
        ) from exc
    return _classify(revs, bool(tables - {"alembic_version"}))


def inspect_engine(engine: Engine) -> SchemaInfo:
    """The schema state of a server database (PostgreSQL)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        revs: set[str] = set()
        if "alembic_version" in names:
            revs = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    return _classify(revs, bool(names - {"alembic_version"}))


def inspect_database(url: str) -> SchemaInfo:
    path = sqlite_path(url)
    if path is not None:
        return inspect_sqlite_file(path)
    engine = make_engine(url)
    try:
        return inspect_engine(engine)
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(
            _("Cannot connect to the database server: {error}").format(error=exc)
        ) from exc
    finally:
        engine.dispose()


def refuse_newer(info: SchemaInfo) -> None:
    if info.state == SchemaState.NEWER:
        raise NewerDatabaseError(
            _(
                "This database was saved by a newer version of Työurahuoltamo. "
                "Update the app to open it; the file was not changed."
            )
        )
