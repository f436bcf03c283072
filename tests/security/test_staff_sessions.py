"""Findings on staff sign-in: the cookie was one fixed value (an HMAC of the token) that
still worked after signing out, had no server-side expiry, was never Secure behind an
HTTPS proxy, and sign-in could be guessed at without limit."""

from __future__ import annotations

import sqlite3
import time

import pytest

from tests.security.conftest import COOKIE_NAME

pytestmark = pytest.mark.security

INBOX = "/api/escalations"


def cookie_of(response) -> str:
    assert response.status_code == 303, response.text
    return response.cookies[COOKIE_NAME]


def with_cookie(value: str):
    return {"cookies": {COOKIE_NAME: value}}


def set_cookie_attributes(response):
    header = response.headers["Set-Cookie"]
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}, header


def test_cookie_rotates_per_login_and_is_refused_after_sign_out(start_web):
    server = start_web()
    first, second = cookie_of(server.login()), cookie_of(server.login())
    assert first != second and server.token not in first + second
    assert server.get(INBOX, **with_cookie(first)).status_code == 200
    assert server.get(INBOX, **with_cookie(second)).status_code == 200

    # Signing out ends that session on the server: the same cookie, replayed, is refused.
    assert server.post("/staff/logout", **with_cookie(first)).status_code == 303
    assert server.get(INBOX, **with_cookie(first)).status_code == 401
    assert "staff.js" not in server.get("/staff", **with_cookie(first)).text  # the sign-in form
    assert server.get(INBOX, **with_cookie(second)).status_code == 200  # other sessions go on

    # Signing in again from a browser that has a session replaces it.
    third = server.post("/staff/login", data={"token": server.token}, **with_cookie(second))
    assert cookie_of(third) not in (first, second)
    assert server.get(INBOX, **with_cookie(second)).status_code == 401
    assert server.get(INBOX, **with_cookie(cookie_of(third))).status_code == 200

    # The database keeps who and until when, never the cookie's value.
    with sqlite3.connect(server.database_path) as connection:
        rows = connection.execute("SELECT token_hash, staff_user, expires_at, revoked_at "
                                  "FROM staff_sessions").fetchall()
    assert len(rows) == 3 and {row[1] for row in rows} == {"staff-token"}
    assert not {first, second} & {row[0] for row in rows}
    assert sum(row[3] is not None for row in rows) == 2


def test_expired_sessions_are_refused(start_web):
    idle = start_web(STAFF_SESSION_IDLE_SECONDS="1")
    cookie = cookie_of(idle.login())
    assert idle.get(INBOX, **with_cookie(cookie)).status_code == 200
    time.sleep(1.3)  # unused for longer than the idle limit
    assert idle.get(INBOX, **with_cookie(cookie)).status_code == 401

    absolute = start_web(STAFF_SESSION_IDLE_SECONDS="60", STAFF_SESSION_MAX_SECONDS="2")
    response = absolute.login()
    cookie = cookie_of(response)
    assert "Max-Age=2" in response.headers["Set-Cookie"]
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:  # in use all along...
        assert absolute.get(INBOX, **with_cookie(cookie)).status_code == 200
        time.sleep(0.3)
    time.sleep(0.8)  # ...and still ended 2 s after sign-in
    assert absolute.get(INBOX, **with_cookie(cookie)).status_code == 401


def test_cookie_is_secure_behind_an_https_proxy_when_trusted(start_web):
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}
    trusted = start_web(TRUST_PROXY_HEADERS="1")
    attributes, header = set_cookie_attributes(trusted.login(headers=https))
    assert {"secure", "httponly", "samesite", "path", "max-age"} <= attributes, header
    assert "SameSite=Strict" in header
    attributes, header = set_cookie_attributes(trusted.login())  # plain HTTP to the proxy
    assert "secure" not in attributes and "httponly" in attributes, header

    # Without TRUST_PROXY_HEADERS the header is anyone's to send, and is not believed...
    untrusted = start_web()
    attributes, header = set_cookie_attributes(untrusted.login(headers=https))
    assert "secure" not in attributes, header
    # ...and FORCE_SECURE_COOKIES marks it Secure whatever the request says.
    forced = start_web(FORCE_SECURE_COOKIES="1")
    attributes, header = set_cookie_attributes(forced.login())
    assert "secure" in attributes, header


def test_login_is_throttled_after_five_failures(start_web):
    server = start_web(TRUST_PROXY_HEADERS="1")
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    for _ in range(5):
        assert server.login("wrong-guess", headers=attacker).status_code == 401
    refused = server.login(headers=attacker)  # even the right token, now
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.text and "15 minutes" in refused.text
    assert 800 < int(refused.headers["Retry-After"]) <= 900
    assert COOKIE_NAME not in refused.cookies
    # The staff token as a Bearer header is refused for that client too.
    api = server.get(INBOX, headers={**server.bearer, **attacker})
    assert api.status_code == 429 and "Too many failed sign-in attempts" in api.json()["error"]
    # Per client: another address signs in.
    assert server.login(headers={"X-Forwarded-For": "203.0.113.8"}).status_code == 303

    # Without a trusted proxy, X-Forwarded-For is not believed: changing it does not help.
    direct = start_web()
    for number in range(5):
        assert direct.login("guess", headers={"X-Forwarded-For": f"192.0.2.{number}"}).status_code == 401
    assert direct.login(headers={"X-Forwarded-For": "192.0.2.99"}).status_code == 429
