"""The care team's accounts (table `staff_users`): adding, listing, disabling, checking a
password, and the first admin made when the web server starts with none.

Passwords are kept only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second
recommended setting); a generated password is 16 random bytes, URL-safe. A session
(web/sessions.py) records `credential_of(user)`, a tag of the account's current hash: a
new password ends the account's sessions, and a disabled account's sessions are refused
(web/auth.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime
from pathlib import Path
from typing import List, Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from store.database import Database
from store.models import StaffUser, utc_now

logger = logging.getLogger(__name__)

ROLES = ("nurse", "admin")
# Who a request made with the shared STAFF_TOKEN is attributed to; no account may take it.
STAFF_TOKEN_USER = "staff-token"
RESERVED_USERNAMES = {STAFF_TOKEN_USER, "staff", "system"}
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD_LENGTH = 12
FIRST_ADMIN = "admin"

_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when the username is unknown, so a wrong name takes as long as a
    wrong password (no telling which names exist by timing). Made at first use, not import."""
    return _hasher.hash(secrets.token_urlsafe(16))


class StaffAccountError(ValueError):
    """A request about an account that cannot be done (bad name, taken, unknown...)."""


@dataclass(frozen=True)
class StaffAccount:
    """An account as the rest of the code sees it (never the hash)."""

    username: str
    display_name: str
    role: str
    disabled: bool
    created_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _account(row: StaffUser) -> StaffAccount:
    return StaffAccount(row.username, row.display_name or row.username, row.role,
                        bool(row.disabled), row.created_at)


def generate_password() -> str:
    return secrets.token_urlsafe(16)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def credential_of(password_hash: str) -> str:
    """What a session made with this password records (not the hash itself)."""
    return "user:" + hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def check_new_account(username: str, role: str) -> str:
    name = normalise_username(username)
    if not USERNAME_PATTERN.match(name):
        raise StaffAccountError("a username is 2 to 32 lowercase letters, digits, '.', '_' or '-'")
    if name in RESERVED_USERNAMES:
        raise StaffAccountError(f"the username {name!r} is reserved")
    if role not in ROLES:
        raise StaffAccountError(f"role must be one of {', '.join(ROLES)}")
    return name


def add_user(database: Database, username: str, role: str = "nurse",
             display_name: str = "", password: Optional[str] = None,
             now: Optional[datetime] = None) -> str:
    """Add an account; returns its password (a generated one unless given)."""
    name = check_new_account(username, role)
    password = password or generate_password()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffAccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    with database.session() as session:
        if session.query(StaffUser.id).filter(StaffUser.username == name).first() is not None:
            raise StaffAccountError(f"there is already an account {name!r}")
        session.add(StaffUser(username=name, display_name=(display_name or "").strip()[:128],
                              role=role, password_hash=hash_password(password),
                              disabled=False, created_at=now or utc_now()))
    logger.info("staff account %s added (%s)", name, role)
    return password


def list_users(database: Database) -> List[StaffAccount]:
    with database.session() as session:
        return [_account(row) for row in session.query(StaffUser).order_by(StaffUser.username)]


def get_user(database: Database, username: str) -> Optional[StaffAccount]:
    with database.session() as session:
        row = session.query(StaffUser).filter(
            StaffUser.username == normalise_username(username)).one_or_none()
        return _account(row) if row is not None else None


def count_users(database: Database) -> int:
    with database.session() as session:
        return session.query(StaffUser.id).count()


def set_disabled(database: Database, username: str, disabled: bool) -> StaffAccount:
    """Disable (or enable again) an account. The last enabled admin cannot be disabled:
    someone must be able to add accounts."""
    name = normalise_username(username)
    with database.session() as session:
        row = session.query(StaffUser).filter(StaffUser.username == name).one_or_none()
        if row is None:
            raise StaffAccountError(f"no account {name!r}")
        if disabled and row.role == "admin" and not row.disabled:
            admins = session.query(StaffUser.id).filter(
                StaffUser.role == "admin", StaffUser.disabled.is_(False)).count()
            if admins <= 1:
                raise StaffAccountError("this is the last admin account: add another admin first")
        row.disabled = disabled
        account = _account(row)
    logger.info("staff account %s %s", name, "disabled" if disabled else "enabled")
    return account


def reset_password(database: Database, username: str, password: Optional[str] = None) -> str:
    """A new password for an account (its sessions end: their credential no longer matches)."""
    name = normalise_username(username)
    password = password or generate_password()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffAccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    with database.session() as session:
        row = session.query(StaffUser).filter(StaffUser.username == name).one_or_none()
        if row is None:
            raise StaffAccountError(f"no account {name!r}")
        row.password_hash = hash_password(password)
    return password


def authenticate(database: Database, username: str,
                 password: str) -> Optional[Tuple[StaffAccount, str]]:
    """(account, session credential) when the name and password are right and the
    account is enabled; else None (the same time is spent either way)."""
    name = normalise_username(username)
    with database.session() as session:
        row = session.query(StaffUser).filter(StaffUser.username == name).one_or_none()
        stored = row.password_hash if row is not None else _dummy_hash()
        try:
            _hasher.verify(stored, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or row.disabled:
            return None
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = hash_password(password)
        return _account(row), credential_of(row.password_hash)


def session_credential(database: Database, username: str) -> Optional[str]:
    """The credential a live session of this account must carry; None when the account
    is unknown or disabled (its sessions stop working)."""
    with database.session() as session:
        row = session.query(StaffUser).filter(StaffUser.username == username).one_or_none()
        if row is None or row.disabled:
            return None
        return credential_of(row.password_hash)


def write_secret_file(path: Path, text: str) -> None:
    """Write `text` to `path`, readable by this user only (0600), replacing it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def ensure_first_admin(database: Database, password_file: Path) -> Optional[str]:
    """With no account at all, add admin `admin` with a generated password written to
    `password_file` (0600); returns the file's path as text, else None (nothing done)."""
    if count_users(database):
        return None
    try:
        password = add_user(database, FIRST_ADMIN, "admin", display_name="Administrator")
    except StaffAccountError:  # another process made it at the same moment
        return None
    write_secret_file(password_file, f"username: {FIRST_ADMIN}\npassword: {password}\n")
    return str(password_file)
