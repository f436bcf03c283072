"""Named staff accounts, response deadlines and the audit trail (issue #12): table
staff_users; escalations gain due_at (filled in for open rows from their level's
deadline), acknowledged_by, resolved_by and the backup webhook's state; table
escalation_events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

from datetime import timedelta, timezone
from typing import Sequence, Set, Tuple, Union

import sqlalchemy as sa
from alembic import context, op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def escalation_columns() -> list:
    return [
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=128), nullable=True),
        sa.Column("resolved_by", sa.String(length=128), nullable=True),
        sa.Column("backup_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("backup_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("backup_next_attempt_at", sa.DateTime(timezone=True), nullable=True),
    ]


def fill_due_at() -> None:
    """Open escalations written before deadlines existed get theirs, from created_at."""
    if context.is_offline_mode():
        return
    from settings import response_deadline_minutes

    escalations = sa.table("escalations", sa.column("id"), sa.column("level"),
                           sa.column("created_at", sa.DateTime(timezone=True)), sa.column("status"),
                           sa.column("due_at", sa.DateTime(timezone=True)))
    # Only rows without one: a database made by today's create_all may have them already.
    bind = op.get_bind()
    minutes = response_deadline_minutes()
    rows = bind.execute(sa.select(escalations.c.id, escalations.c.level, escalations.c.created_at)
                        .where(escalations.c.status == "open", escalations.c.due_at.is_(None),
                               escalations.c.level.in_(list(minutes)))).all()
    for row_id, level, created in rows:
        if created is None:
            continue
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        bind.execute(sa.update(escalations).where(escalations.c.id == row_id)
                     .values(due_at=created + timedelta(minutes=minutes[level])))


def present() -> Tuple[Set[str], Set[str], Set[str]]:
    """(tables, escalation columns, escalation indexes) already there: a database made by
    create_all of today's models before Alembic (see 0001) has them all."""
    if context.is_offline_mode():
        return set(), set(), set()
    inspector = sa.inspect(op.get_bind())
    tables = set(inspector.get_table_names())
    columns = {column["name"] for column in inspector.get_columns("escalations")}
    indexes = {index["name"] for index in inspector.get_indexes("escalations")}
    return tables, columns, indexes


def upgrade() -> None:
    tables, columns, indexes = present()
    missing = [column for column in escalation_columns() if column.name not in columns]
    if missing:
        with op.batch_alter_table("escalations") as batch:
            for column in missing:
                batch.add_column(column)
    if "ix_escalations_due_at" not in indexes:
        op.create_index("ix_escalations_due_at", "escalations", ["due_at"])
    fill_due_at()
    if "escalation_events" not in tables:
        create_escalation_events()
    if "staff_users" not in tables:
        create_staff_users()


def create_escalation_events() -> None:
    op.create_table(
        "escalation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("escalation_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("staff_user", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["escalation_id"], ["escalations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_escalation_events_escalation_id", "escalation_events", ["escalation_id"])


def create_staff_users() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )


def downgrade() -> None:
    op.drop_table("staff_users")
    op.drop_table("escalation_events")
    op.drop_index("ix_escalations_due_at", "escalations")
    with op.batch_alter_table("escalations") as batch:
        for column in reversed(escalation_columns()):
            batch.drop_column(column.name)
