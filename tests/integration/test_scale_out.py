"""Scale-out on real services: two Rasa servers share a PostgreSQL tracker store and a Redis
lock store; one conversation alternates between them and nothing is lost or doubled.

Needs PostgreSQL on 127.0.0.1:5432 (trust auth) and Redis on 127.0.0.1:6379. When they
are unreachable the tests skip with the reason, unless REQUIRE_SERVICES=1 (set by
.ci/run), which turns the skip into a failure.
"""

import os
import socket
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import yaml
from sqlalchemy import create_engine, text

from tools.servers import DEFAULT_MODEL, Servers
from settings import Settings, endpoints_config

pytestmark = pytest.mark.integration
PG = "postgresql://postgres@127.0.0.1:5432"
REDIS = ("127.0.0.1", 6379)


def services_missing() -> str:
    try:
        engine = create_engine(f"{PG}/postgres")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL at {PG} unreachable ({error.__class__.__name__})"
    try:
        with socket.create_connection(REDIS, timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            if not connection.recv(16).startswith(b"+PONG"):
                return "Redis did not answer PING"
    except OSError as error:
        return f"Redis at {REDIS[0]}:{REDIS[1]} unreachable ({error.__class__.__name__})"
    return ""


@pytest.fixture(scope="module")
def databases():
    missing = services_missing()
    if missing:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {missing}")
        pytest.skip(missing)
    names = [f"ivig_test_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("tracker", "escalations")]
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield [f"{PG}/{name}" for name in names]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def two_servers(databases, tmp_path_factory):
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does) first")
    tracker_url, escalations_url = databases
    tmp = tmp_path_factory.mktemp("scale")
    settings = Settings(action_server_url="http://localhost:5160/webhook",
                        tracker_store_url=tracker_url,
                        lock_store_url=f"redis://{REDIS[0]}:{REDIS[1]}/3")
    config = endpoints_config(settings)
    config["lock_store"]["key_prefix"] = f"test{uuid.uuid4().hex[:6]}"
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(config))
    # Eight conversations at once from one address: no rate limit (rasa_addons/channels/patient_limits.py).
    env = {"DATABASE_URL": escalations_url, "PATIENT_MESSAGES_PER_MINUTE": "0",
           "PATIENT_MESSAGES_PER_MINUTE_PER_ADDRESS": "0"}
    # REST_TRUSTED: the test talks to both as made-up senders (tools/servers.py on_own_stores).
    first = Servers(rasa_port=5110, action_port=5160, endpoints=endpoints, env=env,
                    log_dir=tmp / "a", rest_trusted=True)
    # The second Rasa server calls the first one's action server, with its token.
    second = Servers(rasa_port=5111, action_port=5160, endpoints=endpoints, env=env,
                     log_dir=tmp / "b", action_token=first.action_token, rest_trusted=True)
    try:
        first.start_actions()
        first.start_rasa()
        first.wait_ready()
        second.start_rasa()
        second.wait_ready()
        yield first, second, escalations_url
    finally:
        second.stop()
        first.stop()


def escalation_count(url, sender):
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM escalations WHERE conversation_id = :s"),
                                   {"s": sender}).scalar()
    engine.dispose()
    return count


SCRIPT = ["hello", "I have a mild headache since my infusion", "no", "no", "no", "no",
          "my pee is dark brown like cola", "can I eat before my next infusion?"]


def run_script(servers, sender):
    replies = [servers[i % 2].say(sender, message) for i, message in enumerate(SCRIPT)]
    return replies


def test_one_conversation_alternating_between_two_servers(two_servers):
    first, second, escalations_url = two_servers
    sender = uuid.uuid4().hex
    replies = run_script((first, second), sender)
    assert all(replies), "every message got a reply"
    assert "worst headache" in " ".join(replies[2]).lower()  # B continued A's screening
    trackers = [requests.get(f"{s.url}/conversations/{sender}/tracker", timeout=30).json()
                for s in (first, second)]
    assert trackers[0]["events"] == trackers[1]["events"]  # one shared conversation
    user_events = [e for e in trackers[0]["events"] if e["event"] == "user"]
    assert [e["text"] for e in user_events] == SCRIPT  # nothing lost, nothing doubled
    assert trackers[0]["slots"]["triage_level"] == "info"
    assert escalation_count(escalations_url, sender) == 1  # the dark urine, once


def test_concurrent_conversations_across_both_servers(two_servers):
    first, second, escalations_url = two_servers
    senders = [uuid.uuid4().hex for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda s: run_script((first, second), s), senders))
    for sender in senders:
        tracker = requests.get(f"{second.url}/conversations/{sender}/tracker", timeout=30).json()
        assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == SCRIPT
        assert escalation_count(escalations_url, sender) == 1
