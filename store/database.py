"""The project's own database (escalations), kept apart from the actions with SQLAlchemy.

SQLite in var/ by default; `DATABASE_URL` (e.g. postgresql://user@127.0.0.1/ivig)
points it elsewhere. The schema is created when the database is first opened, which
happens when the action server starts.

Privacy at rest: var/ holds patients' words (SQLite databases) and secrets (tokens, the
rendered endpoints file). Every process the project starts calls `keep_files_private()`
first: umask 0o077 (what it creates is readable by its own user only) and var/ set to
0700 with its files 0600, however they were made before. A SQLite database file is
created 0600 before SQLite opens it (SQLite gives its journal files the same mode).
"""

from __future__ import annotations

import logging
import os
import stat
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    inspect,
    text,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, sessionmaker

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'ivig_assistant.db'}"
PRIVATE_UMASK = 0o077
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")

Base = declarative_base()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Escalation(Base):
    """Something the care team must see: an urgent or emergency report, or a request for a person.

    One urgent or emergency row is one episode: while it is open, further reports in the
    same conversation update it (store/escalations.py) instead of adding rows.
    """

    __tablename__ = "escalations"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    # Rasa's id of the patient message that caused it: one escalation per message, even
    # when the reconciler (ops/reconcile.py) records it late.
    message_id = Column(String(64), nullable=True, unique=True)
    level = Column(String(32), nullable=False)  # emergency | urgent | contact_request
    reason = Column(Text, nullable=False)
    red_flags = Column(Text, nullable=False, default="")  # comma-separated finding names
    patient_message = Column(Text, nullable=False, default="")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    status = Column(String(16), nullable=False, default="open")  # open | acknowledged | resolved
    acknowledged_at = Column(DateTime(timezone=True), nullable=True)
    resolved_at = Column(DateTime(timezone=True), nullable=True)
    # The episode so far: how many reports it holds, the latest one, and when it came.
    # `patient_message` and `message_id` stay those of the report that opened it.
    repeat_count = Column(Integer, nullable=False, default=1, server_default="1")
    last_message = Column(Text, nullable=True)
    last_message_id = Column(String(64), nullable=True)
    updated_at = Column(DateTime(timezone=True), nullable=True, default=utc_now)
    # The patient had the conversation deleted while this urgent or emergency escalation
    # was still open: kept for staff, without the patient's words, until acknowledged
    # (ops/reconcile.py carry_out_deletions).
    patient_deleted = Column(Boolean, nullable=False, default=False, server_default=text("false"))


class DeletedConversation(Base):
    """A conversation deleted at its patient's request, by the SHA-256 of its id (the id
    itself is not kept), and when (Unix time). The tracker store refuses to write its
    history before that time back (ops/tracker_store.py), and the reconciler never records
    an escalation from it."""

    __tablename__ = "deleted_conversations"

    conversation_hash = Column(String(64), primary_key=True)
    deleted_at = Column(Float, nullable=False)


class EscalationMessage(Base):
    """Every patient message an escalation holds, so each message counts once however
    often it is recorded (the action server retrying, the reconciler catching up)."""

    __tablename__ = "escalation_messages"

    message_id = Column(String(64), primary_key=True)
    escalation_id = Column(Integer, ForeignKey("escalations.id", ondelete="CASCADE"),
                           nullable=False, index=True)


# At most one open urgent or emergency escalation per conversation. It makes two reports
# written at the same moment collide (and the loser retry as an update) on PostgreSQL;
# SQLite already runs the writes one after the other. Partial indexes: both have them.
OPEN_EPISODE_INDEX = "uq_escalations_open_episode"
OPEN_EPISODE_SQL = (f"CREATE UNIQUE INDEX IF NOT EXISTS {OPEN_EPISODE_INDEX} "
                    "ON escalations (conversation_id) "
                    "WHERE status = 'open' AND level IN ('urgent', 'emergency')")
# Columns added after the first release: databases made before them get them added.
LATER_COLUMNS = ("message_id", "repeat_count", "last_message", "last_message_id", "updated_at",
                 "patient_deleted")


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


# ---------------------------------------------------------------- privacy at rest

def _chmod(path: Path, mode: int) -> None:
    """chmod a real file or directory (never through a symlink); quiet if it went away."""
    try:
        if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        pass


def make_private(directory: Path = VAR_DIR) -> None:
    """`directory` and every directory under it 0700, every file in them 0600 (if it exists)."""
    if not directory.is_dir() or directory.is_symlink():
        return
    _chmod(directory, 0o700)
    for root, dirs, files in os.walk(directory):
        for name in dirs:
            _chmod(Path(root) / name, 0o700)
        for name in files:
            _chmod(Path(root) / name, 0o600)


def keep_files_private(directory: Path = VAR_DIR) -> None:
    """Call first thing in a process the project starts: from now on it creates files for
    its own user only (umask 0o077; inherited by its child processes), and var/ and what
    is already in it are made private too."""
    os.umask(PRIVATE_UMASK)
    make_private(directory)


def sqlite_path(url: str) -> Optional[Path]:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") \
            or database.startswith("file:"):
        return None
    return Path(database)


def protect_sqlite_file(path: Path, create: bool = False) -> None:
    """A SQLite database file (and its journals) readable by this user only. With
    `create`, a missing file and folder are made private before SQLite opens them, so
    they are never readable by others, whatever the process's umask."""
    if create:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # An empty file is an empty SQLite database; O_EXCL leaves an existing one alone.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES)):
        if candidate.exists():
            _chmod(candidate, 0o600)


class Database:
    """An engine and a session factory for one database URL; creates the schema."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        path = sqlite_path(self.url)
        if path is not None:
            protect_sqlite_file(path, create=True)
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True, future=True)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False, future=True)

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)
        # Databases made before a column existed get it added (Alembic will do this later).
        columns = {column["name"] for column in inspect(self.engine).get_columns("escalations")}
        with self.engine.begin() as connection:
            for name in LATER_COLUMNS:
                if name not in columns:
                    connection.execute(text(f"ALTER TABLE escalations ADD COLUMN {self._column_ddl(name)}"))
        self._create_open_episode_index()

    def _column_ddl(self, name: str) -> str:
        column = Escalation.__table__.c[name]
        ddl = f"{name} {column.type.compile(dialect=self.engine.dialect)}"
        if column.server_default is not None:
            ddl += f" NOT NULL DEFAULT {column.server_default.arg}"
        return ddl

    def _create_open_episode_index(self) -> None:
        if self.engine.dialect.name not in ("sqlite", "postgresql"):
            return
        try:
            with self.engine.begin() as connection:
                connection.execute(text(OPEN_EPISODE_SQL))
        except IntegrityError:
            # A database from before episodes can hold several open escalations of one
            # conversation. Staff resolve them; the index is made at a later start.
            logger.warning("some conversations have more than one open urgent or emergency "
                           "escalation: index %s is made once they are acknowledged or resolved",
                           OPEN_EPISODE_INDEX)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()


_database: Optional[Database] = None


def get_database() -> Database:
    """The process-wide database, opened (and its schema created) on first use."""
    global _database
    if _database is None:
        # The first use in the action server: files it makes from now on stay private.
        keep_files_private()
        database = Database()
        database.create_schema()
        _database = database
    return _database
