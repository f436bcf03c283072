"""`make run`: the action server and the Rasa server together; Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import sys
import time

from ops.servers import Servers


def main() -> int:
    servers = Servers(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        auth_token=os.environ.get("RASA_AUTH_TOKEN") or None,
        quiet=False,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        servers.start(timeout=600)
        print(f"\nIVIG assistant ready: REST {servers.url}/webhooks/rest/webhook, "
              f"socket.io {servers.url}/socket.io, HTTP API {servers.url} "
              f"({'token required' if servers.auth_token else 'no token set'}). Ctrl-C stops.\n",
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
