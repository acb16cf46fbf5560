"""Command line for career conversations: list them, write a summary as PDF."""

from __future__ import annotations

import argparse

from huoltamo_desktop.commands.common import (
    export_target,
    open_existing,
    read_database,
    require_manager,
    write_output,
)
from huoltamo_desktop.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    listing = sub.add_parser(
        "conversations",
        parents=[db_parent],
        help=_("list the conversations (needs the manager passphrase)"),
    )
    listing.add_argument(
        "--all-versions", action="store_true", help=_("also list earlier versions")
    )
    listing.set_defaults(handler=cmd_list, needs_db=True)
    export = sub.add_parser(
        "export-conversation",
        parents=[db_parent],
        help=_("write a conversation's summary as PDF (needs the manager passphrase)"),
    )
    export.add_argument(
        "id", type=int, help=_("the conversation's ID (see the conversations command)")
    )
    export.add_argument("-o", "--output", required=True, help=_("the PDF file to write"))
    export.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    export.set_defaults(handler=cmd_export, needs_db=True)


def cmd_list(args: argparse.Namespace) -> int:
    from huoltamo_desktop.domain.conversations import state_label
    from huoltamo_desktop.i18n import format_date
    from huoltamo_desktop.services.conversations import list_conversations
    from huoltamo_desktop.storage.database import session_scope

    require_manager(args.db)
    engine = open_existing(args.db, read_only=True)
    try:
        with session_scope(engine) as session:
            rows = list_conversations(session, include_history=args.all_versions)
    finally:
        engine.dispose()
    if not rows:
        print(_("No conversations yet."))
        return 0
    table = [[_("ID"), _("Date"), _("Person or team"), _("Kind"), _("State")]]
    for r in rows:
        state = state_label(r.state)
        if r.version > 1 or args.all_versions:
            state = _("{state}, version {number}").format(state=state, number=r.version)
        table.append([str(r.id), format_date(r.held_on), r.subject, r.kind_name, state])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        cells = [row[0].rjust(widths[0])] + [
            cell.ljust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.conversations import summary_pdf

    target = export_target(args)
    require_manager(args.db)
    pdf = read_database(args.db, lambda s: summary_pdf(s, conversation_id=args.id))
    write_output(args, target, pdf)
    print(_("Summary written: {path}").format(path=target))
    return 0
