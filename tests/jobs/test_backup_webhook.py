"""The backup webhook: an escalation still unacknowledged past its deadline is POSTed to
ESCALATION_BACKUP_WEBHOOK_URL once, signed, without the patient's words unless asked."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import aiohttp

from jobs.webhooks import RetryPolicy, WebhookPoller
from store.escalations import get_escalation, set_status
from store.models import as_utc
from tests.jobs.test_webhooks import receiver  # noqa: F401 - the fixture


class Clock:
    def __init__(self, now) -> None:
        self.now = now

    def __call__(self):
        return self.now


async def test_an_overdue_escalation_is_sent_to_the_backup_exactly_once(database, add_escalation,
                                                                         receiver):  # noqa: F811
    backup = await receiver()
    first_hook = await receiver()
    overdue_id = add_escalation(conversation_id="late", message="my throat is swelling")
    answered_id = add_escalation(conversation_id="answered")
    due = as_utc(get_escalation(database, overdue_id).due_at)
    clock = Clock(due - timedelta(minutes=1))
    poller = WebhookPoller(database, first_hook.url, backup_url=backup.url, secret="s3",
                           clock=clock, policy=RetryPolicy(base_seconds=1))
    async with aiohttp.ClientSession() as http:
        await poller.deliver_due(http)
        assert backup.bodies == []  # not late yet
        set_status(database, answered_id, "acknowledged", "nora", now=clock())
        clock.now = due + timedelta(minutes=3)
        await poller.deliver_due(http)
        for _ in range(3):  # later passes, and a second web server's poller
            clock.now += timedelta(minutes=5)
            await poller.deliver_due(http)
            await WebhookPoller(database, None, backup_url=backup.url, clock=clock).deliver_due(http)
    assert [body["escalation"]["id"] for body in backup.bodies] == [overdue_id]
    [body] = backup.bodies
    assert body["event"] == "escalation.overdue" and body["overdue_minutes"] == 3
    assert "patient_message" not in body["escalation"]
    assert "throat" not in json.dumps(body)
    digest = hmac.new(b"s3", json.dumps(body).encode(), hashlib.sha256).hexdigest()
    assert backup.signatures[0] == f"sha256={digest}"
    # The first webhook announced both new escalations, as before.
    assert sorted(b["escalation"]["id"] for b in first_hook.bodies) == [overdue_id, answered_id]


async def test_a_failed_backup_is_retried_and_then_sent_once(database, add_escalation,
                                                             receiver):  # noqa: F811
    backup = await receiver(failures=1)
    escalation_id = add_escalation()
    clock = Clock(as_utc(get_escalation(database, escalation_id).due_at) + timedelta(seconds=1))
    poller = WebhookPoller(database, None, backup_url=backup.url, include_message=True,
                           clock=clock, policy=RetryPolicy(base_seconds=60))
    async with aiohttp.ClientSession() as http:
        assert await poller.deliver_due(http) == 0
        clock.now += timedelta(seconds=30)
        assert await poller.deliver_due(http) == 0  # waits for the backoff
        clock.now += timedelta(seconds=31)
        assert await poller.deliver_due(http) == 1
        clock.now += timedelta(minutes=10)
        assert await poller.deliver_due(http) == 0
    assert len(backup.bodies) == 1
    assert backup.bodies[0]["escalation"]["patient_message"] == "my throat is swelling"
