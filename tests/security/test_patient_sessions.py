"""Finding "Lock the doors": the conversation id was the only credential. Anyone holding it
(the reconciler logged it, the browser keeps it) could join that patient's socket.io room
and read the replies, write as the patient (socket.io or REST), read
/api/widget/status/<id>, or ask for the patient's data to be deleted.

Now the web server mints a signed, expiring session token for one conversation id
(POST /api/widget/session), and the channels and the status API ask for it. Black-box:
the real servers over HTTP and socket.io; tokens come from the web server, except the
forged and expired ones a test makes itself. Each test failed on the code before.

The first group needs only the web server (seconds); the second the trained model, the
Rasa server with REST_TRUSTED off (as `make run`), the action server and the web server
(`integration`: `make integration` runs them).
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any, List, Optional, Tuple

import pytest
import requests

from tools.servers import DEFAULT_MODEL, Servers, free_ports
from tests.security.conftest import PATIENT_SECRET, STAFF_TOKEN
from tests.security.servers_fixture import (
    API_TOKEN,
    escalations,
    security_servers,
    texts,
    user_events,
)
from web.patient_sessions import PatientSessions

DAY = 24 * 3600
FORGER_SECRET = "not-the-clinics-secret-" + "f" * 32


def expired_token(secret: str, conversation_id: str) -> str:
    """A token that was good for a day, two days ago."""
    return PatientSessions(secret, DAY, clock=lambda: time.time() - 2 * DAY).mint(conversation_id)


def forged_token(conversation_id: str) -> str:
    return PatientSessions(FORGER_SECRET).mint(conversation_id)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def new_session(web_url: str, **body: Any) -> dict:
    reply = requests.post(f"{web_url}/api/widget/session", json=body, timeout=10)
    assert reply.status_code == 200, reply.text
    return reply.json()


# ------------------------------------------------------------------ the web server only


def test_status_api_needs_the_conversations_token(start_web):
    server = start_web()
    # Before: any id, no token, and the status (502 here: Rasa is nowhere in this test).
    assert server.get(f"/api/widget/status/{uuid.uuid4().hex}").status_code == 401
    victim = new_session(server.url)
    status = f"/api/widget/status/{victim['session_id']}"
    assert server.get(status).status_code == 401
    assert server.get(status, headers=bearer(forged_token(victim["session_id"]))).status_code == 401
    assert server.get(status, headers=bearer(expired_token(PATIENT_SECRET, victim["session_id"]))
                      ).status_code == 401
    other = new_session(server.url)
    assert server.get(status, headers=bearer(other["token"])).status_code == 403
    # The right token passes (Rasa is nowhere in this test: 502, not 401/403).
    assert server.get(status, headers=bearer(victim["token"])).status_code == 502


def test_a_session_resumes_only_with_its_previous_valid_token(start_web):
    server = start_web()
    first = new_session(server.url)
    assert len(first["session_id"]) == 32 and first["expires_in"] == DAY
    resumed = new_session(server.url, token=first["token"])
    assert resumed["session_id"] == first["session_id"] and resumed["resumed"]
    # Knowing an id is not enough, nor a forged or expired token for it: a new conversation.
    for body in ({"session_id": first["session_id"]}, {"token": forged_token(first["session_id"])},
                 {"token": expired_token(PATIENT_SECRET, first["session_id"])}):
        other = new_session(server.url, **body)
        assert other["session_id"] != first["session_id"] and not other["resumed"]


# ------------------------------------------------------------------ the whole assistant


class Socket:
    """A socket.io client as the widget connects (polling), recording every event."""

    def __init__(self, url: str) -> None:
        import socketio

        self.events: List[Tuple[str, Any]] = []
        self.answered = threading.Event()
        self.client = socketio.Client(reconnection=False, request_timeout=30)
        self.client.on("*", self.record)
        self.client.connect(url, socketio_path="/socket.io", transports=["polling"],
                            wait_timeout=30)

    def record(self, event: str, data: Any) -> None:
        self.events.append((event, data))
        if event in ("session_confirm", "session_refused", "message_refused"):
            self.answered.set()

    def request_session(self, **data: Any) -> Tuple[str, Any]:
        """session_request; the server's answer (session_confirm or session_refused)."""
        self.answered.clear()
        self.client.emit("session_request", data)
        assert self.answered.wait(30), "no answer to session_request"
        return next((e, d) for e, d in reversed(self.events)
                    if e in ("session_confirm", "session_refused"))

    def of(self, event: str) -> List[Any]:
        return [data for name, data in self.events if name == event]

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    """The servers as `make run` has them: REST needs a patient token (REST_TRUSTED off),
    and the web server signing tokens with the Rasa server's secret. -> (servers, web url)"""
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does) first")
    tmp = tmp_path_factory.mktemp("locked")
    # The helpers read trackers with API_TOKEN.
    servers = Servers.on_own_stores(tmp, auth_token=API_TOKEN, rest_trusted=False)
    [web_port] = free_ports(1)
    try:
        servers.start()
        servers.start_web(web_port, {"STAFF_TOKEN": STAFF_TOKEN, "WEB_HOST": "127.0.0.1"})
        web_url = f"http://127.0.0.1:{web_port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{web_url}/healthz", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.3)
        yield servers, web_url
    finally:
        servers.stop()


def victim_chatting(servers: Servers, web_url: str) -> Tuple[dict, Socket]:
    """A patient with a session from the web server, who has said something and got replies."""
    session = new_session(web_url)
    patient = Socket(servers.url)
    event, confirmed = patient.request_session(session_id=session["session_id"],
                                               token=session["token"])
    assert (event, confirmed) == ("session_confirm", session["session_id"])
    patient.client.emit("user_uttered", {"message": "can I eat before my infusion?",
                                         "session_id": session["session_id"],
                                         "token": session["token"]})
    wait_for_replies(patient)
    assert patient.of("bot_uttered"), "the patient got no reply"
    return session, patient


