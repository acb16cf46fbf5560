"""seats: erasure ledger and audit log (append-only), rating history append-only

Revision ID: 0040_seats
Revises: 0001_core
Create Date: 2026-12-01 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0040_seats"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("seats",)
depends_on: str | tuple[str, ...] | None = ("0003_skills",)

# Rows that record what happened are never rewritten. Rating history may be
# moved to another skill when two skills are merged, but a level, kind, date or
# person once recorded stays.
_APPEND_ONLY = {
    "seats_erasure": None,
    "seats_audit": None,
    "skill_rating": ("person_id", "kind", "level", "rated_on"),
}


def upgrade() -> None:
    op.create_table(
        "seats_erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("person_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_seats_erasure_person_id", "seats_erasure", ["person_id"])
    op.create_table(
        "seats_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_seats_audit_at", "seats_audit", ["at"])
    op.create_index("ix_seats_audit_subject_id", "seats_audit", ["subject_id"])
    dialect = op.get_bind().dialect.name
    for table, columns in _APPEND_ONLY.items():
        if dialect == "sqlite":
            of = f" OF {', '.join(columns)}" if columns else ""
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE{of} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        else:
            condition = (
                " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)
                if columns
                else "TRUE"
            )
            op.execute(
                f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF {condition} THEN RAISE EXCEPTION '{table} is append-only'; END IF; "
                f"RETURN NEW; END $$"
            )
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in _APPEND_ONLY:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    op.drop_table("seats_audit")
    op.drop_table("seats_erasure")
