"""rasa_addons/server.py fix 7: dialogue states scanned only for new events must be the
states Rasa computes from the whole conversation, whatever the policies do with them."""

from __future__ import annotations

import itertools

import pytest
from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_addons.server as server
from settings import ROOT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def rasa_states():
    current = Domain.states_for_tracker_history
    original = getattr(current, "rasa_original", current)
    server.install_incremental_tracker_states()
    return original


def user(text, intent):
    return UserUttered(text, {"name": intent, "confidence": 1.0},
                       parse_data={"intent": {"name": intent, "confidence": 1.0},
                                   "entities": [], "text": text})


def marked(text, intent, by_text=False):
    """A patient message as Rasa logs it: the ensemble's featurization mark follows it."""
    yield user(text, intent)
    yield DefinePrevUserUtteredFeaturization(by_text)


def conversation():
    """A session with small talk, a screening form answered, an undo and a restart; every
    message marked as Rasa marks it, one marked late (after an action_listen)."""
    yield ActionExecuted("action_session_start")
    yield SessionStarted()
    yield ActionExecuted("action_listen")
    for turn in range(3):
        yield from marked(f"hello {turn}", "greet", by_text=turn == 1)
        yield ActionExecuted("utter_greet")
        yield BotUttered("Hi!")
        yield ActionExecuted("action_listen")
    yield from marked("I have a mild headache", "report_mild_reaction")
    yield ActionExecuted("symptom_screening_form")
    yield ActiveLoop("symptom_screening_form")
    yield SlotSet("requested_slot", "screen_breathing")
    yield ActionExecuted("action_listen")
    yield from marked("no", "deny")
    yield ActionExecuted("symptom_screening_form", hide_rule_turn=True)
    yield SlotSet("requested_slot", None)
    yield ActiveLoop(None)
    yield ActionExecuted("action_triage")
    yield SlotSet("triage_level", "self_care")
    yield ActionExecuted("action_listen")
    yield from marked("what?", "nlu_fallback")
    yield ActionExecuted("action_default_fallback")
    yield UserUtteranceReverted()
    yield ActionExecuted("action_listen")
    yield from marked("thanks", "thank")
    yield ActionExecuted("utter_welcome")
    yield ActionReverted()
    yield ActionExecuted("utter_welcome")
    yield ActionExecuted("action_listen")
    yield user("start over", "restart")
    yield ActionExecuted("action_listen")
    yield DefinePrevUserUtteredFeaturization(True)  # late: changes a state already seen
    yield ActionExecuted("action_restart")
    yield Restarted()
    yield ActionExecuted("action_listen")
    yield from marked("hello again", "greet")


FLAGS = [dict(omit_unset_slots=omit, ignore_rule_only_turns=ignore, rule_only_data=data)
         for omit, ignore, data in itertools.product(
             (False, True), (False, True),
             (None, {"slots": ["requested_slot"], "loops": ["symptom_screening_form"]}))]


def test_the_same_states_as_rasa_after_every_event(domain, rasa_states):
    tracker = DialogueStateTracker.from_events("patient-states-1", [], domain.slots)
    for event in conversation():
        tracker.update(event)
        for flags in FLAGS:
            ours = domain.states_for_tracker_history(tracker, **flags)
            assert ours == rasa_states(domain, tracker, **flags), (event, flags)
            # The featurizers edit what they are given (_choose_last_user_input and
            # _remove_user_text_if_intent): that must not reach the next call.
            MaxHistoryTrackerFeaturizer()._choose_last_user_input(
                [ours], use_text_for_last_user_input=len(tracker.events) % 2 == 0)


def test_what_the_featurizers_change_in_an_unmarked_message_does_not_stay(domain, rasa_states):
    # A message Rasa never marked (a tracker built by hand, an old conversation) keeps
    # its text and its intent in the states after it: the featurizers delete the text
    # of those (_remove_user_text_if_intent), so they are handed out as copies.
    tracker = DialogueStateTracker.from_events("patient-states-9", [], domain.slots)
    events = [ActionExecuted("action_listen"), user("my head hurts", "report_mild_reaction"),
              ActionExecuted("utter_ask_breathing"), ActionExecuted("action_listen"),
              *marked("no", "deny"), ActionExecuted("utter_thanks"),
              ActionExecuted("action_listen")]
    for event in events:
        tracker.update(event)
        for by_text in (False, True):
            ours = domain.states_for_tracker_history(tracker)
            assert ours == rasa_states(domain, tracker), (event, by_text)
            MaxHistoryTrackerFeaturizer()._choose_last_user_input([ours], by_text)


