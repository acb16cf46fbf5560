"""One engine for the app; a new session for each group of operations.

A database is named by a path (SQLite, the default) or by a URL
(``postgresql+psycopg://…`` for a shared server). Before the app writes to a
file it is inspected read-only: a file that is not a database, or one written
by a newer version of the app, is refused and left exactly as it was.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlmodel import Session, create_engine

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.paths import MIGRATIONS
from huoltamo_desktop.storage.faults import Fault, classify, fault_message

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
    # Tables or columns of the app's models missing from an up-to-date database, in words.
    problems: tuple[str, ...] = ()


class DamagedSchemaError(DatabaseError):
    """The schema says it is up to date, but tables or columns the app needs are missing."""


def schema_problems(columns: dict[str, set[str]]) -> tuple[str, ...]:
    """What the models need that ``columns`` (table name -> its column names) lacks."""
    from sqlmodel import SQLModel

    import huoltamo_desktop.domain.tables  # noqa: F401  (every table on the metadata)

    problems: list[str] = []
    for name, table in sorted(SQLModel.metadata.tables.items()):
        have = columns.get(name)
        if have is None:
            problems.append(_("table {table} is missing").format(table=name))
            continue
        problems += [
            _("column {column} is missing from table {table}").format(column=c.name, table=name)
            for c in table.columns
            if c.name not in have
        ]
    return tuple(problems)


def refuse_damaged(info: SchemaInfo) -> None:
    if info.problems:
        raise DamagedSchemaError(
            _(
                "The database is damaged: {problem}. Use a backup copy; "
                "the check command lists everything that is missing."
            ).format(problem=info.problems[0])
        )


def to_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a path or a URL."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def display_target(target: str | Path) -> str:
    """A database path or URL fit to show or print: a server password is masked."""
    text = str(target)
    if "://" not in text:
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        # Not a URL SQLAlchemy can parse: show only the part before any user name and password.
        scheme, _sep, rest = text.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}"


def mask_password(message: str, url: str) -> str:
    """``message`` with the URL's password (if any) replaced, for driver errors shown to the user."""
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        return message
    if password:
        message = message.replace(str(password), "***")
    return message


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


def make_read_only_engine(path: Path) -> Engine:
    """An engine that only reads ``path``: no write, no journal files left beside it."""
    from sqlalchemy.pool import NullPool

    def connect() -> sqlite3.Connection:
        conn = connect_read_only(path)
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    return create_engine("sqlite://", creator=connect, poolclass=NullPool, hide_parameters=True)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the app's connection settings (pragmas on SQLite)."""
    if is_sqlite(url):
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("check_same_thread", False)
        connect_args.setdefault("timeout", 5)
        engine = create_engine(url, connect_args=connect_args, hide_parameters=True, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if make_url(url).get_backend_name() == "postgresql" and find_spec("psycopg") is None:
        raise DatabaseError(
            _(
                "This copy of the app cannot connect to a PostgreSQL server: its driver is not "
                "installed. Install the app with its PostgreSQL part "
                "(pip install 'huoltamo-desktop[postgres]'), or use a database file."
            )
        )
    # Parameters are people's names and texts: they never go into an error message or a log.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **kwargs)


class StorageError(DatabaseError):
    """Saving or reading failed for a reason outside the app (full disk, locked file, lost server)."""

    def __init__(self, message: str, fault: Fault | None = None) -> None:
        super().__init__(message)
        self.fault = fault


def storage_error(exc: BaseException) -> StorageError | None:
    """A StorageError with the user's message for ``exc``, or None when it is not a storage fault."""
    fault = classify(exc)
    return None if fault is None else StorageError(fault_message(fault), fault)


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
            error = storage_error(exc)
            if error is not None:
                raise error from exc
            raise
        except BaseException:
            session.rollback()
            raise


def checkpoint_wal(bind: Engine | Connection, *, attempts: int = 3, pause: float = 0.2) -> bool:
    """Fold the write-ahead log into the database file and cut the log to zero bytes.

    Deleted rows are overwritten in the file (secure_delete), but their old
    pages stay in the -wal file until a checkpoint. Call this after a commit
    that removed private data. A checkpoint cannot finish while another
    connection (another copy of the app) is reading; it is tried ``attempts``
    times and False is returned when it still could not finish, so the caller
    can tell the user. Always True on PostgreSQL (no such file).
    """
    engine = bind if isinstance(bind, Engine) else bind.engine
    if engine.dialect.name != "sqlite":
        return True
    for attempt in range(attempts):
        if attempt:
            time.sleep(pause)
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            if raw.in_transaction:
                continue
            # TRUNCATE waits for readers as long as the busy timeout allows: keep each try short.
            raw.execute("PRAGMA busy_timeout=500")
            try:
                row = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                raw.execute("PRAGMA busy_timeout=5000")
        if row is not None and row[0] == 0:
            return True
    return False


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
            info = _classify(revs, bool(tables - {"alembic_version"}))
            if info.state == SchemaState.CURRENT:
                columns: dict[str, set[str]] = {t: set() for t in tables}
                for table, column in conn.execute(
                    "SELECT m.name, p.name FROM sqlite_master AS m "
                    "JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
                ):
                    columns[table].add(column)
                info = replace(info, problems=schema_problems(columns))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        fault = classify(exc)
        if fault is None or fault == Fault.DAMAGED:
            raise DatabaseError(
                _("{path} is damaged or not a database file.").format(path=path)
            ) from exc
        # A sound file that another program holds, or that cannot be read here, is not damaged.
        raise StorageError(fault_message(fault), fault) from exc
    return info


def inspect_engine(engine: Engine) -> SchemaInfo:
    """The schema state of a server database (PostgreSQL)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        inspector = inspect(conn)
        names = set(inspector.get_table_names())
        revs: set[str] = set()
        if "alembic_version" in names:
            revs = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
        info = _classify(revs, bool(names - {"alembic_version"}))
        if info.state == SchemaState.CURRENT:
            columns: dict[str, set[str]] = {name: set() for name in names}
            for (_schema, table), cols in inspector.get_multi_columns().items():
                columns[table] = {c["name"] for c in cols}
            info = replace(info, problems=schema_problems(columns))
    return info


def inspect_database(url: str) -> SchemaInfo:
    path = sqlite_path(url)
    if path is not None:
        return inspect_sqlite_file(path)
    engine = make_engine(url)
    try:
        return inspect_engine(engine)
    except DatabaseError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        error = storage_error(exc)
        if error is not None:
            raise error from exc
        detail = mask_password(str(getattr(exc, "orig", None) or exc).splitlines()[0], url)
        raise DatabaseError(
            _("Cannot connect to the database server: {error}").format(error=detail)
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
