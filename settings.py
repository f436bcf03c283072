"""Configuration by environment, in one place (see .env.example and the README): every
process (Rasa server, action server, web server, jobs, tools) reads its settings through
this module, and no other module reads os.environ for a setting.

Nothing set means the embedded default: SQLite for conversations and escalations,
conversation locks in files beside the tracker database (var/locks, shared by the Sanic
workers of one machine: rasa_addons/lock_store.py), the action server on 127.0.0.1:5055.
Setting the variables below moves each part to a real service; `endpoints_config()`
renders what Rasa reads.

The Rasa server authenticates to the action server with the header ACTION_AUTH_HEADER;
the endpoints file names the secret as ${ACTION_SERVER_TOKEN}, which Rasa fills in from
its environment when it reads the file, so no generated file holds the secret.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from datetime import datetime
from typing import Dict, List, Mapping, Optional, Tuple

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent
DEFAULT_TRACKER_DB = ROOT / "var" / "tracker.db"
ACTION_TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
# Rasa expands ${...} in endpoint files from the environment (and refuses to start when
# the variable is not set).
ACTION_AUTH_HEADER = {"Authorization": "Bearer ${%s}" % ACTION_TOKEN_VARIABLE}
# Rasa's SQL tracker store, refusing to write back conversations patients had deleted
# (rasa_addons/tracker_store.py); same settings as Rasa's `type: SQL`.
TRACKER_STORE_TYPE = "rasa_addons.tracker_store.GuardedSQLTrackerStore"
# Rasa's conversation locks in files, for the Sanic workers of one machine, when no Redis
# lock store is named (rasa_addons/lock_store.py).
FILE_LOCK_STORE_TYPE = "rasa_addons.lock_store.FileLockStore"
# Sanic workers of the Rasa server `make run` starts (each holds the model: ~800 MB).
SANIC_WORKERS_VARIABLE = "SANIC_WORKERS"
DEFAULT_SANIC_WORKERS = 2
# Patients' session tokens (web/patient_sessions.py): the web server signs them, the Rasa
# server's channels check them, both with this secret.
PATIENT_SECRET_VARIABLE = "PATIENT_SESSION_SECRET"
DEFAULT_PATIENT_SECRET_FILE = ROOT / "var" / "patient_session_secret"
PATIENT_SECONDS_VARIABLE = "PATIENT_SESSION_SECONDS"
DEFAULT_PATIENT_SESSION_SECONDS = 24 * 3600
# REST_TRUSTED=1: the REST channel takes any sender without a patient token. Only for a
# clinic's own backend behind the firewall, and for the servers the project's tools start
# on loopback (tools/servers.py); `make run` leaves it off.
REST_TRUSTED_VARIABLE = "REST_TRUSTED"


def default_origins(web_port: str) -> List[str]:
    return [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]


@dataclass(frozen=True)
class Settings:
    action_server_url: str = "http://127.0.0.1:5055/webhook"
    # SQLAlchemy URL of Rasa's tracker store; None = SQLite file in var/.
    tracker_store_url: Optional[str] = None
    # redis://[:password@]host:port/db of the lock store shared by several Rasa servers.
    lock_store_url: Optional[str] = None
    # Widget origins allowed by CORS on the Rasa server; by default the demo clinic page.
    allowed_origins: List[str] = field(default_factory=lambda: default_origins("8080"))
    # Rasa leaves the domain out of calls to our actions, which never read it (validate_*
    # ones too: rasa_addons/server.py); off only for the benchmark's stock server.
    selective_domain: bool = True
    # Days after which the reconciler deletes resolved escalations and conversations
    # nobody has written in (jobs/reconcile.py purge_expired); 0 keeps everything.
    retention_days: int = 90

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        origins = [o.strip() for o in env.get("ALLOWED_ORIGINS", "").split(",") if o.strip()]
        return cls(
            # The action server make run starts (ACTION_PORT), unless another is named.
            action_server_url=(env.get("ACTION_SERVER_URL")
                               or f"http://127.0.0.1:{env.get('ACTION_PORT') or 5055}/webhook"),
            tracker_store_url=env.get("TRACKER_STORE_URL") or None,
            lock_store_url=env.get("LOCK_STORE_URL") or None,
            allowed_origins=origins or default_origins(env.get("WEB_PORT") or "8080"),
            retention_days=_retention_days(env.get("RETENTION_DAYS", "")),
        )


def _retention_days(raw: str) -> int:
    raw = raw.strip()
    if not raw:
        return Settings.retention_days
    if not raw.isdigit():
        raise ValueError(f"RETENTION_DAYS must be a whole number of days (0 keeps everything), not {raw!r}")
    return int(raw)


def _tracker_store(url: Optional[str], sqlite_path: Path) -> Dict[str, object]:
    if not url:
        return {"type": TRACKER_STORE_TYPE, "dialect": "sqlite", "db": str(sqlite_path)}
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return {"type": TRACKER_STORE_TYPE, "dialect": "sqlite", "db": parsed.database}
    config: Dict[str, object] = {
        "type": TRACKER_STORE_TYPE,
        "dialect": parsed.drivername,
        "url": parsed.host or "localhost",
        "db": parsed.database,
    }
    if parsed.port:
        config["port"] = parsed.port
    if parsed.username:
        config["username"] = parsed.username
    if parsed.password:
        config["password"] = parsed.password
    if parsed.query:
        config["query"] = dict(parsed.query)  # e.g. sslmode=require
    return config


def _lock_store(url: Optional[str], lock_dir: Path) -> Dict[str, object]:
    if not url:
        return {"type": FILE_LOCK_STORE_TYPE, "directory": str(lock_dir)}
    parsed = make_url(url)
    config: Dict[str, object] = {
        "type": "redis",
        "url": parsed.host or "localhost",
        "port": parsed.port or 6379,
        "db": int(parsed.database or 0),
        "key_prefix": "ivig",
    }
    if parsed.password:
        config["password"] = parsed.password
    if parsed.drivername == "rediss":
        config["use_ssl"] = True
    return config


def endpoints_config(settings: Settings, sqlite_path: Path = DEFAULT_TRACKER_DB,
                     lock_dir: Optional[Path] = None) -> Dict[str, object]:
    """What Rasa reads from its endpoints file. Without LOCK_STORE_URL, conversation
    locks are files in `lock_dir` (by default `locks/` beside the SQLite tracker database):
    enough for the workers of one machine; several machines need Redis."""
    action_endpoint: Dict[str, object] = {"url": settings.action_server_url,
                                          "headers": dict(ACTION_AUTH_HEADER)}
    if settings.selective_domain:
        action_endpoint["enable_selective_domain"] = True
    config: Dict[str, object] = {
        "action_endpoint": action_endpoint,
        "tracker_store": _tracker_store(settings.tracker_store_url, sqlite_path),
    }
    config["lock_store"] = _lock_store(settings.lock_store_url,
                                       lock_dir or sqlite_path.parent / "locks")
    return config


def write_endpoints_file(path: Path, settings: Settings,
                         sqlite_path: Path = DEFAULT_TRACKER_DB) -> Path:
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# generated from the environment by settings.py\n"
                    + yaml.safe_dump(endpoints_config(settings, sqlite_path), sort_keys=False))
    return path


def sanic_workers(env: Optional[Mapping[str, str]] = None,
                  default: int = DEFAULT_SANIC_WORKERS) -> int:
    """Sanic workers of the Rasa server: SANIC_WORKERS, else `default` (2 for `make run`,
    one per core here; inside a Rasa server, pass 1: Rasa's own default)."""
    env = os.environ if env is None else env
    raw = (env.get(SANIC_WORKERS_VARIABLE) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{SANIC_WORKERS_VARIABLE} must be a whole number, at least 1, not {raw!r}")
    return int(raw)


def ensure_token_file(path: Path) -> str:
    """A secret token kept in `path` (mode 0600), made on first use (every process's tokens)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        os.chmod(path, 0o600)
        token = path.read_text().strip()
        if token:
            return token
        path.unlink()
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    return token


# What a patient is told to call when the care team has not called back in time, and the
# hours when a nurse can answer in the chat itself (web/routes_handoff.py, actions/).
CLINIC_PHONE_VARIABLE = "CLINIC_PHONE"
# A placeholder in the form patients expect; every clinic sets its own number.
DEFAULT_CLINIC_PHONE = "555-0100"
CLINIC_HOURS_VARIABLE = "CLINIC_HOURS"
DEFAULT_CLINIC_HOURS = "Mon-Fri 08:00-17:00"
CLINIC_TIMEZONE_VARIABLE = "CLINIC_TIMEZONE"
DEFAULT_CLINIC_TIMEZONE = "America/New_York"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def clinic_phone(env: Optional[Mapping[str, str]] = None) -> str:
    env = os.environ if env is None else env
    return (env.get(CLINIC_PHONE_VARIABLE) or "").strip() or DEFAULT_CLINIC_PHONE


@dataclass(frozen=True)
class ClinicHours:
    """When the clinic answers: weekdays (0 = Monday), opening and closing minute of the
    day, in the clinic's time zone."""

    days: Tuple[int, ...]
    opens: int
    closes: int
    timezone: str

    def is_open(self, now: datetime) -> bool:
        """Whether the clinic is open at `now` (an aware datetime, any zone)."""
        from zoneinfo import ZoneInfo

        local = now.astimezone(ZoneInfo(self.timezone))
        minute = local.hour * 60 + local.minute
        return local.weekday() in self.days and self.opens <= minute < self.closes


def _minute_of_day(text: str, whole: str) -> int:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) <= 24 and int(minutes) < 60):
        raise ValueError(f"{CLINIC_HOURS_VARIABLE} must look like 'Mon-Fri 08:00-17:00', not {whole!r}")
    return int(hours) * 60 + int(minutes)


