"""The web server's auth, staff API, widget status and pages, on a temporary SQLite DB."""

from __future__ import annotations

import stat

import pytest

from store.escalations import list_escalations
from clinical.lexicon import finding_label
from settings import ensure_token_file
from tests.web.conftest import PATIENT_SECRET, STAFF_TOKEN, bot, patient_headers, tracker, user
from web.auth import COOKIE_NAME
from web.config import WebConfig
from web.responses import STATIC_DIR
from web.routes_widget import SOCKET_IO_DIST

API_CALLS = [
    ("GET", "/api/escalations"),
    ("POST", "/api/escalations/1/acknowledge"),
    ("POST", "/api/escalations/1/resolve"),
    ("GET", "/api/conversations/conv-1/transcript"),
]


async def login(client) -> None:
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN}, allow_redirects=False)
    assert response.status == 303


# ---------------------------------------------------------------- auth

@pytest.mark.parametrize("method,path", API_CALLS)
async def test_staff_api_refuses_requests_without_the_token(client, add_escalation, method, path):
    add_escalation(message="my throat is swelling")
    response = await client.request(method, path)
    assert response.status == 401
    assert "throat" not in await response.text()


@pytest.mark.parametrize("method,path", API_CALLS)
async def test_staff_api_refuses_a_wrong_bearer_token(client, add_escalation, method, path):
    add_escalation()
    response = await client.request(method, path, headers={"Authorization": "Bearer nope"})
    assert response.status == 401


async def test_wrong_login_shows_the_form_again_without_a_cookie(client):
    response = await client.post("/staff/login", data={"token": "guess"}, allow_redirects=False)
    assert response.status == 401
    assert "not right" in await response.text()
    assert COOKIE_NAME not in response.cookies


async def test_login_sets_an_httponly_strict_cookie_that_is_not_the_token(client):
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert STAFF_TOKEN not in cookie.value


async def test_staff_page_is_the_login_form_until_signed_in(client):
    before = await (await client.get("/staff")).text()
    assert 'name="username"' in before and 'name="password"' in before and "staff.js" not in before
    await login(client)
    after = await client.get("/staff")
    assert "staff.js" in await after.text()
    assert "script-src 'self'" in after.headers["Content-Security-Policy"]


async def test_logout_ends_the_session(client, add_escalation):
    add_escalation()
    await login(client)
    assert (await client.get("/api/escalations")).status == 200
    await client.post("/staff/logout", allow_redirects=False)
    assert (await client.get("/api/escalations")).status == 401


async def test_cookie_writes_need_the_csrf_header(client, add_escalation, database):
    escalation_id = add_escalation()
    await login(client)
    forged = await client.post(f"/api/escalations/{escalation_id}/acknowledge")
    assert forged.status == 403
    assert list_escalations(database)[0].status == "open"
    real = await client.post(f"/api/escalations/{escalation_id}/acknowledge",
                             headers={"X-Requested-With": "ivig-staff"})
    assert real.status == 200
    assert list_escalations(database)[0].status == "acknowledged"


# ---------------------------------------------------------------- escalations

async def test_escalations_are_listed_newest_first_with_what_staff_need(client, add_escalation, bearer):
    add_escalation("conv-a", "urgent", "fever and chills", ["high_fever"], "high fever")
    add_escalation("conv-b", "emergency", "<b>can't breathe</b>", ["unknown_sign", "breathing"])
    response = await client.get("/api/escalations", headers=bearer)
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    items = (await response.json())["escalations"]
    assert [item["conversation_id"] for item in items] == ["conv-b", "conv-a"]
    first = items[0]
    assert first["level"] == "emergency"
    assert first["red_flags"] == ["unknown_sign", "breathing"]
    assert first["red_flag_labels"] == ["unknown sign", "breathing"]  # unknown names as they are
    urgent = items[1]
    # Known findings in the plain words of clinical/lexicon.py.
    assert urgent["red_flag_labels"] == [finding_label("high_fever")] != ["high_fever"]
    assert first["patient_message"] == "<b>can't breathe</b>"
    assert first["status"] == "open"
    assert first["created_at"].endswith("+00:00")


