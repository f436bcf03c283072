"""What the care team sees when closing the loop (issue #12): an escalation nobody
acknowledged in time turns red, goes to the top of the inbox and pages the backup once;
the analytics page draws its charts. Each test has a web server and database of its own
(own_web in conftest.py), so the counts are only this test's escalations."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List

from playwright.sync_api import Page, expect

from store.database import Database
from store.escalations import EscalationRecord, record_escalation, set_status
from store.models import Escalation, utc_now
from store.staff import add_user
from tests.browser.conftest import save_docs_screenshot

LATE_MESSAGE = "my lips and tongue are swelling up"
NEWER_MESSAGE = "I have a fever of 39.5 since this morning"
POLL_SECONDS = 2  # the web server's webhook poller (jobs/webhooks.py)


def sign_in(page: Page, web, username: str, display_name: str) -> None:
    password = add_user(Database(web.database_url), username, "nurse", display_name=display_name)
    page.goto(web.url + "/staff")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Password")).to_be_hidden()


def seed(database: Database, conversation_id: str, level: str, message: str,
         age: timedelta = timedelta(0), due_in: timedelta = None) -> int:
    """An escalation as the action server records it, made `age` ago; due `due_in` from
    now when given (else its level's deadline)."""
    escalation_id = record_escalation(database, EscalationRecord(
        conversation_id=conversation_id, level=level, reason=f"test {level}",
        red_flags=["high_fever"] if level == "urgent" else [], patient_message=message))
    now = utc_now()
    with database.session() as session:
        row = session.get(Escalation, escalation_id)
        row.created_at = row.updated_at = now - age
        if due_in is not None:
            row.due_at = now + due_in
        elif row.due_at is not None:
            row.due_at = row.due_at - age
    return escalation_id


class Receiver:
    """A pager stand-in: records every POST it gets."""

    def __init__(self) -> None:
        self.calls: List[Dict] = []
        calls = self.calls

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                calls.append({"path": self.path, "body": json.loads(body),
                              "signature": self.headers.get("X-IVIG-Signature")})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/on-call"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_an_overdue_escalation_turns_red_goes_first_and_pages_the_backup_once(
        browser, own_web, shot):
    pager = Receiver()
    staff = browser.new_context(viewport={"width": 1200, "height": 800})
    inbox = staff.new_page()
    problems: List[str] = []
    inbox.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        web = own_web({"ESCALATION_BACKUP_WEBHOOK_URL": pager.url,
                       "ESCALATION_WEBHOOK_SECRET": "test-secret"})
        database = Database(web.database_url)
        # An emergency from 5 minutes ago, due in 45 s; an urgent report that came after
        # it, due in half an hour. Newest first, the urgent one leads while both are on time.
        late_id = seed(database, "late-conversation", "emergency", LATE_MESSAGE,
                       age=timedelta(minutes=5), due_in=timedelta(seconds=45))
        seed(database, "newer-conversation", "urgent", NEWER_MESSAGE, age=timedelta(minutes=1))
        sign_in(inbox, web, "olive", "Olive")

        rows = inbox.locator("tbody tr")
        late = rows.filter(has_text=LATE_MESSAGE)
        expect(rows.first).to_contain_text(NEWER_MESSAGE)
        expect(late).not_to_have_class(re.compile(r"\boverdue\b"))
        expect(late).to_contain_text("left")
        assert pager.calls == []
        shot(inbox, "before-the-deadline")

        # The deadline passes: red, "Overdue by", and first after the next refresh.
        expect(late).to_have_class(re.compile(r"\boverdue\b"), timeout=90_000)
        expect(late).to_contain_text(re.compile(r"Overdue by \d+ min"))
        expect(rows.first).to_contain_text(LATE_MESSAGE, timeout=15_000)
        expect(rows.filter(has_text=NEWER_MESSAGE)).not_to_have_class(re.compile(r"\boverdue\b"))
        colour = late.evaluate("row => getComputedStyle(row).backgroundColor")
        assert colour == "rgb(253, 232, 234)", colour  # tr.overdue in staff.css
        expect(inbox).to_have_title(re.compile(r"^\(1 overdue\)"))
        shot(inbox, "overdue-first")
        save_docs_screenshot(inbox, "inbox-overdue.png")

        # The backup webhook: once, for this escalation only, signed, without the words.
        deadline = time.monotonic() + 20
        while not pager.calls and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(pager.calls) == 1, pager.calls
        call = pager.calls[0]
        assert call["path"] == "/on-call"
        assert call["body"]["event"] == "escalation.overdue"
        assert call["body"]["escalation"]["id"] == late_id
        assert call["body"]["overdue_minutes"] >= 0
        assert call["signature"] and call["signature"].startswith("sha256=")
        assert LATE_MESSAGE not in json.dumps(call["body"])
        # ...and not again at the following polls.
        time.sleep(POLL_SECONDS * 4)
        assert len(pager.calls) == 1, pager.calls

        # A nurse acknowledges it: no longer red.
        late.get_by_role("button", name=re.compile("^Acknowledge")).click()
        expect(late.locator("td.status")).to_have_text("acknowledged")
        expect(late).not_to_have_class(re.compile(r"\boverdue\b"))
        expect(inbox).not_to_have_title(re.compile("overdue"))
        shot(inbox, "acknowledged")
    finally:
        staff.close()
        pager.close()
    assert not problems, problems


