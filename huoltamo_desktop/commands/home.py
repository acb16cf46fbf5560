"""Home commands: report (the year in review, the development plan) and export-calendar."""

from __future__ import annotations

import argparse

from huoltamo_desktop.commands.common import (
    export_target,
    read_database,
    require_manager,
    write_output,
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

    output = export_target(args)
    year = args.year or date.today().year
    if not 2000 <= year <= date.today().year + 1:
        raise UserError(_("Give a year from 2000 to next year."))
    # Figures for the firm and a plan without names: no passphrase, and nothing is written.
    make = year_review_pdf if args.kind == "year" else plan_pdf
    write_output(args, output, read_database(args.db, lambda s: make(s, year=year)))
    print(_("Report written: {path}").format(path=output))
    return 0


def cmd_export_calendar(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.home_calendar import export_ics

    output = export_target(args)
    require_manager(args.db)  # names and dates of people's conversations and cards
    # Not read-only: the export remembers each event's version for the next one.
    write_output(args, output, read_database(args.db, export_ics, read_only=False))
    print(_("Calendar written: {path}").format(path=output))
    return 0
