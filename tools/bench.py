"""`make bench`: latency, throughput, memory and training time of the assistant, and the same
figures for a stock Rasa pipeline and policies (configs/stock.yml) on the same data.

Everything goes through the REST channel of a Rasa server started here (with the action
server, a temporary SQLite tracker store and escalation database, on free ports):

  (a) one patient at a time, 200 messages in conversations of 20 (a realistic mix);
  (a') one conversation of 500 messages: the p95 of its last 100 messages against its
       first 100 (does a message cost more as the conversation grows?);
  (b) saturation: 16 clients send without pause for ~30 s (messages/second, errors), and
      the NLU-only limit of the same server: the same clients on POST /model/parse;
  (c) 50 patients, each pausing 3 s between messages, for ~60 s (latency, failures);
  (d) resident memory (VmRSS, children included) of both servers after those runs;
  (e) training time (`rasa train` into a temporary directory with a cold cache).

Ours is served as `make run` serves it: rasa_addons/server.py, selective domain, the SQLite
tracker store, SANIC_WORKERS (default 2) Sanic workers sharing the file lock store
(rasa_addons/lock_store.py); `--lock-store redis` uses Redis on localhost:6379 (db 1)
instead (several machines' choice; without Redis: 1 worker, an error with
REQUIRE_SERVICES=1). Stock is served as `rasa run` serves it: one worker, Rasa's in-memory
lock store. The goals (issue #11) are checked at the end and written with the results.

    python -m tools.bench                       # the full run: this assistant, then stock
    python -m tools.bench --quick               # a CI smoke: tiny durations, no training or stock
    python -m tools.bench --workers 1           # ours with one Sanic worker
    python -m tools.bench --serve-ours-as-stock # ours served the stock way (what serving pays)
    python -m tools.bench --stock-phases saturation  # stock: only (b) and (d), a shorter run

Results are printed and written to results/<name>.json and results/<name>.md; the name is
`bench` (`bench-quick` with --quick) unless --name is given.
A failure is a request that raised, returned a non-2xx status or came back without a
reply (Rasa's REST channel answers 200 with no messages when handling a message fails).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import requests

from tools.servers import DEFAULT_MODEL, ROOT, VENV_BIN, Servers, server_env

STOCK_CONFIG = ROOT / "configs" / "stock.yml"
PROJECT_CONFIG = ROOT / "config.yml"
RESULTS_DIR = ROOT / "results"
REST_PATH = "/webhooks/rest/webhook"
REQUEST_TIMEOUT = 120.0
MAX_MESSAGES_PER_CLIENT = 20_000  # a bound on every sending loop, besides its deadline
REDIS_LOCK_STORE_URL = "redis://localhost:6379/1"

# ------------------------------------------------------------------ what patients write

GREETINGS = ["hello", "hi there", "good morning", "hey"]
QUESTIONS = [
    "can I eat before my infusion?",
    "what is ivig",
    "how long does an infusion take?",
    "what should I bring to my infusion?",
    "is ivig safe?",
    "what are the side effects?",
    "should I drink water before?",
    "can I take my medicines before the infusion?",
    "what should I do if my throat swells?",  # names a red flag, but is a question
]
SMALL_TALK = ["thanks", "thank you so much", "are you a bot?", "ok",
              "what's the weather like", "tell me a joke", "bye"]
MILD_REPORTS = ["I have a mild headache after my infusion", "I feel a bit tired after my infusion",
                "I have mild chills", "I feel a little nauseous"]
URGENT_REPORTS = ["my urine is dark brown", "my pee is dark like cola since the infusion",
                  "I have a fever of 39.5", "my leg is swollen and painful",
                  "I've barely peed since yesterday"]
EMERGENCY_REPORTS = ["my lips are swelling", "I can't breathe", "my throat feels tight",
                     "I have chest pain", "my face is swelling up"]
HUMAN_REQUESTS = ["I want to talk to a nurse"]
SCREENING_ANSWER = "no"
MAX_SCREENING_ANSWERS = 8
BLOCK = 20  # the mix is planned per 20 messages


@dataclass(frozen=True)
class Turn:
    kind: str  # greet | question | small_talk | mild | answer | urgent | emergency | human
    text: str


def has_buttons(replies: Sequence[Dict[str, Any]]) -> bool:
    return any(reply.get("buttons") for reply in replies)


class PatientScript:
    """Exactly `length` messages from one patient, in a realistic mix.

    A greeting; then, per 20 messages, questions and small talk, usually a mild report
    whose screening questions are answered "no" (as many as the assistant asks, seen by its
    Yes/No buttons), zero to two urgent or emergency reports, sometimes a request for a
    person. `sent` holds what was actually sent, for checking escalations afterwards.
    """

    def __init__(self, rng: random.Random, length: int, escalations: Tuple[int, int] = (0, 2),
                 mild_probability: float = 0.8, human_probability: float = 0.2) -> None:
        self.rng = rng
        self.length = length
        self.sent: List[Turn] = []
        self._answers = 0
        self._screening = False
        self._plan = [Turn("greet", rng.choice(GREETINGS))]
        for _ in range(max(1, round(length / BLOCK))):
            block: List[Turn] = []
            if rng.random() < mild_probability:
                block.append(Turn("mild", rng.choice(MILD_REPORTS)))
            for _ in range(rng.randint(*escalations)):
                if rng.random() < 0.5:
                    block.append(Turn("urgent", rng.choice(URGENT_REPORTS)))
                else:
                    block.append(Turn("emergency", rng.choice(EMERGENCY_REPORTS)))
            if rng.random() < human_probability:
                block.append(Turn("human", rng.choice(HUMAN_REQUESTS)))
            used = len(block) + (4 if block and block[0].kind == "mild" else 0)
            block += [self._filler() for _ in range(max(0, BLOCK - used))]
            rng.shuffle(block)
            self._plan += block
        self._plan.reverse()  # popped from the end

    def _filler(self) -> Turn:
        if self.rng.random() < 0.65:
            return Turn("question", self.rng.choice(QUESTIONS))
        return Turn("small_talk", self.rng.choice(SMALL_TALK))

    def next(self, last_replies: Sequence[Dict[str, Any]]) -> Optional[Turn]:
        """The next message, given the assistant's replies to the previous one."""
        if len(self.sent) >= self.length:
            return None
        if self._screening and has_buttons(last_replies) and self._answers < MAX_SCREENING_ANSWERS:
            turn = Turn("answer", SCREENING_ANSWER)
            self._answers += 1
        else:
            turn = self._plan.pop() if self._plan else self._filler()
            self._screening = turn.kind == "mild"
            self._answers = 0
        self.sent.append(turn)
        return turn

    def count(self, *kinds: str) -> int:
        return sum(turn.kind in kinds for turn in self.sent)


