"""Skills commands: export-matrix."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from huoltamo_desktop.commands.common import (
    export_target,
    read_database,
    require_manager,
    team_named,
    write_output,
)
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services.skills_export import people_by_skills

if TYPE_CHECKING:
    from sqlmodel import Session


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
    from huoltamo_desktop.domain.skills import MatrixExport
    from huoltamo_desktop.services.skills_export import export_matrix_bytes, matrix_export_data

    output = export_target(args)
    require_manager(args.db)

    def read(session: Session) -> tuple[MatrixExport, bytes]:
        data = matrix_export_data(session, team_id=team_named(session, args.team))
        return data, export_matrix_bytes(data, args.format)

    data, payload = read_database(args.db, read)
    write_output(args, output, payload)
    print(
        _("Skills matrix written: {size} → {path}").format(
            size=people_by_skills(len(data.people), len(data.skills)), path=output
        )
    )
    return 0
