"""The one client of the Rasa server's REST channel and tracker API, shared by the shell,
the evaluation, the benchmark, the server starters and the tests.

A patient message is a POST to /webhooks/rest/webhook with {"sender", "message"}; a
`make run` server asks for the sender's patient session token (Bearer), which this
client adds when it is given a way to make one (`patient_headers`). The tracker API
takes Rasa's auth token as `?token=`.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

import requests

REST_PATH = "/webhooks/rest/webhook"
Headers = Callable[[str], Dict[str, str]]


def no_headers(_sender: str) -> Dict[str, str]:
    return {}


def bearer_headers(mint: Callable[[str], str]) -> Headers:
    """Headers carrying the token `mint(sender)` makes for each sender."""
    return lambda sender: {"Authorization": f"Bearer {mint(sender)}"}


def patient_headers(sender: str) -> Dict[str, str]:
    """The sender's patient session token, when this checkout knows the secret (the
    `make run` next to it asks for one unless REST_TRUSTED=1); else none."""
    from settings import known_patient_session_secret
    from web.patient_sessions import PatientSessions

    secret = known_patient_session_secret()
    if not secret:
        return {}
    try:
        return {"Authorization": f"Bearer {PatientSessions(secret).mint(sender)}"}
    except ValueError:  # a secret too short to sign with
        return {}


class RestClient:
    """One HTTP session (kept-alive connections) to one Rasa server."""

    def __init__(self, url: str, api_token: Optional[str] = None,
                 headers: Headers = no_headers, timeout: float = 60) -> None:
        self.url = url.rstrip("/")
        self.webhook = self.url + REST_PATH
        self.params = {"token": api_token} if api_token else {}
        self.headers = headers
        self.timeout = timeout
        self.session = requests.Session()

    def post(self, sender: str, message: Any, timeout: Optional[float] = None,
             headers: Optional[Dict[str, str]] = None) -> requests.Response:
        """The raw reply to one patient message (status and body as the server sent them)."""
        return self.session.post(
            self.webhook, json={"sender": sender, "message": message},
            headers=self.headers(sender) if headers is None else headers,
            timeout=self.timeout if timeout is None else timeout)

    def messages(self, sender: str, message: Any,
                 timeout: Optional[float] = None) -> List[Dict[str, Any]]:
        """The assistant's replies to one message; an HTTP error raises."""
        reply = self.post(sender, message, timeout)
        reply.raise_for_status()
        return reply.json()

    def say(self, sender: str, message: Any, timeout: Optional[float] = None) -> List[str]:
        """The texts of the assistant's replies to one message."""
        return [m.get("text") or "" for m in self.messages(sender, message, timeout)]

    def tracker(self, sender: str) -> Dict[str, Any]:
        reply = self.session.get(f"{self.url}/conversations/{sender}/tracker",
                                 params=self.params, timeout=self.timeout)
        reply.raise_for_status()
        return reply.json()

    def close(self) -> None:
        self.session.close()