def wait_for_replies(socket: Socket, timeout: float = 60, quiet: float = 3) -> None:
    deadline, seen, last = time.monotonic() + timeout, 0, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if len(socket.events) != seen:
            seen, last = len(socket.events), time.monotonic()
        elif socket.of("bot_uttered") and time.monotonic() - last >= quiet:
            return


@pytest.mark.integration
def test_socketio_session_request_without_a_good_token_is_refused(locked):
    servers, web_url = locked
    # Before: the id alone joined any conversation's room.
    first = Socket(servers.url)
    try:
        assert first.request_session(session_id=uuid.uuid4().hex)[0] == "session_refused"
    finally:
        first.close()
    session, patient = victim_chatting(servers, web_url)
    victim = session["session_id"]
    mine = new_session(web_url)  # the intruder's own, valid session
    intruder = Socket(servers.url)
    try:
        attempts = [
            {"session_id": victim},  # the id alone: what the old code asked for
            {"session_id": victim, "token": ""},
            {"session_id": victim, "token": forged_token(victim)},
            {"session_id": victim, "token": expired_token(servers.patient_secret, victim)},
            {"session_id": victim, "token": mine["token"]},  # a good token, another id
            {"token": "not.a.token"},
        ]
        for data in attempts:
            event, refused = intruder.request_session(**data)
            assert event == "session_refused", data
            assert refused["error"] and "911" in refused["text"]
        assert intruder.of("session_confirm") == []
        # The patient goes on; the intruder's socket is in no room of theirs.
        patient.client.emit("user_uttered", {"message": "what is ivig?", "session_id": victim,
                                             "token": session["token"]})
        before = len(patient.of("bot_uttered"))
        deadline = time.monotonic() + 60
        while len(patient.of("bot_uttered")) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)
        assert len(patient.of("bot_uttered")) > before
        assert intruder.of("bot_uttered") == []
    finally:
        intruder.close()
        patient.close()


@pytest.mark.integration
def test_a_message_for_another_conversation_is_refused_and_not_stored(locked):
    servers, web_url = locked
    # Before: any socket wrote into the conversation it named, session or not.
    first, named = Socket(servers.url), uuid.uuid4().hex
    try:
        first.client.emit("user_uttered", {"message": "delete my data", "session_id": named})
        assert first.answered.wait(30) and first.of("message_refused")[0]["error"] \
            == "session_invalid"
        time.sleep(2)
        assert user_events(servers, named) == []
    finally:
        first.close()
    session, patient = victim_chatting(servers, web_url)
    victim = session["session_id"]
    patient.close()
    mine = new_session(web_url)
    intruder = Socket(servers.url)
    try:
        assert intruder.request_session(session_id=mine["session_id"], token=mine["token"])[0] \
            == "session_confirm"
        stored_before = len(user_events(servers, victim))
        for data in ({"message": "delete my data", "session_id": victim, "token": mine["token"]},
                     {"message": "delete my data", "session_id": victim},
                     {"message": "delete my data", "session_id": victim,
                      "token": forged_token(victim)},
                     {"message": "delete my data", "token": expired_token(
                         servers.patient_secret, mine["session_id"])},
                     {"message": "delete my data", "session_id": mine["session_id"]}):
            intruder.answered.clear()
            intruder.client.emit("user_uttered", data)
            assert intruder.answered.wait(30), data
            assert intruder.of("message_refused")[-1]["error"] == "session_invalid"
        time.sleep(2)
        assert intruder.of("bot_uttered") == []
        assert len(user_events(servers, victim)) == stored_before
        assert user_events(servers, mine["session_id"]) == []
        assert escalations(servers, victim) == []
    finally:
        intruder.close()


@pytest.mark.integration
def test_rest_needs_the_senders_token_unless_trusted(locked, request, tmp_path_factory):
    servers, web_url = locked
    webhook = f"{servers.url}/webhooks/rest/webhook"

    def post(headers: Optional[dict] = None, who: str = "") -> requests.Response:
        return requests.post(webhook, json={"sender": who or sender,
                                            "message": "my throat is swelling"},
                             headers=headers or {}, timeout=60)

    # Before: any sender, no token.
    anyone = uuid.uuid4().hex
    assert post(who=anyone).status_code == 401
    assert user_events(servers, anyone) == [] and escalations(servers, anyone) == []
    session = new_session(web_url)
    sender = session["session_id"]
    assert post().status_code == 401
    assert post(bearer(forged_token(sender))).status_code == 401
    assert post(bearer(expired_token(servers.patient_secret, sender))).status_code == 401
    assert post(bearer(session["token"]), who=uuid.uuid4().hex).status_code == 403
    assert user_events(servers, sender) == [] and escalations(servers, sender) == []
    # With the sender's own token it is a conversation like any other.
    reply = post(bearer(session["token"]))
    assert any("911" in text for text in texts(reply))
    assert len(user_events(servers, sender)) == 1

    # REST_TRUSTED=1 (the servers the project's tools start): no token needed.
    trusted = security_servers(request, tmp_path_factory)
    assert trusted.rest_trusted
    other = f"trusted-{uuid.uuid4().hex[:12]}"
    reply = requests.post(f"{trusted.url}/webhooks/rest/webhook",
                          json={"sender": other, "message": "what is ivig?"}, timeout=60)
    assert texts(reply)
