"""Every table of the project's own database, as SQLAlchemy models on one `Base`.

The schema itself is made and changed by the Alembic migrations in store/migrations
(store/database.py `migrate`); tests/store/test_migrations.py checks that they agree with
these models. Rasa's own tables (the tracker store's `events`) are not here: Rasa makes
them (store/rasa_events.py reads them).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: Optional[datetime]) -> Optional[datetime]:
    """SQLite returns naive datetimes; every datetime this project stores is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


# At most one open urgent or emergency escalation per conversation. It makes two reports
# written at the same moment collide (and the loser retry as an update) on PostgreSQL;
# SQLite already runs the writes one after the other. Partial indexes: both have them.
OPEN_EPISODE_INDEX = "uq_escalations_open_episode"
OPEN_EPISODE_WHERE = "status = 'open' AND level IN ('urgent', 'emergency')"


class Escalation(Base):
    """Something the care team must see: an urgent or emergency report, or a request for a person.

    One urgent or emergency row is one episode: while it is open, further reports in the
    same conversation update it (store/escalations.py) instead of adding rows.
    """

    __tablename__ = "escalations"
    __table_args__ = (
        Index(OPEN_EPISODE_INDEX, "conversation_id", unique=True,
              sqlite_where=text(OPEN_EPISODE_WHERE), postgresql_where=text(OPEN_EPISODE_WHERE)),
    )

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    # Rasa's id of the patient message that caused it: one escalation per message, even
    # when the reconciler (jobs/reconcile.py) records it late.
    message_id = Column(String(64), nullable=True, unique=True)
    level = Column(String(32), nullable=False)  # emergency | urgent | contact_request
    reason = Column(Text, nullable=False)
    red_flags = Column(Text, nullable=False, default="")  # comma-separated finding names
    patient_message = Column(Text, nullable=False, default="")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    status = Column(String(16), nullable=False, default="open")  # open | acknowledged | resolved
    acknowledged_at = Column(DateTime(timezone=True), nullable=True)
    resolved_at = Column(DateTime(timezone=True), nullable=True)
    # The episode so far: how many reports it holds, the latest one, and when it came.
    # `patient_message` and `message_id` stay those of the report that opened it.
    repeat_count = Column(Integer, nullable=False, default=1, server_default="1")
    last_message = Column(Text, nullable=True)
    last_message_id = Column(String(64), nullable=True)
    updated_at = Column(DateTime(timezone=True), nullable=True, default=utc_now)
    # The patient had the conversation deleted while this urgent or emergency escalation
    # was still open: kept for staff, without the patient's words, until acknowledged
    # (jobs/reconcile.py carry_out_deletions).
    patient_deleted = Column(Boolean, nullable=False, default=False, server_default=text("false"))
    # When the care team should have acknowledged it by (settings.response_deadline_minutes;
    # none for levels without a deadline). Past it while still open and unacknowledged, it
    # is overdue: listed first in the inbox, and the backup webhook is sent once.
    due_at = Column(DateTime(timezone=True), nullable=True, index=True)
    # Who acknowledged and resolved it (a staff username, or "staff-token" for scripts);
    # every change is also in escalation_events.
    acknowledged_by = Column(String(128), nullable=True)
    resolved_by = Column(String(128), nullable=True)
    # The backup webhook for an overdue escalation (jobs/webhooks.py): sent once, at
    # backup_sent_at; attempts are claimed one at a time so two pollers never both send.
    backup_sent_at = Column(DateTime(timezone=True), nullable=True)
    backup_attempts = Column(Integer, nullable=False, default=0, server_default="0")
    backup_next_attempt_at = Column(DateTime(timezone=True), nullable=True)


class EscalationEvent(Base):
    """The audit trail of an escalation: who acknowledged, noted, resolved (with what
    outcome) or reopened it, and when (store/escalations.py writes one per change)."""

    __tablename__ = "escalation_events"

    id = Column(Integer, primary_key=True)
    escalation_id = Column(Integer, ForeignKey("escalations.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    action = Column(String(16), nullable=False)  # acknowledged | note | resolved | reopened
    outcome = Column(String(32), nullable=True)  # for resolved: store/escalations.py OUTCOMES
    note = Column(Text, nullable=True)
    staff_user = Column(String(128), nullable=False)
    at = Column(DateTime(timezone=True), nullable=False)


class StaffUser(Base):
    """A member of the care team who signs in to the inbox (store/staff.py). The password
    is kept only as an argon2id hash; a disabled account cannot sign in, and its sessions
    stop working at once."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(128), nullable=False, default="")
    role = Column(String(16), nullable=False)  # nurse | admin
    password_hash = Column(String(255), nullable=False)
    disabled = Column(Boolean, nullable=False, default=False, server_default=text("false"))
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)


class DeletedConversation(Base):
    """A conversation deleted at its patient's request, by the SHA-256 of its id (the id
    itself is not kept), and when (Unix time). The tracker store refuses to write its
    history before that time back (rasa_addons/tracker_store.py), and the reconciler never records
    an escalation from it."""

    __tablename__ = "deleted_conversations"

    conversation_hash = Column(String(64), primary_key=True)
    deleted_at = Column(Float, nullable=False)


class EscalationMessage(Base):
    """Every patient message an escalation holds, so each message counts once however
    often it is recorded (the action server retrying, the reconciler catching up)."""

    __tablename__ = "escalation_messages"

    message_id = Column(String(64), primary_key=True)
    escalation_id = Column(Integer, ForeignKey("escalations.id", ondelete="CASCADE"),
                           nullable=False, index=True)


class EscalationDelivery(Base):
    """Delivery state of one escalation to the webhook (jobs/webhooks.py)."""

    __tablename__ = "escalation_deliveries"

    escalation_id = Column(Integer, ForeignKey("escalations.id", ondelete="CASCADE"),
                           primary_key=True)
    attempts = Column(Integer, nullable=False, default=0)
    delivered_at = Column(DateTime(timezone=True), nullable=True)
    next_attempt_at = Column(DateTime(timezone=True), nullable=True)
    gave_up_at = Column(DateTime(timezone=True), nullable=True)
    last_error = Column(String(255), nullable=True)


class StaffSession(Base):
    """One sign-in: who, since when, until when, and whether it was ended (web/sessions.py)."""

    __tablename__ = "staff_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)  # SHA-256 hex of the cookie's id
    staff_user = Column(String(128), nullable=False)
    credential = Column(String(64), nullable=False)  # credential_tag() at sign-in
    created_at = Column(DateTime(timezone=True), nullable=False)
    last_seen_at = Column(DateTime(timezone=True), nullable=False)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)  # absolute limit
    revoked_at = Column(DateTime(timezone=True), nullable=True)
