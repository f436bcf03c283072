"""The clinic web server: demo clinic page with the chat widget, and the staff inbox.

    python -m web.server          (ops/run.py starts it next to the two Rasa processes)

Routes
  /                                   demo clinic page with the widget embedded
  /widget.js, /widget.css             the widget a clinic embeds (see web/README.md)
  /vendor/socket.io.min.js            socket.io-client, served from web/node_modules
  /api/widget/session (POST)          a patient session: a new conversation id and its signed,
                                      expiring token, or the same id with a fresh token for
                                      the widget's previous valid token (web/patient_sessions.py)
  /api/widget/status/<session_id>     the conversation's triage level, for the widget; needs
                                      that conversation's token (Authorization: Bearer)
  /staff                              care team inbox (login form without a session)
  /staff/login, /staff/logout         sign in with STAFF_TOKEN (a server-side session), sign out
  /api/escalations[...]               staff JSON API (session cookie, or STAFF_TOKEN as Bearer):
                                      every unresolved urgent/emergency escalation, the rest
                                      paged, totals; /api/escalations/<id> one in full
  /api/conversations/<id>/transcript  staff: a conversation's user and bot messages

Patients' browsers never see the Rasa API token: the widget asks this server for the
triage level, and this server reads slot `triage_level` from Rasa's tracker API.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import logging
import os
import re
import secrets
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional
from urllib.parse import quote, urlsplit

import aiohttp
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from store.database import Database, ensure_schema, get_database, keep_files_private
from store.escalations import (STATUSES, escalations_of, get_escalation, has_escalation,
                               inbox_page, set_status)
from store.models import Escalation, as_utc, utc_now
from clinical.lexicon import finding_label
from ops.settings import (
    client_timeouts,
    patient_session_seconds,
    patient_session_secret,
)
from web import sessions, slow_clients
from web.display import neutralise_bidi, shortened
from web.patient_sessions import (
    WRONG_CONVERSATION,
    PatientSessions,
    SessionTokenError,
    bearer,
    log_id,
)
from web.sessions import SHARED_STAFF_USER, SessionPolicy
from web.status_cache import Status, StatusCache
from web.throttle import LoginThrottle
from jobs.webhooks import WebhookPoller

logger = logging.getLogger("web.server")

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
SOCKET_IO_DIST = WEB_DIR / "node_modules" / "socket.io-client" / "dist"

COOKIE_NAME = "ivig_staff"
# Cookie-authenticated writes must carry this header: a cross-site form cannot set it.
CSRF_HEADER = "X-Requested-With"
CSRF_VALUE = "ivig-staff"
LEVELS = ("emergency", "urgent", "self_care", "info")
# Responses that tell the patient to call 911 now. The widget shows its banner when the
# slot says emergency, or when one of these was said in the latest turn (the rule says
# it before the action server runs, so it counts even if the action server is down).
EMERGENCY_RESPONSES = frozenset({"utter_emergency"})
SESSION_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
# The inbox list: patients' messages cut to this many characters (the full text is at
# /api/escalations/<id>), and the page size for escalations other than unresolved
# urgent and emergency ones (those are always listed, all of them).
LIST_MESSAGE_CHARS = 280
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

CONFIG_KEY = web.AppKey("config", object)
DATABASE_KEY = web.AppKey("database", object)
HTTP_KEY = web.AppKey("http", object)
WEBHOOK_TASK_KEY = web.AppKey("webhook_task", object)
CLOCK_KEY = web.AppKey("clock", object)  # () -> aware UTC datetime; tests pass their own
THROTTLE_KEY = web.AppKey("login_throttle", object)
CREDENTIAL_KEY = web.AppKey("credential_tag", object)
STATUS_CACHE_KEY = web.AppKey("status_cache", object)  # web/status_cache.py
PATIENT_SESSIONS_KEY = web.AppKey("patient_sessions", object)
# The widget runs on clinics' own pages: its API answers any origin (a token, never a
# cookie, says who may read what).
WIDGET_CORS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"}


@dataclass(frozen=True)
class WebConfig:
    staff_token: str
    rasa_url: str = "http://localhost:5005"  # where this server reaches Rasa's HTTP API
    widget_rasa_url: str = ""  # where patients' browsers reach Rasa's socket.io; default rasa_url
    rasa_auth_token: Optional[str] = None
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_include_message: bool = False
    public_url: str = "http://localhost:8080"
    refresh_seconds: int = 5
    # Request bodies above this are refused with 413 before any handler runs: the
    # largest real one (the sign-in form) is a few dozen bytes.
    max_body_bytes: int = 8192
    # Staff sessions end after this long unused, and this long after sign-in at most.
    session_idle_seconds: int = 8 * 3600
    session_max_seconds: int = 12 * 3600
    # Failed sign-ins (form or Bearer) allowed per client in the window, then 429.
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    # Behind a reverse proxy: believe its X-Forwarded-Proto (https -> Secure cookie) and
    # the last X-Forwarded-For address (the client it saw, for the throttle). Only when
    # the proxy is the only way in: otherwise anyone can send these headers.
    trust_proxy_headers: bool = False
    # Always mark the cookie Secure (TLS ends somewhere this server cannot see).
    force_secure_cookies: bool = False
    # Patients' session tokens: the secret shared with the Rasa server's channels (a
    # random one unless given: then only this server's own tokens are good), and how long
    # a token lasts.
    patient_session_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32),
                                        repr=False)
    patient_session_seconds: int = 24 * 3600

    @property
    def session_policy(self) -> SessionPolicy:
        return SessionPolicy(idle_seconds=self.session_idle_seconds,
                             max_seconds=self.session_max_seconds)

    @property
    def browser_rasa_url(self) -> str:
        return (self.widget_rasa_url or self.rasa_url).rstrip("/")

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> "WebConfig":
        token = environ.get("STAFF_TOKEN", "").strip()
        if not token:
            raise SystemExit("STAFF_TOKEN is not set: the staff inbox needs it (make run makes one)")
        port = environ.get("WEB_PORT", "8080")
        rasa_url = environ.get("RASA_URL") or f"http://localhost:{environ.get('RASA_PORT', '5005')}"
        return cls(
            staff_token=token,
            rasa_url=rasa_url.rstrip("/"),
            widget_rasa_url=environ.get("WIDGET_RASA_URL", ""),
            rasa_auth_token=environ.get("RASA_AUTH_TOKEN") or None,
            webhook_url=environ.get("ESCALATION_WEBHOOK_URL") or None,
            webhook_secret=environ.get("ESCALATION_WEBHOOK_SECRET") or None,
            webhook_include_message=environ.get("ESCALATION_WEBHOOK_INCLUDE_MESSAGE") == "1",
            public_url=(environ.get("WEB_PUBLIC_URL") or f"http://localhost:{port}").rstrip("/"),
            refresh_seconds=max(2, int(environ.get("STAFF_REFRESH_SECONDS", "5"))),
            max_body_bytes=int_setting(environ, "WEB_MAX_BODY_BYTES", 8192, minimum=1024),
            session_idle_seconds=int_setting(environ, "STAFF_SESSION_IDLE_SECONDS", 8 * 3600),
            session_max_seconds=int_setting(environ, "STAFF_SESSION_MAX_SECONDS", 12 * 3600),
            login_max_failures=int_setting(environ, "STAFF_LOGIN_MAX_FAILURES", 5),
            login_window_seconds=int_setting(environ, "STAFF_LOGIN_WINDOW_SECONDS", 15 * 60),
            trust_proxy_headers=flag_setting(environ, "TRUST_PROXY_HEADERS"),
            force_secure_cookies=flag_setting(environ, "FORCE_SECURE_COOKIES"),
            patient_session_secret=patient_session_secret(environ),
            patient_session_seconds=patient_session_seconds(environ),
        )


def flag_setting(environ: Mapping[str, str], name: str) -> bool:
    raw = environ.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SystemExit(f"{name} must be 1 or 0, not {raw!r}")


def int_setting(environ: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    """An integer setting from the environment; stops with a clear message if it is not one."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}")
    return value


