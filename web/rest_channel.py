"""Rasa's REST channel with its input checked: a malformed request gets a 400, never a 500.

Rasa 3.6's RestInput reads `request.json.get(...)`, so a body that is valid JSON but not
an object (`null`, `0`, `[...]`) raised a server error, and lone UTF-16 surrogates in a
message crashed the server when the text was stored (both found by tests/fuzz). This
subclass keeps the URL (/webhooks/rest/webhook) and everything else of Rasa's channel.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request

MAX_SENDER_LENGTH = 255


def clean_text(text: str) -> str:
    """The text with unpaired surrogates replaced, so it can be encoded and stored."""
    return text.encode("utf-8", "replace").decode("utf-8")


def json_object(request: Request) -> Dict[str, Any]:
    body = request.json  # Sanic answers 400 itself when the body is not JSON
    if not isinstance(body, dict):
        raise InvalidUsage("the body must be a JSON object with 'sender' and 'message'")
    return body


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = json_object(req).get("sender")
        # Required: Rasa would otherwise put every sender-less message into one shared
        # conversation called "default".
        if not isinstance(sender, (str, int)) or isinstance(sender, bool):
            raise InvalidUsage("'sender' must be a string")
        sender = clean_text(str(sender)).strip()
        if not sender or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(f"'sender' must be 1 to {MAX_SENDER_LENGTH} characters")
        return sender

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = json_object(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be a string")
        return clean_text(message)

    def _extract_input_channel(self, req: Request) -> Text:
        channel = json_object(req).get("input_channel")
        return clean_text(channel) if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = json_object(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None
