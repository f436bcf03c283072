"""Optional webhooks: every new escalation is POSTed as JSON to ESCALATION_WEBHOOK_URL;
an escalation nobody acknowledged by its deadline (due_at) is POSTed once to
ESCALATION_BACKUP_WEBHOOK_URL (event "escalation.overdue"), signed with the same secret.

It runs as a poller inside the web server process, so a slow or broken webhook never
delays the patient's reply (the action server only writes the escalation row). What has
been delivered is kept in its own table, `escalation_deliveries` (store/models.py), in
the same database as the escalations, read and written by store/deliveries.py; actions/
knows nothing of it. The backup's state is on the escalation itself (backup_sent_at,
backup_attempts): each attempt is claimed by one UPDATE, so it is sent once even with two
web servers, and never again once it was delivered.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Optional

import aiohttp

from store.database import Database
from store.deliveries import (claim_backup_attempt, due_escalations, overdue_for_backup,
                              record_attempt, record_backup_sent)
from store.models import Escalation, as_utc, utc_now
from web.serializers import escalation_summary

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: first retry after `base_seconds`, doubling up to `max_seconds`."""

    base_seconds: float = 5.0
    max_seconds: float = 300.0
    max_attempts: int = 20  # about 1.5 hours of trying before giving up (and logging it)

    def delay(self, attempts: int) -> float:
        return min(self.base_seconds * (2 ** max(attempts - 1, 0)), self.max_seconds)


def escalation_payload(row: Escalation, include_message: bool,
                       inbox_url: Optional[str] = None) -> Dict[str, Any]:
    """The JSON body for one escalation: the staff API's escalation JSON in part
    (web/serializers.py). The patient's own words only when asked for."""
    body: Dict[str, Any] = {"event": "escalation.created",
                            "escalation": escalation_summary(row, include_message)}
    if inbox_url:
        body["inbox_url"] = inbox_url
    return body


def overdue_payload(row: Escalation, now: datetime, include_message: bool,
                    inbox_url: Optional[str] = None) -> Dict[str, Any]:
    """The backup webhook's body: the escalation as the first webhook sends it, when it
    was due and by how many minutes it is late; the patient's words only when asked for."""
    due = as_utc(row.due_at)
    body: Dict[str, Any] = {"event": "escalation.overdue",
                            "escalation": {**escalation_summary(row, include_message),
                                           "due_at": due.isoformat()},
                            "overdue_minutes": int((now - due).total_seconds() // 60)}
    if inbox_url:
        body["inbox_url"] = inbox_url
    return body


class WebhookPoller:
    """Every few seconds: finds undelivered escalations and POSTs each one (`url`), and
    overdue ones not yet sent to the backup webhook (`backup_url`); either may be None."""

    def __init__(self, database: Database, url: Optional[str], *, secret: Optional[str] = None,
                 include_message: bool = False, inbox_url: Optional[str] = None,
                 interval_seconds: float = 2.0, policy: RetryPolicy = RetryPolicy(),
                 max_age: timedelta = timedelta(hours=24), timeout_seconds: float = 10.0,
                 backup_url: Optional[str] = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.database = database
        self.url = url
        self.backup_url = backup_url
        self.clock = clock
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

    async def _post(self, http: aiohttp.ClientSession, body: bytes,
                    url: Optional[str] = None) -> Optional[str]:
        """POST once; the error text, or None when the receiver answered 2xx."""
        try:
            async with http.post(url or self.url, data=body,
                                 headers=self._headers(body)) as response:
                if 200 <= response.status < 300:
                    return None
                return f"HTTP {response.status}"
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return error.__class__.__name__

    async def deliver_due(self, http: aiohttp.ClientSession) -> int:
        """One pass: deliver what is due (both webhooks); returns how many were delivered."""
        delivered = await self.deliver_new(http) if self.url else 0
        if self.backup_url:
            delivered += await self.deliver_overdue(http)
        return delivered

    async def deliver_overdue(self, http: aiohttp.ClientSession) -> int:
        """One pass of the backup webhook: each overdue escalation not yet sent, once."""
        now = self.clock()
        rows = await asyncio.to_thread(overdue_for_backup, self.database, now, self.max_age,
                                       self.policy.max_attempts)
        sent = 0
        for row in rows:
            retry_at = now + timedelta(seconds=self.policy.delay((row.backup_attempts or 0) + 1))
            if not await asyncio.to_thread(claim_backup_attempt, self.database, row.id, now,
                                           retry_at):
                continue  # another poller has it, or staff acknowledged it meanwhile
            body = json.dumps(overdue_payload(row, now, self.include_message,
                                              self.inbox_url)).encode()
            error = await self._post(http, body, self.backup_url)
            if error is None:
                await asyncio.to_thread(record_backup_sent, self.database, row.id, self.clock())
                sent += 1
                logger.warning("backup webhook: escalation %s is overdue; sent", row.id)
            else:
                logger.warning("backup webhook: escalation %s attempt %s failed (%s)",
                               row.id, (row.backup_attempts or 0) + 1, error)
        return sent

    async def deliver_new(self, http: aiohttp.ClientSession) -> int:
        """One pass of the first webhook: each new escalation not yet delivered."""
        now = self.clock()
        rows = await asyncio.to_thread(due_escalations, self.database, now, self.max_age,
                                       self.policy)
        delivered = 0
        for row in rows:
            body = json.dumps(escalation_payload(row, self.include_message, self.inbox_url)).encode()
            error = await self._post(http, body)
            delivery = await asyncio.to_thread(record_attempt, self.database, row.id, error,
                                               self.clock(), self.policy)
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
        async with aiohttp.ClientSession(timeout=self.timeout) as http:
            while True:
                try:
                    await self.deliver_due(http)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("webhook: delivery pass failed")
                await asyncio.sleep(self.interval_seconds)
