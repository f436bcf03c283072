"""Rasa's socket.io channel, with session persistence that works on python-socketio 5.10+.

Rasa 3.6 calls `sio.enter_room(...)` without `await`; since python-socketio 5.10 that is a
coroutine, so it never runs: the socket never joins the room of its session, and with
`session_persistence: true` every bot reply goes to an empty room and is lost
(RasaHQ/rasa#13027). This subclass re-registers the `session_request` handler with the
await. Everything else is Rasa's own channel; credentials.yml names this class.

Messages are checked as on the REST channel (rest.py beside this module): a leading "/"
is text, never an intent, and an event over MAX_BODY_BYTES of JSON is refused with a
`message_refused` event to that socket; nothing of it is stored.

A patient's session token (web/patient_sessions.py) is the credential of a conversation:
- `session_request` must carry `token`, minted by the web server for one conversation id
  (and `session_id`, if given, must be that id). A missing, forged, expired or foreign
  token gets a `session_refused` event ({"error", "text"}): no room is joined, nothing
  confirmed. A good one binds the socket to that conversation (and to no other).
- Every `user_uttered` must carry a valid token for the conversation its socket is bound
  to (and any `session_id` must be that one); otherwise a `message_refused` event with
  `error: "session_invalid"` and nothing is stored. The message goes to the bound
  conversation, never to an id the client names.
Logs name conversations by a short hash (web/patient_sessions.log_id), never by id.

Several Sanic workers (SANIC_WORKERS, 2 under `make run`): each worker has its own
socket.io server, and the kernel gives each new connection to one of them. A WebSocket is
one connection, so a socket stays with one worker, which handles its messages and emits
its replies (the widget tries WebSocket first). HTTP long-polling is a series of requests
that land on either worker, and the other one answers "Invalid session": with more than
one worker, polling is refused (400 "Invalid transport") rather than half working. A
client that cannot open a WebSocket needs SANIC_WORKERS=1, or a shared socket.io message
queue (not set up here). An emit from outside a socket's own messages (e.g. a staff
reply pushed through the HTTP API) reaches it only from the worker holding it.

credentials.yml names this class (rasa_addons.channels.socketio.SocketIOInput). Written
against Rasa 3.6's SocketIOInput (it replaces the handlers its blueprint registers);
another Rasa version refuses to import this module until it is checked again.
"""

from __future__ import annotations

import inspect
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional

import rasa
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint

from rasa_addons.channels.patient_limits import socket_message_allowed
from rasa_addons.handoff import add_relay_route
from rasa_addons.channels.rest import MAX_BODY_BYTES, TOO_LONG, clean_text, patient_text
from settings import sanic_workers
from web.patient_sessions import PatientSessions, SessionTokenError, log_id

SUPPORTED_RASA = "3.6."
if not rasa.__version__.startswith(SUPPORTED_RASA):
    raise ImportError(
        f"rasa_addons/channels/socketio.py replaces the handlers Rasa {SUPPORTED_RASA}x's "
        f"SocketIOInput.blueprint registers (session_request, user_uttered, disconnect); "
        f"Rasa {rasa.__version__} is installed: check them and the room join "
        f"(RasaHQ/rasa#13027) against it")

logger = logging.getLogger(__name__)

MAX_SESSION_ID_LENGTH = 128
# Sent to the socket whose message was refused: {"error", "max_bytes", "text"}.
MESSAGE_REFUSED_EVENT = "message_refused"
# Sent to a socket whose session_request was refused: {"error", "text"}.
SESSION_REFUSED_EVENT = "session_refused"
SESSION_INVALID = "session_invalid"
# With several Sanic workers: one connection per socket, so one worker per socket.
WORKER_SAFE_TRANSPORTS = ("websocket",)
NO_SESSION_TEXT = ("This chat session is not valid (it may have expired). Please reload the "
                   "page to start again. If you are very unwell, call 911 now.")


