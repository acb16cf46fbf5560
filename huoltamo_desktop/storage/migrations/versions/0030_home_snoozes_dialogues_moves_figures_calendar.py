"""home: snoozes, co-operation dialogues, internal moves, entered figures, calendar, plan texts

Revision ID: 0030_home
Revises: 0001_core
Create Date: 2026-12-01 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0030_home"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("home",)
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "home_snooze",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_key"),
    )
    with op.batch_alter_table("home_snooze", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_home_snooze_person_id"), ["person_id"], unique=False)
    op.create_table(
        "home_dialogue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topics", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("home_dialogue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_home_dialogue_held_on"), ["held_on"], unique=False)
    op.create_table(
        "home_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("from_text", sa.String(length=120), nullable=False),
        sa.Column("to_text", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("home_move", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_home_move_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_home_move_moved_on"), ["moved_on"], unique=False)
    op.create_table(
        "home_calendar_entry",
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    op.create_table(
        "home_plan_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "section"),
    )
    op.create_table(
        "home_figure_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=30), nullable=False),
        sa.Column("period_kind", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("metric", "period_kind", "period_start"),
    )
    with op.batch_alter_table("home_figure_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_home_figure_entry_metric"), ["metric"], unique=False)


def downgrade() -> None:
    op.drop_table("home_figure_entry")
    op.drop_table("home_plan_text")
    op.drop_table("home_calendar_entry")
    op.drop_table("home_move")
    op.drop_table("home_dialogue")
    op.drop_table("home_snooze")