# ---------------------------------------------------------------------------- auth

@dataclass(frozen=True)
class StaffIdentity:
    """Who a staff request comes from, and how it proved it."""

    staff_user: str
    how: str  # "cookie" (a session) or "bearer" (STAFF_TOKEN, for scripts)


class Throttled(Exception):
    """This client failed to sign in too often; it may try again in `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def bearer_token(request: web.Request) -> Optional[str]:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def client_address(request: web.Request) -> str:
    """The client, for the sign-in throttle: the peer address, or behind a trusted proxy
    the address it saw (the last X-Forwarded-For entry, the one the proxy added)."""
    config: WebConfig = request.app[CONFIG_KEY]
    if config.trust_proxy_headers:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.remote or "unknown"


def served_over_https(request: web.Request) -> bool:
    """Whether the browser reached us over HTTPS: TLS here, or a trusted proxy saying so."""
    config: WebConfig = request.app[CONFIG_KEY]
    if request.secure:
        return True
    if config.trust_proxy_headers:
        proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        return proto == "https"
    return False


def now_of(request: web.Request) -> datetime:
    return request.app[CLOCK_KEY]()


def check_shared_token(request: web.Request, token: str) -> bool:
    """Compare a presented staff token, counting failures per client; raises Throttled
    while the client is over its limit (before comparing, so guessing learns nothing)."""
    throttle: LoginThrottle = request.app[THROTTLE_KEY]
    client, now = client_address(request), now_of(request).timestamp()
    wait = throttle.retry_after(client, now)
    if wait:
        raise Throttled(wait)
    config: WebConfig = request.app[CONFIG_KEY]
    if token and hmac.compare_digest(token.encode(), config.staff_token.encode()):
        throttle.succeeded(client)
        return True
    throttle.failed(client, now)
    return False


async def staff_auth(request: web.Request) -> Optional[StaffIdentity]:
    """Who the request comes from (a Bearer token, or a live session cookie), else None.
    Raises Throttled for a Bearer token from a client over its sign-in limit."""
    config: WebConfig = request.app[CONFIG_KEY]
    token = bearer_token(request)
    if token is not None:
        return StaffIdentity(SHARED_STAFF_USER, "bearer") if check_shared_token(request, token) else None
    cookie = request.cookies.get(COOKIE_NAME)
    if not cookie:
        return None
    row = await asyncio.to_thread(sessions.find_session, request.app[DATABASE_KEY], cookie,
                                  request.app[CREDENTIAL_KEY], config.session_policy,
                                  now_of(request))
    return StaffIdentity(row.staff_user, "cookie") if row is not None else None


def throttled_message(retry_after: int) -> str:
    minutes = max(1, -(-retry_after // 60))
    return (f"Too many failed sign-in attempts from this address. "
            f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again.")


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def staff_only(handler: Handler) -> Handler:
    """401 without the staff token; cookie-authenticated writes also need the CSRF header."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            who = await staff_auth(request)
        except Throttled as throttled:
            return json_error(429, throttled_message(throttled.retry_after),
                              headers={"Retry-After": str(throttled.retry_after)})
        if who is None:
            return json_error(401, "staff login required",
                              headers={"WWW-Authenticate": 'Bearer realm="ivig-staff"'})
        if who.how == "cookie" and request.method not in ("GET", "HEAD", "OPTIONS") \
                and request.headers.get(CSRF_HEADER) != CSRF_VALUE:
            return json_error(403, f"missing {CSRF_HEADER} header")
        request["staff"] = who
        return await handler(request)

    return wrapped


