"""The staff analytics in the web server: the API (JSON and CSV, staff only), the page
and Chart.js served from web/node_modules under the strict CSP."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import create_engine, insert

from store.rasa_events import events
from tests.web.conftest import PATIENT_SECRET, STAFF_TOKEN
from web.app import create_app
from web.config import WebConfig
from web.routes_analytics import CHART_JS_DIST


@pytest.fixture()
async def analytics_client(database, tmp_path, clock):
    engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    events.metadata.create_all(engine)
    at = datetime.now(timezone.utc) - timedelta(minutes=1)
    with engine.begin() as connection:
        connection.execute(insert(events), [
            dict(sender_id="p", type_name="user", intent_name="nlu_fallback",
                 timestamp=at.timestamp(), data=json.dumps({"event": "user", "text": "huh"})),
            dict(sender_id="p", type_name="slot", intent_name=None, timestamp=at.timestamp(),
                 data=json.dumps({"event": "slot", "name": "answer_topic",
                                  "value": "ask_about_ivig/what_is"})),
        ])
    app = create_app(WebConfig(staff_token=STAFF_TOKEN, rasa_url="http://127.0.0.1:9",
                               patient_session_secret=PATIENT_SECRET),
                     database, clock=clock, tracker_engine=engine)
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


async def test_the_figures_are_for_staff_only(analytics_client):
    assert (await analytics_client.get("/api/analytics/summary")).status == 401
    assert (await analytics_client.get("/api/analytics/export.csv")).status == 401
    page = await analytics_client.get("/staff/analytics", allow_redirects=False)
    assert page.status == 303 and page.headers["Location"] == "/staff"


async def test_the_summary_counts_escalations_and_conversations(analytics_client, add_escalation,
                                                               clock, bearer):
    add_escalation(level="urgent")  # created now, by the real clock
    today = datetime.now(timezone.utc).date()
    clock.now = datetime.now(timezone.utc) + timedelta(hours=1)
    response = await analytics_client.get(
        f"/api/analytics/summary?from={today - timedelta(days=6)}&to={today}", headers=bearer)
    body = await response.json()
    assert response.status == 200 and body["from"] == str(today - timedelta(days=6))
    assert body["escalations"]["total"] == 1 and len(body["escalations"]["per_day"]) == 7
    assert body["escalations"]["overdue"] == {"count": 1, "of": 1, "share": 1.0,
                                              "by_level": {"urgent": {"count": 1, "of": 1}}}
    assert body["conversations"]["not_understood"]["count"] == 1
    assert body["conversations"]["questions_by_topic"] == [
        {"topic": "ask_about_ivig/what_is", "count": 1}]


async def test_the_csv_export(analytics_client, bearer):
    today = datetime.now(timezone.utc).date()
    days = f"from={today - timedelta(days=1)}&to={today}"
    for path in (f"/api/analytics/summary?format=csv&{days}", f"/api/analytics/export.csv?{days}"):
        response = await analytics_client.get(path, headers=bearer)
        assert response.status == 200 and response.content_type == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        text = await response.text()
        assert text.startswith("section,key,level,value")
        assert "not_understood,count,,1" in text


@pytest.mark.parametrize("query", ["from=2030-02-01&to=2030-01-01", "from=yesterday",
                                   "from=2028-01-01&to=2030-01-01"])
async def test_a_bad_range_is_refused(analytics_client, bearer, query):
    response = await analytics_client.get(f"/api/analytics/summary?{query}", headers=bearer)
    assert response.status == 400


async def test_the_page_loads_chart_js_from_this_server_under_the_strict_csp(analytics_client):
    await analytics_client.post("/staff/login", data={"token": STAFF_TOKEN})
    page = await analytics_client.get("/staff/analytics")
    html = await page.text()
    assert page.status == 200
    assert 'src="/vendor/chart/chart.umd.min.js"' in html and "<script>" not in html
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "http" not in html.split("<body>")[0].replace("http-equiv", "")  # no CDN
    script = await analytics_client.get("/staff/analytics.js")
    assert script.status == 200
    chart = await analytics_client.get("/vendor/chart/chart.umd.min.js")
    if (CHART_JS_DIST / "chart.umd.min.js").is_file():
        assert chart.status == 200 and "Chart" in (await chart.text())[:5000]
    else:
        assert chart.status == 503
    assert (await analytics_client.get("/vendor/chart/../package.json")).status == 404
