"""The action server, black-box (rasa_addons/action_server.py): only the Rasa server may call it.

Findings measured against `make run` on loopback: it listened on every interface with no
authentication and allowed every origin; one POST to /webhook running
`action_request_data_deletion` for another conversation id erased that patient's
conversation, another stored a fake emergency, a 10 MB "patient message" was stored
whole; and with the action server hung, a patient reporting an emergency waited minutes
for the 911 advice over REST. Each test below failed on that code.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
import uuid
import zlib
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests

from tests.security.servers_fixture import (
    escalations,
    new_sender,
    say,
    security_servers,
    texts,
    user_events,
)

pytestmark = pytest.mark.integration
MB = 1024 * 1024


@pytest.fixture(scope="module")
def servers(request, tmp_path_factory):
    return security_servers(request, tmp_path_factory)


def action_call(action: str, sender: str, message: str = "",
                intent: Optional[str] = None) -> Dict[str, Any]:
    """An action call as Rasa 3.6 makes it (selective domain: no domain)."""
    parse = {"text": message, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    message_id = uuid.uuid4().hex
    return {
        "next_action": action, "sender_id": sender, "version": "3.6.21",
        "tracker": {
            "sender_id": sender, "slots": {}, "latest_message": {**parse, "message_id": message_id},
            "events": [{"event": "user", "text": message, "parse_data": parse,
                        "message_id": message_id}],
            "paused": False, "followup_action": None, "active_loop": {},
            "latest_action_name": "action_listen",
            "latest_action": {"action_name": "action_listen"},
        },
    }


def post(servers, body: bytes, token: Optional[str] = None,
         headers: Optional[Dict[str, str]] = None, path: str = "/webhook") -> requests.Response:
    headers = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(f"http://127.0.0.1:{servers.action_port}{path}", data=body,
                         headers=headers, timeout=60)


def encode(call: Dict[str, Any]) -> bytes:
    return json.dumps(call).encode()


def the_token(servers) -> str:
    return getattr(servers, "action_token", "")


def attacks(victim: str, stranger: str) -> List[bytes]:
    """What a stranger sent: erase the victim's conversation, file a fake emergency."""
    return [encode(action_call("action_request_data_deletion", victim, "delete my data",
                               "request_data_deletion")),
            encode(action_call("action_triage", stranger, "fake", "report_severe_reaction")),
            encode(action_call("action_request_human", stranger, "call me", "request_human"))]


def test_calls_without_the_token_get_401_and_run_nothing(servers):
    victim, stranger = new_sender("victim"), new_sender("stranger")
    texts(say(servers, victim, "my urine has gone dark brown since the infusion"))
    assert [level for level, _ in escalations(servers, victim)] == ["urgent"]

    for body in attacks(victim, stranger):
        reply = post(servers, body)
        assert reply.status_code == 401, (reply.status_code, reply.text[:200])
    assert requests.get(f"{servers.action_url}/actions", timeout=10).status_code == 401

    time.sleep(1)
    assert [level for level, _ in escalations(servers, victim)] == ["urgent"]  # no deletion
    assert escalations(servers, stranger) == []  # no fake emergency, no contact request
    assert len(user_events(servers, victim)) == 1  # the conversation is still there
    # The same call with the token runs: the 401s above were the token, not the body.
    control = new_sender("control")
    reply = post(servers, encode(action_call("action_request_human", control, "call me",
                                             "request_human")), token=the_token(servers))
    assert reply.status_code == 200, reply.text[:300]
    assert [level for level, _ in escalations(servers, control)] == ["contact_request"]


@pytest.mark.parametrize("authorization", [
    "Bearer wrong-token", "Bearer ", "Basic d3Jvbmc6dG9rZW4=", "{token}x", "Bearer {token}x",
    "bearer  {token}", "Bearer {short}"])
def test_a_wrong_token_gets_401(servers, authorization):
    token = the_token(servers)
    stranger = new_sender("wrong-token")
    header = authorization.format(token=token, short=token[:-1])
    body = encode(action_call("action_triage", stranger, "fake", "report_severe_reaction"))
    reply = post(servers, body, headers={"Authorization": header})
    assert reply.status_code == 401
    # Nor in the query string (Rasa's `token:` endpoint option would send it there).
    reply = requests.post(f"{servers.action_url}/webhook", params={"token": token}, data=body,
                          headers={"Content-Type": "application/json"}, timeout=30)
    assert reply.status_code == 401
    assert escalations(servers, stranger) == []


