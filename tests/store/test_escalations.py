"""The escalation store on SQLite, including a database that fails."""

import pytest

from store.database import Database
from store.escalations import (
    EscalationRecord,
    EscalationStoreError,
    find_by_message,
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
    database.migrate()
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
    database.migrate()
    record_escalation(database, EscalationRecord("c", "urgent", "r", [], "m", message_id="x"))
    assert list_escalations(database)[0].message_id == "x"


# ------------------------------------------------------------ one escalation per episode
# On SQLite and, when it is reachable, on PostgreSQL (postgresql://postgres@127.0.0.1:5432,
# trust auth, as tests/integration uses): skipped without it unless REQUIRE_SERVICES=1.

PG = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture(scope="module")
def postgres_url():
    import os
    import uuid

    from sqlalchemy import create_engine, text

    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        admin.dispose()
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but PostgreSQL at {PG} unreachable ({error})")
        pytest.skip(f"PostgreSQL at {PG} unreachable ({error.__class__.__name__})")
    name = f"ivig_test_episodes_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"{PG}/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh escalation database, SQLite or PostgreSQL."""
    from store.models import Base

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'episodes.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    database = Database(url)
    database.migrate()
    yield database
    if request.param == "postgresql":  # the next test migrates the same database again
        from sqlalchemy import MetaData, Table

        Base.metadata.drop_all(database.engine)
        Table("alembic_version", MetaData()).drop(database.engine, checkfirst=True)
    database.engine.dispose()


def emergency(message, message_id=None, conversation="conv-1", flags=("anaphylaxis",),
              level="emergency", reason="possible anaphylaxis"):
    return EscalationRecord(conversation, level, reason, list(flags), message, message_id)


def test_the_same_emergency_three_times_is_one_escalation(store):
    first = record_escalation(store, emergency("my throat is swelling", "m1"))
    assert record_escalation(store, emergency("throat still swelling", "m2")) == first
    assert record_escalation(store, emergency("I CAN'T BREATHE", "m3")) == first
    [row] = list_escalations(store)
    assert row.id == first and row.repeat_count == 3 and row.status == "open"
    assert (row.patient_message, row.message_id) == ("my throat is swelling", "m1")  # what opened it
    assert (row.last_message, row.last_message_id) == ("I CAN'T BREATHE", "m3")
    assert row.updated_at >= row.created_at
    assert (row.red_flags, row.reason) == ("anaphylaxis", "possible anaphylaxis")  # no duplicates


def test_urgent_then_emergency_raises_the_level_and_merges_the_findings(store):
    first = record_escalation(store, emergency("my pee is dark", "u1", level="urgent",
                                               flags=["dark_urine"], reason="dark urine"))
    record_escalation(store, emergency("now my throat swells", "e1",
                                       flags=["anaphylaxis", "dark_urine"]))
    record_escalation(store, emergency("still dark pee", "u2", level="urgent",
                                       flags=["dark_urine"], reason="dark urine"))
    [row] = list_escalations(store)
    assert row.id == first and row.repeat_count == 3
    assert row.level == "emergency"  # raised, and never lowered again
    assert row.red_flags == "dark_urine,anaphylaxis"
    assert row.reason == "dark urine; possible anaphylaxis"


def test_the_same_message_recorded_twice_counts_once(store):
    first = record_escalation(store, emergency("my throat is swelling", "m1"))
    second = record_escalation(store, emergency("it is worse", "m2"))
    assert record_escalation(store, emergency("it is worse", "m2")) == second == first
    assert record_escalation(store, emergency("my throat is swelling", "m1")) == first
    [row] = list_escalations(store)
    assert (row.repeat_count, row.last_message) == (2, "it is worse")
    assert find_by_message(store, "m2").id == first  # a repeat is found by its message id too


@pytest.mark.parametrize("status", ["acknowledged", "resolved"])
def test_after_staff_act_a_new_report_opens_a_new_escalation(store, status):
    first = record_escalation(store, emergency("my throat is swelling", "m1"))
    record_escalation(store, emergency("still swelling", "m2"))
    set_status(store, first, status)
    second = record_escalation(store, emergency("it is back", "m3"))
    assert second != first
    assert record_escalation(store, emergency("again", "m4")) == second
    rows = {row.id: row for row in list_escalations(store)}
    assert (rows[first].status, rows[first].repeat_count) == (status, 2)
    assert (rows[second].status, rows[second].repeat_count, rows[second].patient_message,
            rows[second].last_message) == ("open", 2, "it is back", "again")


def test_two_conversations_are_two_escalations(store):
    one = record_escalation(store, emergency("my throat is swelling", "a1", conversation="conv-a"))
    two = record_escalation(store, emergency("my throat is swelling", "b1", conversation="conv-b"))
    assert one != two
    assert sorted((row.conversation_id, row.repeat_count) for row in list_escalations(store)) == [
        ("conv-a", 1), ("conv-b", 1)]


def test_contact_and_deletion_requests_keep_rows_of_their_own(store):
    from store.escalations import CONTACT_REQUEST, DATA_DELETION

    clinical = record_escalation(store, emergency("my throat is swelling", "m1"))
    contact = [record_escalation(store, EscalationRecord("conv-1", CONTACT_REQUEST, "asked", [], text))
               for text in ("call me", "please call me")]
    deletion = record_escalation(store, EscalationRecord("conv-1", DATA_DELETION, "asked", [], ""))
    # A report after them still joins the open clinical escalation, not a request.
    assert record_escalation(store, emergency("still swelling", "m2")) == clinical
    assert len({clinical, *contact, deletion}) == 4
    by_id = {row.id: row for row in list_escalations(store)}
    assert by_id[clinical].repeat_count == 2
    assert all(by_id[i].repeat_count == 1 for i in (*contact, deletion))


def test_a_repeat_brings_its_escalation_to_the_top_of_the_inbox(store):
    old = record_escalation(store, emergency("my throat is swelling", "a1", conversation="conv-a"))
    new = record_escalation(store, emergency("chest pain", "b1", conversation="conv-b"))
    assert [row.id for row in list_escalations(store)] == [new, old]
    record_escalation(store, emergency("still swelling", "a2", conversation="conv-a"))
    assert [row.id for row in list_escalations(store)] == [old, new]


def test_deleting_a_conversation_forgets_its_message_ids(store):
    from store.escalations import delete_conversation_escalations

    record_escalation(store, emergency("my throat is swelling", "m1"))
    record_escalation(store, emergency("still swelling", "m2"))
    assert delete_conversation_escalations(store, "conv-1") == 1
    assert find_by_message(store, "m2") is None and list_escalations(store) == []


def test_reports_of_one_conversation_written_at_once_make_one_escalation(store):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    reports = 8
    start = threading.Barrier(reports)

    def report(number):
        start.wait()
        return record_escalation(store, emergency(f"emergency {number}", f"m{number}"))

    with ThreadPoolExecutor(reports) as pool:
        ids = set(pool.map(report, range(reports)))
    [row] = list_escalations(store)
    assert ids == {row.id} and row.repeat_count == reports


def test_one_message_written_at_once_by_several_writers_counts_once(store):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    first = record_escalation(store, emergency("my throat is swelling", "m1"))
    writers = 6
    start = threading.Barrier(writers)

    def report(_):
        start.wait()  # e.g. the action server and the reconciler, at the same moment
        return record_escalation(store, emergency("still swelling", "m2"))

    with ThreadPoolExecutor(writers) as pool:
        assert set(pool.map(report, range(writers))) == {first}
    [row] = list_escalations(store)
    assert row.repeat_count == 2


def test_an_older_database_gets_the_episode_columns_and_keeps_working(tmp_path, caplog):
    from sqlalchemy import create_engine, inspect, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "CREATE TABLE escalations (id INTEGER PRIMARY KEY, conversation_id VARCHAR(255) NOT NULL,"
            " message_id VARCHAR(64), level VARCHAR(32) NOT NULL, reason TEXT NOT NULL,"
            " red_flags TEXT NOT NULL, patient_message TEXT NOT NULL, created_at DATETIME NOT NULL,"
            " status VARCHAR(16) NOT NULL, acknowledged_at DATETIME, resolved_at DATETIME)"))
        # Written before episodes: the same emergency twice, two open rows.
        for row_id, message_id in ((1, "old-1"), (2, "old-2")):
            connection.execute(text(
                "INSERT INTO escalations (id, conversation_id, message_id, level, reason, red_flags,"
                " patient_message, created_at, status) VALUES (:id, 'conv-old', :m, 'emergency',"
                " 'possible anaphylaxis', 'anaphylaxis', 'throat', '2024-01-01 10:00:00', 'open')"),
                {"id": row_id, "m": message_id})
    database = Database(url)
    database.migrate()  # cannot make the unique index yet: says so, still starts
    assert "more than one open" in caplog.text
    columns = {column["name"] for column in inspect(database.engine).get_columns("escalations")}
    assert {"repeat_count", "last_message", "last_message_id", "updated_at"} <= columns
    # Old rows count as one report; their message ids still count once.
    assert record_escalation(database, emergency("throat", "old-2", conversation="conv-old")) == 2
    assert record_escalation(database, emergency("worse", "new-1", conversation="conv-old")) == 1
    rows = {row.id: row for row in list_escalations(database)}
    assert (rows[1].repeat_count, rows[1].last_message, rows[2].repeat_count) == (2, "worse", 1)
    # Once staff have closed the extra one, the next start makes the index.
    set_status(database, 2, "resolved")
    database.migrate()
    indexes = {index["name"] for index in inspect(database.engine).get_indexes("escalations")}
    assert "uq_escalations_open_episode" in indexes
