"""`make shell`: talk to the assistant in the terminal (for developers).

- If the assistant of `make run` answers at RASA_URL (default http://localhost:5005, or
  RASA_PORT), the shell talks to it through its REST channel, and says so: what you
  report there are real escalations in that server's staff inbox. Its REST channel asks
  for a patient session token: the shell signs one for its sender with this checkout's
  secret (PATIENT_SESSION_SECRET, or var/patient_session_secret that `make run` made).
- Otherwise (or with --own) it starts servers of its own on free ports, with a temporary
  tracker store and escalation database (never the clinic's var/ databases), and stops
  them when you leave.
- It exits non-zero with a clear message when it cannot start them (ports given with
  --rasa-port/--action-port in use, no model, a server that exits or never answers).

Type a message and Enter; Ctrl-D, Ctrl-C or /stop leaves. Buttons are shown as
[Yes] [No]: type the answer.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import socket
import sys
import tempfile
import uuid
from pathlib import Path
from typing import IO, List, Optional, Sequence

import requests

from tools.rest_client import RestClient, patient_headers
from tools.servers import DEFAULT_MODEL, Servers, free_ports
from settings import Settings, rasa_url

LEAVE = {"/stop", "/quit", "/exit"}


def default_url() -> str:
    return rasa_url()


def rasa_at(url: str) -> bool:
    """Whether a Rasa server answers at `url` (its root says "Hello from Rasa")."""
    try:
        reply = requests.get(f"{url}/", timeout=3)
    except requests.RequestException:
        return False
    return reply.ok and "rasa" in reply.text.lower()


def port_in_use(port: int) -> bool:
    """Whether something listens on `port` (on any address), so a server cannot bind it."""
    probe = socket.socket()
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("0.0.0.0", port))
        return False
    except OSError:
        return True
    finally:
        probe.close()


def own_servers(tmp: Path, rasa_port: int, action_port: int,
                model: Path = DEFAULT_MODEL) -> Servers:
    """Servers for this shell only: tracker store and escalation database in `tmp`."""
    # on_own_stores starts them with REST_TRUSTED: this shell is their only client.
    return Servers.on_own_stores(tmp, rasa_port=rasa_port, action_port=action_port,
                                 model=model, auth_token=secrets.token_urlsafe(16),
                                 cors=Settings().allowed_origins, rest_trusted=True)



def show(replies: Sequence[dict], out: IO[str]) -> None:
    for reply in replies:
        if reply.get("text"):
            out.write(f"bot: {reply['text']}\n")
        buttons = [b.get("title", "") for b in reply.get("buttons") or [] if isinstance(b, dict)]
        if buttons:
            out.write("     " + " ".join(f"[{title}]" for title in buttons)
                      + "  (type your answer)\n")
    out.flush()


def chat(url: str, sender: str, stdin: IO[str] = sys.stdin, out: IO[str] = sys.stdout) -> int:
    """Read messages from `stdin` and print the assistant's replies, until EOF or /stop."""
    client = RestClient(url, headers=patient_headers, timeout=120)
    prompt = "you: " if stdin.isatty() else ""
    while True:
        try:
            out.write(prompt)
            out.flush()
            line = stdin.readline()
        except KeyboardInterrupt:
            out.write("\n")
            return 0
        if not line:
            return 0
        text = line.strip()
        if not text:
            continue
        if text.lower() in LEAVE:
            return 0
        try:
            reply = client.post(sender, text)
        except requests.RequestException as error:
            print(f"shell: the assistant at {url} did not answer ({error.__class__.__name__})",
                  file=sys.stderr)
            return 1
        if reply.status_code != 200:
            print(f"shell: the assistant refused the message ({reply.status_code}): "
                  f"{reply.text[:200]}", file=sys.stderr)
            continue
        show(reply.json(), out)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=default_url(),
                        help="a running assistant to talk to (default: RASA_URL or "
                             "http://localhost:$RASA_PORT, 5005)")
    parser.add_argument("--own", action="store_true",
                        help="always start servers of its own, even if one runs at --url")
    parser.add_argument("--rasa-port", type=int, help="port for its own Rasa server (default: a free one)")
    parser.add_argument("--action-port", type=int, help="port for its own action server (default: a free one)")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--sender", default=f"shell-{uuid.uuid4().hex[:12]}",
                        help="conversation id (default: a new one)")
    args = parser.parse_args(argv)

    if not args.own and rasa_at(args.url):
        print(f"Talking to the assistant already running at {args.url} (make run), as "
              f"conversation {args.sender}.\nWhat you report here is a real escalation in "
              f"that server's staff inbox. `python -m tools.shell --own` starts a private one.",
              flush=True)
        return chat(args.url, args.sender)

    if not args.model.exists():
        print(f"shell: no trained model at {args.model}: run `make train`", file=sys.stderr)
        return 1
    ports = free_ports(2)
    rasa_port = args.rasa_port or ports[0]
    action_port = args.action_port or ports[1]
    busy = [f"{name} port {port}" for name, port in (("Rasa", rasa_port), ("action server", action_port))
            if port_in_use(port)]
    if busy:
        print(f"shell: cannot start its own servers: {' and '.join(busy)} already in use. "
              f"Stop what uses them, or leave out --rasa-port/--action-port to use free ports.",
              file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="ivig-shell-"))
    servers = own_servers(tmp, rasa_port, action_port, args.model)
    print(f"No assistant answers at {args.url}: starting one for this shell only (Rasa on "
          f"port {rasa_port}, actions on port {action_port}).\nIts conversations and "
          f"escalations go to {tmp} (deleted when you leave), never to var/. Loading the "
          f"model takes a minute or two...", flush=True)
    try:
        servers.start(timeout=600)
    except (RuntimeError, TimeoutError) as error:
        servers.stop()
        print(f"shell: the assistant could not start: {error}. Logs: {tmp / 'logs'}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        servers.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        return 130
    print(f"Ready, as conversation {args.sender}. Ctrl-D or /stop leaves.", flush=True)
    try:
        return chat(servers.url, args.sender)
    finally:
        servers.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
