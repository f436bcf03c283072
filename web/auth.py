"""Who a staff request comes from: a server-side staff session (a cookie, web/sessions.py)
made by signing in with a staff account's name and password (store/staff.py), or the
shared STAFF_TOKEN (as a Bearer token, for scripts; attributed to "staff-token"); the
sign-in throttle; the sign-in and sign-out handlers (the form, and `POST /api/session`
with JSON); `staff_only`, which every staff API handler wears, and `admin_only`."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Optional, TypeVar

from aiohttp import web

from store import staff as staff_accounts
from web import sessions
from web.config import CLOCK_KEY, CONFIG_KEY, DATABASE_KEY, WebConfig
from web.responses import Handler, html_response, json_error, render
from web.security import STAFF_CSP
from web.sessions import SHARED_STAFF_USER
from web.throttle import LoginThrottle

logger = logging.getLogger("web.auth")

COOKIE_NAME = "ivig_staff"
# Cookie-authenticated writes must carry this header: a cross-site form cannot set it.
CSRF_HEADER = "X-Requested-With"
CSRF_VALUE = "ivig-staff"

THROTTLE_KEY = web.AppKey("login_throttle", object)
CREDENTIAL_KEY = web.AppKey("credential_tag", object)


@dataclass(frozen=True)
class StaffIdentity:
    """Who a staff request comes from, and how it proved it."""

    staff_user: str
    how: str  # "cookie" (a session) or "bearer" (STAFF_TOKEN, for scripts)
    role: str = "admin"  # the shared token is the operator's: it may manage accounts
    display_name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


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


T = TypeVar("T")


async def throttled_check(request: web.Request, check: Callable[[], T]) -> T:
    """Run a credential check (in a thread: argon2 takes a while), counting failures
    (a falsy result) per client; raises Throttled while the client is over its limit
    (before checking, so guessing learns nothing)."""
    throttle: LoginThrottle = request.app[THROTTLE_KEY]
    client, now = client_address(request), now_of(request).timestamp()
    wait = throttle.retry_after(client, now)
    if wait:
        raise Throttled(wait)
    result = await asyncio.to_thread(check)
    if result:
        throttle.succeeded(client)
    else:
        throttle.failed(client, now)
    return result


def shared_token_matches(request: web.Request, token: str) -> bool:
    config: WebConfig = request.app[CONFIG_KEY]
    return bool(token) and hmac.compare_digest(token.encode(), config.staff_token.encode())


async def check_shared_token(request: web.Request, token: str) -> bool:
    """Compare a presented staff token, throttled per client (see throttled_check)."""
    return await throttled_check(request, lambda: shared_token_matches(request, token))


def session_credential_finder(request: web.Request) -> Callable[[str], Optional[str]]:
    """What a session of each staff_user must carry: the shared token's tag, or the
    account's current one (None for a disabled or deleted account)."""
    database, shared = request.app[DATABASE_KEY], request.app[CREDENTIAL_KEY]

    def credential(staff_user: str) -> Optional[str]:
        if staff_user == SHARED_STAFF_USER:
            return shared
        return staff_accounts.session_credential(database, staff_user)

    return credential


def _identity_of_session(database: Any, staff_user: str) -> Optional[StaffIdentity]:
    if staff_user == SHARED_STAFF_USER:
        return StaffIdentity(SHARED_STAFF_USER, "cookie", "admin", "Staff token")
    account = staff_accounts.get_user(database, staff_user)
    if account is None or account.disabled:
        return None
    return StaffIdentity(account.username, "cookie", account.role, account.display_name)


async def staff_auth(request: web.Request) -> Optional[StaffIdentity]:
    """Who the request comes from (a Bearer token, or a live session cookie), else None.
    Raises Throttled for a Bearer token from a client over its sign-in limit."""
    config: WebConfig = request.app[CONFIG_KEY]
    token = bearer_token(request)
    if token is not None:
        if not await check_shared_token(request, token):
            return None
        return StaffIdentity(SHARED_STAFF_USER, "bearer", "admin", "Staff token")
    cookie = request.cookies.get(COOKIE_NAME)
    if not cookie:
        return None
    database = request.app[DATABASE_KEY]

    def find() -> Optional[StaffIdentity]:
        row = sessions.find_session(database, cookie, session_credential_finder(request),
                                    config.session_policy, now_of(request))
        return _identity_of_session(database, row.staff_user) if row is not None else None

    return await asyncio.to_thread(find)


