"""What the care team's browsers and scripts ask of the web server: the staff inbox page,
the escalation API (list, one in full, acknowledge, resolve), a conversation's transcript
and its export. Every API handler needs staff authentication (web/auth.py)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from aiohttp import web

from store.escalations import (STATUSES, escalations_of, get_escalation, has_escalation,
                               inbox_page, set_status)
from web.auth import Throttled, staff_auth, staff_only
from web.config import CONFIG_KEY, DATABASE_KEY, WebConfig
from web.patient_sessions import log_id
from web.rasa_client import RasaUnavailable, fetch_tracker, transcript_from_tracker
from web.responses import Handler, html_response, json_error, render
from web.security import STAFF_CSP
from web.serializers import cursor_of, escalation_json, messages_for_display, parse_cursor

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
    totals = found.totals
    return web.json_response({
        "escalations": [escalation_json(row, shorten=LIST_MESSAGE_CHARS)
                        for row in (*found.active, *found.rest)],
        # How many of `escalations` are the always-listed unresolved urgent and emergency
        # ones (only on the first page); the rest follow.
        "active_count": len(found.active),
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
    row = await asyncio.to_thread(get_escalation, request.app[DATABASE_KEY], escalation_id)
    if row is None:
        return json_error(404, "no such escalation")
    return web.json_response({"escalation": escalation_json(row)})


def change_status(status: str) -> Handler:
    @staff_only
    async def handler(request: web.Request) -> web.Response:
        try:
            escalation_id = int(request.match_info["escalation_id"])
        except ValueError:
            return json_error(404, "no such escalation")
        row = await asyncio.to_thread(set_status, request.app[DATABASE_KEY], escalation_id, status)
        if row is None:
            return json_error(404, "no such escalation")
        logger.info("escalation %s marked %s by %s", escalation_id, status,
                    request["staff"].staff_user)
        return web.json_response({"escalation": escalation_json(row)})

    return handler


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
    rows = await asyncio.to_thread(escalations_of, request.app[DATABASE_KEY], conversation_id)
    if not tracker.get("events") and not rows:
        return json_error(404, "no such conversation")
    logger.info("conversation %s exported", log_id(conversation_id))
    body = {"conversation_id": conversation_id,
            "exported_at": datetime.now(timezone.utc).isoformat(),
            "messages": transcript_from_tracker(tracker),
            "escalations": [escalation_json(row, display=False) for row in rows],
            "events": tracker.get("events") or []}
    filename = "conversation-" + "".join(c for c in conversation_id if c.isalnum())[:40] + ".json"
    return web.json_response(body, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})
