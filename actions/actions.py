"""The custom actions. Thin: decisions live in clinical/, storage in store/ (the database
is opened, and its schema migrated, at the first escalation: importing this opens nothing)."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from settings import (DEFAULT_DEADLINE_MINUTES, clinic_hours, clinic_phone,
                      response_deadline_minutes)
from store.database import get_database
from store.staff_presence import staff_signed_in
from web.patient_sessions import log_id
from store.escalations import (
    CLINICAL_LEVELS,
    CONTACT_REQUEST,
    DATA_DELETION,
    EscalationRecord,
    EscalationStoreError,
    record_escalation,
)
from actions.screening import UNANSWERED_SLOT
from clinical.levels import EMERGENCY, ESCALATION_LEVELS, INFO, SELF_CARE, URGENT
from clinical.languages import language_name
from clinical.lexicon import finding_label
from clinical.screening import SCREENING_QUESTIONS, SELF_CARE_CATEGORIES, screening_level
from clinical.triage import (
    INTENT_CRISIS,
    INTENT_SEVERE,
    SYMPTOM_INTENTS,
    carries_on_emergency,
    conversation_red_flags,
    decide_triage_level,
    finding_level,
)

logger = logging.getLogger(__name__)

RED_FLAG_ADVICE_TOPIC = "red_flag_advice"
# Intents whose rule has already told the patient to call 911.
EMERGENCY_ADVICE_GIVEN = frozenset({INTENT_SEVERE, INTENT_CRISIS})


def now_utc() -> datetime:
    """The time; tests replace it."""
    return datetime.now(timezone.utc)


def call_within(minutes: int) -> str:
    """A deadline in a patient's words: "within 30 minutes", "within 4 hours"."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"within {hours} hour{'s' if hours != 1 else ''}"
    return f"within {minutes} minute{'s' if minutes != 1 else ''}"


def urgent_call_within() -> str:
    """By when the care team calls back an urgent report (their deadline). A wrong setting
    is logged and the default used: the patient is told something true either way."""
    try:
        minutes = response_deadline_minutes()[URGENT]
    except ValueError:
        logger.exception("bad urgent deadline setting: telling patients the default")
        minutes = DEFAULT_DEADLINE_MINUTES[URGENT]
    return call_within(minutes)


def entity_values(message: Dict[Text, Any], entity: str) -> List[str]:
    values: List[str] = []
    for item in message.get("entities") or []:
        if item.get("entity") == entity and item.get("value") not in values:
            values.append(item["value"])
    return values