async def test_escalations_can_be_filtered_by_status(client, add_escalation, bearer):
    first = add_escalation("conv-a")
    add_escalation("conv-b")
    await client.post(f"/api/escalations/{first}/resolve", headers=bearer)
    response = await client.get("/api/escalations?status=open", headers=bearer)
    assert [item["conversation_id"] for item in (await response.json())["escalations"]] == ["conv-b"]
    assert (await client.get("/api/escalations?status=bogus", headers=bearer)).status == 400


async def test_acknowledge_then_resolve_records_both_times(client, add_escalation, bearer):
    escalation_id = add_escalation()
    acknowledged = await (await client.post(f"/api/escalations/{escalation_id}/acknowledge",
                                            headers=bearer)).json()
    assert acknowledged["escalation"]["status"] == "acknowledged"
    assert acknowledged["escalation"]["acknowledged_at"]
    resolved = await (await client.post(f"/api/escalations/{escalation_id}/resolve",
                                        headers=bearer)).json()
    assert resolved["escalation"]["status"] == "resolved"
    assert resolved["escalation"]["resolved_at"]


@pytest.mark.parametrize("path", ["/api/escalations/999/acknowledge", "/api/escalations/x/resolve"])
async def test_unknown_escalation_is_404(client, bearer, path):
    response = await client.post(path, headers=bearer)
    assert response.status == 404
    assert "error" in await response.json()


# ---------------------------------------------------------------- transcripts

async def test_transcript_shows_user_and_bot_text_and_button_titles(client, fake_rasa, add_escalation, bearer):
    add_escalation("conv-1")
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    fake_rasa.trackers["conv-1"] = [tracker([
        {"event": "action", "name": "action_session_start", "timestamp": 0.4},
        {"event": "session_started", "timestamp": 0.5},
        user("I have a headache"),
        bot("Do you have a stiff neck?", "utter_ask_screen_stiff_neck", buttons),
        user("/deny"),
        {"event": "slot", "name": "triage_level", "value": "self_care"},
        bot("Rest and drink fluids."),
    ])]
    response = await client.get("/api/conversations/conv-1/transcript", headers=bearer)
    assert response.status == 200
    messages = (await response.json())["messages"]
    assert [(m["sender"], m["text"]) for m in messages] == [
        ("system", "New session"),
        ("patient", "I have a headache"),
        ("assistant", "Do you have a stiff neck?"),
        ("patient", "No"),
        ("assistant", "Rest and drink fluids."),
    ]
    assert messages[3]["payload"] == "/deny"
    # The Rasa token is added by the server, and every session is asked for.
    assert fake_rasa.requests[-1] == {"include_events": "ALL", "token": "rasa-test-token"}


async def test_transcript_only_for_escalated_conversations(client, add_escalation, bearer):
    add_escalation("conv-1")
    response = await client.get("/api/conversations/someone-else/transcript", headers=bearer)
    assert response.status == 404


async def test_transcript_when_rasa_is_down_is_502(make_client, add_escalation, bearer):
    add_escalation("conv-1")
    client = await make_client(rasa_url="http://127.0.0.1:9")
    response = await client.get("/api/conversations/conv-1/transcript", headers=bearer)
    assert response.status == 502


# ---------------------------------------------------------------- widget status

async def test_widget_status_reads_the_triage_slot(client, fake_rasa):
    fake_rasa.trackers["abc123"] = [tracker([user("I feel off"), bot("Your care team has been notified")],
                                            triage_level="urgent")]
    response = await client.get("/api/widget/status/abc123?min_turns=1", headers=patient_headers("abc123"))
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert await response.json() == {"level": "urgent", "turns": 1, "settled": True}


