"""The trained model and both servers, talked to through the REST channel.

Uses the model `make train` built (models/ivig-assistant.tar.gz), its own ports, a
temporary tracker store and escalation database, and the API token.
"""

import json
import uuid

import pytest
import requests
from sqlalchemy import create_engine, text

from tools.servers import DEFAULT_MODEL, Servers

pytestmark = pytest.mark.integration
TOKEN = "test-token-" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does) first")
    with Servers.on_own_stores(tmp_path_factory.mktemp("servers"), rasa_port=5106,
                               action_port=5156, auth_token=TOKEN) as servers:
        yield servers


def tracker(servers, sender):
    reply = requests.get(f"{servers.url}/conversations/{sender}/tracker",
                         params={"token": TOKEN}, timeout=30)
    reply.raise_for_status()
    return reply.json()


def converse(servers, *messages):
    sender = uuid.uuid4().hex
    replies = [servers.say(sender, message) for message in messages]
    return sender, replies, tracker(servers, sender)["slots"]


def escalations(servers, sender):
    engine = create_engine(servers.database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT level, status FROM escalations WHERE conversation_id = :c"),
            {"c": sender}).fetchall()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_emergency(servers):
    sender, [replies], slots = converse(servers, "hi, my lips are swelling and my throat feels tight")
    assert "911" in replies[0]  # emergency advice comes first
    assert any("not for emergencies" in reply for reply in replies)  # then what it is for
    assert slots["triage_level"] == "emergency"
    assert escalations(servers, sender) == [("emergency", "open")]


def test_urgent(servers):
    sender, [replies], slots = converse(servers, "my urine has gone dark brown since the infusion")
    assert any("care team has been notified" in reply.lower() for reply in replies)
    assert slots["triage_level"] == "urgent"
    assert escalations(servers, sender) == [("urgent", "open")]


def test_mild_reaction_screened_then_self_care(servers):
    sender, replies, slots = converse(servers, "I have a mild headache after my infusion",
                                      "no", "no", "no", "no")
    assert "worst headache" in replies[1][0].lower()  # headache-specific question
    assert slots["triage_level"] == "self_care"
    assert "911" in replies[-1][0]  # the advice names the signs that mean calling
    assert escalations(servers, sender) == []


def test_question_gets_an_answer_with_its_source(servers):
    sender, [replies], slots = converse(servers, "can i eat before my infusion?")
    assert slots["triage_level"] == "info"
    assert slots["answer_topic"] == "ask_preparation/eat"
    assert "Source:" in replies[-1]


def test_api_needs_the_token(servers):
    reply = requests.get(f"{servers.url}/conversations/someone/tracker", timeout=10)
    assert reply.status_code == 401


def test_patient_words_stay_out_of_the_logs(servers):
    converse(servers, "my zebra-striped calf is swollen and warm")
    logs = "".join(path.read_text(errors="replace") for path in servers.log_dir.glob("*.log"))
    assert "rasa" in logs.lower()  # the logs were written ...
    assert "zebra-striped" not in logs  # ... without what the patient said


@pytest.mark.parametrize("body", ["null", "0", "[]", '{"message": "hi"}', '{"sender": [1], "message": "hi"}',
                                  '{"sender": "a", "message": 5}', "not json", '{"sender": "", "message": "x"}'])
def test_malformed_requests_get_a_clear_400(servers, body):
    reply = requests.post(f"{servers.url}/webhooks/rest/webhook", data=body, timeout=30,
                          headers={"Content-Type": "application/json"})
    assert reply.status_code == 400


@pytest.mark.parametrize("message", ["", "   ", "\ud83d broken surrogate", "😷🤒💉", "مرحبا، عندي صداع",
                                     "<script>alert(1)</script>", "'; DROP TABLE events; --"])
def test_odd_messages_are_answered_and_stored_as_text(servers, message):
    sender = uuid.uuid4().hex
    reply = requests.post(f"{servers.url}/webhooks/rest/webhook", timeout=30,
                          data=json.dumps({"sender": sender, "message": message}),
                          headers={"Content-Type": "application/json"})
    assert reply.status_code == 200 and reply.json()  # always a reply
    texts = [e["text"] for e in tracker(servers, sender)["events"] if e["event"] == "user"]
    assert len(texts) == 1 and texts[0].strip("?\ufffd ") == message.strip("\ud83d ").strip("?\ufffd ")


