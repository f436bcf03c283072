"""The custom actions against the real domain, with a temporary escalation database."""

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionAnswerQuestion,
    ActionRequestDataDeletion,
    ActionRequestHuman,
    ActionTriage,
)
from store.escalations import list_escalations
from actions.screening import ValidateSymptomScreeningForm, screening_questions
from tests.conftest import make_tracker, red_flag, user_event


async def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return [m.get("response") for m in dispatcher.messages], slots, dispatcher.messages


async def test_urgent_report_is_recorded_before_the_patient_is_told(domain, database):
    tracker = make_tracker([user_event("my pee is dark like cola", "report_urgent_symptom",
                                       [red_flag("dark_urine")])])
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_urgent_notified"]
    assert slots["triage_level"] == "urgent"
    [row] = list_escalations(database)
    assert (row.level, row.red_flags, row.patient_message, row.status) == (
        "urgent", "dark_urine", "my pee is dark like cola", "open")
    assert "dark" in row.reason


async def test_emergency_is_recorded_after_the_rule_gave_911_advice(domain, database):
    tracker = make_tracker([user_event("my son can't breathe", "report_severe_reaction",
                                       [red_flag("breathing_difficulty")])])
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    # utter_emergency came from the rule already; the action confirms the team knows
    assert responses == ["utter_emergency_recorded"]
    assert slots["triage_level"] == "emergency"
    assert list_escalations(database)[0].level == "emergency"


async def test_failed_write_tells_the_patient_to_call_the_clinic(domain, database, caplog):
    database.engine.dispose()
    from store.models import Base
    Base.metadata.drop_all(database.engine)  # the table is gone: every write fails
    tracker = make_tracker([user_event("blood in my urine", "report_urgent_symptom",
                                       [red_flag("blood_in_urine")])])
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_escalation_failed"]
    assert slots["triage_level"] == "urgent"
    assert "could not record" in caplog.text


async def test_screening_answered_no_gives_self_care_advice_without_escalating(domain, database):
    events = [user_event("mild headache after my infusion", "report_mild_reaction",
                         [{"entity": "symptom", "value": "headache"}]),
              user_event("no", "deny")]
    answers = {"screen_breathing": False, "screen_worst_headache": False,
               "screen_stiff_neck": False, "screen_getting_worse": False}
    tracker = make_tracker(events, slots={**answers, "reported_symptoms": ["headache"]})
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_self_care_headache"]
    assert slots["triage_level"] == "self_care"
    assert all(slots[slot] is None for slot in answers)  # ready for the next report
    assert list_escalations(database) == []


async def test_screening_yes_to_stiff_neck_escalates_as_urgent(domain, database):
    events = [user_event("bad headache", "report_mild_reaction",
                         [{"entity": "symptom", "value": "headache"}]),
              user_event("yes", "affirm")]
    tracker = make_tracker(events, slots={"screen_breathing": False, "screen_worst_headache": False,
                                          "screen_stiff_neck": True})
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_urgent_notified"]
    assert "stiff neck" in list_escalations(database)[0].reason


async def test_screening_yes_to_breathing_gives_911_advice_itself(domain, database):
    events = [user_event("i have chills", "report_mild_reaction"), user_event("yes", "affirm")]
    tracker = make_tracker(events, slots={"screen_breathing": True})
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_emergency", "utter_emergency_recorded"]
    assert slots["triage_level"] == "emergency"


async def test_question_is_answered_from_the_catalogue(domain):
    selector = {"default": {"response": {"intent_response_key": "ask_preparation/eat",
                                         "utter_action": "utter_ask_preparation/eat"}}}
    tracker = make_tracker([user_event("can i eat before", "ask_preparation",
                                       response_selector=selector)])
    responses, slots, _ = await run(ActionAnswerQuestion(), tracker, domain)
    assert responses == ["utter_ask_preparation/eat"]
    assert slots == {"triage_level": "info", "answer_topic": "ask_preparation/eat"}