def json_error(status: int, message: str, headers: Optional[Dict[str, str]] = None) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


# ---------------------------------------------------------------------------- pages

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


STAFF_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
             "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def demo_page_csp(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa = f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {rasa}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


async def demo_page(request: web.Request) -> web.Response:
    config: WebConfig = request.app[CONFIG_KEY]
    page = render("index.html", RASA_URL=config.browser_rasa_url)
    return html_response(page, csp=demo_page_csp(config.browser_rasa_url))


async def static_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    path = STATIC_DIR / name
    if name not in {"widget.js", "widget.css", "demo.css", "staff.js", "staff.css"} or not path.is_file():
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


async def staff_page(request: web.Request) -> web.Response:
    config: WebConfig = request.app[CONFIG_KEY]
    try:
        who = await staff_auth(request)
    except Throttled:
        who = None
    if who is None:
        return html_response(render("login.html", ERROR=""), csp=STAFF_CSP)
    return html_response(render("staff.html", REFRESH_SECONDS=str(config.refresh_seconds)),
                         csp=STAFF_CSP)


def set_session_cookie(request: web.Request, response: web.StreamResponse, value: str,
                       max_age: int) -> None:
    """HttpOnly and SameSite=Strict always; Secure when the browser came over HTTPS (or
    FORCE_SECURE_COOKIES), so the browser never sends it over plain HTTP."""
    config: WebConfig = request.app[CONFIG_KEY]
    response.set_cookie(COOKIE_NAME, value, max_age=max_age, path="/", httponly=True,
                        samesite="Strict",
                        secure=config.force_secure_cookies or served_over_https(request))