def clinic_hours(env: Optional[Mapping[str, str]] = None) -> ClinicHours:
    """CLINIC_HOURS ("Mon-Fri 08:00-17:00", or one day "Sat 09:00-12:00") in
    CLINIC_TIMEZONE (an IANA name such as America/Toronto)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    env = os.environ if env is None else env
    raw = (env.get(CLINIC_HOURS_VARIABLE) or "").strip() or DEFAULT_CLINIC_HOURS
    zone = (env.get(CLINIC_TIMEZONE_VARIABLE) or "").strip() or DEFAULT_CLINIC_TIMEZONE
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{CLINIC_TIMEZONE_VARIABLE} must be a time zone name such as "
                         f"America/New_York, not {zone!r}") from None
    day_part, _, time_part = raw.partition(" ")
    first, _, last = day_part.lower().partition("-")
    if first[:3] not in WEEKDAYS or (last and last[:3] not in WEEKDAYS):
        raise ValueError(f"{CLINIC_HOURS_VARIABLE} must look like 'Mon-Fri 08:00-17:00', not {raw!r}")
    start, end = WEEKDAYS.index(first[:3]), WEEKDAYS.index((last or first)[:3])
    days = tuple((start + offset) % 7 for offset in range((end - start) % 7 + 1))
    opens, _, closes = time_part.strip().partition("-")
    hours = ClinicHours(days, _minute_of_day(opens, raw), _minute_of_day(closes, raw), zone)
    if hours.opens >= hours.closes:
        raise ValueError(f"{CLINIC_HOURS_VARIABLE}: the clinic must open before it closes ({raw!r})")
    return hours


# How long the Rasa server (Sanic) and the web server (aiohttp) wait for a client: to send
# a request (Sanic: with nothing arriving for that long), and between requests on a
# kept-alive connection. A few seconds, so slow or idle connections do not pile up.
CLIENT_REQUEST_TIMEOUT_VARIABLE = "CLIENT_REQUEST_TIMEOUT"
CLIENT_KEEP_ALIVE_TIMEOUT_VARIABLE = "CLIENT_KEEP_ALIVE_TIMEOUT"
DEFAULT_CLIENT_TIMEOUT = 5.0


def client_timeouts(env: Mapping[str, str] = os.environ) -> Tuple[float, float]:
    """(request timeout, keep-alive timeout) in seconds, from the environment."""
    return (seconds_setting(env, CLIENT_REQUEST_TIMEOUT_VARIABLE, DEFAULT_CLIENT_TIMEOUT),
            seconds_setting(env, CLIENT_KEEP_ALIVE_TIMEOUT_VARIABLE, DEFAULT_CLIENT_TIMEOUT))


def patient_session_secret(env: Optional[Mapping[str, str]] = None,
                           path: Optional[Path] = None) -> str:
    """PATIENT_SESSION_SECRET, else the one kept in var/patient_session_secret (made once,
    mode 0600). `make run` settles it before it starts the servers and passes it on."""
    env = os.environ if env is None else env
    secret = env.get(PATIENT_SECRET_VARIABLE, "").strip()
    return secret or ensure_token_file(path or DEFAULT_PATIENT_SECRET_FILE)


def known_patient_session_secret(env: Optional[Mapping[str, str]] = None,
                                 path: Optional[Path] = None) -> Optional[str]:
    """The secret if this machine has one already (never makes one): for developer tools
    talking to the `make run` of this checkout."""
    env = os.environ if env is None else env
    secret = env.get(PATIENT_SECRET_VARIABLE, "").strip()
    if secret:
        return secret
    try:
        return (path or DEFAULT_PATIENT_SECRET_FILE).read_text().strip() or None
    except OSError:
        return None


def patient_session_seconds(env: Optional[Mapping[str, str]] = None) -> int:
    env = os.environ if env is None else env
    raw = env.get(PATIENT_SECONDS_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_PATIENT_SESSION_SECONDS
    if not raw.isdigit() or int(raw) < 60:
        raise ValueError(f"{PATIENT_SECONDS_VARIABLE} must be a whole number of seconds, "
                         f"at least 60, not {raw!r}")
    return int(raw)


def rest_trusted(env: Optional[Mapping[str, str]] = None) -> bool:
    env = os.environ if env is None else env
    raw = env.get(REST_TRUSTED_VARIABLE, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{REST_TRUSTED_VARIABLE} must be 1 or 0, not {raw!r}")


# How soon the care team should answer an escalation, by level (nurse triage lines aim to
# call back emergent reports within about 5 minutes and urgent ones within 15-30). An
# escalation past its deadline without an acknowledgement is overdue (store/, web/, jobs/).
DEADLINE_VARIABLES = {
    "emergency": "ESCALATION_DEADLINE_EMERGENCY_MINUTES",
    "urgent": "ESCALATION_DEADLINE_URGENT_MINUTES",
    "contact_request": "ESCALATION_DEADLINE_CONTACT_REQUEST_MINUTES",
}
DEFAULT_DEADLINE_MINUTES = {"emergency": 5, "urgent": 30, "contact_request": 240}


def response_deadline_minutes(env: Optional[Mapping[str, str]] = None) -> Dict[str, int]:
    """Minutes the care team has to acknowledge each level, from the environment."""
    env = os.environ if env is None else env
    minutes: Dict[str, int] = {}
    for level, variable in DEADLINE_VARIABLES.items():
        raw = (env.get(variable) or "").strip()
        if not raw:
            minutes[level] = DEFAULT_DEADLINE_MINUTES[level]
        elif raw.isdigit() and int(raw) >= 1:
            minutes[level] = int(raw)
        else:
            raise ValueError(f"{variable} must be a whole number of minutes, at least 1, not {raw!r}")
    return minutes



# ---------------------------------------------------------------- parsing and addresses

def flag_setting(environ: Mapping[str, str], name: str) -> bool:
    raw = environ.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SystemExit(f"{name} must be 1 or 0, not {raw!r}")


def int_setting(environ: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    """An integer setting from the environment; stops with a clear message if it is not one."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}")
    return value


