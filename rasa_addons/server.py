"""The Rasa server as this project runs it: `python -m rasa_addons.server run ...` is
`rasa run ...` with fixes for CPU time that Rasa 3.6 spends on every message (1-3, found
with py-spy under load, README "Benchmark"; 7 and 8, for long conversations), two for
calls to the action server (4, 5) and one for slow clients (6). None changes what Rasa
decides.

1. Rasa checks every action server reply with `jsonschema.validate`, which first checks
   the schema itself against the JSON Schema meta-schema, on every call. With jsonschema
   4.17 that self-check was a third of the server's CPU. Here the validator is built once
   and each reply is checked against the same schema; a reply that fails is handed to
   Rasa's own check, so errors look exactly as before.
2. Reading a conversation from the tracker store turns each stored event into its class
   by walking all subclasses of `Event`, for every event of every message: 15% of the
   CPU in a long conversation. Here each type name is looked up once and remembered.
3. Python's full garbage collections walk every object alive, and the model, TensorFlow
   and Rasa are millions of them: they paused long conversations for hundreds of ms.
   After the model loads, they are moved out of the collector's sight (gc.freeze).
4. Rasa waits up to 5 minutes for a custom action, and the REST channel answers only when
   the whole turn is done: with a hung action server, a patient reporting an emergency
   would wait minutes for the 911 advice that was ready at once. Here the wait is
   ACTION_SERVER_TIMEOUT seconds (default 3); a call that times out is handled as one
   that failed (the reconciler records the escalation later).
5. With selective domain, Rasa still sends the whole domain (45 KB) to every validate_*
   action. Ours never read it (the screening form's questions come from
   clinical/screening.py), so it is never sent: smaller calls, and a tighter body limit
   on the action server (rasa_addons/action_server.py).
6. Slow clients: Sanic's request timeout and Rasa's keep-alive are a few seconds
   (CLIENT_REQUEST_TIMEOUT, CLIENT_KEEP_ALIVE_TIMEOUT; install_client_timeouts).
7. Each policy, for each action it predicts, turns the whole conversation into dialogue
   states (Domain.states_for_tracker_history replays every event; MemoizationPolicy then
   keeps the last 4 states): 17 ms for a session of 2,000 events, several times a message,
   so a long conversation grew slower with every message. The states of events already
   seen do not change when events are added, so here each conversation's scan is kept
   (per process, the most recent MEMO_CONVERSATIONS) and only the new events are scanned;
   the result is the same list Rasa computes (tests/rasa_addons/test_server.py compares
   them), handed out as a copy because the featurizers edit it. A conversation whose
   applied events are not the kept ones followed by new ones (an undo, a restart, another
   worker's turn read afresh) is scanned again from the start, as Rasa does. Rasa marks
   each patient message with DefinePrevUserUtteredFeaturization right after it, before
   any action, which changes that message (text or intent) for the states after it: such
   a mark is scanned like any event. One that came after an action of its message would
   change a state already kept: that call is left to Rasa. Only the server is changed:
   training is not.
   RulePolicy also formats every state into a debug log line for each prediction, read
   or not: here that line shows the last LOGGED_STATES states. And the tracker's applied
   events (Rasa walks all events for them, several times a message) are extended by the
   new events alone when none of them undoes, restarts or runs a form (which can change
   how earlier events apply); otherwise Rasa works them out again. Before each action
   Rasa copies the tracker by replaying every event into a fresh one
   (DialogueStateTracker.copy); here the replay of each conversation is kept and taken
   on by the new events, and the copy is made from it: the same state a full replay gives
   (not the live tracker's, which Rasa changes outside events: the follow-up action it
   clears, the model id). The tracker store rebuilds a conversation from the same kept
   replay (rasa_addons/tracker_store.py), and so does the screening form's temporary
   tracker (Rasa replays every event for it, at each validation and question).
   Applied events are taken on by Rasa's own steps, undo included; a screening form
   that asks again undoes the events since its previous question, so each scan of
   states keeps checkpoints near the end to go back to instead of starting over.
   RulePolicy walks all states twice more per prediction (matching rules, and a key of
   the whole conversation when none matches): both stop where the longest rule ends,
   with Rasa's result.
8. Rasa sends the action server every event of the session with each custom action call
   (6 KB a message: 3 MB for a 500-message session, parsed on both sides, and over the
   action server's 4 MB body limit by about 700). Our actions read only recent events
   (the latest report, the screening form's last turn: actions/), so a call carries the
   events since the ACTION_EVENT_TURNS-th last patient message (50); slots, the latest
   message and the active form are sent whole as before.
9. Safety does not pause: while a nurse has the conversation (Rasa's pause), an emergency
   still gets the rules' emergency actions (rasa_addons/handoff.py).
10. Turns wait their turn. Every turn of a process runs on one event loop, and
   understanding and prediction hold the loop while they compute. With 50 patients
   writing at once, a turn's action call was answered by the action server but its answer
   was read only after dozens of other turns' computing, more than 3 s later (4): the call
   counted as failed and the patient got no reply (the load test, tests/load/). Here a
   process works on at most MAX_CONCURRENT_TURNS turns at once (default 4, settings.py:
   enough for one turn's action call to overlap another's computing); the others wait,
   before their conversation's lock, without using the CPU, and are taken in order.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Text, Tuple, Type

from rasa_addons import require_version

require_version("rasa", "rasa_addons/server.py", "replaces private functions (RemoteAction, "
                "Event type lookup, the action timeout)")

_MARK = "_ivig_fix_installed"
# Seconds; actions answer in milliseconds (README "Security"). Read in settings.py.


def install_action_result_validator() -> None:
    """Replace RemoteAction._validate_action_result by one with a validator built once."""
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    rasa_check: Callable[[Any, Dict[Text, Any]], bool] = RemoteAction._validate_action_result
    if getattr(rasa_check, _MARK, False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, here, instead of on every reply
    validator = validator_class(schema)

    def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        if best_match(validator.iter_errors(result)) is None:
            return True
        return rasa_check(self, result)  # raises Rasa's own ValidationError

    setattr(validate_action_result, _MARK, True)
    RemoteAction._validate_action_result = validate_action_result


def install_event_type_cache() -> None:
    """Remember Event.resolve_by_type's answer for each type name it has resolved."""
    from rasa.shared.core.events import Event

    rasa_resolve = Event.resolve_by_type
    if getattr(rasa_resolve, _MARK, False):
        return
    known: Dict[Text, Type[Event]] = {}

    def resolve_by_type(type_name: Text,
                        default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        found = known.get(type_name)
        if found is not None:
            return found
        found = rasa_resolve(type_name, default)  # Rasa's answer, or its error
        if found is not None and found is not default:  # a class of that name: keep it
            known[type_name] = found
        return found

    setattr(resolve_by_type, _MARK, True)
    Event.resolve_by_type = staticmethod(resolve_by_type)


def install_gc_freeze_after_model_load() -> None:
    """After the model is loaded, move everything alive to the collector's permanent
    generation (gc.freeze): the model, TensorFlow and Rasa are millions of objects that
    stay for the life of the process, and a full collection would walk them all again."""
    import gc

    import rasa.core.run

    rasa_load = rasa.core.run.load_agent_on_start
    if getattr(rasa_load, _MARK, False):
        return

    async def load_agent_on_start(*args: Any, **kwargs: Any) -> Any:
        agent = await rasa_load(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    setattr(load_agent_on_start, _MARK, True)
    rasa.core.run.load_agent_on_start = load_agent_on_start


def action_timeout(environ: Optional[Dict[str, str]] = None) -> float:
    """Seconds Rasa waits for the action server: ACTION_SERVER_TIMEOUT, else 3 (settings.py)."""
    from settings import action_server_timeout

    return action_server_timeout(environ)


def install_action_timeout(seconds: Optional[float] = None) -> None:
    """RemoteAction.run passes rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT (300 s) to
    aiohttp on every call, read from that module when it calls: set it there."""
    import rasa.core.actions.action

    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = (
        action_timeout() if seconds is None else seconds)


def install_domain_left_out_of_action_calls() -> None:
    """Selective domain for every custom action, validate_* ones included."""
    from rasa.shared.core.domain import Domain

    if getattr(Domain.does_custom_action_explicitly_need_domain, _MARK, False):
        return

    def does_custom_action_explicitly_need_domain(self: Domain, action_name: Text) -> bool:
        return False

    setattr(does_custom_action_explicitly_need_domain, _MARK, True)
    Domain.does_custom_action_explicitly_need_domain = does_custom_action_explicitly_need_domain


def install_client_timeouts(request_timeout: Optional[float] = None,
                            keep_alive_timeout: Optional[float] = None) -> None:
    """Sanic waits 60 s for a request to arrive and Rasa keeps idle connections 120 s:
    slow or idle clients could hold connections open. Here both are CLIENT_REQUEST_TIMEOUT
    and CLIENT_KEEP_ALIVE_TIMEOUT (settings.py; default 5 s), set on the app Rasa
    configures (rasa.core.run.configure_app, which sets the keep-alive itself)."""
    import rasa.core.run

    from settings import client_timeouts

    rasa_configure = rasa.core.run.configure_app
    if getattr(rasa_configure, _MARK, False):
        return
    default_request, default_keep_alive = client_timeouts()
    request_timeout = request_timeout or default_request
    keep_alive_timeout = keep_alive_timeout or default_keep_alive

    def configure_app(*args: Any, **kwargs: Any) -> Any:
        app = rasa_configure(*args, **kwargs)
        app.config.REQUEST_TIMEOUT = request_timeout
        app.config.KEEP_ALIVE_TIMEOUT = keep_alive_timeout
        return app

    setattr(configure_app, _MARK, True)
    rasa.core.run.configure_app = configure_app


def install_safety_while_paused() -> None:
    """9. A paused conversation (a nurse has it) still gets the emergency advice at once."""
    from rasa_addons.handoff import install_change_notices
    from rasa_addons.handoff import install_safety_while_paused as install_it

    install_it()
    install_change_notices()  # the nurse's live view hears of each saved turn


MEMO_CONVERSATIONS = 512
SCANS_PER_KEY = 2
# Checkpoints kept per scan: a form's undo goes back one question; a few more are spare.
CHECKPOINTS = 8
# Events from the end of the conversation within which checkpoints are taken.
CHECKPOINT_REACH = 200


def _duplicate_tracker(replay: Any) -> Any:
    """A tracker in the same state as `replay` that can go on independently of it."""
    import copy as copying

    from rasa.shared.core.events import BotUttered, UserUttered

    twin = copying.copy(replay)
    twin.events = type(replay.events)(replay.events, replay.events.maxlen)
    twin.slots = {name: copying.copy(slot) for name, slot in replay.slots.items()}
    twin.active_loop = copying.copy(replay.active_loop)
    twin.latest_action = (dict(replay.latest_action) if replay.latest_action is not None
                          else None)
    # Before any message (or after a restart) these are blank ones made by the replay,
    # not events: each copy gets its own, as from a replay of its own.
    for name, kind in (("latest_message", UserUttered), ("latest_bot_utterance", BotUttered)):
        current = getattr(replay, name)
        if current is not None and not any(current is event
                                           for event in reversed(replay.events)):
            setattr(twin, name, kind.empty())
    return twin


class _StatesScan:
    """Domain.states_for_tracker_history's loop, stopped after `events` (kept to go on)."""

    __slots__ = ("domain", "events", "replay", "states", "last_ml_action", "hidden",
                 "actions_since_user", "checkpoints")

    def __init__(self, domain: Any, replay: Any) -> None:
        self.domain = domain
        self.events: List[Any] = []
        self.replay = replay  # a tracker with `events` applied
        self.states: List[Dict[Text, Any]] = []
        self.last_ml_action: Any = None
        self.hidden = False
        self.actions_since_user = 0
        # The scan as it was before each of its latest actions, to go back to (below).
        self.checkpoints: List[_Checkpoint] = []

    def mark(self) -> None:
        self.checkpoints.append(_Checkpoint(
            len(self.events), len(self.states), self.last_ml_action, self.hidden,
            self.actions_since_user, _duplicate_tracker(self.replay)))
        del self.checkpoints[:-CHECKPOINTS]

    def rewound(self, applied: List[Any]) -> Optional["_StatesScan"]:
        """This scan as it was at its latest checkpoint whose events all begin `applied`.

        A screening form that asks again undoes the events since its previous question
        (Rasa's applied events drop them): the events seen are then no longer the start
        of the conversation's, and without a checkpoint every state would be worked out
        again from the first event, at every question of every screening."""
        common = next((i for i, (seen, event) in enumerate(zip(self.events, applied))
                       if seen is not event), min(len(self.events), len(applied)))
        point = next((p for p in reversed(self.checkpoints) if p.events <= common), None)
        if point is None:
            return None
        scan = _StatesScan(self.domain, _duplicate_tracker(point.replay))
        scan.events = self.events[:point.events]
        scan.states = self.states[:point.states]
        scan.last_ml_action, scan.hidden = point.last_ml_action, point.hidden
        scan.actions_since_user = point.actions_since_user
        scan.checkpoints = [p for p in self.checkpoints if p.events <= point.events]
        return scan


@dataclass(frozen=True)
class _Checkpoint:
    events: int
    states: int
    last_ml_action: Any
    hidden: bool
    actions_since_user: int
    replay: Any  # a copy of the scan's replay then, never changed


def _scan_turn(domain: Any, tracker: Any, hide_rule_turn: bool, states: List[Dict[Text, Any]],
               last_ml_action: Any, hidden: bool, omit_unset_slots: bool,
               ignore_rule_only_turns: bool, rule_only_data: Optional[Dict[Text, Any]]
               ) -> Tuple[Any, bool]:
    """One turn of the loop of Rasa 3.6's Domain.states_for_tracker_history (copied)."""
    from rasa.shared.core.constants import PREVIOUS_ACTION

    if ignore_rule_only_turns:
        if not hidden:
            last_ml_action = domain._get_prev_action_sub_state(tracker)
        if not tracker.followup_action and not tracker.latest_action_name == tracker.active_loop_name:
            hidden = hide_rule_turn
        if hidden:
            return last_ml_action, hidden
    state = domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if states:
            domain._substitute_rule_only_user_input(state, states[-1])
        if last_ml_action:
            state[PREVIOUS_ACTION] = last_ml_action
    states.append(domain._clean_state(state))
    return last_ml_action, hidden


def _copy_state(state: Dict[Text, Any]) -> Dict[Text, Any]:
    # Sub-states are dicts of strings and tuples: two levels are all a caller can change.
    return {kind: dict(sub) if isinstance(sub, dict) else sub for kind, sub in state.items()}


def _handed_out(states: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The kept states as a caller gets them: copies of those a caller may change, the
    kept objects themselves for the rest (copying every state of a long conversation for
    every call was itself a cost that grew with its length).

    Rasa 3.6's tracker featurizers change two things in the states they are handed
    (tracker_featurizers.py): the last state's user sub-state (_choose_last_user_input),
    and the text of any user sub-state that also has an intent
    (_remove_user_text_if_intent). The policies only read them. So the last state and any
    state whose user sub-state has both an intent and a text are copied; a kept state
    has both only until Rasa marks how the message is featurized, right after it."""
    from rasa.shared.core.constants import USER
    from rasa.shared.nlu.constants import INTENT, TEXT

    handed = [_copy_state(state) if INTENT in state.get(USER, ()) and TEXT in state[USER]
              else state for state in states[:-1]]
    if states:
        handed.append(_copy_state(states[-1]))
    return handed


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple, set)):
        return tuple(_frozen(item) for item in value)
    return value


def install_incremental_tracker_states(conversations: int = MEMO_CONVERSATIONS) -> None:
    """Domain.states_for_tracker_history scanning only the events it has not seen (7.)."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import (
        ActionExecuted,
        DefinePrevUserUtteredFeaturization,
        UserUttered,
    )

    rasa_states = Domain.states_for_tracker_history
    if getattr(rasa_states, _MARK, False):
        return
    # Per conversation and flags, the last SCANS_PER_KEY scans: a policy that also asks
    # for a shortened copy of the tracker (same sender) does not push out the main one.
    scans: "OrderedDict[Any, List[_StatesScan]]" = OrderedDict()
    guard = threading.Lock()
    # The policies ask for the states of one tracker several times per prediction:
    # its applied events (a walk over all events) are worked out once per tracker state.
    applied_by_tracker: "OrderedDict[int, Tuple[Any, int, Any, List[Any]]]" = OrderedDict()

    def applied_events(tracker: Any) -> List[Any]:
        events = tracker.events
        last = events[-1] if events else None
        known = applied_by_tracker.get(id(tracker))
        if known is not None and known[0]() is tracker and known[1] == len(events) \
                and known[2] is last:
            return known[3]
        applied = tracker.applied_events()
        applied_by_tracker[id(tracker)] = (weakref.ref(tracker), len(events), last, applied)
        while len(applied_by_tracker) > 64:
            applied_by_tracker.popitem(last=False)
        return applied

    def rasa(self: Domain, tracker: Any, omit_unset_slots: bool, ignore_rule_only_turns: bool,
             rule_only_data: Optional[Dict[Text, Any]]) -> List[Any]:
        return rasa_states(self, tracker, omit_unset_slots=omit_unset_slots,
                           ignore_rule_only_turns=ignore_rule_only_turns,
                           rule_only_data=rule_only_data)

    def states_for_tracker_history(self: Domain, tracker: Any, omit_unset_slots: bool = False,
                                   ignore_rule_only_turns: bool = False,
                                   rule_only_data: Optional[Dict[Text, Any]] = None) -> List[Any]:
        with guard:
            applied = applied_events(tracker)
        key = (tracker.sender_id, tracker.is_rule_tracker, omit_unset_slots,
               ignore_rule_only_turns, _frozen(rule_only_data))
        with guard:
            kept = scans.pop(key, [])
            scan = next((candidate for candidate in kept if candidate.domain is self
                         and len(candidate.events) <= len(applied)
                         and all(seen is event for seen, event in zip(candidate.events, applied))),
                        None)
            if scan is None:
                scan = next((rewound for candidate in kept if candidate.domain is self
                             for rewound in (candidate.rewound(applied),) if rewound), None) \
                    or _StatesScan(self, tracker.init_copy())
            scans[key] = ([scan] + [other for other in kept if other is not scan])[:SCANS_PER_KEY]
            while len(scans) > conversations:
                scans.popitem(last=False)
            # (checkpoints only near the end: a scan from the start does not copy its
            # replay at every action of the conversation)
            recent = len(applied) - CHECKPOINT_REACH
            for position, event in enumerate(applied[len(scan.events):], len(scan.events)):
                if isinstance(event, ActionExecuted):
                    if position >= recent:
                        scan.mark()
                    scan.last_ml_action, scan.hidden = _scan_turn(
                        self, scan.replay, event.hide_rule_turn, scan.states,
                        scan.last_ml_action, scan.hidden, omit_unset_slots,
                        ignore_rule_only_turns, rule_only_data)
                    scan.actions_since_user += 1
                elif isinstance(event, UserUttered):
                    scan.actions_since_user = 0
                elif isinstance(event, DefinePrevUserUtteredFeaturization) \
                        and scan.actions_since_user \
                        and scan.replay.latest_action_name == ACTION_LISTEN_NAME:
                    # It would change the message of states already kept: Rasa's way.
                    del scans[key]
                    return rasa(self, tracker, omit_unset_slots, ignore_rule_only_turns,
                                rule_only_data)
                scan.replay.update(event)
                scan.events.append(event)
            states = list(scan.states)
            _scan_turn(self, scan.replay, False, states, scan.last_ml_action, scan.hidden,
                       omit_unset_slots, ignore_rule_only_turns, rule_only_data)
            return _handed_out(states)

    setattr(states_for_tracker_history, _MARK, True)
    setattr(states_for_tracker_history, "rasa_original", rasa_states)
    Domain.states_for_tracker_history = states_for_tracker_history


ACTION_EVENT_TURNS = 50


def recent_start(events: Any, turns: int = ACTION_EVENT_TURNS) -> int:
    """Where the events from the `turns`-th last user message on begin (0 if fewer)."""
    from rasa.shared.core.events import UserUttered

    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == turns:
                return index
    return 0


def install_recent_events_for_actions(turns: int = ACTION_EVENT_TURNS) -> None:
    """RemoteAction calls carry the session's recent events only (8.), serialised alone."""
    import itertools

    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import EventVerbosity

    rasa_format = RemoteAction._action_call_format
    if getattr(rasa_format, _MARK, False):
        return

    def action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> Dict[Text, Any]:
        start = recent_start(tracker.events, turns)
        if not start:
            return rasa_format(self, tracker, domain)
        whole_state = tracker.current_state

        def current_state(event_verbosity: Any = EventVerbosity.ALL) -> Dict[Text, Any]:
            state = whole_state(EventVerbosity.NONE)  # all but the events
            state["events"] = [event.as_dict()
                               for event in itertools.islice(tracker.events, start, None)]
            return state

        tracker.current_state = current_state  # for Rasa's own format, this call only
        try:
            return rasa_format(self, tracker, domain)
        finally:
            del tracker.current_state

    setattr(action_call_format, _MARK, True)
    RemoteAction._action_call_format = action_call_format


LOGGED_STATES = 10


def install_short_state_logs(states_kept: int = LOGGED_STATES) -> None:
    """Policy.format_tracker_states (only RulePolicy's debug log uses it) formats the last
    `states_kept` states, not the whole conversation's (7.)."""
    from rasa.core.policies.policy import Policy

    rasa_format = Policy.format_tracker_states
    if getattr(rasa_format, _MARK, False):
        return

    def format_tracker_states(states: List[Dict]) -> Text:
        if len(states) <= states_kept:
            return rasa_format(states)
        return (f"\n({len(states) - states_kept} earlier states not shown)"
                + rasa_format(states[-states_kept:]))

    setattr(format_tracker_states, _MARK, True)
    Policy.format_tracker_states = staticmethod(format_tracker_states)


def install_incremental_applied_events(conversations: int = MEMO_CONVERSATIONS) -> None:
    """DialogueStateTracker.applied_events taken on by the new events only (7.).

    Rasa's loop (trackers.py, 3.6) walks every event and keeps, drops or undoes: a restart
    or a new session empties the list, a revert undoes back to the action or message
    before it, and a loop's action that runs again (not its first run, not an unhappy
    path) undoes back to its previous run. Each step only reads or removes the end of
    the list built so far, so the kept list is taken on by the new events with the same
    steps. What an event means depends on one thing seen over all events: the names of
    the loops that ever ran. A new one among the new events makes Rasa's walk decide the
    earlier events differently, so then it is Rasa's walk from the start."""
    import itertools

    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SessionStarted,
        UserUttered,
        UserUtteranceReverted,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    rasa_applied = DialogueStateTracker.applied_events
    if getattr(rasa_applied, _MARK, False):
        return
    known: "OrderedDict[Text, Tuple[List[Any], List[Any], set]]" = OrderedDict()
    guard = threading.Lock()

    def apply(tracker: DialogueStateTracker, event: Any, applied: List[Any],
              loop_names: set) -> None:
        """One step of Rasa's loop (the same calls, in the same order)."""
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (isinstance(event, ActionExecuted) and event.action_name in loop_names
              and not tracker._first_loop_execution_or_unhappy_path(event.action_name,
                                                                    applied)):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)

    def applied_events(self: DialogueStateTracker) -> List[Any]:
        events = self.events
        with guard:
            entry = known.pop(self.sender_id, None)
            if entry is not None:
                seen, applied, loop_names = entry
                if len(events) >= len(seen) and all(a is b for a, b in zip(seen, events)):
                    new = list(itertools.islice(events, len(seen), None))
                    if not any(isinstance(event, ActiveLoop) and event.name
                               and event.name not in loop_names for event in new):
                        for event in new:
                            apply(self, event, applied, loop_names)
                        seen.extend(new)
                        known[self.sender_id] = entry
                        return list(applied)
            applied = rasa_applied(self)
            loop_names = {event.name for event in events
                          if isinstance(event, ActiveLoop) and event.name}
            known[self.sender_id] = (list(events), list(applied), loop_names)
            while len(known) > conversations:
                known.popitem(last=False)
            return applied

    setattr(applied_events, _MARK, True)
    setattr(applied_events, "rasa_original", rasa_applied)
    DialogueStateTracker.applied_events = applied_events


def install_incremental_tracker_copy(conversations: int = MEMO_CONVERSATIONS) -> None:
    """DialogueStateTracker.copy from a kept replay of the conversation (7.)."""
    import itertools

    from rasa.shared.core.trackers import DialogueStateTracker

    rasa_copy = DialogueStateTracker.copy
    if getattr(rasa_copy, _MARK, False):
        return
    replays: "OrderedDict[Text, Tuple[List[Any], DialogueStateTracker]]" = OrderedDict()
    guard = threading.Lock()

    def tracker_copy(self: DialogueStateTracker) -> DialogueStateTracker:
        events = self.events
        with guard:
            entry = replays.pop(self.sender_id, None)
            if entry is not None:
                seen, replay = entry
                if replay._max_event_history != self._max_event_history \
                        or replay.is_rule_tracker != self.is_rule_tracker \
                        or list(replay.slots) != list(self.slots) \
                        or len(seen) > len(events) \
                        or not all(a is b for a, b in zip(seen, events)):
                    entry = None
            if entry is None:
                entry = ([], self.init_copy())
            seen, replay = entry
            for event in itertools.islice(events, len(seen), None):
                replay.update(event)  # what travel_back_in_time does, event by event
                seen.append(event)
            replays[self.sender_id] = entry
            while len(replays) > conversations:
                replays.popitem(last=False)
            return _duplicate_tracker(replay)

    setattr(tracker_copy, _MARK, True)
    setattr(tracker_copy, "rasa_original", rasa_copy)
    DialogueStateTracker.copy = tracker_copy


def install_form_tracker_from_kept_replay() -> None:
    """FormAction._temporary_tracker from the kept replay of the conversation (7.).

    The screening form builds a temporary tracker for each validation and each question
    by replaying every event after the latest restart (from_events): a cost that grew with
    the conversation, several times per answer. Here it is the tracker's copy (the kept
    replay, taken on by new events) with the same events added. Rasa's way when the
    conversation was restarted (its events before the restart are not the temporary
    tracker's) or the tracker is not the server's kind."""
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import ActionExecuted, Restarted, SlotSet

    rasa_temporary = FormAction._temporary_tracker
    if getattr(rasa_temporary, _MARK, False):
        return

    def temporary_tracker(self: FormAction, current_tracker: Any, additional_events: List[Any],
                          domain: Any) -> Any:
        if not copy_is_incremental() or current_tracker._max_event_history is not None \
                or current_tracker.is_rule_tracker \
                or [slot.name for slot in domain.slots] != list(current_tracker.slots) \
                or any(isinstance(event, Restarted) for event in current_tracker.events):
            return rasa_temporary(self, current_tracker, additional_events, domain)
        tracker = current_tracker.copy()
        for event in [SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)),
                      ActionExecuted(self.name()), *additional_events]:
            tracker.update(event)
        return tracker

    setattr(temporary_tracker, _MARK, True)
    setattr(temporary_tracker, "rasa_original", rasa_temporary)
    FormAction._temporary_tracker = temporary_tracker