def event_size(data: Any) -> int:
    """Bytes of JSON of an event's data, as a client sends it (UTF-8, not escaped)."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=repr)
    return len(encoded.encode("utf-8", "replace"))


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel (same name, events and settings), fixed room join,
    every socket bound to the one conversation its token opens."""

    _patient_sessions: Optional[PatientSessions] = None

    @property
    def patient_sessions(self) -> PatientSessions:
        if self._patient_sessions is None:
            self._patient_sessions = PatientSessions.from_env()
        return self._patient_sessions

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        self.patient_sessions  # read the secret now: a bad one stops the server at start
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by the parent's blueprint()
        if sanic_workers(default=1) > 1:  # as Rasa reads SANIC_WORKERS (rasa.core.utils)
            sio.eio.transports = list(WORKER_SAFE_TRANSPORTS)  # see the module docstring

        # The conversation each connected socket is bound to (this process's sockets).
        bound_to: Dict[str, str] = {}

        async def bound_conversation(sid: str) -> Optional[str]:
            return bound_to.get(sid)

        async def disconnect(sid: str, *_: Any) -> None:  # python-socketio may add a reason
            bound_to.pop(sid, None)

        async def session_request(sid: str, data: Optional[Dict[str, Any]] = None) -> None:
            token = data.get("token") if isinstance(data, dict) else None
            asked = data.get("session_id") if isinstance(data, dict) else None
            try:
                session_id = self.patient_sessions.conversation_of(token)
                if asked not in (None, "", session_id):
                    raise SessionTokenError("wrong_conversation")
            except SessionTokenError as refused:
                logger.warning("socket.io session_request refused (%s)", refused.reason)
                await sio.emit(SESSION_REFUSED_EVENT, {"error": refused.reason,
                                                       "text": NO_SESSION_TEXT},
                               room=sid, namespace=self.namespace)
                return
            previous = await bound_conversation(sid)
            if previous is not None and previous != session_id and self.session_persistence:
                left = sio.leave_room(sid, previous, namespace=self.namespace)
                if inspect.isawaitable(left):
                    await left
            bound_to[sid] = session_id
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # a coroutine on python-socketio >= 5.10
                    await joined
            logger.debug("socket.io session confirmed for %s", log_id(session_id))
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: Any = None) -> None:
            # Checked input (tests/fuzz): anything but an object with a string message is
            # dropped with a warning, and unpaired surrogates are replaced before the text
            # reaches the tracker store (they made the server exit).
            if event_size(data) > MAX_BODY_BYTES:
                logger.warning("socket.io message over %d bytes refused", MAX_BODY_BYTES)
                await sio.emit(MESSAGE_REFUSED_EVENT, {
                    "error": "message_too_large", "max_bytes": MAX_BODY_BYTES,
                    "text": TOO_LONG.format(limit=MAX_BODY_BYTES)},
                    room=sid, namespace=self.namespace)
                return
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                logger.warning("socket.io message without a text 'message' ignored")
                return
            bound = await bound_conversation(sid)
            try:
                if bound is None:
                    raise SessionTokenError("no_session")
                self.patient_sessions.check(data.get("token"), bound)
                if data.get("session_id") not in (None, bound):
                    raise SessionTokenError("wrong_conversation")
            except SessionTokenError as refused:
                logger.warning("socket.io message refused (%s)", refused.reason)
                await sio.emit(MESSAGE_REFUSED_EVENT, {
                    "error": SESSION_INVALID, "reason": refused.reason, "text": NO_SESSION_TEXT},
                    room=sid, namespace=self.namespace)
                return
            sender_id = bound if self.session_persistence else sid
            if not await socket_message_allowed(sio, sid, sender_id, self.bot_message_evt,
                                                self.namespace):
                return  # over the rate limit: told to slow down (patient_limits.py)
            metadata = data.get(self.metadata_key)
            await on_new_message(UserMessage(
                patient_text(data["message"]), SocketIOOutput(sio, self.bot_message_evt),
                clean_text(sender_id), input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None))

        # Replace the parent's handlers for these events.
        sio.on("disconnect", disconnect, namespace=self.namespace)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        # The live handoff: the web server's relay to the patient's room (rasa_addons/handoff.py).
        add_relay_route(blueprint, self)
        return blueprint
