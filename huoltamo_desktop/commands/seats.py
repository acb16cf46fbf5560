"""Command line for backups and data rights: list and restore backups, a person's data export."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    restore = sub.add_parser(
        "restore",
        parents=[db_parent],
        help=_("put a backup back in place of the database, after checking it"),
    )
    restore.add_argument("file", metavar=_("FILE"), help=_("the backup file"))
    restore.set_defaults(handler=cmd_restore, needs_db=True)
    backups = sub.add_parser(
        "backups", parents=[db_parent], help=_("list the automatic and manual backups")
    )
    backups.set_defaults(handler=cmd_backups, needs_db=True)


def _sqlite_only(db: str) -> Path:
    from huoltamo_desktop.storage.database import sqlite_path

    path = sqlite_path(db)
    if path is None:
        raise UserError(
            _("Back up and restore a database server with its own tools (for PostgreSQL: pg_dump).")
        )
    return path


def _passphrase() -> str | None:
    """The manager passphrase for an encrypted backup: from the environment or asked for."""
    value = os.environ.get("HUOLTAMO_BACKUP_PASSPHRASE")
    if value:
        return value
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(_("Manager passphrase: ")) or None


def cmd_restore(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.seats_backup import needs_passphrase, restore_backup
    from huoltamo_desktop.storage.seats_lock import SeatLock

    database = _sqlite_only(args.db)
    backup = Path(args.file).expanduser().resolve()
    if not backup.is_file():
        raise UserError(_("No backup file at {path}.").format(path=backup))
    passphrase = _passphrase() if needs_passphrase(backup) else None
    if not database.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=database.parent))
    lock = SeatLock(database, name=_("the restore command")).acquire()
    try:
        result = restore_backup(database=database, backup=backup, passphrase=passphrase)
    finally:
        lock.release()
    print(_("Restored {backup} → {db}").format(backup=backup.name, db=args.db_label))
    if result.safety_copy is not None:
        print(_("The database as it was is kept as {path}").format(path=result.safety_copy))
    if result.erased_again:
        print(
            _("People erased earlier were erased from the restored copy again: {n}").format(
                n=result.erased_again
            )
        )
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from huoltamo_desktop.i18n import format_date, format_number
    from huoltamo_desktop.storage.seats_backups import backup_folder, list_backups

    database = _sqlite_only(args.db)
    found = list_backups(backup_folder(database))
    if not found:
        print(_("No backups yet in {folder}").format(folder=backup_folder(database)))
        return 0
    kinds = {
        "auto": _("automatic"),
        "manual": _("manual"),
        "before-restore": _("before a restore"),
    }
    for b in found:
        size = format_number(round(b.size / 1024)) + " kB"
        lock = _("encrypted") if b.encrypted else ""
        print(
            f"{format_date(b.made_at)} {b.made_at:%H:%M}  {kinds[b.kind]:<16} {size:>10}  "
            f"{lock:<10} {b.path}".rstrip()
        )
    return 0
