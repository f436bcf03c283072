"""Slow clients time out on the web server (aiohttp), as on the Rasa server (Sanic).

aiohttp closes a kept-alive connection after `keepalive_timeout` without a request, but
waits forever for a new connection's first request: a client that connects and sends
its headers slowly, or nothing, holds a connection as long as it likes. Here a connection
whose first request has not fully arrived CLIENT_REQUEST_TIMEOUT seconds after it
opened is closed. `install()` is called by web/app.py's main() only.
"""

from __future__ import annotations

import asyncio
from typing import Any, Optional

from aiohttp import web_server
from aiohttp.web_protocol import RequestHandler

_MARK = "_ivig_request_deadline"


class RequestDeadlineHandler(RequestHandler):
    """aiohttp's RequestHandler, closing a connection whose first request is late."""

    request_timeout: float = 5.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._deadline: Optional[asyncio.TimerHandle] = asyncio.get_running_loop().call_later(
            self.request_timeout, self._first_request_late)

    def _first_request_late(self) -> None:
        if self._request_count == 0:
            self.force_close()  # closes the transport

    def connection_lost(self, exc: Optional[BaseException]) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
        super().connection_lost(exc)


def install(request_timeout: float) -> None:
    """Every connection the web server accepts from now on gets the deadline."""
    RequestDeadlineHandler.request_timeout = request_timeout
    if getattr(web_server.Server.__call__, _MARK, False):
        return

    def make_handler(self: Any) -> RequestHandler:
        return RequestDeadlineHandler(self, loop=self._loop, **self._kwargs)

    setattr(make_handler, _MARK, True)
    web_server.Server.__call__ = make_handler
