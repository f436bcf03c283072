"""The real servers for the integration tests of tests/security/test_deletion.py and
test_limits.py: the trained model, the Rasa server and the action server as `make run`
starts them (tools/servers.py), on free ports with their own temporary stores, and with
the settings those tests check set low (rate limits, client request timeout) and the
action server's timeout long (a message can be held in flight while the reconciler runs).

Started once per test session, on first use, and stopped at its end.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Dict

import pytest
import requests

from tools.servers import DEFAULT_MODEL, Servers

API_TOKEN = "sec4-api-" + secrets.token_hex(8)
PER_SENDER = 5
PER_ADDRESS = 40
CLIENT_REQUEST_TIMEOUT = 2
ACTION_SERVER_TIMEOUT = 8
_STARTED: Dict[str, Servers] = {}


def sec4_servers(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Servers:
    if "servers" not in _STARTED:
        if not DEFAULT_MODEL.exists():
            pytest.fail("no trained model: run `make train` (make test does) first")
        tmp = tmp_path_factory.mktemp("sec4-servers")
        servers = Servers.on_own_stores(tmp, auth_token=API_TOKEN, env={
            "PATIENT_MESSAGES_PER_MINUTE": str(PER_SENDER),
            "PATIENT_MESSAGES_PER_MINUTE_PER_ADDRESS": str(PER_ADDRESS),
            "CLIENT_REQUEST_TIMEOUT": str(CLIENT_REQUEST_TIMEOUT),
            "ACTION_SERVER_TIMEOUT": str(ACTION_SERVER_TIMEOUT),
            "RETENTION_DAYS": "0"})
        request.config.add_cleanup(servers.stop)
        servers.start()
        _STARTED["servers"] = servers
    return _STARTED["servers"]


def tracker_db(servers: Servers) -> Path:
    return Path(servers.endpoints).parent / "tracker.db"


def restart_actions(servers: Servers, timeout: float = 120) -> None:
    """Start the action server again (after a test stopped it) and wait until it answers."""
    servers.start_actions()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{servers.action_url}/health", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError("the action server did not come back")


@pytest.fixture()
def web_server_on(tmp_path):
    """web_server_on(rasa_url, **env) -> base URL: `python -m web.app` on a free port
    with a temporary escalation database, talking to the Rasa API at `rasa_url` (the
    security conftest's start_web always points it nowhere)."""
    import os
    import signal
    import subprocess
    import sys

    from tools.servers import ROOT, free_ports
    from tests.security.conftest import PATIENT_SECRET, STAFF_TOKEN, child_env, wait_until_up

    processes = []

    def start(rasa_url: str, **settings: str) -> str:
        [port] = free_ports(1)
        log = tmp_path / f"web-sec4-{len(processes)}.log"
        env = child_env(STAFF_TOKEN=STAFF_TOKEN, WEB_HOST="127.0.0.1", WEB_PORT=str(port),
                        DATABASE_URL=f"sqlite:///{tmp_path / 'var' / 'ivig_assistant.db'}",
                        RASA_URL=rasa_url,
                        **{"PATIENT_SESSION_SECRET": PATIENT_SECRET, **settings})
        with open(log, "wb") as out:
            process = subprocess.Popen([sys.executable, "-m", "web.app"], cwd=ROOT, env=env,
                                       stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process, log)
        return url

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
