"""Over-long messages: only the start is read, and the patient is asked for shorter parts."""

from rasa.shared.nlu.training_data.message import Message

from components.message_guard import TRUNCATED, MessageLengthGuard
from components.red_flag_detector import RedFlagDetector
from components.spacy_pipeline import load_pipeline


def parse(text, intent="greet"):
    message = Message.build(text=text)
    MessageLengthGuard({"max_characters": 2000}).process([message])
    message.set("text_spacy_doc", load_pipeline()(message.get("text")))
    message.set("intent", {"name": intent, "confidence": 0.9})
    RedFlagDetector({"enabled": True}).process([message])
    return message


def test_long_message_is_cut_for_the_models_and_answered_as_too_long():
    message = parse("I have a question about my schedule. " * 100)
    assert len(message.get("text")) == 2000 and message.get(TRUNCATED)
    assert message.get("intent")["name"] == "message_too_long"


def test_a_red_flag_at_the_start_of_a_long_message_still_escalates():
    message = parse("my throat is swelling shut. " + "and some more words " * 200)
    assert message.get("intent")["name"] == "report_severe_reaction"


def test_short_messages_are_untouched():
    message = parse("hello there")
    assert message.get("text") == "hello there" and not message.get(TRUNCATED)
    assert message.get("intent")["name"] == "greet"
