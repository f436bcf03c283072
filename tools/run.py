"""`make run`: the action server, the Rasa server, the web server (clinic page, widget,
staff inbox) and the escalation reconciler together; Ctrl-C stops them all.

Configuration comes from the environment (settings.py, .env.example). The HTTP API
always needs a token: RASA_AUTH_TOKEN, or one generated once into var/rasa_auth_token.
The action server listens on 127.0.0.1 (ACTION_SERVER_HOST) and answers only the Rasa
server, which sends it ACTION_SERVER_TOKEN, or one generated once into
var/action_server_token. Patients' session tokens are signed with PATIENT_SESSION_SECRET,
or one generated once into var/patient_session_secret; the REST channel asks for them
unless REST_TRUSTED=1 (a clinic's own backend behind the firewall).

The Rasa server runs SANIC_WORKERS Sanic workers (default 2, one per core of these
machines), which take one conversation's messages in turn through the file lock store in
var/locks (rasa_addons/lock_store.py), or Redis when LOCK_STORE_URL names one.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Tuple

from store.database import Database, keep_files_private, migrate, sqlite_path
from store.staff import ensure_first_admin
from tools.servers import ROOT, Servers
from settings import (
    SANIC_WORKERS_VARIABLE,
    Settings,
    admin_password_file,
    ensure_token_file,
    response_deadline_minutes,
    rest_trusted,
    sanic_workers,
    write_endpoints_file,
)

VAR = ROOT / "var"


def token_from(variable: str, path: Path) -> Tuple[str, str]:
    """The token in `variable`, else the one kept in `path` (made once, mode 0600), with a
    line saying where it comes from."""
    token = os.environ.get(variable, "").strip()
    if token:
        return token, f"from {variable}"
    relative = path.relative_to(ROOT)
    return ensure_token_file(path), f"{variable} not set; generated into {relative} (`cat {relative}`)"


def first_admin_line() -> str:
    """With no staff account yet, the first admin is made here (else the web server makes
    it): where its password is, for the banner."""
    try:
        database = Database()
        path = admin_password_file(database_file=sqlite_path(database.url))
        made = ensure_first_admin(database, path)
        database.engine.dispose()
    except Exception as error:  # noqa: BLE001 - the web server tries again as it starts
        return f"staff accounts not checked ({error.__class__.__name__})"
    try:
        shown = path.relative_to(ROOT)
    except ValueError:
        shown = path
    if made:
        print(f"no staff account yet: made admin 'admin'; password in {shown} (`cat {shown}`)")
        return f"sign in as admin with the password in {shown}, then add accounts"
    if path.exists():
        return f"first admin's password in {shown}; `make staff-user` manages accounts"
    return "sign in with your account; `make staff-user` manages accounts"


def main() -> int:
    # Before anything is written: var/ 0700, its files 0600, and umask 0o077 for this
    # process and the servers it starts (Rasa's tracker.db, logs, the endpoints file).
    keep_files_private(VAR)
    # The database's schema brought up to date once, before the servers start (each also
    # migrates at its first use, a no-op by then): a problem shows here, at start.
    try:
        migrate()
    except Exception as error:  # noqa: BLE001 - the servers still start; patients are told to call
        print(f"escalation database not available at start ({error.__class__.__name__}): "
              "patients are told to call the clinic until it is", file=sys.stderr)
    staff_sign_in = first_admin_line()
    try:
        response_deadline_minutes()  # a mistyped deadline stops here, not at an escalation
    except ValueError as error:
        raise SystemExit(str(error)) from None
    settings = Settings.from_env()
    api_token, api_source = token_from("RASA_AUTH_TOKEN", VAR / "rasa_auth_token")
    staff_token, staff_source = token_from("STAFF_TOKEN", VAR / "staff_token")
    action_token, action_source = token_from("ACTION_SERVER_TOKEN", VAR / "action_server_token")
    patient_secret, patient_source = token_from("PATIENT_SESSION_SECRET",
                                                VAR / "patient_session_secret")
    if len(patient_secret) < 32:
        raise SystemExit("PATIENT_SESSION_SECRET must be at least 32 characters")
    trusted = rest_trusted()
    web_port = int(os.environ.get("WEB_PORT", "8080"))
    workers = sanic_workers()
    servers = Servers(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        endpoints=write_endpoints_file(VAR / "endpoints.yml", settings),
        auth_token=api_token,
        action_token=action_token,
        patient_secret=patient_secret,
        # Off unless REST_TRUSTED=1: the REST channel then asks for a patient session token.
        rest_trusted=trusted,
        cors=settings.allowed_origins,
        env={SANIC_WORKERS_VARIABLE: str(workers)},
        quiet=False,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        servers.start_actions()
        servers.start_rasa()
        servers.start_web(web_port, {"STAFF_TOKEN": staff_token})
        servers.start_reconciler()
        servers.wait_ready(timeout=600)
        print(f"\nIVIG assistant ready.\n"
              f"  Clinic page with the chat widget: http://localhost:{web_port}/\n"
              f"  Staff inbox: http://localhost:{web_port}/staff ({staff_sign_in}; scripts: "
              f"staff token {staff_source})\n"
              f"  REST channel: {servers.url}/webhooks/rest/webhook "
              f"({'REST_TRUSTED: any sender' if trusted else 'patient session token required'})"
              f", socket.io: {servers.url}\n"
              f"  Patient session secret {patient_source}\n"
              f"  HTTP API: {servers.url} (token {api_source}); {workers} Sanic worker(s), "
              f"locks {'in Redis' if settings.lock_store_url else 'in var/locks'}\n"
              f"  Action server: {servers.action_url}, for the Rasa server only "
              f"(token {action_source})\n"
              f"  Widget origins allowed: {', '.join(settings.allowed_origins)}\n"
              f"Ctrl-C stops everything.\n", flush=True)
        while all(p.poll() is None for p in servers.processes):
            time.sleep(1)
        print("a server stopped; shutting down the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
