"""Finding: the web server accepted large request bodies on every route. Bodies over
WEB_MAX_BODY_BYTES (8 KB) are refused with a JSON 413 before authentication."""

from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.security

BIG = b"x" * 100_000


def test_a_100_kb_post_to_a_staff_api_route_is_413(start_web):
    server = start_web()
    for headers in (server.bearer, {}):  # with or without the staff token
        response = server.post("/api/escalations/1/acknowledge", data=BIG,
                               headers={"Content-Type": "application/json", **headers})
        assert response.status_code == 413
        assert "too large" in response.json()["error"]
        assert "8192" in response.json()["error"]
    # Chunked (no Content-Length) is measured as it is read.
    chunked = requests.post(f"{server.url}/staff/login", data=iter([BIG[:50_000], BIG[50_000:]]),
                            timeout=10, allow_redirects=False)
    assert chunked.status_code == 413 and "too large" in chunked.json()["error"]
    # A small body still works.
    small = server.post("/api/escalations/1/acknowledge", data=b"{}", headers=server.bearer)
    assert small.status_code == 404  # no such escalation: it got through to the handler
