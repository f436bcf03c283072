"""Rasa's SQL tracker store, refusing to write back a conversation the patient deleted.

The endpoints file names this class (`type: rasa_addons.tracker_store.GuardedSQLTrackerStore`,
settings.py) with the same settings as Rasa's `type: SQL`.

The finding: Rasa reads a conversation's tracker when a message arrives and saves it when
the turn is done. When the reconciler carried out a patient's deletion request in between,
Rasa's save found no stored events and wrote the whole session back (Rasa's
`_additional_events` counts what is stored), and the reconciler then recorded the deleted
emergency again. Here a save is refused when the conversation was deleted
(store/deletions.py) and the tracker still holds an event from before the deletion: its
history is what was deleted. A tracker read after the deletion holds only newer events
and is saved as usual (the patient wrote again: a new conversation).

The check runs after the events are added and before they are committed, so a deletion
marked at any moment before the commit is seen: with SQLite (writes one at a time) the
reconciler's DELETE waits for this commit and removes what it wrote. The reconciler also
takes Rasa's conversation lock when a Redis lock store is shared, and sweeps recently
deleted conversations again (jobs/reconcile.py).

If the escalation database cannot be read, the save goes ahead: the tracker store is
where an emergency is kept when the escalation database is down (README "Faults"), and
the reconciler's sweep removes a write-back later.

Written against Rasa 3.6's SQLTrackerStore.save (copied, with the check added); another
Rasa version refuses to import this module until it is checked again.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Optional

import rasa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6."
if not rasa.__version__.startswith(SUPPORTED_RASA):
    raise ImportError(
        f"rasa_addons/tracker_store.py copies SQLTrackerStore.save of Rasa {SUPPORTED_RASA}x; "
        f"Rasa {rasa.__version__} is installed: check the copy against it")


# After the escalation database failed to answer, saves do not ask it again for this
# long: each would wait for it while the patient waits for the reply.
RETRY_AFTER_FAILURE_SECONDS = 10.0
_last_failure = [float("-inf")]


def deletion_time(conversation_id: str) -> Optional[float]:
    """When the conversation was deleted at its patient's request (None if never, or if
    the escalation database cannot be read)."""
    from store.database import get_database
    from store.deletions import deleted_at

    if time.monotonic() - _last_failure[0] < RETRY_AFTER_FAILURE_SECONDS:
        return None
    try:
        return deleted_at(get_database(), conversation_id)
    except Exception as error:  # noqa: BLE001 - the save must go ahead (docstring)
        _last_failure[0] = time.monotonic()
        logger.error("could not check whether conversation %s was deleted (%s); saving it",
                     conversation_id, error.__class__.__name__)
        return None


def holds_history_before(tracker: DialogueStateTracker, when: float) -> bool:
    return any(event.timestamp <= when for event in tracker.events)


class GuardedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose save refuses a deleted conversation's history (see above)."""

    @staticmethod
    def _refused(tracker: DialogueStateTracker) -> bool:
        deleted = deletion_time(tracker.sender_id)
        if deleted is None or not holds_history_before(tracker, deleted):
            return False
        logger.warning("conversation %s was deleted at the patient's request: its earlier "
                       "events are not written back", tracker.sender_id)
        return True

    async def save(self, tracker: DialogueStateTracker) -> None:
        if self.event_broker is not None:  # Rasa streams before it writes: check first
            if self._refused(tracker):
                return
            await self.stream_events(tracker)
        with self.session_scope() as session:
            events = list(self._additional_events(session, tracker))
            for event in events:
                data = event.as_dict()
                intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"), intent_name=intent,
                    action_name=data.get("name"), data=json.dumps(data)))
            if events:
                session.flush()  # SQLite: takes the write lock before the check
                if self._refused(tracker):
                    session.rollback()
                    return
            session.commit()
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")
