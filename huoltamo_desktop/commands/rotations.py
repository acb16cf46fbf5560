"""Command line for rotations: list the plan, write the plan as PDF."""

from __future__ import annotations

import argparse
from datetime import date

from huoltamo_desktop.commands.common import (
    export_target,
    open_existing,
    read_database,
    require_manager,
    write_output,
)
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    listing = sub.add_parser(
        "rotations",
        parents=[db_parent],
        help=_("list the rotations (needs the manager passphrase)"),
    )
    listing.set_defaults(handler=cmd_list, needs_db=True)
    export = sub.add_parser(
        "export-rotations",
        parents=[db_parent],
        help=_("write the rotation plan as PDF (needs the manager passphrase)"),
    )
    export.add_argument("-o", "--output", required=True, help=_("the PDF file to write"))
    export.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    export.add_argument(
        "--person", type=int, help=_("one person's plan, by the person's ID (default: the firm's)")
    )
    export.add_argument(
        "--start", help=_("first day of the plan period, YYYY-MM-DD (default: today)")
    )
    export.add_argument(
        "--weeks", type=int, default=26, help=_("length of the plan period in weeks (default: 26)")
    )
    export.set_defaults(handler=cmd_export, needs_db=True)


def cmd_list(args: argparse.Namespace) -> int:
    from huoltamo_desktop.i18n import format_date
    from huoltamo_desktop.services.rotations import list_rotations
    from huoltamo_desktop.storage.database import session_scope

    require_manager(args.db)
    engine = open_existing(args.db, read_only=True)
    try:
        with session_scope(engine) as session:
            rows = list_rotations(session)
    finally:
        engine.dispose()
    if not rows:
        print(_("No rotations yet."))
        return 0
    table = [[_("ID"), _("Person"), _("Kind"), _("Period"), _("Share"), _("Host"), _("Status")]]
    for r in rows:
        who = f"{r.person_name} ⇄ {r.partner_name}" if r.partner_name else r.person_name
        table.append(
            [
                str(r.id),
                who,
                r.kind_name,
                f"{format_date(r.starts_on)} – {format_date(r.ends_on)}",
                f"{r.share_percent} %",
                r.host_name or "–",
                r.status_name,
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        cells = [row[0].rjust(widths[0])] + [
            cell.ljust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.rotations import plan_pdf

    start = None
    if args.start:
        try:
            start = date.fromisoformat(args.start)
        except ValueError:
            raise UserError(
                _("--start: {value} is not a date (YYYY-MM-DD).").format(value=args.start)
            ) from None
    if not 1 <= args.weeks <= 104:
        raise UserError(_("--weeks must be from 1 to 104."))
    target = export_target(args)
    require_manager(args.db)
    pdf = read_database(
        args.db, lambda s: plan_pdf(s, person_id=args.person, start=start, weeks=args.weeks)
    )
    write_output(args, target, pdf)
    print(_("Rotation plan written: {path}").format(path=target))
    return 0
