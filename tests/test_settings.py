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


def test_make_run_starts_two_sanic_workers_unless_told():
    from settings import sanic_workers

    assert sanic_workers({}) == 2
    assert sanic_workers({"SANIC_WORKERS": "3"}) == 3
    assert sanic_workers({}, default=1) == 1
    with pytest.raises(ValueError):
        sanic_workers({"SANIC_WORKERS": "0"})
