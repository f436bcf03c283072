"""The web server's configuration (WebConfig, read from the environment) and the keys
under which the app keeps what every module reads: the config, the database, the clock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Mapping, Optional

from aiohttp import web

from settings import (
    backup_webhook_url,
    flag_setting,
    int_setting,
    patient_session_seconds,
    patient_session_secret,
    ports,
    rasa_auth_token,
    rasa_url,
)
from web.sessions import SessionPolicy

CONFIG_KEY = web.AppKey("config", object)
DATABASE_KEY = web.AppKey("database", object)
CLOCK_KEY = web.AppKey("clock", object)  # () -> aware UTC datetime; tests pass their own


@dataclass(frozen=True)
class WebConfig:
    staff_token: str
    rasa_url: str = "http://localhost:5005"  # where this server reaches Rasa's HTTP API
    widget_rasa_url: str = ""  # where patients' browsers reach Rasa's socket.io; default rasa_url
    rasa_auth_token: Optional[str] = None
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_include_message: bool = False
    # Sent once for each escalation still unacknowledged past its deadline (jobs/webhooks.py).
    backup_webhook_url: Optional[str] = None
    public_url: str = "http://localhost:8080"
    refresh_seconds: int = 5
    # Request bodies above this are refused with 413 before any handler runs: the
    # largest real one (the sign-in form) is a few dozen bytes.
    max_body_bytes: int = 8192
    # Staff sessions end after this long unused, and this long after sign-in at most.
    session_idle_seconds: int = 8 * 3600
    session_max_seconds: int = 12 * 3600
    # Failed sign-ins (form or Bearer) allowed per client in the window, then 429.
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    # Behind a reverse proxy: believe its X-Forwarded-Proto (https -> Secure cookie) and
    # the last X-Forwarded-For address (the client it saw, for the throttle). Only when
    # the proxy is the only way in: otherwise anyone can send these headers.
    trust_proxy_headers: bool = False
    # Always mark the cookie Secure (TLS ends somewhere this server cannot see).
    force_secure_cookies: bool = False
    # Patients' session tokens: the secret shared with the Rasa server's channels (a
    # random one unless given: then only this server's own tokens are good), and how long
    # a token lasts.
    patient_session_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32),
                                        repr=False)
    patient_session_seconds: int = 24 * 3600

    @property
    def session_policy(self) -> SessionPolicy:
        return SessionPolicy(idle_seconds=self.session_idle_seconds,
                             max_seconds=self.session_max_seconds)

    @property
    def browser_rasa_url(self) -> str:
        return (self.widget_rasa_url or self.rasa_url).rstrip("/")

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> "WebConfig":
        token = environ.get("STAFF_TOKEN", "").strip()
        if not token:
            raise SystemExit("STAFF_TOKEN is not set: the staff inbox needs it (make run makes one)")
        port = ports(environ).web
        return cls(
            staff_token=token,
            rasa_url=rasa_url(environ),
            widget_rasa_url=environ.get("WIDGET_RASA_URL", ""),
            rasa_auth_token=rasa_auth_token(environ),
            webhook_url=environ.get("ESCALATION_WEBHOOK_URL") or None,
            webhook_secret=environ.get("ESCALATION_WEBHOOK_SECRET") or None,
            webhook_include_message=environ.get("ESCALATION_WEBHOOK_INCLUDE_MESSAGE") == "1",
            backup_webhook_url=backup_webhook_url(environ),
            public_url=(environ.get("WEB_PUBLIC_URL") or f"http://localhost:{port}").rstrip("/"),
            refresh_seconds=max(2, int(environ.get("STAFF_REFRESH_SECONDS", "5"))),
            max_body_bytes=int_setting(environ, "WEB_MAX_BODY_BYTES", 8192, minimum=1024),
            session_idle_seconds=int_setting(environ, "STAFF_SESSION_IDLE_SECONDS", 8 * 3600),
            session_max_seconds=int_setting(environ, "STAFF_SESSION_MAX_SECONDS", 12 * 3600),
            login_max_failures=int_setting(environ, "STAFF_LOGIN_MAX_FAILURES", 5),
            login_window_seconds=int_setting(environ, "STAFF_LOGIN_WINDOW_SECONDS", 15 * 60),
            trust_proxy_headers=flag_setting(environ, "TRUST_PROXY_HEADERS"),
            force_secure_cookies=flag_setting(environ, "FORCE_SECURE_COOKIES"),
            patient_session_secret=patient_session_secret(environ),
            patient_session_seconds=patient_session_seconds(environ),
        )