def last_symptom_report(tracker: Tracker) -> Dict[Text, Any]:
    """The parse data of the patient's latest symptom report (or the latest message)."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        parse = event.get("parse_data") or {}
        if (parse.get("intent") or {}).get("name") in SYMPTOM_INTENTS:
            return {**parse, "text": event.get("text") or parse.get("text") or "",
                    "message_id": event.get("message_id")}
    latest = tracker.latest_message
    return {**latest, "text": latest.get("text") or "", "message_id": latest.get("message_id")}


def from_deleted_history(tracker: Tracker) -> bool:
    """Whether the message being answered was sent before the reconciler deleted the
    conversation at the patient's request (a turn in flight during the deletion: its
    events are not stored, rasa_addons/tracker_store.py)."""
    from store.deletions import deleted_at

    sent = next((event.get("timestamp") for event in reversed(tracker.events)
                 if event.get("event") == "user"), None)
    if sent is None:
        return False
    try:
        deleted = deleted_at(get_database(), tracker.sender_id)
    except Exception:  # noqa: BLE001 - the write below reports a database that is down
        return False
    return deleted is not None and float(sent) <= deleted


def escalate(dispatcher: CollectingDispatcher, tracker: Tracker, level: str, reason: str,
             red_flags: Iterable[str], patient_message: str,
             message_id: Optional[str] = None) -> bool:
    """Write the escalation; tell the patient to call the clinic if that fails.

    A message from a conversation deleted meanwhile: an urgent or emergency report is
    kept for staff without the patient's words (as the reconciler keeps those it finds at
    the deletion); anything else is not recorded and the patient is told to call."""
    deleted = from_deleted_history(tracker)
    if deleted and level not in CLINICAL_LEVELS:
        dispatcher.utter_message(response="utter_escalation_failed")
        return False
    record = EscalationRecord(
        conversation_id=tracker.sender_id,
        level=level,
        reason=reason,
        red_flags=list(red_flags),
        patient_message="" if deleted else patient_message,
        message_id=message_id,
        patient_deleted=deleted,
    )
    try:
        record_escalation(get_database(), record)
    except EscalationStoreError:
        dispatcher.utter_message(response="utter_escalation_failed")
        return False
    except Exception:  # the database could not even be opened
        logger.exception("escalation store unavailable for conversation %s",
                         log_id(tracker.sender_id))
        dispatcher.utter_message(response="utter_escalation_failed")
        return False
    return True


def session_user_texts(tracker: Tracker) -> List[str]:
    """What the patient wrote in this session, oldest first."""
    texts: List[str] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            texts = []
        elif event.get("event") == "user" and event.get("text"):
            texts.append(event["text"])
    return texts


class ActionTriage(Action):
    """Decides the level of a symptom report (after screening, if any) and acts on it."""

    def name(self) -> Text:
        return "action_triage"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        report = last_symptom_report(tracker)
        intent = (report.get("intent") or {}).get("name")
        red_flags = entity_values(report, "red_flag")
        answers = {slot: tracker.get_slot(slot) for slot in SCREENING_QUESTIONS}
        # The age or the child named earlier in the conversation counts with this report.
        red_flags = red_flags + conversation_red_flags(session_user_texts(tracker), red_flags,
                                                       answers)
        categories = self._reported_categories(tracker, report)
        level = decide_triage_level(intent, red_flags, answers, categories) or SELF_CARE
        carried_on = level != EMERGENCY and carries_on_emergency(
            tracker.get_slot("triage_level"), report.get("text") or "")
        if carried_on:
            level = EMERGENCY

        if level in ESCALATION_LEVELS:
            reason = self._reason(intent, red_flags, answers, categories)
            if carried_on:
                reason = "still going after the emergency reported earlier; " + reason
            latest_intent = tracker.latest_message.get("intent", {}).get("name")
            if level == EMERGENCY and latest_intent not in EMERGENCY_ADVICE_GIVEN:
                # The emergency came from the screening answers, so no rule has said it yet.
                dispatcher.utter_message(response="utter_emergency")
            if escalate(dispatcher, tracker, level, reason, red_flags, report["text"],
                        report.get("message_id")):
                if level == EMERGENCY:
                    dispatcher.utter_message(response="utter_emergency_recorded")
                else:
                    # By when the care team calls (their deadline), and whom to call if not.
                    dispatcher.utter_message(
                        response="utter_urgent_notified", clinic_phone=clinic_phone(),
                        call_within=urgent_call_within())
        else:
            for category in self._advice_categories(categories):
                dispatcher.utter_message(response=f"utter_self_care_{category}")

        # Screening answers belong to this report only: clear them for the next one.
        return [SlotSet("triage_level", level),
                SlotSet("red_flags", red_flags or None),
                SlotSet(UNANSWERED_SLOT, None),
                *[SlotSet(slot, None) for slot in SCREENING_QUESTIONS]]

    @staticmethod
    def _reason(intent: Optional[str], red_flags: List[str],
                answers: Dict[str, Optional[bool]], categories: List[str]) -> str:
        parts = [finding_label(name) for name in red_flags]
        if "unlisted" in categories:
            parts.append("a symptom the assistant does not know (general danger questions "
                         "answered no)")
        yes_answers = [slot for slot, value in answers.items() if value is True]
        if yes_answers and screening_level(answers) in ESCALATION_LEVELS:
            parts.append("screening answered yes: " + ", ".join(
                slot.replace("screen_", "").replace("_", " ") for slot in yes_answers))
        if not parts:
            parts.append(f"classified as {intent or 'a symptom report'} without a named red flag")
        return "; ".join(parts)

    @staticmethod
    def _reported_categories(tracker: Tracker, report: Dict[Text, Any]) -> List[str]:
        return entity_values(report, "symptom") or tracker.get_slot("reported_symptoms") or []

    @staticmethod
    def _advice_categories(categories: List[str]) -> List[str]:
        known = [c for c in categories if c in SELF_CARE_CATEGORIES][:2]
        return known or ["general"]


class ActionAnswerQuestion(Action):
    """Answers a question from the content catalogue (data/content/) and names its source."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message
        asked_about = entity_values(message, "red_flag_question")
        if asked_about:
            # "What if my throat swells?": the emergency advice for it, not an emergency.
            for name in asked_about[:2]:
                dispatcher.utter_message(response=f"utter_red_flag_question_{finding_level(name)}",
                                         finding=finding_label(name))
            return [SlotSet("triage_level", INFO), SlotSet("answer_topic", RED_FLAG_ADVICE_TOPIC)]

        selected = self._selected_answer(message)
        if selected is None:
            dispatcher.utter_message(response="utter_fallback")
            return []
        topic, utter_action = selected
        dispatcher.utter_message(response=utter_action)
        return [SlotSet("triage_level", INFO), SlotSet("answer_topic", topic)]

    @staticmethod
    def _selected_answer(message: Dict[Text, Any]) -> Optional[tuple]:
        selector = message.get("response_selector") or {}
        prediction = selector.get("default") or next(
            (value for key, value in selector.items() if key != "all_retrieval_intents"), None)
        response = (prediction or {}).get("response") or {}
        topic = response.get("intent_response_key")
        utter_action = response.get("utter_action")
        if not topic or not utter_action:
            return None
        return topic, utter_action


