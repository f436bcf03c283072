"""What patients' browsers ask of the web server: the demo clinic page with the widget,
the widget's files and socket.io-client, a patient session (a conversation id and its
token, web/patient_sessions.py) and the conversation's status for the widget: its triage
level, whether a nurse has seen the escalation or has the chat, and nurses' messages."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

from aiohttp import web

from store.database import Database
from store.escalations import escalations_of
from web.config import CONFIG_KEY, DATABASE_KEY, WebConfig
from web.patient_sessions import WRONG_CONVERSATION, PatientSessions, SessionTokenError, bearer
from web.rasa_client import RasaUnavailable
from web.responses import STATIC_DIR, html_response, render
from web.security import demo_page_csp

SOCKET_IO_DIST = Path(__file__).resolve().parent / "node_modules" / "socket.io-client" / "dist"
SESSION_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
# The widget runs on clinics' own pages: its API answers any origin (a token, never a
# cookie, says who may read what).
WIDGET_CORS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"}

STATUS_CACHE_KEY = web.AppKey("status_cache", object)  # web/status_cache.py
PATIENT_SESSIONS_KEY = web.AppKey("patient_sessions", object)


async def demo_page(request: web.Request) -> web.Response:
    config: WebConfig = request.app[CONFIG_KEY]
    page = render("index.html", RASA_URL=config.browser_rasa_url)
    return html_response(page, csp=demo_page_csp(config.browser_rasa_url))


async def static_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    path = STATIC_DIR / name
    if name not in {"widget.js", "widget.css", "demo.css", "staff.js", "staff.css",
                    "handoff.js", "handoff.css"} or not path.is_file():
        raise web.HTTPNotFound()
    response = web.FileResponse(path)
    if name.startswith("widget"):
        # Embedded on clinics' own sites, so any origin may load it.
        response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-cache"
    return response


async def socket_io_client(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name not in {"socket.io.min.js", "socket.io.min.js.map"}:
        raise web.HTTPNotFound()
    path = SOCKET_IO_DIST / name
    if not path.is_file():
        return web.Response(status=503, text="socket.io-client is not installed: run `make web`\n")
    response = web.FileResponse(path)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


async def widget_preflight(_: web.Request) -> web.Response:
    """CORS preflight for the widget's API (it sends a JSON body and an Authorization header)."""
    return web.Response(status=204, headers={
        **WIDGET_CORS, "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Max-Age": "600"})


async def widget_session(request: web.Request) -> web.Response:
    """A patient session for the widget: {"session_id", "token", "expires_in", "resumed"}.
    With {"token": <its previous token>} (still valid) the same conversation with a fresh
    token; otherwise a new random conversation id. The only way to get a token: a
    conversation id alone never gets one."""
    headers = WIDGET_CORS
    try:
        raw = await request.text()
        body = json.loads(raw) if raw.strip() else {}
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return web.json_response({"error": "the body must be a JSON object"}, status=400,
                                 headers=headers)
    sessions_: PatientSessions = request.app[PATIENT_SESSIONS_KEY]
    resumed = False
    if body.get("token"):
        try:
            session_id, resumed = sessions_.conversation_of(body["token"]), True
            token = sessions_.mint(session_id)
        except SessionTokenError:
            resumed = False
    if not resumed:
        session_id, token = sessions_.new()
    return web.json_response({"session_id": session_id, "token": token,
                              "expires_in": sessions_.max_age, "resumed": resumed},
                             headers=headers)


async def widget_status(request: web.Request) -> web.Response:
    """The widget's view of the triage level. `min_turns` is how many messages the widget
    has sent; `settled` says whether Rasa has stored that many (else the widget asks again).
    Needs the conversation's session token: 401 without a valid one, 403 for another
    conversation's."""
    headers = WIDGET_CORS
    session_id = request.match_info["session_id"]
    if not SESSION_ID_PATTERN.match(session_id):
        return web.json_response({"error": "bad session id"}, status=400, headers=headers)
    try:
        request.app[PATIENT_SESSIONS_KEY].check(bearer(request.headers.get("Authorization")),
                                                session_id)
    except SessionTokenError as refused:
        if refused.reason == WRONG_CONVERSATION:
            return web.json_response({"error": "this token is for another conversation"},
                                     status=403, headers=headers)
        return web.json_response({"error": f"a valid session token is required ({refused.reason})"},
                                 status=401, headers={**headers, "WWW-Authenticate": "Bearer"})
    try:
        min_turns = max(0, min(int(request.query.get("min_turns", "0")), 100_000))
    except ValueError:
        return web.json_response({"error": "bad min_turns"}, status=400, headers=headers)
    try:
        # At once, from the cache (web/status_cache.py): never a wait polling Rasa.
        status = await request.app[STATUS_CACHE_KEY].status(session_id)
    except RasaUnavailable:
        return web.json_response({"error": "assistant unavailable"}, status=502, headers=headers)
    acknowledged = await asyncio.to_thread(latest_escalation_acknowledged,
                                           request.app[DATABASE_KEY], session_id)
    answer = {"level": status.level, "turns": status.turns, "settled": status.turns >= min_turns}
    # Only when they apply: a nurse has seen the latest escalation; a nurse has the chat
    # (web/routes_handoff.py); what nurses wrote in it.
    if acknowledged:
        answer["acknowledged"] = True
    if status.handoff:
        answer["handoff"] = True
    if status.staff_messages:
        answer["staff_messages"] = list(status.staff_messages)
    return web.json_response(answer, headers=headers)


def latest_escalation_acknowledged(database: Database, conversation_id: str) -> bool:
    rows = escalations_of(database, conversation_id)
    latest = max(rows, key=lambda row: row.id, default=None)
    return latest is not None and latest.acknowledged_at is not None
