"""Staff sessions kept server-side, in the escalation database (table `staff_sessions`).

Signing in makes a random session id (`secrets.token_urlsafe(32)`, 256 bits) that only the
cookie holds; the table keeps its SHA-256, so a copy of the database hands out no live
session. The server decides whether a session is still good:

- idle expiry: unused for `SessionPolicy.idle_seconds` (default 8 h);
- absolute expiry: `max_seconds` after sign-in (default 12 h), however busy;
- revoked: signing out, or signing in again from the same browser, ends it at once;
- credential: each session records a tag of the credential it was made with (see
  `credential_tag`); a session made with another credential is refused, so changing
  STAFF_TOKEN still signs everyone out, as it did when the cookie was derived from it.

A row names its `staff_user`: an account's username (store/staff.py), with a tag of the
account's password hash as the credential (a new password or a disabled account ends its
sessions), or "staff-token" for a sign-in with the shared STAFF_TOKEN.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Optional, Union

from store.database import Database
from store.models import StaffSession, as_utc

SHARED_STAFF_USER = "staff-token"  # who a session of the shared staff token belongs to
# The credential a session must carry: one for all, or found from its staff_user (None:
# the account is gone or disabled, and the session refused).
Credential = Union[str, Callable[[str], Optional[str]]]
MAX_TOKEN_LENGTH = 128  # a cookie longer than any id we make is not looked up


@dataclass(frozen=True)
class SessionPolicy:
    idle_seconds: int = 8 * 3600
    max_seconds: int = 12 * 3600

    @property
    def touch_seconds(self) -> float:
        """How stale last_seen_at may get before a request writes it again (not on every
        5-second inbox refresh)."""
        return min(60.0, self.idle_seconds / 4)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def credential_tag(secret: str) -> str:
    """A short tag of the credential a session was made with. scrypt, so the tag in the
    database is no quick way to test guesses of the staff token."""
    return hashlib.scrypt(secret.encode(), salt=b"ivig-staff-session-credential-v1",
                          n=2 ** 14, r=8, p=1, dklen=16).hex()


def start_session(database: Database, staff_user: str, credential: str,
                  policy: SessionPolicy, now: datetime) -> str:
    """A new session for `staff_user`; returns the id for the cookie (stored only hashed).
    Sessions past their absolute expiry are deleted on the way."""
    token = secrets.token_urlsafe(32)
    with database.session() as session:
        session.query(StaffSession).filter(StaffSession.expires_at < now) \
            .delete(synchronize_session=False)
        session.add(StaffSession(token_hash=hash_token(token), staff_user=staff_user,
                                 credential=credential, created_at=now, last_seen_at=now,
                                 expires_at=now + timedelta(seconds=policy.max_seconds)))
    return token


def find_session(database: Database, token: str, credential: Credential,
                 policy: SessionPolicy, now: datetime) -> Optional[StaffSession]:
    """The live session the cookie names, or None (unknown, revoked, expired, or made with
    another credential). Keeps it alive by writing last_seen_at now and then."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    with database.session() as session:
        row = session.query(StaffSession).filter(
            StaffSession.token_hash == hash_token(token)).one_or_none()
        if row is None or row.revoked_at is not None:
            return None
        expected = credential(row.staff_user) if callable(credential) else credential
        if expected is None or row.credential != expected:
            return None
        last_seen = as_utc(row.last_seen_at)
        if now >= as_utc(row.expires_at) or now >= last_seen + timedelta(seconds=policy.idle_seconds):
            return None
        if (now - last_seen).total_seconds() >= policy.touch_seconds:
            row.last_seen_at = now
        return row


def end_session(database: Database, token: str, now: datetime) -> bool:
    """Revoke the session the cookie names; False if there was none to end."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return False
    with database.session() as session:
        row = session.query(StaffSession).filter(
            StaffSession.token_hash == hash_token(token)).one_or_none()
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = now
        return True
