"""What the commands share: a database that must exist, and a file to write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def existing_database(db: str) -> Path | None:
    """The SQLite file behind ``db`` (None for a server URL); a clear error when it is missing."""
    from huoltamo_desktop.storage.database import sqlite_path

    path = sqlite_path(db)
    if path is not None and not path.exists():
        raise UserError(_("No database at {path}.").format(path=path))
    return path


def open_existing(db: str) -> Engine:
    """An engine on a database that must already exist; an older schema is updated first."""
    from huoltamo_desktop.storage.migrate import open_database

    existing_database(db)
    engine, _info = open_database(db, create=False)
    return engine


def output_file(value: str) -> Path:
    """The file a command is to write; its folder must exist (it is not created)."""
    target = Path(value).expanduser()
    if not target.parent.exists():
        raise UserError(_("The folder {folder} does not exist.").format(folder=target.parent))
    return target
