"""The webhook's delivery state of each escalation (table `escalation_deliveries`): which
escalations are due for a POST, and what came of each attempt (jobs/webhooks.py posts)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import List, Optional, Protocol

from sqlalchemy import or_, update

from store.database import Database
from store.models import Escalation, EscalationDelivery


class Backoff(Protocol):
    """How often and how long a failed delivery is retried (jobs/webhooks.py RetryPolicy)."""

    max_attempts: int

    def delay(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed attempt."""


def due_escalations(database: Database, now: datetime, max_age: timedelta,
                    policy: Backoff, limit: int = 20) -> List[Escalation]:
    """Escalations not yet delivered whose next attempt is due, oldest first.

    Escalations older than `max_age` when the webhook is first switched on are not sent:
    the webhook announces new escalations, not the whole history.
    """
    with database.session() as session:
        return (
            session.query(Escalation)
            .outerjoin(EscalationDelivery, EscalationDelivery.escalation_id == Escalation.id)
            .filter(Escalation.created_at >= now - max_age)
            .filter(EscalationDelivery.delivered_at.is_(None))
            .filter(EscalationDelivery.gave_up_at.is_(None))
            .filter(or_(EscalationDelivery.attempts.is_(None),
                        EscalationDelivery.attempts < policy.max_attempts))
            .filter(or_(EscalationDelivery.next_attempt_at.is_(None),
                        EscalationDelivery.next_attempt_at <= now))
            .order_by(Escalation.created_at.asc(), Escalation.id.asc())
            .limit(limit)
            .all()
        )


def record_attempt(database: Database, escalation_id: int, error: Optional[str],
                   now: datetime, policy: Backoff) -> EscalationDelivery:
    """Store the outcome of one delivery attempt; `error` None means delivered."""
    with database.session() as session:
        delivery = session.get(EscalationDelivery, escalation_id)
        if delivery is None:
            delivery = EscalationDelivery(escalation_id=escalation_id, attempts=0)
            session.add(delivery)
        delivery.attempts = (delivery.attempts or 0) + 1
        if error is None:
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            delivery.last_error = None
        else:
            delivery.last_error = error[:255]
            if delivery.attempts >= policy.max_attempts:
                delivery.gave_up_at = now
                delivery.next_attempt_at = None
            else:
                delivery.next_attempt_at = now + timedelta(seconds=policy.delay(delivery.attempts))
        return delivery


# ---------------------------------------------------------------- the backup webhook

def overdue_for_backup(database: Database, now: datetime, max_age: timedelta,
                       max_attempts: int, limit: int = 20) -> List[Escalation]:
    """Overdue escalations (past due_at, still open, never acknowledged) whose backup
    webhook is not sent yet and may be tried now, the longest overdue first. Those due
    more than `max_age` ago are left alone: the backup is for what is late now, not the
    history from before it was switched on."""
    with database.session() as session:
        return (
            session.query(Escalation)
            .filter(Escalation.status == "open", Escalation.acknowledged_at.is_(None),
                    Escalation.due_at.isnot(None), Escalation.due_at < now,
                    Escalation.due_at >= now - max_age,
                    Escalation.backup_sent_at.is_(None),
                    Escalation.backup_attempts < max_attempts,
                    or_(Escalation.backup_next_attempt_at.is_(None),
                        Escalation.backup_next_attempt_at <= now))
            .order_by(Escalation.due_at.asc(), Escalation.id.asc())
            .limit(limit)
            .all()
        )


def claim_backup_attempt(database: Database, escalation_id: int, now: datetime,
                         retry_at: datetime) -> bool:
    """Take the next backup attempt of an escalation for this process (one UPDATE, so of
    two pollers only one sends); False when it was sent, acknowledged, or claimed
    meanwhile. The attempt is retried at `retry_at` unless recorded as sent."""
    with database.session() as session:
        claimed = session.execute(
            update(Escalation)
            .where(Escalation.id == escalation_id, Escalation.backup_sent_at.is_(None),
                   Escalation.status == "open", Escalation.acknowledged_at.is_(None),
                   or_(Escalation.backup_next_attempt_at.is_(None),
                       Escalation.backup_next_attempt_at <= now))
            .values(backup_attempts=Escalation.backup_attempts + 1,
                    backup_next_attempt_at=retry_at)
            .execution_options(synchronize_session=False))
        return bool(claimed.rowcount)


def record_backup_sent(database: Database, escalation_id: int, now: datetime) -> None:
    with database.session() as session:
        session.execute(update(Escalation).where(Escalation.id == escalation_id)
                        .values(backup_sent_at=now, backup_next_attempt_at=None)
                        .execution_options(synchronize_session=False))
