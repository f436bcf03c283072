"""The project's own database (escalations), kept apart from the actions with SQLAlchemy.

SQLite in var/ by default; `DATABASE_URL` (e.g. postgresql://user@127.0.0.1/ivig)
points it elsewhere. The schema is created when the database is first opened, which
happens when the action server starts.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import Column, DateTime, Integer, String, Text, create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'ivig_assistant.db'}"

Base = declarative_base()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Escalation(Base):
    """Something the care team must see: an urgent or emergency report, or a request for a person."""

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


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


class Database:
    """An engine and a session factory for one database URL; creates the schema."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True, future=True)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False, future=True)

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)
        # Databases made before escalations carried the message id get the column added.
        columns = {column["name"] for column in inspect(self.engine).get_columns("escalations")}
        if "message_id" not in columns:
            with self.engine.begin() as connection:
                connection.execute(text("ALTER TABLE escalations ADD COLUMN message_id VARCHAR(64)"))

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
        database = Database()
        database.create_schema()
        _database = database
    return _database
