"""Named staff accounts in the web server: sign-in by name (the form and POST
/api/session), disabled accounts, the admin panel's API, and every change attributed."""

from __future__ import annotations

import pytest

from store.escalations import history_of
from store.staff import add_user, set_disabled
from tests.web.conftest import STAFF_TOKEN
from web.auth import COOKIE_NAME, CSRF_HEADER, CSRF_VALUE

WRITE = {CSRF_HEADER: CSRF_VALUE}


@pytest.fixture()
def nurse(database):
    return "nora", add_user(database, "nora", "nurse", display_name="Nora")


@pytest.fixture()
def admin(database):
    return "ada", add_user(database, "ada", "admin", display_name="Ada")


async def sign_in(client, username: str, password: str):
    return await client.post("/api/session", json={"username": username, "password": password})


async def test_a_nurse_signs_in_by_name_and_the_inbox_knows_who(client, nurse):
    response = await sign_in(client, *nurse)
    assert response.status == 200 and COOKIE_NAME in response.cookies
    assert (await response.json())["staff"] == {"username": "nora", "display_name": "Nora",
                                                "role": "nurse"}
    who = await client.get("/api/session")
    assert (await who.json())["staff"]["username"] == "nora"
    assert (await client.get("/api/escalations")).status == 200


async def test_a_wrong_password_is_refused_and_throttled(make_client, nurse):
    client = await make_client(login_max_failures=3)
    for _ in range(3):
        response = await sign_in(client, "nora", "wrong-password")
        assert response.status == 401 and COOKIE_NAME not in response.cookies
    assert (await sign_in(client, *nurse)).status == 429  # even the right one, for a while


async def test_the_sign_in_form_takes_a_name_and_password(client, nurse):
    page = await (await client.get("/staff")).text()
    assert 'name="username"' in page and 'name="password"' in page
    response = await client.post("/staff/login", data={"username": "nora", "password": nurse[1]},
                                 allow_redirects=False)
    assert response.status == 303
    assert "staff.js" in await (await client.get("/staff")).text()
    wrong = await client.post("/staff/login", data={"username": "nora", "password": "nope"},
                              allow_redirects=False)
    assert wrong.status == 401 and "not right" in await wrong.text()
    assert 'value="nora"' in await wrong.text()  # the name is kept, not the password


async def test_a_disabled_nurse_cannot_sign_in_and_her_session_stops(client, database, nurse):
    assert (await sign_in(client, *nurse)).status == 200
    assert (await client.get("/api/escalations")).status == 200
    set_disabled(database, "nora", True)
    assert (await client.get("/api/escalations")).status == 401
    assert (await sign_in(client, *nurse)).status == 401


async def test_every_change_is_attributed_to_the_signed_in_person(client, database, nurse,
                                                                  add_escalation):
    escalation_id = add_escalation()
    await sign_in(client, *nurse)
    acknowledged = await client.post(f"/api/escalations/{escalation_id}/acknowledge", headers=WRITE)
    body = (await acknowledged.json())["escalation"]
    assert body["acknowledged_by"] == "nora" and body["acknowledged_at"]
    assert [(e["action"], e["staff_user"]) for e in body["history"]] == [("acknowledged", "nora")]


async def test_a_script_with_the_staff_token_is_attributed_as_staff_token(client, add_escalation,
                                                                        bearer):
    escalation_id = add_escalation()
    response = await client.post(f"/api/escalations/{escalation_id}/resolve", headers=bearer)
    assert (await response.json())["escalation"]["resolved_by"] == "staff-token"


async def test_the_shared_token_still_signs_in_through_the_form_for_scripts(client):
    response = await client.post("/staff/login", data={"token": STAFF_TOKEN}, allow_redirects=False)
    assert response.status == 303
    assert (await (await client.get("/api/session")).json())["staff"]["username"] == "staff-token"


async def test_only_admins_manage_accounts(client, make_client, nurse, admin):
    await sign_in(client, *nurse)
    assert (await client.get("/api/staff-users")).status == 403
    assert (await client.post("/api/staff-users", json={"username": "sam"}, headers=WRITE)).status == 403

    boss = await make_client()
    await sign_in(boss, *admin)
    listed = await (await boss.get("/api/staff-users")).json()
    assert {user["username"] for user in listed["staff_users"]} >= {"nora", "ada"}
    assert all("password" not in str(user) for user in listed["staff_users"])
    added = await boss.post("/api/staff-users", json={"username": "sam", "role": "nurse",
                                                      "display_name": "Sam"}, headers=WRITE)
    assert added.status == 201
    password = (await added.json())["password"]
    newcomer = await make_client()
    assert (await sign_in(newcomer, "sam", password)).status == 200

    disabled = await boss.post("/api/staff-users/sam/disable", headers=WRITE)
    assert (await disabled.json())["staff_user"]["disabled"] is True
    assert (await newcomer.get("/api/escalations")).status == 401
    assert (await boss.post("/api/staff-users/ada/disable", headers=WRITE)).status == 400  # self


async def test_notes_resolve_with_outcome_and_reopen_are_in_the_history(client, database, nurse,
                                                                       add_escalation):
    escalation_id = add_escalation()
    await sign_in(client, *nurse)
    note = await client.post(f"/api/escalations/{escalation_id}/note",
                             json={"text": "Called, no answer; left a message"}, headers=WRITE)
    assert note.status == 201
    assert (await client.post(f"/api/escalations/{escalation_id}/note", json={"text": "  "},
                              headers=WRITE)).status == 400
    resolved = await client.post(f"/api/escalations/{escalation_id}/resolve",
                                 json={"outcome": "sent_to_emergency"}, headers=WRITE)
    assert (await resolved.json())["escalation"]["status"] == "resolved"
    assert (await client.post(f"/api/escalations/{escalation_id}/resolve",
                              json={"outcome": "cured"}, headers=WRITE)).status == 400
    reopened = await client.post(f"/api/escalations/{escalation_id}/reopen", headers=WRITE)
    body = (await reopened.json())["escalation"]
    assert body["status"] == "open" and body["resolved_at"] is None
    history = [(e["action"], e["outcome"], e["note"], e["staff_user"]) for e in body["history"]]
    assert history == [("note", None, "Called, no answer; left a message", "nora"),
                       ("resolved", "sent_to_emergency", None, "nora"),
                       ("reopened", None, None, "nora")]
    assert all(event.at is not None for event in history_of(database, [escalation_id])[escalation_id])


async def test_the_conversation_export_holds_each_escalations_history(client, fake_rasa, nurse,
                                                                      add_escalation):
    from tests.web.conftest import tracker, user

    fake_rasa.trackers["conv-7"] = [tracker([user("my throat is swelling")])]
    escalation_id = add_escalation(conversation_id="conv-7")
    await sign_in(client, *nurse)
    await client.post(f"/api/escalations/{escalation_id}/acknowledge", headers=WRITE)
    await client.post(f"/api/escalations/{escalation_id}/note", json={"text": "Called at 10:05"},
                      headers=WRITE)
    exported = await (await client.get("/api/conversations/conv-7/export")).json()
    assert exported["exported_by"] == "nora"
    [escalation] = exported["escalations"]
    assert escalation["acknowledged_by"] == "nora"
    assert [(e["action"], e["note"], e["staff_user"]) for e in escalation["history"]] == [
        ("acknowledged", None, "nora"), ("note", "Called at 10:05", "nora")]
    assert all(e["at"] for e in escalation["history"])
