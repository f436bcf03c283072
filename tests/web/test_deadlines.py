"""The inbox's deadlines, judged by the server's (injected) clock: due_at, overdue, time
left, and overdue escalations listed first."""

from __future__ import annotations

from datetime import timedelta

from store.escalations import get_escalation
from store.models import as_utc


async def test_overdue_escalations_come_first_with_how_late_they_are(make_client, clock,
                                                                    add_escalation, bearer,
                                                                    database):
    urgent = add_escalation(conversation_id="urgent-one", level="urgent", message="fever 39.5")
    emergency = add_escalation(conversation_id="emergency-one", level="emergency")
    created = as_utc(get_escalation(database, urgent).created_at)
    clock.now = created + timedelta(minutes=10)  # the emergency (5 min) is late, urgent (30) not
    client = await make_client(clock=clock)

    body = await (await client.get("/api/escalations", headers=bearer)).json()
    rows = {row["id"]: row for row in body["escalations"]}
    assert [row["id"] for row in body["escalations"]][:2] == [emergency, urgent]
    assert rows[emergency]["overdue"] is True and rows[emergency]["seconds_left"] < 0
    assert rows[urgent]["overdue"] is False
    assert 19 * 60 <= rows[urgent]["seconds_left"] <= 20 * 60
    assert rows[urgent]["due_at"] == (created + timedelta(minutes=30)).isoformat()
    assert body["overdue_count"] == 1

    clock.advance(minutes=25)  # now both are late: the longest overdue first
    body = await (await client.get("/api/escalations", headers=bearer)).json()
    assert [row["id"] for row in body["escalations"] if row["overdue"]] == [emergency, urgent]

    acknowledged = await client.post(f"/api/escalations/{emergency}/acknowledge", headers=bearer)
    row = (await acknowledged.json())["escalation"]
    assert row["overdue"] is False and row["seconds_left"] is None
    assert row["acknowledged_by"] == "staff-token" and row["acknowledged_at"] == clock.now.isoformat()
    body = await (await client.get("/api/escalations", headers=bearer)).json()
    assert body["escalations"][0]["id"] == urgent and body["overdue_count"] == 1


async def test_an_overdue_contact_request_is_brought_to_the_top(make_client, clock, add_escalation,
                                                                bearer, database):
    from datetime import datetime, timezone

    from store.models import Escalation

    request_id = add_escalation(conversation_id="asks", level="contact_request", red_flags=(),
                                message="please call me", reason="patient asked for a person")
    with database.session() as session:  # it came four hours ago
        session.get(Escalation, request_id).due_at = datetime.now(timezone.utc) - timedelta(minutes=1)
    urgent = add_escalation(conversation_id="fresh", level="urgent")
    clock.now = datetime.now(timezone.utc) + timedelta(minutes=1)
    client = await make_client(clock=clock)
    body = await (await client.get("/api/escalations?page_size=1", headers=bearer)).json()
    assert [row["id"] for row in body["escalations"]] == [request_id, urgent]
    assert body["escalations"][0]["overdue"] and body["overdue_count"] == 1
    assert body["active_count"] == 2
