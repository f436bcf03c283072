"""The escalation store on SQLite, including a database that fails."""

import pytest

from actions.db import Database
from actions.escalation import (
    EscalationRecord,
    EscalationStoreError,
    list_escalations,
    record_escalation,
    set_status,
)

RECORD = EscalationRecord("conv-1", "urgent", "dark urine", ["dark_urine"], "my pee is dark")


def test_an_escalation_is_stored_open_with_everything_staff_need(database):
    escalation_id = record_escalation(database, RECORD)
    [row] = list_escalations(database)
    assert row.id == escalation_id
    assert (row.conversation_id, row.level, row.reason, row.red_flags, row.patient_message,
            row.status) == ("conv-1", "urgent", "dark urine", "dark_urine", "my pee is dark", "open")
    assert row.created_at is not None


def test_inbox_lists_newest_first_and_filters_by_status(database):
    first = record_escalation(database, RECORD)
    second = record_escalation(database, EscalationRecord("conv-2", "emergency", "chest pain",
                                                          ["chest_pain"], "chest hurts"))
    assert [row.id for row in list_escalations(database)] == [second, first]
    set_status(database, first, "acknowledged")
    assert [row.id for row in list_escalations(database, status="open")] == [second]


def test_acknowledge_and_resolve_keep_their_times(database):
    escalation_id = record_escalation(database, RECORD)
    acknowledged = set_status(database, escalation_id, "acknowledged")
    assert acknowledged.acknowledged_at is not None and acknowledged.resolved_at is None
    resolved = set_status(database, escalation_id, "resolved")
    assert resolved.status == "resolved" and resolved.resolved_at is not None
    assert set_status(database, 9999, "resolved") is None
    with pytest.raises(ValueError):
        set_status(database, escalation_id, "deleted")


def test_a_failing_database_raises_a_store_error(tmp_path, caplog):
    broken = Database(f"sqlite:///{tmp_path / 'broken.db'}")  # schema never created
    with pytest.raises(EscalationStoreError):
        record_escalation(broken, RECORD)
    assert "could not record urgent escalation" in caplog.text
    assert "my pee is dark" not in caplog.text  # patient words stay out of the logs


def test_database_url_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'from-env.db'}")
    database = Database()
    database.create_schema()
    assert (tmp_path / "from-env.db").exists()


def test_an_older_database_gets_the_message_id_column(tmp_path):
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "CREATE TABLE escalations (id INTEGER PRIMARY KEY, conversation_id VARCHAR(255) NOT NULL,"
            " level VARCHAR(32) NOT NULL, reason TEXT NOT NULL, red_flags TEXT NOT NULL,"
            " patient_message TEXT NOT NULL, created_at DATETIME NOT NULL,"
            " status VARCHAR(16) NOT NULL, acknowledged_at DATETIME, resolved_at DATETIME)"))
    database = Database(url)
    database.create_schema()
    record_escalation(database, EscalationRecord("c", "urgent", "r", [], "m", message_id="x"))
    assert list_escalations(database)[0].message_id == "x"
