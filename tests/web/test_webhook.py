"""The escalation webhook: new escalations are POSTed once, failures retried with backoff."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any, Dict, List

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from actions.db import Escalation
from web.webhook import (EscalationDelivery, RetryPolicy, WebhookPoller, due_escalations,
                         ensure_schema)


class Receiver:
    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.bodies: List[Dict[str, Any]] = []
        self.signatures: List[str] = []
        self.app = web.Application()
        self.app.router.add_post("/hook", self.hook)

    async def hook(self, request: web.Request) -> web.Response:
        raw = await request.read()
        self.signatures.append(request.headers.get("X-IVIG-Signature", ""))
        if self.failures:
            self.failures -= 1
            return web.Response(status=503)
        self.bodies.append(json.loads(raw))
        return web.Response(status=204)


@pytest.fixture()
async def receiver():
    made = []

    async def make(failures: int = 0) -> Receiver:
        hook = Receiver(failures)
        test_server = TestServer(hook.app)
        await test_server.start_server()
        hook.url = str(test_server.make_url("/hook"))
        made.append(test_server)
        return hook

    yield make
    for test_server in made:
        await test_server.close()


def delivery(database, escalation_id: int) -> EscalationDelivery:
    with database.session() as session:
        return session.get(EscalationDelivery, escalation_id)


async def test_each_new_escalation_is_posted_once(database, add_escalation, receiver):
    ensure_schema(database)
    hook = await receiver()
    first = add_escalation("conv-1", "emergency", "my throat is swelling")
    poller = WebhookPoller(database, hook.url, inbox_url="http://localhost:8080/staff")
    async with aiohttp.ClientSession() as http:
        assert await poller.deliver_due(http) == 1
        second = add_escalation("conv-2", "urgent", "fever 39", ["high_fever"])
        assert await poller.deliver_due(http) == 1
        assert await poller.deliver_due(http) == 0
    assert [body["escalation"]["id"] for body in hook.bodies] == [first, second]
    body = hook.bodies[0]
    assert body["event"] == "escalation.created"
    assert body["inbox_url"] == "http://localhost:8080/staff"
    assert body["escalation"]["level"] == "emergency"
    # The patient's own words stay in the clinic's database unless asked for.
    assert "patient_message" not in body["escalation"]
    assert delivery(database, first).delivered_at is not None


async def test_patient_message_and_signature_when_configured(database, add_escalation, receiver):
    ensure_schema(database)
    hook = await receiver()
    add_escalation(message="my throat is swelling")
    poller = WebhookPoller(database, hook.url, secret="s3", include_message=True)
    async with aiohttp.ClientSession() as http:
        await poller.deliver_due(http)
    assert hook.bodies[0]["escalation"]["patient_message"] == "my throat is swelling"
    expected = hmac.new(b"s3", json.dumps(hook.bodies[0]).encode(), hashlib.sha256).hexdigest()
    assert hook.signatures[0] == f"sha256={expected}"


async def test_a_failure_is_retried_after_a_backoff(database, add_escalation, receiver):
    ensure_schema(database)
    hook = await receiver(failures=1)
    escalation_id = add_escalation()
    policy = RetryPolicy(base_seconds=0.0, max_seconds=0.0)
    poller = WebhookPoller(database, hook.url, policy=policy)
    async with aiohttp.ClientSession() as http:
        assert await poller.deliver_due(http) == 0
        state = delivery(database, escalation_id)
        assert state.attempts == 1 and state.last_error == "HTTP 503" and state.delivered_at is None
        assert await poller.deliver_due(http) == 1
    assert delivery(database, escalation_id).attempts == 2
    assert len(hook.bodies) == 1


async def test_not_retried_before_the_backoff_is_over(database, add_escalation, receiver):
    ensure_schema(database)
    hook = await receiver(failures=5)
    add_escalation()
    poller = WebhookPoller(database, hook.url, policy=RetryPolicy(base_seconds=60))
    async with aiohttp.ClientSession() as http:
        await poller.deliver_due(http)
        await poller.deliver_due(http)
    assert len(hook.signatures) == 1


async def test_unreachable_receiver_gives_up_after_max_attempts(database, add_escalation):
    ensure_schema(database)
    escalation_id = add_escalation()
    poller = WebhookPoller(database, "http://127.0.0.1:9/hook",
                           policy=RetryPolicy(base_seconds=0, max_seconds=0, max_attempts=2))
    async with aiohttp.ClientSession() as http:
        for _ in range(4):
            await poller.deliver_due(http)
    state = delivery(database, escalation_id)
    assert state.attempts == 2 and state.gave_up_at is not None


def test_backoff_doubles_up_to_a_cap():
    policy = RetryPolicy(base_seconds=5, max_seconds=60)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5)] == [5, 10, 20, 40, 60]


def test_old_escalations_are_not_announced(database, add_escalation):
    ensure_schema(database)
    old = add_escalation("conv-old")
    with database.session() as session:
        row = session.get(Escalation, old)
        row.created_at = row.created_at - timedelta(days=3)
    new = add_escalation("conv-new")
    from actions.db import utc_now
    due = due_escalations(database, utc_now(), timedelta(hours=24), RetryPolicy())
    assert [row.id for row in due] == [new]


async def test_the_web_server_runs_the_poller_when_a_webhook_is_set(make_client, add_escalation, receiver):
    hook = await receiver()
    await make_client(webhook_url=hook.url, public_url="http://clinic.example")
    add_escalation("conv-live", "emergency", "my throat is swelling")
    for _ in range(50):  # the poller looks every 2 s
        if hook.bodies:
            break
        await asyncio.sleep(0.1)
    assert [body["escalation"]["conversation_id"] for body in hook.bodies] == ["conv-live"]
    assert hook.bodies[0]["inbox_url"] == "http://clinic.example/staff"
