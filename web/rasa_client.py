"""The web server's reader of Rasa's HTTP API: a conversation's tracker (the API token is
added here, server-side: patients' browsers never see it), and what the widget and the
staff inbox make of a tracker: the triage level, the turns stored, the transcript."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import quote

import aiohttp
from aiohttp import web

from clinical.triage import INTENT_CRISIS, INTENT_SEVERE
from web.config import CONFIG_KEY, WebConfig
from web.handoff_relay import HANDOFF_METADATA_KEY, RELAY_URL, mint_relay_token
from web.status_cache import Status

HTTP_KEY = web.AppKey("http", object)  # the aiohttp.ClientSession, open while the app runs

LEVELS = ("emergency", "urgent", "self_care", "info")
# Responses that tell the patient to call 911 now. The widget shows its banner when the
# slot says emergency, or when one of these was said in the latest turn (the rule says
# it before the action server runs, so it counts even if the action server is down).
EMERGENCY_RESPONSES = frozenset({"utter_emergency"})
# A patient message the assistant answered with 911 (or 988) advice, or read as an
# emergency or a crisis: the nurse's view highlights it.
ADVICE_RESPONSES = frozenset({"utter_emergency", "utter_crisis"})
EMERGENCY_INTENTS = frozenset({INTENT_SEVERE, INTENT_CRISIS})
STAFF_MESSAGES_IN_STATUS = 20


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


async def post_tracker_event(app: web.Application, conversation_id: str,
                             event: Dict[str, Any]) -> None:
    """Append one event to a conversation through Rasa's HTTP API (pause, resume)."""
    config: WebConfig = app[CONFIG_KEY]
    http: aiohttp.ClientSession = app[HTTP_KEY]
    params = {"include_events": "NONE"}
    if config.rasa_auth_token:
        params["token"] = config.rasa_auth_token
    url = f"{config.rasa_url}/conversations/{quote(conversation_id, safe='')}/tracker/events"
    try:
        async with http.post(url, params=params, json=event) as response:
            if response.status != 200:
                raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise RasaUnavailable(error.__class__.__name__) from error


async def relay_to_patient(app: web.Application, conversation_id: str,
                           body: Dict[str, Any]) -> None:
    """Ask the Rasa server's socket.io channel to tell the patient's widget (a nurse's
    message, the acknowledgement, the hand back: rasa_addons/handoff.py)."""
    config: WebConfig = app[CONFIG_KEY]
    http: aiohttp.ClientSession = app[HTTP_KEY]
    url = RELAY_URL.format(rasa_url=config.rasa_url,
                           conversation_id=quote(conversation_id, safe=""))
    token = mint_relay_token(config.patient_session_secret, conversation_id)
    try:
        async with http.post(url, json=body, headers={"Authorization": f"Bearer {token}"}) as response:
            if response.status != 200:
                raise RasaUnavailable(f"the relay answered HTTP {response.status}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise RasaUnavailable(error.__class__.__name__) from error


async def wait_for_changes(app: web.Application, conversation_id: str,
                           seen: Optional[int], wait_seconds: float = 15.0) -> int:
    """The conversation's change version from the Rasa server's relay: at once if it is not
    `seen`, else when the conversation is next saved (or after `wait_seconds` or so)."""
    config: WebConfig = app[CONFIG_KEY]
    http: aiohttp.ClientSession = app[HTTP_KEY]
    url = RELAY_URL.format(rasa_url=config.rasa_url,
                           conversation_id=quote(conversation_id, safe="")) + "/changes"
    token = mint_relay_token(config.patient_session_secret, conversation_id)
    params = {} if seen is None else {"version": str(seen)}
    try:
        async with http.get(url, params=params, headers={"Authorization": f"Bearer {token}"},
                            timeout=aiohttp.ClientTimeout(total=wait_seconds + 10)) as response:
            if response.status != 200:
                raise RasaUnavailable(f"the relay answered HTTP {response.status}")
            version = (await response.json()).get("version")
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        raise RasaUnavailable(error.__class__.__name__) from error
    if not isinstance(version, int):
        raise RasaUnavailable("the relay sent no version")
    return version


def staff_of(event: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """Who from the care team wrote a bot event, if a nurse did (the relay's metadata)."""
    handoff = (event.get("metadata") or {}).get(HANDOFF_METADATA_KEY)
    return handoff if isinstance(handoff, dict) and handoff.get("kind") == "staff" else None


def staff_messages(tracker: Mapping[str, Any]) -> Tuple[Dict[str, Any], ...]:
    """The latest messages nurses wrote in the conversation, for the widget."""
    found = [{"text": event.get("text") or "", "name": staff.get("name") or "",
              "role": staff.get("role") or "", "timestamp": event.get("timestamp")}
             for event in tracker.get("events") or []
             if event.get("event") == "bot" and (staff := staff_of(event))]
    return tuple(found[-STAFF_MESSAGES_IN_STATUS:])


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
    return Status(level=latest_turn_level(tracker), turns=user_turns(tracker),
                  handoff=bool(tracker.get("paused")), staff_messages=staff_messages(tracker))


def transcript_from_tracker(tracker: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """User and bot texts in order. A button press shows its title, as the patient saw it.
    A nurse's message is the staff's, with her name and role; a patient message that got
    911 or 988 advice is marked `emergency`; the handoff's start and end are shown."""
    messages: List[Dict[str, Any]] = []
    last_buttons: List[Dict[str, Any]] = []
    last_patient: Optional[Dict[str, Any]] = None
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
            if ((event.get("parse_data") or {}).get("intent") or {}).get("name") in EMERGENCY_INTENTS:
                entry["emergency"] = True
            messages.append(entry)
            last_patient = entry
            last_buttons = []
        elif kind == "bot":
            data = event.get("data") or {}
            last_buttons = list(data.get("buttons") or data.get("quick_replies") or [])
            if (event.get("metadata") or {}).get("utter_action") in ADVICE_RESPONSES \
                    and last_patient is not None:
                last_patient["emergency"] = True  # the assistant told them to call 911
            staff = staff_of(event)
            if event.get("text") and staff:
                messages.append({"sender": "staff", "text": event["text"].strip(),
                                 "staff_name": staff.get("name") or "",
                                 "staff_role": staff.get("role") or "",
                                 "timestamp": event.get("timestamp")})
            elif event.get("text"):
                messages.append({"sender": "assistant", "text": event["text"].strip(),
                                 "timestamp": event.get("timestamp")})
        elif kind == "pause":
            messages.append({"sender": "system", "text": "A nurse took over the chat",
                             "timestamp": event.get("timestamp")})
        elif kind == "resume":
            messages.append({"sender": "system", "text": "Handed back to the assistant",
                             "timestamp": event.get("timestamp")})
    return messages
