"""What every route module answers with: JSON errors, and HTML pages from web/static with
their {{NAME}} placeholders filled in, HTML-escaped."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Awaitable, Callable, Dict, Optional

from aiohttp import web

STATIC_DIR = Path(__file__).resolve().parent / "static"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error(status: int, message: str, headers: Optional[Dict[str, str]] = None) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


def read_static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def render(name: str, **values: str) -> str:
    """A page from web/static with {{NAME}} placeholders, every value HTML-escaped."""
    page = read_static(name)
    for key, value in values.items():
        page = page.replace("{{" + key + "}}", html.escape(value, quote=True))
    return page


def html_response(body: str, status: int = 200, csp: Optional[str] = None,
                  headers: Optional[Dict[str, str]] = None) -> web.Response:
    response = web.Response(text=body, status=status, content_type="text/html", charset="utf-8",
                            headers=headers)
    if csp:
        response.headers["Content-Security-Policy"] = csp
    return response
