"""Command line: ``huoltamo-desktop`` opens the window; subcommands work headless.

Bad input (an unknown option, a missing or foreign file, a newer database)
gets one clear line in the user's language and a non-zero exit, never a
traceback; the database file is left as it was.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from huoltamo_desktop import APP_ID, __version__
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import LANGUAGES, N_, _, setup_i18n

COMMAND_MODULES = (
    "core",
    "employee",
    "skills",
    "conversations",
    "home",
    "seats",
    "rotations",
    "training",
)

# argparse's own words, so that help screens follow the chosen language too.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
)


def _translate_argparse_help() -> None:
    """argparse looks its words up through gettext at call time; route them through ours."""
    argparse._ = _  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{APP_ID}: {_one_line(_translate_argparse(message))}", file=sys.stderr)
        raise SystemExit(2)


def _translate_argparse(message: str) -> str:
    patterns = [
        (r"unrecognized arguments: (.+)", _("unknown option or argument: {0}")),
        (r"the following arguments are required: (.+)", _("missing: {0}")),
        (
            r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
            _("{0}: {1} is not one of {2}"),
        ),
        (r"argument (\S+): expected one argument", _("{0} needs a value")),
        (r"argument (\S+): invalid int value: (.+)", _("{0}: {1} is not a whole number")),
    ]
    for pattern, text in patterns:
        m = re.match(pattern, message)
        if m:
            return text.format(*m.groups())
    return message


def _pre_language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    from huoltamo_desktop.settings import load_settings

    return load_settings().language


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(prog=APP_ID, description=_("Työurahuoltamo: career planning for small firms."))
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    parser.add_argument("--db", help=_("database file or URL (default: in your data folder)"))
    parser.add_argument("--demo", action="store_true", help=_("open the app on a new demo firm"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language: fi, sv or en"))
    db_parent = _Parser(add_help=False)
    db_parent.add_argument("--db", required=True, help=_("database file or URL"))
    db_parent.add_argument("--lang", choices=LANGUAGES, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar=_("COMMAND"))
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"huoltamo_desktop.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"huoltamo_desktop.commands.{name}":
                continue
            raise
        module.register(sub, db_parent)
    return parser


def _one_line(text: str) -> str:
    """An error as one line on the terminal: a control character in a typed path is shown escaped."""
    return "".join(ch if ch >= " " else repr(ch)[1:-1] for ch in text)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    language = _pre_language(args_list)
    setup_i18n(language if language in LANGUAGES else "fi")
    _translate_argparse_help()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if getattr(args, "command", None) is None:
        from huoltamo_desktop.app import run_gui

        return run_gui(db=args.db, demo=args.demo, language=args.lang)
    from huoltamo_desktop.commands.core import resolve_db
    from huoltamo_desktop.storage.database import display_target

    args.db_label = display_target(args.db) if args.db else args.db
    args.db = resolve_db(args.db)
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(f"{APP_ID}: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"{APP_ID}: {_one_line(str(exc.strerror or exc))}", file=sys.stderr)
        return 1
