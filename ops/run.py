"""`make run`: the action server, the Rasa server and the web server (clinic page, widget,
staff inbox) together; Ctrl-C stops all three."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Tuple

from ops.servers import ROOT, Servers
from web.server import ensure_staff_token

STAFF_TOKEN_FILE = ROOT / "var" / "staff_token"


def staff_token() -> Tuple[str, str]:
    """STAFF_TOKEN from the environment, else the one kept in var/staff_token (made once);
    with a line telling how to sign in to the staff inbox."""
    token = os.environ.get("STAFF_TOKEN", "").strip()
    if token:
        return token, "sign in with STAFF_TOKEN"
    return ensure_staff_token(STAFF_TOKEN_FILE), (
        f"STAFF_TOKEN is not set, so the token is kept in {STAFF_TOKEN_FILE} (mode 0600): "
        "sign in with the output of `cat var/staff_token`")


def main() -> int:
    servers = Servers(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        auth_token=os.environ.get("RASA_AUTH_TOKEN") or None,
        quiet=False,
    )
    web_port = int(os.environ.get("WEB_PORT", "8080"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        servers.start_actions()
        servers.start_rasa()
        token, sign_in = staff_token()
        servers.start_web(web_port, {"STAFF_TOKEN": token})
        servers.wait_ready(timeout=600)
        print(f"\nIVIG assistant ready: REST {servers.url}/webhooks/rest/webhook, "
              f"socket.io {servers.url}/socket.io, HTTP API {servers.url} "
              f"({'token required' if servers.auth_token else 'no token set'}).\n"
              f"Clinic page with the chat widget: http://localhost:{web_port}/  "
              f"Staff inbox: http://localhost:{web_port}/staff ({sign_in}). Ctrl-C stops.\n",
              flush=True)
        while all(p.poll() is None for p in servers.processes):
            time.sleep(1)
        print("a server stopped; shutting down the other", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
