"""The live handoff inside the Rasa server: a nurse talks to the patient in the chat.

While a nurse has the conversation, it is paused (Rasa's ConversationPaused, sent by the
web server through the HTTP API, web/routes_handoff.py): the patient's messages are read
and stored, and the assistant says nothing, with one exception.

1. Safety does not pause. A message the NLU reads as an emergency (report_severe_reaction:
   an emergency red flag routes the intent there, components/red_flag_detector.py) or a
   crisis still gets, at once, the same actions as the rules give it unpaused (the 911 or
   988 advice, then action_triage, which records the emergency escalation); so does a
   message in a language the chat cannot read (911 advice in that language).
   `install_safety_while_paused` wraps Rasa's prediction loop for that;
   rasa_addons/server.py installs it.
2. The relay (`add_relay_route`, on the socket.io channel's blueprint): the web server
   asks it to show the patient a nurse's message (stored as a bot message whose metadata
   names the nurse), a notice that a nurse has seen the escalation, or the assistant's
   return (utter_handback). Its token is web/handoff_relay.py's.
3. Changes, pushed: `GET .../handoff/<id>/changes?version=N` answers as soon as the
   conversation is saved again (a patient's message and the replies to it, a relayed
   message), or after a while with nothing new; the web server's live view for nurses
   waits on it (web/routes_handoff.py). `install_change_notices` wraps
   MessageProcessor.save_tracker for that.

With several Rasa workers or servers, a relay call can land on a process that does not
hold the patient's socket: the message is stored, and the widget shows it at its next
status check (web/routes_widget.py), not live; and a wait for changes can land on a
process that does not save them: the nurse's view then sees them when the wait ends
(CHANGES_WAIT_SECONDS at most). One worker (the default) is live.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any, Dict, Optional, Sequence, Tuple

from rasa_addons import require_version

require_version("rasa", "rasa_addons/handoff.py", "wraps MessageProcessor._run_prediction_loop "
                "and runs actions with its private _get_action/_run_action")

from rasa.core.channels.socketio import SocketIOOutput  # noqa: E402
from rasa.core.policies.policy import PolicyPrediction  # noqa: E402
from rasa.shared.core.constants import ACTION_LISTEN_NAME  # noqa: E402
from rasa.shared.core.events import BotUttered  # noqa: E402
from sanic import Blueprint, response  # noqa: E402
from sanic.request import Request  # noqa: E402

from clinical.triage import INTENT_CRISIS, INTENT_SEVERE  # noqa: E402
from web.handoff_relay import (  # noqa: E402
    ACKNOWLEDGED,
    ACKNOWLEDGED_TEXT,
    HANDBACK,
    HANDOFF_METADATA_KEY,
    RELAY_PATH,
    STAFF_MESSAGE,
    STAFF_NOTICE_EVENT,
    check_relay_token,
)
from web.patient_sessions import SessionTokenError, bearer, log_id  # noqa: E402

logger = logging.getLogger(__name__)

_MARK = "_ivig_handoff_installed"
# What the rules do for these intents (data/rules.yml; tests/rasa_addons check they agree).
SAFETY_WHILE_PAUSED: Dict[str, Tuple[str, ...]] = {
    INTENT_SEVERE: ("utter_emergency", "action_triage"),
    INTENT_CRISIS: ("utter_crisis", "action_triage"),
    # A language the chat (and maybe the nurse) cannot read: 911 advice in that language.
    "other_language": ("utter_other_language", "action_other_language"),
}
HANDBACK_ACTIONS = ("utter_handback",)
# How long a wait for changes lasts at most, and how many conversations are watched at once
# (the ones whose changes someone waited for most recently).
CHANGES_WAIT_SECONDS = 15.0
MAX_WATCHED = 1000
MAX_STAFF_TEXT = 2000
MAX_NAME = 64


async def run_actions(processor: Any, tracker: Any, output_channel: Any,
                      names: Sequence[str]) -> None:
    """Run `names` in order, then listen (as after any turn), logging them on `tracker`."""
    for name in (*names, ACTION_LISTEN_NAME):
        action = processor._get_action(name)
        prediction = PolicyPrediction.for_action_name(processor.domain, name)
        await processor._run_action(action, tracker, output_channel, processor.nlg, prediction)


def safety_actions(tracker: Any) -> Tuple[str, ...]:
    """The actions a paused conversation's latest message still needs (none, mostly)."""
    latest = tracker.latest_message
    intent = (latest.intent or {}).get("name") if latest is not None else None
    return SAFETY_WHILE_PAUSED.get(intent, ())


