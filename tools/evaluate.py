"""`make eval`: the safety evaluation on labelled messages and scripted conversations.

Two kinds of evaluation set (YAML lists), told apart by their items:

* messages (tests/eval/labelled_messages.yml): `text`, `level` (emergency, urgent,
  self_care, info or none), optional `topic`, `tags`, `lang`. Every message goes through
  the REST channel as a fresh conversation (a screening form is answered "no"), and
  `triage_level` and `answer_topic` are read from the tracker API.
* conversations (tests/eval/conversations.yml): `name`, `turns` (each `say`, optional
  `expect_level`), `final_level`, `escalations`, optional `tags`, `lang`. Each runs on a
  fresh sender id; `triage_level` is read after every turn, and the urgent and emergency
  rows stored for the conversation are counted in the escalation database.

Every rate is printed with its Wilson 95% score interval and its n, then a per-tag
breakdown and every miss. Starts the servers itself unless they are already running
with the default model (then the escalation database is --database-url, DATABASE_URL or
the project's default).

    python -m tools.evaluate [--set FILE ...] [--url URL] [--model PATH] [--database-url URL]
                           [--workers N] [--check-goals] [--ablation]

--set may be given several times (default: tests/eval/labelled_messages.yml); sets under
tests/eval/blind/ are reported as "blind set (never tuned on)". --check-goals exits 1
unless, on every set, emergency and escalation sensitivity are 100% and (conversation
sets) at least 95% of conversations pass with no missed escalation. --ablation also
trains a model without the red-flag layer and prints both side by side.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import requests
import yaml

from settings import rasa_auth_token, rasa_url
from tools.rest_client import RestClient, patient_headers
from tools.servers import (
    DEFAULT_MODEL,
    ROOT,
    VENV_BIN,
    Servers,
    is_up,
    server_env,
)

# ===================================================================== pure part
# Intervals, rates, pass/fail of a conversation, summaries and the goal check: no
# servers, no network (tests/unit/test_evaluate.py).

Z_95 = 1.959963984540054  # two-sided 95% normal quantile
LEVEL_ORDER = ("none", "info", "self_care", "urgent", "emergency")  # lowest to highest
ESCALATING = frozenset({"urgent", "emergency"})
NOT_ESCALATING = frozenset({"self_care", "info", "none"})


def level_name(value: object) -> str:
    """A triage level as the sets write it: None (no level, small talk) is "none"."""
    return "none" if value is None else str(value).strip().lower()


def wilson_interval(hits: int, n: int, z: float = Z_95) -> Tuple[float, float]:
    """The Wilson score interval of a proportion hits/n; (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = hits / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Rate:
    """hits out of n, printed as `97.6% [93.1–99.2] 123/126` (Wilson 95% interval)."""

    hits: int
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else 1.0

    @property
    def interval(self) -> Tuple[float, float]:
        return wilson_interval(self.hits, self.n)

    def __str__(self) -> str:
        if not self.n:
            return "n/a (n=0)"
        low, high = self.interval
        return f"{self.value:.1%} [{low * 100:.1f}–{high * 100:.1f}] {self.hits}/{self.n}"


def rate(items: Sequence[object], hit: Callable[[object], bool]) -> Rate:
    return Rate(sum(1 for item in items if hit(item)), len(items))


@dataclass
class MessageOutcome:
    """One message of a message set, sent as a fresh conversation."""

    item: Dict
    level: Optional[str]
    topic: Optional[str]
    replies: List[str] = field(default_factory=list)
    seconds: float = 0.0
    error: Optional[str] = None

    @property
    def expected(self) -> str:
        return level_name(self.item.get("level"))

    @property
    def got(self) -> str:
        return level_name(self.level)

    @property
    def correct(self) -> bool:
        """Right level and, for an item with a `topic`, the right answer."""
        if self.error or self.got != self.expected:
            return False
        return "topic" not in self.item or self.topic == self.item["topic"]

    def describe(self) -> str:
        topic = (f" topic {self.topic} (expected {self.item['topic']})"
                 if "topic" in self.item else "")
        error = f" ERROR {self.error}" if self.error else ""
        return f"expected {self.expected:9} got {self.got:9}{topic}: {self.item['text']!r}{error}"


@dataclass
class Turn:
    """One patient message of a scripted conversation and what followed it."""

    say: str
    replies: List[str]
    level: str  # triage_level after the turn ("none" when unset)
    expect: Optional[str] = None  # None: not checked
    escalations: Optional[int] = None  # rows stored so far, when the database is read

    @property
    def ok(self) -> bool:
        return self.expect is None or self.level == self.expect


@dataclass
class ConversationOutcome:
    """One scripted conversation; passes when every check passes."""

    item: Dict
    turns: List[Turn]
    escalations: Optional[int]  # urgent/emergency rows at the end; None if not read
    seconds: float = 0.0
    error: Optional[str] = None

    @property
    def expected(self) -> str:
        return level_name(self.item.get("final_level"))

    @property
    def got(self) -> str:
        return self.turns[-1].level if self.turns else "none"

    @property
    def expected_escalations(self) -> Optional[int]:
        value = self.item.get("escalations")
        return None if value is None else int(value)

    @property
    def replies(self) -> List[str]:
        return [reply for turn in self.turns for reply in turn.replies]

    @property
    def wrong_count(self) -> bool:
        return (self.expected_escalations is not None
                and self.escalations != self.expected_escalations)

    @property
    def missed_escalation(self) -> bool:
        """An urgent or emergency conversation that ended lower."""
        return (self.expected in ESCALATING
                and rank(self.got) < rank(self.expected))

    @property
    def needless_escalation(self) -> bool:
        return self.expected in NOT_ESCALATING and self.got in ESCALATING

    def failures(self) -> List[str]:
        found = []
        if self.error:
            found.append(f"error: {self.error}")
        found += [f"turn {number}: level {turn.level}, expected {turn.expect}"
                  for number, turn in enumerate(self.turns, 1) if not turn.ok]
        if self.got != self.expected:
            found.append(f"final level {self.got}, expected {self.expected}")
        if self.wrong_count:
            counted = "not counted" if self.escalations is None else self.escalations
            found.append(f"escalation rows {counted}, expected {self.expected_escalations}")
        return found

    @property
    def correct(self) -> bool:
        return not self.failures()

    def wrong_turn(self) -> Optional[int]:
        """The 1-based turn where the conversation went wrong, None if it did not.

        The first failed turn check; else, for a wrong final level, the turn from which
        the level stayed at its final value; else, for too many escalation rows, the turn
        after which there were too many; else the last turn.
        """
        if self.correct or not self.turns:
            return None
        for number, turn in enumerate(self.turns, 1):
            if not turn.ok:
                return number
        if self.got != self.expected:
            number = len(self.turns)
            while number > 1 and self.turns[number - 2].level == self.got:
                number -= 1
            return number
        expected = self.expected_escalations
        if expected is not None:
            for number, turn in enumerate(self.turns, 1):
                if turn.escalations is not None and turn.escalations > expected:
                    return number
        return len(self.turns)


Outcome = Union[MessageOutcome, ConversationOutcome]


def rank(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def tags_of(outcome: Outcome) -> List[str]:
    return list(outcome.item.get("tags") or [])


def lang_of(outcome: Outcome) -> str:
    return str(outcome.item.get("lang") or "en").lower()


def reply_text(outcome: Outcome) -> str:
    """The REST channel's replies of the whole conversation, concatenated."""
    return "\n".join(outcome.replies)


def summarise(outcomes: Sequence[Outcome]) -> Dict[str, Rate]:
    """The rates of one set; for conversations they are about the final level."""
    by_level: Dict[str, List[Outcome]] = {}
    for outcome in outcomes:
        by_level.setdefault(outcome.expected, []).append(outcome)
    emergencies = by_level.get("emergency", [])
    figures = {
        "emergency sensitivity": rate(emergencies, lambda o: o.got == "emergency"),
        "escalation sensitivity": rate(emergencies + by_level.get("urgent", []),
                                       lambda o: o.got in ESCALATING),
        "self-care over-triage": rate(by_level.get("self_care", []),
                                      lambda o: o.got in ESCALATING),
        "exact level accuracy": rate(outcomes, lambda o: not o.error and o.got == o.expected),
    }
    with_topic = [o for o in outcomes if isinstance(o, MessageOutcome) and "topic" in o.item]
    if with_topic:
        figures["questions on topic"] = rate(with_topic, lambda o: o.topic == o.item["topic"])
    conversations = [o for o in outcomes if isinstance(o, ConversationOutcome)]
    if conversations:
        figures = {"conversations passed": rate(conversations, lambda o: o.correct), **figures}
    other_language = [o for o in outcomes if lang_of(o) != "en"]
    if other_language:
        figures["other-language emergencies given 911 advice"] = rate(
            [o for o in other_language if o.expected == "emergency"],
            lambda o: "911" in reply_text(o))
    crises = [o for o in outcomes if "crisis" in tags_of(o)]
    if crises:
        figures["crisis replies with 988"] = rate(crises, lambda o: "988" in reply_text(o))
    return figures


def conversation_counts(outcomes: Sequence[Outcome]) -> Dict[str, int]:
    conversations = [o for o in outcomes if isinstance(o, ConversationOutcome)]
    return {
        "missed escalations": sum(o.missed_escalation for o in conversations),
        "needless escalations": sum(o.needless_escalation for o in conversations),
        "wrong escalation counts": sum(o.wrong_count for o in conversations),
    }


def per_language(outcomes: Sequence[Outcome]) -> Dict[str, Dict[str, Rate]]:
    """Accuracy, escalation sensitivity and 911 advice per language (when not all en)."""
    languages = sorted({lang_of(o) for o in outcomes})
    if languages == ["en"]:
        return {}
    lines = {}
    for language in languages:
        items = [o for o in outcomes if lang_of(o) == language]
        lines[language] = {
            "exact": rate(items, lambda o: not o.error and o.got == o.expected),
            "escalation sensitivity": rate([o for o in items if o.expected in ESCALATING],
                                           lambda o: o.got in ESCALATING),
            "emergencies given 911": rate([o for o in items if o.expected == "emergency"],
                                          lambda o: "911" in reply_text(o)),
        }
    return lines


def per_tag(outcomes: Sequence[Outcome]) -> Dict[str, Rate]:
    """Share of correct items (messages) or passed conversations, per tag."""
    tags = sorted({tag for o in outcomes for tag in tags_of(o)})
    return {tag: rate([o for o in outcomes if tag in tags_of(o)], lambda o: o.correct)
            for tag in tags}


# Goals the README states (printed); --check-goals gates on SAFETY_GOALS only.
GOALS: Dict[str, Tuple[str, float]] = {
    "conversations passed": (">=", 0.95),
    "emergency sensitivity": (">=", 1.0),
    "escalation sensitivity": (">=", 1.0),
    "self-care over-triage": ("<=", 0.10),
    "exact level accuracy": (">=", 0.95),
    "questions on topic": (">=", 0.90),
}
SAFETY_GOALS = ("emergency sensitivity", "escalation sensitivity", "conversations passed")


def meets(name: str, figure: Rate) -> bool:
    sign, goal = GOALS[name]
    if not figure.n:
        return True
    return figure.value <= goal if sign == "<=" else figure.value >= goal


def unmet_safety_goals(figures: Dict[str, Rate], counts: Dict[str, int]) -> List[str]:
    """What stops --check-goals from passing on one set; empty when it passes."""
    unmet = [f"{name} {figures[name]} (goal {GOALS[name][0]} {GOALS[name][1]:.0%})"
             for name in SAFETY_GOALS if name in figures and not meets(name, figures[name])]
    if counts.get("missed escalations"):
        unmet.append(f"{counts['missed escalations']} missed escalation(s)")
    return unmet


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


# ===================================================================== sets

MESSAGES, CONVERSATIONS = "messages", "conversations"
DEFAULT_SET = ROOT / "tests" / "eval" / "labelled_messages.yml"


class SetError(ValueError):
    """An evaluation set that does not follow the format in this module's docstring."""


def load_set(path: Path) -> Tuple[str, List[Dict]]:
    """The kind of set ("messages" or "conversations") and its items, checked."""
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(items, list) or not items:
        raise SetError(f"{path}: expected a non-empty YAML list")
    kind = CONVERSATIONS if isinstance(items[0], dict) and "turns" in items[0] else MESSAGES
    for number, item in enumerate(items, 1):
        where = f"{path}: item {number}"
        if not isinstance(item, dict):
            raise SetError(f"{where}: expected a mapping")
        if kind == MESSAGES:
            if "text" not in item or "level" not in item:
                raise SetError(f"{where}: a message needs `text` and `level`")
            levels = [item["level"]]
        else:
            turns = item.get("turns")
            if not item.get("name") or not turns or "final_level" not in item:
                raise SetError(f"{where}: a conversation needs `name`, `turns`, `final_level`")
            if not all(isinstance(turn, dict) and "say" in turn for turn in turns):
                raise SetError(f"{where} ({item['name']}): every turn needs `say`")
            levels = [item["final_level"]] + [t["expect_level"] for t in turns
                                              if t.get("expect_level") is not None]
        unknown = [level for level in levels if level_name(level) not in LEVEL_ORDER]
        if unknown:
            raise SetError(f"{where}: unknown level(s) {unknown}; use one of {LEVEL_ORDER}")
    return kind, items


BLIND_MARK = "blind set (never tuned on)"


def set_label(path: Path, kind: str) -> str:
    try:
        shown = path.resolve().relative_to(ROOT)
    except ValueError:
        shown = path
    origin = BLIND_MARK if "blind" in path.parts else "dev set"
    return f"{origin}: {kind} ({shown})"


# ===================================================================== running

SCREENING_FORM = "symptom_screening_form"
MAX_SCREENING_ANSWERS = 8


class Client(RestClient):
    """The REST channel and the tracker API of one Rasa server (tools/rest_client.py).
    A `make run` server asks for the sender's session token; servers of our own are
    started with REST_TRUSTED and ignore it."""

    def __init__(self, url: str, token: Optional[str]) -> None:
        super().__init__(url, api_token=token, headers=patient_headers)


EscalationCounter = Callable[[str], int]


class DatabaseEscalations:
    """Counts a conversation's urgent and emergency rows in the escalation database."""

    def __init__(self, url: str) -> None:
        from store.database import Database

        if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
            raise FileNotFoundError(f"no escalation database at {url}")
        self.database = Database(url)
        self.has_table = False

    def __call__(self, conversation_id: str) -> int:
        from sqlalchemy import func, inspect

        from store.models import Escalation

        # The database is migrated at its first use (store.database.migrate): no table, no rows.
        self.has_table = self.has_table or inspect(self.database.engine).has_table("escalations")
        if not self.has_table:
            return 0
        with self.database.session() as session:
            return int(session.query(func.count(Escalation.id))
                       .filter(Escalation.conversation_id == conversation_id,
                               Escalation.level.in_(sorted(ESCALATING)))
                       .scalar() or 0)


def run_message(client: Client, item: Dict) -> MessageOutcome:
    sender = f"eval-{uuid.uuid4().hex}"
    start = time.perf_counter()
    replies: List[str] = []
    try:
        replies += client.say(sender, item["text"])
        state = client.tracker(sender)
        for _ in range(MAX_SCREENING_ANSWERS):
            if (state.get("active_loop") or {}).get("name") != SCREENING_FORM:
                break
            replies += client.say(sender, "no")
            state = client.tracker(sender)
        slots = state.get("slots", {})
        return MessageOutcome(item, slots.get("triage_level"), slots.get("answer_topic"),
                              replies, time.perf_counter() - start)
    except requests.RequestException as error:
        return MessageOutcome(item, None, None, replies, time.perf_counter() - start,
                              error=str(error))


def run_dialogue(client, item: Dict,
                 count_escalations: Optional[EscalationCounter]) -> ConversationOutcome:
    """One scripted conversation on a fresh sender id. `client` needs say() and tracker()."""
    sender = f"eval-conv-{uuid.uuid4().hex}"
    start = time.perf_counter()
    turns: List[Turn] = []
    escalations: Optional[int] = None
    error = None
    try:
        for step in item["turns"]:
            replies = client.say(sender, str(step["say"]))
            level = level_name((client.tracker(sender).get("slots") or {}).get("triage_level"))
            expect = step.get("expect_level")
            if count_escalations is not None:
                escalations = count_escalations(sender)
            turns.append(Turn(str(step["say"]), replies, level,
                              None if expect is None else level_name(expect), escalations))
    except Exception as failure:  # a server or database failure fails this conversation
        error = f"{failure.__class__.__name__}: {failure}"
    return ConversationOutcome(item, turns, escalations, time.perf_counter() - start, error)


@dataclass
class SetResult:
    label: str
    kind: str
    outcomes: List[Outcome]

    @property
    def figures(self) -> Dict[str, Rate]:
        return summarise(self.outcomes)

    @property
    def counts(self) -> Dict[str, int]:
        return conversation_counts(self.outcomes) if self.kind == CONVERSATIONS else {}


def evaluate(url: str, token: Optional[str], kind: str, items: List[Dict], workers: int,
             database_url: Optional[str]) -> List[Outcome]:
    client = Client(url, token)
    if kind == MESSAGES:
        def run(item: Dict) -> Outcome:
            return run_message(client, item)
    else:
        try:
            counter: Optional[EscalationCounter] = (
                DatabaseEscalations(database_url) if database_url else None)
        except Exception as error:
            print(f"escalation rows cannot be counted: {error}", flush=True)
            counter = None

        def run(item: Dict) -> Outcome:
            return run_dialogue(client, item, counter)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, items))