async def test_question_about_a_danger_sign_gets_its_advice_but_is_not_an_emergency(domain, database):
    entity = {"entity": "red_flag_question", "value": "throat_swelling"}
    tracker = make_tracker([user_event("what if my throat swells?", "ask_about_ivig", [entity])])
    _, slots, messages = await run(ActionAnswerQuestion(), tracker, domain)
    assert messages[0]["response"] == "utter_red_flag_question_emergency"
    assert messages[0]["finding"] == "throat swelling or tightness"
    assert slots["triage_level"] == "info"
    assert list_escalations(database) == []


async def test_question_without_a_selected_answer_gets_the_fallback(domain):
    tracker = make_tracker([user_event("hmm", "ask_about_ivig")])
    responses, slots, _ = await run(ActionAnswerQuestion(), tracker, domain)
    assert responses == ["utter_fallback"] and slots == {}


async def test_request_for_a_person_reaches_the_inbox(domain, database):
    tracker = make_tracker([user_event("can a nurse call me", "request_human")])
    responses, slots, _ = await run(ActionRequestHuman(), tracker, domain)
    assert responses == ["utter_human_request_recorded"]
    assert "triage_level" not in slots
    assert list_escalations(database)[0].level == "contact_request"


def test_screening_asks_what_fits_the_report_and_stops_at_a_yes():
    headache = make_tracker([], slots={"reported_symptoms": ["headache"]})
    assert screening_questions(headache) == ["screen_breathing", "screen_worst_headache",
                                          "screen_stiff_neck", "screen_getting_worse"]
    fever_yes = make_tracker([], slots={"reported_symptoms": ["fever"], "screen_breathing": True})
    assert screening_questions(fever_yes) == ["screen_breathing"]


async def test_screening_form_needs_no_domain(domain):
    # Rasa sends no domain to the action server (rasa_addons/server.py): the form's questions
    # are clinical/screening.py's, in domain.yml's order.
    form = ValidateSymptomScreeningForm()
    assert form.domain_slots({}) == domain["forms"]["symptom_screening_form"]["required_slots"]
    tracker = make_tracker([user_event("no", "deny")], slots={
        "reported_symptoms": ["headache"], "requested_slot": "screen_breathing",
        "active_loop": {"name": "symptom_screening_form"}})
    events = await form.run(CollectingDispatcher(), tracker, {})
    assert {"event": "slot", "name": "requested_slot", "value": "screen_worst_headache",
            "timestamp": None} in events


async def test_deletion_request_is_recorded_without_the_patients_words(domain, database):
    tracker = make_tracker([user_event("please delete my data, I had chest pain", "request_data_deletion")])
    responses, _, _ = await run(ActionRequestDataDeletion(), tracker, domain)
    assert responses == ["utter_data_deletion_requested"]
    [row] = list_escalations(database)
    assert (row.level, row.status, row.patient_message) == ("data_deletion", "open", "")


def screening_turn(answer, requested="screen_breathing", after="user", slots=None):
    """The tracker the form's validation sees: the patient's answer (or a question the
    assistant just answered), then Rasa's marker for the form's own run."""
    events = [{"event": "action", "name": "action_listen"},
              user_event(answer, "deny"),
              {"event": "slot", "name": "patient_language", "value": "en"}]
    if after == "question":
        events.append({"event": "action", "name": "action_answer_question"})
    events.append({"event": "action", "name": "symptom_screening_form"})
    return make_tracker(events, slots={"requested_slot": requested,
                                       "reported_symptoms": ["headache"], **(slots or {})})


async def validate(tracker, domain):
    from actions.screening import ValidateSymptomScreeningForm

    dispatcher = CollectingDispatcher()
    events = await ValidateSymptomScreeningForm().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, [m.get("response") for m in dispatcher.messages]


async def test_a_hedged_answer_is_a_yes_and_ends_the_screening(domain):
    slots, _ = await validate(screening_turn("a little"), domain)
    assert slots["screen_breathing"] is True
    assert slots["requested_slot"] is None  # an emergency: no more questions


async def test_a_natural_no_moves_to_the_next_question(domain):
    slots, _ = await validate(screening_turn("nah, breathing's fine"), domain)
    assert slots["screen_breathing"] is False
    assert slots["requested_slot"] == "screen_worst_headache"


