"""The live handoff, for the care team: a nurse answers a patient in the chat.

  POST /api/conversations/<id>/reply {"text"}  pauses the assistant for the conversation
      (Rasa's ConversationPaused, through the HTTP API) and shows the patient the nurse's
      message with her first name and role (the Rasa server's socket.io channel relays
      it, rasa_addons/handoff.py, and keeps it in the conversation)
  POST /api/conversations/<id>/handback        resumes the assistant (ConversationResumed),
      which tells the patient it is back
  GET  /api/conversations/<id>/live            the conversation for the nurse's view as
      server-sent events: `conversation` ({"messages", "handoff"}) whenever it changes; a
      patient message that got 911 advice is `emergency`. Pushed: the web server waits on
      the Rasa server's notice that the conversation was saved (rasa_addons/handoff.py),
      then reads the tracker; without the notices it reads every LIVE_READ_SECONDS.

Only conversations with an escalation (as the transcript API), staff only (web/auth.py).
While paused, the assistant still answers an emergency at once (rasa_addons/handoff.py).
An acknowledgement also tells the patient a nurse has seen the message
(`tell_patient_when_acknowledged`, around the acknowledge route in web/app.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Dict

from aiohttp import web

from store.escalations import has_escalation
from web.auth import StaffIdentity, staff_only
from web.config import DATABASE_KEY
from web.handoff_relay import ACKNOWLEDGED, HANDBACK, STAFF_MESSAGE
from web.patient_sessions import log_id
from web.rasa_client import (
    RasaUnavailable,
    fetch_tracker,
    post_tracker_event,
    relay_to_patient,
    transcript_from_tracker,
    wait_for_changes,
)
from web.responses import Handler, json_error
from web.serializers import messages_for_display

logger = logging.getLogger("web.routes_handoff")

MAX_REPLY_CHARS = 1000
LIVE_READ_SECONDS = 1.0
CHANGES_WAIT_SECONDS = 15.0  # the longest wait for the Rasa server's notice of a change
# A stream ends after this long; the browser's EventSource opens a new one at once (and
# sign-in is checked again).
LIVE_MAX_SECONDS = 300.0
HEARTBEAT_SECONDS = 15.0
ROLE_LABELS = {"nurse": "Nurse"}


def staff_signature(who: StaffIdentity) -> Dict[str, str]:
    """How the patient sees who writes: a first name and a role. Named staff accounts
    carry a display name and a role; a sign-in name is never shown (it is an account's,
    not a person's), so the shared staff token has no name."""
    display = (getattr(who, "display_name", "") or "").strip()
    name = display.split()[0] if display else ""
    role = ROLE_LABELS.get(getattr(who, "role", "nurse"), "Care team")
    return {"name": name[:64], "role": role}


async def escalated(request: web.Request, conversation_id: str) -> bool:
    return await asyncio.to_thread(has_escalation, request.app[DATABASE_KEY], conversation_id)


@staff_only
async def api_reply(request: web.Request) -> web.Response:
    conversation_id = request.match_info["conversation_id"]
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        body = None
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        return json_error(400, "text is required")
    text = text.strip()
    if len(text) > MAX_REPLY_CHARS:
        return json_error(400, f"text must be at most {MAX_REPLY_CHARS} characters")
    if not await escalated(request, conversation_id):
        return json_error(404, "no escalation for this conversation")
    signature = staff_signature(request["staff"])
    paused_now = False
    try:
        tracker = await fetch_tracker(request.app, conversation_id, include_events="NONE")
        if not tracker.get("paused"):
            await post_tracker_event(request.app, conversation_id, {"event": "pause"})
            paused_now = True
        await relay_to_patient(request.app, conversation_id,
                               {"kind": STAFF_MESSAGE, "text": text, "staff": signature})
    except RasaUnavailable as error:
        logger.warning("reply to %s not delivered: %s", log_id(conversation_id), error)
        if paused_now:
            # The patient never heard from the nurse: the assistant must not stay quiet.
            try:
                await post_tracker_event(request.app, conversation_id, {"event": "resume"})
            except RasaUnavailable:
                logger.error("%s left paused after a failed reply", log_id(conversation_id))
        return json_error(502, "the assistant's server is unavailable: the message was not "
                               "delivered. Please call the patient.")
    logger.info("%s replied in %s", request["staff"].staff_user, log_id(conversation_id))
    return web.json_response({"delivered": True, "handoff": True, "staff": signature})


@staff_only
async def api_handback(request: web.Request) -> web.Response:
    conversation_id = request.match_info["conversation_id"]
    if not await escalated(request, conversation_id):
        return json_error(404, "no escalation for this conversation")
    try:
        await post_tracker_event(request.app, conversation_id, {"event": "resume"})
        await relay_to_patient(request.app, conversation_id, {"kind": HANDBACK})
    except RasaUnavailable as error:
        logger.warning("hand back of %s failed: %s", log_id(conversation_id), error)
        return json_error(502, "the assistant's server is unavailable; please try again")
    logger.info("%s handed %s back to the assistant", request["staff"].staff_user,
                log_id(conversation_id))
    return web.json_response({"handoff": False})


def sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n".encode()


@staff_only
async def api_live(request: web.Request) -> web.StreamResponse:
    conversation_id = request.match_info["conversation_id"]
    if not await escalated(request, conversation_id):
        return json_error(404, "no escalation for this conversation")
    stream = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                         "Cache-Control": "no-store",
                                         "X-Accel-Buffering": "no"})
    await stream.prepare(request)
    await stream.write(b"retry: 2000\n\n")
    started = last_write = time.monotonic()
    sent, version = None, None
    while time.monotonic() - started < LIVE_MAX_SECONDS:
        try:
            tracker = await fetch_tracker(request.app, conversation_id, include_events="ALL")
            current = {"messages": messages_for_display(transcript_from_tracker(tracker)),
                       "handoff": bool(tracker.get("paused"))}
            if current != sent:
                await stream.write(sse("conversation", current))
                sent, last_write = current, time.monotonic()
        except RasaUnavailable:
            if sent is not None or time.monotonic() - last_write > HEARTBEAT_SECONDS:
                await stream.write(sse("unavailable", {"error": "the assistant's conversation "
                                                                "store is unavailable"}))
                sent, last_write = None, time.monotonic()
        if time.monotonic() - last_write > HEARTBEAT_SECONDS:
            await stream.write(b": still here\n\n")
            last_write = time.monotonic()
        try:
            version = await wait_for_changes(request.app, conversation_id, version,
                                             CHANGES_WAIT_SECONDS)
        except RasaUnavailable:
            version = None
            await asyncio.sleep(LIVE_READ_SECONDS)  # no notices: read again shortly
    return stream


def tell_patient_when_acknowledged(handler: Handler) -> Handler:
    """Around the acknowledge route: once acknowledged, the patient's widget shows "A nurse
    has seen your message" at once if it is open (the status API says it at the next visit).
    The acknowledgement stands even if the Rasa server cannot be reached."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        response = await handler(request)
        if response.status == 200 and isinstance(response, web.Response) and response.text:
            conversation_id = (json.loads(response.text).get("escalation") or {}).get("conversation_id")
            if conversation_id:
                try:
                    await relay_to_patient(request.app, conversation_id, {"kind": ACKNOWLEDGED})
                except RasaUnavailable as error:
                    logger.info("acknowledgement not shown live to %s (%s)",
                                log_id(conversation_id), error)
        return response

    return wrapped
