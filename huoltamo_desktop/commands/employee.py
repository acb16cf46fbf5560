"""Command line for employee mode: who has shared what (never the content of unshared work)."""

from __future__ import annotations

import argparse

from huoltamo_desktop.commands.common import open_existing, require_manager
from huoltamo_desktop.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    overview = sub.add_parser(
        "employee-sharing",
        parents=[db_parent],
        help=_("list what each person has shared with the manager (needs the manager passphrase)"),
    )
    overview.set_defaults(handler=cmd_sharing, needs_db=True)


def cmd_sharing(args: argparse.Namespace) -> int:
    from huoltamo_desktop.i18n import format_date
    from huoltamo_desktop.services.employee import manager_overview
    from huoltamo_desktop.storage.database import session_scope

    require_manager(args.db)
    engine = open_existing(args.db, read_only=True)
    try:
        with session_scope(engine) as session:
            rows = manager_overview(session)
    finally:
        engine.dispose()
    if not rows:
        print(_("Nobody has been added yet."))
        return 0
    # Who has no PIN yet (or may set a new one) is left out: that would list the accounts
    # anyone at the laptop could claim.
    headers = (_("Name"), _("Self-assessment"), _("Career plan"))
    table = []
    for r in rows:
        assessment = (
            _("Shared {date}").format(date=format_date(r.assessment_shared_at.astimezone()))
            if r.assessment_shared_at
            else _("Not shared")
        )
        plan = (
            _("Shared {date}").format(date=format_date(r.plan_shared_at.astimezone()))
            if r.plan_shared_at
            else _("Not shared")
        )
        table.append((r.name, assessment, plan))
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return 0
