"""Every door of the web server checks who is knocking: each route is listed from the
router itself, so a route added later without `staff_only` fails here."""

from __future__ import annotations

import re

import pytest

# Open on purpose: the patient's widget (its own session token per conversation), signing
# in, pages that show only a sign-in form, static files and the health probe.
PUBLIC = [
    re.compile(p) for p in (
        r"^/$", r"^/healthz$", r"^/favicon\.ico$", r"^/vendor/", r"^/api/widget/",
        r"^/staff$", r"^/staff/login$", r"^/staff/logout$", r"^/staff/analytics(\.js)?$",
        r"^/\{name\}$",
    )
]
# A request to each of these may show or change patient data or staff accounts.
SIGNED_IN_ONLY = ("/api/",)


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


async def test_every_api_route_refuses_a_caller_who_is_not_signed_in(client):
    doors = []
    for route in client.server.app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter") or ""
        if route.method in ("HEAD", "OPTIONS") or any(p.search(path) for p in PUBLIC):
            continue
        doors.append((route.method, path))
    assert doors, "no routes found"
    open_doors = []
    for method, path in doors:
        if (method, path) == ("POST", "/api/session"):
            continue  # signing in by name: it refuses wrong passwords (its own tests)
        response = await client.request(method, concrete(path),
                                        headers={"X-Requested-With": "ivig-staff"})
        if response.status not in (401, 403):
            open_doors.append((method, path, response.status))
    assert open_doors == []
    assert all(path.startswith(SIGNED_IN_ONLY) or path.startswith("/staff")
               for _, path in doors), doors


@pytest.mark.parametrize("path", ["/api/escalations", "/api/analytics/summary",
                                  "/api/conversations/c1/live"])
async def test_a_wrong_bearer_token_is_refused_on_new_doors(client, path):
    response = await client.get(path, headers={"Authorization": "Bearer nope"})
    assert response.status == 401
