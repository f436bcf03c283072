"""The live handoff in two browsers: a patient's widget and a nurse's inbox, against the
real servers. An urgent report; the nurse acknowledges it and the patient sees that; the
nurse writes in the chat and the patient answers; an emergency typed meanwhile still gets
the 911 advice; the nurse hands the chat back and the assistant says it is back."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from store.database import Database
from store.staff import add_user
from tests.browser.conftest import save_docs_screenshot
from tests.browser.test_widget_and_inbox import REPLY_TIMEOUT, bot_messages, open_widget, say

URGENT_MESSAGE = "I haven't peed since yesterday's infusion"  # as the urgent test (newest row first)
NURSE_MESSAGE = "Hi, this is the clinic nurse. How much have you had to drink today?"
PATIENT_ANSWER = "only one glass of water"
EMERGENCY_MESSAGE = "now my throat is swelling and I can't breathe"


def test_a_nurse_takes_over_the_chat_and_hands_it_back(page: Page, browser, stack, shot):
    open_widget(page, stack)
    say(page, URGENT_MESSAGE)
    # The urgent reply says by when a nurse calls, and whom to call if not.
    expect(bot_messages(page).filter(has_text="within 30 minutes").first).to_be_visible(
        timeout=REPLY_TIMEOUT)
    expect(bot_messages(page).filter(has_text="call the clinic at").first).to_be_visible()
    shot(page, "urgent-reply")

    staff = browser.new_context(viewport={"width": 1200, "height": 800})
    inbox = staff.new_page()
    try:
        # A named nurse signs in: the patient sees her first name.
        password = add_user(Database(stack.database_url), "sam", "nurse", display_name="Sam")
        inbox.goto(stack.web_url + "/staff")
        inbox.get_by_label("Username").fill("sam")
        inbox.get_by_label("Password").fill(password)
        inbox.get_by_role("button", name="Sign in").click()
        row = inbox.locator("tbody tr").filter(has_text=URGENT_MESSAGE).first
        expect(row).to_be_visible()
        row.get_by_role("button", name=re.compile("^View conversation")).click()
        transcript = inbox.locator("#transcript")
        expect(transcript.locator("li.from-patient").filter(has_text=URGENT_MESSAGE)).to_be_visible()

        # Acknowledged: the open widget says so at once.
        row.get_by_role("button", name=re.compile("^Acknowledge")).click()
        expect(page.locator(".ivig-ack")).to_contain_text("A nurse has seen your message",
                                                          timeout=10_000)
        shot(page, "acknowledged")

        # The nurse writes; the patient sees it as the nurse's, not the assistant's.
        inbox.get_by_label(re.compile("^Write to the patient")).fill(NURSE_MESSAGE)
        inbox.get_by_role("button", name="Send to patient").click()
        staff_message = page.locator(".ivig-msg--staff")
        expect(staff_message.filter(has_text=NURSE_MESSAGE)).to_be_visible(timeout=10_000)
        # Who writes: a first name (named accounts) and a role, never "Assistant".
        expect(staff_message.first.locator(".ivig-staff-name")).to_contain_text("Sam, Nurse")
        expect(page.locator(".ivig-subtitle")).to_contain_text("nurse")
        expect(inbox.locator("#handoff-state")).to_contain_text("The assistant is paused",
                                                                timeout=10_000)
        shot(page, "nurse-message")

        # The patient answers: the nurse sees it live; the assistant stays quiet.
        bot_count = bot_messages(page).count()
        say(page, PATIENT_ANSWER)
        expect(transcript.locator("li.from-patient").filter(has_text=PATIENT_ANSWER)).to_be_visible(
            timeout=10_000)
        page.wait_for_timeout(2000)
        expect(bot_messages(page)).to_have_count(bot_count)
        expect(page.locator(".ivig-msg--note")).to_have_count(0)  # no "No reply yet"
        shot(inbox, "patient-answer-live")
        save_docs_screenshot(page.locator("#ivig-chat"), "handoff-patient.png")
        save_docs_screenshot(inbox, "handoff-nurse.png", full_page=True)

        # An emergency during the handoff: 911 advice at once, and the nurse sees it flagged.
        say(page, EMERGENCY_MESSAGE)
        expect(bot_messages(page).filter(has_text="911").last).to_be_visible(timeout=REPLY_TIMEOUT)
        expect(page.get_by_role("alert").filter(has_text="Call 911 now")).to_be_visible(
            timeout=REPLY_TIMEOUT)
        flagged = transcript.locator("li.from-patient.emergency").filter(has_text=EMERGENCY_MESSAGE)
        expect(flagged).to_be_visible(timeout=10_000)
        expect(inbox.locator("#handoff-alert")).to_contain_text("call 911")
        shot(page, "emergency-during-handoff")
        shot(inbox, "emergency-flagged")

        # Hand back: the assistant tells the patient it is back.
        inbox.get_by_role("button", name="Hand back to the assistant").click()
        expect(bot_messages(page).filter(has_text="I'm back").first).to_be_visible(timeout=10_000)
        expect(page.locator(".ivig-subtitle")).to_have_text("Automated assistant, not a person",
                                                            timeout=10_000)
        expect(inbox.locator("#handoff-state")).to_contain_text("The assistant is answering",
                                                                timeout=10_000)
        shot(page, "handed-back")
    finally:
        staff.close()
