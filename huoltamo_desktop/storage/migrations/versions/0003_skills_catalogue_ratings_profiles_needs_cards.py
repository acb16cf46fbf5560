"""skills: catalogue, ratings, targets, role profiles, future needs, cards

Revision ID: 0003_skills
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_skills"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("skills",)
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "card_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starter_key", sa.String(length=80), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_fi", sa.String(length=120), nullable=True),
        sa.Column("name_sv", sa.String(length=120), nullable=True),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("validity_years", sa.Integer(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("starter_key"),
    )
    op.create_table(
        "role_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("starter_key", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("title"),
    )
    op.create_table(
        "skill_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starter_key", sa.String(length=60), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_fi", sa.String(length=120), nullable=True),
        sa.Column("name_sv", sa.String(length=120), nullable=True),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("starter_key"),
    )
    op.create_table(
        "role_profile_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("card_type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["card_type_id"], ["card_type.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["profile_id"], ["role_profile.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("profile_id", "card_type_id", name="uq_role_profile_card"),
    )
    with op.batch_alter_table("role_profile_card", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_role_profile_card_card_type_id"), ["card_type_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_role_profile_card_profile_id"), ["profile_id"], unique=False
        )

    op.create_table(
        "skill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starter_key", sa.String(length=80), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_fi", sa.String(length=120), nullable=True),
        sa.Column("name_sv", sa.String(length=120), nullable=True),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("description_fi", sa.String(length=1000), nullable=True),
        sa.Column("description_sv", sa.String(length=1000), nullable=True),
        sa.Column("description_en", sa.String(length=1000), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["skill_category.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("starter_key"),
    )
    with op.batch_alter_table("skill", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_skill_retired"), ["retired"], unique=False)

    op.create_table(
        "future_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("people_needed", sa.Integer(), nullable=False),
        sa.Column("by_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("future_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_future_need_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "person_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("card_type_id", sa.Integer(), nullable=False),
        sa.Column("obtained_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["card_type_id"], ["card_type.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person_card", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_card_card_type_id"), ["card_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_card_person_id"), ["person_id"], unique=False)

    op.create_table(
        "role_profile_skill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["role_profile.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("profile_id", "skill_id", name="uq_role_profile_skill"),
    )
    with op.batch_alter_table("role_profile_skill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_role_profile_skill_profile_id"), ["profile_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_role_profile_skill_skill_id"), ["skill_id"], unique=False
        )

    op.create_table(
        "skill_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("skill_rating", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_rating_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "ix_skill_rating_person_skill", ["person_id", "skill_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_skill_rating_skill_id"), ["skill_id"], unique=False)

    op.create_table(
        "skill_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("wish", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "skill_id", name="uq_skill_target_person_skill"),
    )
    with op.batch_alter_table("skill_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_target_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_skill_target_skill_id"), ["skill_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("skill_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_target_skill_id"))
        batch_op.drop_index(batch_op.f("ix_skill_target_person_id"))

    op.drop_table("skill_target")
    with op.batch_alter_table("skill_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_rating_skill_id"))
        batch_op.drop_index("ix_skill_rating_person_skill")
        batch_op.drop_index(batch_op.f("ix_skill_rating_person_id"))

    op.drop_table("skill_rating")
    with op.batch_alter_table("role_profile_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_profile_skill_skill_id"))
        batch_op.drop_index(batch_op.f("ix_role_profile_skill_profile_id"))

    op.drop_table("role_profile_skill")
    with op.batch_alter_table("person_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_card_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_card_card_type_id"))

    op.drop_table("person_card")
    with op.batch_alter_table("future_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_future_need_skill_id"))

    op.drop_table("future_need")
    with op.batch_alter_table("skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_retired"))
        batch_op.drop_index(batch_op.f("ix_skill_category_id"))

    op.drop_table("skill")
    with op.batch_alter_table("role_profile_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_profile_card_profile_id"))
        batch_op.drop_index(batch_op.f("ix_role_profile_card_card_type_id"))

    op.drop_table("role_profile_card")
    op.drop_table("skill_category")
    op.drop_table("role_profile")
    op.drop_table("card_type")
