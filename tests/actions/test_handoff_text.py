"""What the patient is told after an urgent escalation or a request for a person: by when
the care team calls, whom to call if not, and whether a nurse can answer in the chat."""

from datetime import datetime, timedelta, timezone

from rasa_sdk.executor import CollectingDispatcher

import actions.actions as actions_module
from actions.actions import ActionRequestHuman, ActionTriage, call_within
from store.escalations import list_escalations
from tests.conftest import make_tracker, red_flag, user_event
from web import sessions

# A Wednesday, 10:00 in New York (the default CLINIC_TIMEZONE): open by the default hours.
WEDNESDAY_MORNING = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)
SATURDAY = datetime(2026, 12, 5, 15, 0, tzinfo=timezone.utc)


def filled(domain, message):
    """The text the patient sees: the response with the action's values filled in."""
    [variation] = domain["responses"][message["response"]]
    values = {key: value for key, value in message.items() if isinstance(value, str)}
    return variation["text"].format_map({**values})


async def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, domain)
    return dispatcher.messages


def urgent_tracker():
    return make_tracker([user_event("my pee is dark like cola", "report_urgent_symptom",
                                    [red_flag("dark_urine")])])


async def test_urgent_reply_names_the_deadline_and_the_clinic_number(domain, database, monkeypatch):
    monkeypatch.setenv("ESCALATION_DEADLINE_URGENT_MINUTES", "45")
    monkeypatch.setenv("CLINIC_PHONE", "(555) 010-2030")
    [message] = await run(ActionTriage(), urgent_tracker(), domain)
    text = filled(domain, message)
    assert "care team has been notified" in text.lower()
    assert "within 45 minutes" in text
    assert "(555) 010-2030" in text and "911" in text
    assert "{" not in text


async def test_urgent_reply_follows_the_default_deadline(domain, database, monkeypatch):
    monkeypatch.delenv("ESCALATION_DEADLINE_URGENT_MINUTES", raising=False)
    [message] = await run(ActionTriage(), urgent_tracker(), domain)
    assert "within 30 minutes" in filled(domain, message)


def test_deadlines_read_as_a_patient_would_say_them():
    assert call_within(30) == "within 30 minutes"
    assert call_within(60) == "within 1 hour"
    assert call_within(240) == "within 4 hours"


def sign_in_nurse(database, at):
    sessions.start_session(database, "sam", "tag", sessions.SessionPolicy(), at)


def human_tracker():
    return make_tracker([user_event("can I talk to a nurse", "request_human")])


async def test_a_nurse_at_work_in_opening_hours_is_offered_as_a_live_chat(domain, database,
                                                                          monkeypatch):
    monkeypatch.setattr(actions_module, "now_utc", lambda: WEDNESDAY_MORNING)
    monkeypatch.setenv("CLINIC_PHONE", "555-0199")
    sign_in_nurse(database, WEDNESDAY_MORNING - timedelta(minutes=1))
    [message] = await run(ActionRequestHuman(), human_tracker(), domain)
    assert message["response"] == "utter_human_live_offer"
    text = filled(domain, message)
    assert "write to you here" in text and "555-0199" in text and "911" in text
    [row] = list_escalations(database)
    assert row.level == "contact_request" and "live chat" in row.reason


async def test_outside_opening_hours_the_patient_gets_a_call_back(domain, database, monkeypatch):
    monkeypatch.setattr(actions_module, "now_utc", lambda: SATURDAY)
    sign_in_nurse(database, SATURDAY - timedelta(minutes=1))
    [message] = await run(ActionRequestHuman(), human_tracker(), domain)
    assert message["response"] == "utter_human_request_recorded"
    assert "call back" in list_escalations(database)[0].reason


async def test_without_a_nurse_signed_in_the_patient_gets_a_call_back(domain, database, monkeypatch):
    monkeypatch.setattr(actions_module, "now_utc", lambda: WEDNESDAY_MORNING)
    sign_in_nurse(database, WEDNESDAY_MORNING - timedelta(hours=2))  # left long ago
    [message] = await run(ActionRequestHuman(), human_tracker(), domain)
    assert message["response"] == "utter_human_request_recorded"


async def test_a_wrong_setting_still_gives_the_patient_a_true_answer(domain, database, monkeypatch):
    def wrong_setting():
        raise ValueError("ESCALATION_DEADLINE_URGENT_MINUTES must be a whole number")

    monkeypatch.setattr(actions_module, "response_deadline_minutes", wrong_setting)
    monkeypatch.setenv("CLINIC_HOURS", "whenever")
    [message] = await run(ActionTriage(), urgent_tracker(), domain)
    assert "within 30 minutes" in filled(domain, message)  # the default deadline
    [message] = await run(ActionRequestHuman(), human_tracker(), domain)
    assert message["response"] == "utter_human_request_recorded"  # a call back
