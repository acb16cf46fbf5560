"""What the commands share: a database that must exist, and a file to write."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    import argparse

    from sqlalchemy.engine import Engine
    from sqlmodel import Session

T = TypeVar("T")

PASSPHRASE_ENV = "HUOLTAMO_MANAGER_PASSPHRASE"


def existing_database(db: str) -> Path | None:
    """The SQLite file behind ``db`` (None for a server URL); a clear error when it is missing."""
    from huoltamo_desktop.storage.database import sqlite_path

    path = sqlite_path(db)
    if path is not None and not path.exists():
        raise UserError(_("No database at {path}.").format(path=path))
    return path


def open_existing(db: str, *, read_only: bool = False) -> Engine:
    """An engine on a database that must already exist; an older schema is updated first.

    ``read_only`` for commands that only read: a SQLite file is then left exactly
    as it was, without journal files beside it.
    """
    from huoltamo_desktop.storage.migrate import open_database

    existing_database(db)
    engine, _info = open_database(db, create=False, read_only=read_only)
    return engine


def output_file(value: str) -> Path:
    """The file a command is to write; its folder must exist (it is not created)."""
    target = Path(value).expanduser()
    if not target.parent.exists():
        raise UserError(_("The folder {folder} does not exist.").format(folder=target.parent))
    return target


def export_target(args: argparse.Namespace) -> Path:
    """The file an export command writes (``--output``), checked before any work is done.

    A missing database is named before a missing folder; the target is never the
    database itself, and an existing file is replaced only with ``--force``.
    """
    from huoltamo_desktop.storage.files import check_export_target

    existing_database(args.db)
    target = output_file(args.output)
    check_export_target(target, database_url=args.db, force=args.force)
    return target


def read_database(db: str, read: Callable[[Session], T], *, read_only: bool = True) -> T:
    """``read(session)`` on the database that must exist, closed again afterwards."""
    from huoltamo_desktop.storage.database import session_scope

    engine = open_existing(db, read_only=read_only)
    try:
        with session_scope(engine) as session:
            return read(session)
    finally:
        engine.dispose()


def write_output(args: argparse.Namespace, target: Path, payload: bytes) -> None:
    """Write the export whole (never over the database), as ``export_target`` checked."""
    from huoltamo_desktop.storage.files import write_export

    write_export(target, payload, database_url=args.db, force=args.force)


def team_named(session: Session, name: str) -> int | None:
    """The id of the team called ``name`` (Å, Ä and Ö without case); None for no name given."""
    from huoltamo_desktop.i18n.collation import fold
    from huoltamo_desktop.services.people import list_teams

    wanted = fold(name.strip())
    if not wanted:
        return None
    team = next((t for t in list_teams(session) if fold(t.name) == wanted), None)
    if team is None:
        raise UserError(_("No team called {name}.").format(name=name.strip()))
    return team.id


def require_manager(db: str) -> None:
    """Personal data is printed or exported only for the manager: the same passphrase as in the app.

    It is read from HUOLTAMO_MANAGER_PASSPHRASE (for scripts) or asked for in
    the terminal. Wrong attempts count and slow down exactly as at the lock
    screen. A firm that declared this computer not shared needs no passphrase.
    """
    from getpass import getpass

    from huoltamo_desktop.domain.people import utcnow
    from huoltamo_desktop.services.employee_access import (
        ManagerAccess,
        manager_access,
        verify_manager,
    )
    from huoltamo_desktop.storage.database import session_scope

    engine = open_existing(db)
    try:
        with session_scope(engine) as session:
            state = manager_access(session)
            if state == ManagerAccess.OPEN:
                return
            if state == ManagerAccess.UNSET:
                raise UserError(
                    _(
                        "The manager side has no passphrase yet. Open the app, sign in as the "
                        "manager and set it; then run this command again."
                    )
                )
            passphrase = os.environ.get(PASSPHRASE_ENV)
            if passphrase is None:
                if not sys.stdin.isatty():
                    raise UserError(
                        _(
                            "This command shows personal data and needs the manager passphrase: "
                            "run it in a terminal, or give the passphrase in the environment "
                            "variable {name}."
                        ).format(name=PASSPHRASE_ENV)
                    )
                passphrase = getpass(_("Manager passphrase: "))
            now = utcnow()
            result = verify_manager(session, passphrase=passphrase, now=now)
    finally:
        engine.dispose()
    if result.ok:
        return
    if result.wait_until is not None:
        minutes = max(1, math.ceil((result.wait_until - now).total_seconds() / 60))
        raise UserError(
            ngettext(
                "Wrong manager passphrase. Too many wrong attempts: try again in {n} minute.",
                "Wrong manager passphrase. Too many wrong attempts: try again in {n} minutes.",
                minutes,
            ).format(n=minutes)
        )
    raise UserError(_("Wrong manager passphrase."))