def seconds_setting(environ: Mapping[str, str], name: str, default: float) -> float:
    """A positive number of seconds from the environment."""
    raw = (environ.get(name) or "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name} must be a number of seconds, not {raw!r}") from None
    if value <= 0:
        raise SystemExit(f"{name} must be more than 0 seconds")
    return value


# The project's own database (escalations, staff, deletions): DATABASE_URL, else SQLite in var/.
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'ivig_assistant.db'}"


def database_url(env: Optional[Mapping[str, str]] = None) -> str:
    env = os.environ if env is None else env
    return (env.get("DATABASE_URL") or "").strip() or DEFAULT_DATABASE_URL


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    action: int = 5055
    web: int = 8080


def ports(env: Optional[Mapping[str, str]] = None) -> Ports:
    """RASA_PORT, ACTION_PORT and WEB_PORT (make run's servers)."""
    env = os.environ if env is None else env
    return Ports(rasa=int_setting(env, "RASA_PORT", Ports.rasa),
                 action=int_setting(env, "ACTION_PORT", Ports.action),
                 web=int_setting(env, "WEB_PORT", Ports.web))


def web_host(env: Optional[Mapping[str, str]] = None) -> str:
    env = os.environ if env is None else env
    return (env.get("WEB_HOST") or "").strip() or "localhost"


