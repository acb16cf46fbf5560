"""casefold keys for teams, people and role profiles

SQLite's lower() only knows ASCII, so "Östra" and "östra" could both exist
and a search for "öberg" found nothing. Each name gets a key column holding
its case-folded form, with a unique index for teams and role profiles.

Names that differ only in case already exist in some databases (that was the
bug): the later one gets " (2)", " (3)", … so that nothing is merged or lost
and the manager sees both and can tidy them up.

Revision ID: 0013_casefold
Revises: 0001_core
Create Date: 2026-12-01 14:40:00
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision: str = "0013_casefold"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("casefold",)
depends_on: str | tuple[str, ...] | None = "0003_skills"


def _fold(text: str) -> str:
    # The rule of i18n.collation.fold as it was when this migration was written.
    composed = unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", " ".join(composed.split()).casefold())


def _fill_unique(table: str, column: str) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(f"SELECT id, {column} FROM {table} ORDER BY id")).all()
    taken = {_fold(name) for _id, name in rows}
    seen: set[str] = set()
    for row_id, name in rows:
        key = _fold(name)
        if key in seen:
            n = 2
            while _fold(f"{name} ({n})") in taken:
                n += 1
            name = f"{name} ({n})"
            key = _fold(name)
            taken.add(key)
            conn.execute(
                sa.text(f"UPDATE {table} SET {column} = :name WHERE id = :id"),
                {"name": name, "id": row_id},
            )
        seen.add(key)
        conn.execute(
            sa.text(f"UPDATE {table} SET {column}_key = :key WHERE id = :id"),
            {"key": key, "id": row_id},
        )


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_key", sa.String(length=120), nullable=False, server_default="")
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_key", sa.String(length=201), nullable=False, server_default="")
        )
    with op.batch_alter_table("role_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title_key", sa.String(length=120), nullable=False, server_default="")
        )

    _fill_unique("team", "name")
    _fill_unique("role_profile", "title")
    conn = op.get_bind()
    for row_id, first, last in conn.execute(
        sa.text("SELECT id, first_name, last_name FROM person")
    ).all():
        conn.execute(
            sa.text("UPDATE person SET name_key = :key WHERE id = :id"),
            {"key": _fold(f"{first} {last}".strip()), "id": row_id},
        )

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_name_key"), ["name_key"], unique=True)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_key"), ["name_key"], unique=False)
    with op.batch_alter_table("role_profile", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_profile_title_key"), ["title_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("role_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_profile_title_key"))
        batch_op.drop_column("title_key")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_key"))
        batch_op.drop_column("name_key")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_name_key"))
        batch_op.drop_column("name_key")
