"""The staff analytics: the page (/staff/analytics, charts drawn by Chart.js served from
web/node_modules), its figures (GET /api/analytics/summary?from=YYYY-MM-DD&to=YYYY-MM-DD,
JSON, or CSV with ?format=csv) and the same as a download (/api/analytics/export.csv).
Staff only; store/analytics.py computes the figures."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Optional, Tuple

from aiohttp import web
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from settings import DEFAULT_TRACKER_DB, Settings, response_deadline_minutes
from store.analytics import summary, summary_csv
from web.auth import Throttled, now_of, staff_auth, staff_only
from web.config import DATABASE_KEY
from web.responses import STATIC_DIR, html_response, json_error, render
from web.security import STAFF_CSP

logger = logging.getLogger("web.routes_analytics")

CHART_JS_DIST = Path(__file__).resolve().parent / "node_modules" / "chart.js" / "dist"
CHART_JS_FILES = {"chart.umd.min.js", "chart.umd.min.js.map"}
# Rasa's tracker store, where the conversation figures come from; tests put their own.
TRACKER_ENGINE_KEY = web.AppKey("tracker_engine", object)
DEFAULT_DAYS = 30
MAX_DAYS = 366


def tracker_engine(app: web.Application) -> Optional[Engine]:
    """Rasa's tracker store (settings: TRACKER_STORE_URL, else var/tracker.db), opened on
    first use; None when it is a SQLite file that does not exist yet."""
    engine = app.get(TRACKER_ENGINE_KEY)
    if engine is None:
        url = Settings.from_env().tracker_store_url
        if not url:
            if not DEFAULT_TRACKER_DB.is_file():
                return None
            url = f"sqlite:///{DEFAULT_TRACKER_DB}"
        engine = create_engine(url, pool_pre_ping=True, future=True)
        app[TRACKER_ENGINE_KEY] = engine
    return engine


def date_range(request: web.Request) -> Tuple[date, date]:
    """?from and ?to (YYYY-MM-DD, both included); the last 30 days by default."""
    today = now_of(request).date()
    try:
        end = date.fromisoformat(request.query["to"]) if request.query.get("to") else today
        start = (date.fromisoformat(request.query["from"]) if request.query.get("from")
                 else end - timedelta(days=DEFAULT_DAYS - 1))
    except ValueError:
        raise ValueError("from and to are dates, YYYY-MM-DD") from None
    if start > end:
        raise ValueError("from must not be after to")
    if (end - start).days >= MAX_DAYS:
        raise ValueError(f"at most {MAX_DAYS} days at a time")
    return start, end


async def _figures(request: web.Request, want_csv: bool) -> web.Response:
    try:
        start, end = date_range(request)
    except ValueError as error:
        return json_error(400, str(error))
    try:
        engine = tracker_engine(request.app)
    except Exception as error:  # noqa: BLE001 - the escalation figures still come
        logger.warning("analytics: tracker store unavailable (%s)", error.__class__.__name__)
        engine = None
    figures = await asyncio.to_thread(summary, request.app[DATABASE_KEY], engine, start, end,
                                      now_of(request), response_deadline_minutes())
    if not want_csv:
        return web.json_response(figures)
    name = f"ivig-analytics-{start.isoformat()}-to-{end.isoformat()}.csv"
    return web.Response(text=summary_csv(figures), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


@staff_only
async def api_analytics_summary(request: web.Request) -> web.Response:
    return await _figures(request, request.query.get("format") == "csv")


@staff_only
async def api_analytics_export(request: web.Request) -> web.Response:
    return await _figures(request, True)


async def analytics_page(request: web.Request) -> web.Response:
    try:
        who = await staff_auth(request)
    except Throttled:
        who = None
    if who is None:
        raise web.HTTPSeeOther("/staff")  # the sign-in form
    return html_response(render("analytics.html"), csp=STAFF_CSP)


async def chart_js(request: web.Request) -> web.StreamResponse:
    """Chart.js from web/node_modules (`make web`), for the analytics page: no CDN."""
    name = request.match_info["name"]
    if name not in CHART_JS_FILES:
        raise web.HTTPNotFound()
    path = CHART_JS_DIST / name
    if not path.is_file():
        return web.Response(status=503, text="chart.js is not installed: run `make web`\n")
    return web.FileResponse(path)


async def analytics_script(_: web.Request) -> web.StreamResponse:
    response = web.FileResponse(STATIC_DIR / "analytics.js")
    response.headers["Cache-Control"] = "no-cache"
    return response
