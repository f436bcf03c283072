"""What a patient and a nurse see: the chat widget on the clinic page and the staff inbox,
in headless Chromium against the real servers."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from playwright.sync_api import Page, expect

from store.database import Database
from store.escalations import EscalationRecord, record_escalation
from store.staff import add_user
from tests.browser.conftest import save_docs_screenshot

EMERGENCY_MESSAGE = "my throat is swelling and I can't breathe"
REPLY_TIMEOUT = 30_000


def open_widget(page: Page, stack) -> None:
    page.goto(stack.web_url + "/")
    expect(page.get_by_text("Not for emergencies.")).to_be_visible()
    # Connected: the session is confirmed and the "Connecting" line is gone.
    expect(page.locator(".ivig-connection")).to_be_empty(timeout=REPLY_TIMEOUT)


def say(page: Page, text: str) -> None:
    box = page.get_by_label("Type your message")
    box.fill(text)
    box.press("Enter")


def bot_messages(page: Page):
    return page.locator(".ivig-msg--bot .ivig-text")


def user_messages(page: Page):
    return page.locator(".ivig-msg--user .ivig-text")


def test_preparation_question_is_answered(page: Page, stack, shot):
    open_widget(page, stack)
    expect(page.get_by_role("log", name="Conversation")).to_have_attribute("aria-live", "polite")
    shot(page, "empty-widget")
    # The typing line may be gone before a screenshot could catch it: record its showing.
    page.locator("#ivig-chat").evaluate("""host => {
        const typing = host.shadowRoot.querySelector('.ivig-typing');
        window.typingShown = false;
        new MutationObserver(() => { if (!typing.hidden) window.typingShown = true; })
            .observe(typing, {attributes: true});
    }""")
    say(page, "can I eat before my infusion?")
    expect(user_messages(page).last).to_have_text("can I eat before my infusion?")
    shot(page, "sent")
    answer = bot_messages(page).filter(has_text=re.compile(r"\beat\b"))
    expect(answer.first).to_be_visible(timeout=REPLY_TIMEOUT)
    expect(answer.first).to_contain_text("Source:")
    expect(page.get_by_text("The assistant is typing")).to_be_hidden()
    assert page.evaluate("window.typingShown"), "no typing indicator while waiting"
    expect(page.locator(".ivig-emergency")).to_be_empty()
    shot(page, "answer")


def test_mild_headache_screening_with_the_keyboard_ends_in_self_care(page: Page, stack, shot):
    open_widget(page, stack)
    say(page, "I have a mild headache after my infusion yesterday")
    no_button = page.get_by_role("group", name="Reply options").get_by_role("button", name="No")
    questions = 0
    advice = bot_messages(page).filter(has_text="mild headache is one of the most common")
    while advice.count() == 0:
        expect(no_button.or_(advice.first)).to_be_visible(timeout=REPLY_TIMEOUT)
        if advice.count():
            break
        questions += 1
        assert questions <= 12, "the screening never ended"
        if questions == 1:
            shot(page, "first-question")
            save_docs_screenshot(page.locator("#ivig-chat"), "widget.png")
        # Keyboard only: from the message box, Shift+Tab reaches the last reply option.
        page.get_by_label("Type your message").focus()
        page.keyboard.press("Shift+Tab")
        expect(no_button).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_label("Type your message")).to_be_focused()
    assert questions >= 3, f"expected several screening questions, got {questions}"
    # The patient sees the button's title, never the payload.
    expect(user_messages(page).filter(has_text="No")).to_have_count(questions)
    expect(user_messages(page).filter(has_text="/deny")).to_have_count(0)
    expect(advice.first).to_be_visible()
    expect(page.locator(".ivig-emergency")).to_be_empty()
    expect(page.locator(".ivig-urgent")).to_be_empty()
    shot(page, "self-care-advice")


def test_emergency_shows_a_banner_that_stays_after_reload(page: Page, stack, shot):
    open_widget(page, stack)
    say(page, EMERGENCY_MESSAGE)
    banner = page.get_by_role("alert").filter(has_text="Call 911 now")
    expect(banner).to_be_visible(timeout=REPLY_TIMEOUT)
    call = banner.get_by_role("link", name="Call 911")
    expect(call).to_have_attribute("href", "tel:911")
    expect(bot_messages(page).filter(has_text="911").first).to_be_visible()
    shot(page, "emergency-banner")

    # A reload keeps the conversation (same Rasa session) and the banner.
    session_before = page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sessionId")
    page.reload()
    expect(banner).to_be_visible()
    expect(user_messages(page).filter(has_text=EMERGENCY_MESSAGE)).to_have_count(1)
    expect(page.locator(".ivig-connection")).to_be_empty(timeout=REPLY_TIMEOUT)
    assert page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sessionId") == session_before
    shot(page, "after-reload")

    # The conversation goes on in the same session, and the banner stays.
    say(page, "what is IVIG?")
    expect(bot_messages(page).filter(has_text="IVIG").last).to_be_visible(timeout=REPLY_TIMEOUT)
    page.wait_for_timeout(1500)
    expect(banner).to_be_visible()
    expect(call).to_be_in_viewport()
    shot(page, "banner-stays")


def test_urgent_symptom_says_the_care_team_was_told(page: Page, stack, shot):
    open_widget(page, stack)
    say(page, "I haven't peed since yesterday's infusion")
    notice = page.locator(".ivig-urgent")
    expect(notice).to_contain_text("Your care team has been told", timeout=REPLY_TIMEOUT)
    expect(notice).to_have_attribute("role", "status")
    expect(page.locator(".ivig-emergency")).to_be_empty()
    shot(page, "urgent-notice")

    # "Start over" forgets the conversation on this device and starts a new session.
    session_before = page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sessionId")
    page.get_by_role("button", name="Start over").click()
    expect(notice).to_be_empty()
    expect(user_messages(page)).to_have_count(0)
    expect(page.locator(".ivig-connection")).to_be_empty(timeout=REPLY_TIMEOUT)
    page.wait_for_function(
        "old => { const s = Object.values(localStorage).map(JSON.parse)[0]; return s.sessionId && s.sessionId !== old; }",
        arg=session_before)
    shot(page, "started-over")


def test_staff_sign_in_sees_the_escalation_and_acknowledges_it(page: Page, browser, stack, shot):
    # A patient reports an emergency...
    open_widget(page, stack)
    say(page, EMERGENCY_MESSAGE)
    expect(page.get_by_role("alert").filter(has_text="Call 911 now")).to_be_visible(timeout=REPLY_TIMEOUT)
    # No patient data without the token.
    assert requests.get(f"{stack.web_url}/api/escalations", timeout=5).status_code == 401

    staff = browser.new_context(viewport={"width": 1200, "height": 800})
    inbox = staff.new_page()
    dialogs = []
    inbox.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        # Each nurse signs in with an account of her own (store/staff.py).
        password = add_user(Database(stack.database_url), "nora", "nurse", display_name="Nora")
        inbox.goto(stack.web_url + "/staff")
        inbox.get_by_label("Username").fill("nora")
        password_box = inbox.get_by_label("Password")
        password_box.fill("wrong-password")
        password_box.press("Enter")
        expect(inbox.get_by_role("alert")).to_contain_text("not right")
        shot(inbox, "wrong-token")
        inbox.get_by_label("Password").fill(password)
        inbox.get_by_role("button", name="Sign in").click()

        row = inbox.locator("tbody tr").filter(has_text=EMERGENCY_MESSAGE).first
        expect(row).to_be_visible()
        expect(row).to_contain_text("Emergency")
        expect(row.locator("td.status")).to_have_text("open")
        # Newest first: this test's escalation is the latest.
        expect(inbox.locator("tbody tr").first).to_contain_text(EMERGENCY_MESSAGE)
        shot(inbox, "inbox")

        row.get_by_role("button", name=re.compile("^View conversation")).click()
        transcript = inbox.locator("#transcript")
        expect(transcript.locator("li.from-patient").filter(has_text=EMERGENCY_MESSAGE)).to_be_visible()
        expect(transcript.locator("li.from-assistant").filter(has_text="911").first).to_be_visible()
        shot(inbox, "transcript")

        row.get_by_role("button", name=re.compile("^Acknowledge")).click()
        expect(row.locator("td.status")).to_have_text("acknowledged")
        expect(row).to_contain_text("Acknowledged by nora")
        expect(row.get_by_role("button", name=re.compile("^Acknowledge"))).to_have_count(0)
        save_docs_screenshot(inbox, "inbox.png")
        shot(inbox, "acknowledged")

        # A new escalation appears by itself (auto-refresh), its text shown as text.
        record_escalation(Database(stack.database_url), EscalationRecord(
            conversation_id="not-a-real-conversation", level="urgent", reason="test",
            red_flags=["high_fever"], patient_message='<img src=x onerror="alert(2)">fever'))
        hostile = inbox.locator("tbody tr").first
        expect(hostile).to_contain_text('<img src=x onerror="alert(2)">fever', timeout=15_000)
        expect(inbox.locator("tbody img")).to_have_count(0)
        shot(inbox, "new-escalation-refreshed")
        inbox.set_viewport_size({"width": 375, "height": 812})
        expect(row.get_by_role("button", name=re.compile("^Resolve"))).to_be_visible()
        shot(inbox, "inbox-on-a-phone")

        # The cookie is HttpOnly: page scripts cannot read it.
        assert inbox.evaluate("document.cookie") == ""
        cookies = staff.cookies()
        assert cookies and all(cookie["httpOnly"] for cookie in cookies)
    finally:
        staff.close()
    assert not dialogs, dialogs


def test_markup_in_a_message_is_shown_as_text(page: Page, stack, shot):
    open_widget(page, stack)
    say(page, "<script>alert(1)</script>")
    expect(user_messages(page).last).to_have_text("<script>alert(1)</script>")
    expect(bot_messages(page).last).to_be_visible(timeout=REPLY_TIMEOUT)
    page.wait_for_timeout(500)
    assert page.locator("#ivig-chat").evaluate(
        "host => host.shadowRoot.querySelectorAll('.ivig-log script, .ivig-log img').length") == 0
    user_messages(page).last.scroll_into_view_if_needed()
    shot(page, "markup-as-text")


def test_two_line_embed_works_on_a_clinic_site_of_another_origin(page: Page, stack, shot):
    """The snippet from web/README.md on a page of another origin (a tiny server here):
    socket.io to Rasa and the status call to the web server both cross origins."""
    snippet = (f'<div id="ivig-chat"></div>\n'
               f'<script src="{stack.web_url}/widget.js" data-rasa-url="{stack.servers.url}" defer></script>')
    body = f"<!doctype html><html lang=en><title>Clinic</title><h1>Our clinic</h1>{snippet}</html>".encode()

    class ClinicPage(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    clinic = ThreadingHTTPServer(("127.0.0.1", 0), ClinicPage)
    threading.Thread(target=clinic.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{clinic.server_port}/ivig")
        expect(page.locator(".ivig-connection")).to_be_empty(timeout=REPLY_TIMEOUT)
        say(page, EMERGENCY_MESSAGE)
        expect(page.get_by_role("alert").filter(has_text="Call 911 now")).to_be_visible(timeout=REPLY_TIMEOUT)
        shot(page, "embedded-elsewhere")
    finally:
        clinic.shutdown()
        clinic.server_close()


@pytest.mark.parametrize("width", [375])
def test_widget_fits_a_phone_screen(page: Page, stack, shot, width):
    page.set_viewport_size({"width": width, "height": 700})
    open_widget(page, stack)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("#ivig-chat").bounding_box()
    assert box and box["width"] <= width
    send = page.get_by_role("button", name="Send")
    expect(send).to_be_visible()
    send_box = send.bounding_box()
    assert send_box["x"] + send_box["width"] <= width
    shot(page, "phone")
