"""Browser end-to-end tests: the real servers (action server, Rasa, web server) on free
ports with temporary databases, driven through Debian's Chromium with Playwright.

Every test here gets the `browser` marker. They run with `make browser`
(`pytest tests/browser -m browser`); a run whose -m does not ask for them skips them.
Screenshots of each step go to tests/artifacts/. With WEB_DOCS_SCREENSHOTS=1 the tests
also refresh the README's screenshots in web/docs/ (widget, inbox, inbox-overdue,
analytics, handoff-patient, handoff-nurse).
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import pytest
import requests

from tools.servers import ROOT, Servers, free_ports

ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "web" / "docs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@dataclass
class Stack:
    servers: Servers
    web_url: str
    staff_token: str
    database_url: str
    log_dir: Path


def wait_for(url: str, servers: Servers, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in servers.processes):
            raise RuntimeError(f"a server exited early; see logs in {servers.log_dir}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not up after {timeout:.0f}s")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """All three servers, each on a free port, with their own temporary databases."""
    tmp = tmp_path_factory.mktemp("browser-stack")
    rasa_port, action_port, web_port = free_ports(3)
    # The web server must pass the API token to the tracker API.
    servers = Servers.on_own_stores(tmp, rasa_port, action_port, auth_token=secrets.token_hex(8))
    staff_token = secrets.token_urlsafe(16)
    web_url = f"http://localhost:{web_port}"
    try:
        servers.start_actions()
        servers.start_rasa()
        servers.start_web(web_port, {"STAFF_TOKEN": staff_token})
        servers.wait_ready(timeout=300)
        wait_for(f"{web_url}/healthz", servers, timeout=30)
        yield Stack(servers, web_url, staff_token, servers.database_url, tmp / "logs")
    finally:
        servers.stop()


@dataclass
class WebServer:
    """A second web server for tests that need settings of their own (a backup webhook,
    a database no other test writes to); it uses the stack's Rasa server."""

    url: str
    database_url: str
    servers: Servers


@pytest.fixture(scope="module")
def own_web(stack: Stack, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Callable[[Dict[str, str]], WebServer]]:
    """own_web(env) starts a web server with `env` on an empty database of its own (its
    analytics read the stack's conversations); stopped at the end of the module."""
    started: List[Servers] = []

    def start(env: Dict[str, str]) -> WebServer:
        tmp = tmp_path_factory.mktemp("own-web")
        (port,) = free_ports(1)
        servers = Servers(rasa_port=stack.servers.rasa_port, auth_token=stack.servers.auth_token,
                          patient_secret=stack.servers.patient_secret, log_dir=tmp / "logs",
                          env={"DATABASE_URL": f"sqlite:///{tmp / 'escalations.db'}",
                               "TRACKER_STORE_URL": f"sqlite:///{stack.log_dir.parent / 'tracker.db'}"})
        started.append(servers)
        servers.start_web(port, {"STAFF_TOKEN": secrets.token_urlsafe(16), **env})
        url = f"http://localhost:{port}"
        wait_for(f"{url}/healthz", servers, timeout=30)
        return WebServer(url, servers.database_url, servers)

    yield start
    for servers in started:
        servers.stop()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, request):
    """A fresh phone-sized page (375 px wide): no stored conversation, no cookies.
    Any JavaScript alert (an injected script running) or page error fails the test."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.set_default_timeout(30_000)
    new_page = context.new_page()
    problems: List[str] = []
    new_page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                          dialog.dismiss()))
    new_page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield new_page
    context.close()
    assert not problems, problems


@pytest.fixture()
def shot(request):
    """shot(page, "step") saves tests/artifacts/<test name>-<n>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def save(target, step: str, **options) -> Path:
        counter["n"] += 1
        path = ARTIFACTS / f"{request.node.name}-{counter['n']:02d}-{step}.png"
        target.screenshot(path=str(path), **options)
        return path

    return save


def save_docs_screenshot(target, name: str, **options) -> None:
    """Refresh a README screenshot, only when asked (they are committed files)."""
    if os.environ.get("WEB_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(DOCS / name), **options)
