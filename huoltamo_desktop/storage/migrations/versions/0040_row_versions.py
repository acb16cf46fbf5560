"""row versions on every editable record (optimistic locking)

Revision ID: 0040_row_versions
Revises: 0004_conversations
Create Date: 2026-12-01 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0040_row_versions"
down_revision: str | None = "0004_conversations"
branch_labels: str | tuple[str, ...] | None = ("row_versions",)
depends_on: str | tuple[str, ...] | None = ("0002_employee",)

# The editable tables as they stood at these revisions; SQLAlchemy checks and
# bumps row_version on every UPDATE (domain/versioning.py).
TABLES = (
    "organisation",
    "team",
    "person",
    "setting",
    "employee_assessment",
    "employee_reflection",
    "employee_plan",
    "skill_category",
    "skill",
    "skill_target",
    "role_profile",
    "role_profile_skill",
    "card_type",
    "person_card",
    "future_need",
    "conversation",
    "conversation_note",
    "conversation_action",
    "conversation_template_edit",
    "conversation_custom_question",
)


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
