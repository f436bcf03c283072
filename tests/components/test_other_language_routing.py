"""Emergencies written in Portuguese, German, Italian or Haitian Creole reach the emergency
and crisis rules, with the 911 advice in the patient's language (CLINICAL.md, "Other
languages")."""

import pytest

from components.red_flag_detector import OTHER_LANGUAGE_INTENT, route_other_language
from clinical.levels import EMERGENCY
from clinical.triage import INTENT_CRISIS, INTENT_FOR_LEVEL


@pytest.mark.parametrize("language, text, sign", [
    ("pt", "meu filho está tendo uma convulsão e não responde", "seizure"),
    ("de", "meine Lippen sind geschwollen", "face_swelling"),
    ("it", "mio marito è svenuto", "fainting"),
    ("ht", "pitit mwen an pa ka respire", "breathing_difficulty"),
])
def test_an_emergency_in_a_new_language_is_an_emergency(language, text, sign):
    intent, entities = route_other_language(language, text)
    assert intent == INTENT_FOR_LEVEL[EMERGENCY]
    assert [(e["value"], e["level"]) for e in entities] == [(sign, EMERGENCY)]


@pytest.mark.parametrize("language, text", [
    ("pt", "tomei todos os meus remédios"),
    ("de", "ich will nicht mehr leben"),
    ("it", "voglio morire"),
    ("ht", "m vle touye tèt mwen"),
])
def test_a_crisis_in_a_new_language_gets_the_crisis_reply(language, text):
    intent, entities = route_other_language(language, text)
    assert intent == INTENT_CRISIS
    assert [e["value"] for e in entities] == ["suicidal_thoughts"]


def test_a_denied_sign_in_a_new_language_asks_for_a_call_back():
    assert route_other_language("pt", "não tenho dor no peito") == (OTHER_LANGUAGE_INTENT, [])
