"""Findings on the inbox: it listed only the newest 200 escalations without a total, so
open emergencies beyond them were invisible; and every patient message was sent in full
in the list. Now every unresolved urgent and emergency escalation is always listed, the
rest is paged, totals come with it, and the list sends messages shortened."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

pytestmark = pytest.mark.security

START = datetime(2030, 1, 1, 8, 0)


def stored(minute: int) -> str:
    """A time as SQLAlchemy stores it in SQLite (always with microseconds)."""
    return (START + timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:%S.%f")


def insert(database_path, rows):
    """rows: (level, status, message, minutes after START). Written as the action server
    would, straight into the escalation database file."""
    with sqlite3.connect(database_path) as connection:
        connection.executemany(
            "INSERT INTO escalations (conversation_id, level, reason, red_flags, patient_message, "
            "created_at, status, repeat_count, last_message, updated_at) "
            "VALUES (?, ?, 'reason', '', ?, ?, ?, 1, ?, ?)",
            [(f"conv-{number}", level, message, stored(minute), status, message, stored(minute))
             for number, (level, status, message, minute) in enumerate(rows)])


def test_250_open_emergencies_are_all_listed_with_totals(start_web):
    server = start_web()
    # Oldest first: 250 open emergencies, 10 acknowledged urgent ones, then 120 resolved
    # escalations and 5 contact requests, all newer than every emergency.
    rows = [("emergency", "open", f"emergency {n}", n) for n in range(250)]
    rows += [("urgent", "acknowledged", f"urgent {n}", 300 + n) for n in range(10)]
    rows += [("urgent", "resolved", f"resolved {n}", 400 + n) for n in range(120)]
    rows += [("contact_request", "open", f"call me {n}", 600 + n) for n in range(5)]
    insert(server.database_path, rows)

    body = server.get("/api/escalations", headers=server.bearer).json()
    listed = body["escalations"]
    emergencies = [item for item in listed if item["level"] == "emergency"]
    assert len(emergencies) == 250 and {item["status"] for item in emergencies} == {"open"}
    assert body["active_count"] == 260  # every unresolved urgent and emergency one...
    assert {item["level"] for item in listed[:260]} == {"emergency", "urgent"}
    assert len(listed) == 260 + 50  # ...then the first page of the rest
    totals = body["totals"]
    assert totals["all"] == 385
    assert totals["by_level"] == {"emergency": 250, "urgent": 130, "contact_request": 5,
                                  "data_deletion": 0}
    assert totals["by_status"] == {"open": 255, "acknowledged": 10, "resolved": 120}
    assert totals["by_level_and_status"]["emergency"] == {"open": 250, "acknowledged": 0,
                                                          "resolved": 0}
    assert body["paging"]["rest_total"] == 125 and body["paging"]["has_more"]

    # "Load more": the rest, page after page, each row once, newest first.
    rest = listed[260:]
    cursor = body["paging"]["next_before"]
    while cursor:
        more = server.get("/api/escalations", params={"before": cursor}, headers=server.bearer).json()
        assert more["active_count"] == 0
        rest += more["escalations"]
        cursor = more["paging"]["next_before"]
    assert len(rest) == 125 == len({item["id"] for item in rest})
    assert [item["updated_at"] for item in rest] == sorted((item["updated_at"] for item in rest),
                                                           reverse=True)
    by_number = server.get("/api/escalations", params={"page": 2}, headers=server.bearer).json()
    assert [item["id"] for item in by_number["escalations"]] == [item["id"] for item in rest[50:100]]

    # A filter still lists every one of its unresolved emergencies.
    open_only = server.get("/api/escalations", params={"status": "open"}, headers=server.bearer).json()
    assert sum(item["level"] == "emergency" for item in open_only["escalations"]) == 250


def test_list_sends_shortened_messages_and_the_full_text_on_demand(start_web):
    server = start_web()
    long_message = "My throat feels tight and " + "it is getting worse. " * 60
    insert(server.database_path, [("emergency", "open", long_message, 0),
                                  ("urgent", "open", "a short message", 1)])
    listed = server.get("/api/escalations", headers=server.bearer).json()["escalations"]
    short, long = listed[0], listed[1]
    assert (short["patient_message"], short["message_truncated"]) == ("a short message", False)
    assert long["message_truncated"] is True and long["last_message_truncated"] is True
    assert len(long["patient_message"]) <= 280 and long_message.startswith(long["patient_message"])
    assert len(long["last_message"]) <= 280

    full = server.get(f"/api/escalations/{long['id']}", headers=server.bearer)
    assert full.status_code == 200
    item = full.json()["escalation"]
    assert item["patient_message"] == long_message and item["message_truncated"] is False
    assert item["last_message"] == long_message
    assert server.get(f"/api/escalations/{long['id']}").status_code == 401  # staff only
    assert server.get("/api/escalations/99999", headers=server.bearer).status_code == 404
