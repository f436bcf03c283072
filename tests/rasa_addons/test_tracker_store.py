"""The tracker store keeps recent sessions in memory (rasa_addons/tracker_store.py) and
must still answer exactly what the database holds: another worker's messages, a deletion
at the patient's request, a new session."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_addons.tracker_store as guarded
from rasa_addons.tracker_store import GuardedSQLTrackerStore

SENDER = "patient-cache-1"


@pytest.fixture(autouse=True)
def no_escalation_database(monkeypatch):
    """The deletion check is tested in tests/security; here no conversation is deleted."""
    monkeypatch.setattr(guarded, "deletion_time", lambda conversation_id: None)


def store(db, **options) -> GuardedSQLTrackerStore:
    return GuardedSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db), **options)


def turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=time.time()))
    tracker.update(ActionExecuted("utter_greet", timestamp=time.time()))
    tracker.update(BotUttered(f"reply to {text}", timestamp=time.time()))
    tracker.update(ActionExecuted("action_listen", timestamp=time.time()))


def texts(tracker):
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else None


def as_stored(db, sender=SENDER):
    """What Rasa's own SQL store reads from the database."""
    return asyncio.run(SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
                       .retrieve(sender))


def say(worker, text, sender=SENDER):
    tracker = asyncio.run(worker.retrieve(sender)) or DialogueStateTracker(sender, [])
    turn(tracker, text)
    asyncio.run(worker.save(tracker))


@pytest.fixture()
def parsed(monkeypatch):
    """How many stored events each retrieve turns back into events."""
    counts = []
    real = guarded.deserialise_events

    def counting(rows):
        counts.append(len(rows))
        return real(rows)

    monkeypatch.setattr(guarded, "deserialise_events", counting)
    return counts


def test_a_long_conversation_reads_only_its_new_events(tmp_path, parsed):
    worker = store(tmp_path / "t.db")
    for number in range(30):
        say(worker, f"message {number}")
    parsed.clear()
    tracker = asyncio.run(worker.retrieve(SENDER))
    assert texts(tracker) == [f"message {n}" for n in range(30)]
    # Nothing read back: this store wrote the last turn itself (not the 120 events).
    assert sum(parsed) == 0
    assert [e.as_dict() for e in tracker.events] == [e.as_dict() for e in as_stored(tmp_path / "t.db").events]


def test_the_next_message_gets_the_saved_events_themselves(tmp_path):
    """The same event objects, so the policies' states are worked out for new events only
    (rasa_addons/server.py fix 7)."""
    worker = store(tmp_path / "t.db")
    say(worker, "hello")
    tracker = asyncio.run(worker.retrieve(SENDER))
    turn(tracker, "my head hurts")
    asyncio.run(worker.save(tracker))
    following = asyncio.run(worker.retrieve(SENDER))
    assert len(following.events) == len(tracker.events) == 8
    assert all(a is b for a, b in zip(following.events, tracker.events))


def test_a_message_handled_by_another_worker_is_read_back(tmp_path, parsed):
    one, other = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    say(one, "hello")
    say(one, "my head hurts")
    say(other, "it started an hour ago")  # the other worker took this message
    parsed.clear()
    tracker = asyncio.run(one.retrieve(SENDER))
    assert texts(tracker) == ["hello", "my head hurts", "it started an hour ago"]
    assert parsed == [4]  # only the other worker's turn is read
    say(one, "thanks")
    assert texts(asyncio.run(other.retrieve(SENDER))) == texts(as_stored(tmp_path / "t.db"))


def test_a_deleted_conversation_is_not_served_from_memory(tmp_path):
    worker = store(tmp_path / "t.db")
    say(worker, "my lips are swelling")
    assert texts(asyncio.run(worker.retrieve(SENDER))) == ["my lips are swelling"]
    with sqlite3.connect(tmp_path / "t.db") as connection:  # the reconciler's deletion
        connection.execute("DELETE FROM events WHERE sender_id = ?", (SENDER,))
    assert asyncio.run(worker.retrieve(SENDER)) is None


def test_a_conversation_deleted_and_written_again_elsewhere_is_read_again(tmp_path):
    one, other = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    say(one, "my lips are swelling")
    asyncio.run(one.retrieve(SENDER))
    with sqlite3.connect(tmp_path / "t.db") as connection:
        connection.execute("DELETE FROM events WHERE sender_id = ?", (SENDER,))
    say(other, "hello again")  # as many events as before, SQLite may reuse the ids
    assert texts(asyncio.run(one.retrieve(SENDER))) == ["hello again"]


def test_an_event_removed_from_the_middle_is_noticed(tmp_path):
    worker = store(tmp_path / "t.db")
    say(worker, "first")
    say(worker, "second")
    asyncio.run(worker.retrieve(SENDER))
    with sqlite3.connect(tmp_path / "t.db") as connection:
        connection.execute("DELETE FROM events WHERE sender_id = ? AND type_name = 'user' "
                           "AND data LIKE '%first%'", (SENDER,))
        connection.execute("INSERT INTO events (sender_id, type_name, timestamp, data) "
                           "SELECT sender_id, type_name, timestamp, data FROM events "
                           "WHERE id = (SELECT max(id) FROM events)")
    assert texts(asyncio.run(worker.retrieve(SENDER))) == texts(as_stored(tmp_path / "t.db"))


