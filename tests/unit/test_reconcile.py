"""The reconciler records escalations the action server could not, exactly once."""

import asyncio
import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine

from actions.escalation import (
    EscalationRecord,
    find_by_message,
    list_escalations,
    record_escalation,
    set_status,
)
from ops.reconcile import reconcile_once


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
    from actions.escalation import DATA_DELETION
    from ops.reconcile import DELETION_DELAY_SECONDS, carry_out_deletions

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
    [request] = list_escalations(database)
    assert (request.level, request.status, request.patient_message) == (DATA_DELETION, "resolved", "")
    assert carry_out_deletions(engine, database, time.time() + 600) == 0  # done once
