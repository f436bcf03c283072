"""Who a staff request comes from: the shared STAFF_TOKEN (as a Bearer token, for
scripts) or a server-side staff session (a cookie, web/sessions.py) made by signing in with
it; the sign-in throttle; the sign-in and sign-out handlers; and `staff_only`, which every
staff API handler wears."""

from __future__ import annotations

import asyncio
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from aiohttp import web

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