def install_rule_lookups_bounded_by_rule_length() -> None:
    """RulePolicy's two walks over every dialogue state, stopped where the longest rule
    ends (7.): the result is Rasa's.

    _get_possible_keys filters the rules against the states from the latest back to the
    first; a rule is kept without a check once the walk has gone past its length, so
    past the longest rule left nothing changes. _create_feature_key, when no rule
    applies, writes all the states since the start of the conversation as JSON, only to
    check whether that text is one of the rules not used in stories (hide_rule_turn): a
    text of more states than the longest rule can be none of them, and a short stand-in
    that is no rule either is returned. Both walked the whole conversation several times
    per message."""
    from rasa.core.policies.rule_policy import RULES_NOT_IN_STORIES, RulePolicy

    rasa_keys = RulePolicy._get_possible_keys
    if getattr(rasa_keys, _MARK, False):
        return
    rasa_feature_key = RulePolicy._create_feature_key
    lengths: Dict[Text, int] = {}

    def rule_length(key: Text) -> int:
        length = lengths.get(key)
        if length is None:
            length = lengths[key] = len(RulePolicy._rule_key_to_state(key))
        return length

    def longest_rule(policy: RulePolicy) -> int:
        """States in the policy's longest rule key (worked out once per lookup)."""
        known = policy.__dict__.get("_ivig_longest_rule")
        if known is not None and known[0] is policy.lookup:
            return known[1]
        keys = [key for table in policy.lookup.values() if isinstance(table, dict)
                for key in table]
        keys += [key for key in policy.lookup.get(RULES_NOT_IN_STORIES, [])
                 if isinstance(key, str)]
        longest = max((rule_length(key) for key in keys if key.startswith("[")), default=0)
        policy.__dict__["_ivig_longest_rule"] = (policy.lookup, longest)
        return longest

    def get_possible_keys(self: RulePolicy, lookup: Dict[Text, Text],
                          states: List[Dict[Text, Any]]) -> set:
        possible = set(lookup.keys())
        for i, state in enumerate(reversed(states)):
            if not possible or i >= max(rule_length(key) for key in possible):
                break  # every rule left is shorter: Rasa's filter keeps them all
            possible = {key for key in possible if self._is_rule_applicable(key, i, state)}
        return possible

    def create_feature_key(self: RulePolicy, states: List[Dict[Text, Any]]) -> Optional[Text]:
        longest = longest_rule(self)
        since_snippet = 0
        for state in reversed(states):
            if self._is_rule_snippet_state(state) or since_snippet > longest:
                break
            since_snippet += 1
        if since_snippet <= longest:
            return rasa_feature_key(self, states)
        return f"(states of no rule: more than {longest})"

    for name, patched, original in (("_get_possible_keys", get_possible_keys, rasa_keys),
                                    ("_create_feature_key", create_feature_key,
                                     rasa_feature_key)):
        setattr(patched, _MARK, True)
        setattr(patched, "rasa_original", original)
        setattr(RulePolicy, name, patched)


