"""Writing an export safely: never over the database, never half a file.

An export is written to a temporary file in the target's folder and renamed
into place, so a full disk or a crash leaves either the old file or the new
one, never a truncated mix. The database itself (and its journal files) is
never a valid target, whatever the caller says.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.storage.database import sqlite_path, storage_error


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def is_database_file(target: Path, database_url: str | None) -> bool:
    """Whether ``target`` is the database of ``database_url`` or one of its journal files."""
    db = sqlite_path(database_url) if database_url else None
    if db is None:
        return False
    target = target.expanduser().resolve()
    candidates = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    candidates.append(db.with_name(db.name + "-journal"))
    return any(target == c.resolve() or _same_file(target, c) for c in candidates)


def check_export_target(target: Path, *, database_url: str | None, force: bool) -> None:
    """Refuse the database itself always, and an existing file unless ``force``."""
    if is_database_file(target, database_url):
        raise UserError(
            _("{path} is the database itself. Choose another file for the export.").format(
                path=target
            )
        )
    if target.is_dir():
        raise UserError(_("{path} is a folder. Give a file name.").format(path=target))
    if target.exists() and not force:
        raise UserError(
            _("{path} already exists. Give a new file name, or add --force to replace it.").format(
                path=target
            )
        )


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename."""
    tmp: str | None = None
    try:
        # A missing or read-only folder fails here already: the same clear message.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        error = storage_error(exc)
        if error is not None:
            raise error from exc
        raise UserError(
            _("Could not write {path}: {error}").format(path=target, error=exc.strerror or exc)
        ) from exc


def write_export(
    target: Path, data: bytes, *, database_url: str | None, force: bool = False
) -> None:
    """Check the target, then write it atomically (see the module docstring)."""
    check_export_target(target, database_url=database_url, force=force)
    write_atomically(target, data)