async def staff_login(request: web.Request) -> web.Response:
    """Sign in with the staff token: a new server-side session (any session this browser
    had is ended, so the cookie changes at every sign-in)."""
    config: WebConfig = request.app[CONFIG_KEY]
    form = await request.post()
    token = str(form.get("token", "")).strip()
    try:
        good = check_shared_token(request, token)
    except Throttled as throttled:
        return html_response(render("login.html", ERROR=throttled_message(throttled.retry_after)),
                             status=429, csp=STAFF_CSP,
                             headers={"Retry-After": str(throttled.retry_after)})
    if not good:
        await asyncio.sleep(0.5)  # slows down guessing
        return html_response(render("login.html", ERROR="That token is not right. Please try again."),
                             status=401, csp=STAFF_CSP)
    database, now = request.app[DATABASE_KEY], now_of(request)
    previous = request.cookies.get(COOKIE_NAME)
    if previous:
        await asyncio.to_thread(sessions.end_session, database, previous, now)
    session_id = await asyncio.to_thread(sessions.start_session, database, SHARED_STAFF_USER,
                                         request.app[CREDENTIAL_KEY], config.session_policy, now)
    logger.info("staff session started for %s", SHARED_STAFF_USER)
    response = web.HTTPSeeOther("/staff")
    set_session_cookie(request, response, session_id, config.session_max_seconds)
    raise response


async def staff_logout(request: web.Request) -> web.Response:
    """Sign out: the session is revoked server-side (the cookie no longer works even if
    kept), and the browser told to forget it."""
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie:
        await asyncio.to_thread(sessions.end_session, request.app[DATABASE_KEY], cookie,
                                now_of(request))
    response = web.HTTPSeeOther("/staff")
    set_session_cookie(request, response, "", 0)
    raise response


# ---------------------------------------------------------------------------- Rasa

class RasaUnavailable(RuntimeError):
    pass


async def fetch_tracker(app: web.Application, conversation_id: str,
                        include_events: str = "AFTER_RESTART") -> Dict[str, Any]:
    """Rasa's tracker for a conversation, with the API token added server-side."""
    config: WebConfig = app[CONFIG_KEY]
    http: aiohttp.ClientSession = app[HTTP_KEY]
    params = {"include_events": include_events}
    if config.rasa_auth_token:
        params["token"] = config.rasa_auth_token
    url = f"{config.rasa_url}/conversations/{quote(conversation_id, safe='')}/tracker"
    try:
        async with http.get(url, params=params) as response:
            if response.status != 200:
                raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
            return await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise RasaUnavailable(error.__class__.__name__) from error


def user_turns(tracker: Mapping[str, Any]) -> int:
    return sum(1 for event in tracker.get("events") or [] if event.get("event") == "user")


def latest_turn_level(tracker: Mapping[str, Any]) -> Optional[str]:
    """The triage level: slot `triage_level`, raised to emergency when the latest turn
    told the patient to call 911."""
    level = (tracker.get("slots") or {}).get("triage_level")
    level = level if level in LEVELS else None
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot" and \
                (event.get("metadata") or {}).get("utter_action") in EMERGENCY_RESPONSES:
            return "emergency"
    return level


