"""Generated and malformed input at the REST and socket.io channels (seeded, > 1000 inputs).

For every input: no 5xx response and no server process exit; afterwards the server still
answers a normal message correctly. Which inputs got 2xx (with or without a reply), 4xx or
5xx is printed per category and written to results/fuzz.json, with the exceptions the Rasa
server logged while it answered 200 (its REST channel logs a failing message and replies
with whatever it collected).

Servers: the trained model and the action server on free ports, temporary SQLite tracker
store and escalation database, an API token.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import secrets
import string
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import aiohttp
import pytest
import requests
import socketio

from tools.bench import RESULTS_DIR, server_process, tree_rss_mb
from tools.servers import DEFAULT_MODEL, Servers
from tests.fuzz.inputs import (
    LONG,
    engineio_requests,
    rest_cases,
    socketio_payloads,
    websocket_frames,
    with_sender,
)
from rasa_addons.channels.rest import MAX_BODY_BYTES

SEED = 20241121
TOKEN = "fuzz-" + secrets.token_hex(8)
REQUEST_TIMEOUT = 30.0
REST_BUDGET = 420.0  # seconds for all REST inputs
RECOVERY_BUDGET = 240.0  # seconds, over the whole run, for waiting on an unresponsive server
EMIT_PAUSE = 0.05  # seconds between socket.io events
ENGINEIO_TIMEOUT = 10.0  # seconds for each raw engine.io request
MAX_RESTARTS = 4
CHECKED_ONE_BY_ONE = {"escaped surrogates"}  # socket.io events checked for a crash one by one  # a server that exits is restarted (and the input recorded) this often
SENDER_POOL = 16
LONG_MESSAGE_TIMEOUT = 20.0
REPORT: Dict[str, Any] = {"seed": SEED}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    servers = Servers.on_own_stores(tmp_path_factory.mktemp("fuzz"), auth_token=TOKEN,
                                    env={"PYTHONUNBUFFERED": "1"})  # logs are read live
    with servers:
        yield servers
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "fuzz.json").write_text(json.dumps(REPORT, indent=1, default=str) + "\n")


# ------------------------------------------------------------------ helpers


@dataclass
class Outcome:
    category: str
    label: str
    status: Optional[int]
    replies: int
    seconds: float
    error: Optional[str] = None

    crashed: bool = False

    @property
    def result(self) -> str:
        if self.crashed:
            return "server exited"
        if self.status is None:
            return "no answer"
        if 200 <= self.status < 300:
            return "2xx reply" if self.replies else "2xx no reply"
        return f"{self.status // 100}xx"


def exited_processes(servers: Servers) -> List[str]:
    return [f"pid {p.pid} exited with {p.returncode}" for p in servers.processes
            if p.poll() is not None]


def rasa_rss(servers: Servers) -> float:
    return tree_rss_mb(server_process(servers, "rasa").pid)[0]


def listening(servers: Servers) -> bool:
    """Whether the Rasa server accepts connections (busy counts as listening)."""
    try:
        requests.get(f"{servers.url}/", timeout=10)
        return True
    except requests.ConnectionError:
        return False
    except requests.RequestException:
        return True


def server_stopped(servers: Servers, grace: float = 60.0) -> List[str]:
    """The servers that stopped: exited processes, or a Rasa server that no longer accepts
    connections (after a crash it can take a while to exit; waited for up to `grace` s)."""
    exited = exited_processes(servers)
    if exited or listening(servers):
        return exited
    deadline = time.perf_counter() + grace
    while time.perf_counter() < deadline and not exited_processes(servers):
        time.sleep(0.5)
    return exited_processes(servers) or ["the Rasa server stopped accepting connections"]


def restart(servers: Servers) -> None:
    """After a server exited: both servers again, same ports and databases."""
    servers.stop()
    servers.start(timeout=300)


def wait_until_responsive(servers: Servers, budget: float) -> float:
    """Seconds until GET / answers again (at most `budget`; stops early when a server
    process has exited)."""
    start = time.perf_counter()
    while time.perf_counter() - start < budget and not exited_processes(servers):
        try:
            if requests.get(f"{servers.url}/", timeout=5).ok:
                break
        except requests.RequestException:
            pass
        time.sleep(2)
    return time.perf_counter() - start


def say(servers: Servers, sender: str, text: str) -> List[str]:
    reply = requests.post(f"{servers.url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": text}, timeout=60)
    reply.raise_for_status()
    return [m.get("text", "") for m in reply.json()]


def assert_normal_rest_conversation(servers: Servers) -> None:
    answer = say(servers, f"after-fuzz-{uuid.uuid4().hex}", "can I eat before my infusion?")
    assert any("Source:" in text for text in answer), answer
    emergency = say(servers, f"after-fuzz-{uuid.uuid4().hex}", "my lips are swelling")
    assert any("911" in text for text in emergency), emergency


def logged_failures(servers: Servers, since: int) -> Counter:
    """Exceptions in the Rasa server's log after byte `since`: REST messages that failed
    (answered 200 anyway) and errors in socket.io/engine.io handlers."""
    log = (servers.log_dir / "rasa.log").read_bytes()[since:].decode("utf-8", "replace")
    found: Counter = Counter()
    for line in log.splitlines():
        if "rest.message.received.failure" in line:
            match = re.search(r'"exc_type": "([^"]+)", "exc_value": "([^"]{0,80})', line)
            found["REST message failed: " + (": ".join(match.groups()) if match else "?")] += 1
        elif "rest.message.received.timeout" in line:
            found["REST message timed out"] += 1
        elif re.match(r"^(\w+(Error|Exception)): ", line):
            found["logged " + line[:100]] += 1
    return found


def log_size(servers: Servers) -> int:
    return (servers.log_dir / "rasa.log").stat().st_size


def summary_table(outcomes: List[Outcome]) -> str:
    results = ["2xx reply", "2xx no reply", "4xx", "5xx", "no answer", "server exited"]
    by_category: Dict[str, Counter] = defaultdict(Counter)
    for outcome in outcomes:
        by_category[outcome.category][outcome.result] += 1
    width = max(len(c) for c in by_category) + 2
    lines = [f"  {'category':{width}}{'inputs':>7}" + "".join(f"{r:>14}" for r in results)]
    for category, counts in by_category.items():
        lines.append(f"  {category:{width}}{sum(counts.values()):7}"
                     + "".join(f"{counts[r]:14}" for r in results))
    total = Counter(o.result for o in outcomes)
    lines.append(f"  {'total':{width}}{len(outcomes):7}" + "".join(f"{total[r]:14}" for r in results))
    return "\n".join(lines)


def examples(outcomes: List[Outcome], result: str, limit: int = 12) -> List[str]:
    chosen = [o for o in outcomes if o.result == result]
    by_category: Dict[str, List[str]] = defaultdict(list)
    for o in chosen:
        by_category[o.category].append(o.label)
    return [f"{category} ({len(labels)}): " + "; ".join(labels[:limit])
            + (" ..." if len(labels) > limit else "") for category, labels in by_category.items()]


# ------------------------------------------------------------------ REST


def test_rest_channel_fuzz(servers, capsys):
    rng = random.Random(SEED)
    cases = rest_cases(rng)
    rng.shuffle(cases)
    pool = [f"fuzz-pool-{i}" for i in range(SENDER_POOL)]
    session = requests.Session()
    webhook = f"{servers.url}/webhooks/rest/webhook"
    outcomes: List[Outcome] = []
    slow: List[str] = []
    recovery_left = RECOVERY_BUDGET
    crashes: List[str] = []
    log_start, rss_before, peak = log_size(servers), rasa_rss(servers), 0.0
    deadline = time.perf_counter() + REST_BUDGET
    for index, case in enumerate(cases):
        if time.perf_counter() > deadline or recovery_left <= 0:
            break
        sender = f"fuzz-own-{index}" if case.own_sender else pool[index % SENDER_POOL]
        started = time.perf_counter()
        try:
            reply = session.post(webhook, data=with_sender(case.body, sender),
                                 headers={"Content-Type": case.content_type},
                                 timeout=REQUEST_TIMEOUT)
            try:
                body = reply.json()
            except ValueError:
                body = None
            outcome = Outcome(case.category, case.label, reply.status_code,
                              len(body) if isinstance(body, list) else 0,
                              time.perf_counter() - started)
        except requests.RequestException as error:
            outcome = Outcome(case.category, case.label, None, 0, time.perf_counter() - started,
                              error.__class__.__name__)
            session.close()
            session = requests.Session()
            if not server_stopped(servers):
                waited = wait_until_responsive(servers, recovery_left)
                recovery_left -= waited
                slow.append(f"{case.category} / {case.label}: {outcome.error}; the server "
                            f"answered GET / again {waited:.0f} s later")
        outcomes.append(outcome)
        if outcome.seconds > 5 and outcome.status is not None:
            slow.append(f"{case.category} / {case.label}: {outcome.seconds:.1f} s")
        exited = exited_processes(servers) if outcome.status else server_stopped(servers)
        if exited:  # this input (the last one sent) stopped a server
            outcome.crashed = True
            previous = f"{outcomes[-2].category} / {outcomes[-2].label}" if len(outcomes) > 1 else "-"
            crashes.append(f"{case.category} / {case.label}: {', '.join(exited)} "
                           f"(input before it: {previous})")
            if len(crashes) > MAX_RESTARTS:
                break
            restart(servers)
        if index % 50 == 0:
            peak = max(peak, rasa_rss(servers))
    session.close()
    rss_after = rasa_rss(servers)
    peak = max(peak, rss_after)
    failures = logged_failures(servers, log_start)

    REPORT["rest"] = {
        "inputs": len(cases), "sent": len(outcomes),
        "by_result": dict(Counter(o.result for o in outcomes)),
        "outcomes": [o.__dict__ | {"result": o.result} for o in outcomes],
        "slow": slow, "crashes": crashes, "logged_failures": dict(failures),
        "rasa_rss_mb": {"before": rss_before, "peak_sampled": peak, "after": rss_after},
    }
    with capsys.disabled():
        print(f"\n\nREST fuzz (seed {SEED}): {len(outcomes)} of {len(cases)} inputs sent, "
              f"{sum(o.seconds for o in outcomes):.0f} s")
        print(summary_table(outcomes))
        for crash in crashes:
            print(f"  SERVER EXITED after: {crash} (restarted)")
        for result in ("5xx", "4xx", "2xx no reply", "no answer"):
            for line in examples(outcomes, result):
                print(f"  {result}: {line}")
        for line in slow:
            print(f"  slow: {line}")
        print(f"  Rasa server VmRSS {rss_before} MB before, {rss_after} MB after "
              f"(sampled peak {peak} MB)")
        print("  exceptions in the Rasa log while fuzzing:")
        for name, count in failures.most_common(15):
            print(f"    {count:5} {name}")

    assert not crashes, f"inputs that made a server exit: {crashes}"
    assert len(outcomes) == len(cases), (
        f"only {len(outcomes)} of {len(cases)} inputs sent within the time budget")
    server_errors = [f"{o.category} / {o.label}" for o in outcomes if o.result == "5xx"]
    unanswered = [f"{o.category} / {o.label} ({o.error})" for o in outcomes
                  if o.result == "no answer"]
    assert not unanswered, f"{len(unanswered)} inputs got no answer: {unanswered[:10]}"
    assert not server_errors, f"{len(server_errors)} inputs got 5xx: {server_errors}"
    assert_normal_rest_conversation(servers)


# ------------------------------------------------------------------ socket.io


def socketio_client(url: str, replies: List[Any], confirmed: threading.Event) -> socketio.Client:
    # Polling: engine.io's websocket client needs the websocket-client package (not
    # installed) or an aiohttp newer than Rasa 3.6 allows; raw websockets are sent below.
    client = socketio.Client(reconnection=False, request_timeout=REQUEST_TIMEOUT)
    client.on("bot_uttered", lambda data: replies.append(data))
    client.on("session_confirm", lambda data: confirmed.set())
    client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=30)
    return client


def wait_quiet(replies: List[Any], quiet: float = 3.0, budget: float = 120.0) -> None:
    """Until no bot message has come for `quiet` seconds (at most `budget`)."""
    start, seen, last_change = time.perf_counter(), len(replies), time.perf_counter()
    while time.perf_counter() - start < budget:
        time.sleep(0.25)
        if len(replies) != seen:
            seen, last_change = len(replies), time.perf_counter()
        elif time.perf_counter() - last_change >= quiet:
            return


def engineio_session(url: str) -> str:
    """A live engine.io polling session with the default namespace connected."""
    handshake = requests.get(f"{url}/socket.io/?EIO=4&transport=polling", timeout=30)
    handshake.raise_for_status()
    sid = json.loads(handshake.text[1:].split("\x1e")[0])["sid"]
    requests.post(f"{url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=b"40",
                  headers={"Content-Type": "text/plain;charset=UTF-8"}, timeout=30)
    return sid


async def websocket_case(url: str, frames: List[Any]) -> str:
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        try:
            async with session.ws_connect(ws_url, max_msg_size=0) as ws:
                await asyncio.wait_for(ws.receive(), 10)  # engine.io open packet
                await ws.send_str("40")
                await asyncio.wait_for(ws.receive(), 10)  # namespace connected
                for frame in frames:
                    if ws.closed:
                        break
                    if isinstance(frame, bytes):
                        await ws.send_bytes(frame)
                    else:
                        await ws.send_str(frame)
                try:
                    while True:
                        message = await asyncio.wait_for(ws.receive(), 1.5)
                        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                            aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.ERROR):
                            return "101, closed by the server"
                except asyncio.TimeoutError:
                    return "101, still open"
        except aiohttp.WSServerHandshakeError as error:
            return f"handshake {error.status}"
        except (aiohttp.ClientError, ConnectionError) as error:
            return f"101, connection dropped ({error.__class__.__name__})"


def test_socketio_channel_fuzz(servers, capsys):
    rng = random.Random(SEED + 1)
    log_start = log_size(servers)
    replies: List[Any] = []
    confirmed = threading.Event()
    session_id = uuid.uuid4().hex
    token = servers.patient_token(session_id)  # as the web server mints them
    crashes: List[str] = []

    def connect() -> socketio.Client:
        """A client in this test's session (replies keep going to `replies`)."""
        confirmed.clear()
        new_client = socketio_client(servers.url, replies, confirmed)
        new_client.emit("session_request", {"session_id": session_id, "token": token})
        confirmed.wait(30)
        return new_client

    def restarted_after(what: str) -> bool:
        """Restart the servers if `what` stopped one, recording it as a crash."""
        exited = server_stopped(servers)
        if exited:
            crashes.append(f"{what}: {', '.join(exited)}")
            assert len(crashes) <= MAX_RESTARTS, crashes
            restart(servers)
        return bool(exited)

    client = connect()
    assert confirmed.is_set(), "no session_confirm"

    # 1. Events through python-socketio, per category; replies counted per category.
    emits: Dict[str, Counter] = defaultdict(Counter)
    reconnects = 0
    payloads = socketio_payloads(rng, session_id, token)
    for category in dict.fromkeys(c for c, _, _ in payloads):
        before = len(replies)
        for _, event, data in (p for p in payloads if p[0] == category):
            if exited_processes(servers):
                break
            if not client.connected:
                reconnects += 1
                assert reconnects <= 20, "the server keeps dropping the socket"
                client = connect()
            try:
                client.emit(event, data)
                emits[category]["emitted"] += 1
                # Paced: engine.io refuses a polling POST of more than 16 queued packets
                # ("Too many packets in payload") and drops them all.
                time.sleep(EMIT_PAUSE)
            except Exception as error:  # the client itself refused to send it, or lost it
                emits[category][f"not sent ({error.__class__.__name__})"] += 1
            if category in CHECKED_ONE_BY_ONE:
                wait_quiet(replies, quiet=2, budget=30)
                if restarted_after(f"{event} {ascii(data)[:70]}"):  # this event stopped one
                    client = connect()
        wait_quiet(replies)
        emits[category]["bot messages back"] = len(replies) - before
        if restarted_after(f"events / {category}"):  # an event of this category stopped one
            client = connect()
    connected_after = client.connected
    client.disconnect()

    # 2. Raw engine.io over HTTP polling: bad handshakes, unknown sessions, bad packets.
    polling: List[Outcome] = []
    for label, method, path, headers, body in engineio_requests(rng):
        started = time.perf_counter()
        try:
            if "@SID@" in path:
                path = path.replace("@SID@", engineio_session(servers.url))
            reply = requests.request(method, servers.url + path, headers=headers, data=body,
                                     timeout=ENGINEIO_TIMEOUT)
            polling.append(Outcome("engine.io polling", label, reply.status_code, 1,
                                   time.perf_counter() - started))
        except requests.RequestException as error:
            polling.append(Outcome("engine.io polling", label, None, 0,
                                   time.perf_counter() - started, error.__class__.__name__))
            if restarted_after(f"engine.io polling / {label}"):
                polling[-1].crashed = True

    # 3. Raw websockets: a proper connect, then malformed frames.
    websocket: Dict[str, str] = {}
    for label, frames in websocket_frames(rng):
        websocket[label] = asyncio.run(websocket_case(servers.url, frames))
        restarted_after(f"websocket / {label}")

    # 4. The socket.io channel still answers a normal message.
    replies_after: List[Any] = []
    confirmed_after = threading.Event()
    check = socketio_client(servers.url, replies_after, confirmed_after)
    session_after = uuid.uuid4().hex
    token_after = servers.patient_token(session_after)
    check.emit("session_request", {"session_id": session_after, "token": token_after})
    confirmed_after.wait(30)
    check.emit("user_uttered", {"message": "can I eat before my infusion?",
                                "session_id": session_after, "token": token_after})
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline and not any(
            "Source:" in (r.get("text") or "") for r in replies_after if isinstance(r, dict)):
        time.sleep(0.25)
    check.disconnect()
    answered_after = any("Source:" in (r.get("text") or "") for r in replies_after
                         if isinstance(r, dict))
    failures = logged_failures(servers, log_start)
    exited = exited_processes(servers)

    total = sum(sum(v for k, v in c.items() if k != "bot messages back") for c in emits.values())
    REPORT["socketio"] = {
        "emits": {k: dict(v) for k, v in emits.items()}, "reconnects": reconnects,
        "connected_after_emits": connected_after,
        "polling": [o.__dict__ | {"result": o.result} for o in polling],
        "websocket": websocket, "answered_after": answered_after, "crashes": crashes,
        "logged_failures": dict(failures),
    }
    with capsys.disabled():
        print(f"\n\nsocket.io fuzz (seed {SEED + 1}): {total} events, {len(polling)} raw "
              f"engine.io polling requests, {len(websocket)} raw websocket connections")
        for category, counts in emits.items():
            print(f"  events / {category}: {dict(counts)}")
        for crash in crashes:
            print(f"  SERVER EXITED after: {crash} (restarted)")
        print(f"  socket still connected after the events: {connected_after}; "
              f"reconnects needed: {reconnects}")
        print(summary_table(polling))
        for result in ("5xx", "4xx"):
            for line in examples(polling, result, limit=8):
                print(f"  {result}: {line}")
        for o in polling:
            if o.result == "no answer":
                print(f"  no answer: {o.label} ({o.error} after {o.seconds:.0f} s)")
        print(f"  websocket outcomes: {dict(Counter(websocket.values()))}")
        print(f"  normal message over socket.io afterwards answered: {answered_after}")
        print("  exceptions in the Rasa log while fuzzing:")
        for name, count in failures.most_common(15):
            print(f"    {count:5} {name}")

    assert total + len(polling) + len(websocket) >= 300
    assert not crashes, f"inputs that made a server exit: {crashes}"
    assert not exited, f"a server process exited: {exited}"
    server_errors = [o.label for o in polling if o.result == "5xx"]
    assert not server_errors, f"engine.io requests with 5xx: {server_errors}"
    # Raw engine.io requests the server leaves unanswered (printed above) are not failures:
    # the engine.io server holds some malformed polling POSTs open instead of answering.
    bad_handshakes = {k: v for k, v in websocket.items() if v.startswith("handshake 5")}
    assert not bad_handshakes, bad_handshakes
    assert answered_after, "the socket.io channel did not answer a normal message afterwards"
    assert_normal_rest_conversation(servers)


