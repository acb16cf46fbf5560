"""The core commands: demo, check."""

from __future__ import annotations

import argparse
import sqlite3

from huoltamo_desktop.commands.common import existing_database
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, ngettext


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    demo = sub.add_parser(
        "demo", parents=[db_parent], help=_("write a demo firm into a new database")
    )
    demo.add_argument("--people", type=int, default=40, help=_("number of people (5–1000)"))
    demo.add_argument("--seed", type=int, default=1, help=_("seed for the random choices"))
    demo.set_defaults(handler=cmd_demo, needs_db=True)
    check = sub.add_parser(
        "check", parents=[db_parent], help=_("check a database's schema version and integrity")
    )
    check.set_defaults(handler=cmd_check, needs_db=True)
    backup = sub.add_parser(
        "backup",
        parents=[db_parent],
        help=_("copy a database file safely, even while the app is open"),
    )
    backup.add_argument("-o", "--output", required=True, help=_("the backup file to write"))
    backup.set_defaults(handler=cmd_backup, needs_db=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.demo import build_demo
    from huoltamo_desktop.storage.database import is_sqlite, session_scope, sqlite_path
    from huoltamo_desktop.storage.migrate import open_database

    if not 5 <= args.people <= 1000:
        raise UserError(_("The number of people must be between 5 and 1000."))
    if is_sqlite(args.db):
        path = sqlite_path(args.db)
        if path is not None and path.exists() and path.stat().st_size > 0:
            raise UserError(
                _("{path} already exists. Give a new file name for the demo firm.").format(
                    path=path
                )
            )
    engine, _info = open_database(args.db)
    try:
        with session_scope(engine) as session:
            from huoltamo_desktop.services.firm import get_organisation

            if get_organisation(session) is not None:
                raise UserError(
                    _("The database already holds a firm; the demo needs an empty one.")
                )
            ctx = build_demo(session, people=args.people, seed=args.seed)
        print(
            _("Demo firm written: {people} in {teams} → {db}").format(
                people=ngettext("{n} person", "{n} people", len(ctx.people)).format(
                    n=len(ctx.people)
                ),
                teams=ngettext("{n} team", "{n} teams", len(ctx.teams)).format(n=len(ctx.teams)),
                db=args.db_label,
            )
        )
    finally:
        engine.dispose()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from huoltamo_desktop.storage.database import (
        SchemaState,
        connect_read_only,
        inspect_database,
        make_engine,
    )
    from huoltamo_desktop.storage.migrate import updates_cleanly

    path = existing_database(args.db)
    info = inspect_database(args.db)
    print(_("Database: {db}").format(db=args.db_label))
    revisions = ", ".join(sorted(info.revisions)) or "—"
    state_text = {
        SchemaState.CURRENT: _("up to date"),
        SchemaState.DUE: _("older; it will be updated when the app opens it"),
        SchemaState.NEWER: _("written by a newer version of the app"),
        SchemaState.EMPTY: _("empty"),
    }[info.state]
    print(_("Schema version: {revisions} ({state})").format(revisions=revisions, state=state_text))
    problems: list[str] = list(info.problems)
    if path is not None and info.state == SchemaState.DUE and not updates_cleanly(path):
        problems.append(
            _(
                "the file was left half-updated by an interrupted update; the app offers the "
                "copy made before it"
            )
        )
    if path is not None:
        conn = connect_read_only(path)
        try:
            problems += [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [
                _("broken reference in table {table}").format(table=r[0])
                for r in conn.execute("PRAGMA foreign_key_check")
            ]
        except sqlite3.DatabaseError as exc:
            problems.append(str(exc))
        finally:
            conn.close()
    else:
        from sqlalchemy import text

        engine = make_engine(args.db)
        try:
            with engine.connect() as server:
                server.execute(text("SELECT 1"))
        finally:
            engine.dispose()
    if problems:
        print(_("Integrity: problems found"))
        for problem in problems[:20]:
            print(f"  {problem}")
        return 1
    print(_("Integrity: sound"))
    if info.state in (SchemaState.NEWER, SchemaState.EMPTY):
        return 1
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """The same checked (and, when the firm so chose, encrypted) backup as the app's own."""
    from pathlib import Path

    from huoltamo_desktop.services.seats_backup import backup_database

    target = Path(args.output).expanduser().resolve()
    made = backup_database(url=args.db, target=target)
    print(_("Backup written: {path}").format(path=made.path))
    return 0


def resolve_db(value: str | None) -> str:
    from huoltamo_desktop.storage.database import to_url

    if value:
        return to_url(value)
    from huoltamo_desktop.paths import default_database

    return to_url(default_database())