def talk(stack) -> None:
    """Conversations for the analytics (the stack's Rasa, whose tracker store own_web
    reads): a question, a mild headache screened to self-care, and a message the
    assistant cannot place, twice."""
    stack.servers.say("analytics-question", "can I eat before my infusion?")
    replies = stack.servers.say("analytics-screening",
                                "I have a mild headache after my infusion yesterday")
    for _ in range(12):
        if any("mild headache is one of the most common" in reply for reply in replies):
            break
        replies = stack.servers.say("analytics-screening", "/deny")
    else:
        raise AssertionError(f"the screening never ended: {replies}")
    for sender in ("analytics-gibberish-1", "analytics-gibberish-2"):
        stack.servers.say(sender, "zqx vlorp wibbit")


def test_the_analytics_page_draws_its_charts_and_exports_csv(browser, stack, own_web, shot):
    talk(stack)
    web = own_web({})
    database = Database(web.database_url)
    acknowledged = seed(database, "analytics-1", "emergency", "I can't breathe",
                        age=timedelta(minutes=20))
    set_status(database, acknowledged, "acknowledged", staff_user="olive",
               now=utc_now() - timedelta(minutes=17))
    seed(database, "analytics-2", "emergency", "my chest hurts", age=timedelta(minutes=2))
    seed(database, "analytics-3", "urgent", "fever 39", age=timedelta(hours=1))
    seed(database, "analytics-4", "contact_request", "please call me", age=timedelta(hours=2))

    staff = browser.new_context(viewport={"width": 1200, "height": 1600})
    page = staff.new_page()
    problems: List[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: message.type == "error"
            and problems.append(f"console: {message.text}"))
    try:
        sign_in(page, web, "pat", "Pat")
        page.goto(web.url + "/staff/analytics")
        expect(page.locator("#total")).to_have_text("4")
        # The urgent report waited an hour against a 30-minute deadline.
        expect(page.locator("#overdue")).to_have_text("25% (1 of 4)")

        # Every chart is a Chart.js chart with something drawn on its canvas.
        for canvas in ("per-day", "acknowledge", "screening-chart", "topics", "fallback"):
            page.wait_for_function("id => window.Chart && Chart.getChart(id)", arg=canvas)
            page.wait_for_function("""id => {
                const canvas = document.getElementById(id);
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                return false;
            }""", arg=canvas)
        per_day = page.evaluate("""() => Chart.getChart('per-day').data.datasets
            .reduce((sum, set) => sum + set.data.reduce((a, b) => a + b, 0), 0)""")
        assert per_day == 4
        topics = page.evaluate("Chart.getChart('topics').data.datasets[0].data")
        assert sum(topics) >= 1, topics
        expect(page.locator("#screenings-split")).to_contain_text(re.compile(r"[1-9]\d* self-care"))
        expect(page.locator("#not-understood")).not_to_have_text("0")
        expect(page.locator("#repeated")).to_contain_text("zqx vlorp wibbit")

        # The figures table: per level, acknowledged and not yet acknowledged.
        table = page.locator("#ack-rows tr")
        emergency = table.filter(has=page.locator("td", has_text=re.compile("^Emergency$")))
        expect(emergency.locator("td")).to_have_text(
            ["Emergency", "1", "3 min", "3 min", "5 min", "1 of 1", "1"])
        urgent = table.filter(has=page.locator("td", has_text=re.compile("^Urgent$")))
        expect(urgent.locator("td").nth(1)).to_have_text("0")
        expect(urgent.locator("td").last).to_have_text("1")
        shot(page, "analytics")
        save_docs_screenshot(page, "analytics.png", full_page=True)

        # Another range loads again: none of these escalations in January 2020.
        with page.expect_response(lambda r: "/api/analytics/summary" in r.url
                                  and "from=2020-01-01" in r.url):
            page.locator("#from").fill("2020-01-01")
            page.locator("#to").fill("2020-01-31")
            page.get_by_role("button", name="Show").click()
        expect(page.locator("#total")).to_have_text("0")
        expect(page.locator("#csv")).to_have_attribute("href", re.compile("from=2020-01-01"))
        today = date.today().isoformat()
        page.locator("#from").fill((date.today() - timedelta(days=6)).isoformat())
        page.locator("#to").fill(today)
        page.get_by_role("button", name="Show").click()
        expect(page.locator("#total")).to_have_text("4")

        # The CSV link, with the nurse's session, returns CSV.
        href = page.locator("#csv").get_attribute("href")
        assert f"to={today}" in href
        response = staff.request.get(web.url + href)
        assert response.ok, response.status
        assert response.headers["content-type"].startswith("text/csv")
        text = response.text()
        assert "," in text.splitlines()[0] and len(text.splitlines()) > 1, text[:300]
        # Not without signing in.
        stranger = browser.new_context()
        assert stranger.request.get(web.url + href).status == 401
        stranger.close()
    finally:
        staff.close()
    assert not problems, problems
