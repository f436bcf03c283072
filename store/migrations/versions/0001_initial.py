"""The schema as it was when migrations began: escalations (one open episode per
conversation), their message ids, webhook deliveries, deleted conversations, staff sessions.

Also adopts a database made before Alembic, by the old `create_all` and its `ALTER TABLE
escalations ADD COLUMN` at start (`git log --follow -p store/database.py`): the tables it lacks are
made, the escalation columns added since the first release are added (message_id with
its UNIQUE constraint, which the old ALTER TABLE left out), and the one-open-episode
index is made unless old rows break it (store.database.migrate makes it at a later
start, once staff have closed the extra ones). Other tables that exist are left as they
are.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""
from __future__ import annotations

import logging
from typing import Sequence, Set, Union

import sqlalchemy as sa
from alembic import context, op

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

logger = logging.getLogger("store.migrations")

OPEN_EPISODE_INDEX = "uq_escalations_open_episode"
MESSAGE_ID_UNIQUE = "escalations_message_id_key"  # the name PostgreSQL gives it in CREATE TABLE
OPEN_EPISODE_WHERE = "status = 'open' AND level IN ('urgent', 'emergency')"
CLINICAL_LEVELS = ("urgent", "emergency")


def escalation_columns_added_later() -> list:
    """The escalation columns the old code added by ALTER TABLE to older databases, in the
    order it added them (message_id has its UNIQUE constraint in a new table)."""
    return [
        sa.Column("message_id", sa.String(length=64), nullable=True),
        sa.Column("repeat_count", sa.Integer(), server_default="1", nullable=False),
        sa.Column("last_message", sa.Text(), nullable=True),
        sa.Column("last_message_id", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("patient_deleted", sa.Boolean(), server_default=sa.text("false"),
                  nullable=False),
    ]


def existing_tables() -> Set[str]:
    if context.is_offline_mode():  # `--sql`: a script for a new, empty database
        return set()
    return set(sa.inspect(op.get_bind()).get_table_names())


def create_escalations() -> None:
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=True),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("red_flags", sa.Text(), nullable=False),
        sa.Column("patient_message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        *escalation_columns_added_later()[1:],
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    op.create_index("ix_escalations_conversation_id", "escalations", ["conversation_id"])
    op.create_index("ix_escalations_created_at", "escalations", ["created_at"])


def complete_escalations() -> None:
    """An escalations table from before Alembic: the columns it lacks added, and the
    UNIQUE constraint of message_id where ALTER TABLE added the column without it."""
    inspector = sa.inspect(op.get_bind())
    present = {column["name"] for column in inspector.get_columns("escalations")}
    for column in escalation_columns_added_later():
        if column.name not in present:
            op.add_column("escalations", column)
    unique = [*inspector.get_unique_constraints("escalations"),
              *(index for index in inspector.get_indexes("escalations") if index["unique"])]
    if not any(found["column_names"] == ["message_id"] for found in unique):
        add_message_id_constraint()


def add_message_id_constraint() -> None:
    escalations = sa.table("escalations", sa.column("message_id"))
    doubled = op.get_bind().execute(
        sa.select(escalations.c.message_id).where(escalations.c.message_id.isnot(None))
        .group_by(escalations.c.message_id).having(sa.func.count() > 1).limit(1)).first()
    if doubled is not None:  # only a race of the old code could write one message twice
        logger.warning("some patient messages have two escalations: escalations.message_id "
                       "stays without its UNIQUE constraint (escalation_messages counts each "
                       "message once)")
        return
    if op.get_context().dialect.name != "sqlite":
        op.create_unique_constraint(MESSAGE_ID_UNIQUE, "escalations", ["message_id"])
        return
    # SQLite adds a constraint only by copying the table, which would lose the WHERE of
    # the partial open-episode index: it goes first and is made again after.
    if OPEN_EPISODE_INDEX in {index["name"] for index in
                              sa.inspect(op.get_bind()).get_indexes("escalations")}:
        op.drop_index(OPEN_EPISODE_INDEX, "escalations")
    with op.batch_alter_table("escalations", recreate="always") as batch:
        batch.create_unique_constraint(MESSAGE_ID_UNIQUE, ["message_id"])


def create_open_episode_index() -> None:
    if op.get_context().dialect.name not in ("sqlite", "postgresql"):
        return
    if not context.is_offline_mode():
        escalations = sa.table("escalations", sa.column("conversation_id"),
                               sa.column("status"), sa.column("level"))
        if OPEN_EPISODE_INDEX in {index["name"] for index in
                                  sa.inspect(op.get_bind()).get_indexes("escalations")}:
            return
        doubled = op.get_bind().execute(
            sa.select(escalations.c.conversation_id)
            .where(escalations.c.status == "open", escalations.c.level.in_(CLINICAL_LEVELS))
            .group_by(escalations.c.conversation_id)
            .having(sa.func.count() > 1).limit(1)).first()
        if doubled is not None:
            logger.warning("some conversations have more than one open urgent or emergency "
                           "escalation: index %s is made once they are acknowledged or "
                           "resolved", OPEN_EPISODE_INDEX)
            return
    op.create_index(OPEN_EPISODE_INDEX, "escalations", ["conversation_id"], unique=True,
                    sqlite_where=sa.text(OPEN_EPISODE_WHERE),
                    postgresql_where=sa.text(OPEN_EPISODE_WHERE))


def upgrade() -> None:
    tables = existing_tables()
    if "escalations" in tables:
        complete_escalations()
    else:
        create_escalations()
    create_open_episode_index()
    if "escalation_messages" not in tables:
        op.create_table(
            "escalation_messages",
            sa.Column("message_id", sa.String(length=64), nullable=False),
            sa.Column("escalation_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["escalation_id"], ["escalations.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("message_id"),
        )
        op.create_index("ix_escalation_messages_escalation_id", "escalation_messages",
                        ["escalation_id"])
    if "escalation_deliveries" not in tables:
        op.create_table(
            "escalation_deliveries",
            sa.Column("escalation_id", sa.Integer(), nullable=False),
            sa.Column("attempts", sa.Integer(), nullable=False),
            sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("gave_up_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("last_error", sa.String(length=255), nullable=True),
            sa.ForeignKeyConstraint(["escalation_id"], ["escalations.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("escalation_id"),
        )
    if "deleted_conversations" not in tables:
        op.create_table(
            "deleted_conversations",
            sa.Column("conversation_hash", sa.String(length=64), nullable=False),
            sa.Column("deleted_at", sa.Float(), nullable=False),
            sa.PrimaryKeyConstraint("conversation_hash"),
        )
    if "staff_sessions" not in tables:
        op.create_table(
            "staff_sessions",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("staff_user", sa.String(length=128), nullable=False),
            sa.Column("credential", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("token_hash"),
        )
        op.create_index("ix_staff_sessions_expires_at", "staff_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_table("staff_sessions")
    op.drop_table("deleted_conversations")
    op.drop_table("escalation_deliveries")
    op.drop_table("escalation_messages")
    op.drop_table("escalations")
