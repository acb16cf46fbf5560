"""Skills commands: export-matrix."""

from __future__ import annotations

import argparse

from huoltamo_desktop.commands.common import (
    existing_database,
    open_existing,
    output_file,
    require_manager,
)
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.skills_export import people_by_skills


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db_parent: argparse.ArgumentParser
) -> None:
    export = sub.add_parser(
        "export-matrix",
        parents=[db_parent],
        help=_(
            "export the skills matrix to an Excel workbook or a PDF (needs the manager passphrase)"
        ),
    )
    export.add_argument("--format", choices=("xlsx", "pdf"), required=True, help=_("xlsx or pdf"))
    export.add_argument("-o", "--output", required=True, help=_("the file to write"))
    export.add_argument("--team", default="", help=_("only this team (its name)"))
    export.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    export.set_defaults(handler=cmd_export_matrix, needs_db=True)


def cmd_export_matrix(args: argparse.Namespace) -> int:
    from huoltamo_desktop.services.people import list_teams
    from huoltamo_desktop.services.skills_export import export_matrix_bytes, matrix_export_data
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.files import check_export_target, write_export

    existing_database(args.db)  # a missing database is named before a missing folder
    output = output_file(args.output)
    check_export_target(output, database_url=args.db, force=args.force)
    require_manager(args.db)
    engine = open_existing(args.db, read_only=True)
    try:
        with session_scope(engine) as session:
            team_id = None
            if args.team.strip():
                wanted = args.team.strip().casefold()
                team = next((t for t in list_teams(session) if t.name.casefold() == wanted), None)
                if team is None:
                    raise UserError(_("No team called {name}.").format(name=args.team.strip()))
                team_id = team.id
            data = matrix_export_data(session, team_id=team_id)
            payload = export_matrix_bytes(data, args.format)
    finally:
        engine.dispose()
    write_export(output, payload, database_url=args.db, force=args.force)
    print(
        _("Skills matrix written: {size} → {path}").format(
            size=people_by_skills(len(data.people), len(data.skills)), path=output
        )
    )
    return 0
