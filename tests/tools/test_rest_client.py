"""The one REST client: what it sends the channel and how it reads the replies."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tools.rest_client import RestClient, bearer_headers


@pytest.fixture()
def channel():
    """A stand-in REST channel that records each request and answers with two messages."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append((self.path, self.headers.get("Authorization"), body))
            status = 401 if body["message"] == "no token" else 200
            answer = json.dumps([{"text": "Hello"}, {"buttons": []}]).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def do_GET(self):  # noqa: N802
            seen.append((self.path, None, None))
            answer = json.dumps({"sender_id": "p1"}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()


def test_a_message_goes_to_the_rest_webhook_with_the_sender_s_token(channel):
    url, seen = channel
    client = RestClient(url + "/", headers=bearer_headers(lambda sender: f"token-of-{sender}"))
    assert client.say("p1", "I have a headache") == ["Hello", ""]
    assert seen == [("/webhooks/rest/webhook", "Bearer token-of-p1",
                     {"sender": "p1", "message": "I have a headache"})]


def test_the_raw_reply_keeps_the_status_and_say_raises_on_it(channel):
    url, _ = channel
    client = RestClient(url)
    assert client.post("p1", "no token").status_code == 401
    with pytest.raises(requests.HTTPError):
        client.say("p1", "no token")


def test_the_tracker_api_carries_rasa_s_token(channel):
    url, seen = channel
    assert RestClient(url, api_token="secret").tracker("p1") == {"sender_id": "p1"}
    assert seen[-1][0] == "/conversations/p1/tracker?token=secret"