async def test_widget_status_answers_at_once_and_the_widget_asks_again(client, fake_rasa):
    # No wait polling Rasa (web/status_cache.py): "not settled" now, the answer cached for
    # a second, then read again.
    from web.routes_widget import STATUS_CACHE_KEY

    fake_rasa.trackers["abc123"] = [
        tracker([user("hi")], triage_level=None),
        tracker([user("hi"), user("my throat is swelling"), bot("Call 911", "utter_emergency")],
                triage_level="emergency"),
    ]
    body = await (await client.get("/api/widget/status/abc123?min_turns=2", headers=patient_headers("abc123"))).json()
    assert body == {"level": None, "turns": 1, "settled": False}
    body = await (await client.get("/api/widget/status/abc123?min_turns=2", headers=patient_headers("abc123"))).json()
    assert body["settled"] is False and len(fake_rasa.requests) == 1  # from the cache
    client.server.app[STATUS_CACHE_KEY].max_age = 0  # the second has passed
    body = await (await client.get("/api/widget/status/abc123?min_turns=2", headers=patient_headers("abc123"))).json()
    assert body == {"level": "emergency", "turns": 2, "settled": True}


async def test_widget_status_does_not_wait_for_turns_that_cannot_come(client, fake_rasa):
    fake_rasa.trackers["abc123"] = [tracker([user("hi")], triage_level="info")]
    body = await (await client.get("/api/widget/status/abc123?min_turns=50", headers=patient_headers("abc123"))).json()
    assert body == {"level": "info", "turns": 1, "settled": False}
    assert len(fake_rasa.requests) == 1


async def test_emergency_response_counts_even_before_the_slot_is_set(client, fake_rasa):
    # The rule says utter_emergency before the action server sets the slot; if that
    # server is down, the slot stays as it was, and the banner must still show.
    fake_rasa.trackers["abc123"] = [tracker(
        [user("what is ivig"), bot("IVIG is..."), user("I can't breathe"),
         bot("Please call 911 now", "utter_emergency")], triage_level="info")]
    body = await (await client.get("/api/widget/status/abc123", headers=patient_headers("abc123"))).json()
    assert body["level"] == "emergency"


async def test_an_earlier_emergency_response_does_not_count_for_a_later_turn(client, fake_rasa):
    fake_rasa.trackers["abc123"] = [tracker(
        [user("I can't breathe"), bot("Please call 911 now", "utter_emergency"),
         user("what is ivig"), bot("IVIG is...")], triage_level="info")]
    body = await (await client.get("/api/widget/status/abc123", headers=patient_headers("abc123"))).json()
    assert body["level"] == "info"


async def test_widget_status_rejects_odd_session_ids(client):
    response = await client.get("/api/widget/status/" + "a" * 200)
    assert response.status == 400


async def test_widget_session_is_new_unless_a_valid_token_resumes_it(client):
    from web.patient_sessions import PatientSessions

    sessions = PatientSessions(PATIENT_SECRET)
    first = await (await client.post("/api/widget/session")).json()
    assert len(first["session_id"]) == 32 and not first["resumed"]
    assert sessions.conversation_of(first["token"]) == first["session_id"]
    again = await (await client.post("/api/widget/session", json={"token": first["token"]})).json()
    assert again["resumed"] and again["session_id"] == first["session_id"]
    forged = await (await client.post("/api/widget/session", json={"token": "x.y.z"})).json()
    assert not forged["resumed"] and forged["session_id"] != first["session_id"]
    assert (await client.post("/api/widget/session", data="[1]")).status == 400


async def test_widget_status_needs_the_conversations_token(client, fake_rasa):
    fake_rasa.trackers["abc123"] = [tracker([user("hi")], triage_level="urgent")]
    assert (await client.get("/api/widget/status/abc123")).status == 401
    other = await client.get("/api/widget/status/abc123", headers=patient_headers("other"))
    assert other.status == 403
    preflight = await client.options("/api/widget/status/abc123")
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert fake_rasa.requests == []