async def test_an_unclear_answer_is_asked_again_once_then_taken_as_yes(domain):
    slots, responses = await validate(screening_turn("hmm"), domain)
    assert "screen_breathing" not in slots and responses == ["utter_screening_unclear"]
    assert slots["requested_slot"] == "screen_breathing"
    again = screening_turn("no idea", slots={"screening_unanswered": slots["screening_unanswered"]})
    slots, responses = await validate(again, domain)
    assert slots["screen_breathing"] is True and responses == ["utter_screening_safe_side"]


async def test_a_temperature_typed_to_another_question_answers_the_fever_one(domain):
    # "it's 99.1 F" to the breathing question: the temperature is kept, the breathing
    # question comes again, and it is not counted towards the safe side.
    turn = screening_turn("it's 99.1 F", slots={"reported_symptoms": ["fever"]})
    slots, responses = await validate(turn, domain)
    assert responses == ["utter_screening_reading_noted"]
    assert slots["screen_fever_high"] is False and "screen_breathing" not in slots
    assert slots["requested_slot"] == "screen_breathing"
    assert slots["screening_unanswered"] == {"screen_breathing": 0}
    # A high one is a yes to the fever question (the care team today).
    slots, _ = await validate(screening_turn("38.9", slots={"reported_symptoms": ["fever"]}),
                              domain)
    assert slots["screen_fever_high"] is True


async def test_a_temperature_answers_the_fever_question(domain):
    slots, _ = await validate(screening_turn("no, it's under 38", requested="screen_fever_high",
                                             slots={"screen_breathing": False,
                                                    "reported_symptoms": ["fever"]}), domain)
    assert slots["screen_fever_high"] is False


async def test_the_form_running_after_an_answered_question_reads_no_answer(domain):
    slots, responses = await validate(screening_turn("how long is an infusion?",
                                                     after="question"), domain)
    assert "screen_breathing" not in slots and responses == []


def test_loading_the_actions_opens_no_database(tmp_path):
    """The action server imports this package as it starts: the database is opened (and
    migrated) at the first escalation, not at import."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    path = tmp_path / "escalations.db"
    subprocess.run([sys.executable, "-c", "import actions.actions"], cwd=root, check=True,
                   env={**os.environ, "PYTHONPATH": str(root), "DATABASE_URL": f"sqlite:///{path}"},
                   timeout=300)
    assert not path.exists()


async def test_a_fever_reported_after_the_baby_s_age_gets_the_911_advice(domain, database):
    """'my 9 week old feels warm' ... '100.5F under the arm': the age said first counts."""
    tracker = make_tracker([
        user_event("my 9 week old is fussy after his IVIG", "report_mild_reaction"),
        user_event("no", "deny"),
        user_event("100.5F under the arm", "report_urgent_symptom", [red_flag("high_fever")]),
    ])
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_emergency", "utter_emergency_recorded"]
    assert slots["triage_level"] == "emergency"
    [row] = list_escalations(database)
    assert row.level == "emergency" and "infant_fever" in row.red_flags


async def test_a_report_that_the_emergency_is_still_going_keeps_the_911_advice(domain, database):
    # "he's having a fit" was an emergency; "still shaking" alone would read as shaking
    # chills (urgent), which would tell a parent mid-seizure that the team calls today.
    events = [user_event("my boy is having a fit", "report_severe_reaction",
                         [red_flag("seizure")]),
              user_event("he's still jerking, it's been 6 minutes", "report_urgent_symptom",
                         [red_flag("shaking_chills")])]
    tracker = make_tracker(events, slots={"triage_level": "emergency"})
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_emergency", "utter_emergency_recorded"]
    assert slots["triage_level"] == "emergency"
    [row] = list_escalations(database)
    assert row.level == "emergency" and "still going" in row.reason


async def test_a_new_milder_report_after_an_emergency_is_triaged_on_its_own(domain, database):
    events = [user_event("my dark pee is back after the ambulance visit",
                         "report_urgent_symptom", [red_flag("dark_urine")])]
    tracker = make_tracker(events, slots={"triage_level": "emergency"})
    responses, slots, _ = await run(ActionTriage(), tracker, domain)
    assert responses == ["utter_urgent_notified"]
    assert slots["triage_level"] == "urgent"