def transcript_from_tracker(tracker: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """User and bot texts in order. A button press shows its title, as the patient saw it."""
    messages: List[Dict[str, Any]] = []
    last_buttons: List[Dict[str, Any]] = []
    for event in tracker.get("events") or []:
        kind = event.get("event")
        if kind == "action" and event.get("name") == "action_session_start":
            # Marks where a session begins (Rasa's session_started event comes after the greeting).
            messages.append({"sender": "system", "text": "New session", "timestamp": event.get("timestamp")})
        elif kind == "user":
            text = (event.get("text") or "").strip()
            entry: Dict[str, Any] = {"sender": "patient", "text": text,
                                     "timestamp": event.get("timestamp")}
            pressed = next((b for b in last_buttons if b.get("payload") == text), None)
            if pressed is not None:
                entry.update(text=str(pressed.get("title", text)), payload=text)
            messages.append(entry)
            last_buttons = []
        elif kind == "bot":
            data = event.get("data") or {}
            last_buttons = list(data.get("buttons") or data.get("quick_replies") or [])
            if event.get("text"):
                messages.append({"sender": "assistant", "text": event["text"].strip(),
                                 "timestamp": event.get("timestamp")})
    return messages


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
    return web.json_response({"level": status.level, "turns": status.turns,
                              "settled": status.turns >= min_turns}, headers=headers)


def tracker_status(tracker: Mapping[str, Any]) -> Status:
    return Status(level=latest_turn_level(tracker), turns=user_turns(tracker))


# ---------------------------------------------------------------------------- staff API

def escalation_json(row: Escalation, display: bool = True,
                    shorten: Optional[int] = None) -> Dict[str, Any]:
    """One escalation for the staff API. `display`: text as the inbox shows it, with
    bidirectional controls made visible (web/display.py); the export keeps it as stored.
    `shorten`: the patient's messages cut to that many characters, with
    `message_truncated` / `last_message_truncated` saying whether they were."""
    def iso(value: Any) -> Optional[str]:
        value = as_utc(value)
        return value.isoformat() if value else None

    shown = neutralise_bidi if display else (lambda text: text)
    red_flags = [flag for flag in (row.red_flags or "").split(",") if flag]
    last = row.last_message if row.last_message is not None else row.patient_message
    # Cut before the markers are added, so a marker is never cut in half.
    message, message_cut = shortened(row.patient_message, shorten)
    last, last_cut = shortened(last, shorten)
    item = {
        "id": row.id,
        "conversation_id": row.conversation_id,
        "level": row.level,
        "reason": shown(row.reason),
        "red_flags": [shown(flag) for flag in red_flags],
        "red_flag_labels": [shown(finding_label(flag)) for flag in red_flags],
        "patient_message": shown(message),
        "message_truncated": message_cut,
        "status": row.status,
        "created_at": iso(row.created_at),
        "acknowledged_at": iso(row.acknowledged_at),
        "resolved_at": iso(row.resolved_at),
        # One escalation per episode: how many reports it holds, the latest, and when.
        "repeat_count": row.repeat_count or 1,
        "last_message": shown(last),
        "last_message_truncated": last_cut,
        "updated_at": iso(row.updated_at or row.created_at),
        # Kept after the patient had the conversation deleted: no words, gone once acknowledged.
        "patient_deleted": bool(row.patient_deleted),
    }
    if display:
        # The id stays as stored (the inbox asks for the transcript by it); this is for showing.
        item["conversation_label"] = shown(row.conversation_id)
    return item


def messages_for_display(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Transcript messages with bidirectional controls made visible in what is shown."""
    return [{**message, **{key: neutralise_bidi(message[key])
                           for key in ("text", "payload") if isinstance(message.get(key), str)}}
            for message in messages]


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def cursor_of(row: Escalation) -> str:
    """Where a page ended, for `?before=`: the row's latest report time (microseconds
    since 1970, exact) and its id."""
    latest = as_utc(row.updated_at or row.created_at)
    return f"{(latest - EPOCH) // timedelta(microseconds=1)}_{row.id}"


def parse_cursor(value: str) -> Optional[tuple]:
    micros, _, row_id = value.partition("_")
    try:
        return EPOCH + timedelta(microseconds=int(micros)), int(row_id)
    except (ValueError, OverflowError):
        return None


def query_int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter within [low, high]; ValueError names it otherwise."""
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}")
    return value


