"""Urgent rows written in Spanish, or in another language with an urgent table, reach the
care team as urgent (CLINICAL.md triage table): the reply stays the one in the patient's
language (911 in an emergency, the team will call)."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionOtherLanguage
from store.escalations import list_escalations
from clinical.languages import urgent_in
from components.red_flag_detector import route_other_language
from tests.conftest import make_tracker, red_flag, user_event


@pytest.mark.parametrize("text, finding", [
    ("casi no orino desde ayer", "low_urine"),
    ("lo poco que orino sale oscuro como coca cola", "dark_urine"),
    ("tengo tos con flemas verdes desde ayer", "chest_infection"),
    ("me arde mucho al orinar", "urinary_infection"),
    ("tengo ronchas que se extienden por los brazos", "spreading_rash"),
    ("no para de vomitar desde anoche", "persistent_vomiting"),
    ("tengo los ojos amarillos", "jaundice"),
])
def test_spanish_urgent_rows_are_recognised(text, finding):
    assert urgent_in("es", text) == finding


@pytest.mark.parametrize("text", [
    "me duele un poquito la cabeza después de la infusión",
    "no tengo flemas verdes ni fiebre",
    "¿cuánto tiempo dura la infusión?",
])
def test_mild_questions_and_denials_in_spanish_are_not_urgent(text):
    assert urgent_in("es", text) is None


def test_a_spanish_fever_reading_is_urgent_and_a_low_one_is_not():
    intent, entities = route_other_language("es", "tengo fiebre de 38.6 desde la mañana")
    assert intent == "other_language"
    assert [(e["value"], e["level"]) for e in entities] == [("high_fever", "urgent")]
    assert route_other_language("es", "tengo fiebre de 37.2")[1] == []


def test_urgent_rows_are_read_in_every_language_with_a_table():
    assert urgent_in("fr", "je ne peux pas uriner") == "low_urine"
    assert urgent_in("hi", "peshab nahi aa raha") == "low_urine"
    assert urgent_in("ja", "尿が出ません") is None  # no table: the call-back request stays


async def test_an_urgent_french_message_is_escalated_as_urgent(domain, database):
    message = user_event("j'ai de la fièvre depuis hier soir", "other_language",
                         [red_flag("high_fever"), {"entity": "language", "value": "fr"}])
    events = await ActionOtherLanguage().run(CollectingDispatcher(), make_tracker([message]),
                                             domain)
    assert {"event": "slot", "name": "triage_level", "value": "urgent"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events]
    [row] = list_escalations(database)
    assert (row.level, row.red_flags) == ("urgent", "high_fever")
    assert "French" in row.reason


async def test_an_urgent_spanish_message_is_escalated_as_urgent(domain, database):
    message = user_event("casi no orino desde ayer", "other_language",
                         [red_flag("low_urine"), {"entity": "language", "value": "es"}])
    tracker = make_tracker([message])
    dispatcher = CollectingDispatcher()
    events = await ActionOtherLanguage().run(dispatcher, tracker, domain)
    assert {"event": "slot", "name": "triage_level", "value": "urgent"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events]
    [row] = list_escalations(database)
    assert (row.level, row.red_flags) == ("urgent", "low_urine")
    assert "Spanish" in row.reason


async def test_an_unread_message_stays_a_request_to_call_back(domain, database):
    message = user_event("xin chào, tôi có câu hỏi", "other_language",
                         [{"entity": "language", "value": "vi"}])
    await ActionOtherLanguage().run(CollectingDispatcher(), make_tracker([message]), domain)
    [row] = list_escalations(database)
    assert row.level == "contact_request"
