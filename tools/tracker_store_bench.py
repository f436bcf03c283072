"""What a message costs the tracker store alone: one retrieve and one save of a short turn,
on a temporary SQLite file, for many conversations of 20 messages (the saturation mix of
`make bench`), without a model or servers, so a change to rasa_addons/tracker_store.py
is measured without the noise of a whole server.

    python -m tools.tracker_store_bench                  # 40 conversations
    python -m tools.tracker_store_bench --conversations 100 --repeat 3

Prints the mean milliseconds per message (retrieve + save), best of `--repeat` runs.
The deletion check is left out (no escalation database here).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Sequence

MESSAGES_PER_CONVERSATION = 20


async def _one_run(conversations: int, folder: Path) -> float:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_addons.tracker_store import GuardedSQLTrackerStore

    store = GuardedSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(folder / "t.db"))
    started, messages = time.perf_counter(), 0
    for conversation in range(conversations):
        sender = f"bench-{conversation}"
        for message in range(MESSAGES_PER_CONVERSATION):
            tracker = await store.retrieve(sender) or DialogueStateTracker(sender, [])
            now = time.time()
            tracker.update(UserUttered(f"message {message}", {"name": "greet", "confidence": 1.0},
                                       timestamp=now))
            tracker.update(ActionExecuted("utter_greet", timestamp=now))
            tracker.update(BotUttered("a reply", timestamp=now))
            tracker.update(ActionExecuted("action_listen", timestamp=now))
            await store.save(tracker)
            messages += 1
    return (time.perf_counter() - started) / messages * 1000


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    import rasa_addons.tracker_store as guarded

    real_check = guarded.deletion_time
    guarded.deletion_time = lambda conversation_id: None  # no escalation database here
    results: List[float] = []
    try:
        for _ in range(max(1, args.repeat)):
            with tempfile.TemporaryDirectory() as folder:
                results.append(asyncio.run(_one_run(args.conversations, Path(folder))))
    finally:
        guarded.deletion_time = real_check
    print(f"tracker store: {min(results):.2f} ms per message (retrieve + save), best of "
          f"{len(results)} runs of {args.conversations} conversations of "
          f"{MESSAGES_PER_CONVERSATION} messages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
