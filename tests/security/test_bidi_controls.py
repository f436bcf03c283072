"""Finding: bidirectional-override characters in a patient's message were shown raw in
the inbox, so a message could display as something other than what it says. The staff
API serves them as visible markers; the database keeps the text as written."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.security

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
MESSAGE = "my throat is \u202eswelling\u202c and I " + CONTROLS + "can't breathe"


def add_escalation(database_path, message: str, conversation_id: str) -> int:
    with sqlite3.connect(database_path) as connection:
        cursor = connection.execute(
            "INSERT INTO escalations (conversation_id, level, reason, red_flags, patient_message, "
            "created_at, status, repeat_count, last_message, updated_at) VALUES "
            "(?, 'emergency', ?, 'throat_swelling', ?, '2030-01-01 10:00:00.000000', 'open', 2, ?, "
            "'2030-01-01 10:05:00.000000')",
            (conversation_id, "possible anaphylaxis \u2067x\u2069", message, "again \u202e" + message))
        return cursor.lastrowid


def display_fields(item):
    yield from (item["patient_message"], item["last_message"], item["reason"],
                item.get("conversation_label", item["conversation_id"]),
                *item["red_flags"], *item["red_flag_labels"])


def test_bidi_controls_are_neutralised_in_what_the_api_shows(start_web):
    server = start_web()
    escalation_id = add_escalation(server.database_path, MESSAGE, "conv-\u202eevil")
    listed = server.get("/api/escalations", headers=server.bearer).json()["escalations"]
    one = server.get(f"/api/escalations/{escalation_id}", headers=server.bearer)
    for item in (*listed, *([one.json()["escalation"]] if one.status_code == 200 else [])):
        for text in display_fields(item):
            assert not set(text) & set(CONTROLS), text
        assert item["patient_message"].startswith("my throat is [U+202E]swelling[U+202C] and I ")
        assert "[U+2067]x[U+2069]" in item["reason"]
        assert item["conversation_label"] == "conv-[U+202E]evil"
        # The id is an identifier, not display text: the inbox fetches the transcript by it.
        assert item["conversation_id"] == "conv-\u202eevil"
    assert one.status_code == 200
    with sqlite3.connect(server.database_path) as connection:  # stored as written
        stored = connection.execute("SELECT patient_message FROM escalations WHERE id = ?",
                                    (escalation_id,)).fetchone()[0]
    assert stored == MESSAGE
