"""50 patients at once, 20 messages each, through the REST channel: nothing fails, nothing
is lost, and every urgent or emergency message is stored exactly once, in its
conversation's one escalation (one episode per conversation while staff have not answered).

The trained model (models/ivig-assistant.tar.gz) and the action server run on free ports
with a temporary SQLite tracker store, a temporary SQLite escalation database
(DATABASE_URL) and an API token for reading the trackers. The conversations come from
tools.bench.PatientScript (seeded): questions, small talk, a mild report whose screening
questions are answered "no", urgent and emergency reports, sometimes a request for a person.
"""

from __future__ import annotations

import random
import secrets
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

import pytest
import requests
from sqlalchemy import create_engine, text

from tools.bench import Conversation, PatientScript, RestPatient, percentile
from tools.servers import DEFAULT_MODEL, Servers

CONVERSATIONS = 50
MESSAGES = 20
SEED = 6138
TIME_BUDGET = 240.0  # seconds for all conversations; no message is started after it
TOKEN = "load-" + secrets.token_hex(8)
ESCALATING = ("urgent", "emergency")
FAILED_TO_PASS_ON = "couldn't pass your message on"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    with Servers.on_own_stores(tmp_path_factory.mktemp("load"), auth_token=TOKEN) as servers:
        yield servers


def tracker(servers: Servers, sender: str) -> Dict:
    reply = requests.get(f"{servers.url}/conversations/{sender}/tracker",
                         params={"token": TOKEN}, timeout=60)
    reply.raise_for_status()
    return reply.json()


def escalation_rows(database_url: str) -> List[Dict]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = [dict(row) for row in connection.execute(text(
                "SELECT id, conversation_id, message_id, level, repeat_count "
                "FROM escalations")).mappings()]
            messages = connection.execute(text(
                "SELECT message_id, escalation_id FROM escalation_messages")).fetchall()
    finally:
        engine.dispose()
    # Every patient message an escalation holds (the first one and each repeat).
    for row in rows:
        row["message_ids"] = {m for m, e in messages if e == row["id"]} | (
            {row["message_id"]} if row["message_id"] else set())
    return rows



def run_conversations(url: str) -> Tuple[List[Conversation], float]:
    conversations = [Conversation(f"load-{i:02d}-{secrets.token_hex(4)}",
                                  PatientScript(random.Random(SEED + i), MESSAGES))
                     for i in range(CONVERSATIONS)]
    start_together = threading.Barrier(CONVERSATIONS, timeout=60)
    deadline = time.perf_counter() + TIME_BUDGET

    def talk(conversation: Conversation) -> Conversation:
        patient = RestPatient(url, timeout=120)
        start_together.wait()
        try:
            return patient.converse(conversation, deadline=deadline)
        finally:
            patient.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        done = list(pool.map(talk, conversations))
    return done, time.perf_counter() - start