def test_a_new_session_started_elsewhere_replaces_the_cached_one(tmp_path):
    one, other = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    say(one, "yesterday's message")
    asyncio.run(one.retrieve(SENDER))
    tracker = asyncio.run(other.retrieve(SENDER))
    time.sleep(0.01)
    tracker.update(ActionExecuted("action_session_start", timestamp=time.time()))
    tracker.update(SessionStarted(timestamp=time.time()))
    tracker.update(ActionExecuted("action_listen", timestamp=time.time()))
    asyncio.run(other.save(tracker))
    say(other, "today's message")
    fresh = asyncio.run(one.retrieve(SENDER))
    assert texts(fresh) == ["today's message"]
    assert [e.as_dict() for e in fresh.events] == [e.as_dict() for e in as_stored(tmp_path / "t.db").events]


def test_a_tracker_changed_but_not_saved_leaves_the_cache_as_stored(tmp_path):
    """A turn that failed before its save must not linger in memory."""
    worker = store(tmp_path / "t.db")
    say(worker, "hello")
    tracker = asyncio.run(worker.retrieve(SENDER))
    turn(tracker, "never saved")
    assert texts(asyncio.run(worker.retrieve(SENDER))) == ["hello"]


def test_memory_is_bounded(tmp_path):
    worker = store(tmp_path / "t.db", cache_events=10)
    for sender in ("a", "b", "c"):
        say(worker, "hello", sender=sender)  # 4 events each
        asyncio.run(worker.retrieve(sender))
    assert worker._cached_events <= 10
    assert list(worker._cache) == ["b", "c"]  # the least recently used went first
    assert texts(asyncio.run(worker.retrieve("a"))) == ["hello"]  # read again from the database


def test_the_cache_can_be_turned_off(tmp_path, parsed):
    worker = store(tmp_path / "t.db", cache_events=0)
    say(worker, "hello")
    say(worker, "again")
    assert texts(asyncio.run(worker.retrieve(SENDER))) == ["hello", "again"]
    assert parsed == [] and worker._cache == {}


def test_the_whole_conversation_is_what_the_database_holds(tmp_path, parsed):
    """The HTTP API's tracker (the web server's status reads): from memory for one
    session, every session from the database otherwise."""
    worker = store(tmp_path / "t.db")
    say(worker, "hello")
    say(worker, "my head hurts")
    parsed.clear()
    whole = asyncio.run(worker.retrieve_full_tracker(SENDER))
    assert texts(whole) == ["hello", "my head hurts"] and sum(parsed) == 0
    tracker = asyncio.run(worker.retrieve(SENDER))
    tracker.update(ActionExecuted("action_session_start", timestamp=time.time()))
    tracker.update(SessionStarted(timestamp=time.time()))
    tracker.update(ActionExecuted("action_listen", timestamp=time.time()))
    asyncio.run(worker.save(tracker))
    say(worker, "a new day")
    assert texts(asyncio.run(worker.retrieve(SENDER))) == ["a new day"]
    assert texts(asyncio.run(worker.retrieve_full_tracker(SENDER))) == [
        "hello", "my head hurts", "a new day"]
    with sqlite3.connect(tmp_path / "t.db") as connection:
        connection.execute("DELETE FROM events WHERE sender_id = ?", (SENDER,))
    assert asyncio.run(worker.retrieve_full_tracker(SENDER)) is None


def test_a_retrieved_tracker_is_the_replay_of_its_events(tmp_path, monkeypatch):
    """In the server, the tracker is rebuilt from the kept replay of the conversation
    (rasa_addons/server.py fix 7), not by replaying every event: the same tracker."""
    import rasa_addons.server as server
    from rasa.shared.core.events import SlotSet

    monkeypatch.setattr(DialogueStateTracker, "copy", DialogueStateTracker.copy)
    server.install_incremental_tracker_copy()
    domain = Domain.from_dict({"slots": {"triage_level": {
        "type": "text", "mappings": [{"type": "custom"}]}}})
    worker = GuardedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    replayed = []
    real = DialogueStateTracker.update
    monkeypatch.setattr(DialogueStateTracker, "update",
                        lambda self, event, domain=None: replayed.append(event)
                        or real(self, event, domain))
    tracker = DialogueStateTracker("patient-cache-replay", domain.slots)
    for number in range(20):
        turn(tracker, f"message {number}")
        tracker.update(SlotSet("triage_level", "self_care" if number % 2 else "urgent"))
        asyncio.run(worker.save(tracker))
        replayed.clear()
        tracker = asyncio.run(worker.retrieve("patient-cache-replay"))
        # Only this turn's 5 events replayed (the first time: all of them).
        assert len(replayed) <= 5 or number == 0
        whole = DialogueStateTracker.from_events("patient-cache-replay", list(tracker.events),
                                                 domain.slots)
        assert tracker.current_state() == whole.current_state()
        assert tracker.get_slot("triage_level") == ("self_care" if number % 2 else "urgent")
        assert tracker.latest_message is whole.latest_message


def test_a_save_after_a_retrieve_does_not_count_the_stored_session(tmp_path, monkeypatch):
    """Rasa's save counts the stored events of the session with a query that reads them
    all; when the database holds what is cached, the cache knows that count."""
    worker = store(tmp_path / "t.db")
    say(worker, "hello")

    def count_query(*args, **kwargs):
        raise AssertionError("the session's stored events were counted")

    monkeypatch.setattr(SQLTrackerStore, "_additional_events", count_query)
    for number in range(5):
        say(worker, f"message {number}")
    assert texts(as_stored(tmp_path / "t.db")) == ["hello"] + [f"message {n}" for n in range(5)]
    # Another worker wrote meanwhile: the cache does not match, Rasa's count decides.
    monkeypatch.undo()
    monkeypatch.setattr(guarded, "deletion_time", lambda conversation_id: None)
    say(store(tmp_path / "t.db"), "from elsewhere")
    say(worker, "after that")
    assert texts(as_stored(tmp_path / "t.db"))[-2:] == ["from elsewhere", "after that"]
