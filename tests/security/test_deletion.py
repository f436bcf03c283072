"""Finding: a deletion could be undone. Rasa reads a conversation when a message arrives
and saves it when the turn is done; a message handled while the reconciler carried out
the patient's deletion request wrote the whole session back (Rasa's SQL tracker store
writes the events it does not find stored), and the reconciler's next pass recorded the
deleted emergency again, with the patient's words.

Here the race is driven from outside: the reconciler as a process (`python -m
jobs.reconcile`, one pass), and the save Rasa makes at the end of the turn through the
tracker store the project's endpoints file configures (`settings`), on temporary
databases. The integration test at the end runs it against the real Rasa server: a
message held by a hung action server while the reconciler deletes.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from settings import Settings, endpoints_config
from tests.security.conftest import run_reconciler

pytestmark = pytest.mark.security

SENDER = "patient-deletes-7"
EMERGENCY = ("my throat is swelling and I can't breathe", "report_severe_reaction",
             ["throat_swelling"])


def user(text: str, intent: str, red_flags, message_id: str, timestamp: float) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 1.0},
                       [{"entity": "red_flag", "value": v} for v in red_flags],
                       message_id=message_id, timestamp=timestamp)


def project_tracker_store(tracker_db) -> TrackerStore:
    """The tracker store the Rasa server gets from the endpoints file make run writes."""
    config = endpoints_config(Settings(tracker_store_url=f"sqlite:///{tracker_db}"))
    return TrackerStore.create(EndpointConfig.from_dict(config["tracker_store"]), Domain.empty())


def events_of(tracker_db, sender: str):
    with sqlite3.connect(tracker_db) as connection:
        return connection.execute("SELECT type_name, data FROM events WHERE sender_id = ?",
                                  (sender,)).fetchall()


def escalation_rows(escalations_db, sender: str):
    with sqlite3.connect(escalations_db) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(
            "SELECT * FROM escalations WHERE conversation_id = ? ORDER BY id", (sender,))]


def ask_for_deletion(escalations_db, sender: str, minutes_ago: float = 2) -> None:
    """The row ActionRequestDataDeletion writes, made long enough ago to be carried out."""
    when = (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).strftime(
        "%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(escalations_db) as connection:
        connection.execute(
            "INSERT INTO escalations (conversation_id, level, reason, red_flags, patient_message,"
            " created_at, status, repeat_count, updated_at) VALUES (?, 'data_deletion', "
            "'patient asked', '', '', ?, 'open', 1, ?)", (sender, when, when))


@pytest.fixture()
def stores(tmp_path, monkeypatch):
    """A tracker store and an escalation database of their own; this process (where the
    tracker store runs, as in the Rasa server) uses that escalation database."""
    from store import database as db

    tracker_db, escalations_db = tmp_path / "tracker.db", tmp_path / "escalations.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{escalations_db}")
    monkeypatch.setattr(db, "_database", None)
    env = {"DATABASE_URL": f"sqlite:///{escalations_db}",
           "TRACKER_STORE_URL": f"sqlite:///{tracker_db}", "RETENTION_DAYS": "0"}
    return tracker_db, escalations_db, env


def test_a_turn_saved_while_the_reconciler_deletes_does_not_bring_the_conversation_back(
        tmp_path, stores):
    tracker_db, escalations_db, env = stores
    now = time.time()
    # Rasa stored an emergency two minutes ago; the action server was down, so the
    # reconciler records its escalation late.
    rasa_store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    tracker = DialogueStateTracker(SENDER, [])
    tracker.update(user(*EMERGENCY, "m-emergency", now - 120))
    asyncio.run(rasa_store.save(tracker))
    first = run_reconciler(tmp_path, **env)
    assert first.returncode == 0, first.stderr
    [emergency] = escalation_rows(escalations_db, SENDER)
    assert emergency["patient_message"] == EMERGENCY[0]
    # Then the patient asked for deletion, and writes again: Rasa has read the
    # conversation for this new message when the reconciler carries out the request.
    ask_for_deletion(escalations_db, SENDER)
    store = project_tracker_store(tracker_db)
    in_flight = asyncio.run(store.retrieve(SENDER))
    in_flight.update(user("is this serious?", "ask_question", [], "m-late", time.time()))
    deleting = run_reconciler(tmp_path, **env)
    assert deleting.returncode == 0, deleting.stderr
    assert events_of(tracker_db, SENDER) == []
    # The turn ends: Rasa saves the tracker it holds.
    asyncio.run(store.save(in_flight))
    again = run_reconciler(tmp_path, **env)
    assert again.returncode == 0, again.stderr

    assert events_of(tracker_db, SENDER) == [], "the deleted conversation was written back"
    rows = escalation_rows(escalations_db, SENDER)
    assert [row["level"] for row in rows] == ["emergency", "data_deletion"], \
        "the deleted emergency was recorded again"
    kept, request = rows
    # The emergency staff have not acknowledged yet stays, marked, without the words.
    assert kept["id"] == emergency["id"] and kept["patient_deleted"] == 1
    assert kept["patient_message"] == "" and kept["last_message"] == ""
    assert "deleted" in kept["reason"] and request["status"] == "resolved"
    # Only a hash of the conversation id is remembered.
    with sqlite3.connect(escalations_db) as connection:
        [(key, deleted_at)] = connection.execute(
            "SELECT conversation_hash, deleted_at FROM deleted_conversations").fetchall()
    assert key == hashlib.sha256(SENDER.encode()).hexdigest() and deleted_at > now


def test_after_a_deletion_the_patient_can_start_again(tmp_path, stores):
    tracker_db, escalations_db, env = stores
    store = project_tracker_store(tracker_db)
    tracker = DialogueStateTracker(SENDER, [])
    tracker.update(user("hello", "greet", [], "m-old", time.time() - 120))
    asyncio.run(store.save(tracker))
    run_reconciler(tmp_path, **env)  # makes the schema
    ask_for_deletion(escalations_db, SENDER)
    assert run_reconciler(tmp_path, **env).returncode == 0
    assert events_of(tracker_db, SENDER) == []
    # A new message after the deletion: Rasa finds nothing stored and starts afresh; it is
    # kept, and an emergency in it is escalated like any other.
    fresh = asyncio.run(store.retrieve(SENDER)) or DialogueStateTracker(SENDER, [])
    fresh.update(user(*EMERGENCY, "m-new", time.time()))
    asyncio.run(store.save(fresh))
    assert len(events_of(tracker_db, SENDER)) == 1
    assert run_reconciler(tmp_path, **env).returncode == 0
    levels = [(row["level"], row["patient_message"]) for row in escalation_rows(escalations_db, SENDER)]
    assert levels == [("data_deletion", ""), ("emergency", EMERGENCY[0])]


def test_a_kept_emergency_goes_once_staff_acknowledge_it(tmp_path, stores):
    tracker_db, escalations_db, env = stores
    rasa_store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tracker_db))
    tracker = DialogueStateTracker(SENDER, [])
    tracker.update(user(*EMERGENCY, "m-emergency", time.time() - 120))
    asyncio.run(rasa_store.save(tracker))
    run_reconciler(tmp_path, **env)
    ask_for_deletion(escalations_db, SENDER)
    run_reconciler(tmp_path, **env)
    kept = escalation_rows(escalations_db, SENDER)[0]
    assert kept["patient_deleted"] == 1 and kept["status"] == "open"
    with sqlite3.connect(escalations_db) as connection:
        connection.execute("UPDATE escalations SET status = 'acknowledged' WHERE id = ?",
                           (kept["id"],))
    run_reconciler(tmp_path, **env)
    assert [row["level"] for row in escalation_rows(escalations_db, SENDER)] == ["data_deletion"]


# ------------------------------------------------------------------ the real Rasa server


@pytest.fixture(scope="module")
def servers(request, tmp_path_factory):
    from tests.security.servers_fixture_sec4 import sec4_servers

    return sec4_servers(request, tmp_path_factory)


@pytest.mark.integration
def test_a_message_in_flight_during_the_deletion_does_not_undo_it(servers, tmp_path):
    import socket
    import threading

    from tests.security.servers_fixture import escalations, new_sender, say, texts
    from tests.security.servers_fixture_sec4 import restart_actions, tracker_db

    sender = new_sender("delete-race")
    texts(say(servers, sender, EMERGENCY[0]))
    texts(say(servers, sender, "please delete my data"))
    escalations_db = servers.database_url.removeprefix("sqlite:///")
    assert [level for level, _ in escalations(servers, sender)] == ["emergency", "data_deletion"]
    two_minutes_ago = (datetime.now(timezone.utc) - timedelta(minutes=2)).strftime(
        "%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(escalations_db) as connection:
        connection.execute("UPDATE escalations SET created_at = ? WHERE conversation_id = ? "
                           "AND level = 'data_deletion'", (two_minutes_ago, sender))
    # The action server hangs: Rasa holds the patient's next turn (read before the
    # deletion) for ACTION_SERVER_TIMEOUT seconds, then saves it.
    servers.stop_one("actions")
    hung = socket.socket()
    hung.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    hung.bind(("127.0.0.1", servers.action_port))
    hung.listen(16)
    finished = {}
    try:
        def message_in_flight() -> None:
            finished["reply"] = say(servers, sender, "I want to talk to a person")
            finished["at"] = time.monotonic()

        in_flight = threading.Thread(target=message_in_flight)
        in_flight.start()
        time.sleep(1.0)
        env = {"DATABASE_URL": servers.database_url,
               "TRACKER_STORE_URL": f"sqlite:///{tracker_db(servers)}", "RETENTION_DAYS": "0"}
        started_deleting = time.time()
        deleting = run_reconciler(tmp_path, **env)
        deleted_by = time.monotonic()
        assert deleting.returncode == 0, deleting.stderr
        in_flight.join(60)
        assert finished["reply"].status_code == 200
        assert finished["at"] > deleted_by, "the turn ended before the deletion: no race"
        again = run_reconciler(tmp_path, **env)
        assert again.returncode == 0, again.stderr
    finally:
        hung.close()
        restart_actions(servers)

    # Everything the patient wrote before the deletion began stays deleted.
    with sqlite3.connect(tracker_db(servers)) as connection:
        written_back = connection.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ? AND timestamp < ?",
            (sender, started_deleting)).fetchone()[0]
    assert written_back == 0, f"{written_back} deleted event(s) written back"
    rows = escalation_rows(escalations_db, sender)
    assert [row["level"] for row in rows] == ["emergency", "data_deletion"], \
        "the deleted emergency was recorded again"
    assert all(EMERGENCY[0] not in str(value) for row in rows for value in row.values())
    assert rows[0]["patient_deleted"] == 1 and rows[0]["patient_message"] == ""
    with sqlite3.connect(escalations_db) as connection:
        deleted = connection.execute(
            "SELECT deleted_at FROM deleted_conversations WHERE conversation_hash = ?",
            (hashlib.sha256(sender.encode()).hexdigest(),)).fetchall()
    assert len(deleted) == 1 and deleted[0][0] >= started_deleting


def test_with_a_shared_lock_store_the_deletion_waits_for_rasas_turn(tmp_path, stores):
    """With Redis (LOCK_STORE_URL), the reconciler deletes under the lock each Rasa server
    holds while it handles a message of the conversation: a turn in progress ends first."""
    import socket
    import threading

    from rasa.core.lock_store import LockStore

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as error:
        pytest.skip(f"no Redis at 127.0.0.1:6379 ({error.__class__.__name__})")
    tracker_db, escalations_db, env = stores
    lock_url = "redis://127.0.0.1:6379/3"
    config = endpoints_config(Settings(lock_store_url=lock_url))["lock_store"]
    rasa_locks = LockStore.create(EndpointConfig.from_dict(config))
    store = project_tracker_store(tracker_db)
    tracker = DialogueStateTracker(SENDER, [])
    tracker.update(user(*EMERGENCY, "m-emergency", time.time() - 120))
    asyncio.run(store.save(tracker))
    run_reconciler(tmp_path, **env)
    ask_for_deletion(escalations_db, SENDER)
    holding, released = threading.Event(), {}

    def rasa_turn() -> None:  # what a Rasa server does for one message of the conversation
        async def turn() -> None:
            async with rasa_locks.lock(SENDER):
                holding.set()
                in_flight = await store.retrieve(SENDER)
                await asyncio.sleep(3)
                in_flight.update(user("is this serious?", "ask_question", [], "m-late",
                                      time.time()))
                await store.save(in_flight)
                released["at"] = time.time()
        asyncio.run(turn())

    turn = threading.Thread(target=rasa_turn)
    turn.start()
    assert holding.wait(10)
    deleting = run_reconciler(tmp_path, LOCK_STORE_URL=lock_url, **env)
    turn.join(30)
    assert deleting.returncode == 0, deleting.stderr
    # The deletion came after the turn, and took it too.
    with sqlite3.connect(escalations_db) as connection:
        [(deleted_at,)] = connection.execute(
            "SELECT deleted_at FROM deleted_conversations").fetchall()
    assert deleted_at >= released["at"]
    assert events_of(tracker_db, SENDER) == []


def test_an_action_that_finishes_after_the_deletion_records_no_words(stores):
    """The action server answering a message sent before the deletion (a turn in flight):
    an emergency is kept for staff, marked and without the words; a request for a person
    is not recorded (the patient is told to call). After the deletion, all as usual."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from store import database as db
    from actions.actions import escalate
    from store.deletions import mark_deleted

    tracker_db, escalations_db, env = stores

    def tracker_at(timestamp: float, text: str) -> Tracker:
        event = {"event": "user", "text": text, "timestamp": timestamp,
                 "parse_data": {"text": text, "intent": {"name": "x"}, "entities": []}}
        return Tracker(SENDER, {}, event["parse_data"], [event], False, None, {}, "action_listen")

    sent = time.time() - 5
    mark_deleted(db.get_database(), SENDER, time.time())
    in_flight = tracker_at(sent, EMERGENCY[0])
    dispatcher = CollectingDispatcher()
    assert escalate(dispatcher, in_flight, "emergency", "throat swelling", ["throat_swelling"],
                    EMERGENCY[0], "m-in-flight")
    assert not escalate(dispatcher, tracker_at(sent, "a person please"), "contact_request",
                        "asked for a person", [], "a person please")
    rows = escalation_rows(escalations_db, SENDER)
    assert [(row["level"], row["patient_deleted"], row["patient_message"]) for row in rows] == \
        [("emergency", 1, "")]
    assert dispatcher.messages[-1]["response"] == "utter_escalation_failed"
    # A message written after the deletion: a new conversation, recorded with its words.
    assert escalate(CollectingDispatcher(), tracker_at(time.time() + 1, "a person please"),
                    "contact_request", "asked for a person", [], "a person please")
    assert escalation_rows(escalations_db, SENDER)[-1]["patient_message"] == "a person please"
