"""people: the job title in Swedish and English for documents in those languages

Revision ID: 0006_people_titles
Revises: 0001_core
Create Date: 2026-12-01 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_people_titles"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("people_titles",)
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("job_title_sv", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("job_title_en", sa.String(length=120), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("job_title_en")
        batch_op.drop_column("job_title_sv")