def test_fifty_concurrent_conversations(servers, capsys):
    conversations, wall = run_conversations(servers.url)
    samples = [s for c in conversations for s in c.samples]
    failures = [(c.sender, s.kind, s.failure) for c in conversations for s in c.samples
                if s.failed]
    seconds = [s.seconds for s in samples]

    # What the servers kept: each tracker, and the escalation table.
    trackers = {c.sender: tracker(servers, c.sender) for c in conversations}
    rows = escalation_rows(servers.database_url)
    rows_by_sender = defaultdict(list)
    for row in rows:
        rows_by_sender[row["conversation_id"]].append(row)

    problems: List[str] = []
    expected_total = 0
    for c in conversations:
        sent = c.script.sent
        if len(c.samples) != MESSAGES:
            problems.append(f"{c.sender}: sent {len(c.samples)} of {MESSAGES} messages "
                            "before the time budget ran out")
        users = [e for e in trackers[c.sender]["events"] if e["event"] == "user"]
        if len(users) != len(sent):
            problems.append(f"{c.sender}: {len(sent)} messages sent, {len(users)} user "
                            "events in the tracker")
            continue
        if [e.get("text") for e in users] != [t.text for t in sent]:
            problems.append(f"{c.sender}: the tracker's user messages differ from those sent")
        kind_of = {e.get("message_id"): turn.kind for e, turn in zip(users, sent)}
        escalating_ids = {mid for mid, kind in kind_of.items() if kind in ESCALATING}
        expected = c.script.count(*ESCALATING)
        expected_total += expected
        stored = [r for r in rows_by_sender[c.sender] if r["level"] in ESCALATING]
        if len(stored) != min(expected, 1):
            problems.append(f"{c.sender}: {expected} urgent/emergency messages, "
                            f"{len(stored)} escalations stored (one episode expected)")
        held = set().union(*(r["message_ids"] for r in stored)) if stored else set()
        if held != escalating_ids:
            problems.append(f"{c.sender}: the escalation does not hold each urgent/emergency "
                            f"message once: {sorted(map(str, held))} vs {sorted(escalating_ids)}")
        for r in stored:
            if r["repeat_count"] != expected:
                problems.append(f"{c.sender}: escalation {r['id']} counts {r['repeat_count']} "
                                f"reports for {expected} urgent/emergency messages")
            highest = "emergency" if "emergency" in {kind_of[m] for m in escalating_ids} \
                else "urgent"
            if r["level"] != highest:
                problems.append(f"{c.sender}: escalation {r['id']} stored as {r['level']}, "
                                f"the highest message was {highest}")
        contacts = [r for r in rows_by_sender[c.sender] if r["level"] == "contact_request"]
        if len(contacts) != c.script.count("human"):
            problems.append(f"{c.sender}: {c.script.count('human')} requests for a person, "
                            f"{len(contacts)} contact requests stored")
        for turn, replies in zip(sent, c.replies):
            said = " ".join(r.get("text") or "" for r in replies)
            if FAILED_TO_PASS_ON in said:
                problems.append(f"{c.sender}: escalation store failed for {turn.text!r}")
            if turn.kind == "emergency" and "911" not in said:
                problems.append(f"{c.sender}: no 911 in the reply to {turn.text!r}")
            if turn.kind == "urgent" and "care team" not in said.lower():
                problems.append(f"{c.sender}: no care-team notice in the reply to {turn.text!r}")
    duplicates = {mid: n for mid, n in Counter(r["message_id"] for r in rows
                                               if r["message_id"]).items() if n > 1}
    unknown = set(rows_by_sender) - {c.sender for c in conversations}

    mix = Counter(t.kind for c in conversations for t in c.script.sent)
    with capsys.disabled():
        print(f"\n\nload: {CONVERSATIONS} concurrent conversations x {MESSAGES} messages "
              f"(seed {SEED}); mix {dict(mix)}")
        print(f"  requests {len(samples)}, failures {len(failures)}, wall time {wall:.1f} s, "
              f"throughput {len(samples) / wall:.1f} msg/s")
        print(f"  latency p50 {percentile(seconds, 50) * 1000:.0f} ms, "
              f"p95 {percentile(seconds, 95) * 1000:.0f} ms, "
              f"p99 {percentile(seconds, 99) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms")
        print(f"  escalations: {expected_total} urgent/emergency messages sent, "
              f"{sum(len(r['message_ids']) for r in rows if r['level'] in ESCALATING)} held "
              f"in {sum(r['level'] in ESCALATING for r in rows)} episodes; "
              f"{mix['human']} requests for a person, "
              f"{sum(r['level'] == 'contact_request' for r in rows)} contact requests stored; "
              f"duplicate message ids {len(duplicates)}")
        user_events = sum(e["event"] == "user" for t in trackers.values() for e in t["events"])
        print(f"  tracker user events {user_events} for {len(samples)} messages sent")
        for problem in problems[:20]:
            print("  PROBLEM", problem)

    assert not failures, f"{len(failures)} failed requests, e.g. {failures[:5]}"
    assert all(s.replies > 0 for s in samples)
    assert expected_total > 0, "the script sent no urgent or emergency message"
    assert not duplicates, f"escalations stored twice for message ids {duplicates}"
    assert not unknown, f"escalations for conversations nobody had: {unknown}"
    assert not problems, "\n".join(problems[:20])
