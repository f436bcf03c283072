"""Staff sessions on the server: expiry by an injected clock, revocation, rotation, the
credential they were made with, the sign-in throttle and the cookie's flags."""

from __future__ import annotations

import pytest

from tests.web.conftest import STAFF_TOKEN
from web.auth import COOKIE_NAME
from web.sessions import SessionPolicy, StaffSession
from web.throttle import LoginThrottle

INBOX = "/api/escalations"


async def sign_in(client, **headers) -> str:
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN}, headers=headers,
                                 allow_redirects=False)
    assert response.status == 303
    return response.cookies[COOKIE_NAME].value


async def status_with(client, cookie: str, path: str = INBOX) -> int:
    client.session.cookie_jar.clear()
    return (await client.get(path, cookies={COOKIE_NAME: cookie})).status


async def test_a_session_ends_after_the_idle_time(make_client, clock):
    client = await make_client(clock=clock, session_idle_seconds=600, session_max_seconds=3600)
    cookie = await sign_in(client)
    clock.advance(seconds=599)
    assert await status_with(client, cookie) == 200  # used: idle time starts again
    clock.advance(seconds=599)
    assert await status_with(client, cookie) == 200
    clock.advance(seconds=601)
    assert await status_with(client, cookie) == 401


async def test_a_session_ends_at_its_absolute_limit_however_busy(make_client, clock):
    client = await make_client(clock=clock, session_idle_seconds=600, session_max_seconds=1800)
    cookie = await sign_in(client)
    for _ in range(5):
        clock.advance(seconds=350)
        assert await status_with(client, cookie) == 200
    clock.advance(seconds=100)  # 1,850 s after sign-in
    assert await status_with(client, cookie) == 401


async def test_default_expiry_is_8_hours_idle_and_12_hours_at_most(make_client, clock, database):
    client = await make_client(clock=clock)
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN}, allow_redirects=False)
    assert response.cookies[COOKIE_NAME]["max-age"] == str(12 * 3600)
    with database.session() as session:
        row = session.query(StaffSession).one()
        assert (row.expires_at - row.created_at).total_seconds() == 12 * 3600
    assert SessionPolicy().idle_seconds == 8 * 3600


async def test_changing_the_staff_token_signs_everyone_out(make_client):
    before = await make_client()
    cookie = await sign_in(before)
    assert await status_with(before, cookie) == 200
    after = await make_client(staff_token="a-new-staff-token")  # same database
    assert await status_with(after, cookie) == 401


async def test_sign_out_revokes_the_session_server_side(client, database):
    cookie = await sign_in(client)
    await client.post("/staff/logout", allow_redirects=False)
    assert await status_with(client, cookie) == 401
    with database.session() as session:
        assert session.query(StaffSession).one().revoked_at is not None


async def test_sign_out_clears_the_cookie_with_the_same_flags(client):
    await sign_in(client)
    response = await client.post("/staff/logout", allow_redirects=False)
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "" and cookie["max-age"] == "0"
    assert cookie["httponly"] and cookie["samesite"] == "Strict"


async def test_expired_sessions_are_deleted_at_a_later_sign_in(make_client, clock, database):
    client = await make_client(clock=clock, session_max_seconds=60)
    await sign_in(client)
    clock.advance(seconds=61)
    await sign_in(client)
    with database.session() as session:
        assert session.query(StaffSession).count() == 1


async def test_only_a_cookie_of_reasonable_length_is_looked_up(client):
    assert await status_with(client, "x" * 5000) == 401


async def test_the_cookie_is_secure_over_https_behind_a_trusted_proxy(make_client):
    client = await make_client(trust_proxy_headers=True)
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN},
                                 headers={"X-Forwarded-Proto": "https"}, allow_redirects=False)
    assert response.cookies[COOKIE_NAME]["secure"]


async def test_throttled_sign_in_says_so_and_when(make_client, clock):
    client = await make_client(clock=clock, login_max_failures=3, login_window_seconds=600)
    for _ in range(3):
        response = await client.post("/staff/login", data={"token": "nope"}, allow_redirects=False)
        assert response.status == 401
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN}, allow_redirects=False)
    assert response.status == 429
    assert "wait 10 minutes" in await response.text()
    assert response.headers["Retry-After"] == "600"
    clock.advance(seconds=601)  # the failures have left the window
    await sign_in(client)


async def test_a_successful_sign_in_forgets_earlier_failures(make_client):
    client = await make_client(login_max_failures=2)
    await client.post("/staff/login", data={"token": "nope"}, allow_redirects=False)
    await sign_in(client)
    await client.post("/staff/login", data={"token": "nope"}, allow_redirects=False)
    await sign_in(client)  # one failure since the last success: not throttled


def test_the_throttle_window_slides_and_remembers_a_bounded_number_of_clients():
    throttle = LoginThrottle(max_failures=2, window_seconds=100, max_clients=3)
    throttle.failed("a", 0)
    throttle.failed("a", 50)
    assert throttle.retry_after("a", 60) == 40  # the first failure leaves at 100
    assert throttle.retry_after("a", 100) == 0
    throttle.failed("a", 120)
    assert throttle.retry_after("a", 130) == 20  # failures at 50 and 120
    for client in "bcd":
        throttle.failed(client, 130)
    assert throttle.retry_after("a", 130) == 0  # forgotten: the least recently failing


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), ("0", False), ("", False)])
def test_proxy_and_secure_settings(value, expected):
    from web.config import WebConfig

    config = WebConfig.from_env({"STAFF_TOKEN": "t", "TRUST_PROXY_HEADERS": value,
                                 "FORCE_SECURE_COOKIES": value})
    assert config.trust_proxy_headers is expected and config.force_secure_cookies is expected


def test_session_settings_from_the_environment():
    from web.config import WebConfig

    config = WebConfig.from_env({"STAFF_TOKEN": "t", "STAFF_SESSION_IDLE_SECONDS": "900",
                                 "STAFF_SESSION_MAX_SECONDS": "3600",
                                 "STAFF_LOGIN_MAX_FAILURES": "10", "STAFF_LOGIN_WINDOW_SECONDS": "60"})
    assert config.session_policy == SessionPolicy(idle_seconds=900, max_seconds=3600)
    assert (config.login_max_failures, config.login_window_seconds) == (10, 60)
    with pytest.raises(SystemExit, match="TRUST_PROXY_HEADERS"):
        WebConfig.from_env({"STAFF_TOKEN": "t", "TRUST_PROXY_HEADERS": "maybe"})
