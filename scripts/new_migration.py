"""Write a new Alembic migration from the difference between the tables and the schema.

    python scripts/new_migration.py "add skills" [--head REV] [--branch-label NAME] [--rev-id ID]

The schema is built in a scratch SQLite database at the current heads, then
Alembic compares it with the SQLModel tables. Read the result before committing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command

from huoltamo_desktop.storage.database import make_engine
from huoltamo_desktop.storage.migrate import alembic_config, upgrade


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("--head", default="heads", help="revision the new one follows")
    parser.add_argument("--branch-label", default=None)
    parser.add_argument("--rev-id", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scratch.sqlite3"
        engine = make_engine(url)
        upgrade(engine, args.head if args.head != "heads" else "heads")
        cfg = alembic_config(url)
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection  # type: ignore[attr-defined]
            command.revision(  # type: ignore[arg-type]
                cfg,
                message=args.message,
                autogenerate=True,
                head=args.head if args.head != "heads" else "head",
                branch_label=args.branch_label,
                rev_id=args.rev_id,
            )
        engine.dispose()


if __name__ == "__main__":
    main()
