"""The live handoff from the web server's side: a nurse's reply pauses the assistant and
reaches the patient with her name, the hand back resumes it, the nurse's view is live and
marks emergencies, and the widget learns that a nurse has seen the escalation."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, List

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

import web.routes_handoff as routes_handoff
from tests.web.conftest import (PATIENT_SECRET, RASA_TOKEN, STAFF_TOKEN, FakeRasa,
                                patient_headers, user)
from web.app import create_app
from web.auth import StaffIdentity
from web.config import WebConfig
from web.handoff_relay import check_relay_token
from web.patient_sessions import SessionTokenError


class HandoffRasa(FakeRasa):
    """Rasa's tracker API and the socket.io channel's relay, as far as the handoff uses
    them: pause and resume change the tracker, the relay records what the patient is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.paused: Dict[str, bool] = {}
        self.events: Dict[str, List[Dict[str, Any]]] = {}
        self.relayed: List[Dict[str, Any]] = []
        self.relay_status = 200  # what the relay answers (503: no model loaded)
        self.notices = False  # True: the relay's change notices (a Rasa server of this project)
        self.versions: Dict[str, int] = {}
        self.saved: Dict[str, asyncio.Event] = {}
        self.app.router.add_post("/conversations/{conversation_id}/tracker/events", self.append)
        self.app.router.add_post("/webhooks/socketio/handoff/{conversation_id}", self.relay)
        self.app.router.add_get("/webhooks/socketio/handoff/{conversation_id}/changes",
                                self.changes)

    def save(self, conversation_id: str, *events: Dict[str, Any]) -> None:
        """The patient wrote (and Rasa saved the turn): waiters for changes wake."""
        self.events.setdefault(conversation_id, []).extend(events)
        self.versions[conversation_id] = self.versions.get(conversation_id, 0) + 1
        self.saved.pop(conversation_id, asyncio.Event()).set()

    async def changes(self, request: web.Request) -> web.Response:
        if not self.notices:
            return web.json_response({"error": "not found"}, status=404)
        conversation_id = request.match_info["conversation_id"]
        check_relay_token(PATIENT_SECRET, request.headers.get("Authorization", "")[7:],
                          conversation_id)
        current = self.versions.get(conversation_id, 0)
        if request.query.get("version") == str(current):
            saved = self.saved.setdefault(conversation_id, asyncio.Event())
            try:
                await asyncio.wait_for(saved.wait(), 20)
            except asyncio.TimeoutError:
                pass
        return web.json_response({"version": self.versions.get(conversation_id, 0)})

    async def tracker(self, request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"error": "NotAuthenticated"}, status=401)
        conversation_id = request.match_info["conversation_id"]
        return web.json_response({"events": self.events.get(conversation_id, []), "slots": {},
                                  "paused": self.paused.get(conversation_id, False)})

    async def append(self, request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"error": "NotAuthenticated"}, status=401)
        conversation_id = request.match_info["conversation_id"]
        event = await request.json()
        self.paused[conversation_id] = event["event"] == "pause"
        self.events.setdefault(conversation_id, []).append({**event, "timestamp": 5.0})
        return web.json_response({})

    async def relay(self, request: web.Request) -> web.Response:
        conversation_id = request.match_info["conversation_id"]
        try:
            check_relay_token(PATIENT_SECRET, request.headers.get("Authorization", "")[7:],
                              conversation_id)
        except SessionTokenError as refused:
            return web.json_response({"error": refused.reason}, status=401)
        if self.relay_status != 200:
            return web.json_response({"error": "no model loaded"}, status=self.relay_status)
        body = await request.json()
        self.relayed.append({"conversation_id": conversation_id,
                             "paused_then": self.paused.get(conversation_id, False), **body})
        if body["kind"] == "staff_message":
            self.events.setdefault(conversation_id, []).append(
                {"event": "bot", "text": body["text"], "timestamp": 6.0,
                 "metadata": {"handoff": {"kind": "staff", **body["staff"]}}})
        return web.json_response({"ok": True})


@pytest.fixture()
async def rasa():
    fake = HandoffRasa()
    server = TestServer(fake.app)
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()


