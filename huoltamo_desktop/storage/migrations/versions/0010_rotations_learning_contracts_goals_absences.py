"""rotations: learning contracts, their goals, absences, card-dependent skills, action links

Revision ID: 0010_rotations
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010_rotations"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("rotations",)
# Goals name skills and become skill ratings; a rotation can follow up a conversation's action.
depends_on: str | tuple[str, ...] | None = ("0003_skills", "0004_conversations")


def upgrade() -> None:
    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_absence_person_id"), "absence", ["person_id"], unique=False)
    op.create_table(
        "rotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("cover_id", sa.Integer(), nullable=True),
        sa.Column("destination", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("share_percent", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("warnings_accepted", sa.Text(), nullable=False),
        sa.Column("outcome_person", sa.Text(), nullable=False),
        sa.Column("outcome_host", sa.Text(), nullable=False),
        sa.Column("outcome_confirmed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cover_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["host_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["partner_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("cover_id", "host_id", "partner_id", "person_id", "status"):
        op.create_index(op.f(f"ix_rotation_{column}"), "rotation", [column], unique=False)
    op.create_table(
        "skill_card_requirement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("card_type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["card_type_id"], ["card_type.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("card_type_id", "skill_id"):
        op.create_index(
            op.f(f"ix_skill_card_requirement_{column}"),
            "skill_card_requirement",
            [column],
            unique=False,
        )
    op.create_table(
        "rotation_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rotation_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("target_level", sa.Integer(), nullable=False),
        sa.Column("proposed_level", sa.Integer(), nullable=True),
        sa.Column("rating_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["rating_id"], ["skill_rating.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["rotation_id"], ["rotation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("rating_id", "rotation_id", "skill_id"):
        op.create_index(op.f(f"ix_rotation_goal_{column}"), "rotation_goal", [column], unique=False)
    op.create_table(
        "rotation_action_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rotation_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["conversation_action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["rotation_id"], ["rotation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("action_id", "rotation_id"):
        op.create_index(
            op.f(f"ix_rotation_action_link_{column}"),
            "rotation_action_link",
            [column],
            unique=False,
        )


def downgrade() -> None:
    op.drop_table("rotation_action_link")
    op.drop_table("rotation_goal")
    op.drop_table("skill_card_requirement")
    op.drop_table("rotation")
    op.drop_table("absence")
