"""row versions on the training runs and outcomes (the other training tables have them)

Revision ID: 0051_training_versions
Revises: 0020_training
Create Date: 2026-12-01 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0051_training_versions"
down_revision: str | None = "0020_training"
branch_labels: str | tuple[str, ...] | None = ("training_versions",)
depends_on: str | tuple[str, ...] | None = None

TABLES = ("training_run", "training_outcome")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