# ------------------------------------------------------------------ talking to the server


@dataclass
class Sample:
    kind: str
    started: float
    seconds: float
    status: Optional[int]
    replies: int
    error: Optional[str] = None

    @property
    def failed(self) -> bool:
        return self.error is not None or self.status is None or not 200 <= self.status < 300 \
            or self.replies == 0

    @property
    def failure(self) -> Optional[str]:
        if self.error:
            return self.error
        if self.status is None or not 200 <= self.status < 300:
            return f"HTTP {self.status}"
        return "no reply" if self.replies == 0 else None


@dataclass
class Conversation:
    sender: str
    script: PatientScript
    samples: List[Sample] = field(default_factory=list)
    replies: List[List[Dict[str, Any]]] = field(default_factory=list)


class RestPatient:
    """One client (its own HTTP session) of the REST channel."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT) -> None:
        self.webhook = url.rstrip("/") + REST_PATH
        self.timeout = timeout
        self.session = requests.Session()

    def say(self, sender: str, turn: Turn) -> Tuple[Sample, List[Dict[str, Any]]]:
        started = time.perf_counter()
        try:
            reply = self.session.post(self.webhook, json={"sender": sender, "message": turn.text},
                                      timeout=self.timeout)
            seconds = time.perf_counter() - started
            try:
                body = reply.json()
            except ValueError:
                body = None
            messages = body if isinstance(body, list) else []
            return Sample(turn.kind, started, seconds, reply.status_code, len(messages)), messages
        except requests.RequestException as error:
            return Sample(turn.kind, started, time.perf_counter() - started, None, 0,
                          f"{error.__class__.__name__}"), []

    def converse(self, conversation: Conversation, pause: float = 0.0,
                 deadline: Optional[float] = None) -> Conversation:
        """Send the script's messages one after another (bounded by its length and
        `deadline`), pausing `pause` seconds after each reply."""
        last: List[Dict[str, Any]] = []
        while deadline is None or time.perf_counter() < deadline:
            turn = conversation.script.next(last)
            if turn is None:
                break
            sample, last = self.say(conversation.sender, turn)
            conversation.samples.append(sample)
            conversation.replies.append(last)
            if pause and (deadline is None or time.perf_counter() + pause < deadline):
                time.sleep(pause)
            elif pause:
                break
        return conversation

    def close(self) -> None:
        self.session.close()


def new_sender(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


# ------------------------------------------------------------------ figures


def percentile(values: Sequence[float], p: float) -> Optional[float]:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(samples: Sequence[Sample], wall: float) -> Dict[str, Any]:
    seconds = [s.seconds for s in samples]
    ok = [s for s in samples if not s.failed]
    errors = sum(1 for s in samples if s.failed and s.failure != "no reply")
    empty = sum(1 for s in samples if s.failure == "no reply")

    def ms(p: float) -> Optional[float]:
        value = percentile(seconds, p)
        return None if value is None else round(value * 1000, 1)

    return {
        "messages": len(samples), "ok": len(ok), "failures": errors + empty,
        "errors": errors, "empty_replies": empty,
        "p50_ms": ms(50), "p95_ms": ms(95), "p99_ms": ms(99),
        "max_ms": round(max(seconds) * 1000, 1) if seconds else None,
        "wall_s": round(wall, 1),
        "msgs_per_s": round(len(ok) / wall, 2) if wall > 0 else None,
        "failure_kinds": _count(s.failure for s in samples if s.failed),
    }


def _count(items: Any) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for item in items:
        counts[str(item)] = counts.get(str(item), 0) + 1
    return counts


def loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


# ------------------------------------------------------------------ (a) (b) (c)


def run_sequential(url: str, messages: int, seed: int, length: int = BLOCK) -> Dict[str, Any]:
    """(a) One patient at a time: conversations of `length` messages (a visit's worth),
    one after another, `messages` messages in all, each sent when the last was answered."""
    patient = RestPatient(url)
    rng = random.Random(seed)
    conversations: List[Conversation] = []
    sent = 0
    start = time.perf_counter()
    while sent < messages:
        conversation = Conversation(new_sender("bench-seq"),
                                    PatientScript(rng, min(length, messages - sent)))
        conversations.append(patient.converse(conversation))
        sent += len(conversation.samples)
    wall = time.perf_counter() - start
    patient.close()
    samples = [sample for c in conversations for sample in c.samples]
    figures = summarise(samples, wall)
    figures["conversations"] = len(conversations)
    figures["mix"] = _count(turn.kind for c in conversations for turn in c.script.sent)
    if len(conversations) == 1:
        growth(figures, samples)
    return figures


def growth(figures: Dict[str, Any], samples: Sequence[Sample], window: int = 100) -> None:
    """p95 of the first and the last `window` messages of one conversation (a fifth of
    it when shorter than 5 windows), and their ratio."""
    window = min(window, max(1, len(samples) // 5))
    first = percentile([s.seconds for s in samples[:window]], 95)
    last = percentile([s.seconds for s in samples[-window:]], 95)
    figures.update(window=window,
                   first_p95_ms=None if first is None else round(first * 1000, 1),
                   last_p95_ms=None if last is None else round(last * 1000, 1),
                   last_over_first=round(last / first, 2) if first and last else None)


def _run_clients(count: int, work: Callable[[int], List[Sample]]) -> Tuple[List[Sample], float]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        batches = list(pool.map(work, range(count)))
    return [sample for batch in batches for sample in batch], time.perf_counter() - start


def run_saturation(url: str, clients: int, seconds: float, seed: int) -> Dict[str, Any]:
    """(b) `clients` clients, each sending conversations of 20 messages back to back."""
    deadline = time.perf_counter() + seconds

    def client(index: int) -> List[Sample]:
        rng = random.Random(seed * 1000 + index)
        patient = RestPatient(url)
        samples: List[Sample] = []
        while time.perf_counter() < deadline and len(samples) < MAX_MESSAGES_PER_CLIENT:
            conversation = Conversation(new_sender("bench-sat"), PatientScript(rng, BLOCK))
            patient.converse(conversation, deadline=deadline)
            samples += conversation.samples
        patient.close()
        return samples

    samples, wall = _run_clients(clients, client)
    figures = summarise(samples, wall)
    figures["clients"] = clients
    return figures


NLU_TEXTS = GREETINGS + QUESTIONS + SMALL_TALK + MILD_REPORTS + URGENT_REPORTS \
    + EMERGENCY_REPORTS + HUMAN_REQUESTS + [SCREENING_ANSWER]


def run_nlu_saturation(url: str, clients: int, seconds: float, seed: int) -> Dict[str, Any]:
    """(b') The NLU-only limit: `clients` clients on POST /model/parse without pause (the
    same texts; no tracker, no policies, no action server)."""
    deadline = time.perf_counter() + seconds
    endpoint = url.rstrip("/") + "/model/parse"

    def client(index: int) -> List[Sample]:
        rng = random.Random(seed * 1000 + index)
        session = requests.Session()
        samples: List[Sample] = []
        while time.perf_counter() < deadline and len(samples) < MAX_MESSAGES_PER_CLIENT:
            started = time.perf_counter()
            try:
                reply = session.post(endpoint, json={"text": rng.choice(NLU_TEXTS)},
                                     timeout=REQUEST_TIMEOUT)
                try:
                    parsed = reply.json()
                except ValueError:
                    parsed = None
                understood = int(isinstance(parsed, dict) and "intent" in parsed)
                samples.append(Sample("nlu", started, time.perf_counter() - started,
                                      reply.status_code, understood))
            except requests.RequestException as error:
                samples.append(Sample("nlu", started, time.perf_counter() - started, None, 0,
                                      error.__class__.__name__))
        session.close()
        return samples

    samples, wall = _run_clients(clients, client)
    figures = summarise(samples, wall)
    figures["clients"] = clients
    return figures


def run_patients(url: str, conversations: int, pause: float, seconds: float,
                 seed: int) -> Dict[str, Any]:
    """(c) `conversations` patients at once, each pausing `pause` s after every reply."""
    deadline = time.perf_counter() + seconds
    length = int(seconds / pause) + 2 if pause > 0 else 1000

    def patient_thread(index: int) -> List[Sample]:
        rng = random.Random(seed * 1000 + index)
        time.sleep(rng.uniform(0, pause))  # patients do not all start on the same beat
        patient = RestPatient(url)
        conversation = Conversation(new_sender("bench-pat"), PatientScript(rng, length))
        patient.converse(conversation, pause=pause, deadline=deadline)
        patient.close()
        return conversation.samples

    samples, wall = _run_clients(conversations, patient_thread)
    figures = summarise(samples, wall)
    figures.update(conversations=conversations, pause_s=pause)
    return figures


# ------------------------------------------------------------------ (d) memory


def children_of(pid: int) -> List[int]:
    """`pid` and all its descendants, from /proc/<pid>/stat."""
    parents: Dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = [pid], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def vm_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> Tuple[float, float, int]:
    """VmRSS (MB) of `pid` and its children: summed, of the largest process, and how many
    processes that is (with N Sanic workers: a manager and N workers, each with the model)."""
    sizes = [vm_rss_kb(p) for p in children_of(pid)]
    return round(sum(sizes) / 1024, 1), round(max(sizes) / 1024, 1), len(sizes)


# ------------------------------------------------------------------ servers and training


def bench_servers(model: Path, workers: int, tmp: Path, stock: bool = False,
                  lock_store: str = "file") -> Servers:
    """Both servers for `model` on free ports, temporary databases.

    Ours runs as `make run` runs it: rasa_addons.server, the endpoints settings.py writes
    (selective domain, the file lock store in tmp/locks, or Redis with lock_store="redis").
    Stock runs as `rasa init` leaves it: the `rasa` command, and an endpoints file with only
    the action server and the same kind of tracker store (Rasa's in-memory lock store)."""
    import yaml

    options: Dict[str, Any] = {"rasa_program": [str(VENV_BIN / "rasa")]} if stock else {}
    redis = lock_store == "redis" and workers > 1 and not stock
    servers = Servers.on_own_stores(
        tmp, model=model, lock_store_url=REDIS_LOCK_STORE_URL if redis else None,
        selective_domain=not stock, env={"SANIC_WORKERS": str(workers)}, **options)
    if stock:
        endpoints = yaml.safe_load(servers.endpoints.read_text())
        endpoints.pop("lock_store", None)
        servers.endpoints.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return servers


def server_process(servers: Servers, name: str) -> subprocess.Popen:
    """The process of one server ("rasa" or "actions")."""
    return servers.by_name[name]


def warm_up(url: str, messages: int = 6) -> None:
    """A few messages first: the first predictions of a fresh server are slower."""
    patient = RestPatient(url)
    patient.converse(Conversation(new_sender("bench-warm"), PatientScript(random.Random(0), messages)))
    patient.close()


def train(config: Path, out_dir: Path, name: str) -> Tuple[float, Path]:
    """`rasa train` with `config` on the project's data and domain, into `out_dir`, with a
    cold cache of its own (the project's .rasa/cache is neither used nor touched)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / f"train-{name}.log"
    command = [str(VENV_BIN / "rasa"), "train", "--config", str(config),
               "--domain", str(ROOT / "domain.yml"), "--data", str(ROOT / "data"),
               "--out", str(out_dir), "--fixed-model-name", name, "--force"]
    env = server_env({"RASA_CACHE_DIRECTORY": str(out_dir / f"cache-{name}")})
    print(f"training {name} with {config.relative_to(ROOT)} (log {log}) ...", flush=True)
    start = time.perf_counter()
    with open(log, "wb") as out:
        subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                       check=True, timeout=3 * 3600)
    seconds = time.perf_counter() - start
    print(f"  trained in {seconds:.1f} s", flush=True)
    return seconds, out_dir / f"{name}.tar.gz"


@dataclass
class Plan:
    sequential_messages: int
    clients: int
    saturation_seconds: float
    patients: int
    pause: float
    patient_seconds: float
    seed: int
    long_messages: int = 500


def measure(label: str, model: Path, workers: int, plan: Plan, tmp: Path,
            stock: bool = False, lock_store: str = "file",
            phases_wanted: Sequence[str] = ("a", "a_long", "b", "nlu", "c")) -> Dict[str, Any]:
    """(a)-(d) for one model, with servers of its own."""
    servers = bench_servers(model, workers, tmp, stock=stock, lock_store=lock_store)
    print(f"\n== {label}: starting servers for {model} ({workers} Sanic worker(s); "
          f"logs in {servers.log_dir})", flush=True)
    figures: Dict[str, Any] = {"model": str(model), "workers": workers}
    start = time.perf_counter()
    servers.start(timeout=600)
    figures["startup_s"] = round(time.perf_counter() - start, 1)
    try:
        url = servers.url
        warm_up(url)
        phases = [
            ("a", f"(a) one patient at a time, {plan.sequential_messages} messages in "
                  f"conversations of {BLOCK}",
             lambda: run_sequential(url, plan.sequential_messages, plan.seed)),
            ("a_long", f"(a') one conversation of {plan.long_messages} messages",
             # Stock Rasa re-reads and re-plays the whole conversation for every message,
             # so its latency grows with the length: the last 100 against the first 100.
             lambda: run_sequential(url, plan.long_messages, plan.seed,
                                    length=plan.long_messages)),
            ("b", f"(b) saturation, {plan.clients} clients for {plan.saturation_seconds:g} s",
             lambda: run_saturation(url, plan.clients, plan.saturation_seconds, plan.seed)),
            ("nlu", f"(b') NLU only (POST /model/parse), {plan.clients} clients for "
                    f"{plan.saturation_seconds:g} s",
             lambda: run_nlu_saturation(url, plan.clients, plan.saturation_seconds,
                                        plan.seed)),
            ("c", f"(c) {plan.patients} patients, {plan.pause:g} s pause, "
                  f"{plan.patient_seconds:g} s",
             lambda: run_patients(url, plan.patients, plan.pause, plan.patient_seconds,
                                  plan.seed)),
        ]
        for key, title, run in phases:
            if key not in phases_wanted:
                continue
            load_before = loadavg()
            result = run()
            result.update(loadavg_before=load_before, loadavg_after=loadavg())
            figures[key] = result
            print(f"  {title}: {result['messages']} messages, p50 {result['p50_ms']} ms, "
                  f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
                  f"{result['msgs_per_s']} msg/s, failures {result['failures']}"
                  + (f" {result['failure_kinds']}" if result["failures"] else "")
                  + (f"; p95 first {result['window']} {result['first_p95_ms']} ms, last "
                     f"{result['window']} {result['last_p95_ms']} ms"
                     if "last_over_first" in result else ""), flush=True)
            time.sleep(2)
        rasa_mb, rasa_largest, rasa_count = tree_rss_mb(server_process(servers, "rasa").pid)
        action_mb, _, action_count = tree_rss_mb(server_process(servers, "actions").pid)
        figures["d"] = {"rasa_rss_mb": rasa_mb, "rasa_largest_process_mb": rasa_largest,
                        "rasa_processes": rasa_count,
                        "actions_rss_mb": action_mb, "actions_processes": action_count}
        print(f"  (d) VmRSS: Rasa server {rasa_mb} MB in {rasa_count} process(es), the largest "
              f"{rasa_largest} MB; action server {action_mb} MB ({action_count})", flush=True)
        alive = all(p.poll() is None for p in servers.processes)
        figures["servers_alive_after"] = alive
    finally:
        servers.stop()
    return figures


# ------------------------------------------------------------------ the table

ROWS: List[Tuple[str, str, str]] = [
    # label, path in the figures, unit
    ("(a) p50 latency", "a.p50_ms", "ms"),
    ("(a) p95 latency", "a.p95_ms", "ms"),
    ("(a) p99 latency", "a.p99_ms", "ms"),
    ("(a) failures", "a.failures", ""),
    ("(a') p50 latency, one long conversation", "a_long.p50_ms", "ms"),
    ("(a') p95 latency, one long conversation", "a_long.p95_ms", "ms"),
    ("(a') p95 latency, its first 100 messages", "a_long.first_p95_ms", "ms"),
    ("(a') p95 latency, its last 100 messages", "a_long.last_p95_ms", "ms"),
    ("(a') last 100 / first 100", "a_long.last_over_first", ""),
    ("(b) saturation throughput", "b.msgs_per_s", "msg/s"),
    ("(b') NLU-only throughput (POST /model/parse)", "nlu.msgs_per_s", "msg/s"),
    ("(b') NLU-only errors", "nlu.failures", ""),
    ("(b) errors (incl. empty replies)", "b.failures", ""),
    ("(b) p50 latency under saturation", "b.p50_ms", "ms"),
    ("(b) p95 latency under saturation", "b.p95_ms", "ms"),
    ("(c) p50 latency", "c.p50_ms", "ms"),
    ("(c) p95 latency", "c.p95_ms", "ms"),
    ("(c) p99 latency", "c.p99_ms", "ms"),
    ("(c) messages", "c.messages", ""),
    ("(c) failures", "c.failures", ""),
    ("(d) Rasa server VmRSS, largest process", "d.rasa_largest_process_mb", "MB"),
    ("(d) Rasa server VmRSS, all processes", "d.rasa_rss_mb", "MB"),
    ("(d) Rasa server processes", "d.rasa_processes", ""),
    ("(d) action server VmRSS", "d.actions_rss_mb", "MB"),
    ("(e) training time", "training_s", "s"),
]


def lookup(figures: Optional[Dict[str, Any]], path: str) -> Any:
    value: Any = figures
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) < 100_000 else f"{value:.0f}"
    return str(value)


def ratio(ours: Any, stock: Any) -> str:
    if not isinstance(ours, (int, float)) or not isinstance(stock, (int, float)) or stock == 0:
        return "-"
    return f"{ours / stock:.2f}"


def table_rows(results: Dict[str, Any]) -> List[Tuple[str, str, str, str]]:
    ours, stock = results.get("ours"), results.get("stock")
    rows = []
    for label, path, unit in ROWS:
        a, b = lookup(ours, path), lookup(stock, path)
        name = f"{label} ({unit})" if unit else label
        rows.append((name, fmt(a), fmt(b) if stock else "-", ratio(a, b) if stock else "-"))
    return rows


def text_table(results: Dict[str, Any]) -> str:
    rows = table_rows(results)
    header = ("measure", "ours", "stock", "ours/stock")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    lines = ["  ".join(header[i].ljust(widths[0]) if i == 0 else header[i].rjust(widths[i])
                       for i in range(4))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(row[i].ljust(widths[0]) if i == 0 else row[i].rjust(widths[i])
                               for i in range(4)))
    return "\n".join(lines)


# The goals of issue #11, each checked on one run's figures: (label, target, measured, met).
GOAL_P95_MS = 300.0
GOAL_GROWTH = 1.2
GOAL_OVER_STOCK = 4.0
GOAL_OVER_NLU = 0.5  # within 2x of the NLU-only limit
GOAL_PROCESS_MB = 1300.0


def goals(results: Dict[str, Any]) -> List[Tuple[str, str, str, Optional[bool]]]:
    ours, stock = results.get("ours") or {}, results.get("stock")
    rows: List[Tuple[str, str, str, Optional[bool]]] = []

    def add(label: str, target: str, measured: Any, met: Optional[bool]) -> None:
        rows.append((label, target, fmt(measured) if not isinstance(measured, str) else measured,
                     met))

    p95, failures = lookup(ours, "c.p95_ms"), lookup(ours, "c.failures")
    add(f"(c) {lookup(ours, 'c.conversations') or '-'} patients pausing, as `make run` serves",
        f"p95 <= {GOAL_P95_MS:.0f} ms, no failure",
        f"p95 {fmt(p95)} ms, {fmt(failures)} failures",
        None if p95 is None else p95 <= GOAL_P95_MS and failures == 0)
    growth_ratio = lookup(ours, "a_long.last_over_first")
    add("(a') one long conversation: p95 of the last 100 / the first 100",
        f"<= {GOAL_GROWTH:g}", growth_ratio,
        None if growth_ratio is None else growth_ratio <= GOAL_GROWTH)
    ours_rate, stock_rate = lookup(ours, "b.msgs_per_s"), lookup(stock, "b.msgs_per_s")
    over_stock = ours_rate / stock_rate if ours_rate and stock_rate else None
    add("(b) saturation throughput, ours / stock", f">= {GOAL_OVER_STOCK:g}x",
        "-" if over_stock is None else f"{over_stock:.2f}x ({fmt(ours_rate)} / {fmt(stock_rate)})",
        None if over_stock is None else over_stock >= GOAL_OVER_STOCK)
    nlu_rate = lookup(ours, "nlu.msgs_per_s")
    over_nlu = ours_rate / nlu_rate if ours_rate and nlu_rate else None
    add("(b) saturation throughput, ours / NLU-only limit", f">= {GOAL_OVER_NLU:g} (within 2x)",
        "-" if over_nlu is None else f"{over_nlu:.2f} ({fmt(ours_rate)} / {fmt(nlu_rate)})",
        None if over_nlu is None else over_nlu >= GOAL_OVER_NLU)
    largest, total = lookup(ours, "d.rasa_largest_process_mb"), lookup(ours, "d.rasa_rss_mb")
    add("(d) Rasa server memory, largest process (all processes)",
        f"<= {GOAL_PROCESS_MB:.0f} MB a process",
        f"{fmt(largest)} MB ({fmt(total)} MB in {fmt(lookup(ours, 'd.rasa_processes'))})",
        None if largest is None else largest <= GOAL_PROCESS_MB)
    errors = sum(lookup(ours, f"{phase}.failures") or 0
                 for phase in ("a", "a_long", "b", "nlu", "c"))
    add("failures in every phase (ours)", "none", errors, errors == 0 if ours else None)
    return rows


def goals_text(results: Dict[str, Any]) -> str:
    return "\n".join(f"  [{'met' if met else 'MISSED' if met is False else ' - '}] {label}: "
                     f"{measured} (goal {target})" for label, target, measured, met in goals(results))


def markdown(results: Dict[str, Any]) -> str:
    meta = results["meta"]
    plan = meta["plan"]
    lines = [
        f"# Benchmark ({meta['name']})", "",
        f"{meta['date']}, commit {meta['commit']}{' (dirty)' if meta['dirty'] else ''}, "
        f"Rasa {meta['rasa']}, Python {meta['python']}, {meta['cpus']} CPUs, "
        f"Sanic workers: ours {meta['workers']} (lock store: {meta.get('lock_store', '-')}), "
        f"stock {meta.get('stock_workers', '-')}. "
        f"Command: `{meta['command']}`.", "",
        f"Model: `{meta['model']}` (modified {meta['model_mtime']}, sha256 "
        f"{meta['model_sha256'][:12]}); stock: `configs/stock.yml` trained on the same "
        "data and domain, served by plain `rasa run` with the same action server"
        + (" (ours served the same way: --serve-ours-as-stock)"
           if meta.get("ours_served_as_stock") else "") + ".", "",
        f"(a) one patient at a time, {plan['sequential_messages']} messages in conversations "
        f"of {BLOCK}; (a') one conversation of {plan.get('long_messages', '-')} messages; (b) "
        f"{plan['clients']} clients without pause for {plan['saturation_seconds']:g} s, and "
        "(b') the same on POST /model/parse (NLU only); (c) "
        f"{plan['patients']} patients pausing {plan['pause']:g} s for "
        f"{plan['patient_seconds']:g} s; (d) VmRSS after the runs, children included; (e) "
        "`rasa train` with a cold cache.", "",
        "| goal (issue #11) | target | measured | met |", "|---|---|---|---|",
    ]
    lines += [f"| {label} | {target} | {measured} | "
              f"{'yes' if met else 'no' if met is False else '-'} |"
              for label, target, measured, met in goals(results)]
    lines += ["", "| measure | ours | stock | ours/stock |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in table_rows(results)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ main


def git_state() -> Tuple[str, bool]:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
        return commit or "unknown", dirty
    except (OSError, subprocess.SubprocessError):
        return "unknown", False


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Ours runs as a clinic would run it on a 2-core machine: 2 Sanic workers sharing a Redis
# lock store. Stock runs as `rasa run` starts: one worker, in-memory lock store.
OURS_WORKERS = 2
STOCK_WORKERS = 1


def default_workers() -> int:
    try:
        return max(1, int(os.environ.get("SANIC_WORKERS", OURS_WORKERS)))
    except ValueError:
        return OURS_WORKERS


def redis_reachable() -> bool:
    """Whether Redis answers PING where REDIS_LOCK_STORE_URL points (localhost:6379)."""
    try:
        with socket.create_connection(("localhost", 6379), timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def workers_available(wanted: int, lock_store: str = "redis") -> int:
    """Several workers on the Redis lock store need Redis; without it, one worker (a
    failure when REQUIRE_SERVICES=1, as in CI). The file lock store needs nothing."""
    if wanted == 1 or lock_store == "file" or redis_reachable():
        return wanted
    message = f"Redis is not reachable at {REDIS_LOCK_STORE_URL}: {wanted} workers need it"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        raise SystemExit(message + " (REQUIRE_SERVICES=1)")
    print(message + "; measuring with 1 worker", file=sys.stderr, flush=True)
    return 1


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: tiny durations, no training, no stock model")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="Sanic workers of our Rasa server "
                             f"(default: $SANIC_WORKERS or {OURS_WORKERS})")
    parser.add_argument("--lock-store", choices=("file", "redis"), default="file",
                        help="ours: the file lock store as `make run` uses it (default), "
                             f"or Redis at {REDIS_LOCK_STORE_URL}")
    parser.add_argument("--stock-phases", choices=("all", "saturation"), default="all",
                        help="stock: every phase, or only (b) and (d) for the throughput ratio")
    parser.add_argument("--long-messages", type=int,
                        help="messages of the one long conversation (a'); default 500")
    parser.add_argument("--stock-workers", type=int, default=STOCK_WORKERS,
                        help=f"Sanic workers of the stock Rasa server (default {STOCK_WORKERS})")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--serve-ours-as-stock", action="store_true",
                        help="serve our model the stock way (plain `rasa run`, whole domain "
                             "sent to the action server), to see what those two changes pay")
    parser.add_argument("--skip-training", action="store_true",
                        help="no training time (e); stock still needs a model (--stock-model)")
    parser.add_argument("--stock-model", type=Path, help="a stock model trained before")
    parser.add_argument("--skip-our-training", action="store_true",
                        help="no training time (e) for ours (stock is still trained if needed)")
    parser.add_argument("--keep-models", action="store_true",
                        help="keep the models trained here (printed) instead of deleting them")
    parser.add_argument("--name", help="results/<name>.json and .md")
    parser.add_argument("--seed", type=int, default=20241121)
    parser.add_argument("--sequential-messages", type=int)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--saturation-seconds", type=float)
    parser.add_argument("--patients", type=int)
    parser.add_argument("--pause", type=float)
    parser.add_argument("--patient-seconds", type=float)
    args = parser.parse_args(argv)
    if args.workers < 1 or args.stock_workers < 1:
        parser.error("--workers and --stock-workers must be at least 1")
    return args


def make_plan(args: argparse.Namespace) -> Plan:
    quick = args.quick
    return Plan(
        sequential_messages=args.sequential_messages or (20 if quick else 200),
        clients=args.clients or (4 if quick else 16),
        saturation_seconds=args.saturation_seconds or (5.0 if quick else 30.0),
        patients=args.patients or (5 if quick else 50),
        pause=args.pause if args.pause is not None else (1.0 if quick else 3.0),
        patient_seconds=args.patient_seconds or (6.0 if quick else 60.0),
        seed=args.seed,
        long_messages=args.long_messages or (40 if quick else 500),
    )


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    plan = make_plan(args)
    if not args.model.exists():
        print(f"no model at {args.model}: run `make train` first", file=sys.stderr)
        return 2
    with_stock = not (args.quick or args.skip_stock)
    with_training = not (args.quick or args.skip_training)
    if with_stock and not with_training and not args.stock_model:
        print("the stock model has to be trained: drop --skip-training or give --stock-model",
              file=sys.stderr)
        return 2
    args.workers = workers_available(args.workers, args.lock_store)
    args.stock_workers = workers_available(args.stock_workers)
    name = args.name or ("bench-quick" if args.quick else "bench")
    commit, dirty = git_state()
    results: Dict[str, Any] = {"meta": {
        "name": name, "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m tools.bench " + " ".join(sys.argv[1:] if argv is None else argv),
        "commit": commit, "dirty": dirty, "rasa": metadata.version("rasa"),
        "python": platform.python_version(), "cpus": os.cpu_count(), "workers": args.workers,
        "stock_workers": args.stock_workers, "ours_served_as_stock": args.serve_ours_as_stock,
        "lock_store": args.lock_store, "stock_phases": args.stock_phases,
        "model": str(args.model),
        "model_mtime": datetime.fromtimestamp(args.model.stat().st_mtime, timezone.utc)
        .strftime("%Y-%m-%d %H:%M:%S UTC"),
        "model_sha256": sha256(args.model), "plan": plan.__dict__,
    }}
    work = Path(tempfile.mkdtemp(prefix="ivig-bench-"))
    print(f"benchmark {name}: work directory {work}", flush=True)
    try:
        # One heavy thing at a time: the servers of one model, then training, then the other.
        results["ours"] = measure("ours", args.model, args.workers, plan, work / "ours",
                                  stock=args.serve_ours_as_stock, lock_store=args.lock_store)
        if with_training and not args.skip_our_training:
            results["ours"]["training_s"] = round(
                train(PROJECT_CONFIG, work / "train", "ours")[0], 1)
        if with_stock:
            stock_model = args.stock_model
            if stock_model is None:
                seconds, stock_model = train(STOCK_CONFIG, work / "train", "stock")
                training = round(seconds, 1)
            else:
                training = None
            results["stock"] = measure(
                "stock", stock_model, args.stock_workers, plan, work / "stock", stock=True,
                phases_wanted=("b",) if args.stock_phases == "saturation"
                else ("a", "a_long", "b", "c"))
            results["stock"]["training_s"] = training
    finally:
        trained = work / "train"
        if trained.exists():
            if args.keep_models:
                print(f"trained models kept in {trained}")
            else:
                for path in trained.glob("*.tar.gz"):
                    path.unlink()
                shutil.rmtree(trained / "cache-ours", ignore_errors=True)
                shutil.rmtree(trained / "cache-stock", ignore_errors=True)

    print(f"\n== {name}: ours = {args.model.name}"
          + (", stock = configs/stock.yml" if with_stock else "") + "\n")
    print(text_table(results))
    print("\ngoals (issue #11):\n" + goals_text(results))
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS_DIR / f"{name}.md").write_text(markdown(results))
    print(f"\nwritten: results/{name}.json, results/{name}.md (logs in {work})")
    alive = all(results[k].get("servers_alive_after") for k in ("ours", "stock") if k in results)
    failures = sum(lookup(results.get(k), f"{p}.errors") or 0
                   for k in ("ours", "stock") for p in ("a", "a_long", "b", "nlu", "c"))
    return 0 if alive and (not args.quick or failures == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