def test_other_sites_get_no_cors_allowance_and_cannot_post(servers):
    origin = {"Origin": "http://evil.example"}
    preflight = requests.options(
        f"{servers.action_url}/webhook", timeout=10,
        headers={**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type, authorization"})
    # What a page on another site can send without a preflight: a text/plain form post.
    stranger = new_sender("cross-site")
    simple = requests.post(
        f"{servers.action_url}/webhook", timeout=30, headers={**origin, "Content-Type": "text/plain"},
        data=encode(action_call("action_triage", stranger, "fake", "report_severe_reaction")))
    health = requests.get(f"{servers.action_url}/health", headers=origin, timeout=10)
    for reply in (preflight, simple, health):
        allowed = {k.lower(): v for k, v in reply.headers.items()
                   if k.lower().startswith("access-control-")}
        assert allowed == {}, (reply.request.method, reply.status_code, allowed)
    assert simple.status_code == 401
    assert escalations(servers, stranger) == []  # the fake emergency did not run
    assert health.status_code == 200  # the liveness probe stays open


def _decode(address: str) -> str:
    raw = bytes.fromhex(address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def listening_addresses(port: int) -> List[str]:
    """Local addresses of the TCP sockets listening on `port` (from /proc/net/tcp{,6})."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for row in rows:
            fields = row.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.append(_decode(address))
    return found


def non_loopback_address() -> Optional[str]:
    """This machine's address on its default route (no packet is sent), if it has one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_it_listens_on_loopback_only(servers):
    assert listening_addresses(servers.action_port) == ["127.0.0.1"]
    address = non_loopback_address()
    if address:  # and nobody reaches it on the machine's other address
        with pytest.raises(OSError):
            socket.create_connection((address, servers.action_port), timeout=3).close()


def test_a_big_body_gets_413_and_nothing_is_stored(servers):
    token = the_token(servers)
    sender = new_sender("big-body")
    call = action_call("action_request_human", sender, "x" * (10 * MB), "request_human")
    try:
        reply = post(servers, encode(call), token=token)
        status = reply.status_code
    except requests.ConnectionError:  # refused before the whole body was sent
        status = "connection closed"
    assert status == 413, status
    # Deflated (Rasa's COMPRESS_ACTION_SERVER_REQUEST): 10 KB that inflate to 10 MB.
    deflated = zlib.compress(encode(call), 9)
    assert len(deflated) < 64 * 1024
    reply = post(servers, deflated, token=token, headers={"Content-Encoding": "deflate"})
    assert reply.status_code == 413
    assert escalations(servers, sender) == []


def test_real_calls_fit_the_body_limit(servers):
    """A 40-message conversation with screenings, questions and escalations runs every
    action (the limit is far above a real session's tracker)."""
    sender = new_sender("long")
    script = ["hello", "I have a mild headache since my infusion", "no", "no", "no", "no",
              "can I eat before my infusion?", "my pee is dark brown like cola", "thanks",
              "I want to talk to a nurse"]
    for message in script * 4:
        texts(say(servers, sender, message))
    assert sorted({level for level, _ in escalations(servers, sender)}) == [
        "contact_request", "urgent"]
    slots = requests.get(f"{servers.url}/conversations/{sender}/tracker", timeout=30,
                         params={"token": servers.auth_token}).json()["slots"]
    assert slots["triage_level"] == "urgent"


def test_emergency_advice_arrives_within_seconds_when_the_action_server_hangs(servers):
    process = servers.by_name["actions"]
    sender = new_sender("hung")
    os.killpg(process.pid, signal.SIGSTOP)  # accepts connections, never answers
    try:
        started = time.monotonic()
        reply = say(servers, sender, "my lips and tongue are swelling up", timeout=15)
        elapsed = time.monotonic() - started
    finally:
        os.killpg(process.pid, signal.SIGCONT)
    replies = texts(reply)
    assert "911" in replies[0]
    assert elapsed < 5, f"the 911 advice took {elapsed:.1f} s"
    assert requests.get(f"{servers.action_url}/health", timeout=30).ok  # back to normal
