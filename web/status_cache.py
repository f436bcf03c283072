"""The widget status API's view of Rasa, cached: it answers at once and Rasa is asked at
most once a second per conversation, with at most a few questions at a time.

The finding: `/api/widget/status/<id>?min_turns=N` (no authentication: any page can ask)
waited up to 5 s for Rasa to store the turn, asking Rasa for the whole tracker every
0.4 s. Twenty such calls raised another patient's reply time from 0.04 s to 7.9 s.

Now a call reads the cache: an answer younger than STATUS_CACHE_SECONDS is returned as
it is; an older one (or none) is fetched once, and calls for the same conversation at the
same moment share that one fetch. At most MAX_CONCURRENT_FETCHES fetches run at once,
whatever the number of conversations asked about. The answer says `settled: false` when
Rasa has not stored the widget's latest message yet; the widget then asks again 1.5 s
later (web/static/widget.js, three times at most).
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Tuple

STATUS_CACHE_SECONDS = 1.0
MAX_CONCURRENT_FETCHES = 4
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Status:
    level: Optional[str]
    turns: int
    # A nurse has the conversation (Rasa's pause, web/routes_handoff.py), and the messages
    # nurses wrote in it, for a widget that was closed when they arrived.
    handoff: bool = False
    staff_messages: Tuple[Dict[str, Any], ...] = ()


Fetch = Callable[[str], Awaitable[Mapping[str, Any]]]
Summarise = Callable[[Mapping[str, Any]], Status]


class StatusCache:
    def __init__(self, fetch: Fetch, summarise: Summarise,
                 max_age: float = STATUS_CACHE_SECONDS,
                 max_concurrent: int = MAX_CONCURRENT_FETCHES,
                 max_entries: int = MAX_ENTRIES) -> None:
        self._fetch, self._summarise = fetch, summarise
        self.max_age, self.max_entries = max_age, max_entries
        self._entries: "OrderedDict[str, tuple]" = OrderedDict()  # id -> (time, Status)
        self._in_flight: Dict[str, asyncio.Future] = {}
        self._slots = asyncio.Semaphore(max_concurrent)

    async def status(self, session_id: str) -> Status:
        """The conversation's status, at most `max_age` old. Raises what `fetch` raises."""
        cached = self._entries.get(session_id)
        if cached is not None and time.monotonic() - cached[0] < self.max_age:
            return cached[1]
        pending = self._in_flight.get(session_id)
        if pending is None:
            pending = asyncio.ensure_future(self._refresh(session_id))
            self._in_flight[session_id] = pending
            pending.add_done_callback(lambda _: self._in_flight.pop(session_id, None))
        return await asyncio.shield(pending)

    async def _refresh(self, session_id: str) -> Status:
        async with self._slots:
            status = self._summarise(await self._fetch(session_id))
        self._entries[session_id] = (time.monotonic(), status)
        self._entries.move_to_end(session_id)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return status
