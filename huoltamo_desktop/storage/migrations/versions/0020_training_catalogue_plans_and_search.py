"""training: providers, offerings, runs, funding rules, budgets, plans; the search index

Revision ID: 0020_training
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0020_training"
down_revision: str | None = "0001_core"
branch_labels: str | tuple[str, ...] | None = ("training",)
# Plans refer to people's skill ratings and cards, and to agreed actions of conversations.
depends_on: str | tuple[str, ...] | None = ("0003_skills", "0004_conversations")

# The full-text index over training_offering.search_text. On SQLite an FTS5 table with
# the trigram tokenizer: any three letters match inside a word ("kortti" finds
# "työturvallisuuskortti"), case is folded but ä/ö/å stay letters of their own.
# Tables named fts_* belong to the migrations, not to the models.
FTS_SQLITE = (
    "CREATE VIRTUAL TABLE fts_training_offering USING fts5("
    "search_text, content='training_offering', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER fts_training_offering_ai AFTER INSERT ON training_offering BEGIN "
    "INSERT INTO fts_training_offering(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER fts_training_offering_ad AFTER DELETE ON training_offering BEGIN "
    "INSERT INTO fts_training_offering(fts_training_offering, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER fts_training_offering_au AFTER UPDATE OF search_text ON training_offering "
    "BEGIN INSERT INTO fts_training_offering(fts_training_offering, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO fts_training_offering(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def _postgres_trigram_index() -> None:
    """On PostgreSQL a trigram index serves the same ILIKE '%word%' search.

    pg_trgm is a trusted extension (the database owner may create it); where it
    cannot be created the search still works, as a plain scan.
    """
    bind = op.get_bind()
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return
    savepoint.commit()
    bind.exec_driver_sql(
        "CREATE INDEX ix_training_offering_search_trgm ON training_offering "
        "USING gin (search_text gin_trgm_ops)"
    )


def upgrade() -> None:
    op.create_table(
        "training_funding_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("name_fi", sa.String(length=200), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("who_fi", sa.Text(), server_default="", nullable=False),
        sa.Column("who_sv", sa.Text(), server_default="", nullable=False),
        sa.Column("who_en", sa.Text(), server_default="", nullable=False),
        sa.Column("share_percent", sa.Integer(), nullable=True),
        sa.Column("amount_fi", sa.String(length=300), nullable=False),
        sa.Column("amount_sv", sa.String(length=300), nullable=False),
        sa.Column("amount_en", sa.String(length=300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("note_fi", sa.Text(), server_default="", nullable=False),
        sa.Column("note_sv", sa.Text(), server_default="", nullable=False),
        sa.Column("note_en", sa.Text(), server_default="", nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "training_provider",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=120), nullable=False),
        sa.Column("languages", sa.String(length=40), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("trust_fi", sa.Text(), server_default="", nullable=False),
        sa.Column("trust_sv", sa.Text(), server_default="", nullable=False),
        sa.Column("trust_en", sa.Text(), server_default="", nullable=False),
        sa.Column("trust_source", sa.String(length=500), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "training_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "team_id", name="uq_training_budget_year_team"),
    )
    with op.batch_alter_table("training_budget", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_budget_team_id"), ["team_id"], unique=False)

    op.create_table(
        "training_offering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title_fi", sa.String(length=300), nullable=False),
        sa.Column("title_sv", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("summary_fi", sa.Text(), server_default="", nullable=False),
        sa.Column("summary_sv", sa.Text(), server_default="", nullable=False),
        sa.Column("summary_en", sa.Text(), server_default="", nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("duration_fi", sa.String(length=200), nullable=False),
        sa.Column("duration_sv", sa.String(length=200), nullable=False),
        sa.Column("duration_en", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.String(length=40), nullable=False),
        sa.Column("career_stage", sa.String(length=12), nullable=False),
        sa.Column("cost_cents", sa.Integer(), nullable=True),
        sa.Column("cost_note_fi", sa.String(length=300), nullable=False),
        sa.Column("cost_note_sv", sa.String(length=300), nullable=False),
        sa.Column("cost_note_en", sa.String(length=300), nullable=False),
        sa.Column("funding", sa.String(length=300), nullable=False),
        sa.Column("card_key", sa.String(length=80), nullable=False),
        sa.Column("esco_uri", sa.String(length=300), nullable=False),
        sa.Column("opintopolku_oid", sa.String(length=120), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("sources", sa.Text(), server_default="", nullable=False),
        sa.Column("verified", sa.String(length=8), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["training_provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("training_offering", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_offering_format"), ["format"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_offering_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_training_offering_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_offering_retired"), ["retired"], unique=False)

    op.create_table(
        "training_offering_skill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("skill_key", sa.String(length=120), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["offering_id"], ["training_offering.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("offering_id", "skill_key", name="uq_offering_skill"),
    )
    with op.batch_alter_table("training_offering_skill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_offering_skill_offering_id"), ["offering_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_offering_skill_skill_key"), ["skill_key"], unique=False
        )

    op.create_table(
        "training_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=True),
        sa.Column("seats", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["offering_id"], ["training_offering.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("training_run", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_run_offering_id"), ["offering_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_run_starts_on"), ["starts_on"], unique=False)

    op.create_table(
        "training_plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("offering_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("cost_cents", sa.Integer(), nullable=False),
        sa.Column("paid_by", sa.String(length=10), nullable=False),
        sa.Column("funding_rule_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=14), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rated_on", sa.Date(), nullable=True),
        sa.Column("applied", sa.String(length=8), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("outcome_confirmed", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["conversation_action.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["funding_rule_id"], ["training_funding_rule.id"], ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["offering_id"], ["training_offering.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["training_run.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("training_plan_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_plan_item_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_plan_item_funding_rule_id"), ["funding_rule_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_plan_item_offering_id"), ["offering_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_plan_item_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_plan_item_planned_on"), ["planned_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_plan_item_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_plan_item_status"), ["status"], unique=False)

    op.create_table(
        "training_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_item_id", sa.Integer(), nullable=False),
        sa.Column("skill_rating_id", sa.Integer(), nullable=True),
        sa.Column("person_card_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_card_id"], ["person_card.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_item_id"], ["training_plan_item.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_rating_id"], ["skill_rating.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("training_outcome", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_outcome_person_card_id"), ["person_card_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_outcome_plan_item_id"), ["plan_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_outcome_skill_rating_id"), ["skill_rating_id"], unique=False
        )

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in FTS_SQLITE:
            op.execute(statement)
    elif dialect == "postgresql":
        _postgres_trigram_index()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS fts_training_offering_{name}")
        op.execute("DROP TABLE IF EXISTS fts_training_offering")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_training_offering_search_trgm")
    with op.batch_alter_table("training_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_outcome_skill_rating_id"))
        batch_op.drop_index(batch_op.f("ix_training_outcome_plan_item_id"))
        batch_op.drop_index(batch_op.f("ix_training_outcome_person_card_id"))

    op.drop_table("training_outcome")
    with op.batch_alter_table("training_plan_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_plan_item_status"))
        batch_op.drop_index(batch_op.f("ix_training_plan_item_run_id"))
        batch_op.drop_index(batch_op.f("ix_training_plan_item_planned_on"))
        batch_op.drop_index(batch_op.f("ix_training_plan_item_person_id"))
        batch_op.drop_index(batch_op.f("ix_training_plan_item_offering_id"))
        batch_op.drop_index(batch_op.f("ix_training_plan_item_funding_rule_id"))
        batch_op.drop_index(batch_op.f("ix_training_plan_item_action_id"))

    op.drop_table("training_plan_item")
    with op.batch_alter_table("training_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_run_starts_on"))
        batch_op.drop_index(batch_op.f("ix_training_run_offering_id"))

    op.drop_table("training_run")
    with op.batch_alter_table("training_offering_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_offering_skill_skill_key"))
        batch_op.drop_index(batch_op.f("ix_training_offering_skill_offering_id"))

    op.drop_table("training_offering_skill")
    with op.batch_alter_table("training_offering", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_offering_retired"))
        batch_op.drop_index(batch_op.f("ix_training_offering_provider_id"))
        batch_op.drop_index(batch_op.f("ix_training_offering_kind"))
        batch_op.drop_index(batch_op.f("ix_training_offering_format"))

    op.drop_table("training_offering")
    with op.batch_alter_table("training_budget", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_budget_team_id"))

    op.drop_table("training_budget")
    op.drop_table("training_provider")
    op.drop_table("training_funding_rule")
