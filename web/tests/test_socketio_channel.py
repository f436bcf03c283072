"""The socket.io channel must put a socket in its session's room, or replies are lost."""

from __future__ import annotations

from web.socketio_channel import SocketIOInput, requested_session_id


async def connected_channel(session_persistence: bool = True):
    channel = SocketIOInput(session_persistence=session_persistence)

    async def on_new_message(message) -> None:
        pass

    channel.blueprint(on_new_message)
    sio = channel.sio
    sent = []

    async def emit(*args, **kwargs) -> None:
        sent.append((args, kwargs))

    sio.emit = emit
    sid = await sio.manager.connect("engine-io-sid", "/")
    return sio, sid, sent


async def test_session_request_joins_the_session_room_and_confirms():
    sio, sid, sent = await connected_channel()
    await sio.handlers["/"]["session_request"](sid, {"session_id": "abc123"})
    assert sid in sio.manager.rooms["/"]["abc123"]
    assert sent == [(("session_confirm", "abc123"), {"room": sid, "namespace": None})]


async def test_session_request_without_an_id_gets_a_new_one():
    sio, sid, sent = await connected_channel()
    await sio.handlers["/"]["session_request"](sid, None)
    new_id = sent[0][0][1]
    assert len(new_id) == 32 and sid in sio.manager.rooms["/"][new_id]


def test_odd_session_ids_are_replaced():
    assert requested_session_id({"session_id": "x" * 500}) != "x" * 500
    assert requested_session_id({"session_id": 42}) != 42
    assert requested_session_id("not a dict")
