"""The real servers for tests/security/test_action_server.py and test_channels.py: the
trained model, the Rasa server and the action server as `make run` starts them
(tools/servers.py), on free ports, with a temporary tracker store and escalation database.

They start once per test session (loading the model takes a minute) and stop at its end;
the tests talk to them over HTTP and socket.io only, and read the two databases as files.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from typing import Any, Dict, List, Tuple

import pytest
import requests
from sqlalchemy import create_engine, text

from tools.rest_client import RestClient
from tools.servers import DEFAULT_MODEL, Servers

API_TOKEN = "security-api-" + secrets.token_hex(8)
_STARTED: Dict[str, Servers] = {}


def security_servers(request: pytest.FixtureRequest,
                     tmp_path_factory: pytest.TempPathFactory) -> Servers:
    """The shared servers, started on first use and stopped when the session ends."""
    if "servers" not in _STARTED:
        if not DEFAULT_MODEL.exists():
            pytest.fail("no trained model: run `make train` (make test does) first")
        tmp = tmp_path_factory.mktemp("security-servers")
        servers = Servers.on_own_stores(tmp, auth_token=API_TOKEN)
        request.config.add_cleanup(servers.stop)
        servers.start()
        _STARTED["servers"] = servers
    return _STARTED["servers"]


def new_sender(kind: str) -> str:
    return f"sec-{kind}-{uuid.uuid4().hex[:12]}"


def say(servers: Servers, sender: str, message: str, timeout: float = 60) -> requests.Response:
    return RestClient(servers.url).post(sender, message, timeout=timeout)


def texts(reply: requests.Response) -> List[str]:
    reply.raise_for_status()
    return [m.get("text") or "" for m in reply.json()]


def tracker(servers: Servers, sender: str) -> Dict[str, Any]:
    reply = requests.get(f"{servers.url}/conversations/{sender}/tracker",
                         params={"token": API_TOKEN}, timeout=30)
    reply.raise_for_status()
    return reply.json()


def user_events(servers: Servers, sender: str) -> List[Dict[str, Any]]:
    return [e for e in tracker(servers, sender)["events"] if e["event"] == "user"]


def escalations(servers: Servers, sender: str) -> List[Tuple[str, str]]:
    """(level, patient message) of every escalation row of a conversation."""
    engine = create_engine(servers.database_url)
    try:
        with engine.connect() as connection:
            if not engine.dialect.has_table(connection, "escalations"):
                return []
            rows = connection.execute(
                text("SELECT level, patient_message FROM escalations "
                     "WHERE conversation_id = :c ORDER BY id"), {"c": sender}).fetchall()
    finally:
        engine.dispose()
    return [tuple(row) for row in rows]


class SocketPatient:
    """A socket.io client in a session of its own, as the widget connects (polling: see
    tests/fuzz), with a session token from the servers' secret (as the web server mints
    them), collecting every event the server sends it."""

    def __init__(self, servers: Servers) -> None:
        import socketio

        url = servers.url
        self.session_id = uuid.uuid4().hex
        self.token = servers.patient_token(self.session_id)
        self.events: List[Tuple[str, Any]] = []
        self.confirmed = threading.Event()
        self.client = socketio.Client(reconnection=False, request_timeout=30)
        self.client.on("*", lambda event, data: self.events.append((event, data)))
        self.client.on("session_confirm", lambda data: self.confirmed.set())
        self.client.connect(url, socketio_path="/socket.io", transports=["polling"],
                            wait_timeout=30)
        self.client.emit("session_request", {"session_id": self.session_id, "token": self.token})
        if not self.confirmed.wait(30):
            raise TimeoutError("no session_confirm")

    def send(self, message: str) -> None:
        self.client.emit("user_uttered", {"message": message, "session_id": self.session_id,
                                          "token": self.token})

    def wait_for(self, event: str, timeout: float = 60, quiet: float = 3.0) -> List[Any]:
        """The data of every `event` received, once one has come and then nothing for
        `quiet` seconds (or after `timeout`)."""
        deadline, seen, last = time.monotonic() + timeout, 0, time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if len(self.events) != seen:
                seen, last = len(self.events), time.monotonic()
            elif any(e == event for e, _ in self.events) and time.monotonic() - last >= quiet:
                break
        return [data for e, data in self.events if e == event]

    def close(self) -> None:
        self.client.disconnect()


def json_size(data: Any) -> int:
    return len(json.dumps(data).encode())
