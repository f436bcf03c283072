"""Emergencies written in Portuguese, German, Italian, Haitian Creole or Hindi reach the
emergency and crisis rules, with the 911 advice in the patient's language; urgent rows
written in any language with a table reach the care team as urgent (CLINICAL.md, "Other
languages")."""

import pytest

from components.red_flag_detector import OTHER_LANGUAGE_INTENT, route_other_language
from clinical.levels import EMERGENCY, URGENT
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


@pytest.mark.parametrize("language, text, sign", [
    ("hi", "seene mein tez dard ho raha hai", "chest_pain"),
    ("hi", "मुझे सांस लेने में तकलीफ है", "breathing_difficulty"),
    ("hi", "papa behosh ho gaye", "fainting"),
])
def test_a_hindi_emergency_is_an_emergency_in_either_script(language, text, sign):
    intent, entities = route_other_language(language, text)
    assert intent == INTENT_FOR_LEVEL[EMERGENCY]
    assert [(e["value"], e["level"]) for e in entities] == [(sign, EMERGENCY)]


@pytest.mark.parametrize("language, text", [
    ("hi", "main marna chahta hoon"),
    ("hi", "मैंने सारी गोलियां खा ली हैं"),
    ("es", "ya no aguanto más, tengo las pastillas juntas para tomármelas esta noche"),
    ("fr", "j'en peux plus, j'ai gardé tous mes cachets de côté"),
    ("ru", "я больше не хочу жить"),
])
def test_a_plan_or_despair_with_the_means_gets_the_crisis_reply(language, text):
    intent, entities = route_other_language(language, text)
    assert intent == INTENT_CRISIS
    assert [e["value"] for e in entities] == ["suicidal_thoughts"]


@pytest.mark.parametrize("language, text", [
    ("es", "mi bebé de 2 meses tiene fiebre"),
    ("fr", "mon bébé de 6 semaines a 38,2"),
    ("zh", "宝宝两个月，发烧了"),
])
def test_a_fever_in_a_young_baby_is_an_emergency(language, text):
    intent, entities = route_other_language(language, text)
    assert intent == INTENT_FOR_LEVEL[EMERGENCY]
    assert [(e["value"], e["level"]) for e in entities] == [("infant_fever", EMERGENCY)]


@pytest.mark.parametrize("language, text, finding", [
    ("fr", "j'ai de la fièvre depuis hier", "high_fever"),
    ("ru", "температура 38,5", "high_fever"),
    ("ko", "소변이 콜라색이에요", "dark_urine"),
    ("hi", "ek taang sooj gayi hai aur garam hai", "clot_signs"),
    ("vi", "tôi bị cứng cổ và đau đầu", "meningitis_signs"),
    ("de", "der Ausschlag breitet sich aus", "spreading_rash"),
])
def test_an_urgent_row_in_another_language_reaches_the_care_team_as_urgent(
        language, text, finding):
    intent, entities = route_other_language(language, text)
    assert intent == OTHER_LANGUAGE_INTENT
    assert [(e["value"], e["level"]) for e in entities] == [(finding, URGENT)]


@pytest.mark.parametrize("language, text", [
    ("fr", "je n'ai pas de fièvre"),
    ("ru", "температура 36,6"),
    ("hi", "mujhe bukhar nahi hai"),
    ("ja", "熱があります"),  # no table for Japanese: a call-back request
])
def test_a_denied_or_normal_fever_or_an_unread_language_asks_for_a_call_back(language, text):
    assert route_other_language(language, text) == (OTHER_LANGUAGE_INTENT, [])


def test_a_young_baby_without_fever_is_no_emergency():
    # "no tiene fiebre": the fever is denied, so nothing urgent or emergent is named.
    assert route_other_language("es", "mi bebé de 2 meses no tiene fiebre, solo tos") \
        == (OTHER_LANGUAGE_INTENT, [])
