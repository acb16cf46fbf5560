"""Training commands: import-catalogue, export-catalogue, training-plan."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from huoltamo_desktop.commands.common import (
    existing_database,
    export_target,
    open_existing,
    read_database,
    require_manager,
    team_named,
    write_output,
)
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, current_language

if TYPE_CHECKING:
    from sqlmodel import Session


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    imp = sub.add_parser(
        "import-catalogue",
        parents=[db_parent],
        help=_("add, update and retire training catalogue entries from a JSON or CSV file"),
    )
    imp.add_argument("file", help=_("the catalogue file (.json or .csv)"))
    imp.add_argument(
        "--dry-run", action="store_true", help=_("only show what would change; change nothing")
    )
    imp.set_defaults(handler=cmd_import_catalogue, needs_db=True)
    exp = sub.add_parser(
        "export-catalogue",
        parents=[db_parent],
        help=_("write the firm's training catalogue as JSON (or CSV when the file ends in .csv)"),
    )
    exp.add_argument("-o", "--output", required=True, help=_("the file to write"))
    exp.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    exp.set_defaults(handler=cmd_export_catalogue, needs_db=True)
    pdf = sub.add_parser(
        "training-plan",
        parents=[db_parent],
        help=_(
            "write the year's training plan of the firm or a team as a PDF "
            "(needs the manager passphrase)"
        ),
    )
    pdf.add_argument("-o", "--output", required=True, help=_("the PDF file to write"))
    pdf.add_argument("--year", type=int, default=None, help=_("the year (default: this year)"))
    pdf.add_argument("--team", default="", help=_("only this team (its name)"))
    pdf.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    pdf.set_defaults(handler=cmd_training_plan, needs_db=True)


def cmd_import_catalogue(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.training_exchange import (
        Change,
        apply_import,
        preview_import,
        read_catalogue_file,
    )
    from huoltamo_desktop.storage.database import session_scope

    existing_database(args.db)
    path = Path(args.file).expanduser()
    if not path.is_file():
        raise UserError(_("No file at {path}.").format(path=path))
    catalogue = read_catalogue_file(path)
    engine = open_existing(args.db)
    try:
        with session_scope(engine) as session:
            preview = preview_import(session, catalogue=catalogue)
            for line in preview.lines:
                if line.change != Change.SAME:
                    print(f"{_change_word(line.change)}\t{line.key}\t{line.title}")
            for error in preview.errors:
                print(str(error))
            summary = _(
                "{add} to add, {update} to update, {retire} to retire, {same} unchanged, {errors} problems"
            ).format(
                add=preview.count(Change.ADD),
                update=preview.count(Change.UPDATE),
                retire=preview.count(Change.RETIRE),
                same=preview.count(Change.SAME),
                errors=len(preview.errors),
            )
            print(summary)
            if preview.errors:
                print(_("Nothing was changed: fix the problems in the file and import it again."))
                return 1
            if args.dry_run:
                print(_("Dry run: nothing was changed."))
                return 0
            apply_import(session, catalogue=catalogue)
    finally:
        engine.dispose()
    print(_("The catalogue was updated."))
    return 0


def _change_word(change: str) -> str:
    return {"add": _("add"), "update": _("update"), "retire": _("retire")}.get(change, change)


def cmd_export_catalogue(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.training import catalogue_is_empty
    from huoltamo_desktop.services.training_exchange import export_catalogue_bytes

    output = export_target(args)

    def read(session: Session) -> bytes:
        if catalogue_is_empty(session):
            raise UserError(
                _(
                    "The firm's training catalogue is still empty: open the Training page "
                    "once (it loads the starter catalogue) or import a catalogue file."
                )
            )
        return export_catalogue_bytes(session, csv_file=output.suffix.lower() == ".csv")

    write_output(args, output, read_database(args.db, read))
    print(_("Training catalogue written → {path}").format(path=output))
    return 0


def cmd_training_plan(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.training_plan import plan_pdf

    year = args.year or date.today().year
    output = export_target(args)
    if not 2000 <= year <= 2100:
        raise UserError(_("The year {year} is not one a plan can be for.").format(year=year))
    require_manager(args.db)
    payload = read_database(
        args.db,
        lambda s: plan_pdf(
            s, year=year, team_id=team_named(s, args.team), language=current_language()
        ),
    )
    write_output(args, output, payload)
    print(_("Training plan {year} written → {path}").format(year=year, path=output))
    return 0