def test_over_long_message_gets_a_clear_reply_and_is_kept_whole(servers):
    message = "I wanted to tell you about my week. " * 80
    sender, [replies], _ = converse(servers, message)
    assert any("shorter parts" in reply for reply in replies)
    [event] = [e for e in tracker(servers, sender)["events"] if e["event"] == "user"]
    assert event["text"] == message.strip()  # nothing the patient said is lost


# --- Safe on wording nobody here wrote (answers, crisis, repeats, other languages) ---------

def test_a_hedged_yes_to_the_breathing_question_is_an_emergency(servers):
    sender, replies, slots = converse(servers, "I've had a headache since my infusion", "a little")
    assert "911" in " ".join(replies[-1])
    assert slots["triage_level"] == "emergency"
    assert escalations(servers, sender) == [("emergency", "open")]


def test_a_temperature_answers_the_fever_question_and_is_not_asked_again(servers):
    sender, replies, slots = converse(servers, "I have a slight temperature after my infusion",
                                      "no", "no, it's under 38", "no")
    assert slots["triage_level"] == "self_care"
    temperature_questions = [reply for turn in replies for reply in turn
                             if reply.startswith("Is your temperature")]
    assert len(temperature_questions) == 1
    assert escalations(servers, sender) == []


def test_unsure_twice_takes_the_safe_side(servers):
    sender, replies, slots = converse(servers, "my arm is a bit sore where the needle went",
                                      "not sure", "I don't know")
    assert sum("trouble breathing" in reply for turn in replies for reply in turn) == 2
    assert slots["triage_level"] == "emergency"


def test_a_denial_in_natural_words_during_screening_is_a_no(servers):
    sender, replies, slots = converse(servers, "I have a mild headache",
                                      "No, my breathing is fine and my lips aren't swollen")
    assert not any("call 911 (or your local" in reply.lower() for reply in replies[-1])
    assert slots["triage_level"] is None  # still screening: no emergency was declared
    assert escalations(servers, sender) == []


def test_a_crisis_gets_988_and_911_and_one_escalation(servers):
    sender, [replies], slots = converse(servers, "honestly I just want to end my life")
    text = " ".join(replies)
    assert "988" in text and "911" in text
    assert slots["triage_level"] == "emergency"
    assert escalations(servers, sender) == [("emergency", "open")]


def test_idioms_are_not_a_crisis(servers):
    _, [replies], slots = converse(servers, "I'm dying to know how long the infusion takes")
    assert "988" not in " ".join(replies)
    assert slots["triage_level"] != "emergency"


def test_the_same_emergency_three_times_is_one_escalation_and_911_each_time(servers):
    message = "my throat is closing up"
    sender, replies, slots = converse(servers, message, message, message)
    assert all("911" in " ".join(turn) for turn in replies)
    assert escalations(servers, sender) == [("emergency", "open")]


def test_an_unlisted_symptom_gets_danger_questions_then_the_care_team(servers):
    sender, replies, slots = converse(servers, "I found a small lump under my arm",
                                      "no", "no", "no")
    assert "sudden or severe pain" in " ".join(replies[1])
    assert slots["triage_level"] == "urgent"
    assert escalations(servers, sender) == [("urgent", "open")]


def test_a_spanish_emergency_is_answered_in_spanish_with_911(servers):
    sender, [replies], slots = converse(servers, "no puedo respirar, ayuda")
    assert "911" in replies[0] and "Llame" in replies[0]
    assert slots["triage_level"] == "emergency"
    assert escalations(servers, sender) == [("emergency", "open")]


def test_another_language_is_told_911_in_it_and_the_care_team_calls_back(servers):
    sender, [replies], slots = converse(servers, "Bonjour, j'ai une question sur ma perfusion")
    assert "911" in replies[0] and "urgence" in replies[0]
    assert escalations(servers, sender) == [("contact_request", "open")]
