"""employee mode: secrets, own work, shared copies

Revision ID: 0002_employee
Revises: 0001_core
Create Date: 2026-11-27 18:37:36.939135
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_employee"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("employee",)
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "employee_manager_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("passphrase_hash", sa.String(length=200), nullable=True),
        sa.Column("laptop_not_shared", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "employee_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("answers_sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("employee_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_assessment_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "employee_credential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("kdf_salt", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("recovery_salt", sa.LargeBinary(), nullable=True),
        sa.Column("recovery_wrapped_key", sa.LargeBinary(), nullable=True),
        sa.Column("new_secret_allowed", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id"),
    )
    with op.batch_alter_table("employee_credential", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_credential_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "employee_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id"),
    )
    with op.batch_alter_table("employee_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employee_plan_person_id"), ["person_id"], unique=False)

    op.create_table(
        "employee_reflection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("exercise_key", sa.String(length=80), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("text_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "exercise_key"),
    )
    with op.batch_alter_table("employee_reflection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_reflection_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "employee_share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "kind"),
    )
    with op.batch_alter_table("employee_share", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_share_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("employee_share", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_share_person_id"))

    op.drop_table("employee_share")
    with op.batch_alter_table("employee_reflection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_reflection_person_id"))

    op.drop_table("employee_reflection")
    with op.batch_alter_table("employee_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_plan_person_id"))

    op.drop_table("employee_plan")
    with op.batch_alter_table("employee_credential", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_credential_person_id"))

    op.drop_table("employee_credential")
    with op.batch_alter_table("employee_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_assessment_person_id"))

    op.drop_table("employee_assessment")
    op.drop_table("employee_manager_secret")
