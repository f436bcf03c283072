"""Findings: nothing limited how fast a client could send to the patient channels; the
widget status API (no authentication) held each call up to 5 s, asking Rasa for the whole
tracker every 0.4 s (twenty such calls raised another patient's reply time from 0.04 s to
7.9 s); and slow connections were kept: Sanic waits 60 s for a request and Rasa keeps idle
connections 120 s, aiohttp waits forever for a new connection's first request.

The web server tests run by default (a stand-in for Rasa's tracker API); those on the
Rasa server start it with the trained model (integration).
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import List

import pytest
import requests

from tests.security.servers_fixture import SocketPatient, new_sender, say
from tests.security.servers_fixture_sec4 import (
    CLIENT_REQUEST_TIMEOUT,
    PER_ADDRESS,
    PER_SENDER,
    sec4_servers,
    web_server_on,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.security


# ------------------------------------------------------------------ a stand-in for Rasa


class FakeRasa:
    """Rasa's tracker API: every conversation has one stored user message; it takes 50 ms
    to answer and counts the calls."""

    def __init__(self) -> None:
        self.calls: List[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                fake.calls.append(self.path)
                time.sleep(0.05)
                body = json.dumps({"slots": {"triage_level": "info"},
                                   "events": [{"event": "user", "text": "hi"}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def fake_rasa():
    fake = FakeRasa()
    yield fake
    fake.close()


def timed_get(url: str):
    """GET a widget status URL with that conversation's patient session token."""
    from tests.security.conftest import PATIENT_SECRET
    from web.patient_sessions import PatientSessions

    conversation = url.split("/api/widget/status/")[1].split("?")[0]
    token = PatientSessions(PATIENT_SECRET).mint(conversation)
    started = time.monotonic()
    reply = requests.get(url, timeout=30, headers={"Authorization": f"Bearer {token}"})
    return reply, time.monotonic() - started


def test_widget_status_answers_at_once_and_asks_rasa_little(web_server_on, fake_rasa):  # noqa: F811
    url = web_server_on(fake_rasa.url)
    # The widget has sent 3 messages, Rasa has stored 1: the old API waited 5 s polling.
    same = f"{url}/api/widget/status/{uuid.uuid4().hex}?min_turns=3"
    others = [f"{url}/api/widget/status/{uuid.uuid4().hex}?min_turns=3" for _ in range(20)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(timed_get, [same] * 20 + others))
    elapsed = time.monotonic() - started
    slowest = max(seconds for _, seconds in results)
    assert all(reply.status_code == 200 for reply, _ in results)
    assert all(reply.json() == {"level": "info", "turns": 1, "settled": False}
               for reply, _ in results)
    assert slowest < 1.5, f"a status call took {slowest:.1f} s"
    # 20 calls about one conversation share one question to Rasa; 20 others one each.
    assert len(fake_rasa.calls) <= 21, f"{len(fake_rasa.calls)} tracker fetches in {elapsed:.1f} s"
    # Asked again a moment later: from the cache, Rasa not asked.
    asked = len(fake_rasa.calls)
    assert timed_get(same)[0].json()["turns"] == 1
    assert len(fake_rasa.calls) == asked


