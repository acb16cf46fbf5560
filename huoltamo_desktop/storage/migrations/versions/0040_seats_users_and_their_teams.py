"""seats: managers with their own passphrase, and the teams a team lead sees

Revision ID: 0040_seats_users
Revises: 0001_core
Create Date: 2026-12-01 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0040_seats_users"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("seats_users",)
depends_on: str | tuple[str, ...] | None = ("0040_seats",)


def upgrade() -> None:
    op.create_table(
        "seats_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("passphrase_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", name="uq_seats_user_person"),
    )
    op.create_index("ix_seats_user_person_id", "seats_user", ["person_id"])
    op.create_table(
        "seats_user_team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seat_user_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["seat_user_id"], ["seats_user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seat_user_id", "team_id", name="uq_seats_user_team"),
    )
    op.create_index("ix_seats_user_team_seat_user_id", "seats_user_team", ["seat_user_id"])


def downgrade() -> None:
    op.drop_table("seats_user_team")
    op.drop_table("seats_user")
