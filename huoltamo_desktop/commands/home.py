"""Home commands: report (the year in review, the development plan) and export-calendar."""

from __future__ import annotations

import argparse

from huoltamo_desktop.commands.common import (
    existing_database,
    open_existing,
    output_file,
    require_manager,
)
from huoltamo_desktop.i18n import _


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    report = sub.add_parser(
        "report",
        parents=[db_parent],
        help=_("write the year in review or the workplace development plan as a PDF"),
    )
    report.add_argument(
        "--kind", choices=("year", "development-plan"), required=True, help=_("which report")
    )
    report.add_argument("--year", type=int, default=None, help=_("the year (default: this year)"))
    report.add_argument("-o", "--output", required=True, help=_("the file to write"))
    report.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    report.set_defaults(handler=cmd_report, needs_db=True)
    calendar = sub.add_parser(
        "export-calendar",
        parents=[db_parent],
        help=_("write planned conversations and card expiries as an .ics calendar"),
    )
    calendar.add_argument("-o", "--output", required=True, help=_("the file to write"))
    calendar.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    calendar.set_defaults(handler=cmd_export_calendar, needs_db=True)


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from huoltamo_desktop.domain.errors import UserError
    from huoltamo_desktop.services.home_reports import plan_pdf, year_review_pdf
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.files import check_export_target, write_export

    existing_database(args.db)
    output = output_file(args.output)
    check_export_target(output, database_url=args.db, force=args.force)
    year = args.year or date.today().year
    if not 2000 <= year <= date.today().year + 1:
        raise UserError(_("Give a year from 2000 to next year."))
    # Figures for the firm and a plan without names: no passphrase, and nothing is written.
    engine = open_existing(args.db, read_only=True)
    try:
        with session_scope(engine) as session:
            if args.kind == "year":
                payload = year_review_pdf(session, year=year)
            else:
                payload = plan_pdf(session, year=year)
    finally:
        engine.dispose()
    write_export(output, payload, database_url=args.db, force=args.force)
    print(_("Report written: {path}").format(path=output))
    return 0


def cmd_export_calendar(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.home_calendar import export_ics
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.files import check_export_target, write_export

    existing_database(args.db)
    output = output_file(args.output)
    check_export_target(output, database_url=args.db, force=args.force)
    require_manager(args.db)  # names and dates of people's conversations and cards
    # Not read-only: the export remembers each event's version for the next one.
    engine = open_existing(args.db)
    try:
        with session_scope(engine) as session:
            payload = export_ics(session)
    finally:
        engine.dispose()
    write_export(output, payload, database_url=args.db, force=args.force)
    print(_("Calendar written: {path}").format(path=output))
    return 0
