"""The symptom screening form: asks clinical/screening.py's questions and reads the answers.

Answers are read from the patient's words (clinical/answers.py), not from the yes/no
intent alone: "a little" is a yes, "no, it's under 38" a no, "not sure" twice takes the
safe side, and no question is asked more than twice.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from clinical.screening import (
    SCREENING_QUESTIONS,
    TEMPERATURE_QUESTION,
    decide_answer,
    questions_to_ask,
)
from clinical.triage import INTENT_CRISIS, INTENT_SEVERE, INTENT_URGENT, QUESTION_INTENTS

FORM_NAME = "symptom_screening_form"
# Messages the rules answer instead of the form (data/rules.yml): a danger sign, a
# question, "stop", another language. The form leaves them alone, so Rasa hands the turn
# to those rules.
NOT_AN_ANSWER = QUESTION_INTENTS | {
    INTENT_SEVERE, INTENT_URGENT, INTENT_CRISIS, "other_language", "goodbye",
    "request_human", "request_data_deletion", "message_too_long",
    # "thanks", "hello", "are you a bot?": small talk is answered, then the question
    # comes again; it never counts as an unclear answer towards the safe side.
    "greet", "thank", "bot_challenge",
}
# How many unsure or unclear answers each question has had in this screening.
UNANSWERED_SLOT = "screening_unanswered"


def screening_questions(tracker: Tracker) -> List[str]:
    """The screening slots for this conversation, stopping after the first escalating yes."""
    categories = tracker.get_slot("reported_symptoms") or []
    answers = {slot: tracker.get_slot(slot) for slot in SCREENING_QUESTIONS}
    return questions_to_ask(categories, answers)


def answer_events(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Slot events for the patient's answer to the question that is waiting for one."""
    requested = tracker.get_slot("requested_slot")
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    if (requested not in SCREENING_QUESTIONS or tracker.get_slot(requested) is not None
            or intent in NOT_AN_ANSWER or not answers_the_question(tracker)):
        return []
    unanswered: Dict[str, Any] = dict(tracker.get_slot(UNANSWERED_SLOT) or {})
    decision = decide_answer(requested, message.get("text") or "", int(unanswered.get(requested, 0)))
    unanswered[requested] = decision.unanswered
    events: List[EventType] = [SlotSet(UNANSWERED_SLOT, unanswered)]
    if decision.reading is not None:
        dispatcher.utter_message(response="utter_screening_reading_noted")
        if tracker.get_slot(TEMPERATURE_QUESTION) is None:
            events.append(SlotSet(TEMPERATURE_QUESTION, decision.reading))
    elif decision.value is None:
        dispatcher.utter_message(response="utter_screening_unclear")
    else:
        if decision.took_safe_side:
            dispatcher.utter_message(response="utter_screening_safe_side")
        events.append(SlotSet(requested, decision.value))
    return events


def answers_the_question(tracker: Tracker) -> bool:
    """Whether the form runs right after a patient message, not after it answered a
    question mid-screening. Rasa marks the form's own run with an action event of the
    form's name, after the slots it set; the event before those tells."""
    seen_marker = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind not in ("action", "user"):
            continue
        if kind == "action" and event.get("name") == FORM_NAME and not seen_marker:
            seen_marker = True
            continue
        return kind == "user"
    return False


class ValidateSymptomScreeningForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_symptom_screening_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        events = answer_events(dispatcher, tracker)
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return events + ([next_slot] if next_slot else [])

    def domain_slots(self, domain: DomainDict) -> List[Text]:
        """Every question of the form, as domain.yml lists them: Rasa does not send the
        domain to the action server (rasa_addons/server.py), and nothing here needs it."""
        return list(SCREENING_QUESTIONS)

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return screening_questions(tracker)
