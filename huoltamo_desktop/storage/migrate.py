"""Open a database for use: inspect, back up, migrate, then hand out the engine."""

from __future__ import annotations

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
    connect_read_only,
    inspect_database,
    make_engine,
    refuse_newer,
    sqlite_path,
    to_url,
)


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
    """Apply migrations up to ``revision`` on the engine's database."""
    from alembic import command

    cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection  # type: ignore[attr-defined]
        command.upgrade(cfg, revision)  # type: ignore[arg-type]


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of the database file beside it (the SQLite backup API)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix or '.sqlite3'}")
    copy_sqlite(path, target)
    return target


def copy_sqlite(path: Path, target: Path) -> None:
    """Copy a SQLite database consistently, even while another connection writes to it."""
    if not target.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=target.parent))
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
        raise DatabaseError(
            _("Could not make a backup copy ({error}). Nothing was changed.").format(error=exc)
        ) from exc


def open_database(target: str, *, create: bool = True) -> tuple[Engine, SchemaInfo]:
    """Inspect, back up when a migration is due, migrate, and return a ready engine.

    Raises DatabaseError (with a message for the user) for a file that is not a
    database, a newer database, a missing folder or a server that cannot be reached.
    The file is not touched when it is refused.
    """
    target = to_url(target)
    info = inspect_database(target)
    refuse_newer(info)
    path = sqlite_path(target)
    if path is not None:
        if info.state == SchemaState.EMPTY and not create and not path.exists():
            raise DatabaseError(_("No database at {path}.").format(path=path))
        if not path.parent.exists():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
        if info.state == SchemaState.DUE:
            backup_sqlite(path, "backup-before-update")
    engine = make_engine(target)
    if info.state in (SchemaState.EMPTY, SchemaState.DUE):
        try:
            upgrade(engine)
        except OSError as exc:
            engine.dispose()
            raise DatabaseError(
                _("Could not write the database ({error}). Check free disk space.").format(
                    error=exc
                )
            ) from exc
        except Exception as exc:
            engine.dispose()
            if "disk" in str(exc).lower() or "full" in str(exc).lower():
                raise DatabaseError(
                    _("The disk is full. Free some space and try again; nothing was lost.")
                ) from exc
            raise
    return engine, info
