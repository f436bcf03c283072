"""Patient session tokens: the credential of a patient's conversation.

The conversation id alone is not a credential (it is kept in the browser and shows up in
tools). The web server mints a signed, expiring token for one conversation id
(POST /api/widget/session), and everything that reads or writes a conversation on a
patient's behalf checks it: the socket.io channel (session_request and every
user_uttered), the REST channel (unless REST_TRUSTED=1), and the widget status API.

Tokens are JWTs (PyJWT, HS256) with the conversation id as `sub`, an audience of their
own and an expiry (`PATIENT_SESSION_SECONDS`, 24 h). The secret is PATIENT_SESSION_SECRET,
or one generated once into var/patient_session_secret (mode 0600): the web server and the
Rasa server's channels read the same one (settings.py).

Used by both processes, and kept in web/ because the web server is where tokens are
issued: the Rasa server's channels (rasa_addons/channels/) only check them, and the
actions and the reconciler use `log_id`. It imports PyJWT alone (no aiohttp, no Rasa), so
importing it loads nothing of the web server into the other processes.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional, Tuple

import jwt

ALGORITHM = "HS256"
AUDIENCE = "ivig-patient-session"
MIN_SECRET_LENGTH = 32
MAX_TOKEN_LENGTH = 2048

# Why a token was refused (the `error` of refusals sent to clients).
MISSING, INVALID, EXPIRED, WRONG_CONVERSATION = ("missing_token", "invalid_token",
                                                 "expired_token", "wrong_conversation")


class SessionTokenError(Exception):
    """A token that does not open a conversation; `reason` is one of the names above."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def log_id(conversation_id: object) -> str:
    """What logs say instead of a conversation id: a short hash of it (ids are credentials
    in the wrong hands, and patients' identifiers in some integrations)."""
    digest = hashlib.sha256(str(conversation_id).encode("utf-8", "replace")).hexdigest()
    return f"conv#{digest[:10]}"


@dataclass(frozen=True)
class PatientSessions:
    secret: str
    max_age: int = 24 * 3600
    clock: Callable[[], float] = field(default=time.time)

    def __post_init__(self) -> None:
        if len(self.secret) < MIN_SECRET_LENGTH:
            raise ValueError(f"the patient session secret must be at least "
                             f"{MIN_SECRET_LENGTH} characters")

    def mint(self, conversation_id: str) -> str:
        now = int(self.clock())
        return jwt.encode({"sub": conversation_id, "aud": AUDIENCE, "iat": now,
                           "exp": now + self.max_age}, self.secret, algorithm=ALGORITHM)

    def new(self) -> Tuple[str, str]:
        """A new random conversation id and its token."""
        conversation_id = uuid.uuid4().hex
        return conversation_id, self.mint(conversation_id)

    def conversation_of(self, token: object) -> str:
        """The conversation id `token` opens; SessionTokenError otherwise."""
        if token is None or token == "":
            raise SessionTokenError(MISSING)
        if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
            raise SessionTokenError(INVALID)
        try:
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM], audience=AUDIENCE,
                                options={"require": ["exp", "sub", "aud"], "verify_exp": False})
        except jwt.PyJWTError:
            raise SessionTokenError(INVALID) from None
        # Expiry checked here, against this object's clock (tests pass their own).
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= self.clock():
            raise SessionTokenError(EXPIRED)
        conversation_id = claims.get("sub")
        if not isinstance(conversation_id, str) or not conversation_id:
            raise SessionTokenError(INVALID)
        return conversation_id

    def check(self, token: object, conversation_id: str) -> None:
        """SessionTokenError unless `token` is valid and opens `conversation_id`."""
        if self.conversation_of(token) != conversation_id:
            raise SessionTokenError(WRONG_CONVERSATION)

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "PatientSessions":
        from settings import patient_session_seconds, patient_session_secret

        return cls(patient_session_secret(env), patient_session_seconds(env))


def bearer(header: Optional[str]) -> Optional[str]:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    scheme, _, value = (header or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None
