"""Optional webhook: every new escalation is POSTed as JSON to ESCALATION_WEBHOOK_URL.

It runs as a poller inside the web server process, so a slow or broken webhook never
delays the patient's reply (the action server only writes the escalation row). What has
been delivered is kept in this module's own table, `escalation_deliveries`, on the
same SQLAlchemy Base and database as the escalations; actions/ knows nothing of it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

import aiohttp
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, or_

from actions.db import Base, Database, Escalation, utc_now
from web.serializers import escalation_summary

logger = logging.getLogger(__name__)


class EscalationDelivery(Base):
    """Delivery state of one escalation to the webhook."""

    __tablename__ = "escalation_deliveries"

    escalation_id = Column(Integer, ForeignKey("escalations.id", ondelete="CASCADE"),
                           primary_key=True)
    attempts = Column(Integer, nullable=False, default=0)
    delivered_at = Column(DateTime(timezone=True), nullable=True)
    next_attempt_at = Column(DateTime(timezone=True), nullable=True)
    gave_up_at = Column(DateTime(timezone=True), nullable=True)
    last_error = Column(String(255), nullable=True)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: first retry after `base_seconds`, doubling up to `max_seconds`."""

    base_seconds: float = 5.0
    max_seconds: float = 300.0
    max_attempts: int = 20  # about 1.5 hours of trying before giving up (and logging it)

    def delay(self, attempts: int) -> float:
        return min(self.base_seconds * (2 ** max(attempts - 1, 0)), self.max_seconds)


def ensure_schema(database: Database) -> None:
    """Create the delivery table if it is missing (the action server creates the rest)."""
    Base.metadata.create_all(database.engine, tables=[Escalation.__table__,
                                                      EscalationDelivery.__table__])


def escalation_payload(row: Escalation, include_message: bool,
                       inbox_url: Optional[str] = None) -> Dict[str, Any]:
    """The JSON body for one escalation: the staff API's escalation JSON in part
    (web/serializers.py). The patient's own words only when asked for."""
    body: Dict[str, Any] = {"event": "escalation.created",
                            "escalation": escalation_summary(row, include_message)}
    if inbox_url:
        body["inbox_url"] = inbox_url
    return body


def due_escalations(database: Database, now: datetime, max_age: timedelta,
                    policy: RetryPolicy, limit: int = 20) -> List[Escalation]:
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
                   now: datetime, policy: RetryPolicy) -> EscalationDelivery:
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


class WebhookPoller:
    """Finds undelivered escalations every few seconds and POSTs each one."""

    def __init__(self, database: Database, url: str, *, secret: Optional[str] = None,
                 include_message: bool = False, inbox_url: Optional[str] = None,
                 interval_seconds: float = 2.0, policy: RetryPolicy = RetryPolicy(),
                 max_age: timedelta = timedelta(hours=24), timeout_seconds: float = 10.0) -> None:
        self.database = database
        self.url = url
        self.secret = secret
        self.include_message = include_message
        self.inbox_url = inbox_url
        self.interval_seconds = interval_seconds
        self.policy = policy
        self.max_age = max_age
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    def _headers(self, body: bytes) -> Dict[str, str]:
        headers = {"Content-Type": "application/json", "User-Agent": "ivig-assistant-webhook"}
        if self.secret:
            digest = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
            headers["X-IVIG-Signature"] = f"sha256={digest}"
        return headers

    async def _post(self, http: aiohttp.ClientSession, body: bytes) -> Optional[str]:
        """POST once; the error text, or None when the receiver answered 2xx."""
        try:
            async with http.post(self.url, data=body, headers=self._headers(body)) as response:
                if 200 <= response.status < 300:
                    return None
                return f"HTTP {response.status}"
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return error.__class__.__name__

    async def deliver_due(self, http: aiohttp.ClientSession) -> int:
        """One pass: deliver what is due; returns how many were delivered."""
        now = utc_now()
        rows = await asyncio.to_thread(due_escalations, self.database, now, self.max_age,
                                       self.policy)
        delivered = 0
        for row in rows:
            body = json.dumps(escalation_payload(row, self.include_message, self.inbox_url)).encode()
            error = await self._post(http, body)
            delivery = await asyncio.to_thread(record_attempt, self.database, row.id, error,
                                               utc_now(), self.policy)
            if error is None:
                delivered += 1
                logger.info("webhook: delivered escalation %s", row.id)
            elif delivery.gave_up_at is not None:
                logger.error("webhook: gave up on escalation %s after %s attempts (%s)",
                             row.id, delivery.attempts, error)
            else:
                logger.warning("webhook: escalation %s attempt %s failed (%s); retrying",
                               row.id, delivery.attempts, error)
        return delivered

    async def run(self) -> None:
        """Poll until cancelled; a failing pass is logged and the loop goes on."""
        await asyncio.to_thread(ensure_schema, self.database)
        async with aiohttp.ClientSession(timeout=self.timeout) as http:
            while True:
                try:
                    await self.deliver_due(http)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("webhook: delivery pass failed")
                await asyncio.sleep(self.interval_seconds)