def test_a_tracker_rebuilt_from_the_same_events_scans_only_new_ones(domain, rasa_states,
                                                                     monkeypatch):
    events = list(itertools.islice(conversation(), 33))  # up to the triage answer
    first = DialogueStateTracker.from_events("patient-states-2", events, domain.slots)
    domain.states_for_tracker_history(first)
    turns = []
    real = server._scan_turn
    monkeypatch.setattr(server, "_scan_turn", lambda *a, **k: turns.append(1) or real(*a, **k))
    # The next message: a new tracker object from the same events (the tracker store's
    # cache), two events more.
    again = DialogueStateTracker.from_events("patient-states-2", events, domain.slots)
    again.update(user("thanks", "thank"))
    again.update(ActionExecuted("utter_welcome"))
    assert domain.states_for_tracker_history(again) == rasa_states(domain, again)
    assert len(turns) == 2  # the new action's turn and the final one, not all 10


def test_other_events_with_the_same_id_are_scanned_afresh(domain, rasa_states):
    """Another worker's turn read from the database: new event objects, other content."""
    events = list(itertools.islice(conversation(), 9))
    domain.states_for_tracker_history(
        DialogueStateTracker.from_events("patient-states-3", events, domain.slots))
    other = events[:3] + [user("my lips are swelling", "report_severe_reaction"),
                          ActionExecuted("action_triage"), ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("patient-states-3", other, domain.slots)
    assert domain.states_for_tracker_history(tracker) == rasa_states(domain, tracker)


def test_an_action_call_carries_the_recent_events_with_the_whole_state(domain):
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.endpoints import EndpointConfig

    server.install_recent_events_for_actions(turns=50)
    tracker = DialogueStateTracker.from_events("patient-states-4", [], domain.slots)
    tracker.update(user("my head hurts", "report_mild_reaction"))
    tracker.update(SlotSet("triage_level", "self_care"))
    for turn in range(120):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(user(f"question {turn}", "ask_question"))
        tracker.update(ActionExecuted("utter_answer"))
    action = RemoteAction("action_triage", EndpointConfig("http://127.0.0.1:1/webhook",
                                                          enable_selective_domain=True))
    call = action._action_call_format(tracker, domain)
    events = call["tracker"]["events"]
    users = [e["text"] for e in events if e["event"] == "user"]
    assert users == [f"question {turn}" for turn in range(70, 120)]
    assert events[-1]["name"] == "utter_answer"
    # The state itself is whole: slots set long ago, the latest message.
    assert call["tracker"]["slots"]["triage_level"] == "self_care"
    assert call["tracker"]["latest_message"]["text"] == "question 119"

    short = DialogueStateTracker.from_events("patient-states-5", list(conversation())[:10],
                                             domain.slots)
    assert len(action._action_call_format(short, domain)["tracker"]["events"]) == 10


def test_rule_policys_debug_line_shows_the_last_states_only():
    from rasa.core.policies.policy import Policy

    server.install_short_state_logs(states_kept=3)
    states = [{"prev_action": {"action_name": f"utter_{n}"}} for n in range(40)]
    line = Policy.format_tracker_states(states)
    assert "37 earlier states not shown" in line
    assert "utter_39" in line and "utter_37" in line and "utter_36" not in line
    assert "not shown" not in Policy.format_tracker_states(states[:3])


def test_a_shortened_copy_of_the_tracker_does_not_push_out_its_scan(domain, rasa_states,
                                                                     monkeypatch):
    events = list(itertools.islice(conversation(), 33))
    tracker = DialogueStateTracker.from_events("patient-states-6", events, domain.slots)
    domain.states_for_tracker_history(tracker)
    shortened = DialogueStateTracker.from_events("patient-states-6", events[-6:], domain.slots)
    assert domain.states_for_tracker_history(shortened) == rasa_states(domain, shortened)
    turns = []
    real = server._scan_turn
    monkeypatch.setattr(server, "_scan_turn", lambda *a, **k: turns.append(1) or real(*a, **k))
    tracker.update(ActionExecuted("utter_welcome"))
    assert domain.states_for_tracker_history(tracker) == rasa_states(domain, tracker)
    assert len(turns) == 2


def test_applied_events_are_rasas_after_every_event(domain):
    server.install_incremental_applied_events()
    rasa_applied = DialogueStateTracker.applied_events.rasa_original
    tracker = DialogueStateTracker.from_events("patient-states-7", [], domain.slots)
    for event in itertools.chain(conversation(), conversation()):
        tracker.update(event)
        ours = tracker.applied_events()
        assert [id(e) for e in ours] == [id(e) for e in rasa_applied(tracker)], event
        ours.clear()  # a caller's list is its own
    # A copy of the conversation back in time (Rasa's tracker.copy, travel_back_in_time)
    # and the whole one again.
    earlier = tracker.travel_back_in_time(list(tracker.events)[20].timestamp)
    assert [id(e) for e in earlier.applied_events()] == [id(e) for e in rasa_applied(earlier)]
    assert [id(e) for e in tracker.applied_events()] == [id(e) for e in rasa_applied(tracker)]


def form_asked_again():
    """The screening form run over several questions, interrupted by a question (an
    unhappy path), then run again: its repeated runs undo back to the previous one."""
    from rasa.shared.core.events import ActionExecutionRejected

    yield from marked("my head hurts", "report_mild_reaction")
    yield ActionExecuted("symptom_screening_form")
    yield ActiveLoop("symptom_screening_form")
    yield SlotSet("requested_slot", "screen_breathing")
    for question in ("screen_chest", "screen_swelling", "screen_worse"):
        yield ActionExecuted("action_listen")
        yield from marked("no", "deny")
        yield ActionExecuted("symptom_screening_form")
        yield SlotSet("requested_slot", question)
    yield ActionExecuted("action_listen")
    yield from marked("what is ivig?", "ask_about_ivig")
    yield ActionExecutionRejected("symptom_screening_form")
    yield ActionExecuted("utter_ask_about_ivig")
    yield ActionExecuted("symptom_screening_form")
    yield ActionExecuted("action_listen")
    yield from marked("no", "deny")
    yield ActionExecuted("symptom_screening_form")
    yield SlotSet("requested_slot", None)
    yield ActiveLoop(None)
    yield ActionExecuted("action_triage")
    yield ActionExecuted("action_listen")


def test_applied_events_are_rasas_through_forms_run_again(domain):
    server.install_incremental_applied_events()
    rasa_applied = DialogueStateTracker.applied_events.rasa_original
    tracker = DialogueStateTracker.from_events("patient-states-10", [], domain.slots)
    for event in itertools.chain(form_asked_again(), form_asked_again(), conversation(),
                                 form_asked_again()):
        tracker.update(event)
        ours = tracker.applied_events()
        assert [id(e) for e in ours] == [id(e) for e in rasa_applied(tracker)], event


def test_a_form_asking_again_goes_back_to_a_checkpoint_not_to_the_start(domain, rasa_states,
                                                                       monkeypatch):
    # Each question of a screening undoes the events since the previous one (Rasa's
    # applied events): the states must still be Rasa's, and be worked out from a recent
    # checkpoint, not from the first event of a long conversation.
    tracker = DialogueStateTracker.from_events("patient-states-11", [], domain.slots)
    flags = [FLAGS[0], FLAGS[-1]]
    for event in itertools.chain(*(form_asked_again() for _ in range(6))):
        tracker.update(event)
        for flag in flags:
            assert domain.states_for_tracker_history(tracker, **flag) \
                == rasa_states(domain, tracker, **flag), (event, flag)
    turns = []
    real = server._scan_turn
    monkeypatch.setattr(server, "_scan_turn", lambda *a, **k: turns.append(1) or real(*a, **k))
    last = list(form_asked_again())
    for event in last:
        tracker.update(event)
        for flag in flags:
            assert domain.states_for_tracker_history(tracker, **flag) \
                == rasa_states(domain, tracker, **flag), (event, flag)
    actions = sum(isinstance(event, ActionExecuted) for event in last)
    whole = sum(isinstance(event, ActionExecuted) for event in tracker.events)
    # One turn per new action and per call, plus the few re-scanned since a checkpoint;
    # from the start it would be the whole conversation's actions at every question.
    assert len(turns) < 6 * actions * len(flags) < whole * len(flags)


def same_tracker(ours, rasas):
    """Every attribute of the two trackers alike (events and messages the same objects)."""
    assert set(vars(ours)) == set(vars(rasas))
    assert [id(e) for e in ours.events] == [id(e) for e in rasas.events]
    assert ours.events.maxlen == rasas.events.maxlen
    assert {n: vars(s) for n, s in ours.slots.items()} == {n: vars(s) for n, s in rasas.slots.items()}
    for name in set(vars(ours)) - {"events", "slots"}:
        assert getattr(ours, name) == getattr(rasas, name), name
    for name in ("latest_message", "latest_bot_utterance"):  # the events themselves
        mine, theirs = getattr(ours, name), getattr(rasas, name)
        assert (mine is theirs) == any(theirs is event for event in rasas.events), name
    assert ours.current_state() == rasas.current_state()


def test_a_tracker_copy_is_what_rasas_replay_gives(domain):
    from rasa.shared.core.events import (
        ActionExecutionRejected,
        ConversationPaused,
        ConversationResumed,
        FollowupAction,
        LoopInterrupted,
    )

    server.install_incremental_tracker_copy()
    rasa_copy = DialogueStateTracker.copy.rasa_original
    extra = [ActiveLoop("symptom_screening_form"), ActionExecuted("symptom_screening_form"),
             LoopInterrupted(True), ActionExecutionRejected("symptom_screening_form"),
             FollowupAction("utter_greet"), ConversationPaused(), ConversationResumed(),
             ActiveLoop(None)]
    tracker = DialogueStateTracker.from_events("patient-states-8", [], domain.slots)
    tracker.model_id = "model-1"  # set on the live tracker only, as Rasa does
    for event in itertools.chain(conversation(), extra, conversation()):
        tracker.update(event)
        ours = tracker.copy()
        same_tracker(ours, rasa_copy(tracker))
        # The copy is the caller's: changing it changes neither the tracker nor the next copy.
        ours.update(SlotSet("triage_level", "emergency"))
        ours.update(ActionExecuted("utter_greet"))
        if ours.active_loop:
            ours.active_loop.is_interrupted = not ours.active_loop.is_interrupted
        same_tracker(tracker.copy(), rasa_copy(tracker))
    tracker.clear_followup_action()  # Rasa does this outside events: the replay keeps it
    same_tracker(tracker.copy(), rasa_copy(tracker))


def test_the_screening_forms_temporary_tracker_is_rasas(domain):
    """FormAction._temporary_tracker (each validation and question of the screening) from
    the kept replay: the state Rasa's replay of every event gives."""
    from rasa.core.actions.forms import FormAction

    server.install_incremental_tracker_copy()
    server.install_form_tracker_from_kept_replay()
    rasa_temporary = FormAction._temporary_tracker.rasa_original
    form = FormAction("symptom_screening_form", None)

    def alike(ours, theirs):
        def without_time(tracker):
            return [{k: v for k, v in e.as_dict().items() if k != "timestamp"}
                    for e in tracker.events]
        assert without_time(ours) == without_time(theirs)
        mine, rasas = ours.current_state(), theirs.current_state()
        mine.pop("latest_event_time"), rasas.pop("latest_event_time")
        assert mine == rasas
        assert ours.get_slot("requested_slot") == theirs.get_slot("requested_slot")

    tracker = DialogueStateTracker.from_events("patient-states-12", [], domain.slots)
    for event in itertools.chain(form_asked_again(), form_asked_again()):
        tracker.update(event)
        extra = [SlotSet("screen_breathing", False)]
        alike(form._temporary_tracker(tracker, extra, domain),
              rasa_temporary(form, tracker, extra, domain))
        assert [e.as_dict() for e in tracker.events][-1] == event.as_dict()  # untouched
    # After a restart the temporary tracker holds only the events since: Rasa's way.
    for event in (ActionExecuted("action_restart"), Restarted(), *form_asked_again()):
        tracker.update(event)
    ours = form._temporary_tracker(tracker, [], domain)
    alike(ours, rasa_temporary(form, tracker, [], domain))
    assert not any(isinstance(e, Restarted) for e in ours.events)


def test_rule_lookups_stop_where_the_longest_rule_ends_with_rasas_result(domain, rasa_states):
    import json

    from rasa.core.policies.rule_policy import RulePolicy

    server.install_rule_lookups_bounded_by_rule_length()
    tracker = DialogueStateTracker.from_events(
        "patient-states-13", list(itertools.chain(conversation(), form_asked_again(),
                                                  form_asked_again())), domain.slots)
    states = rasa_states(domain, tracker)
    # Rules of 1 to 4 states taken from the conversation (so some apply at some turns),
    # and one that never does.
    rules = {json.dumps(states[start:start + length], sort_keys=True): "utter_greet"
             for start in range(0, len(states) - 4, 3) for length in (1, 2, 4)}
    rules[json.dumps([{"prev_action": {"action_name": "never_run"}}])] = "utter_greet"
    policy = RulePolicy.__new__(RulePolicy)
    policy.lookup = {"rules": rules, "rules_for_loop_unhappy_path": {},
                     "rules_not_in_stories": list(rules)[:5]}
    rasa_keys = RulePolicy._get_possible_keys.rasa_original
    rasa_key = RulePolicy._create_feature_key.rasa_original
    found = 0
    for end in range(1, len(states) + 1):
        seen = states[:end]
        ours = policy._get_possible_keys(policy.lookup["rules"], seen)
        assert ours == rasa_keys(policy, policy.lookup["rules"], seen)
        found += bool(ours)
        key = policy._create_feature_key(seen)
        if end <= 4:
            assert key == rasa_key(policy, seen)
        else:  # no rule is that long: neither key is a rule
            assert key not in rules and rasa_key(policy, seen) not in rules
    assert 0 < found < len(states)  # rules applied at some turns, not at every one
