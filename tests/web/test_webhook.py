"""The web server runs the escalation webhook's poller (jobs/webhooks.py; its own tests
are in tests/jobs/test_webhooks.py) when a webhook is set."""

from __future__ import annotations

import asyncio

from tests.jobs.test_webhooks import receiver  # noqa: F401 - the fixture


async def test_the_web_server_runs_the_poller_when_a_webhook_is_set(make_client, add_escalation,
                                                                   receiver):  # noqa: F811
    hook = await receiver()
    await make_client(webhook_url=hook.url, public_url="http://clinic.example")
    add_escalation("conv-live", "emergency", "my throat is swelling")
    for _ in range(50):  # the poller looks every 2 s
        if hook.bodies:
            break
        await asyncio.sleep(0.1)
    assert [body["escalation"]["conversation_id"] for body in hook.bodies] == ["conv-live"]
    assert hook.bodies[0]["inbox_url"] == "http://clinic.example/staff"
