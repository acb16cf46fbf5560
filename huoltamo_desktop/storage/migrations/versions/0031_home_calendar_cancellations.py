"""home: the calendar remembers each event's day and title, so a removed one can be cancelled

Revision ID: 0031_home_calendar
Revises: 0030_home
Create Date: 2026-12-01 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0031_home_calendar"
down_revision: str | None = "0030_home"
branch_labels: str | tuple[str, ...] | None = ("home_calendar",)
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    # Constant defaults let SQLite add the columns in place, without a copy.
    op.add_column("home_calendar_entry", sa.Column("day", sa.Date(), nullable=True))
    op.add_column(
        "home_calendar_entry",
        sa.Column("summary", sa.String(length=300), nullable=False, server_default=""),
    )
    op.add_column(
        "home_calendar_entry",
        sa.Column("cancelled", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("home_calendar_entry") as batch:
        batch.drop_column("cancelled")
        batch.drop_column("summary")
        batch.drop_column("day")