async def test_widget_status_without_rasa_is_502(make_client):
    client = await make_client(rasa_url="http://127.0.0.1:9")
    response = await client.get("/api/widget/status/abc123", headers=patient_headers("abc123"))
    assert response.status == 502


# ---------------------------------------------------------------- pages

async def test_demo_page_embeds_the_widget_with_the_rasa_url(client):
    response = await client.get("/")
    page = await response.text()
    assert '<script src="/widget.js" data-rasa-url="http://rasa.example:5005" defer></script>' in page
    assert "ws://rasa.example:5005" in response.headers["Content-Security-Policy"]


async def test_demo_page_escapes_the_configured_url(make_client):
    client = await make_client(widget_rasa_url='http://x"><script>alert(1)</script>')
    page = await (await client.get("/")).text()
    assert "<script>alert(1)" not in page
    assert "&quot;&gt;&lt;script&gt;" in page


@pytest.mark.parametrize("path", ["/widget.js", "/widget.css", "/staff.js", "/staff.css", "/demo.css"])
async def test_static_files_are_served(client, path):
    response = await client.get(path)
    assert response.status == 200


async def test_socket_io_client_comes_from_node_modules(client):
    response = await client.get("/vendor/socket.io.min.js")
    if not SOCKET_IO_DIST.joinpath("socket.io.min.js").is_file():
        assert response.status == 503
    else:
        assert response.status == 200
        assert "Socket.IO" in (await response.text())[:300]


@pytest.mark.parametrize("path", ["/server.py", "/..%2Fserver.py", "/vendor/package.json", "/index.html"])
async def test_nothing_else_is_served(client, path):
    assert (await client.get(path)).status == 404


# ---------------------------------------------------------------- staff token

def test_staff_token_file_is_private_and_reused(tmp_path):
    path = tmp_path / "var" / "staff_token"
    token = ensure_token_file(path)
    assert len(token) >= 24
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_token_file(path) == token


def test_server_refuses_to_start_without_a_staff_token():
    with pytest.raises(SystemExit):
        WebConfig.from_env({})


# ---------------------------------------------------------------- export

async def test_staff_export_one_conversation_as_a_file(client, fake_rasa, add_escalation, bearer):
    add_escalation("conv-9")
    fake_rasa.trackers["conv-9"] = [tracker([user("my pee is dark"), bot("Your care team has been notified.")])]
    response = await client.get("/api/conversations/conv-9/export", headers=bearer)
    assert response.status == 200
    assert "attachment" in response.headers["Content-Disposition"]
    body = await response.json()
    assert [m["text"] for m in body["messages"]] == ["my pee is dark", "Your care team has been notified."]
    assert len(body["escalations"]) == 1 and body["events"]


async def test_export_needs_the_staff_token(client):
    response = await client.get("/api/conversations/conv-9/export")
    assert response.status == 401


# ---------------------------------------------------------------- one escalation per episode

async def test_a_single_report_shows_a_count_of_one_and_its_own_message(client, add_escalation, bearer):
    add_escalation("conv-1", message="my throat is swelling")
    [item] = (await (await client.get("/api/escalations", headers=bearer)).json())["escalations"]
    assert (item["repeat_count"], item["last_message"]) == (1, "my throat is swelling")
    assert item["updated_at"] == item["created_at"]


async def test_repeated_reports_show_as_one_escalation_with_count_and_latest_message(
        client, add_escalation, bearer):
    first = add_escalation("conv-1", "urgent", "my pee is dark", ["dark_urine"], "dark urine")
    assert add_escalation("conv-1", message="my throat is swelling") == first
    assert add_escalation("conv-1", message="I can't breathe") == first
    [item] = (await (await client.get("/api/escalations", headers=bearer)).json())["escalations"]
    assert item["id"] == first and item["level"] == "emergency"
    assert item["repeat_count"] == 3
    assert (item["patient_message"], item["last_message"]) == ("my pee is dark", "I can't breathe")
    assert item["red_flags"] == ["dark_urine", "anaphylaxis"]
    assert item["updated_at"].endswith("+00:00") and item["updated_at"] > item["created_at"]
    # After staff acknowledge it, the next report is a new escalation.
    await client.post(f"/api/escalations/{first}/acknowledge", headers=bearer)
    assert add_escalation("conv-1", message="again") != first
    items = (await (await client.get("/api/escalations", headers=bearer)).json())["escalations"]
    assert [(item["repeat_count"], item["status"]) for item in items] == [(1, "open"), (3, "acknowledged")]