def rasa_url(env: Optional[Mapping[str, str]] = None) -> str:
    """Where this machine's tools and web server reach Rasa's HTTP API."""
    env = os.environ if env is None else env
    url = (env.get("RASA_URL") or "").strip() or f"http://localhost:{ports(env).rasa}"
    return url.rstrip("/")


def rasa_auth_token(env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    env = os.environ if env is None else env
    return (env.get("RASA_AUTH_TOKEN") or "").strip() or None


# Seconds Rasa waits for a custom action (rasa_addons/server.py).
ACTION_TIMEOUT_VARIABLE = "ACTION_SERVER_TIMEOUT"
DEFAULT_ACTION_TIMEOUT = 3.0


def action_server_timeout(env: Optional[Mapping[str, str]] = None) -> float:
    env = os.environ if env is None else env
    return seconds_setting(env, ACTION_TIMEOUT_VARIABLE, DEFAULT_ACTION_TIMEOUT)


# Patient turns one Rasa server process works on at once (rasa_addons/server.py, fix 10);
# the rest wait their turn. 0: no bound.
TURNS_VARIABLE = "MAX_CONCURRENT_TURNS"
DEFAULT_CONCURRENT_TURNS = 4


def concurrent_turns(env: Optional[Mapping[str, str]] = None) -> int:
    env = os.environ if env is None else env
    raw = (env.get(TURNS_VARIABLE) or "").strip()
    if not raw:
        return DEFAULT_CONCURRENT_TURNS
    if not raw.isdigit():
        raise SystemExit(f"{TURNS_VARIABLE} must be a whole number of turns (0: no bound), "
                         f"not {raw!r}")
    return int(raw)


# Messages a patient (and an address) may send per minute on the channels; 0: no limit.


def per_minute_limit(env: Optional[Mapping[str, str]], name: str, default: int) -> int:
    env = os.environ if env is None else env
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SystemExit(f"{name} must be a whole number of messages per minute (0: no limit), "
                         f"not {raw!r}")
    return int(raw)


# A second webhook, for escalations nobody acknowledged before their deadline (signed
# with ESCALATION_WEBHOOK_SECRET like the first one): a pager or an on-call phone.
BACKUP_WEBHOOK_VARIABLE = "ESCALATION_BACKUP_WEBHOOK_URL"


def backup_webhook_url(env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    env = os.environ if env is None else env
    return (env.get(BACKUP_WEBHOOK_VARIABLE) or "").strip() or None


# Where the web server writes the first admin's generated password when it starts with no
# staff account: ADMIN_PASSWORD_FILE, else admin_password beside a SQLite database (so a
# test server's stays in its own folder), else var/admin_password.
ADMIN_PASSWORD_VARIABLE = "ADMIN_PASSWORD_FILE"


def admin_password_file(env: Optional[Mapping[str, str]] = None,
                        database_file: Optional[Path] = None) -> Path:
    env = os.environ if env is None else env
    named = (env.get(ADMIN_PASSWORD_VARIABLE) or "").strip()
    if named:
        return Path(named)
    if database_file is not None:
        return database_file.parent / "admin_password"
    return ROOT / "var" / "admin_password"