@pytest.fixture()
async def client(database, rasa):
    app = create_app(WebConfig(staff_token=STAFF_TOKEN, rasa_url=rasa.url,
                               rasa_auth_token=RASA_TOKEN, patient_session_secret=PATIENT_SECRET),
                     database)
    test_client = TestClient(TestServer(app))
    await test_client.start_server()
    yield test_client
    await test_client.close()


STAFF = {"Authorization": f"Bearer {STAFF_TOKEN}"}


async def test_a_reply_pauses_the_assistant_and_reaches_the_patient_with_the_nurses_name(
        client, rasa, add_escalation, monkeypatch):
    add_escalation("conv-1", level="urgent")
    monkeypatch.setattr(routes_handoff, "staff_signature",
                        lambda who: {"name": "Sam", "role": "Nurse"})
    response = await client.post("/api/conversations/conv-1/reply", headers=STAFF,
                                 json={"text": "Hi, I'm Sam from the clinic. How are you now?"})
    assert response.status == 200
    assert rasa.paused["conv-1"] is True
    [shown] = rasa.relayed
    assert shown["paused_then"] is True  # paused before the patient sees the nurse
    assert shown["kind"] == "staff_message" and shown["staff"] == {"name": "Sam", "role": "Nurse"}
    assert shown["text"] == "Hi, I'm Sam from the clinic. How are you now?"
    # A second reply does not pause again.
    await client.post("/api/conversations/conv-1/reply", headers=STAFF, json={"text": "Still there?"})
    assert [e["event"] for e in rasa.events["conv-1"]].count("pause") == 1


def test_the_patient_sees_a_named_nurses_first_name_and_role():
    # The shared staff token: no person's name, and never the sign-in name.
    assert routes_handoff.staff_signature(StaffIdentity("staff", "bearer"))["name"] == ""
    named = StaffIdentity("sam.lee", "cookie")
    object.__setattr__(named, "display_name", "Sam Lee")
    object.__setattr__(named, "role", "nurse")
    assert routes_handoff.staff_signature(named) == {"name": "Sam", "role": "Nurse"}


async def test_a_reply_needs_staff_text_and_an_escalated_conversation(client, rasa, add_escalation):
    add_escalation("conv-1")
    assert (await client.post("/api/conversations/conv-1/reply", json={"text": "hi"})).status == 401
    assert (await client.post("/api/conversations/conv-1/handback")).status == 401
    assert (await client.post("/api/conversations/conv-1/reply", headers=STAFF,
                              json={"text": "  "})).status == 400
    assert (await client.post("/api/conversations/not-escalated/reply", headers=STAFF,
                              json={"text": "hi"})).status == 404
    assert rasa.relayed == [] and rasa.paused == {}


async def test_a_reply_that_cannot_be_delivered_says_so(client, rasa, add_escalation):
    add_escalation("conv-1")
    rasa.relay_status = 503
    response = await client.post("/api/conversations/conv-1/reply", headers=STAFF,
                                 json={"text": "hello"})
    assert response.status == 502
    assert "not delivered" in (await response.json())["error"]
    assert rasa.paused["conv-1"] is False  # the assistant is not left quiet


async def test_handback_resumes_the_assistant_which_tells_the_patient(client, rasa, add_escalation):
    add_escalation("conv-1")
    await client.post("/api/conversations/conv-1/reply", headers=STAFF, json={"text": "Hello"})
    response = await client.post("/api/conversations/conv-1/handback", headers=STAFF)
    assert response.status == 200
    assert rasa.paused["conv-1"] is False
    assert rasa.relayed[-1]["kind"] == "handback" and rasa.relayed[-1]["paused_then"] is False


async def read_event(response, name: str) -> Dict[str, Any]:
    """The next server-sent event called `name`."""
    event = None
    while True:
        line = (await asyncio.wait_for(response.content.readline(), 5)).decode().rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event == name:
            return json.loads(line[6:])


