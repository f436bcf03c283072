"""The live handoff inside the Rasa server: safety does not pause, and the relay shows the
patient a nurse's messages, the acknowledgement and the assistant's return."""

from __future__ import annotations

import asyncio
import time
from typing import Any, List

import pytest
import yaml
from rasa.core.actions.action import Action
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons.channels.socketio import SocketIOInput
from rasa_addons.handoff import (
    SAFETY_WHILE_PAUSED,
    ChangeNotices,
    install_change_notices,
    install_safety_while_paused,
    relay_to_patient,
    wait_for_changes,
)
from tests.conftest import ROOT
from web.handoff_relay import mint_relay_token
from web.patient_sessions import PatientSessions

SECRET = "unit-test-secret-" + "x" * 32


class FakeAction(Action):
    """Stands in for the action server's action_triage: records that it ran."""

    def __init__(self, name: str, ran: List[str]) -> None:
        self._name, self.ran = name, ran

    def name(self) -> str:
        return self._name

    async def run(self, output_channel, nlg, tracker, domain) -> List[Any]:
        self.ran.append(self._name)
        return []


def processor_for(domain_dict, ran: List[str]) -> MessageProcessor:
    """A MessageProcessor with the real domain and responses; custom actions recorded."""
    processor = MessageProcessor.__new__(MessageProcessor)
    processor.domain = Domain.from_dict(domain_dict)
    processor.nlg = TemplatedNaturalLanguageGenerator(processor.domain.responses)
    processor.action_endpoint = None
    processor.max_number_of_predictions = 10
    processor.on_circuit_break = None
    real_get_action = MessageProcessor._get_action

    def get_action(name):
        return FakeAction(name, ran) if name.startswith("action_") and name != "action_listen" \
            else real_get_action(processor, name)

    processor._get_action = get_action
    return processor


def paused_tracker(intent: str, text: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker("patient-1", [])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(ConversationPaused())
    tracker.update(UserUttered(text, {"name": intent, "confidence": 1.0},
                               [{"entity": "red_flag", "value": "breathing_difficulty"}]))
    return tracker


async def test_an_emergency_during_a_handoff_still_gets_911_advice_and_an_escalation(domain):
    install_safety_while_paused()
    ran: List[str] = []
    processor = processor_for(domain, ran)
    tracker = paused_tracker("report_severe_reaction", "I can't breathe")
    output = CollectingOutputChannel()
    await processor._run_prediction_loop(output, tracker)
    assert any("911" in message["text"] for message in output.messages)
    assert ran == ["action_triage"]  # the action that records the emergency escalation
    assert tracker.is_paused()  # the nurse keeps the conversation


async def test_an_ordinary_message_during_a_handoff_gets_no_reply(domain):
    install_safety_while_paused()
    ran: List[str] = []
    processor = processor_for(domain, ran)
    tracker = paused_tracker("report_mild_reaction", "my head hurts a bit")
    output = CollectingOutputChannel()
    await processor._run_prediction_loop(output, tracker)
    assert output.messages == [] and ran == []


def test_safety_during_a_handoff_does_what_the_rules_do():
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text())["rules"]
    for intent, actions in SAFETY_WHILE_PAUSED.items():
        steps = next(rule["steps"] for rule in rules
                     if "condition" not in rule and rule["steps"][0] == {"intent": intent}
                     and not rule.get("conversation_start"))
        assert tuple(step["action"] for step in steps[1:]) == actions, intent


class FakeAgent:
    def __init__(self, processor) -> None:
        self.processor = processor
        self.lock_store = InMemoryLockStore()


def channel_with_sent():
    channel = SocketIOInput()
    channel._patient_sessions = PatientSessions(SECRET)

    async def on_new_message(message) -> None:
        pass

    channel.blueprint(on_new_message)
    sent = []

    async def emit(*args, **kwargs) -> None:
        sent.append((args, kwargs))

    channel.sio.emit = emit
    return channel, sent


def agent_with_tracker(domain, ran):
    processor = processor_for(domain, ran)
    stored = {}

    async def get_tracker(conversation_id):
        return stored.setdefault(conversation_id, DialogueStateTracker(conversation_id, []))

    async def save_tracker(tracker):
        stored[tracker.sender_id] = tracker

    processor.get_tracker, processor.save_tracker = get_tracker, save_tracker
    return FakeAgent(processor), stored


def relay_header(conversation_id: str) -> str:
    return "Bearer " + mint_relay_token(SECRET, conversation_id)


async def test_a_nurses_message_reaches_the_patients_room_with_her_name_and_is_kept(domain):
    channel, sent = channel_with_sent()
    agent, stored = agent_with_tracker(domain, [])
    status, _ = await relay_to_patient(channel, agent, "conv-9", relay_header("conv-9"), {
        "kind": "staff_message", "text": "Hi, I'm Sam. How is your breathing now?",
        "staff": {"name": "Sam", "role": "Nurse"}})
    assert status == 200
    [(args, kwargs)] = sent
    assert args[0] == "bot_uttered" and kwargs["room"] == "conv-9"
    assert args[1]["text"] == "Hi, I'm Sam. How is your breathing now?"
    assert args[1]["handoff"] == {"kind": "staff", "name": "Sam", "role": "Nurse"}
    [event] = [e for e in stored["conv-9"].events if e.type_name == "bot"]
    assert event.metadata["handoff"]["name"] == "Sam"
    assert args[1]["timestamp"] == event.timestamp  # the widget shows it once


