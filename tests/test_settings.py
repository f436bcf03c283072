"""Configuration by environment: SQLite by default, PostgreSQL and Redis when set."""

import pytest

from settings import (
    ACTION_AUTH_HEADER,
    Settings,
    endpoints_config,
    ensure_token_file,
    write_endpoints_file,
)


def test_nothing_set_means_embedded_sqlite_and_file_locks_beside_it(tmp_path):
    config = endpoints_config(Settings.from_env({}), tmp_path / "t.db")
    assert config["tracker_store"] == {"type": "rasa_addons.tracker_store.GuardedSQLTrackerStore", "dialect": "sqlite", "db": str(tmp_path / "t.db")}
    # Not Rasa's in-memory store: the Sanic workers of `make run` share these locks.
    assert config["lock_store"] == {"type": "rasa_addons.lock_store.FileLockStore",
                                    "directory": str(tmp_path / "locks")}
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"


def test_postgres_redis_and_action_server_from_the_environment():
    settings = Settings.from_env({
        "TRACKER_STORE_URL": "postgresql://rasa:secret@db.internal:5433/tracker",
        "LOCK_STORE_URL": "redis://:pw@cache:6380/2",
        "ACTION_SERVER_URL": "http://actions:5055/webhook",
        "ALLOWED_ORIGINS": "https://clinic.example, https://www.clinic.example",
    })
    config = endpoints_config(settings)
    assert config["tracker_store"] == {"type": "rasa_addons.tracker_store.GuardedSQLTrackerStore", "dialect": "postgresql", "url": "db.internal",
                                       "db": "tracker", "port": 5433, "username": "rasa",
                                       "password": "secret"}
    assert config["lock_store"] == {"type": "redis", "url": "cache", "port": 6380, "db": 2,
                                    "key_prefix": "ivig", "password": "pw"}
    assert config["action_endpoint"]["url"] == "http://actions:5055/webhook"
    assert settings.allowed_origins == ["https://clinic.example", "https://www.clinic.example"]


def test_endpoints_yml_is_what_the_defaults_render():
    """endpoints.yml (used by `make shell`) and `make run`'s generated file agree."""
    import yaml

    from settings import ROOT

    on_disk = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    rendered = endpoints_config(Settings.from_env({}), ROOT / "var" / "tracker.db")
    on_disk["tracker_store"]["db"] = str(ROOT / on_disk["tracker_store"]["db"])
    on_disk["lock_store"]["directory"] = str(ROOT / on_disk["lock_store"]["directory"])
    assert on_disk == rendered


def test_the_action_server_url_follows_action_port_unless_named():
    assert Settings.from_env({"ACTION_PORT": "5155"}).action_server_url == (
        "http://127.0.0.1:5155/webhook")
    assert Settings.from_env({"ACTION_PORT": "5155", "ACTION_SERVER_URL": "http://a:1/webhook"}
                             ).action_server_url == "http://a:1/webhook"


def test_widget_origins_follow_the_web_port():
    assert Settings.from_env({"WEB_PORT": "9090"}).allowed_origins == [
        "http://localhost:9090", "http://127.0.0.1:9090"]


def test_url_options_are_kept():
    config = endpoints_config(Settings.from_env({
        "TRACKER_STORE_URL": "postgresql://u@db/t?sslmode=require",
        "LOCK_STORE_URL": "rediss://cache:6380/0"}))
    assert config["tracker_store"]["query"] == {"sslmode": "require"}
    assert config["lock_store"]["use_ssl"] is True


def test_the_domain_is_left_out_of_action_calls_unless_turned_off():
    # Off only for the benchmark's stock server, which runs as `rasa init` leaves it.
    ours = endpoints_config(Settings())["action_endpoint"]
    stock = endpoints_config(Settings(selective_domain=False))["action_endpoint"]
    assert ours["enable_selective_domain"] is True
    assert stock == {"url": "http://127.0.0.1:5055/webhook", "headers": ACTION_AUTH_HEADER}


def test_rasa_sends_the_action_server_token_from_its_environment(tmp_path, monkeypatch):
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import read_endpoint_config

    path = write_endpoints_file(tmp_path / "endpoints.yml", Settings())
    assert "ACTION_SERVER_TOKEN" in path.read_text()  # named, never written out
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "s3cret-token")
    endpoint = read_endpoint_config(str(path), "action_endpoint")
    assert endpoint.headers == {"Authorization": "Bearer s3cret-token"}
    monkeypatch.delenv("ACTION_SERVER_TOKEN")
    with pytest.raises(RasaException, match="ACTION_SERVER_TOKEN"):
        read_endpoint_config(str(path), "action_endpoint")  # Rasa refuses to start


def test_token_file_is_made_once_and_private(tmp_path):
    path = tmp_path / "var" / "action_server_token"
    token = ensure_token_file(path)
    assert len(token) >= 32 and ensure_token_file(path) == token
    assert path.stat().st_mode & 0o777 == 0o600


