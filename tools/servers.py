"""Start and stop the action server and the Rasa server: one implementation for
`make run`, the integration tests and `make eval`."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import requests

from settings import (
    ACTION_TOKEN_VARIABLE,
    PATIENT_SECRET_VARIABLE,
    REST_TRUSTED_VARIABLE,
    Settings,
    write_endpoints_file,
)
from tools.rest_client import RestClient, bearer_headers, no_headers
from web.patient_sessions import PatientSessions

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
DEFAULT_MODEL = ROOT / "models" / "ivig-assistant.tar.gz"


def server_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """Environment for both servers: telemetry off, project importable, quiet TensorFlow."""
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    })
    env.update(extra or {})
    return env


def write_endpoints(path: Path, action_port: int, tracker_db: Path,
                    lock_store_url: Optional[str] = None, selective_domain: bool = True) -> Path:
    """An endpoints file as `make run` writes it (settings.py), for servers on other
    ports with a SQLite tracker store of their own."""
    settings = Settings(action_server_url=f"http://127.0.0.1:{action_port}/webhook",
                        lock_store_url=lock_store_url, selective_domain=selective_domain)
    return write_endpoints_file(path, settings, sqlite_path=tracker_db)


def free_ports(count: int) -> List[int]:
    """`count` TCP ports that nothing listens on right now."""
    probes = []
    try:
        for _ in range(count):
            probe = socket.socket()
            probe.bind(("127.0.0.1", 0))
            probes.append(probe)
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


# `rasa run` with the project's fix for action reply validation (rasa_addons/server.py).
RASA_SERVER = [sys.executable, "-m", "rasa_addons.server"]
# rasa_sdk's action server on 127.0.0.1, behind the shared token (rasa_addons/action_server.py).
ACTION_SERVER = [sys.executable, "-m", "rasa_addons.action_server"]


@dataclass
class Servers:
    """The two servers as child processes; a context manager that always stops them."""

    rasa_port: int = 5005
    action_port: int = 5055
    model: Path = DEFAULT_MODEL
    endpoints: Path = ROOT / "endpoints.yml"
    auth_token: Optional[str] = None
    # The secret the Rasa server sends the action server (a fresh one unless given).
    action_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # The secret of patients' session tokens, shared by the Rasa server's channels and the
    # web server (a fresh one unless given).
    patient_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # REST_TRUSTED for the Rasa server: the REST channel takes any sender without a
    # patient token. Off unless asked (make run); on_own_stores turns it on.
    rest_trusted: bool = False
    cors: List[str] = field(default_factory=lambda: ["*"])
    env: Dict[str, str] = field(default_factory=dict)
    log_dir: Optional[Path] = None
    quiet: bool = True
    # The program that runs `rasa run`; the benchmark gives stock Rasa's own command.
    rasa_program: List[str] = field(default_factory=lambda: list(RASA_SERVER))
    processes: List[subprocess.Popen] = field(default_factory=list)
    by_name: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @classmethod
    def on_own_stores(cls, tmp: Path, rasa_port: Optional[int] = None,
                      action_port: Optional[int] = None, lock_store_url: Optional[str] = None,
                      selective_domain: bool = True, env: Optional[Dict[str, str]] = None,
                      **options: object) -> "Servers":
        """Servers for tests, evaluation and benchmark: the SQLite tracker store and
        escalation database in `tmp` (unless `env` names another DATABASE_URL), logs in
        tmp/logs, on the given ports or free ones."""
        tmp.mkdir(parents=True, exist_ok=True)
        if rasa_port is None or action_port is None:
            rasa_port, action_port = free_ports(2)
        endpoints = write_endpoints(tmp / "endpoints.yml", action_port, tmp / "tracker.db",
                                    lock_store_url, selective_domain)
        options.setdefault("log_dir", tmp / "logs")
        # Tests, evaluation and the benchmark send faster than a patient from one address:
        # no rate limit (rasa_addons/channels/patient_limits.py) unless `env` sets one.
        no_limits = {"PATIENT_MESSAGES_PER_MINUTE": "0",
                     "PATIENT_MESSAGES_PER_MINUTE_PER_ADDRESS": "0"}
        # Trusted REST: the tests, `make eval`, `make bench`, the load and fuzz tests and
        # `make shell` talk to these servers as many made-up senders through the REST
        # channel, from this machine, on servers of their own (temporary stores, loopback).
        # Patients never reach them. Tests of the token itself pass rest_trusted=False.
        options.setdefault("rest_trusted", True)
        return cls(rasa_port=rasa_port, action_port=action_port, endpoints=endpoints,
                   env={"DATABASE_URL": f"sqlite:///{tmp / 'escalations.db'}", **no_limits,
                        **(env or {})},
                   **options)

    @property
    def database_url(self) -> Optional[str]:
        """Where the action server writes escalations."""
        return self.env.get("DATABASE_URL")

    @property
    def url(self) -> str:
        return f"http://localhost:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    def _spawn(self, name: str, args: List[str], program: Optional[List[str]] = None,
               extra_env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        if self.quiet:
            log_dir = self.log_dir or Path(tempfile.mkdtemp(prefix="ivig-logs-"))
            log_dir.mkdir(parents=True, exist_ok=True)
            out = open(log_dir / f"{name}.log", "ab")
        else:
            out = None
        process = subprocess.Popen(
            [*(program or [str(VENV_BIN / "rasa")]), *args], cwd=ROOT,
            env=server_env({**self.env, PATIENT_SECRET_VARIABLE: self.patient_secret,
                            **(extra_env or {})}),
            stdout=out, stderr=subprocess.STDOUT if out else None,
            start_new_session=True,
        )
        self.processes.append(process)
        self.by_name[name] = process
        return process

    def stop_one(self, name: str) -> None:
        """Stop one server ("actions", "rasa", "web", "reconcile"), e.g. to test a fault."""
        process = self.by_name.pop(name)
        self.processes.remove(process)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)

    def patient_token(self, conversation_id: str) -> str:
        """A patient session token for `conversation_id`, as the web server mints them."""
        return PatientSessions(self.patient_secret).mint(conversation_id)

    def say(self, sender: str, message: str, timeout: float = 60) -> List[str]:
        """One patient message through the REST channel (with the sender's session token
        unless REST is trusted); the texts of the replies."""
        headers = no_headers if self.rest_trusted else bearer_headers(self.patient_token)
        return RestClient(self.url, headers=headers, timeout=timeout).say(sender, message)

    def start_actions(self) -> None:
        self._spawn("actions", ["--actions", "actions", "-p", str(self.action_port)],
                    program=ACTION_SERVER, extra_env={ACTION_TOKEN_VARIABLE: self.action_token})

    def start_rasa(self) -> None:
        args = ["run", "--enable-api", "-m", str(self.model), "-p", str(self.rasa_port),
                "--endpoints", str(self.endpoints), "--credentials", str(ROOT / "credentials.yml"),
                "--cors", *self.cors]
        if self.auth_token:
            args += ["--auth-token", self.auth_token]
        # Always explicit: never inherited from the shell that runs the tools.
        self._spawn("rasa", args, program=self.rasa_program,
                    extra_env={ACTION_TOKEN_VARIABLE: self.action_token,
                               REST_TRUSTED_VARIABLE: "1" if self.rest_trusted else "0"})

    def start_web(self, port: int, extra_env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        """The clinic page, widget and staff inbox (web/app.py); needs STAFF_TOKEN in
        self.env or extra_env. It reads Rasa's tracker API with this object's token."""
        env = {"WEB_PORT": str(port), "RASA_URL": self.url,
               "RASA_AUTH_TOKEN": self.auth_token or "", **(extra_env or {})}
        return self._spawn("web", ["-m", "web.app"], program=[sys.executable], extra_env=env)

    def start_reconciler(self, every_seconds: int = 30) -> subprocess.Popen:
        """Records escalations the action server could not (jobs/reconcile.py)."""
        return self._spawn("reconcile", ["-m", "jobs.reconcile", "--every", str(every_seconds)],
                           program=[sys.executable])

    def start(self, timeout: float = 240.0) -> "Servers":
        self.start_actions()
        self.start_rasa()
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 240.0) -> None:
        deadline = time.monotonic() + timeout
        pending = {f"{self.action_url}/health", f"{self.url}/"}
        while pending:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a server exited early with code {process.returncode}")
            for url in list(pending):
                try:
                    if requests.get(url, timeout=2).ok:
                        pending.discard(url)
                except requests.RequestException:
                    pass
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"servers not ready after {timeout:.0f}s: {sorted(pending)}")
            if pending:
                time.sleep(1)
        # Another program on one of the ports answers at once; ours then exits (the port
        # was taken), which this second look sees.
        time.sleep(1)
        for process in self.processes:
            if process.poll() is not None:
                raise RuntimeError(f"a server exited early with code {process.returncode}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()
        self.by_name.clear()

    def __enter__(self) -> "Servers":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()





def is_up(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False
