"""Writing escalations and changing their status: what the care team sees in its inbox."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import List, Optional, Sequence

from sqlalchemy import bindparam, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from actions.db import Database, Escalation, utc_now

logger = logging.getLogger(__name__)

CONTACT_REQUEST = "contact_request"
# A patient's request to delete their conversation and escalations (ops/reconcile.py
# carries it out); kept as a row so staff can see it was asked for and done.
DATA_DELETION = "data_deletion"
STATUSES = ("open", "acknowledged", "resolved")


class EscalationStoreError(RuntimeError):
    """The escalation could not be written; the patient must be told to call."""


@dataclass(frozen=True)
class EscalationRecord:
    conversation_id: str
    level: str
    reason: str
    red_flags: Sequence[str]
    patient_message: str
    message_id: Optional[str] = None


def find_by_message(database: Database, message_id: str) -> Optional[Escalation]:
    with database.session() as session:
        return session.query(Escalation).filter(Escalation.message_id == message_id).first()


def record_escalation(database: Database, record: EscalationRecord) -> int:
    """Write one open escalation and return its id; raise EscalationStoreError on failure.

    Idempotent per patient message: a message already escalated returns the same id.
    """
    try:
        if record.message_id:
            existing = find_by_message(database, record.message_id)
            if existing is not None:
                return int(existing.id)
        with database.session() as session:
            row = Escalation(
                conversation_id=record.conversation_id,
                message_id=record.message_id,
                level=record.level,
                reason=record.reason,
                red_flags=",".join(record.red_flags),
                patient_message=record.patient_message,
                status="open",
            )
            session.add(row)
            session.flush()
            escalation_id = int(row.id)
    except SQLAlchemyError as error:
        # Logged without the patient's words: those stay in the databases only.
        logger.error("could not record %s escalation for conversation %s: %s",
                     record.level, record.conversation_id, error.__class__.__name__)
        raise EscalationStoreError(str(error)) from error
    logger.info("recorded %s escalation %s for conversation %s",
                record.level, escalation_id, record.conversation_id)
    return escalation_id


def list_escalations(database: Database, status: Optional[str] = None,
                     limit: int = 200) -> List[Escalation]:
    """Escalations, newest first, optionally only those with one status."""
    with database.session() as session:
        query = session.query(Escalation)
        if status:
            query = query.filter(Escalation.status == status)
        return query.order_by(Escalation.created_at.desc(), Escalation.id.desc()).limit(limit).all()


def set_status(database: Database, escalation_id: int, status: str) -> Optional[Escalation]:
    """Move an escalation to `acknowledged` or `resolved`; None if it does not exist."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {STATUSES}")
    with database.session() as session:
        row = session.get(Escalation, escalation_id)
        if row is None:
            return None
        row.status = status
        if status == "acknowledged" and row.acknowledged_at is None:
            row.acknowledged_at = utc_now()
        if status == "resolved":
            row.resolved_at = utc_now()
        return row


def delete_conversation_escalations(database: Database, conversation_id: str,
                                    keep_id: Optional[int] = None) -> int:
    """Delete a conversation's escalations (and their webhook deliveries), except `keep_id`."""
    with database.session() as session:
        rows = session.query(Escalation).filter(Escalation.conversation_id == conversation_id)
        if keep_id is not None:
            rows = rows.filter(Escalation.id != keep_id)
        ids = [row.id for row in rows]
        if ids and inspect(session.bind).has_table("escalation_deliveries"):
            session.execute(text("DELETE FROM escalation_deliveries WHERE escalation_id IN :ids")
                            .bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        session.query(Escalation).filter(Escalation.id.in_(ids)).delete(synchronize_session=False)
        return len(ids)
