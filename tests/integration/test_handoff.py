"""The live handoff against the trained model and both servers: while a nurse has the
conversation (paused through the HTTP API) the assistant is quiet, except that an
emergency still gets the 911 advice and an emergency escalation; the socket.io channel's
relay keeps a nurse's message in the conversation with her name."""

import uuid

import pytest
import requests
from sqlalchemy import create_engine, text

from tools.servers import DEFAULT_MODEL, Servers
from web.handoff_relay import mint_relay_token

pytestmark = pytest.mark.integration
TOKEN = "test-token-" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does) first")
    with Servers.on_own_stores(tmp_path_factory.mktemp("servers"), rasa_port=5108,
                               action_port=5158, auth_token=TOKEN) as servers:
        yield servers


def tracker(servers, sender):
    reply = requests.get(f"{servers.url}/conversations/{sender}/tracker",
                         params={"token": TOKEN}, timeout=30)
    reply.raise_for_status()
    return reply.json()


def pause(servers, sender):
    requests.post(f"{servers.url}/conversations/{sender}/tracker/events",
                  params={"token": TOKEN}, json={"event": "pause"}, timeout=30).raise_for_status()


def escalation_levels(servers, sender):
    engine = create_engine(servers.database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT level FROM escalations WHERE conversation_id = :c ORDER BY id"),
            {"c": sender}).fetchall()
    engine.dispose()
    return [row[0] for row in rows]


def test_paused_conversation_is_quiet_but_an_emergency_still_gets_911(servers):
    sender = uuid.uuid4().hex
    servers.say(sender, "my pee is dark like cola since the infusion")
    pause(servers, sender)
    assert servers.say(sender, "only one glass of water today") == []
    replies = servers.say(sender, "now my throat is swelling and I can't breathe")
    assert any("911" in reply for reply in replies)
    assert escalation_levels(servers, sender)[-1] == "emergency"
    state = tracker(servers, sender)
    assert state["paused"] is True  # the nurse still has the conversation
    assert state["slots"]["triage_level"] == "emergency"


def test_the_relay_keeps_a_nurses_message_with_her_name(servers):
    sender = uuid.uuid4().hex
    servers.say(sender, "my pee is dark like cola since the infusion")
    pause(servers, sender)
    url = f"{servers.url}/webhooks/socketio/handoff/{sender}"
    body = {"kind": "staff_message", "text": "Hi, Sam here from the clinic.",
            "staff": {"name": "Sam", "role": "Nurse"}}
    assert requests.post(url, json=body, timeout=30).status_code == 401  # no relay token
    token = mint_relay_token(servers.patient_secret, sender)
    reply = requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert reply.status_code == 200, reply.text
    [event] = [e for e in tracker(servers, sender)["events"]
               if e["event"] == "bot" and e.get("metadata", {}).get("handoff")]
    assert event["text"] == "Hi, Sam here from the clinic."
    assert event["metadata"]["handoff"] == {"kind": "staff", "name": "Sam", "role": "Nurse"}


def test_handback_resumes_and_the_assistant_says_it_is_back(servers):
    """Needs a model trained with utter_handback (make train)."""
    sender = uuid.uuid4().hex
    servers.say(sender, "my pee is dark like cola since the infusion")
    pause(servers, sender)
    requests.post(f"{servers.url}/conversations/{sender}/tracker/events",
                  params={"token": TOKEN}, json={"event": "resume"}, timeout=30).raise_for_status()
    token = mint_relay_token(servers.patient_secret, sender)
    reply = requests.post(f"{servers.url}/webhooks/socketio/handoff/{sender}",
                          json={"kind": "handback"},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert reply.status_code == 200, reply.text
    state = tracker(servers, sender)
    assert state["paused"] is False
    assert any(e["event"] == "bot" and "I'm back" in (e.get("text") or "") for e in state["events"])
    # The assistant answers again, as before the handoff.
    assert any("911" in text or "care team" in text.lower()
               for text in servers.say(sender, "my throat is swelling and I can't breathe"))


def test_a_wait_for_changes_ends_when_the_patient_writes(servers):
    import threading

    sender = uuid.uuid4().hex
    servers.say(sender, "my pee is dark like cola since the infusion")
    url = f"{servers.url}/webhooks/socketio/handoff/{sender}/changes"

    def headers():
        return {"Authorization": f"Bearer {mint_relay_token(servers.patient_secret, sender)}"}

    version = requests.get(url, headers=headers(), timeout=30).json()["version"]
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(requests.get(
        url, params={"version": version}, headers=headers(), timeout=30).json()))
    waiter.start()
    servers.say(sender, "it is still dark")
    waiter.join(10)
    assert answers and answers[0]["version"] > version