def install_safety_while_paused() -> None:
    """Wrap MessageProcessor._run_prediction_loop: a paused conversation's emergency still
    gets the emergency actions. Everything else is Rasa's own loop."""
    from rasa.core.processor import MessageProcessor

    original = MessageProcessor._run_prediction_loop
    if getattr(original, _MARK, False):
        return

    async def run_prediction_loop(self: MessageProcessor, output_channel: Any,
                                  tracker: Any) -> None:
        if tracker.is_paused():
            names = safety_actions(tracker)
            if names:
                logger.warning("emergency during a handoff in %s: advice given, escalation "
                               "recorded", log_id(tracker.sender_id))
                await run_actions(self, tracker, output_channel, names)
        await original(self, output_channel, tracker)

    setattr(run_prediction_loop, _MARK, True)
    MessageProcessor._run_prediction_loop = run_prediction_loop


class ChangeNotices:
    """A version number per watched conversation, raised each time it is saved; waiters
    for a conversation wake at the next save."""

    def __init__(self, max_watched: int = MAX_WATCHED) -> None:
        self.max_watched = max_watched
        self._versions: "OrderedDict[str, int]" = OrderedDict()
        self._waiting: Dict[str, asyncio.Event] = {}

    def saved(self, conversation_id: str) -> None:
        if conversation_id in self._versions:
            self._versions[conversation_id] += 1
            event = self._waiting.pop(conversation_id, None)
            if event is not None:
                event.set()

    def version(self, conversation_id: str) -> int:
        if conversation_id not in self._versions:
            self._versions[conversation_id] = 0
            while len(self._versions) > self.max_watched:
                forgotten, _ = self._versions.popitem(last=False)
                self._waiting.pop(forgotten, None)
        self._versions.move_to_end(conversation_id)
        return self._versions[conversation_id]

    async def wait(self, conversation_id: str, seen: Optional[int], timeout: float) -> int:
        """The conversation's version: at once if it is not `seen`, else after its next
        save or `timeout` seconds."""
        current = self.version(conversation_id)
        if seen != current:
            return current
        event = self._waiting.setdefault(conversation_id, asyncio.Event())
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        return self.version(conversation_id)


CHANGES = ChangeNotices()


def install_change_notices() -> None:
    """Wrap MessageProcessor.save_tracker: a saved conversation wakes its waiters."""
    from rasa.core.processor import MessageProcessor

    original = MessageProcessor.save_tracker
    if getattr(original, _MARK, False):
        return

    async def save_tracker(self: MessageProcessor, tracker: Any) -> None:
        await original(self, tracker)
        CHANGES.saved(tracker.sender_id)

    setattr(save_tracker, _MARK, True)
    MessageProcessor.save_tracker = save_tracker


def staff_signature(raw: Any) -> Dict[str, str]:
    """Who is writing, as the widget shows it: {"kind": "staff", "name", "role"}."""
    raw = raw if isinstance(raw, dict) else {}
    name = str(raw.get("name") or "").strip()[:MAX_NAME]
    role = str(raw.get("role") or "").strip()[:MAX_NAME] or "Nurse"
    return {"kind": "staff", "name": name, "role": role}


def add_relay_route(blueprint: Blueprint, channel: Any) -> None:
    """POST <channel prefix>/handoff/<conversation_id> for the web server (see module doc)."""

    @blueprint.route(RELAY_PATH, methods=["POST"], name="handoff_relay")
    async def relay(request: Request, conversation_id: str) -> response.HTTPResponse:
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - Sanic raises on a body that is not JSON
            body = None
        status, answer = await relay_to_patient(channel, request.app.ctx.agent, conversation_id,
                                                request.headers.get("Authorization"), body)
        return response.json(answer, status=status)

    @blueprint.route(RELAY_PATH + "/changes", methods=["GET"], name="handoff_changes")
    async def changes(request: Request, conversation_id: str) -> response.HTTPResponse:
        status, answer = await wait_for_changes(channel, conversation_id,
                                                request.headers.get("Authorization"),
                                                request.args.get("version"))
        return response.json(answer, status=status)


