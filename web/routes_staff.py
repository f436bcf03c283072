"""What the care team's browsers and scripts ask of the web server: the staff inbox page,
the escalation API (list, one in full, acknowledge, note, resolve, reopen, each change
attributed to the signed-in person and kept in the escalation's history), a
conversation's transcript and its export, and the admin's account panel API. Every API
handler needs staff authentication (web/auth.py)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Dict, Optional

from aiohttp import web

from store import staff as staff_accounts
from store.escalations import (OUTCOMES, STATUSES, EscalationConflict, add_note, escalations_of,
                               get_escalation, has_escalation, history_of, inbox_page,
                               is_overdue, overdue_others, set_status)
from store.models import as_utc
from web.auth import Throttled, admin_only, now_of, staff_auth, staff_only
from web.config import CONFIG_KEY, DATABASE_KEY, WebConfig
from web.patient_sessions import log_id
from web.rasa_client import RasaUnavailable, fetch_tracker, transcript_from_tracker
from web.responses import Handler, html_response, json_error, render
from web.security import STAFF_CSP
from web.serializers import (account_json, cursor_of, escalation_json, event_json,
                             messages_for_display, parse_cursor)

logger = logging.getLogger("web.routes_staff")

# The inbox list: patients' messages cut to this many characters (the full text is at
# /api/escalations/<id>), and the page size for escalations other than unresolved
# urgent and emergency ones (those are always listed, all of them).
LIST_MESSAGE_CHARS = 280
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


async def staff_page(request: web.Request) -> web.Response:
    config: WebConfig = request.app[CONFIG_KEY]
    try:
        who = await staff_auth(request)
    except Throttled:
        who = None
    if who is None:
        return html_response(render("login.html", ERROR="", USERNAME=""), csp=STAFF_CSP)
    return html_response(render("staff.html", REFRESH_SECONDS=str(config.refresh_seconds)),
                         csp=STAFF_CSP)


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
    totals, now = found.totals, now_of(request)
    # Overdue first, the longest overdue at the top: urgent and emergency ones, and on the
    # first page overdue contact requests too (brought up from wherever they would be).
    first_page = before is None and page == 1 and status in (None, "open")
    others_late = (await asyncio.to_thread(overdue_others, request.app[DATABASE_KEY], now)
                   if first_page else [])
    late = sorted([*(row for row in found.active if is_overdue(row, now)), *others_late],
                  key=lambda row: (as_utc(row.due_at), row.id))
    active = late + [row for row in found.active if not is_overdue(row, now)]
    brought_up = {row.id for row in others_late}
    rest = [row for row in found.rest if row.id not in brought_up]
    return web.json_response({
        "escalations": [escalation_json(row, shorten=LIST_MESSAGE_CHARS, now=now)
                        for row in (*active, *rest)],
        "overdue_count": len(late),
        "now": now.isoformat(),
        # How many of `escalations` are the always-listed unresolved urgent and emergency
        # ones and overdue contact requests (only on the first page); the rest follow.
        "active_count": len(active),
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
    database = request.app[DATABASE_KEY]
    row = await asyncio.to_thread(get_escalation, database, escalation_id)
    if row is None:
        return json_error(404, "no such escalation")
    history = await asyncio.to_thread(history_of, database, [row.id])
    return web.json_response({"escalation": escalation_json(
        row, now=now_of(request), history=history[row.id])})


async def json_body(request: web.Request) -> Optional[Dict[str, Any]]:
    """The request's JSON object ({} for an empty body); None when it is not one."""
    try:
        raw = await request.text()
        body = json.loads(raw) if raw.strip() else {}
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def escalation_id_of(request: web.Request) -> Optional[int]:
    try:
        return int(request.match_info["escalation_id"])
    except ValueError:
        return None


def change_status(status: str) -> Handler:
    """acknowledge, resolve (JSON {"outcome": one of OUTCOMES}, optional) and reopen."""

    @staff_only
    async def handler(request: web.Request) -> web.Response:
        escalation_id = escalation_id_of(request)
        if escalation_id is None:
            return json_error(404, "no such escalation")
        # Only a JSON body says anything (scripts POST these with no body at all).
        body = await json_body(request) if request.content_type == "application/json" else {}
        if body is None:
            return json_error(400, "the body must be a JSON object")
        outcome = body.get("outcome") or None
        if outcome is not None and (status != "resolved" or outcome not in OUTCOMES):
            return json_error(400, f"outcome must be one of {', '.join(OUTCOMES)}")
        who, database, now = request["staff"].staff_user, request.app[DATABASE_KEY], now_of(request)
        try:
            row = await asyncio.to_thread(set_status, database, escalation_id, status, who, now,
                                          outcome)
        except EscalationConflict as conflict:
            return json_error(409, str(conflict))
        if row is None:
            return json_error(404, "no such escalation")
        logger.info("escalation %s marked %s by %s", escalation_id, status, who)
        history = await asyncio.to_thread(history_of, database, [row.id])
        return web.json_response({"escalation": escalation_json(row, now=now,
                                                                history=history[row.id])})

    return handler


