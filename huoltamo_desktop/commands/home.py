"""Home commands: report (the year in review, the development plan) and export-calendar."""

from __future__ import annotations

import argparse

from huoltamo_desktop.commands.common import existing_database, open_existing, output_file
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
    report.set_defaults(handler=cmd_report, needs_db=True)
    calendar = sub.add_parser(
        "export-calendar",
        parents=[db_parent],
        help=_("write planned conversations and card expiries as an .ics calendar"),
    )
    calendar.add_argument("-o", "--output", required=True, help=_("the file to write"))
    calendar.set_defaults(handler=cmd_export_calendar, needs_db=True)


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from huoltamo_desktop.domain.errors import UserError
    from huoltamo_desktop.services.home_reports import plan_pdf, year_review_pdf
    from huoltamo_desktop.storage.database import session_scope

    existing_database(args.db)
    output = output_file(args.output)
    year = args.year or date.today().year
    if not 2000 <= year <= date.today().year + 1:
        raise UserError(_("Give a year from 2000 to next year."))
    engine = open_existing(args.db)
    try:
        with session_scope(engine) as session:
            if args.kind == "year":
                payload = year_review_pdf(session, year=year)
            else:
                payload = plan_pdf(session, year=year)
    finally:
        engine.dispose()
    output.write_bytes(payload)
    print(_("Report written: {path}").format(path=output))
    return 0


def cmd_export_calendar(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.home_calendar import export_ics
    from huoltamo_desktop.storage.database import session_scope

    existing_database(args.db)
    output = output_file(args.output)
    engine = open_existing(args.db)
    try:
        with session_scope(engine) as session:
            payload = export_ics(session)
    finally:
        engine.dispose()
    output.write_bytes(payload)
    print(_("Calendar written: {path}").format(path=output))
    return 0
