"""The Alembic migrations (store/migrations) against the models (store/models.py): a new
database, one made before Alembic by the old create_all and ALTER TABLE, and processes
that start at the same moment. On SQLite and, when it is reachable, on PostgreSQL
(postgresql://postgres@127.0.0.1:5432, trust auth): skipped without it unless
REQUIRE_SERVICES=1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    inspect,
    select,
)
from sqlalchemy.exc import IntegrityError

from store.database import Database, alembic_config, migrate
from store.models import Base, Escalation, utc_now

PG = "postgresql://postgres@127.0.0.1:5432"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """The URL of a new, empty database: a SQLite file, or a throwaway PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin = create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(select(1))
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        admin.dispose()
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but PostgreSQL at {PG} unreachable ({error})")
        pytest.skip(f"PostgreSQL at {PG} unreachable ({error.__class__.__name__}): "
                    "the migrations are checked on SQLite only")
    name = f"ivig_test_migrations_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield f"{PG}/{name}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def differences(url: str) -> list:
    """What autogenerate would change to make the database match the models."""
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()


def revision(url: str) -> str:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_the_migrations_make_exactly_the_models_schema(empty_url):
    migrate(empty_url)
    assert differences(empty_url) == []
    assert revision(empty_url) == HEAD
    migrate(empty_url)  # again at the next start: nothing to do
    assert differences(empty_url) == [] and revision(empty_url) == HEAD


def test_a_database_of_the_last_release_is_recorded_as_migrated_with_its_rows(empty_url):
    # What the code before Alembic made: create_all of these same tables (the web server
    # added the delivery and session tables), no alembic_version.
    engine = create_engine(empty_url, future=True)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(Escalation.__table__).values(
            conversation_id="c", level="urgent", reason="r", red_flags="", patient_message="m",
            created_at=utc_now(), status="open",
            message_id="m-1"))
    engine.dispose()
    migrate(empty_url)
    assert revision(empty_url) == HEAD and differences(empty_url) == []
    database = Database(empty_url)
    with database.session() as session:
        assert [row.message_id for row in session.query(Escalation)] == ["m-1"]
    database.engine.dispose()


def first_release_escalations(metadata: MetaData) -> Table:
    """The escalations table as the first release made it (commit eb17e47; `git log --follow
    store/database.py` shows each version)."""
    return Table(
        "escalations", metadata,
        Column("id", Integer, primary_key=True),
        Column("conversation_id", String(255), nullable=False, index=True),
        Column("level", String(32), nullable=False),
        Column("reason", Text, nullable=False),
        Column("red_flags", Text, nullable=False),
        Column("patient_message", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, index=True),
        Column("status", String(16), nullable=False),
        Column("acknowledged_at", DateTime(timezone=True), nullable=True),
        Column("resolved_at", DateTime(timezone=True), nullable=True),
    )


def test_a_first_release_database_gets_what_came_later_and_keeps_its_rows(empty_url):
    engine = create_engine(empty_url, future=True)
    old = first_release_escalations(MetaData())
    old.create(engine)
    created = utc_now()
    with engine.begin() as connection:
        connection.execute(insert(old).values(
            id=7, conversation_id="c", level="emergency", reason="r", red_flags="anaphylaxis",
            patient_message="throat", created_at=created, status="open"))
    engine.dispose()
    migrate(empty_url)
    assert revision(empty_url) == HEAD and differences(empty_url) == []
    database = Database(empty_url)
    with database.session() as session:
        row = session.get(Escalation, 7)
        assert (row.patient_message, row.repeat_count, row.patient_deleted) == ("throat", 1, False)
    # message_id is unique, as in a database made new.
    def contact_request() -> Escalation:
        return Escalation(conversation_id="d", level="contact_request", reason="r",
                          red_flags="", patient_message="", message_id="same")

    with database.session() as session:
        session.add(contact_request())
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(contact_request())
    database.engine.dispose()


MIGRATE_AT = """
import sys, time
from store.database import migrate
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
migrate(sys.argv[1])
"""


def test_processes_that_start_together_take_turns(empty_url):
    """`make run` and docker compose start four processes that each migrate at once."""
    start = time.time() + 6  # after every process has imported SQLAlchemy and Alembic
    processes = [subprocess.Popen([sys.executable, "-c", MIGRATE_AT, empty_url, str(start)],
                                  cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for _ in range(4)]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], outputs
    assert revision(empty_url) == HEAD and differences(empty_url) == []


def test_a_migrated_sqlite_file_and_its_lock_are_private(tmp_path):
    previous = os.umask(0o022)
    try:
        path = tmp_path / "new" / "store.db"
        migrate(f"sqlite:///{path}")
    finally:
        os.umask(previous)
    modes = {name: os.stat(path.parent / name).st_mode & 0o777
             for name in ("store.db", "store.db-migrate.lock")}
    assert modes == {"store.db": 0o600, "store.db-migrate.lock": 0o600}
    assert "escalations" in inspect(create_engine(f"sqlite:///{path}")).get_table_names()


def test_open_escalations_from_before_deadlines_get_their_due_time(empty_url):
    """A database at 0001 (the last release): migration 0002 gives open escalations the
    deadline of their level, counted from when they came; closed ones need none."""
    from datetime import timedelta

    from alembic import command

    from store.models import as_utc

    engine = create_engine(empty_url, future=True)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    created = utc_now() - timedelta(hours=1)
    table = Table("escalations", MetaData(), autoload_with=engine)
    with engine.begin() as connection:
        for row_id, level, status in ((1, "urgent", "open"), (2, "emergency", "resolved")):
            connection.execute(insert(table).values(
                id=row_id, conversation_id=f"c{row_id}", level=level, reason="r", red_flags="",
                patient_message="m", created_at=created, status=status))
    engine.dispose()
    migrate(empty_url)
    assert revision(empty_url) == HEAD and differences(empty_url) == []
    database = Database(empty_url)
    with database.session() as session:
        urgent, emergency = session.get(Escalation, 1), session.get(Escalation, 2)
        assert as_utc(urgent.due_at) - as_utc(urgent.created_at) == timedelta(minutes=30)
        assert emergency.due_at is None and urgent.backup_attempts == 0
    database.engine.dispose()
