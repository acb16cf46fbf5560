"""Open a database for use: inspect, back up, migrate, then hand out the engine."""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from huoltamo_desktop.i18n import _
from huoltamo_desktop.paths import MIGRATIONS
from huoltamo_desktop.storage.database import (
    DatabaseError,
    SchemaInfo,
    SchemaState,
    StorageError,
    connect_read_only,
    inspect_database,
    make_engine,
    make_read_only_engine,
    refuse_damaged,
    refuse_newer,
    sqlite_path,
    storage_error,
    to_url,
)
from huoltamo_desktop.storage.faults import Fault, fault_message

log = logging.getLogger(__name__)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """What the models describe: search-index tables (``fts_*``, with their shadow
    tables and triggers) are made by the migrations alone and left out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith("fts_"))


def alembic_config(url: str) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Apply migrations up to ``revision`` on the engine's database, all or nothing.

    PostgreSQL runs DDL inside a transaction as it is. Python's sqlite3 module
    commits around CREATE/ALTER/DROP on its own, so a killed update would leave
    some new tables behind and every later start would fail on them; here the
    driver's own transaction handling is switched off for the update and one
    explicit transaction holds every step, so SQLite's journal undoes all of
    it if the process dies half way.
    """
    from alembic import command

    cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection  # type: ignore[attr-defined]
            command.upgrade(cfg, revision)  # type: ignore[arg-type]
        return
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        saved = raw.isolation_level
        raw.isolation_level = None
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = connection  # type: ignore[attr-defined]
            try:
                command.upgrade(cfg, revision)  # type: ignore[arg-type]
            except BaseException:
                if not raw.in_transaction:
                    raise
                raw.execute("ROLLBACK")
                raise
            raw.execute("COMMIT")
        finally:
            connection.rollback()
            raw.isolation_level = saved


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of the database file beside it (the SQLite backup API)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".sqlite3"
    target = path.with_name(f"{path.stem}.{label}-{stamp}{suffix}")
    n = 1
    while target.exists():  # never over an earlier copy, even one made the same second
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{suffix}")
    copy_sqlite(path, target)
    return target


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner may read (people's data is in it); never over another."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def copy_sqlite(path: Path, target: Path) -> None:
    """Copy a SQLite database consistently, even while another connection writes to it.

    The copy is readable by its owner only, like the database itself.
    """
    if not target.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=target.parent))
    try:
        create_private_file(target)
    except FileExistsError as exc:
        raise DatabaseError(
            _("{path} already exists. Give a new file name for the backup.").format(path=target)
        ) from exc
    except OSError as exc:
        raise _os_error(exc, _("Could not make a backup copy. Nothing was changed.")) from exc
    try:
        src = connect_read_only(path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        error = storage_error(exc)
        if error is not None:
            raise error from exc
        raise DatabaseError(
            _("Could not make a backup copy ({error}). Nothing was changed.").format(error=exc)
        ) from exc


def _os_error(exc: OSError, fallback: str) -> DatabaseError:
    error = storage_error(exc)
    return error if error is not None else DatabaseError(fallback)


def check_writable(path: Path) -> None:
    """Refuse up front, with the reason, a database the app could open but never save to.

    SQLite needs to write the file and to create its journal beside it.
    """
    folder = path.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise StorageError(fault_message(Fault.READ_ONLY), Fault.READ_ONLY)


class HalfUpdatedError(DatabaseError):
    """An update by an older version of the app was interrupted; ``backup`` is the copy made before it."""

    def __init__(self, message: str, *, path: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


def before_update_backups(path: Path) -> list[Path]:
    """The copies made beside ``path`` before each update, newest first."""
    suffix = path.suffix or ".sqlite3"
    found = path.parent.glob(f"{glob.escape(path.stem)}.backup-before-update-*{suffix}")
    return sorted(found, key=lambda p: p.name, reverse=True)


def scrub_before_update_backups(
    path: Path, statements: list[tuple[str, dict[str, object]]]
) -> tuple[list[Path], list[Path]]:
    """Run ``statements`` (deletions) in every before-update copy beside ``path``, then VACUUM it.

    Erasing a person must reach these copies too: they hold the data as it was
    before an update. Returns the copies cleaned and those that could not be
    (in use, read-only, or too old for the statements), so that the caller can
    name them to the user.
    """
    cleaned: list[Path] = []
    failed: list[Path] = []
    for backup in before_update_backups(path):
        try:
            conn = sqlite3.connect(backup, timeout=2)
            try:
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA secure_delete=ON")
                with conn:
                    for sql, params in statements:
                        conn.execute(sql, params)
                conn.execute("VACUUM")
            finally:
                conn.close()
        except sqlite3.Error:
            failed.append(backup)
        else:
            cleaned.append(backup)
    return cleaned, failed


def updates_cleanly(backup: Path) -> bool:
    """Whether a database file can be updated (tried on a copy in memory; the file is not changed)."""
    from sqlalchemy.pool import StaticPool

    engine = make_engine("sqlite://", poolclass=StaticPool)
    try:
        src = connect_read_only(backup)
        try:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                src.backup(raw)
        finally:
            src.close()
        upgrade(engine)
    except Exception:  # whatever stops the trial update means "no"; logged for the record
        log.warning("A trial update of %s failed", backup, exc_info=True)
        return False
    finally:
        engine.dispose()
    return True


def _half_updated(path: Path) -> HalfUpdatedError:
    backup = next((b for b in before_update_backups(path) if updates_cleanly(b)), None)
    if backup is None:
        message = _(
            "{path} was left half-updated: an earlier update of the database was interrupted, "
            "so it cannot be opened. No sound backup copy was found beside it. The file was "
            "not changed."
        ).format(path=path)
    else:
        message = _(
            "{path} was left half-updated: an earlier update of the database was interrupted, "
            "so it cannot be opened. The copy made before that update is {backup}; put it in "
            "place of the half-updated file and the update runs again. The file was not changed."
        ).format(path=path, backup=backup)
    return HalfUpdatedError(message, path=path, backup=backup)


def use_backup(path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the database at ``path``; the replaced file is kept beside it.

    Returns where the replaced file was moved. Nothing is deleted.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.half-updated-{stamp}{path.suffix or '.sqlite3'}")
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        # Fold a journal left by a crash into the file; one still there after that is in use.
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        if wal.exists():
            raise StorageError(fault_message(Fault.LOCKED), Fault.LOCKED)
    try:
        os.replace(path, aside)
    except OSError as exc:
        raise _os_error(exc, _("Could not move the half-updated file aside.")) from exc
    try:
        copy_sqlite(backup, path)
    except DatabaseError:
        os.replace(aside, path)
        raise
    return aside


def open_database(
    target: str, *, create: bool = True, read_only: bool = False
) -> tuple[Engine, SchemaInfo]:
    """Inspect, back up when a migration is due, migrate, and return a ready engine.

    Raises DatabaseError (with a message for the user) for a file that is not a
    database, a newer database, a missing folder or a server that cannot be reached.
    The file is not touched when it is refused. With ``read_only`` (commands that
    only read) a SQLite file is opened so that nothing is written and no journal
    files are left beside it; an update that is due still runs first.
    """
    target = to_url(target)
    info = inspect_database(target)
    refuse_newer(info)
    refuse_damaged(info)
    path = sqlite_path(target)
    backup: Path | None = None
    if path is not None:
        if info.state == SchemaState.EMPTY and not create and not path.exists():
            raise DatabaseError(_("No database at {path}.").format(path=path))
        if not path.parent.exists():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
        if read_only and info.state == SchemaState.CURRENT:
            return make_read_only_engine(path), info
        check_writable(path)
        if not path.exists():
            try:
                create_private_file(path)
            except OSError as exc:
                raise _os_error(exc, _("The database file could not be created.")) from exc
        if info.state == SchemaState.DUE:
            backup = backup_sqlite(path, "backup-before-update")
    engine = make_engine(target)
    if info.state in (SchemaState.EMPTY, SchemaState.DUE):
        try:
            upgrade(engine)
        except Exception as exc:  # whatever broke the update, the copy is offered before it goes on
            engine.dispose()
            error = storage_error(exc)
            if error is not None:
                raise error from exc
            if path is None or info.state != SchemaState.DUE:
                raise
            # The update was undone as a whole, so the copy just made is the file as it is.
            if backup is not None:
                backup.unlink(missing_ok=True)
            raise _half_updated(path) from exc
        if read_only and path is not None:
            engine.dispose()
            return make_read_only_engine(path), info
    return engine, info
