"""The patient channels (rasa_addons/channels/rest.py and socketio.py) and the developer
shell (tools/shell.py), black-box.

Findings measured against `make run` on loopback: "/report_severe_reaction" typed into
the REST channel (or sent over socket.io) forced the intent and filed an emergency
without a word; a 100 KB REST message was stored whole; `make shell` with `make run` up
failed on both ports, exited 0, and filed real escalations into the clinic's inbox.
Each test below failed on that code.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tools.servers import ROOT, free_ports
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
    patient = SocketPatient(servers)
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
    patient = SocketPatient(servers)
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


# ------------------------------------------------------------------ the developer shell


def run_shell(*args: str, stdin: str = "", timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.shell", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def test_shell_on_busy_ports_fails_loudly():
    listeners, ports = [], free_ports(2)
    try:
        for port in ports:
            listener = socket.socket()
            listener.bind(("127.0.0.1", port))
            listener.listen()
            listeners.append(listener)
        result = run_shell("--own", "--rasa-port", str(ports[0]), "--action-port", str(ports[1]),
                           timeout=60)
    finally:
        for listener in listeners:
            listener.close()
    assert result.returncode != 0
    assert f"port {ports[0]}" in result.stderr and f"port {ports[1]}" in result.stderr
    assert "in use" in result.stderr


def test_shell_talks_to_a_running_assistant_and_says_so(servers):
    result = run_shell("--url", servers.url, stdin="can I eat before my infusion?\n/stop\n")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"already running at {servers.url}" in result.stdout
    assert "real escalation" in result.stdout
    assert "Source:" in result.stdout


def test_shell_servers_of_its_own_never_use_the_clinics_databases(tmp_path):
    from tools.shell import own_servers

    servers = own_servers(tmp_path, *free_ports(2))
    assert servers.database_url == f"sqlite:///{tmp_path / 'escalations.db'}"
    endpoints = Path(servers.endpoints).read_text()
    assert str(tmp_path / "tracker.db") in endpoints
    assert str(ROOT / "var") not in endpoints + servers.database_url
    assert "*" not in servers.cors

