"""How fast a patient channel takes messages: per sender and per client address.

The REST channel (rest.py) and the socket.io channel (socketio.py) beside it ask
`patient_limits()` before a message reaches Rasa. Over the limit, REST answers 429 with a
JSON message a person can read, and socket.io sends the socket a `bot_uttered` event with the same words (and `error:
"rate_limited"`); the message is neither read nor stored.

Settings (environment of the Rasa server; 0 switches a limit off):
  PATIENT_MESSAGES_PER_MINUTE             per sender (conversation id), default 20
  PATIENT_MESSAGES_PER_MINUTE_PER_ADDRESS per client address, default 60 (a clinic's
                                          waiting room can share one public address)

The counts live in each Rasa worker's memory (as the staff sign-in throttle's), so with
several workers or servers a client can get up to that many times the limit; a proxy in
front should limit too (web/README.md "Security model"). The test and benchmark servers
(tools/servers.py Servers.on_own_stores) switch both off unless a test sets them.

Only the two channels import this module (they check the Rasa version at import); it
reads Sanic's request and the socket's environ as Rasa 3.6's channels leave them.
"""

from __future__ import annotations

import math
import os
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Deque, Mapping, Optional

from settings import per_minute_limit

PER_SENDER_VARIABLE = "PATIENT_MESSAGES_PER_MINUTE"
PER_ADDRESS_VARIABLE = "PATIENT_MESSAGES_PER_MINUTE_PER_ADDRESS"
DEFAULT_PER_SENDER = 20
DEFAULT_PER_ADDRESS = 60
WINDOW_SECONDS = 60.0
RATE_LIMITED = "rate_limited"
SLOW_DOWN = ("You are sending messages faster than I can read them. Please wait {wait} "
             "and send your message again. If this is an emergency, call 911 now.")


def slow_down_text(retry_after: int) -> str:
    wait = "a minute" if retry_after > 30 else f"{retry_after} second{'s' if retry_after != 1 else ''}"
    return SLOW_DOWN.format(wait=wait)


class SlidingWindow:
    """At most `limit` events per key in the last `window` seconds; bounded memory (the
    `max_keys` most recently seen keys are remembered)."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, max_keys: int = 50_000) -> None:
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._times: "OrderedDict[str, Deque[float]]" = OrderedDict()

    def retry_after(self, key: str, now: float) -> int:
        """0 if one more event is allowed now, else seconds until it is."""
        if self.limit <= 0:
            return 0
        times = self._times.get(key)
        if times is None:
            return 0
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            return 0
        return max(1, math.ceil(times[0] + self.window - now))

    def add(self, key: str, now: float) -> None:
        if self.limit <= 0:
            return
        times = self._times.get(key)
        if times is None:
            times = self._times[key] = deque(maxlen=self.limit)
        times.append(now)
        self._times.move_to_end(key)
        while len(self._times) > self.max_keys:
            self._times.popitem(last=False)


@dataclass
class PatientLimits:
    per_sender: SlidingWindow
    per_address: SlidingWindow

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "PatientLimits":
        return cls(SlidingWindow(per_minute_limit(environ, PER_SENDER_VARIABLE, DEFAULT_PER_SENDER)),
                   SlidingWindow(per_minute_limit(environ, PER_ADDRESS_VARIABLE,
                                                  DEFAULT_PER_ADDRESS)))

    def check(self, sender: str, address: Optional[str], now: Optional[float] = None) -> int:
        """0 and the message counted, or the seconds to wait (nothing counted)."""
        now = time.monotonic() if now is None else now
        address = address or "unknown"
        wait = max(self.per_sender.retry_after(sender, now),
                   self.per_address.retry_after(address, now))
        if not wait:
            self.per_sender.add(sender, now)
            self.per_address.add(address, now)
        return wait


_limits: Optional[PatientLimits] = None


def patient_limits() -> PatientLimits:
    """The process's limits, read from the environment on first use."""
    global _limits
    if _limits is None:
        _limits = PatientLimits.from_env()
    return _limits


# ------------------------------------------------------------------ the two channels

def check_rest_message(request, sender: str) -> None:
    """Raise a 429 when this sender or address is over its limit (Sanic renders it as JSON
    with the words in `message`; its JSON error pages carry no extra headers, so there is
    no Retry-After)."""
    from sanic.exceptions import SanicException

    address = getattr(request, "remote_addr", "") or getattr(request, "ip", "")
    wait = patient_limits().check(sender, address)
    if wait:
        raise SanicException(slow_down_text(wait), status_code=429)


def socket_address(sio, sid: str, namespace: Optional[str]) -> str:
    try:
        request = sio.get_environ(sid, namespace=namespace).get("sanic.request")
        return (request.remote_addr or request.ip) if request is not None else ""
    except Exception:  # noqa: BLE001 - a socket without its request is counted as "unknown"
        return ""


async def socket_message_allowed(sio, sid: str, sender: str, bot_event: str,
                                 namespace: Optional[str]) -> bool:
    """True if the message may go on; else the socket is told to slow down."""
    wait = patient_limits().check(sender, socket_address(sio, sid, namespace))
    if not wait:
        return True
    await sio.emit(bot_event, {"text": slow_down_text(wait), "error": RATE_LIMITED,
                               "retry_after": wait}, room=sid, namespace=namespace)
    return False
