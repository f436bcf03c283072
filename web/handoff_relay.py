"""The live handoff's relay between the two servers: the web server (a nurse's reply, the
hand back, an acknowledgement) asks the Rasa server's socket.io channel to tell the
patient's widget (rasa_addons/channels/handoff.py). Used by both processes: like
web/patient_sessions.py it imports PyJWT alone.

The relay route is authenticated by a short-lived token for one conversation, signed with
the patient session secret both servers already share (PATIENT_SESSION_SECRET), under an
audience of its own: a patient's token never opens the relay, nor a relay token a chat.
"""

from __future__ import annotations

import time
from typing import Optional

import jwt

from web.patient_sessions import ALGORITHM, SessionTokenError

RELAY_AUDIENCE = "ivig-handoff-relay"
RELAY_TOKEN_SECONDS = 60
# Where the relay listens, under the socket.io channel's prefix (/webhooks/socketio).
RELAY_PATH = "/handoff/<conversation_id>"
RELAY_URL = "{rasa_url}/webhooks/socketio/handoff/{conversation_id}"

# What the relay is asked to do (the `kind` of its JSON body).
STAFF_MESSAGE = "staff_message"  # {"text", "staff": {"name", "role"}}: said to the patient, kept
ACKNOWLEDGED = "acknowledged"    # a nurse has seen the escalation: a notice in the widget
HANDBACK = "handback"            # the assistant is back: it says so (utter_handback)
KINDS = (STAFF_MESSAGE, ACKNOWLEDGED, HANDBACK)

# The socket.io event the widget gets for notices that are not chat messages.
STAFF_NOTICE_EVENT = "staff_notice"
ACKNOWLEDGED_TEXT = "A nurse has seen your message."
# Bot events the relay stores carry this in their metadata: {"kind": "staff", "name", "role"}.
HANDOFF_METADATA_KEY = "handoff"


def mint_relay_token(secret: str, conversation_id: str, now: Optional[float] = None) -> str:
    issued = int(time.time() if now is None else now)
    return jwt.encode({"sub": conversation_id, "aud": RELAY_AUDIENCE, "iat": issued,
                       "exp": issued + RELAY_TOKEN_SECONDS}, secret, algorithm=ALGORITHM)


def check_relay_token(secret: str, token: Optional[str], conversation_id: str) -> None:
    """SessionTokenError unless `token` is a live relay token for `conversation_id`."""
    if not token:
        raise SessionTokenError("missing_token")
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], audience=RELAY_AUDIENCE,
                            options={"require": ["exp", "sub", "aud"]})
    except jwt.ExpiredSignatureError:
        raise SessionTokenError("expired_token") from None
    except jwt.PyJWTError:
        raise SessionTokenError("invalid_token") from None
    if claims.get("sub") != conversation_id:
        raise SessionTokenError("wrong_conversation")
