"""row versions on the home page's editable records (snoozes, dialogues, plan texts, figures)

Revision ID: 0040_home_row_versions
Revises: 0030_home
Create Date: 2026-12-01 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0040_home_row_versions"
down_revision: str | None = "0030_home"
branch_labels: str | tuple[str, ...] | None = ("home_row_versions",)
depends_on: str | tuple[str, ...] | None = None

TABLES = ("home_snooze", "home_dialogue", "home_plan_text", "home_figure_entry")


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
