"""The clinic web server: demo clinic page with the chat widget, and the staff inbox.

    python -m web.app          (tools/run.py starts it next to the two Rasa processes)

Routes (handlers in routes_widget.py and routes_staff.py, sign-in in auth.py)
  /                                   demo clinic page with the widget embedded
  /widget.js, /widget.css             the widget a clinic embeds (see web/README.md)
  /vendor/socket.io.min.js            socket.io-client, served from web/node_modules
  /api/widget/session (POST)          a patient session: a new conversation id and its signed,
                                      expiring token, or the same id with a fresh token for
                                      the widget's previous valid token (web/patient_sessions.py)
  /api/widget/status/<session_id>     the conversation's triage level, for the widget; needs
                                      that conversation's token (Authorization: Bearer)
  /staff                              care team inbox (login form without a session)
  /staff/login, /staff/logout         sign in with a staff account's name and password (a
                                      server-side session), sign out
  /api/session (POST, GET)            sign in with JSON {"username", "password"}; who is signed in
  /api/escalations[...]               staff JSON API (session cookie, or STAFF_TOKEN as Bearer):
                                      every unresolved urgent/emergency escalation (overdue
                                      first), the rest paged, totals; /api/escalations/<id> one
                                      in full with its history; .../acknowledge, /note, /resolve,
                                      /reopen (POST), attributed to the signed-in person
  /api/staff-users[...]               admins: list, add (a generated password), disable, enable
  /staff/analytics                    staff: charts of the figures below (Chart.js, /vendor/chart/)
  /api/analytics/summary              staff: ?from=YYYY-MM-DD&to=YYYY-MM-DD, JSON (or ?format=csv);
                                      /api/analytics/export.csv the same as a CSV file
  /api/conversations/<id>/transcript  staff: a conversation's user and bot messages
  /api/conversations/<id>/export      staff: a conversation as a JSON file
  /api/conversations/<id>/reply, /handback, /live
                                      staff: the live handoff (web/routes_handoff.py)

Patients' browsers never see the Rasa API token: the widget asks this server for the
triage level, and this server reads slot `triage_level` from Rasa's tracker API
(web/rasa_client.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import datetime, timedelta
from typing import Any, Callable, List, Optional

import aiohttp
from aiohttp import web

from store.database import Database, ensure_schema, get_database, keep_files_private
from store.models import utc_now
from settings import client_timeouts, ports, web_host
from web import sessions, slow_clients
from settings import admin_password_file
from store.database import sqlite_path
from store.staff import ensure_first_admin
from web.auth import (CREDENTIAL_KEY, THROTTLE_KEY, api_sign_in, api_whoami, staff_login,
                      staff_logout)
from web.config import CLOCK_KEY, CONFIG_KEY, DATABASE_KEY, WebConfig
from web.patient_sessions import PatientSessions
from web.rasa_client import HTTP_KEY, fetch_tracker, tracker_status
from web.routes_analytics import (
    TRACKER_ENGINE_KEY,
    analytics_page,
    analytics_script,
    api_analytics_export,
    api_analytics_summary,
    chart_js,
)
from web.routes_staff import (
    api_add_staff_user,
    api_escalation,
    api_escalations,
    api_export,
    api_note,
    api_staff_users,
    api_transcript,
    change_account,
    change_status,
    staff_page,
)
from web.routes_handoff import api_handback, api_live, api_reply, tell_patient_when_acknowledged
from web.routes_widget import (
    PATIENT_SESSIONS_KEY,
    SOCKET_IO_DIST,
    STATUS_CACHE_KEY,
    demo_page,
    socket_io_client,
    static_file,
    widget_preflight,
    widget_session,
    widget_status,
)
from web.security import QuietAccessLogger, body_limit, security_headers
from web.status_cache import StatusCache
from web.throttle import LoginThrottle
from jobs.webhooks import WebhookPoller

logger = logging.getLogger("web.app")

WEBHOOK_TASK_KEY = web.AppKey("webhook_task", object)


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def no_favicon(_: web.Request) -> web.Response:
    return web.Response(status=204)


def first_admin(database: Database) -> None:
    """With no staff account yet, make admin `admin` and say where its password is."""
    where = ensure_first_admin(database, admin_password_file(
        database_file=sqlite_path(database.url)))
    if where:
        message = (f"no staff account yet: made admin 'admin'; its password is in {where} "
                   f"(sign in at /staff, then add the care team's accounts)")
        logger.warning(message)
        print(message, flush=True)


async def _start_background(app: web.Application) -> None:
    app[HTTP_KEY] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
    config: WebConfig = app[CONFIG_KEY]
    # Alembic brings the schema up to date (store/database.py), staff sessions included.
    await asyncio.to_thread(ensure_schema, app[DATABASE_KEY])
    await asyncio.to_thread(first_admin, app[DATABASE_KEY])
    if config.webhook_url or config.backup_webhook_url:
        poller = WebhookPoller(app[DATABASE_KEY], config.webhook_url, secret=config.webhook_secret,
                               include_message=config.webhook_include_message,
                               inbox_url=f"{config.public_url}/staff", max_age=timedelta(hours=24),
                               backup_url=config.backup_webhook_url, clock=app[CLOCK_KEY])
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
               clock: Optional[Callable[[], datetime]] = None,
               tracker_engine: Any = None) -> web.Application:
    # client_max_size refuses a body of exactly that size, hence + 1.
    app = web.Application(middlewares=[security_headers, body_limit],
                          client_max_size=config.max_body_bytes + 1)
    app[CONFIG_KEY] = config
    app[DATABASE_KEY] = database or get_database()
    app[CLOCK_KEY] = clock or utc_now
    if tracker_engine is not None:  # else opened at the first analytics request
        app[TRACKER_ENGINE_KEY] = tracker_engine
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
        web.get("/vendor/chart/{name}", chart_js),
        web.post("/api/widget/session", widget_session),
        web.get("/api/widget/status/{session_id}", widget_status),
        web.route("OPTIONS", "/api/widget/{tail:.*}", widget_preflight),
        web.get("/staff", staff_page),
        web.get("/staff/analytics", analytics_page),
        web.get("/staff/analytics.js", analytics_script),
        web.get("/api/analytics/summary", api_analytics_summary),
        web.get("/api/analytics/export.csv", api_analytics_export),
        web.post("/staff/login", staff_login),
        web.post("/staff/logout", staff_logout),
        web.get("/api/escalations", api_escalations),
        web.get("/api/escalations/{escalation_id}", api_escalation),
        web.post("/api/escalations/{escalation_id}/acknowledge",
                 tell_patient_when_acknowledged(change_status("acknowledged"))),
        web.post("/api/escalations/{escalation_id}/resolve", change_status("resolved")),
        web.post("/api/escalations/{escalation_id}/reopen", change_status("open")),
        web.post("/api/escalations/{escalation_id}/note", api_note),
        web.post("/api/session", api_sign_in),
        web.get("/api/session", api_whoami),
        web.get("/api/staff-users", api_staff_users),
        web.post("/api/staff-users", api_add_staff_user),
        web.post("/api/staff-users/{username}/disable", change_account(True)),
        web.post("/api/staff-users/{username}/enable", change_account(False)),
        web.get("/api/conversations/{conversation_id}/transcript", api_transcript),
        web.get("/api/conversations/{conversation_id}/export", api_export),
        # The live handoff (web/routes_handoff.py).
        web.post("/api/conversations/{conversation_id}/reply", api_reply),
        web.post("/api/conversations/{conversation_id}/handback", api_handback),
        web.get("/api/conversations/{conversation_id}/live", api_live),
        # Last: it would answer for any one-segment path above it.
        web.get("/{name}", static_file),
    ])
    return app


def main(argv: Optional[List[str]] = None) -> int:
    keep_files_private()  # umask 0o077, var/ 0700 and its files 0600
    logging.basicConfig(level=logging.INFO, format="%(asctime)s web %(levelname)s %(message)s")
    config = WebConfig.from_env(os.environ)
    host = web_host()
    port = ports().web
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
