"""Finding: conversations and escalations were kept forever. The reconciler
(`python -m jobs.reconcile`) deletes, past RETENTION_DAYS (default 90), resolved
escalations and the conversations nobody has written in; open and acknowledged
escalations are never deleted. The clock is the data's: timestamps made long ago."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.security.conftest import run_reconciler

pytestmark = pytest.mark.security

DAY = 86400
ESCALATIONS_SCHEMA = """
CREATE TABLE escalations (id INTEGER PRIMARY KEY, conversation_id VARCHAR(255) NOT NULL,
  message_id VARCHAR(64) UNIQUE, level VARCHAR(32) NOT NULL, reason TEXT NOT NULL,
  red_flags TEXT NOT NULL, patient_message TEXT NOT NULL, created_at DATETIME NOT NULL,
  status VARCHAR(16) NOT NULL, acknowledged_at DATETIME, resolved_at DATETIME,
  repeat_count INTEGER NOT NULL DEFAULT 1, last_message TEXT, last_message_id VARCHAR(64),
  updated_at DATETIME)"""
# Rasa 3.6's SQL tracker store table (rasa/core/tracker_store.py SQLEvent).
EVENTS_SCHEMA = """
CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,
  type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),
  action_name VARCHAR(255), data TEXT)"""


def stored(days_ago: float) -> str:
    when = datetime.now(timezone.utc) - timedelta(days=days_ago)
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def test_retention_purge_deletes_old_resolved_and_old_conversations_keeps_open(tmp_path):
    escalations, tracker = tmp_path / "escalations.db", tmp_path / "tracker.db"
    with sqlite3.connect(escalations) as connection:
        connection.execute(ESCALATIONS_SCHEMA)
        rows = {  # conversation: (level, status, days since it was last touched)
            "old-resolved": ("urgent", "resolved", 120),
            "recently-resolved": ("emergency", "resolved", 30),
            "old-open-emergency": ("emergency", "open", 400),
            "old-acknowledged-urgent": ("urgent", "acknowledged", 400),
            "old-open-contact": ("contact_request", "open", 400),
        }
        for conversation, (level, status, days) in rows.items():
            connection.execute(
                "INSERT INTO escalations (conversation_id, level, reason, red_flags, patient_message,"
                " created_at, status, resolved_at, updated_at) VALUES (?, ?, 'r', '', 'words', ?, ?, ?, ?)",
                (conversation, level, stored(days + 1), status,
                 stored(days) if status == "resolved" else None, stored(days + 1)))
    with sqlite3.connect(tracker) as connection:
        connection.execute(EVENTS_SCHEMA)
        events = {"old-resolved": [150], "recently-resolved": [150],
                  "old-open-emergency": [401], "old-acknowledged-urgent": [401],
                  "old-open-contact": [401], "idle-chat": [200, 95],
                  "ongoing-chat": [300, 1], "fresh-chat": [0]}
        for sender, ages in events.items():
            for days in ages:
                connection.execute(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, data) "
                    "VALUES (?, 'user', ?, 'greet', ?)",
                    (sender, time.time() - days * DAY, json.dumps({"event": "user", "text": "hi"})))

    result = run_reconciler(tmp_path, DATABASE_URL=f"sqlite:///{escalations}",
                            TRACKER_STORE_URL=f"sqlite:///{tracker}", RETENTION_DAYS="90")
    assert result.returncode == 0, result.stderr

    with sqlite3.connect(escalations) as connection:
        left = {row[0] for row in connection.execute("SELECT conversation_id FROM escalations")}
    assert left == {"recently-resolved", "old-open-emergency", "old-acknowledged-urgent",
                    "old-open-contact"}
    with sqlite3.connect(tracker) as connection:
        conversations = {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}
        ongoing = connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = 'ongoing-chat'").fetchone()
    # Idle conversations go, unless an escalation that stays still points at them.
    assert conversations == {"recently-resolved", "old-open-emergency", "old-acknowledged-urgent",
                             "old-open-contact", "ongoing-chat", "fresh-chat"}
    assert ongoing == (2,)  # a conversation still in use is kept whole, old turns too
    assert "retention (90 days): deleted 1 resolved escalation(s) and 2 conversation(s)" in result.stderr
