"""The content catalogue (data/content/) against the domain, NLU data and triage table."""

import re

from rasa.shared.nlu.training_data.loading import load_data

from actions.actions import SELF_CARE_CATEGORIES
from actions.triage import QUESTIONS_FOR_CATEGORY, SCREENING_QUESTIONS
from tests.conftest import ROOT


def texts(domain, name):
    return [variation.get("text", "") for variation in domain["responses"][name]]


def test_every_question_family_has_an_answer_naming_its_source(domain):
    nlu = load_data(str(ROOT / "data" / "nlu"))
    keys = {example.get_full_intent() for example in nlu.intent_examples
            if "/" in example.get_full_intent()}
    assert len(keys) >= 20
    for key in keys:
        [answer] = texts(domain, f"utter_{key}")
        assert re.search(r"^Source: .+", answer, re.MULTILINE), key


def test_self_care_advice_names_signs_for_calling_and_a_source(domain):
    for category in (*SELF_CARE_CATEGORIES, "general"):
        [advice] = texts(domain, f"utter_self_care_{category}")
        assert "911" in advice and "care team" in advice and "Source:" in advice, category


def test_escalation_replies_keep_the_triage_contract(domain):
    assert all("911" in text for text in texts(domain, "utter_emergency"))
    assert all("care team has been notified" in text.lower()
               for text in texts(domain, "utter_urgent_notified"))
    assert all("call the clinic" in text.lower() for text in texts(domain, "utter_escalation_failed"))


def test_first_reply_says_what_it_does_and_that_it_is_not_for_emergencies(domain):
    [intro] = texts(domain, "utter_intro")
    assert "not for emergencies" in intro and "911" in intro


def test_every_screening_question_offers_yes_and_no_buttons(domain):
    for slot in SCREENING_QUESTIONS:
        [question] = domain["responses"][f"utter_ask_{slot}"]
        assert {(b["title"], b["payload"]) for b in question["buttons"]} == {
            ("Yes", "/affirm"), ("No", "/deny")}, slot


def test_every_symptom_category_has_advice(domain):
    for category in QUESTIONS_FOR_CATEGORY:
        assert f"utter_self_care_{category}" in domain["responses"], category


def test_red_flag_question_answers_take_the_finding(domain):
    for level in ("emergency", "urgent"):
        [answer] = texts(domain, f"utter_red_flag_question_{level}")
        assert "{finding}" in answer
