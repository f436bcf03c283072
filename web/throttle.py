"""Failed sign-ins throttled per client: after `max_failures` failures within
`window_seconds`, that client's attempts are refused (429) until the oldest leaves the window.

A small in-process sliding window, on purpose. The library for this, `limits` (behind
Flask-Limiter and SlowAPI), counts every hit rather than failures only, keeps its
in-memory windows per process just the same, and would be one more dependency for these
few lines; sharing counts between web replicas would take Redis or the database, and the
deployment runs one web replica (docs/deployment.md). Memory is bounded: at most
`max_clients` clients are remembered, the least recently failing forgotten first, and each
keeps only its last `max_failures` failure times.
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from typing import Deque


class LoginThrottle:
    def __init__(self, max_failures: int = 5, window_seconds: float = 900,
                 max_clients: int = 10_000) -> None:
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self.max_clients = max_clients
        self._failures: "OrderedDict[str, Deque[float]]" = OrderedDict()

    def _recent(self, client: str, now: float) -> Deque[float]:
        times = self._failures.get(client)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        if not times:
            del self._failures[client]
        return times

    def retry_after(self, client: str, now: float) -> int:
        """Seconds until `client` may try again; 0 if it may now."""
        times = self._recent(client, now)
        if len(times) < self.max_failures:
            return 0
        return max(1, math.ceil(times[0] + self.window_seconds - now))

    def failed(self, client: str, now: float) -> None:
        times = self._recent(client, now)
        if client not in self._failures:
            times = self._failures[client] = deque(maxlen=self.max_failures)
        times.append(now)
        self._failures.move_to_end(client)
        while len(self._failures) > self.max_clients:
            self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)
