"""What every response of the web server gets: Content-Security-Policy for its pages,
security headers, a request body limit checked before any handler, and an access log that
never writes a path (paths carry conversation ids)."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from web.config import CONFIG_KEY
from web.responses import Handler, json_error

STAFF_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
             "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def demo_page_csp(rasa_url: str) -> str:
    """The clinic page's policy: its own scripts, and connections to Rasa's socket.io."""
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa = f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {rasa}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


def body_too_large(limit: int) -> web.Response:
    return json_error(413, f"request body too large: this server accepts at most {limit} bytes")


@web.middleware
async def body_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """413 for a body over the limit, before authentication or any handler: by its
    Content-Length, or, for a chunked body, by reading it (at most limit + 1 bytes are kept)."""
    limit = request.app[CONFIG_KEY].max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        return body_too_large(limit)
    if request.body_exists and request.content_length is None:
        try:
            await request.read()  # cached: handlers read it again from memory
        except web.HTTPRequestEntityTooLarge:
            return body_too_large(limit)
    return await handler(request)


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if not request.path.startswith("/api/") or error.status < 400:
            raise
        response = json_error(error.status, error.reason)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith(("/api/", "/staff")):
        response.headers["Cache-Control"] = "no-store"
    return response


class QuietAccessLogger(AbstractAccessLogger):
    """Logs failed requests only, by route, never a path (paths carry conversation ids)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        if response.status >= 400:
            resource = getattr(request.match_info.route, "resource", None)
            route = resource.canonical if resource is not None else "?"
            self.logger.info("%s %s -> %s", request.method, route, response.status)
