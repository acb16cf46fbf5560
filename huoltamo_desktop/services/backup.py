"""Backing up the database file and restoring one, safely, from the app or a command.

A backup is a consistent copy made with SQLite's online backup API, so it is
sound even while the app has the database open. A restore first checks the
chosen file (a SQLite database of this app, not newer than this version,
``PRAGMA integrity_check`` clean), then copies the current database beside it,
and only then replaces the contents, again with the backup API, so that the
live file is never half written. A database server (PostgreSQL) is backed up
with its own tools; these functions say so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from huoltamo_desktop import APP_NAME
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.storage.database import (
    SchemaState,
    connect_read_only,
    inspect_sqlite_file,
    refuse_newer,
    sqlite_path,
)

if TYPE_CHECKING:
    from huoltamo_desktop.services.seats_backup import RestoreResult


@dataclass(frozen=True)
class BackupFile:
    """What a backup file holds, for the person to confirm before restoring it."""

    path: Path
    firm: str | None
    people: int
    saved_at: datetime


def can_back_up(*, url: str) -> bool:
    """True for a database file; a server is backed up with its own tools."""
    return sqlite_path(url) is not None


def _database_file(url: str) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise UserError(
            _("Back up a database server with its own tools (for PostgreSQL: pg_dump).")
        )
    if not path.exists():
        raise UserError(_("No database at {path}.").format(path=path))
    return path


def suggested_name(*, url: str, now: datetime | None = None) -> str:
    """A file name for a new backup: the database's name and the date and time."""
    path = sqlite_path(url)
    stem = path.stem if path is not None else "huoltamo"
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    return f"{stem}-backup-{stamp}.sqlite3"


def back_up(*, url: str, target: Path) -> BackupFile:
    """Write a consistent copy of the database at ``url`` to ``target`` (a new file).

    Raises UserError for a server database, an existing target, a missing
    folder or a write that fails (a full disk); a failed copy leaves no file.
    """
    from huoltamo_desktop.storage.migrate import copy_sqlite

    path = _database_file(url)
    target = target.expanduser()
    if target.exists():
        raise UserError(
            _("{path} already exists. Give a new file name for the backup.").format(path=target)
        )
    if target.resolve() == path.resolve():
        raise UserError(_("Choose another file: this is the database itself."))
    copy_sqlite(path, target)
    return inspect_backup(path=target)


def inspect_backup(*, path: Path) -> BackupFile:
    """Check a backup file without changing it; raises UserError when it cannot be restored.

    It must be a database of this app, written by this or an earlier version,
    and SQLite's integrity check must find nothing wrong.
    """
    path = path.expanduser()
    if not path.is_file():
        raise UserError(_("No database at {path}.").format(path=path))
    info = inspect_sqlite_file(path)  # raises DatabaseError for a file that is not a database
    refuse_newer(info)
    if info.state == SchemaState.EMPTY:
        raise UserError(
            _("{path} is not a backup of {app}: it holds none of its data.").format(
                path=path, app=APP_NAME
            )
        )
    try:
        conn = connect_read_only(path)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            firm_row = conn.execute("SELECT name FROM organisation LIMIT 1").fetchone()
            people_row = conn.execute("SELECT count(*) FROM person").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UserError(
            _("{path} cannot be read as a backup ({error}).").format(path=path, error=exc)
        ) from exc
    if problems != ["ok"]:
        raise UserError(
            _("{path} is damaged ({problem}). Choose another backup.").format(
                path=path, problem=problems[0]
            )
        )
    return BackupFile(
        path=path,
        firm=str(firm_row[0]) if firm_row else None,
        people=int(people_row[0]) if people_row else 0,
        saved_at=datetime.fromtimestamp(path.stat().st_mtime),
    )


def restore(*, url: str, source: Path) -> RestoreResult:
    """Replace the database at ``url`` with the backup ``source``; the current data is kept beside it.

    Every connection to the database must be closed first (dispose the
    engine). The backup must pass ``inspect_backup``; the replacing itself is
    the one restore of the app (``seats_backup.restore_backup``), so a person
    erased since the backup was made is erased again, and a backup made by an
    earlier version is brought up to date by the usual migrations.
    """
    from huoltamo_desktop.services.seats_backup import restore_backup

    path = _database_file(url)
    backup = inspect_backup(path=source)
    if backup.path.resolve() == path.resolve():
        raise UserError(_("Choose another file: this is the database itself."))
    return restore_backup(database=path, backup=backup.path)
