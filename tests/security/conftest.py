"""Black-box security tests: the real web server (`python -m web.app`) and the
reconciler (`python -m jobs.reconcile`) as child processes, on a free port, each with a
temporary SQLite database and a known staff token. Nothing here imports the server's
code: requests go over HTTP, and the databases are read and written as files.

These tests run by default (`pytest tests/security -q`, and `make unit`): each server
starts in well under a second, so the whole folder takes seconds, not minutes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import pytest
import requests

from tools.servers import free_ports

ROOT = Path(__file__).resolve().parents[2]
STAFF_TOKEN = "security-test-staff-token-0123456789"
COOKIE_NAME = "ivig_staff"
STARTUP_SECONDS = 20
# Settings the tests choose themselves: never inherited from the developer's shell.
OWN_SETTINGS = ("STAFF_TOKEN", "DATABASE_URL", "TRACKER_STORE_URL", "WEB_PORT", "WEB_HOST",
                "RASA_URL", "RASA_AUTH_TOKEN", "ESCALATION_WEBHOOK_URL", "TRUST_PROXY_HEADERS",
                "FORCE_SECURE_COOKIES", "STAFF_SESSION_IDLE_SECONDS", "STAFF_SESSION_MAX_SECONDS",
                "STAFF_LOGIN_MAX_FAILURES", "STAFF_LOGIN_WINDOW_SECONDS", "WEB_MAX_BODY_BYTES",
                "RETENTION_DAYS", "PATIENT_SESSION_SECRET", "PATIENT_SESSION_SECONDS",
                "REST_TRUSTED")
# The web server signs patients' session tokens with this (never var/patient_session_secret).
PATIENT_SECRET = "security-test-patient-session-secret-0123456789"


def child_env(**settings: str) -> Dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in OWN_SETTINGS}
    env.update({"PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false",
                "SQLALCHEMY_SILENCE_UBER_WARNING": "1"})
    env.update(settings)
    return env


@dataclass
class WebServer:
    url: str
    database_path: Path
    process: subprocess.Popen
    log: Path
    token: str = STAFF_TOKEN
    http: requests.Session = field(default_factory=requests.Session)

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database_path}"

    @property
    def bearer(self) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def login(self, token: str = "", headers: Dict[str, str] = None) -> requests.Response:
        """POST the sign-in form with a fresh client (no cookie of its own)."""
        return requests.post(f"{self.url}/staff/login", data={"token": token or self.token},
                             headers=headers or {}, allow_redirects=False, timeout=10)

    def get(self, path: str, **kwargs) -> requests.Response:
        return requests.get(self.url + path, timeout=10, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return requests.post(self.url + path, timeout=10, allow_redirects=False, **kwargs)


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the web server exited ({process.returncode}):\n{log.read_text()}")
        try:
            if requests.get(f"{url}/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"the web server did not answer in {STARTUP_SECONDS}s:\n{log.read_text()}")


@pytest.fixture()
def start_web(tmp_path):
    """start_web(**env) -> WebServer: `python -m web.app` with its escalation database
    in tmp/var/ (made by the server itself), the staff token above and Rasa nowhere."""
    processes: List[subprocess.Popen] = []

    def start(database_dir: Path = None, **settings: str) -> WebServer:
        [port] = free_ports(1)
        database_dir = database_dir or tmp_path / f"web-{len(processes)}" / "var"
        database_path = database_dir / "ivig_assistant.db"
        log = tmp_path / f"web-{len(processes)}.log"
        env = child_env(STAFF_TOKEN=STAFF_TOKEN, WEB_HOST="127.0.0.1", WEB_PORT=str(port),
                        DATABASE_URL=f"sqlite:///{database_path}",
                        RASA_URL="http://127.0.0.1:9",
                        **{"PATIENT_SESSION_SECRET": PATIENT_SECRET, **settings})
        with open(log, "wb") as out:
            process = subprocess.Popen([sys.executable, "-m", "web.app"], cwd=ROOT, env=env,
                                       stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process, log)
        return WebServer(url, database_path, process, log)

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def run_reconciler(tmp_path: Path, **settings: str) -> subprocess.CompletedProcess:
    """One pass of `python -m jobs.reconcile` (what the loop does every 30 s)."""
    return subprocess.run([sys.executable, "-m", "jobs.reconcile"], cwd=ROOT,
                          env=child_env(**settings), capture_output=True, text=True, timeout=60)
