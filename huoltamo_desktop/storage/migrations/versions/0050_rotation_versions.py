"""row versions on the rotations a manager edits (rotations, their goals, absences)

Revision ID: 0050_rotation_versions
Revises: 0010_rotations
Create Date: 2026-12-01 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0050_rotation_versions"
down_revision: str | None = "0010_rotations"
branch_labels: str | tuple[str, ...] | None = ("rotation_versions",)
depends_on: str | tuple[str, ...] | None = None

# SQLAlchemy checks and bumps row_version on every UPDATE (domain/versioning.py).
TABLES = ("rotation", "rotation_goal", "absence")


def upgrade() -> None:
    for table in TABLES:
        # A constant default lets SQLite add the column in place, without a copy.
        op.add_column(
            table,
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