@staff_only
async def api_escalations(request: web.Request) -> web.Response:
    """The inbox: every unresolved urgent and emergency escalation first (never cut off),
    then the others a page at a time, latest report first; totals by level and status.

    ?status=open|acknowledged|resolved  only those
    ?page_size=N (1-200, default 50)   size of a page of the others
    ?before=<paging.next_before>        the next page after the one that gave the cursor
    ?page=N                             or page N (from 1) by position
    """
    status = request.query.get("status") or None
    if status not in (None, *STATUSES):
        return json_error(400, "status must be open, acknowledged or resolved")
    try:
        page_size = query_int(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        page = query_int(request, "page", 1, 1, 1_000_000)
    except ValueError as error:
        return json_error(400, str(error))
    before = None
    if request.query.get("before"):
        before = parse_cursor(request.query["before"])
        if before is None or "page" in request.query:
            return json_error(400, "before must be a paging.next_before value, without page")
    found = await asyncio.to_thread(inbox_page, request.app[DATABASE_KEY], status,
                                    page_size, page, before)
    totals = found.totals
    return web.json_response({
        "escalations": [escalation_json(row, shorten=LIST_MESSAGE_CHARS)
                        for row in (*found.active, *found.rest)],
        # How many of `escalations` are the always-listed unresolved urgent and emergency
        # ones (only on the first page); the rest follow.
        "active_count": len(found.active),
        "totals": {
            "all": sum(sum(by_status.values()) for by_status in totals.values()),
            "by_level": {level: sum(by_status.values()) for level, by_status in totals.items()},
            "by_status": {name: sum(by_status.get(name, 0) for by_status in totals.values())
                          for name in STATUSES},
            "by_level_and_status": totals,
        },
        "paging": {
            "page_size": page_size,
            "page": None if before else page,
            "rest_total": found.rest_total,
            "has_more": found.has_more,
            "next_before": cursor_of(found.rest[-1]) if found.has_more else None,
        },
    })


@staff_only
async def api_escalation(request: web.Request) -> web.Response:
    """One escalation with the patient's messages in full (the list shortens them)."""
    try:
        escalation_id = int(request.match_info["escalation_id"])
    except ValueError:
        return json_error(404, "no such escalation")
    row = await asyncio.to_thread(get_escalation, request.app[DATABASE_KEY], escalation_id)
    if row is None:
        return json_error(404, "no such escalation")
    return web.json_response({"escalation": escalation_json(row)})


def change_status(status: str) -> Handler:
    @staff_only
    async def handler(request: web.Request) -> web.Response:
        try:
            escalation_id = int(request.match_info["escalation_id"])
        except ValueError:
            return json_error(404, "no such escalation")
        row = await asyncio.to_thread(set_status, request.app[DATABASE_KEY], escalation_id, status)
        if row is None:
            return json_error(404, "no such escalation")
        logger.info("escalation %s marked %s by %s", escalation_id, status,
                    request["staff"].staff_user)
        return web.json_response({"escalation": escalation_json(row)})

    return handler


@staff_only
async def api_transcript(request: web.Request) -> web.Response:
    """Only conversations the inbox lists: staff read what was escalated to them."""
    conversation_id = request.match_info["conversation_id"]
    if not await asyncio.to_thread(has_escalation, request.app[DATABASE_KEY], conversation_id):
        return json_error(404, "no escalation for this conversation")
    try:
        tracker = await fetch_tracker(request.app, conversation_id, include_events="ALL")
    except RasaUnavailable:
        return json_error(502, "the assistant's conversation store is unavailable")
    return web.json_response({"conversation_id": conversation_id,
                              "messages": messages_for_display(transcript_from_tracker(tracker))})


@staff_only
async def api_export(request: web.Request) -> web.Response:
    """One conversation as a JSON file: transcript, Rasa's events and its escalations
    (for a patient's request for their data, or a clinical record)."""
    conversation_id = request.match_info["conversation_id"]
    try:
        tracker = await fetch_tracker(request.app, conversation_id, include_events="ALL")
    except RasaUnavailable:
        return json_error(502, "the assistant's conversation store is unavailable")
    rows = await asyncio.to_thread(escalations_of, request.app[DATABASE_KEY], conversation_id)
    if not tracker.get("events") and not rows:
        return json_error(404, "no such conversation")
    logger.info("conversation %s exported", log_id(conversation_id))
    body = {"conversation_id": conversation_id,
            "exported_at": datetime.now(timezone.utc).isoformat(),
            "messages": transcript_from_tracker(tracker),
            "escalations": [escalation_json(row, display=False) for row in rows],
            "events": tracker.get("events") or []}
    filename = "conversation-" + "".join(c for c in conversation_id if c.isalnum())[:40] + ".json"
    return web.json_response(body, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def no_favicon(_: web.Request) -> web.Response:
    return web.Response(status=204)


# ---------------------------------------------------------------------------- app

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


async def _start_background(app: web.Application) -> None:
    app[HTTP_KEY] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
    config: WebConfig = app[CONFIG_KEY]
    await asyncio.to_thread(ensure_schema, app[DATABASE_KEY])
    await asyncio.to_thread(sessions.ensure_schema, app[DATABASE_KEY])
    if config.webhook_url:
        poller = WebhookPoller(app[DATABASE_KEY], config.webhook_url, secret=config.webhook_secret,
                               include_message=config.webhook_include_message,
                               inbox_url=f"{config.public_url}/staff", max_age=timedelta(hours=24))
        app[WEBHOOK_TASK_KEY] = asyncio.create_task(poller.run())


async def _stop_background(app: web.Application) -> None:
    task = app.get(WEBHOOK_TASK_KEY)
    if task is not None:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
    await app[HTTP_KEY].close()


def create_app(config: WebConfig, database: Optional[Database] = None,
               clock: Optional[Callable[[], datetime]] = None) -> web.Application:
    # client_max_size refuses a body of exactly that size, hence + 1.
    app = web.Application(middlewares=[security_headers, body_limit],
                          client_max_size=config.max_body_bytes + 1)
    app[CONFIG_KEY] = config
    app[DATABASE_KEY] = database or get_database()
    app[CLOCK_KEY] = clock or utc_now
    app[THROTTLE_KEY] = LoginThrottle(config.login_max_failures, config.login_window_seconds)
    app[CREDENTIAL_KEY] = sessions.credential_tag(config.staff_token)
    app[STATUS_CACHE_KEY] = StatusCache(lambda session_id: fetch_tracker(app, session_id),
                                        tracker_status)
    app[PATIENT_SESSIONS_KEY] = PatientSessions(
        config.patient_session_secret, config.patient_session_seconds,
        clock=lambda: app[CLOCK_KEY]().timestamp())
    app.on_startup.append(_start_background)
    app.on_cleanup.append(_stop_background)
    app.add_routes([
        web.get("/", demo_page),
        web.get("/healthz", health),
        web.get("/favicon.ico", no_favicon),
        web.get("/vendor/{name}", socket_io_client),
        web.post("/api/widget/session", widget_session),
        web.get("/api/widget/status/{session_id}", widget_status),
        web.route("OPTIONS", "/api/widget/{tail:.*}", widget_preflight),
        web.get("/staff", staff_page),
        web.post("/staff/login", staff_login),
        web.post("/staff/logout", staff_logout),
        web.get("/api/escalations", api_escalations),
        web.get("/api/escalations/{escalation_id}", api_escalation),
        web.post("/api/escalations/{escalation_id}/acknowledge", change_status("acknowledged")),
        web.post("/api/escalations/{escalation_id}/resolve", change_status("resolved")),
        web.get("/api/conversations/{conversation_id}/transcript", api_transcript),
        web.get("/api/conversations/{conversation_id}/export", api_export),
        web.get("/{name}", static_file),
    ])
    return app


def main(argv: Optional[List[str]] = None) -> int:
    keep_files_private()  # umask 0o077, var/ 0700 and its files 0600
    logging.basicConfig(level=logging.INFO, format="%(asctime)s web %(levelname)s %(message)s")
    config = WebConfig.from_env(os.environ)
    host = os.environ.get("WEB_HOST", "localhost")
    port = int(os.environ.get("WEB_PORT", "8080"))
    if not (SOCKET_IO_DIST / "socket.io.min.js").is_file():
        logger.warning("web/node_modules is missing: run `make web` (npm ci) for the widget")
    logger.info("serving on http://%s:%s (Rasa API at %s, widget connects to %s)",
                host, port, config.rasa_url, config.browser_rasa_url)
    # Slow clients: CLIENT_REQUEST_TIMEOUT and CLIENT_KEEP_ALIVE_TIMEOUT, 5 s by default.
    request_timeout, keep_alive = client_timeouts()
    slow_clients.install(request_timeout)
    web.run_app(create_app(config), host=host, port=port, print=None,
                access_log_class=QuietAccessLogger, keepalive_timeout=keep_alive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
