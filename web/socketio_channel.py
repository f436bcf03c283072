"""Rasa's socket.io channel, with session persistence that works on python-socketio 5.10+.

Rasa 3.6 calls `sio.enter_room(...)` without `await`; since python-socketio 5.10 that is a
coroutine, so it never runs: the socket never joins the room of its session, and with
`session_persistence: true` every bot reply goes to an empty room and is lost
(RasaHQ/rasa#13027). This subclass re-registers the `session_request` handler with the
await. Everything else is Rasa's own channel; credentials.yml names this class.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)

MAX_SESSION_ID_LENGTH = 128


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

        # Replaces the parent's handler for the event.
        sio.on("session_request", session_request, namespace=self.namespace)
        return blueprint
