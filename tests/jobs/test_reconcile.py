"""The reconciler records escalations the action server could not, exactly once."""

import asyncio
import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine

from store.escalations import (
    EscalationRecord,
    find_by_message,
    list_escalations,
    record_escalation,
    set_status,
)
from jobs.reconcile import reconcile_once


def store_messages(db_path, sender, *messages):
    """Save patient messages the way the Rasa server does, in its SQL tracker store."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db_path))
    tracker = DialogueStateTracker(sender, [])
    for message_id, text, intent, red_flags in messages:
        tracker.update(UserUttered(text, {"name": intent, "confidence": 1.0},
                                   [{"entity": "red_flag", "value": v} for v in red_flags],
                                   message_id=message_id))
    asyncio.run(store.save(tracker))
    return create_engine(f"sqlite:///{db_path}")


def test_missing_escalations_are_recorded_once(tmp_path, database):
    engine = store_messages(
        tmp_path / "tracker.db", "patient-7",
        ("m1", "my throat is swelling", "report_severe_reaction", ["throat_swelling"]),
        ("m3", "can i eat before?", "ask_preparation", []),
    )
    store_messages(tmp_path / "tracker.db", "patient-8",
                   ("m2", "my pee is dark", "report_urgent_symptom", ["dark_urine"]))
    # m2 was recorded by the action server in time; m1 was not (action server down)
    record_escalation(database, EscalationRecord("patient-8", "urgent", "dark urine",
                                                 ["dark_urine"], "my pee is dark", "m2"))
    assert reconcile_once(engine, database, time.time() - 3600) == 1
    assert reconcile_once(engine, database, time.time() - 3600) == 0  # never doubled
    rows = {row.message_id: row for row in list_escalations(database)}
    assert set(rows) == {"m1", "m2"}
    assert rows["m1"].level == "emergency" and "recorded late" in rows["m1"].reason
    assert rows["m1"].patient_message == "my throat is swelling"
    assert rows["m2"].repeat_count == 1


def test_a_late_report_joins_the_conversations_open_escalation(tmp_path, database):
    engine = store_messages(
        tmp_path / "tracker.db", "patient-7",
        ("m1", "my pee is dark", "report_urgent_symptom", ["dark_urine"]),
        ("m2", "my throat is swelling", "report_severe_reaction", ["throat_swelling"]),
    )
    # m1 was recorded in time; m2 was not (action server down): one episode, raised.
    first = record_escalation(database, EscalationRecord("patient-7", "urgent", "dark urine",
                                                         ["dark_urine"], "my pee is dark", "m1"))
    assert reconcile_once(engine, database, time.time() - 3600) == 1
    assert reconcile_once(engine, database, time.time() - 3600) == 0  # never doubled
    [row] = list_escalations(database)
    assert (row.id, row.repeat_count, row.level) == (first, 2, "emergency")
    assert (row.patient_message, row.last_message) == ("my pee is dark", "my throat is swelling")
    assert row.red_flags == "dark_urine,throat_swelling" and "recorded late" in row.reason
    assert find_by_message(database, "m2").id == first


def test_a_late_report_after_staff_acknowledged_is_a_new_escalation(tmp_path, database):
    engine = store_messages(tmp_path / "tracker.db", "patient-7",
                            ("m2", "my throat is swelling", "report_severe_reaction",
                             ["throat_swelling"]))
    first = record_escalation(database, EscalationRecord("patient-7", "urgent", "dark urine",
                                                         ["dark_urine"], "my pee is dark", "m1"))
    set_status(database, first, "acknowledged")
    assert reconcile_once(engine, database, time.time() - 3600) == 1
    rows = {row.message_id: row for row in list_escalations(database)}
    assert (rows["m1"].status, rows["m1"].repeat_count) == ("acknowledged", 1)
    assert (rows["m2"].status, rows["m2"].level, rows["m2"].repeat_count) == ("open", "emergency", 1)


def test_the_same_message_is_never_escalated_twice(database):
    record = EscalationRecord("p", "urgent", "x", [], "text", message_id="abc")
    assert record_escalation(database, record) == record_escalation(database, record)
    assert len(list_escalations(database)) == 1


def test_a_patients_deletion_request_removes_their_conversation_and_escalations(tmp_path, database):
    from store.escalations import DATA_DELETION
    from jobs.reconcile import DELETION_DELAY_SECONDS, carry_out_deletions

    engine = store_messages(tmp_path / "tracker.db", "patient-9",
                            ("d1", "my pee is dark", "report_urgent_symptom", ["dark_urine"]))
    store_messages(tmp_path / "tracker.db", "someone-else",
                   ("d2", "hello", "greet", []))
    record_escalation(database, EscalationRecord("patient-9", "urgent", "dark urine",
                                                 ["dark_urine"], "my pee is dark", "d1"))
    record_escalation(database, EscalationRecord("patient-9", DATA_DELETION, "asked", [], ""))
    assert carry_out_deletions(engine, database) == 0  # waits until the turn is saved
    assert carry_out_deletions(engine, database, time.time() + DELETION_DELAY_SECONDS) == 1
    with engine.connect() as connection:
        from sqlalchemy import text
        senders = {row[0] for row in connection.execute(text("SELECT sender_id FROM events"))}
    assert senders == {"someone-else"}
    # The open urgent escalation stays for staff, marked and without the patient's words.
    kept, request = sorted(list_escalations(database), key=lambda row: row.id)
    assert (request.level, request.status, request.patient_message) == (DATA_DELETION, "resolved", "")
    assert (kept.level, kept.patient_deleted, kept.patient_message, kept.last_message) == \
        ("urgent", True, "", "")
    assert carry_out_deletions(engine, database, time.time() + 600) == 0  # done once
    # Once staff acknowledge it, it goes too.
    from jobs.reconcile import sweep_deleted

    set_status(database, kept.id, "acknowledged")
    assert sweep_deleted(engine, database) == 1
    assert [row.id for row in list_escalations(database)] == [request.id]


# ---------------------------------------------------------------- retention (RETENTION_DAYS)

DAY = 86400


def store_at(db_path, sender, timestamp, text="hello"):
    """One patient message saved by Rasa's SQL tracker store at a given Unix time."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db_path))
    tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, [])
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=timestamp))
    asyncio.run(store.save(tracker))
    return create_engine(f"sqlite:///{db_path}")