def throttled_message(retry_after: int) -> str:
    minutes = max(1, -(-retry_after // 60))
    return (f"Too many failed sign-in attempts from this address. "
            f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again.")


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


def admin_only(handler: Handler) -> Handler:
    """staff_only, and 403 unless the staff member is an admin."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        if not request["staff"].is_admin:
            return json_error(403, "only an admin may do this")
        return await handler(request)

    return staff_only(wrapped)


def set_session_cookie(request: web.Request, response: web.StreamResponse, value: str,
                       max_age: int) -> None:
    """HttpOnly and SameSite=Strict always; Secure when the browser came over HTTPS (or
    FORCE_SECURE_COOKIES), so the browser never sends it over plain HTTP."""
    config: WebConfig = request.app[CONFIG_KEY]
    response.set_cookie(COOKIE_NAME, value, max_age=max_age, path="/", httponly=True,
                        samesite="Strict",
                        secure=config.force_secure_cookies or served_over_https(request))


async def start_signed_in_session(request: web.Request, response: web.StreamResponse,
                                  staff_user: str, credential: str) -> None:
    """A new server-side session for `staff_user`, its cookie set on `response` (any
    session this browser had is ended, so the cookie changes at every sign-in)."""
    config: WebConfig = request.app[CONFIG_KEY]
    database, now = request.app[DATABASE_KEY], now_of(request)
    previous = request.cookies.get(COOKIE_NAME)
    if previous:
        await asyncio.to_thread(sessions.end_session, database, previous, now)
    session_id = await asyncio.to_thread(sessions.start_session, database, staff_user,
                                         credential, config.session_policy, now)
    logger.info("staff session started for %s", staff_user)
    set_session_cookie(request, response, session_id, config.session_max_seconds)


async def sign_in(request: web.Request, username: str, password: str,
                  token: str = "") -> Optional[tuple]:
    """(staff_user, credential, identity) for a right name and password (or, for scripts
    and older clients, the shared token); None otherwise. Raises Throttled."""
    database = request.app[DATABASE_KEY]
    if token and not username:
        if await check_shared_token(request, token):
            return (SHARED_STAFF_USER, request.app[CREDENTIAL_KEY],
                    StaffIdentity(SHARED_STAFF_USER, "cookie", "admin", "Staff token"))
        return None
    found = await throttled_check(
        request, lambda: staff_accounts.authenticate(database, username, password))
    if not found:
        return None
    account, credential = found
    return (account.username, credential,
            StaffIdentity(account.username, "cookie", account.role, account.display_name))


async def staff_login(request: web.Request) -> web.Response:
    """The sign-in form: username and password (a `token` field alone still signs in
    with the shared staff token, for scripts)."""
    form = await request.post()
    username = str(form.get("username", "")).strip()
    try:
        found = await sign_in(request, username, str(form.get("password", "")),
                              token=str(form.get("token", "")).strip())
    except Throttled as throttled:
        return html_response(render("login.html", ERROR=throttled_message(throttled.retry_after),
                                    USERNAME=username),
                             status=429, csp=STAFF_CSP,
                             headers={"Retry-After": str(throttled.retry_after)})
    if found is None:
        await asyncio.sleep(0.5)  # slows down guessing
        return html_response(render("login.html", USERNAME=username,
                                    ERROR="That name or password is not right. Please try again."),
                             status=401, csp=STAFF_CSP)
    staff_user, credential, _ = found
    response = web.HTTPSeeOther("/staff")
    await start_signed_in_session(request, response, staff_user, credential)
    raise response


def identity_json(who: StaffIdentity) -> dict:
    return {"username": who.staff_user, "display_name": who.display_name or who.staff_user,
            "role": who.role}


async def api_sign_in(request: web.Request) -> web.Response:
    """POST /api/session {"username", "password"}: signs in (the session cookie), and
    answers who that is. 401 for a wrong name or password, 429 when throttled."""
    try:
        body = json.loads(await request.text() or "{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("username"), str) \
            or not isinstance(body.get("password"), str):
        return json_error(400, 'send JSON {"username": ..., "password": ...}')
    try:
        found = await sign_in(request, body["username"].strip(), body["password"])
    except Throttled as throttled:
        return json_error(429, throttled_message(throttled.retry_after),
                          headers={"Retry-After": str(throttled.retry_after)})
    if found is None:
        await asyncio.sleep(0.5)
        return json_error(401, "that name or password is not right")
    staff_user, credential, who = found
    response = web.json_response({"staff": identity_json(who)})
    await start_signed_in_session(request, response, staff_user, credential)
    return response


@staff_only
async def api_whoami(request: web.Request) -> web.Response:
    """GET /api/session: who is signed in (the inbox shows the name, and the admin panel
    to admins)."""
    return web.json_response({"staff": identity_json(request["staff"])})


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