def connection_lifetime(port: int, data: bytes, limit: float = 15.0) -> float:
    """Seconds until the server closes a connection that sent `data` and then nothing."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=limit) as connection:
        connection.sendall(data)
        try:
            while connection.recv(65536):
                pass
        except socket.timeout:
            return limit
    return time.monotonic() - started


PARTIAL_REQUEST = b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: localhost\r\n"


def test_web_server_closes_slow_and_idle_connections(start_web):
    server = start_web(CLIENT_REQUEST_TIMEOUT="2", CLIENT_KEEP_ALIVE_TIMEOUT="2")
    port = int(server.url.rsplit(":", 1)[1])
    assert connection_lifetime(port, PARTIAL_REQUEST) < 4, "half a request kept open"
    assert connection_lifetime(port, b"") < 4, "a silent connection kept open"
    kept_alive = connection_lifetime(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert kept_alive < 4, "an idle kept-alive connection kept open"
    assert requests.get(f"{server.url}/healthz", timeout=5).ok  # still serving


# ------------------------------------------------------------------ the Rasa server


def user_events(servers, sender: str):
    reply = requests.get(f"{servers.url}/conversations/{sender}/tracker",
                         params={"token": servers.auth_token}, timeout=30)
    reply.raise_for_status()
    return [event for event in reply.json()["events"] if event["event"] == "user"]


@pytest.fixture(scope="module")
def servers(request, tmp_path_factory):
    return sec4_servers(request, tmp_path_factory)


@pytest.mark.integration
def test_rasa_server_closes_slow_connections(servers):
    lifetime = connection_lifetime(servers.rasa_port, PARTIAL_REQUEST)
    assert lifetime < CLIENT_REQUEST_TIMEOUT + 2, f"half a request kept open {lifetime:.0f} s"
    kept_alive = connection_lifetime(servers.rasa_port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert kept_alive < 8, f"an idle kept-alive connection kept open {kept_alive:.0f} s"


@pytest.mark.integration
def test_rest_sender_over_the_limit_gets_429_with_words_for_a_person(servers):
    sender = new_sender("rest-fast")
    answered = [say(servers, sender, "hello") for _ in range(PER_SENDER)]
    assert [reply.status_code for reply in answered] == [200] * PER_SENDER
    refused = say(servers, sender, "my throat is swelling")
    assert refused.status_code == 429
    words = refused.json()["message"]
    assert "wait" in words and "911" in words
    assert len(user_events(servers, sender)) == PER_SENDER  # the refused one is not stored
    assert say(servers, new_sender("rest-other"), "hello").status_code == 200  # others go on


@pytest.mark.integration
def test_socketio_sender_over_the_limit_is_told_to_slow_down(servers):
    patient = SocketPatient(servers)
    try:
        for number in range(PER_SENDER + 1):
            patient.send(f"hello {number}")
            time.sleep(0.3)
        replies = patient.wait_for("bot_uttered", timeout=60, quiet=3)
    finally:
        patient.close()
    refused = [reply for reply in replies if reply.get("error") == "rate_limited"]
    assert len(refused) == 1
    assert "911" in refused[0]["text"] and "wait" in refused[0]["text"]
    assert len(user_events(servers, patient.session_id)) == PER_SENDER


@pytest.mark.integration
def test_widget_status_calls_do_not_slow_other_patients(servers, web_server_on):  # noqa: F811
    web_url = web_server_on(servers.url, RASA_AUTH_TOKEN=servers.auth_token)
    waits = [f"{web_url}/api/widget/status/{uuid.uuid4().hex}?min_turns=2" for _ in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        calls = pool.map(timed_get, waits)
        time.sleep(0.2)
        started = time.monotonic()
        reply = say(servers, new_sender("patient"), "can I eat before my infusion?")
        reply_seconds = time.monotonic() - started
        results = list(calls)
    print(f"another patient's reply during 20 status calls: {reply_seconds:.2f} s; "
          f"slowest status call {max(s for _, s in results):.2f} s")
    assert reply.status_code == 200
    assert all(r.status_code == 200 for r, _ in results)
    assert max(seconds for _, seconds in results) < 2.0
    assert reply_seconds < 2.0


@pytest.mark.integration
def test_rest_address_over_the_limit_gets_429(servers):
    # Last: it uses up this address's allowance for a minute. Each message from a new
    # sender, so only the per-address limit applies.
    statuses = []
    for _ in range(PER_ADDRESS + 1):
        statuses.append(say(servers, new_sender("rest-addr"), "hello").status_code)
        if statuses[-1] == 429:
            break
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}
    assert len(statuses) <= PER_ADDRESS + 1