async def test_handback_tells_the_patient_the_assistant_is_back(domain):
    channel, sent = channel_with_sent()
    agent, stored = agent_with_tracker(domain, [])
    status, _ = await relay_to_patient(channel, agent, "conv-9", relay_header("conv-9"),
                                       {"kind": "handback"})
    assert status == 200
    said = [args[1] for args, _ in sent if args[0] == "bot_uttered"]
    assert any("I'm back" in message["text"] for message in said)
    assert all(message["handoff"] == {"kind": "handback"} for message in said)
    names = [e.action_name for e in stored["conv-9"].events if e.type_name == "action"]
    assert names == ["utter_handback", "action_listen"]  # ready for the patient's next turn


async def test_acknowledgement_notice_goes_to_the_patients_room(domain):
    channel, sent = channel_with_sent()
    status, _ = await relay_to_patient(channel, None, "conv-9", relay_header("conv-9"),
                                       {"kind": "acknowledged"})
    assert status == 200
    [(args, kwargs)] = sent
    assert args[0] == "staff_notice" and "nurse has seen" in args[1]["text"]
    assert kwargs["room"] == "conv-9"


@pytest.mark.parametrize("header", [None, "Bearer nonsense",
                                    "Bearer " + PatientSessions(SECRET).mint("conv-9")])
async def test_the_relay_refuses_anything_but_a_relay_token_for_that_conversation(domain, header):
    channel, sent = channel_with_sent()
    agent, _ = agent_with_tracker(domain, [])
    status, _ = await relay_to_patient(channel, agent, "conv-9", header,
                                       {"kind": "staff_message", "text": "hello"})
    assert status == 401 and sent == []
    status, _ = await relay_to_patient(channel, agent, "conv-9", relay_header("conv-other"),
                                       {"kind": "acknowledged"})
    assert status == 401 and sent == []


async def test_an_expired_relay_token_is_refused(domain):
    channel, sent = channel_with_sent()
    old = mint_relay_token(SECRET, "conv-9", now=time.time() - 3600)
    status, answer = await relay_to_patient(channel, None, "conv-9", "Bearer " + old,
                                            {"kind": "acknowledged"})
    assert (status, answer["error"]) == (401, "expired_token")


async def test_a_wait_for_changes_ends_at_the_next_save():
    notices = ChangeNotices()
    version = await notices.wait("conv-9", None, timeout=5)  # not seen yet: at once
    waiting = asyncio.ensure_future(notices.wait("conv-9", version, timeout=5))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    notices.saved("conv-9")
    assert await asyncio.wait_for(waiting, 1) == version + 1
    notices.saved("conv-other")  # nobody watches it: nothing kept
    assert "conv-other" not in notices._versions
    # A save between two waits is not missed: the next wait returns at once.
    notices.saved("conv-9")
    assert await asyncio.wait_for(notices.wait("conv-9", version + 1, timeout=5), 1) == version + 2


async def test_a_wait_with_nothing_new_ends_after_its_timeout():
    notices = ChangeNotices()
    version = await notices.wait("conv-9", None, timeout=5)
    assert await notices.wait("conv-9", version, timeout=0.05) == version


async def test_waiting_for_changes_needs_the_relay_token():
    channel, _ = channel_with_sent()
    status, answer = await wait_for_changes(channel, "conv-9", None, None)
    assert (status, answer["error"]) == (401, "missing_token")
    status, answer = await wait_for_changes(channel, "conv-9", relay_header("conv-9"), None)
    assert status == 200 and isinstance(answer["version"], int)


async def test_saving_a_conversation_wakes_its_waiters():
    install_change_notices()
    from rasa_addons.handoff import CHANGES

    class Store:
        async def save(self, tracker) -> None:
            pass

    processor = MessageProcessor.__new__(MessageProcessor)
    processor.tracker_store = Store()
    version = await CHANGES.wait("conv-saved", None, timeout=5)
    waiting = asyncio.ensure_future(CHANGES.wait("conv-saved", version, timeout=5))
    await asyncio.sleep(0.05)
    await processor.save_tracker(DialogueStateTracker("conv-saved", []))
    assert await asyncio.wait_for(waiting, 1) == version + 1


async def test_a_message_in_another_language_during_a_handoff_gets_911_advice_in_it(domain):
    install_safety_while_paused()
    ran: List[str] = []
    processor = processor_for(domain, ran)
    tracker = paused_tracker("other_language", "tengo mucho dolor")
    output = CollectingOutputChannel()
    await processor._run_prediction_loop(output, tracker)
    assert any("911" in message["text"] for message in output.messages)
    assert ran == ["action_other_language"]