def test_patient_session_settings(tmp_path):
    import stat

    from settings import patient_session_secret, patient_session_seconds, rest_trusted
    from tools.servers import Servers

    path = tmp_path / "var" / "patient_session_secret"
    made = patient_session_secret({}, path)
    assert len(made) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert patient_session_secret({}, path) == made
    assert patient_session_secret({"PATIENT_SESSION_SECRET": "s" * 40}, path) == "s" * 40
    assert patient_session_seconds({}) == 86400
    with pytest.raises(ValueError):
        patient_session_seconds({"PATIENT_SESSION_SECONDS": "soon"})
    # make run's default is safe; the tools' own servers are trusted, explicitly.
    assert rest_trusted({}) is False and rest_trusted({"REST_TRUSTED": "1"}) is True
    assert Servers().rest_trusted is False
    assert Servers.on_own_stores(tmp_path / "own").rest_trusted is True


def test_patient_tokens_bind_one_conversation_and_expire():
    from web.patient_sessions import PatientSessions, SessionTokenError

    now = [1_000_000.0]
    sessions = PatientSessions("t" * 40, max_age=60, clock=lambda: now[0])
    token = sessions.mint("abc")
    assert sessions.conversation_of(token) == "abc"
    with pytest.raises(SessionTokenError, match="wrong_conversation"):
        sessions.check(token, "other")
    with pytest.raises(SessionTokenError, match="invalid_token"):
        PatientSessions("u" * 40).conversation_of(token)
    now[0] += 61
    with pytest.raises(SessionTokenError, match="expired_token"):
        sessions.conversation_of(token)


def test_every_address_comes_from_one_place():
    from settings import database_url, ports, rasa_url, web_host

    env = {"RASA_PORT": "6005", "WEB_PORT": "9090", "DATABASE_URL": "postgresql://db/ivig"}
    assert ports(env).rasa == 6005 and ports(env).web == 9090 and ports(env).action == 5055
    assert rasa_url(env) == "http://localhost:6005"
    assert rasa_url({"RASA_URL": "http://rasa:5005/"}) == "http://rasa:5005"
    assert database_url(env) == "postgresql://db/ivig"
    assert database_url({}).startswith("sqlite:///") and database_url({}).endswith("var/ivig_assistant.db")
    assert web_host({}) == "localhost"


def test_a_bad_number_stops_with_the_variable_named():
    import pytest

    from settings import action_server_timeout, ports, response_deadline_minutes

    with pytest.raises(SystemExit, match="WEB_PORT"):
        ports({"WEB_PORT": "eighty"})
    with pytest.raises(SystemExit, match="ACTION_SERVER_TIMEOUT"):
        action_server_timeout({"ACTION_SERVER_TIMEOUT": "-1"})
    with pytest.raises(ValueError, match="ESCALATION_DEADLINE_URGENT_MINUTES"):
        response_deadline_minutes({"ESCALATION_DEADLINE_URGENT_MINUTES": "soon"})
    assert response_deadline_minutes({}) == {"emergency": 5, "urgent": 30, "contact_request": 240}


def test_no_module_but_settings_reads_the_environment_for_a_setting():
    """One source of truth: a new setting read elsewhere would escape the README's table."""
    import re

    from settings import ROOT

    allowed = {"settings.py", "tools/servers.py", "tools/run.py", "tools/bench.py",
               "rasa_addons/action_server.py"}
    offenders = []
    for package in ("actions", "clinical", "components", "store", "jobs", "rasa_addons", "web",
                    "tools"):
        for path in (ROOT / package).rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            text = path.read_text()
            if relative not in allowed and re.search(r"os\.environ\.get|os\.getenv", text):
                offenders.append(relative)
    assert offenders == []


def test_clinic_hours_are_read_in_the_clinics_time_zone():
    from datetime import datetime, timezone

    from settings import clinic_hours, clinic_phone

    hours = clinic_hours({"CLINIC_HOURS": "Mon-Fri 08:00-17:00", "CLINIC_TIMEZONE": "America/Toronto"})
    # 12:30 UTC on a Thursday is 07:30 in Toronto: not open yet; 13:30 UTC is 08:30.
    assert not hours.is_open(datetime(2026, 12, 3, 12, 30, tzinfo=timezone.utc))
    assert hours.is_open(datetime(2026, 12, 3, 13, 30, tzinfo=timezone.utc))
    assert not hours.is_open(datetime(2026, 12, 5, 15, 0, tzinfo=timezone.utc))  # Saturday
    assert clinic_phone({}) and clinic_phone({"CLINIC_PHONE": " 555-0123 "}) == "555-0123"


def test_a_wrong_clinic_hours_setting_stops_with_a_clear_message():
    from settings import clinic_hours

    for env in ({"CLINIC_HOURS": "weekdays 9 to 5"}, {"CLINIC_HOURS": "Mon-Fri 17:00-08:00"},
                {"CLINIC_TIMEZONE": "Mars/Olympus"}):
        with pytest.raises(ValueError, match="CLINIC_"):
            clinic_hours(env)

def test_make_run_starts_two_sanic_workers_unless_told():
    from settings import sanic_workers

    assert sanic_workers({}) == 2
    assert sanic_workers({"SANIC_WORKERS": "3"}) == 3
    assert sanic_workers({}, default=1) == 1
    with pytest.raises(ValueError):
        sanic_workers({"SANIC_WORKERS": "0"})
