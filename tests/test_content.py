"""The content catalogue (data/content/) against the domain, NLU data and triage table."""

import re

from rasa.shared.nlu.training_data.loading import load_data

from clinical.screening import (
    LEVEL_AFTER_SCREENING,
    QUESTIONS_FOR_CATEGORY,
    SCREENING_QUESTIONS,
    SELF_CARE_CATEGORIES,
)
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


def test_every_screening_question_offers_yes_and_no_buttons_that_send_words(domain):
    # Words, not /intents: a leading "/" from a patient is text on every channel.
    for slot in SCREENING_QUESTIONS:
        [question] = domain["responses"][f"utter_ask_{slot}"]
        assert {(b["title"], b["payload"]) for b in question["buttons"]} == {
            ("Yes", "yes"), ("No", "no")}, slot


def test_every_symptom_category_has_advice(domain):
    # An unlisted symptom always goes to the care team, so it has no self-care advice.
    for category in set(QUESTIONS_FOR_CATEGORY) - set(LEVEL_AFTER_SCREENING):
        assert f"utter_self_care_{category}" in domain["responses"], category


def test_red_flag_question_answers_take_the_finding(domain):
    for level in ("emergency", "urgent"):
        [answer] = texts(domain, f"utter_red_flag_question_{level}")
        assert "{finding}" in answer


# The languages the replies are translated into (CLINICAL.md, "Other languages").
TRANSLATED = {"es", "zh", "vi", "tl", "fr", "ko", "ar", "ru", "pt", "de", "it", "ht", "hi"}


def variations_by_language(domain, name):
    by_language = {}
    for variation in domain["responses"][name]:
        conditions = variation.get("condition") or []
        language = next((c["value"] for c in conditions if c["name"] == "patient_language"),
                        "en")
        by_language[language] = variation["text"]
    return by_language


def test_emergency_crisis_and_other_language_replies_exist_in_every_language(domain):
    from clinical.languages import detect_language

    for name in ("utter_emergency", "utter_crisis", "utter_other_language"):
        replies = variations_by_language(domain, name)
        # English stays the plain variation, which Rasa uses for any other language.
        assert set(replies) == TRANSLATED | {"en"}, name
        for language, text in replies.items():
            assert "911" in text, (name, language)
            assert len(text) < 600, (name, language)  # short enough for a chat bubble
            if language != "en":
                assert detect_language(text) == language, (name, language)
    assert all("988" in text for text in variations_by_language(domain, "utter_crisis").values())
