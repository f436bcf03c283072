"""Fixtures for the web server's tests: a temporary SQLite escalation database and a
stand-in for Rasa's tracker API (the real one needs a trained model and a minute to start)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from store.database import Database
from store.escalations import EscalationRecord, record_escalation
from web.app import create_app
from web.config import WebConfig

STAFF_TOKEN = "staff-test-token-123"
RASA_TOKEN = "rasa-test-token"
PATIENT_SECRET = "web-test-patient-session-secret-0123456789"


def patient_headers(conversation_id: str) -> Dict[str, str]:
    """The widget's Authorization header for a conversation (a token as the server mints)."""
    from web.patient_sessions import PatientSessions

    return {"Authorization": f"Bearer {PatientSessions(PATIENT_SECRET).mint(conversation_id)}"}


class FakeRasa:
    """Serves GET /conversations/<id>/tracker from `trackers`; records what it was asked."""

    def __init__(self) -> None:
        self.trackers: Dict[str, List[Dict[str, Any]]] = {}  # id -> successive answers
        self.requests: List[Dict[str, str]] = []
        self.app = web.Application()
        self.app.router.add_get("/conversations/{conversation_id}/tracker", self.tracker)

    async def tracker(self, request: web.Request) -> web.Response:
        self.requests.append(dict(request.query))
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"error": "NotAuthenticated"}, status=401)
        answers = self.trackers.get(request.match_info["conversation_id"])
        if not answers:
            return web.json_response({"events": [], "slots": {}})
        return web.json_response(answers.pop(0) if len(answers) > 1 else answers[0])


def tracker(events: List[Dict[str, Any]], **slots: Any) -> Dict[str, Any]:
    return {"events": events, "slots": slots}


def user(text: str, timestamp: float = 1.0) -> Dict[str, Any]:
    return {"event": "user", "text": text, "timestamp": timestamp}


def bot(text: str, response: str = "", buttons: Any = None, timestamp: float = 2.0) -> Dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": timestamp,
            "data": {"buttons": buttons} if buttons else {},
            "metadata": {"utter_action": response} if response else {}}


@pytest.fixture(autouse=True)
def no_secret_in_var(tmp_path, monkeypatch):
    """WebConfig.from_env without PATIENT_SESSION_SECRET makes one in a file: here, never
    in the checkout's var/."""
    import settings

    monkeypatch.setattr(settings, "DEFAULT_PATIENT_SECRET_FILE",
                        tmp_path / "var" / "patient_session_secret")


@pytest.fixture()
def database(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'escalations.db'}")
    database.migrate()
    return database


@pytest.fixture()
def add_escalation(database):
    def add(conversation_id: str = "conv-1", level: str = "emergency",
            message: str = "my throat is swelling", red_flags=("anaphylaxis",),
            reason: str = "possible anaphylaxis") -> int:
        return record_escalation(database, EscalationRecord(
            conversation_id=conversation_id, level=level, reason=reason,
            red_flags=list(red_flags), patient_message=message))
    return add


@pytest.fixture()
async def fake_rasa():
    fake = FakeRasa()
    server = TestServer(fake.app)
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()


@pytest.fixture()
async def make_client(database, fake_rasa):
    """A test client for the web server; keyword arguments change its WebConfig, `clock`
    (a function returning an aware UTC datetime) replaces the server's clock."""
    clients: List[TestClient] = []

    async def make(clock: Any = None, **overrides: Any) -> TestClient:
        settings = dict(staff_token=STAFF_TOKEN, rasa_url=fake_rasa.url,
                        widget_rasa_url="http://rasa.example:5005", rasa_auth_token=RASA_TOKEN,
                        patient_session_secret=PATIENT_SECRET)
        settings.update(overrides)
        app = create_app(WebConfig(**settings), database, clock=clock)
        test_client = TestClient(TestServer(app))
        await test_client.start_server()
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        await test_client.close()


@pytest.fixture()
async def client(make_client):
    return await make_client()


@pytest.fixture()
def bearer() -> Dict[str, str]:
    return {"Authorization": f"Bearer {STAFF_TOKEN}"}


class Clock:
    """A clock the test moves: `clock.advance(seconds=...)`."""

    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture()
def clock() -> Clock:
    return Clock()
