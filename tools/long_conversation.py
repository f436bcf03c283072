"""One long conversation in one process, on the trained model, with Rasa as it comes and
then with the server fixes (rasa_addons/server.py) and the tracker store's cache: the
actions predicted must be the same, and a message late in the conversation should cost
about what an early one does.

    python -m tools.long_conversation              # 250 messages
    python -m tools.long_conversation --messages 500

Rasa's Agent in this process, the SQLite tracker store in a temporary directory, no
action server (custom actions fail alike in both runs and are logged as such). The same
seeded patient script as `make bench` (tools/bench.py PatientScript).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from tools.bench import PatientScript, percentile
from tools.servers import DEFAULT_MODEL


def fifths(seconds: Sequence[float]) -> str:
    n = max(1, len(seconds) // 5)
    first, last = seconds[:n], seconds[-n:]
    return (f"first fifth mean {1000 * sum(first) / n:.1f} ms, p95 "
            f"{1000 * percentile(first, 95):.1f} ms; last fifth mean {1000 * sum(last) / n:.1f} "
            f"ms, p95 {1000 * percentile(last, 95):.1f} ms")


async def talk(agent: object, sender: str, messages: int, seed: int
               ) -> Tuple[List[str], List[float]]:
    from rasa.shared.core.events import ActionExecuted

    script = PatientScript(random.Random(seed), messages)
    last: list = []
    seconds: List[float] = []
    while True:
        turn = script.next(last)
        if turn is None:
            break
        started = time.perf_counter()
        last = await agent.handle_text(turn.text, sender_id=sender)  # type: ignore[attr-defined]
        seconds.append(time.perf_counter() - started)
    tracker = await agent.tracker_store.retrieve(sender)  # type: ignore[attr-defined]
    return [e.action_name for e in tracker.events if isinstance(e, ActionExecuted)], seconds


async def compare(model: Path, messages: int, seed: int) -> bool:
    from rasa.core.agent import Agent
    from rasa.core.tracker_store import AwaitableTrackerStore

    import rasa_addons.server as server
    from rasa_addons.tracker_store import GuardedSQLTrackerStore

    work = Path(tempfile.mkdtemp(prefix="ivig-long-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'escalations.db'}"
    stock_store = GuardedSQLTrackerStore(None, dialect="sqlite", db=str(work / "stock.db"),
                                         cache_events=0)
    agent = Agent.load(str(model), tracker_store=stock_store)
    stock_actions, stock_seconds = await talk(agent, "long-stock", messages, seed)
    server.install()
    agent.tracker_store = AwaitableTrackerStore(GuardedSQLTrackerStore(
        agent.domain, dialect="sqlite", db=str(work / "ours.db")))
    agent.processor.tracker_store = agent.tracker_store
    our_actions, our_seconds = await talk(agent, "long-ours", messages, seed)
    same = stock_actions == our_actions
    print(f"{messages} messages: the same {len(our_actions)} actions predicted: {same}")
    print(f"  Rasa as it comes: {fifths(stock_seconds)}")
    print(f"  with the fixes:   {fifths(our_seconds)}")
    return same


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--messages", type=int, default=250)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.WARNING)
    configure_structlog(logging.WARNING)
    for name in ("rasa", "rasa_addons"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # the failing custom actions
    return 0 if asyncio.run(compare(args.model, args.messages, args.seed)) else 1


if __name__ == "__main__":
    sys.exit(main())
