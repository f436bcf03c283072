"""Rasa's socket.io channel, with session persistence that works on python-socketio 5.10+.

Rasa 3.6 calls `sio.enter_room(...)` without `await`; since python-socketio 5.10 that is a
coroutine, so it never runs: the socket never joins the room of its session, and with
`session_persistence: true` every bot reply goes to an empty room and is lost
(RasaHQ/rasa#13027). This subclass re-registers the `session_request` handler with the
await. Everything else is Rasa's own channel; credentials.yml names this class.

Messages are checked as on the REST channel (web/rest_channel.py): a leading "/" is text,
never an intent, and an event over MAX_BODY_BYTES of JSON is refused with a
`message_refused` event to that socket; nothing of it is stored.
"""

from __future__ import annotations

import inspect
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint

from web.patient_limits import socket_message_allowed
from web.rest_channel import MAX_BODY_BYTES, TOO_LONG, clean_text, patient_text

logger = logging.getLogger(__name__)

MAX_SESSION_ID_LENGTH = 128
# Sent to the socket whose message was refused: {"error", "max_bytes", "text"}.
MESSAGE_REFUSED_EVENT = "message_refused"


def event_size(data: Any) -> int:
    """Bytes of JSON of an event's data, as a client sends it (UTF-8, not escaped)."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=repr)
    return len(encoded.encode("utf-8", "replace"))


def requested_session_id(data: Any) -> str:
    """The session id the client asks to resume, or a new one."""
    session_id = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(session_id, str) and 0 < len(session_id) <= MAX_SESSION_ID_LENGTH:
        return session_id
    return uuid.uuid4().hex


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel (same name, events and settings), fixed room join."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by the parent's blueprint()

        async def session_request(sid: str, data: Optional[Dict[str, Any]]) -> None:
            session_id = requested_session_id(data)
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # a coroutine on python-socketio >= 5.10
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: Any) -> None:
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
            if self.session_persistence:
                session_id = data.get("session_id")
                if not isinstance(session_id, str) or not 0 < len(session_id) <= MAX_SESSION_ID_LENGTH:
                    logger.warning("socket.io message without a valid session_id ignored")
                    return
                sender_id = session_id
            else:
                sender_id = sid
            if not await socket_message_allowed(sio, sid, sender_id, self.bot_message_evt,
                                                self.namespace):
                return  # over the rate limit: told to slow down (web/patient_limits.py)
            metadata = data.get(self.metadata_key)
            await on_new_message(UserMessage(
                patient_text(data["message"]), SocketIOOutput(sio, self.bot_message_evt),
                clean_text(sender_id), input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None))

        # Replace the parent's handlers for these events.
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
