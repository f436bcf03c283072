"""The action server as this project runs it: `python -m rasa_addons.action_server` is rasa_sdk's
server (`rasa run actions`) with what it lacks for patients' data.

rasa_sdk 3.6 listens on every interface, answers any caller and allows every origin
(CORS "*"): one POST to /webhook could run `action_request_data_deletion` for another
patient's conversation, or file a fake emergency. Here:

- it listens on 127.0.0.1 unless ACTION_SERVER_HOST says otherwise (docker compose sets
  0.0.0.0 inside its own network);
- every request but `GET /health` must carry `Authorization: Bearer <token>` with the
  shared secret (ACTION_SERVER_TOKEN, or the one generated into var/action_server_token),
  compared in constant time; without it: 401 and nothing runs. The Rasa server sends it
  from the endpoints file (settings.py);
- no CORS at all: no Access-Control-Allow-Origin, so a web page cannot call it;
- a request body is at most MAX_BODY_BYTES (413 beyond), also after deflate;
- errors answer with their own status (rasa_sdk made every one a 500, a refused body
  included) and never echo the request body (rasa_sdk's 500 carried the whole tracker).
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
import zlib
from pathlib import Path
from typing import List, Optional

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json

from rasa_addons import require_version

require_version("rasa-sdk", "rasa_addons/action_server.py", "wraps the Sanic app and webhook")

ROOT = Path(__file__).resolve().parents[1]
TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
TOKEN_FILE = ROOT / "var" / "action_server_token"
HOST_VARIABLE = "ACTION_SERVER_HOST"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5055
# The largest action call accepted. Rasa sends the tracker of the current session (the
# domain is left out: selective domain, and rasa_addons/server.py for validate_* actions).
# Measured: 5.7-6.3 KB per patient message with its parse data and replies; a session of
# 100 messages was 0.57 MB, so the benchmark's 200-message conversation is about 1.2 MB.
# A call refused here is an escalation not recorded (until the reconciler runs), so the
# limit leaves room for sessions three times that long (README "Security").
MAX_BODY_BYTES = 4 * 1024 * 1024
# Paths anyone may read: the liveness probe (docker compose, Kubernetes, tools/servers.py).
OPEN_PATHS = frozenset({"/health"})

logger = logging.getLogger("rasa_addons.action_server")


def action_server_token(environ=os.environ) -> str:
    """The shared secret: ACTION_SERVER_TOKEN, else the one kept in var/action_server_token."""
    token = (environ.get(TOKEN_VARIABLE) or "").strip()
    if token:
        return token
    from settings import ensure_token_file

    return ensure_token_file(TOKEN_FILE)


def authorized(request: Request, token: str) -> bool:
    supplied = request.headers.get("authorization") or ""
    return hmac.compare_digest(supplied.encode("utf-8", "replace"),
                               f"Bearer {token}".encode("utf-8"))


def _deflated_size_ok(body: bytes, limit: int) -> bool:
    """Whether a deflated body (Rasa's COMPRESS_ACTION_SERVER_REQUEST) stays within
    `limit` once inflated; rasa_sdk inflates it without any bound."""
    try:
        inflater = zlib.decompressobj()
        inflated = inflater.decompress(body, limit + 1)
    except zlib.error:
        return True  # rasa_sdk answers the broken body itself
    return len(inflated) <= limit and not inflater.unconsumed_tail


def create_app(token: str, actions: str = "actions",
               max_body_bytes: int = MAX_BODY_BYTES) -> Sanic:
    """rasa_sdk's app (its /health, /webhook and /actions) without CORS, behind the token."""
    if not token:
        raise ValueError("the action server needs a token")
    from rasa_sdk import endpoint

    # rasa_sdk always installs sanic-cors; this server is called by the Rasa server only.
    configure_cors = endpoint.configure_cors
    endpoint.configure_cors = lambda app, cors_origins=None: None
    try:
        app = endpoint.create_app(actions, cors_origins=None)
    finally:
        endpoint.configure_cors = configure_cors
    app.config.REQUEST_MAX_SIZE = max_body_bytes

    @app.exception(SanicException)
    async def http_error(request: Request, error: SanicException) -> HTTPResponse:
        return json({"error": str(error)}, status=getattr(error, "status_code", 500) or 500)

    @app.exception(Exception)  # replaces rasa_sdk's, which answered with the request body
    async def server_error(request: Request, error: Exception) -> HTTPResponse:
        logger.error("action server: %s %s failed", request.method, request.path,
                     exc_info=error)
        return json({"error": f"{error.__class__.__name__} in the action server"}, status=500)

    @app.middleware("request")
    async def require_token(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS and request.method in ("GET", "HEAD"):
            return None
        if not authorized(request, token):
            logger.warning("action server: %s %s refused, no valid token",
                           request.method, request.path)
            return json({"error": "unauthorized"}, status=401)
        encoding = (request.headers.get("content-encoding") or "identity").lower()
        if encoding == "deflate" and not _deflated_size_ok(request.body, max_body_bytes):
            return json({"error": "request body too large"}, status=413)
        if encoding not in ("identity", "deflate"):
            return json({"error": f"unsupported content encoding {encoding}"}, status=415)
        return None

    return app


def create_argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", default="actions", help="package of the actions")
    parser.add_argument("-p", "--port", type=int,
                        default=int(os.environ.get("ACTION_PORT") or DEFAULT_PORT))
    parser.add_argument("--host", default=os.environ.get(HOST_VARIABLE) or DEFAULT_HOST,
                        help=f"address to listen on (default {HOST_VARIABLE} or {DEFAULT_HOST})")
    parser.add_argument("--loglevel", default=os.environ.get("LOG_LEVEL_SDK", "INFO"))
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    from rasa_sdk import utils
    from rasa_sdk.plugin import plugin_manager

    args = create_argument_parser().parse_args(argv)
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = create_app(action_server_token(), args.actions)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    logger.info("Action server on http://%s:%s (token required)", args.host, args.port)
    app.run(args.host, args.port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