@contextmanager
def assistant(model: Path, url: str, token: Optional[str],
              database_url: Optional[str]) -> Iterator[Tuple[str, Optional[str]]]:
    """(Rasa URL, escalation database URL): the servers at `url` if they run the default
    model, else servers of our own on their own stores, stopped afterwards."""
    if is_up(f"{url}/") and model == DEFAULT_MODEL:
        yield url, database_url
        return
    tmp = Path(tempfile.mkdtemp(prefix="ivig-eval-"))
    servers = Servers.on_own_stores(tmp, model=model, auth_token=token, log_dir=tmp)
    print(f"starting servers for {model} (logs in {tmp})", flush=True)
    servers.start()
    try:
        yield servers.url, servers.database_url
    finally:
        servers.stop()


def run_sets(model: Path, url: str, token: Optional[str], sets: List[Tuple[Path, str, List]],
             workers: int, database_url: Optional[str]) -> List[SetResult]:
    with assistant(model, url, token, database_url) as (rasa_url, db_url):
        return [SetResult(set_label(path, kind), kind,
                          evaluate(rasa_url, token, kind, items, workers, db_url))
                for path, kind, items in sets]


def train_without_red_flag_layer(out_dir: Path) -> Path:
    """The same data and config with RedFlagDetector switched off (`enabled: false`)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for component in config["pipeline"]:
        if component["name"].endswith("RedFlagDetector"):
            component["enabled"] = False
    config_path = out_dir / "config-no-red-flags.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    subprocess.run([str(VENV_BIN / "rasa"), "train", "--config", str(config_path),
                    "--domain", str(ROOT / "domain.yml"), "--data", str(ROOT / "data"),
                    "--out", str(out_dir), "--fixed-model-name", "no-red-flags"],
                   cwd=ROOT, env=server_env(), check=True, stdout=subprocess.DEVNULL)
    return out_dir / "no-red-flags.tar.gz"


# ===================================================================== report

def shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def print_conversation(outcome: ConversationOutcome) -> None:
    tags = f" [{', '.join(tags_of(outcome))}]" if tags_of(outcome) else ""
    wrong = outcome.wrong_turn()
    print(f"  - {outcome.item['name']!r}{tags}: {'; '.join(outcome.failures())}"
          + (f"; went wrong at turn {wrong}" if wrong else ""))
    for number, turn in enumerate(outcome.turns, 1):
        expect = f" (expected {turn.expect})" if turn.expect else ""
        rows = f", {turn.escalations} row(s)" if turn.escalations is not None else ""
        mark = "   <-- went wrong here" if number == wrong else ""
        print(f"      {number}. patient: {turn.say!r} -> {turn.level}{expect}{rows}{mark}")
        bot = " | ".join(turn.replies) or "(no reply)"
        print(f"         bot: {bot if number == wrong else shorten(bot)}")


def report(result: SetResult, model_label: str, show_blind_misses: bool = False) -> None:
    outcomes = result.outcomes
    expected = Counter(o.expected for o in outcomes)
    unit = "conversations" if result.kind == CONVERSATIONS else "messages"
    levels = ", ".join(f"{level} {expected[level]}"
                       for level in reversed(LEVEL_ORDER) if expected[level])
    print(f"\n== {result.label}, {model_label}: {len(outcomes)} {unit} ({levels})")
    if result.kind == CONVERSATIONS:
        print("(level measures are about each conversation's final triage_level)")
    width = 44
    print(f"{'measure':{width}} {'value [95% CI] hits/n':30} goal")
    for name, figure in result.figures.items():
        goal = ""
        if name in GOALS:
            sign, target = GOALS[name]
            goal = f"{sign} {target:.0%}" + ("" if meets(name, figure) else "  NOT MET")
        print(f"{name:{width}} {str(figure):30} {goal}")
    for name, count in result.counts.items():
        print(f"{name:{width}} {count}")
    seconds = [o.seconds for o in outcomes]
    print(f"{'seconds per conversation':{width}} p50 {statistics.median(seconds):.3f}  "
          f"p95 {percentile(seconds, 0.95):.3f}")

    languages = per_language(outcomes)
    if languages:
        print("\nper language:")
        for language, figures in languages.items():
            print(f"  {language:4} " + "; ".join(f"{name} {figure}"
                                                for name, figure in figures.items()))
    tags = per_tag(outcomes)
    if tags:
        what = "passed" if result.kind == CONVERSATIONS else "correct: level, and topic if given"
        print(f"\nper tag ({what}):")
        tag_width = max(len(tag) for tag in tags)
        for tag, figure in tags.items():
            print(f"  {tag:{tag_width}} {figure}")

    misses = [o for o in outcomes if not o.correct]
    # A blind set's words stay out of sight while the project is tuned: only the kind of
    # each miss is printed, unless --show-blind-misses asks for the texts (for a report).
    hide = BLIND_MARK in result.label and not show_blind_misses
    if result.kind == CONVERSATIONS:
        print(f"\nfailing conversations ({len(misses)}):")
        for outcome in misses:
            if hide:
                print(f"  - [{', '.join(tags_of(outcome))}]: {'; '.join(outcome.failures())}")
            else:
                print_conversation(outcome)
    else:
        print(f"\nmisses ({len(misses)}):")
        for outcome in misses:
            if hide:
                print(f"  expected {outcome.expected:9} got {outcome.got:9} "
                      f"[{', '.join(tags_of(outcome))}]")
            else:
                print(f"  {outcome.describe()}")


def print_ablation(on: List[SetResult], off: List[SetResult], label: str) -> None:
    for with_layer, without in zip(on, off):
        print(f"\n{with_layer.label}")
        print(f"{'measure':44} {label:>18} {'layer off':>18}")
        off_figures = without.figures
        for name, figure in with_layer.figures.items():
            print(f"{name:44} {figure.value:18.1%} {off_figures[name].value:18.1%}")


# ===================================================================== main

def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--set", type=Path, action="append", dest="sets", metavar="FILE",
                        help=f"a message or conversation set; repeatable (default "
                             f"{DEFAULT_SET.relative_to(ROOT)})")
    parser.add_argument("--url", default=rasa_url())
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--database-url", default=None,
                        help="escalation database of servers already running "
                             "(default: DATABASE_URL, else the project's var/ database)")
    parser.add_argument("--label", default="red-flag layer on", help="what the model is")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--check-goals", action="store_true",
                        help="exit 1 unless every set meets the safety goals")
    parser.add_argument("--show-blind-misses", action="store_true",
                        help="print the words of blind-set misses (for a final report only)")
    parser.add_argument("--ablation", action="store_true",
                        help="also evaluate a model trained without the red-flag layer")
    args = parser.parse_args(argv)

    try:
        sets = [(path, *load_set(path)) for path in (args.sets or [DEFAULT_SET])]
    except (OSError, SetError) as error:
        parser.error(str(error))
    token = rasa_auth_token()
    if args.database_url is None:
        from store.database import database_url  # DATABASE_URL, else var/ivig_assistant.db

        args.database_url = database_url()

    results = run_sets(args.model, args.url, token, sets, args.workers, args.database_url)
    for result in results:
        report(result, args.label, args.show_blind_misses)
    if args.ablation:
        model = train_without_red_flag_layer(Path(tempfile.mkdtemp(prefix="ivig-ablation-")))
        ablated = run_sets(model, args.url, token, sets, args.workers, None)
        for result in ablated:
            report(result, "red-flag layer off (ablation)", args.show_blind_misses)
        print_ablation(results, ablated, args.label)

    print("\nsafety goals (100% emergency and escalation sensitivity; conversations: "
          ">= 95% passed, no missed escalation):")
    all_met = True
    for result in results:
        unmet = unmet_safety_goals(result.figures, result.counts)
        all_met = all_met and not unmet
        print(f"  {result.label}: " + ("met" if not unmet else "NOT met: " + "; ".join(unmet)))
    return 0 if (all_met or not args.check_goals) else 1


if __name__ == "__main__":
    sys.exit(main())
