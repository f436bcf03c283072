"""The socket.io channel must put a socket in its session's room, or replies are lost, and
only in the room its patient session token opens."""

from __future__ import annotations

from web.patient_sessions import PatientSessions
from rasa_addons.channels.socketio import SocketIOInput

SESSIONS = PatientSessions("unit-test-secret-" + "x" * 32)


async def connected_channel(session_persistence: bool = True):
    channel = SocketIOInput(session_persistence=session_persistence)
    channel._patient_sessions = SESSIONS
    received = []

    async def on_new_message(message) -> None:
        received.append(message)

    channel.blueprint(on_new_message)
    sio = channel.sio
    sent = []

    async def emit(*args, **kwargs) -> None:
        sent.append((args, kwargs))

    sio.emit = emit
    sid = await sio.manager.connect("engine-io-sid", "/")
    return sio, sid, sent, received


async def test_session_request_joins_the_session_room_and_confirms():
    sio, sid, sent, _ = await connected_channel()
    await sio.handlers["/"]["session_request"](sid, {"session_id": "abc123",
                                                     "token": SESSIONS.mint("abc123")})
    assert sid in sio.manager.rooms["/"]["abc123"]
    assert sent == [(("session_confirm", "abc123"), {"room": sid, "namespace": None})]


async def test_session_request_without_a_token_is_refused():
    sio, sid, sent, _ = await connected_channel()
    await sio.handlers["/"]["session_request"](sid, {"session_id": "abc123"})
    assert sid not in sio.manager.rooms["/"].get("abc123", {})
    assert sent[0][0][0] == "session_refused" and sent[0][0][1]["error"] == "missing_token"


async def test_a_message_goes_to_the_bound_conversation_only():
    sio, sid, sent, received = await connected_channel()
    token = SESSIONS.mint("abc123")
    await sio.handlers["/"]["session_request"](sid, {"token": token})
    await sio.handlers["/"]["user_uttered"](sid, {"message": "hi", "session_id": "other",
                                                  "token": token})
    assert received == [] and sent[-1][0][1]["error"] == "session_invalid"
    await sio.handlers["/"]["user_uttered"](sid, {"message": "hi", "token": token})
    assert [m.sender_id for m in received] == ["abc123"]


def test_with_several_workers_only_websockets_are_taken(monkeypatch):
    """A polling session's requests land on either Sanic worker and the other answers
    "Invalid session": with several workers the widget must use its WebSocket."""
    monkeypatch.setenv("SANIC_WORKERS", "2")
    channel = SocketIOInput()
    channel._patient_sessions = SESSIONS
    channel.blueprint(lambda message: None)
    assert channel.sio.eio.transports == ["websocket"]

    monkeypatch.delenv("SANIC_WORKERS")  # Rasa's default: one worker
    channel = SocketIOInput()
    channel._patient_sessions = SESSIONS
    channel.blueprint(lambda message: None)
    assert "polling" in channel.sio.eio.transports