class ActionRequestDataDeletion(Action):
    """Records the patient's request to delete their data; jobs/reconcile.py carries it out
    once this turn is stored (deleting now would race Rasa saving this very turn)."""

    def name(self) -> Text:
        return "action_request_data_deletion"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        if escalate(dispatcher, tracker, DATA_DELETION,
                    "patient asked for their conversation and escalations to be deleted", [], ""):
            dispatcher.utter_message(response="utter_data_deletion_requested")
        return []


class ActionRequestHuman(Action):
    """Asks the care team to contact the patient: an escalation of its own kind. While the
    clinic is open and a nurse is signed in, the patient is told the nurse will answer in
    this chat (web/routes_handoff.py); otherwise that the team will call back."""

    def name(self) -> Text:
        return "action_request_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message.get("text") or ""
        live = self._nurse_can_chat()
        reason = ("patient asked to talk to a person (offered the live chat: answer in the "
                  "conversation)" if live else "patient asked to talk to a person (call back)")
        if escalate(dispatcher, tracker, CONTACT_REQUEST, reason, [], message):
            if live:
                dispatcher.utter_message(response="utter_human_live_offer",
                                         clinic_phone=clinic_phone())
            else:
                dispatcher.utter_message(response="utter_human_request_recorded")
        return []

    @staticmethod
    def _nurse_can_chat() -> bool:
        """The clinic is open (CLINIC_HOURS) and a nurse is signed in to the inbox."""
        now = now_utc()
        try:
            if not clinic_hours().is_open(now):
                return False
            return staff_signed_in(get_database(), now)
        except Exception:  # noqa: BLE001 - a bad CLINIC_HOURS, no database: a call-back
            logger.exception("could not tell whether a nurse can chat: offering a call back")
            return False


class ActionOtherLanguage(Action):
    """A message in a language the chat cannot read. The rule has already told the patient,
    in their language, to call 911 in an emergency; the care team is asked to call back
    (with an interpreter), since nobody here can tell what the message says."""

    def name(self) -> Text:
        return "action_other_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message
        language = (entity_values(message, "language") or ["another language"])[0]
        urgent = entity_values(message, "red_flag")
        reason = (f"message written in {language_name(language)}, which the assistant cannot "
                  "read: please call back, with an interpreter if needed")
        if urgent:
            # An urgent row recognised in the patient's language: the care team
            # hears it as urgent; the reply already said to call 911 if it is an emergency.
            reason = f"{finding_label(urgent[0])}, in {language_name(language)}: {reason}"
            escalate(dispatcher, tracker, URGENT, reason, urgent, message.get("text") or "",
                     message.get("message_id"))
            return [SlotSet("triage_level", URGENT)]
        # A request for a person, not a triage level: the 911 advice is already given,
        # and an unread message is not assumed to be urgent or harmless.
        escalate(dispatcher, tracker, CONTACT_REQUEST, reason, [], message.get("text") or "",
                 message.get("message_id"))
        return []


class ActionScreeningStopped(Action):
    """The patient stopped the questions: nothing dangerous was reported, so the outcome
    is self-care (the reply already said where to turn), and the answers are cleared."""

    def name(self) -> Text:
        return "action_screening_stopped"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        return [SlotSet("triage_level", SELF_CARE), SlotSet(UNANSWERED_SLOT, None),
                *[SlotSet(slot, None) for slot in SCREENING_QUESTIONS]]