def senders(engine):
    from sqlalchemy import text
    with engine.connect() as connection:
        return {row[0] for row in connection.execute(text("SELECT DISTINCT sender_id FROM events"))}


def escalation_at(database, conversation_id, days_ago, now, status="resolved", level="urgent"):
    from datetime import datetime, timedelta, timezone

    from store.models import Escalation

    when = datetime.fromtimestamp(now, timezone.utc) - timedelta(days=days_ago)
    with database.session() as session:
        row = Escalation(conversation_id=conversation_id, level=level, reason="r", red_flags="",
                         patient_message="m", status=status, created_at=when, updated_at=when,
                         resolved_at=when if status == "resolved" else None)
        session.add(row)
        session.flush()
        return row.id


def test_retention_deletes_old_resolved_escalations_and_idle_conversations(tmp_path, database):
    from jobs.reconcile import purge_expired

    now = time.time() + 365 * DAY  # an injected clock, a year from now
    db = tmp_path / "tracker.db"
    engine = store_at(db, "idle-long-ago", now - 120 * DAY)
    store_at(db, "recent", now - 120 * DAY)
    store_at(db, "recent", now - 2 * DAY)  # still in use: kept whole
    store_at(db, "open-emergency", now - 200 * DAY)
    store_at(db, "acknowledged", now - 200 * DAY)
    store_at(db, "resolved-lately", now - 200 * DAY)
    old = escalation_at(database, "idle-long-ago", 100, now)
    open_one = escalation_at(database, "open-emergency", 200, now, status="open", level="emergency")
    acknowledged = escalation_at(database, "acknowledged", 300, now, status="acknowledged")
    lately = escalation_at(database, "resolved-lately", 10, now)

    assert purge_expired(engine, database, 90, now=now) == (1, 1)
    assert {row.id for row in list_escalations(database)} == {open_one, acknowledged, lately}
    assert old not in {row.id for row in list_escalations(database)}
    # Conversations with an escalation are kept while it is; the idle one without goes.
    assert senders(engine) == {"recent", "open-emergency", "acknowledged", "resolved-lately"}
    assert purge_expired(engine, database, 90, now=now) == (0, 0)  # nothing left to do
    # 81 days on, the lately resolved escalation and then its conversation go too.
    assert purge_expired(engine, database, 90, now=now + 81 * DAY) == (1, 1)
    assert senders(engine) == {"recent", "open-emergency", "acknowledged"}


def test_retention_zero_keeps_everything(tmp_path, database):
    from jobs.reconcile import purge_expired

    now = time.time()
    engine = store_at(tmp_path / "tracker.db", "old", now - 1000 * DAY)
    escalation_at(database, "old", 1000, now)
    assert purge_expired(engine, database, 0, now=now) == (0, 0)
    assert senders(engine) == {"old"} and len(list_escalations(database)) == 1


def test_retention_setting():
    import pytest

    from settings import Settings

    assert Settings.from_env({}).retention_days == 90
    assert Settings.from_env({"RETENTION_DAYS": "30"}).retention_days == 30
    with pytest.raises(ValueError, match="RETENTION_DAYS"):
        Settings.from_env({"RETENTION_DAYS": "-1"})


def test_a_conversation_written_in_meanwhile_is_not_deleted(tmp_path):
    from store.rasa_events import delete_conversation_events

    now = time.time()
    engine = store_at(tmp_path / "tracker.db", "was-idle", now - 100 * DAY)
    store_at(tmp_path / "tracker.db", "was-idle", now)  # the patient wrote again just now
    store_at(tmp_path / "tracker.db", "idle", now - 100 * DAY)
    delete_conversation_events(engine, ["was-idle", "idle"], unless_active_since=now - 90 * DAY)
    assert senders(engine) == {"was-idle"}
