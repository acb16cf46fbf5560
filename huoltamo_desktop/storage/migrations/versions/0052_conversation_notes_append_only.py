"""conversation notes append-only: an edit adds an entry naming the one it replaces

Revision ID: 0052_conversation_notes
Revises: 0004_conversations
Create Date: 2026-12-01 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0052_conversation_notes"
down_revision: str | None = "0004_conversations"
branch_labels: str | tuple[str, ...] | None = ("conversation_notes",)
depends_on: str | tuple[str, ...] | None = ("0040_row_versions",)

# Reflected SQLite constraints have no names; batch mode names them by this.
_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_UNIQUE = "uq_conversation_note_conversation_id"


def _unique_name(bind: sa.engine.Connection) -> str | None:
    for unique in sa.inspect(bind).get_unique_constraints("conversation_note"):
        if unique["column_names"] == ["conversation_id", "topic_key"]:
            return unique["name"]
    return None


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table("conversation_note", naming_convention=_NAMES) as batch:
        # Two entries of one topic now live side by side.
        batch.drop_constraint(_UNIQUE if sqlite else _unique_name(bind) or _UNIQUE, type_="unique")
        batch.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("written_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE conversation_note SET written_at = (SELECT c.updated_at FROM conversation c "
        "WHERE c.id = conversation_note.conversation_id)"
    )
    with op.batch_alter_table("conversation_note") as batch:
        batch.alter_column("written_at", existing_type=sa.DateTime(), nullable=False)
    if sqlite:
        op.execute(
            "CREATE TRIGGER conversation_note_append_only BEFORE UPDATE ON conversation_note "
            "BEGIN SELECT RAISE(ABORT, 'conversation_note is append-only'); END"
        )
    else:
        op.execute(
            "CREATE FUNCTION conversation_note_append_only() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'conversation_note is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER conversation_note_append_only BEFORE UPDATE ON conversation_note "
            "FOR EACH ROW EXECUTE FUNCTION conversation_note_append_only()"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS conversation_note_append_only")
    else:
        op.execute("DROP TRIGGER IF EXISTS conversation_note_append_only ON conversation_note")
        op.execute("DROP FUNCTION IF EXISTS conversation_note_append_only()")
    # One row a topic again: the topic's current entries joined, the history dropped.
    rows = bind.execute(
        sa.text(
            "SELECT id, conversation_id, topic_key, text, replaces_id FROM conversation_note "
            "ORDER BY id"
        )
    ).all()
    replaced = {r.replaces_id for r in rows if r.replaces_id is not None}
    kept: dict[tuple[int, str], list[str]] = {}
    for r in rows:
        if r.id not in replaced and r.text.strip():
            kept.setdefault((r.conversation_id, r.topic_key), []).append(r.text)
    op.execute("DELETE FROM conversation_note")
    with op.batch_alter_table("conversation_note", naming_convention=_NAMES) as batch:
        batch.drop_column("written_at")
        batch.drop_column("replaces_id")
        batch.create_unique_constraint(
            _UNIQUE
            if bind.dialect.name == "sqlite"
            else "conversation_note_conversation_id_topic_key_key",
            ["conversation_id", "topic_key"],
        )
    for (conversation_id, topic_key), texts in kept.items():
        bind.execute(
            sa.text(
                "INSERT INTO conversation_note (conversation_id, topic_key, text) "
                "VALUES (:c, :k, :t)"
            ),
            {"c": conversation_id, "k": topic_key, "t": "\n\n".join(texts)},
        )
