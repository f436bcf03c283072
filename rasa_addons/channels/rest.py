"""Rasa's REST channel with its input checked: a malformed request gets a 400, never a 500.

Rasa 3.6's RestInput reads `request.json.get(...)`, so a body that is valid JSON but not
an object (`null`, `0`, `[...]`) raised a server error, and lone UTF-16 surrogates in a
message crashed the server when the text was stored (both found by tests/fuzz). This
subclass keeps the URL (/webhooks/rest/webhook) and everything else of Rasa's channel.

What a patient sends is text, never a command (README "Security"):
- A leading "/" makes Rasa read a message as an intent ("/report_severe_reaction" filed
  an emergency without a word). `patient_text` puts an invisible WORD JOINER (U+2060)
  before it, which Rasa's RegexMessageHandler does not strip: the message is understood
  as the words it is, and the tracker keeps the patient's text as typed behind that mark.
- A body over MAX_BODY_BYTES is refused with 413 before anything is read or stored
  (understanding reads the first 2,000 characters anyway: components/message_guard.py).

Who may write as a sender: the REST channel asks for the patient's session token
(web/patient_sessions.py) in `Authorization: Bearer <token>`, for that very sender:
401 without a valid one (missing, forged, expired), 403 for another conversation's, and
nothing is stored. REST_TRUSTED=1 turns this off, for a clinic's own backend behind the
firewall that vouches for its senders, and for the servers the project's tools start on
loopback (tools/servers.py). `make run` leaves it off.

credentials.yml names this class (rasa_addons.channels.rest.RestInput). Written against
Rasa 3.6's RestInput (it overrides its private `_extract_*` methods); another Rasa version
refuses to import this module until it is checked again.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

import rasa
from rasa.core.channels.rest import RestInput as RasaRestInput
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from sanic.exceptions import Forbidden, InvalidUsage, PayloadTooLarge, Unauthorized
from sanic.request import Request

from settings import rest_trusted
from rasa_addons.channels.patient_limits import check_rest_message
from web.patient_sessions import (
    WRONG_CONVERSATION,
    PatientSessions,
    SessionTokenError,
    bearer,
)

SUPPORTED_RASA = "3.6."
if not rasa.__version__.startswith(SUPPORTED_RASA):
    raise ImportError(
        f"rasa_addons/channels/rest.py overrides the private _extract_* methods of Rasa "
        f"{SUPPORTED_RASA}x's RestInput; Rasa {rasa.__version__} is installed: check that "
        f"RestInput still reads the sender, message, input channel and metadata through them")

MAX_SENDER_LENGTH = 255
# The largest patient message, in bytes of JSON (REST body, socket.io event). A 2,000
# character message fits as UTF-8 even outside ASCII (3 bytes a character); a client that
# escapes every non-ASCII character ("\u00e9": 6 bytes) can send about 1,300 of them.
MAX_BODY_BYTES = 8 * 1024
TOO_LONG = ("The message is too long (at most {limit} bytes). Please send it in shorter "
            "parts. If you are very unwell, call 911 now.")
# Invisible, and not whitespace to Python's str.strip (which Rasa applies before looking
# for the "/" of an intent).
TEXT_MARK = "\u2060"
# The Yes/No buttons' payloads while data/content still has them as intents: their words
# (the screening form reads answers from words). Remove once the payloads are "yes"/"no".
BUTTON_WORDS = {"/affirm": "yes", "/deny": "no"}


def clean_text(text: str) -> str:
    """The text with unpaired surrogates replaced, so it can be encoded and stored."""
    return text.encode("utf-8", "replace").decode("utf-8")


def patient_text(text: str) -> str:
    """A patient's message as Rasa must read it: words, never an intent or a command."""
    text = clean_text(text)
    stripped = text.strip()
    if stripped in BUTTON_WORDS:
        return BUTTON_WORDS[stripped]
    if stripped.startswith(INTENT_MESSAGE_PREFIX):
        return TEXT_MARK + text
    return text


def json_object(request: Request) -> Dict[str, Any]:
    if len(request.body or b"") > MAX_BODY_BYTES:
        raise PayloadTooLarge(TOO_LONG.format(limit=MAX_BODY_BYTES))
    body = request.json  # Sanic answers 400 itself when the body is not JSON
    if not isinstance(body, dict):
        raise InvalidUsage("the body must be a JSON object with 'sender' and 'message'")
    return body


class RestInput(RasaRestInput):
    _trusted: Optional[bool] = None
    _patient_sessions: Optional[PatientSessions] = None

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @property
    def trusted(self) -> bool:
        if self._trusted is None:
            self._trusted = rest_trusted()
        return self._trusted

    @property
    def patient_sessions(self) -> PatientSessions:
        if self._patient_sessions is None:
            self._patient_sessions = PatientSessions.from_env()
        return self._patient_sessions

    def blueprint(self, on_new_message: Any) -> Any:
        if not self.trusted:
            self.patient_sessions  # read the secret now: a bad one stops the server at start
        return super().blueprint(on_new_message)

    def check_patient_token(self, req: Request, sender: str) -> None:
        """401/403 unless the request carries the session token of `sender`."""
        try:
            self.patient_sessions.check(bearer(req.headers.get("Authorization")), sender)
        except SessionTokenError as refused:
            if refused.reason == WRONG_CONVERSATION:
                raise Forbidden("the session token is for another conversation") from None
            raise Unauthorized(f"a valid patient session token is required ({refused.reason})",
                               scheme="Bearer") from None

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = json_object(req).get("sender")
        # Required: Rasa would otherwise put every sender-less message into one shared
        # conversation called "default".
        if not isinstance(sender, (str, int)) or isinstance(sender, bool):
            raise InvalidUsage("'sender' must be a string")
        sender = clean_text(str(sender)).strip()
        if not sender or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(f"'sender' must be 1 to {MAX_SENDER_LENGTH} characters")
        if not self.trusted:
            self.check_patient_token(req, sender)
        check_rest_message(req, sender)  # 429 over the rate limit (patient_limits.py)
        return sender

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = json_object(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be a string")
        return patient_text(message)

    def _extract_input_channel(self, req: Request) -> Text:
        channel = json_object(req).get("input_channel")
        return clean_text(channel) if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = json_object(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None
