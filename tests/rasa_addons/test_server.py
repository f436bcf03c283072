"""rasa_addons/server.py: action server replies are checked as strictly as Rasa checks them,
with the validator built once instead of on every reply."""

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from rasa_addons.server import install_action_result_validator

GOOD_REPLY = {
    "events": [{"event": "slot", "name": "triage_level", "value": "urgent"}],
    "responses": [{"text": "Your care team has been notified."}],
}


@pytest.fixture(scope="module")
def action():
    install_action_result_validator()
    return RemoteAction("action_triage", None)


def test_a_well_formed_reply_is_accepted(action):
    assert action._validate_action_result(GOOD_REPLY) is True


@pytest.mark.parametrize("reply", [
    {"events": [{"name": "triage_level"}]},          # an event without its type
    {"events": "slot triage_level urgent"},          # events not a list
    {"responses": {"text": "not a list"}},
])
def test_a_malformed_reply_is_refused_with_rasas_message(action, reply):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(reply)


def test_installing_twice_keeps_one_wrapper(action):
    first = RemoteAction._validate_action_result
    install_action_result_validator()
    assert RemoteAction._validate_action_result is first


def test_the_schema_itself_is_not_checked_again_per_reply(action, monkeypatch):
    # The self-check was a third of the Rasa server's CPU under load (README "Benchmark").
    from jsonschema.validators import validator_for

    validator_class = validator_for(RemoteAction.action_response_format_spec())
    calls = []
    original = validator_class.check_schema
    monkeypatch.setattr(validator_class, "check_schema",
                        classmethod(lambda cls, schema, **kw: calls.append(1)
                                    or original.__func__(cls, schema, **kw)))
    for _ in range(3):
        assert action._validate_action_result(GOOD_REPLY) is True
    assert calls == []


def test_event_types_resolve_to_the_same_classes_as_rasa():
    from rasa.shared.core import events
    from rasa.shared.utils.common import all_subclasses

    from rasa_addons.server import install_event_type_cache

    install_event_type_cache()
    for cls in all_subclasses(events.Event):
        if cls.type_name != "event":
            expected = next(c for c in all_subclasses(events.Event)
                            if c.type_name == cls.type_name)
            assert events.Event.resolve_by_type(cls.type_name) is expected
    assert events.Event.resolve_by_type("topic") is None
    assert events.Event.resolve_by_type("no_such_event", events.SlotSet) is events.SlotSet
    with pytest.raises(ValueError):
        events.Event.resolve_by_type("no_such_event")
    stored = {"event": "slot", "name": "triage_level", "value": "urgent", "timestamp": 1.0}
    assert events.Event.from_parameters(stored) == events.SlotSet("triage_level", "urgent", 1.0)


def test_objects_alive_after_the_model_loads_are_frozen(monkeypatch):
    # Full collections no longer walk the model's objects: long conversations' p95 halved.
    import gc

    import rasa.core.run

    from rasa_addons.server import install_gc_freeze_after_model_load

    async def load_model(*args, **kwargs):
        return "agent"

    monkeypatch.setattr(rasa.core.run, "load_agent_on_start", load_model)
    install_gc_freeze_after_model_load()
    gc.unfreeze()
    try:
        assert asyncio.run(rasa.core.run.load_agent_on_start("model.tar.gz")) == "agent"
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_action_calls_time_out_after_a_few_seconds(monkeypatch):
    # With a hung action server, the REST reply (911 advice included) waited 300 s.
    import rasa.core.actions.action

    from rasa_addons.server import action_timeout, install_action_timeout

    assert action_timeout({}) == 3.0
    assert action_timeout({"ACTION_SERVER_TIMEOUT": "7.5"}) == 7.5
    for wrong in ("soon", "0", "-1"):
        with pytest.raises(SystemExit, match="ACTION_SERVER_TIMEOUT"):
            action_timeout({"ACTION_SERVER_TIMEOUT": wrong})
    monkeypatch.setattr(rasa.core.actions.action, "DEFAULT_REQUEST_TIMEOUT", 300)
    monkeypatch.setenv("ACTION_SERVER_TIMEOUT", "4")
    install_action_timeout()
    assert rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT == 4.0


def test_turns_beyond_the_bound_wait_and_every_one_is_answered_in_order(monkeypatch):
    # 50 patients at once: each turn's action answer waited behind every other turn's
    # computing, past the action timeout, and the patient got no reply.
    from rasa.core.agent import Agent

    from rasa_addons.server import install_bounded_turns

    running, most, started = 0, 0, []

    async def rasa_turn(self, message):
        nonlocal running, most
        started.append(message)
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        return [{"text": f"reply to {message}"}]

    monkeypatch.setattr(Agent, "handle_message", rasa_turn)
    install_bounded_turns(2)

    async def patients():
        return await asyncio.gather(*(Agent.handle_message(None, n) for n in range(7)))

    replies = asyncio.run(patients())
    assert replies == [[{"text": f"reply to {n}"}] for n in range(7)]
    assert most == 2
    assert started == list(range(7))
    # Installing again keeps one bound; a new event loop (a test's) gets its own.
    install_bounded_turns(2)
    most = 0
    assert len(asyncio.run(patients())) == 7 and most == 2


def test_an_unbounded_setting_leaves_rasas_turns(monkeypatch):
    from rasa.core.agent import Agent

    from rasa_addons.server import install_bounded_turns
    from settings import concurrent_turns

    assert concurrent_turns({}) == 4
    assert concurrent_turns({"MAX_CONCURRENT_TURNS": "12"}) == 12
    for wrong in ("many", "-1", "2.5"):
        with pytest.raises(SystemExit, match="MAX_CONCURRENT_TURNS"):
            concurrent_turns({"MAX_CONCURRENT_TURNS": wrong})

    async def rasa_turn(self, message):
        return message

    monkeypatch.setattr(Agent, "handle_message", rasa_turn)
    monkeypatch.setenv("MAX_CONCURRENT_TURNS", "0")
    install_bounded_turns()
    assert Agent.handle_message is rasa_turn


def test_the_domain_is_never_sent_to_the_action_server(domain, monkeypatch):
    # Selective domain left validate_* actions with the whole domain (45 KB a call).
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from rasa_addons.server import install_domain_left_out_of_action_calls

    name = "does_custom_action_explicitly_need_domain"
    monkeypatch.setattr(Domain, name, getattr(Domain, name))  # Rasa's again afterwards
    install_domain_left_out_of_action_calls()
    rasa_domain = Domain.from_dict(domain)
    tracker = DialogueStateTracker.from_events("patient", [])
    selective = EndpointConfig("http://127.0.0.1:5055/webhook", enable_selective_domain=True)
    for name in ("validate_symptom_screening_form", "action_triage"):
        call = RemoteAction(name, selective)._action_call_format(tracker, rasa_domain)
        assert "domain" not in call
    stock = RemoteAction("action_triage", EndpointConfig("http://127.0.0.1:5055/webhook"))
    assert "domain" in stock._action_call_format(tracker, rasa_domain)  # stock unchanged
