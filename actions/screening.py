"""The symptom screening form: which yes/no questions to ask for what was reported."""

from __future__ import annotations

from typing import List, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.triage import screening_is_finished, screening_questions_for

FORM_NAME = "symptom_screening_form"


def questions_to_ask(tracker: Tracker) -> List[str]:
    """The screening slots for this conversation, stopping after the first escalating yes."""
    categories = tracker.get_slot("reported_symptoms") or []
    questions = screening_questions_for(categories)
    answers = {slot: tracker.get_slot(slot) for slot in questions}
    asked: List[str] = []
    for slot in questions:
        asked.append(slot)
        if answers[slot] is None:
            continue
        if screening_is_finished(asked, answers):
            break
    return asked


class ValidateSymptomScreeningForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_symptom_screening_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return questions_to_ask(tracker)