async def test_an_escalation_from_before_episodes_reads_as_one_report(client, database, add_escalation, bearer):
    from sqlalchemy import text

    escalation_id = add_escalation("conv-1", message="my throat is swelling")
    with database.engine.begin() as connection:  # as the columns are on an older database
        connection.execute(text("UPDATE escalations SET last_message = NULL, updated_at = NULL"))
    [item] = (await (await client.get("/api/escalations", headers=bearer)).json())["escalations"]
    assert item["id"] == escalation_id
    assert (item["repeat_count"], item["last_message"]) == (1, "my throat is swelling")
    assert item["updated_at"] == item["created_at"]


def test_the_inbox_shows_how_often_and_the_latest_message():
    script = (STATIC_DIR / "staff.js").read_text()
    assert "item.repeat_count > 1" in script and '"Reported " + item.repeat_count + " times"' in script
    assert '"Latest: " + item.last_message' in script
    assert "reported again" in script  # announced to screen readers like a new escalation


# ---------------------------------------------------------------- request size

async def test_bodies_over_the_limit_are_refused_before_authentication(make_client, bearer):
    client = await make_client(max_body_bytes=1024)
    at_limit = await client.post("/api/escalations/1/acknowledge", data=b"x" * 1024, headers=bearer)
    assert at_limit.status == 404  # reached the handler: no such escalation
    over = await client.post("/api/escalations/1/acknowledge", data=b"x" * 1025)
    assert over.status == 413
    assert (await over.json())["error"].startswith("request body too large")
    assert over.headers["Cache-Control"] == "no-store"


def test_the_body_limit_is_a_setting():
    config = WebConfig.from_env({"STAFF_TOKEN": "t", "WEB_MAX_BODY_BYTES": "4096"})
    assert config.max_body_bytes == 4096
    assert WebConfig.from_env({"STAFF_TOKEN": "t"}).max_body_bytes == 8192
    with pytest.raises(SystemExit, match="WEB_MAX_BODY_BYTES"):
        WebConfig.from_env({"STAFF_TOKEN": "t", "WEB_MAX_BODY_BYTES": "lots"})


# ---------------------------------------------------------------- bidirectional controls

async def test_transcripts_show_bidi_controls_as_markers_and_the_export_keeps_them(
        client, fake_rasa, add_escalation, bearer):
    add_escalation("conv-1", message="I \u202eenoyna llet t'nod\u202c")
    fake_rasa.trackers["conv-1"] = [tracker([user("I \u202eenoyna llet t'nod\u202c"),
                                             bot("Your care team has been notified.")])]
    shown = await (await client.get("/api/conversations/conv-1/transcript", headers=bearer)).json()
    assert shown["messages"][0]["text"] == "I [U+202E]enoyna llet t'nod[U+202C]"
    exported = await (await client.get("/api/conversations/conv-1/export", headers=bearer)).json()
    assert exported["messages"][0]["text"] == "I \u202eenoyna llet t'nod\u202c"
    assert exported["escalations"][0]["patient_message"] == "I \u202eenoyna llet t'nod\u202c"


def test_the_inbox_shows_the_conversation_label_not_the_raw_id():
    script = (STATIC_DIR / "staff.js").read_text()
    assert "item.conversation_label" in script


# ---------------------------------------------------------------- inbox paging

