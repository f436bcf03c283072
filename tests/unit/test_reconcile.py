"""The reconciler records escalations the action server could not, exactly once."""

import asyncio
import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine

from actions.escalation import EscalationRecord, list_escalations, record_escalation
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
        ("m2", "my pee is dark", "report_urgent_symptom", ["dark_urine"]),
        ("m3", "can i eat before?", "ask_preparation", []),
    )
    # m2 was recorded by the action server in time; m1 was not (action server down)
    record_escalation(database, EscalationRecord("patient-7", "urgent", "dark urine",
                                                 ["dark_urine"], "my pee is dark", "m2"))
    assert reconcile_once(engine, database, time.time() - 3600) == 1
    assert reconcile_once(engine, database, time.time() - 3600) == 0  # never doubled
    rows = {row.message_id: row for row in list_escalations(database)}
    assert set(rows) == {"m1", "m2"}
    assert rows["m1"].level == "emergency" and "recorded late" in rows["m1"].reason
    assert rows["m1"].patient_message == "my throat is swelling"


def test_the_same_message_is_never_escalated_twice(database):
    record = EscalationRecord("p", "urgent", "x", [], "text", message_id="abc")
    assert record_escalation(database, record) == record_escalation(database, record)
    assert len(list_escalations(database)) == 1