def install_bounded_turns(limit: Optional[int] = None) -> None:
    """10. At most `limit` turns (MAX_CONCURRENT_TURNS) in Agent.handle_message at once per
    process and event loop; 0 leaves Rasa's unbounded turns."""
    from rasa.core.agent import Agent

    from settings import concurrent_turns

    if getattr(Agent.handle_message, _MARK, False):
        return
    limit = concurrent_turns() if limit is None else limit
    if limit <= 0:
        return
    rasa_handle_message = Agent.handle_message
    # asyncio.Semaphore belongs to the loop it is first used on: one per loop (tests run
    # several loops in one process; a server has one).
    slots: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]" = \
        weakref.WeakKeyDictionary()

    async def handle_message(self: Agent, message: Any) -> Any:
        loop = asyncio.get_running_loop()
        slot = slots.get(loop)
        if slot is None:
            slot = slots[loop] = asyncio.Semaphore(limit)
        async with slot:
            return await rasa_handle_message(self, message)

    setattr(handle_message, _MARK, True)
    Agent.handle_message = handle_message


def copy_is_incremental() -> bool:
    from rasa.shared.core.trackers import DialogueStateTracker

    return bool(getattr(DialogueStateTracker.copy, _MARK, False))


def install() -> None:
    install_action_result_validator()
    install_event_type_cache()
    install_gc_freeze_after_model_load()
    install_action_timeout()
    install_domain_left_out_of_action_calls()
    install_client_timeouts()
    install_safety_while_paused()
    install_incremental_applied_events()
    install_incremental_tracker_copy()
    install_form_tracker_from_kept_replay()
    install_incremental_tracker_states()
    install_rule_lookups_bounded_by_rule_length()
    install_short_state_logs()
    install_recent_events_for_actions()
    install_bounded_turns()


def main(argv: Optional[List[str]] = None) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