def resolve_all(database):
    from sqlalchemy import text

    with database.engine.begin() as connection:
        connection.execute(text("UPDATE escalations SET status = 'resolved'"))


async def test_pages_by_cursor_are_not_shifted_by_new_escalations(client, add_escalation, database, bearer):
    for number in range(5):
        add_escalation(f"old-{number}")
    resolve_all(database)
    first = await (await client.get("/api/escalations?page_size=2", headers=bearer)).json()
    assert [item["conversation_id"] for item in first["escalations"]] == ["old-4", "old-3"]
    add_escalation("new-open")  # arrives while staff read
    add_escalation("new-contact", level="contact_request", red_flags=())
    cursor = first["paging"]["next_before"]
    second = await (await client.get(f"/api/escalations?page_size=2&before={cursor}",
                                     headers=bearer)).json()
    assert [item["conversation_id"] for item in second["escalations"]] == ["old-2", "old-1"]
    assert second["active_count"] == 0 and second["paging"]["page"] is None
    third = await (await client.get(f"/api/escalations?page_size=2&before={second['paging']['next_before']}",
                                    headers=bearer)).json()
    assert [item["conversation_id"] for item in third["escalations"]] == ["old-0"]
    assert third["paging"] == {"page_size": 2, "page": None, "rest_total": 6, "has_more": False,
                               "next_before": None}


async def test_unresolved_emergencies_come_first_however_old(client, add_escalation, database, bearer):
    add_escalation("old-emergency")
    for number in range(3):
        add_escalation(f"contact-{number}", level="contact_request", red_flags=())
    body = await (await client.get("/api/escalations?page_size=1", headers=bearer)).json()
    assert [item["conversation_id"] for item in body["escalations"]] == ["old-emergency", "contact-2"]
    assert body["active_count"] == 1 and body["paging"]["has_more"]


@pytest.mark.parametrize("query", ["page_size=0", "page_size=201", "page=0", "page=x",
                                   "before=garbage", "before=1_2&page=2"])
async def test_bad_paging_is_400(client, bearer, query):
    response = await client.get(f"/api/escalations?{query}", headers=bearer)
    assert response.status == 400
    assert "error" in await response.json()


async def test_one_escalation_in_full(client, add_escalation, bearer):
    escalation_id = add_escalation(message="x" * 1000)
    listed = (await (await client.get("/api/escalations", headers=bearer)).json())["escalations"]
    assert len(listed[0]["patient_message"]) == 280 and listed[0]["message_truncated"]
    full = await (await client.get(f"/api/escalations/{escalation_id}", headers=bearer)).json()
    assert full["escalation"]["patient_message"] == "x" * 1000
    assert (await client.get("/api/escalations/abc", headers=bearer)).status == 404


def test_the_inbox_pages_shows_totals_and_fetches_full_text():
    script = (STATIC_DIR / "staff.js").read_text()
    page = (STATIC_DIR / "staff.html").read_text()
    assert "body.paging.next_before" in script and "before: moreCursor" in script  # Load more
    assert "body.totals" in script and 'id="totals"' in page and 'id="load-more"' in page
    assert '"/api/escalations/" + encodeURIComponent(id)).then' in script  # full text on demand
    assert "item.message_truncated" in script


@pytest.mark.parametrize("conversation_id", ["a/b", "sp ace", "per%cent", "q?x=1", "émile#2"])
async def test_transcript_of_an_id_that_needs_url_escaping(client, fake_rasa, add_escalation,
                                                          bearer, conversation_id):
    from urllib.parse import quote

    add_escalation(conversation_id)
    fake_rasa.trackers[conversation_id] = [tracker([user("I have a headache")])]
    response = await client.get(f"/api/conversations/{quote(conversation_id, safe='')}/transcript",
                                headers=bearer)
    assert response.status == 200, await response.text()
    messages = (await response.json())["messages"]
    assert ("patient", "I have a headache") in [(m["sender"], m["text"]) for m in messages]