@staff_only
async def api_note(request: web.Request) -> web.Response:
    """POST /api/escalations/<id>/note {"text"}: a note in the escalation's history."""
    escalation_id = escalation_id_of(request)
    if escalation_id is None:
        return json_error(404, "no such escalation")
    body = await json_body(request)
    if body is None or not isinstance(body.get("text"), str):
        return json_error(400, 'send JSON {"text": ...}')
    who, database, now = request["staff"].staff_user, request.app[DATABASE_KEY], now_of(request)
    try:
        event = await asyncio.to_thread(add_note, database, escalation_id, body["text"], who, now)
    except ValueError as error:
        return json_error(400, str(error))
    if event is None:
        return json_error(404, "no such escalation")
    logger.info("note added to escalation %s by %s", escalation_id, who)
    return web.json_response({"event": event_json(event)}, status=201)


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
    database = request.app[DATABASE_KEY]
    rows = await asyncio.to_thread(escalations_of, database, conversation_id)
    if not tracker.get("events") and not rows:
        return json_error(404, "no such conversation")
    history = await asyncio.to_thread(history_of, database, [row.id for row in rows])
    logger.info("conversation %s exported by %s", log_id(conversation_id),
                request["staff"].staff_user)
    now = now_of(request)
    body = {"conversation_id": conversation_id,
            "exported_at": now.isoformat(),
            "exported_by": request["staff"].staff_user,
            "messages": transcript_from_tracker(tracker),
            # Each with its history: who acknowledged, noted, resolved or reopened it, when.
            "escalations": [escalation_json(row, display=False, now=now, history=history[row.id])
                            for row in rows],
            "events": tracker.get("events") or []}
    filename = "conversation-" + "".join(c for c in conversation_id if c.isalnum())[:40] + ".json"
    return web.json_response(body, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


# ---------------------------------------------------------------- accounts (admins)

@admin_only
async def api_staff_users(request: web.Request) -> web.Response:
    """GET /api/staff-users: every account (never a password or its hash)."""
    accounts = await asyncio.to_thread(staff_accounts.list_users, request.app[DATABASE_KEY])
    return web.json_response({"staff_users": [account_json(account) for account in accounts],
                              "roles": list(staff_accounts.ROLES)})


@admin_only
async def api_add_staff_user(request: web.Request) -> web.Response:
    """POST /api/staff-users {"username", "role", "display_name"}: a new account; its
    generated password is in the answer, once (the admin hands it over)."""
    body = await json_body(request)
    if body is None or not isinstance(body.get("username"), str):
        return json_error(400, 'send JSON {"username": ..., "role": "nurse" or "admin"}')
    role = body.get("role") or "nurse"
    display_name = body.get("display_name") if isinstance(body.get("display_name"), str) else ""
    try:
        password = await asyncio.to_thread(staff_accounts.add_user, request.app[DATABASE_KEY],
                                           body["username"], str(role), display_name)
    except staff_accounts.StaffAccountError as error:
        return json_error(400, str(error))
    account = await asyncio.to_thread(staff_accounts.get_user, request.app[DATABASE_KEY],
                                      body["username"])
    logger.info("staff account %s added by %s", account.username, request["staff"].staff_user)
    return web.json_response({"staff_user": account_json(account), "password": password},
                             status=201)


def change_account(disabled: bool) -> Handler:
    """POST /api/staff-users/<username>/disable (its sessions stop at once) or /enable."""

    @admin_only
    async def handler(request: web.Request) -> web.Response:
        username = request.match_info["username"]
        if disabled and username == request["staff"].staff_user:
            return json_error(400, "you cannot disable your own account")
        try:
            account = await asyncio.to_thread(staff_accounts.set_disabled,
                                              request.app[DATABASE_KEY], username, disabled)
        except staff_accounts.StaffAccountError as error:
            return json_error(404 if "no account" in str(error) else 400, str(error))
        logger.info("staff account %s %s by %s", account.username,
                    "disabled" if disabled else "enabled", request["staff"].staff_user)
        return web.json_response({"staff_user": account_json(account)})

    return handler

