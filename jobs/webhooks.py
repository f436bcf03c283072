"""Optional webhook: every new escalation is POSTed as JSON to ESCALATION_WEBHOOK_URL.

It runs as a poller inside the web server process, so a slow or broken webhook never
delays the patient's reply (the action server only writes the escalation row). What has
been delivered is kept in its own table, `escalation_deliveries` (store/models.py), in
the same database as the escalations, read and written by store/deliveries.py; actions/
knows nothing of it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Dict, Optional

import aiohttp

from store.database import Database
from store.deliveries import due_escalations, record_attempt
from store.models import Escalation, utc_now
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
        async with aiohttp.ClientSession(timeout=self.timeout) as http:
            while True:
                try:
                    await self.deliver_due(http)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("webhook: delivery pass failed")
                await asyncio.sleep(self.interval_seconds)
