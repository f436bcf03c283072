"""The web server's reader of Rasa's HTTP API: a conversation's tracker (the API token is
added here, server-side: patients' browsers never see it), and what the widget and the
staff inbox make of a tracker: the triage level, the turns stored, the transcript."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import quote

import aiohttp
from aiohttp import web

from web.config import CONFIG_KEY, WebConfig
from web.status_cache import Status

HTTP_KEY = web.AppKey("http", object)  # the aiohttp.ClientSession, open while the app runs

LEVELS = ("emergency", "urgent", "self_care", "info")
# Responses that tell the patient to call 911 now. The widget shows its banner when the
# slot says emergency, or when one of these was said in the latest turn (the rule says
# it before the action server runs, so it counts even if the action server is down).
EMERGENCY_RESPONSES = frozenset({"utter_emergency"})


class RasaUnavailable(RuntimeError):
    pass


async def fetch_tracker(app: web.Application, conversation_id: str,
                        include_events: str = "AFTER_RESTART") -> Dict[str, Any]:
    """Rasa's tracker for a conversation, with the API token added server-side."""
    config: WebConfig = app[CONFIG_KEY]
    http: aiohttp.ClientSession = app[HTTP_KEY]
    params = {"include_events": include_events}
    if config.rasa_auth_token:
        params["token"] = config.rasa_auth_token
    url = f"{config.rasa_url}/conversations/{quote(conversation_id, safe='')}/tracker"
    try:
        async with http.get(url, params=params) as response:
            if response.status != 200:
                raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
            return await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise RasaUnavailable(error.__class__.__name__) from error


def user_turns(tracker: Mapping[str, Any]) -> int:
    return sum(1 for event in tracker.get("events") or [] if event.get("event") == "user")


def latest_turn_level(tracker: Mapping[str, Any]) -> Optional[str]:
    """The triage level: slot `triage_level`, raised to emergency when the latest turn
    told the patient to call 911."""
    level = (tracker.get("slots") or {}).get("triage_level")
    level = level if level in LEVELS else None
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot" and \
                (event.get("metadata") or {}).get("utter_action") in EMERGENCY_RESPONSES:
            return "emergency"
    return level


def tracker_status(tracker: Mapping[str, Any]) -> Status:
    """What the widget status API caches of a tracker (web/status_cache.py)."""
    return Status(level=latest_turn_level(tracker), turns=user_turns(tracker))


def transcript_from_tracker(tracker: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """User and bot texts in order. A button press shows its title, as the patient saw it."""
    messages: List[Dict[str, Any]] = []
    last_buttons: List[Dict[str, Any]] = []
    for event in tracker.get("events") or []:
        kind = event.get("event")
        if kind == "action" and event.get("name") == "action_session_start":
            # Marks where a session begins (Rasa's session_started event comes after the greeting).
            messages.append({"sender": "system", "text": "New session", "timestamp": event.get("timestamp")})
        elif kind == "user":
            text = (event.get("text") or "").strip()
            entry: Dict[str, Any] = {"sender": "patient", "text": text,
                                     "timestamp": event.get("timestamp")}
            pressed = next((b for b in last_buttons if b.get("payload") == text), None)
            if pressed is not None:
                entry.update(text=str(pressed.get("title", text)), payload=text)
            messages.append(entry)
            last_buttons = []
        elif kind == "bot":
            data = event.get("data") or {}
            last_buttons = list(data.get("buttons") or data.get("quick_replies") or [])
            if event.get("text"):
                messages.append({"sender": "assistant", "text": event["text"].strip(),
                                 "timestamp": event.get("timestamp")})
    return messages