async def wait_for_changes(channel: Any, conversation_id: str, authorization: Optional[str],
                           seen: Optional[str]) -> Tuple[int, Dict[str, Any]]:
    """{"version"}: at once if the conversation changed since version `seen`, else at its
    next save or after CHANGES_WAIT_SECONDS."""
    try:
        check_relay_token(channel.patient_sessions.secret, bearer(authorization), conversation_id)
    except SessionTokenError as refused:
        return 401, {"error": refused.reason}
    try:
        seen_version = int(seen) if seen not in (None, "") else None
    except ValueError:
        return 400, {"error": "version must be a whole number"}
    version = await CHANGES.wait(conversation_id, seen_version, CHANGES_WAIT_SECONDS)
    return 200, {"version": version}


async def relay_to_patient(channel: Any, agent: Any, conversation_id: str,
                           authorization: Optional[str], body: Any) -> Tuple[int, Dict[str, Any]]:
    """What the relay does: (HTTP status, JSON answer)."""
    try:
        check_relay_token(channel.patient_sessions.secret, bearer(authorization), conversation_id)
    except SessionTokenError as refused:
        return 401, {"error": refused.reason}
    body = body if isinstance(body, dict) else {}
    kind = body.get("kind")
    sio, namespace = channel.sio, channel.namespace
    if kind == ACKNOWLEDGED:
        await sio.emit(STAFF_NOTICE_EVENT, {"kind": ACKNOWLEDGED, "text": ACKNOWLEDGED_TEXT},
                       room=conversation_id, namespace=namespace)
        return 200, {"ok": True}
    if kind not in (STAFF_MESSAGE, HANDBACK):
        return 400, {"error": "kind must be staff_message, handback or acknowledged"}
    text = body.get("text")
    if kind == STAFF_MESSAGE and (not isinstance(text, str) or not text.strip()
                                  or len(text) > MAX_STAFF_TEXT):
        return 400, {"error": f"text must be 1-{MAX_STAFF_TEXT} characters"}
    if agent is None or agent.processor is None:
        return 503, {"error": "no model loaded"}
    processor = agent.processor
    async with agent.lock_store.lock(conversation_id):
        tracker = await processor.get_tracker(conversation_id)
        if kind == STAFF_MESSAGE:
            signature = staff_signature(body.get("staff"))
            said = BotUttered(text.strip(), data={}, metadata={HANDOFF_METADATA_KEY: signature})
            tracker.update(said)
            # The time it was stored tells the widget it is the one the status lists too.
            await sio.emit(channel.bot_message_evt,
                           {"text": text.strip(), HANDOFF_METADATA_KEY: signature,
                            "timestamp": said.timestamp},
                           room=conversation_id, namespace=namespace)
        else:
            output = RoomOutput(sio, channel.bot_message_evt, namespace)
            await run_actions(processor, tracker, output, HANDBACK_ACTIONS)
        await processor.save_tracker(tracker)
    logger.info("handoff %s relayed to %s", kind, log_id(conversation_id))
    return 200, {"ok": True}


class RoomOutput(SocketIOOutput):
    """Rasa's socket.io output to a conversation's room, in the channel's namespace, each
    message marked as the assistant's return ({"handoff": {"kind": "handback"}})."""

    def __init__(self, sio: Any, event: str, namespace: Optional[str]) -> None:
        super().__init__(sio, event)
        self.namespace = namespace

    async def _send_message(self, socket_id: str, message: Any) -> None:
        if isinstance(message, dict):
            message = {**message, HANDOFF_METADATA_KEY: {"kind": HANDBACK}}
        await self.sio.emit(self.bot_message_evt, message, room=socket_id,
                            namespace=self.namespace)