async def test_the_nurses_view_is_live_and_highlights_an_emergency(client, rasa, add_escalation,
                                                                    monkeypatch):
    monkeypatch.setattr(routes_handoff, "LIVE_READ_SECONDS", 0.05)
    add_escalation("conv-1")
    rasa.events["conv-1"] = [user("my arm is sore", 1.0)]
    async with client.get("/api/conversations/conv-1/live", headers=STAFF) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        first = await read_event(response, "conversation")
        assert [m["text"] for m in first["messages"]] == ["my arm is sore"]
        # The nurse writes; the patient answers with an emergency during the handoff.
        await client.post("/api/conversations/conv-1/reply", headers=STAFF, json={"text": "Hi"})
        rasa.events["conv-1"] += [
            {**user("now I can't breathe", 7.0),
             "parse_data": {"intent": {"name": "report_severe_reaction"}}},
            {"event": "bot", "text": "Please call 911 now.", "timestamp": 7.1,
             "metadata": {"utter_action": "utter_emergency"}}]
        while True:
            update = await read_event(response, "conversation")
            if any(m["text"] == "now I can't breathe" for m in update["messages"]):
                break
    assert update["handoff"] is True
    by_text = {m["text"]: m for m in update["messages"]}
    assert by_text["now I can't breathe"]["emergency"] is True
    assert "emergency" not in by_text["my arm is sore"]
    assert by_text["Hi"]["sender"] == "staff"
    assert by_text["Please call 911 now."]["sender"] == "assistant"


async def test_the_live_view_is_pushed_when_rasa_saves_the_conversation(
        client, rasa, add_escalation, monkeypatch):
    monkeypatch.setattr(routes_handoff, "LIVE_READ_SECONDS", 60)  # no reading on a timer
    rasa.notices = True
    add_escalation("conv-1")
    rasa.events["conv-1"] = [user("my arm is sore", 1.0)]
    async with client.get("/api/conversations/conv-1/live", headers=STAFF) as response:
        first = await read_event(response, "conversation")
        assert [m["text"] for m in first["messages"]] == ["my arm is sore"]
        await asyncio.sleep(0.2)  # the view is waiting for a change now
        rasa.save("conv-1", user("it is red and warm too", 2.0))
        update = await asyncio.wait_for(read_event(response, "conversation"), 3)
    assert [m["text"] for m in update["messages"]] == ["my arm is sore", "it is red and warm too"]


async def test_the_live_view_is_for_staff_only(client, add_escalation):
    add_escalation("conv-1")
    assert (await client.get("/api/conversations/conv-1/live")).status == 401


async def test_acknowledging_tells_the_open_widget_and_the_status_says_so(
        client, rasa, database, add_escalation):
    escalation_id = add_escalation("conv-1", level="urgent")
    status = await client.get("/api/widget/status/conv-1", headers=patient_headers("conv-1"))
    assert "acknowledged" not in await status.json()
    response = await client.post(f"/api/escalations/{escalation_id}/acknowledge", headers=STAFF)
    assert response.status == 200
    assert [r["kind"] for r in rasa.relayed] == ["acknowledged"]
    status = await client.get("/api/widget/status/conv-1", headers=patient_headers("conv-1"))
    assert (await status.json())["acknowledged"] is True


async def test_acknowledging_stands_when_the_widget_cannot_be_told(client, rasa, add_escalation):
    escalation_id = add_escalation("conv-1")
    rasa.relay_status = 503
    response = await client.post(f"/api/escalations/{escalation_id}/acknowledge", headers=STAFF)
    assert response.status == 200
    assert (await response.json())["escalation"]["status"] == "acknowledged"


async def test_the_widget_status_carries_the_handoff_and_the_nurses_messages(
        client, rasa, add_escalation, monkeypatch):
    add_escalation("conv-1")
    monkeypatch.setattr(routes_handoff, "staff_signature",
                        lambda who: {"name": "Sam", "role": "Nurse"})
    await client.post("/api/conversations/conv-1/reply", headers=STAFF, json={"text": "Hi, Sam here"})
    await asyncio.sleep(1.1)  # the status cache keeps an answer one second
    body = await (await client.get("/api/widget/status/conv-1",
                                   headers=patient_headers("conv-1"))).json()
    assert body["handoff"] is True
    assert [(m["text"], m["name"], m["role"]) for m in body["staff_messages"]] == [
        ("Hi, Sam here", "Sam", "Nurse")]