# ------------------------------------------------------------------ one long message


def test_rest_100k_message_of_many_words_is_refused_in_time(servers, capsys):
    """100k characters in ~5000 words: refused with 413 within LONG_MESSAGE_TIMEOUT seconds
    (the REST channel takes 8 KB at most: rasa_addons/channels/rest.py), nothing stored, and
    the server stays responsive; the longest message it takes is answered in time too."""
    rng = random.Random(SEED + 2)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(19))
             for _ in range(LONG // 20)]
    text = " ".join(words)[:LONG]
    longest = " ".join(words)[:MAX_BODY_BYTES - 100]
    result: Dict[str, Any] = {}

    def send() -> None:
        for key, message in (("status", text), ("longest_status", longest)):
            started = time.perf_counter()
            try:
                reply = requests.post(f"{servers.url}/webhooks/rest/webhook",
                                      json={"sender": f"fuzz-long-{key}", "message": message},
                                      timeout=LONG_MESSAGE_TIMEOUT)
                result[key] = reply.status_code
            except requests.RequestException as error:
                result[f"{key}_error"] = error.__class__.__name__
            result[key.replace("status", "seconds")] = time.perf_counter() - started

    rss_before = rasa_rss(servers)
    peak = rss_before
    sender = threading.Thread(target=send)
    sender.start()
    while sender.is_alive():
        peak = max(peak, rasa_rss(servers))
        sender.join(0.5)
    recovered = wait_until_responsive(servers, 180)
    peak = max(peak, rasa_rss(servers))
    REPORT["long_message"] = {"characters": len(text), "words": len(text.split()), **result,
                              "longest_accepted_characters": len(longest),
                              "server_responsive_again_after_s": round(recovered, 1),
                              "rasa_rss_mb": {"before": rss_before, "peak_sampled": peak}}
    with capsys.disabled():
        print(f"\n\nlong message: {len(text)} characters, {len(text.split())} words: "
              f"{result.get('status') or result.get('status_error')} after "
              f"{result['seconds']:.1f} s; {len(longest)} characters: "
              f"{result.get('longest_status') or result.get('longest_status_error')} after "
              f"{result['longest_seconds']:.1f} s; GET / answered again {recovered:.0f} s later; "
              f"Rasa VmRSS {rss_before} MB before, sampled peak {peak} MB")

    assert not exited_processes(servers)
    assert result.get("status") == 413, result
    assert result.get("longest_status") == 200, (
        f"no answer within {LONG_MESSAGE_TIMEOUT:.0f} s ({result}); the server "
        f"answered GET / again only {recovered:.0f} s later")
    tracker = requests.get(f"{servers.url}/conversations/fuzz-long-status/tracker",
                           params={"token": TOKEN}, timeout=30).json()
    assert not [e for e in tracker["events"] if e["event"] == "user"]  # nothing stored
