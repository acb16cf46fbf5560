"""conversations: the summary frozen when a version is marked final

Revision ID: 0005_conversations_snapshot
Revises: 0004_conversations
Create Date: 2026-12-01 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_conversations_snapshot"
down_revision: str | None = "0004_conversations"
branch_labels: str | tuple[str, ...] | None = ("conversations_snapshot",)
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("summary_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id"),
    )


def downgrade() -> None:
    op.drop_table("conversation_snapshot")
