"""Faults: the action server down, the escalation database down, the Rasa server restarted."""

import time
import uuid

import pytest
from sqlalchemy import create_engine

from store.database import Database
from store.escalations import list_escalations
from jobs.reconcile import reconcile_once
from tools.servers import DEFAULT_MODEL, Servers

pytestmark = pytest.mark.integration


@pytest.fixture()
def servers(tmp_path):
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does) first")
    servers = Servers.on_own_stores(tmp_path, rasa_port=5108, action_port=5158)
    servers.tmp = tmp_path
    with servers:
        yield servers


def say(servers, sender, message):
    return " ".join(servers.say(sender, message))


def test_action_server_down_emergency_advice_still_reaches_the_patient(servers):
    servers.stop_one("actions")
    sender = uuid.uuid4().hex
    reply = say(servers, sender, "my lips and tongue are swelling up")
    assert "911" in reply
    urgent = say(servers, uuid.uuid4().hex, "my pee is dark brown like cola")
    assert "call the clinic directly" in urgent  # told to call when no confirmation comes

    # The action server is back: the reconciler records both, exactly once.
    database = Database(f"sqlite:///{servers.tmp / 'escalations.db'}")
    database.migrate()
    tracker_db = create_engine(f"sqlite:///{servers.tmp / 'tracker.db'}")
    assert reconcile_once(tracker_db, database, time.time() - 600) == 2
    assert reconcile_once(tracker_db, database, time.time() - 600) == 0
    levels = sorted(row.level for row in list_escalations(database))
    assert levels == ["emergency", "urgent"]


def test_escalation_database_down_patient_told_to_call_and_nothing_lost(tmp_path):
    # Nothing listens on port 1: every escalation write fails.
    down = "postgresql://nobody@127.0.0.1:1/escalations"
    with Servers.on_own_stores(tmp_path, rasa_port=5109, action_port=5159,
                               env={"DATABASE_URL": down}) as servers:
        reply = say(servers, "patient-db-down", "my urine is very dark, almost black")
    assert "call the clinic directly" in reply.lower()
    assert "care team has been notified" not in reply.lower()
    # The database is back: the message kept in the tracker store is escalated.
    database = Database(f"sqlite:///{tmp_path / 'escalations.db'}")
    database.migrate()
    tracker_db = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    assert reconcile_once(tracker_db, database, time.time() - 600) == 1
    [row] = list_escalations(database)
    assert (row.conversation_id, row.level) == ("patient-db-down", "urgent")


def test_rasa_server_restart_mid_conversation_continues_from_the_tracker_store(servers):
    sender = uuid.uuid4().hex
    first = say(servers, sender, "I have a mild headache since my infusion")
    assert "breathing" in first.lower()  # screening started
    servers.stop_one("rasa")
    servers.start_rasa()
    servers.wait_ready()
    second = say(servers, sender, "no")
    assert "worst headache" in second.lower()  # the same screening goes on
