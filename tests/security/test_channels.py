"""The patient channels (web/rest_channel.py, web/socketio_channel.py), black-box.

Findings measured against `make run` on loopback: "/report_severe_reaction" typed into
the REST channel (or sent over socket.io) forced the intent and filed an emergency
without a word; a 100 KB REST message was stored whole. Each test below failed on that
code.
"""

from __future__ import annotations

import pytest

from tests.security.servers_fixture import (
    SocketPatient,
    escalations,
    new_sender,
    say,
    security_servers,
    texts,
    tracker,
    user_events,
)

pytestmark = pytest.mark.integration
WORD_JOINER = "\u2060"

# What a stranger typed to force an intent (and entities) without describing anything.
FORCED = [
    ("/report_severe_reaction", "report_severe_reaction"),
    ('/report_urgent_symptom{"red_flag": "dark_urine"}', "report_urgent_symptom"),
    ("  /report_severe_reaction@1.0", "report_severe_reaction"),
]


@pytest.fixture(scope="module")
def servers(request, tmp_path_factory):
    return security_servers(request, tmp_path_factory)


def assert_read_as_text(servers, sender: str, typed: str, forced_intent: str) -> None:
    [event] = user_events(servers, sender)
    # Stored as the patient typed it (behind an invisible mark), understood as words.
    assert event["text"].replace(WORD_JOINER, "", 1) == typed
    assert event["parse_data"]["intent"]["name"] != forced_intent
    assert not any(e.get("entity") == "red_flag" for e in event["parse_data"]["entities"])
    assert tracker(servers, sender)["slots"].get("triage_level") not in ("emergency", "urgent")
    assert escalations(servers, sender) == []


@pytest.mark.parametrize("typed, forced_intent", FORCED)
def test_rest_slash_intent_from_a_patient_is_text(servers, typed, forced_intent):
    sender = new_sender("rest-slash")
    texts(say(servers, sender, typed))
    assert_read_as_text(servers, sender, typed, forced_intent)


def test_socketio_slash_intent_from_a_patient_is_text(servers):
    typed, forced_intent = FORCED[0]
    patient = SocketPatient(servers.url)
    try:
        patient.send(typed)
        replies = patient.wait_for("bot_uttered")
    finally:
        patient.close()
    assert replies, "no reply over socket.io"
    assert_read_as_text(servers, patient.session_id, typed, forced_intent)


def test_yes_no_buttons_are_read_as_their_words(servers):
    # data/content's Yes/No buttons still send "/affirm" and "/deny": read as "yes"/"no"
    # (the screening form reads answers from words), never as a forced intent.
    sender = new_sender("buttons")
    first = " ".join(texts(say(servers, sender, "I have a mild headache since my infusion")))
    assert "breathing" in first.lower()  # the screening asks its first question
    texts(say(servers, sender, "/deny"))
    texts(say(servers, sender, " /affirm "))
    answers = user_events(servers, sender)[1:]
    assert [e["text"] for e in answers] == ["no", "yes"]
    assert [e["parse_data"]["intent"]["name"] for e in answers] == ["deny", "affirm"]


def test_rest_message_of_100_kb_gets_413_and_is_not_stored(servers):
    sender = new_sender("rest-big")
    reply = say(servers, sender, "my throat is swelling " + "a" * 100_000)
    assert reply.status_code == 413
    assert "too long" in reply.json()["message"]
    assert user_events(servers, sender) == []
    assert escalations(servers, sender) == []
    # Just over the limit is refused too; a long but normal message is answered.
    assert say(servers, new_sender("rest-8k"), "a" * 8200).status_code == 413
    assert texts(say(servers, new_sender("rest-7k"), "I have a headache " + "a" * 7000))


def test_socketio_message_over_the_limit_gets_an_error_event_and_is_not_stored(servers):
    patient = SocketPatient(servers.url)
    try:
        patient.send("my throat is swelling " + "a" * 100_000)
        refused = patient.wait_for("message_refused", timeout=30, quiet=1)
        replies = [data for event, data in patient.events if event == "bot_uttered"]
    finally:
        patient.close()
    assert refused and refused[0]["error"] == "message_too_large"
    assert "too long" in refused[0]["text"] and "911" in refused[0]["text"]
    assert replies == []
    assert user_events(servers, patient.session_id) == []
    assert escalations(servers, patient.session_id) == []

