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

Kept in memory (why: Rasa 3.6 reads every event of the conversation's session from the
database and turns each back into an event object for every message, 70 ms for a session
of 2,000 events, so a long conversation grew slower with each message). Each process keeps
the events of the latest session of recent conversations (least recently used dropped
first, at most CACHE_EVENTS events in all; `cache_events` in the endpoints file, 0 turns
it off). A retrieve still asks the database, by the conversation's highest event id:
  - the same conversation as cached: the tracker is rebuilt from the cached events
    (replaying events is cheap; reading and parsing them was the cost);
  - newer events (another worker or server handled a message): only those are read;
  - fewer events, an earlier one gone or changed (a deletion at the patient's request,
    the reconciler's retention purge), or a new session started: read again from the
    database as Rasa does; none stored: no tracker (never one from memory).
Saves are Rasa's (only the events the database does not hold yet are written); when the
database then holds exactly the cached events plus those, the saved tracker's own events
become the cached ones, so the next message's tracker is made of the same objects (the
dialogue states of rasa_addons/server.py fix 7 are then worked out for new events only);
otherwise the next retrieve reads the database as above. The events are shared between the cache and
the trackers handed out: Rasa appends events to a tracker and never changes one.

Written against Rasa 3.6's SQLTrackerStore.save and _retrieve (copied, with the check
and the cache added); another Rasa version refuses to import this module until it is
checked again.
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any, Iterator, List, Optional, Text, Tuple

import rasa
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from rasa_addons.server import copy_is_incremental

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


# Events kept in memory per process, over all cached conversations (~10-20 KB a message:
# 20,000 events are some 4,000 messages, a few tens of MB).
CACHE_EVENTS = 20_000


@dataclass
class CachedSession:
    """The latest session of one conversation as last read from the database."""

    events: List[Event]
    stored: int  # events of the conversation in the database, all sessions
    last_id: int  # the highest event id among them
    last_timestamp: Optional[float]  # that event's timestamp, to see it was not replaced


def holds_history_before(tracker: DialogueStateTracker, when: float) -> bool:
    return any(event.timestamp <= when for event in tracker.events)


class GuardedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose save refuses a deleted conversation's history, with recent
    sessions kept in memory (see above)."""

    def __init__(self, *args: Any, cache_events: int = CACHE_EVENTS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cache_events = int(cache_events)
        # Built once: an ORM query built for every call spent more time in SQLAlchemy
        # (statement, cache key, coercions) than in the database, three times a message
        # (py-spy at saturation: 10% of a worker's time).
        events = self.SQLEvent.__table__
        sender = sa.bindparam("sender_id")
        self._stored_query = sa.select(sa.func.count(events.c.id), sa.func.max(events.c.id)) \
            .where(events.c.sender_id == sender)
        self._newer_query = sa.select(events.c.id, events.c.type_name, events.c.timestamp,
                                      events.c.data) \
            .where(events.c.sender_id == sender, events.c.id >= sa.bindparam("last_id")) \
            .order_by(events.c.id)
        self._cache: "OrderedDict[Text, CachedSession]" = OrderedDict()
        self._cached_events = 0

    # ------------------------------------------------------------------ the cache

    def _forget(self, sender_id: Text) -> None:
        dropped = self._cache.pop(sender_id, None)
        if dropped is not None:
            self._cached_events -= len(dropped.events)

    def _remember(self, sender_id: Text, cached: CachedSession) -> None:
        self._forget(sender_id)
        if len(cached.events) > self.cache_events:
            return
        self._cache[sender_id] = cached
        self._cached_events += len(cached.events)
        while self._cached_events > self.cache_events:
            _, oldest = self._cache.popitem(last=False)
            self._cached_events -= len(oldest.events)

    def _tracker(self, sender_id: Text, events: List[Event]) -> Optional[DialogueStateTracker]:
        if not events:
            return None
        if copy_is_incremental():  # installed in the Rasa server, not in tools and tests
            # The server's tracker copy (rasa_addons/server.py fix 7) keeps each
            # conversation's replay and takes it on by the new events only: the same
            # tracker as replaying all of them (from_events), at a cost that does not
            # grow with the conversation.
            unplayed = DialogueStateTracker(sender_id, self.domain.slots)
            unplayed.events = deque(events, unplayed._max_event_history)
            return unplayed.copy()
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session, from memory when the database holds what was cached."""
        if not self.cache_events or not self.domain:
            return await super().retrieve(sender_id)
        with self.session_scope() as session:
            stored, last_id = self._stored(session, sender_id)
            if not stored:
                self._forget(sender_id)
                return None
            cached = self._cache.get(sender_id)
            if cached is not None:
                found = self._newer_events(session, sender_id, cached, stored, last_id)
                if found is not None:
                    newer, last_timestamp = found
                    self._cache.move_to_end(sender_id)
                    if newer:
                        cached.events = cached.events + newer
                        self._cached_events += len(newer)
                        cached.stored, cached.last_id = stored, last_id
                        cached.last_timestamp = last_timestamp
                        self._remember(sender_id, cached)  # re-checks the bound
                    return self._tracker(sender_id, cached.events)
            # Read the latest session as Rasa does (SQLTrackerStore._retrieve).
            rows = self._event_query(session, sender_id,
                                     fetch_events_from_all_sessions=False).all()
            events = deserialise_events([json.loads(row.data) for row in rows])
            if rows and rows[-1].id == last_id:
                self._remember(sender_id, CachedSession(events, stored, last_id,
                                                        rows[-1].timestamp))
            else:
                self._forget(sender_id)
            return self._tracker(sender_id, events)

    async def retrieve_full_tracker(self, conversation_id: Text
                                    ) -> Optional[DialogueStateTracker]:
        """Every session (the HTTP API's tracker, the web server's status reads): from memory
        when all the conversation's stored events are its cached latest session."""
        if not self.cache_events or not self.domain:
            return await super().retrieve_full_tracker(conversation_id)
        latest = await self.retrieve(conversation_id)  # checked against the database
        cached = self._cache.get(conversation_id)
        if latest is None or (cached is not None and cached.stored == len(cached.events)):
            return latest
        return await super().retrieve_full_tracker(conversation_id)

    def _newer_events(self, session: Any, sender_id: Text, cached: CachedSession,
                      stored: int, last_id: int
                      ) -> Optional[Tuple[List[Event], Optional[float]]]:
        """The events stored after the cached ones; None when the cache no longer holds
        the session's start of what is stored (see the module docstring)."""
        if last_id < cached.last_id or stored < cached.stored:
            return None
        rows = session.execute(self._newer_query,
                               {"sender_id": sender_id, "last_id": cached.last_id}).all()
        if not rows or rows[0].id != cached.last_id \
                or rows[0].timestamp != cached.last_timestamp \
                or stored != cached.stored + len(rows) - 1:
            return None
        newer = rows[1:]
        if any(row.type_name == SessionStarted.type_name for row in newer):
            return None
        return (deserialise_events([json.loads(row.data) for row in newer]),
                rows[-1].timestamp)

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
        caching = bool(self.cache_events and self.domain)
        with self.session_scope() as session:
            before = self._stored(session, tracker.sender_id) if caching else None
            events = list(self._unsaved_events(session, tracker, before))
            rows = []
            for event in events:
                data = event.as_dict()
                intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
                rows.append(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"), intent_name=intent,
                    action_name=data.get("name"), data=json.dumps(data)))
                session.add(rows[-1])
            if events:
                session.flush()  # SQLite: takes the write lock before the check
                if self._refused(tracker):
                    session.rollback()
                    self._forget(tracker.sender_id)
                    return
            after = self._stored(session, tracker.sender_id) if caching and rows else None
            last_row = (rows[-1].id, rows[-1].timestamp) if rows else None
            session.commit()
        if caching and rows:
            self._remember_saved(tracker, events, before, after, last_row)
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")

    def _unsaved_events(self, session: Any, tracker: DialogueStateTracker,
                        stored: Optional[Tuple[int, Optional[int]]]) -> Iterator[Event]:
        """The tracker's events the database does not hold yet. Rasa counts the stored
        events of the latest session with a query that reads all of them; when the
        database holds what is cached (`stored`, read just before), that count is the
        cached session's length."""
        cached = self._cache.get(tracker.sender_id)
        if cached is not None and stored == (cached.stored, cached.last_id):
            return itertools.islice(tracker.events, len(cached.events), None)
        return self._additional_events(session, tracker)

    def _stored(self, session: Any, sender_id: Text) -> Tuple[int, Optional[int]]:
        """(events stored, highest id) of a conversation, all sessions."""
        stored, last_id = session.execute(self._stored_query, {"sender_id": sender_id}).one()
        return int(stored or 0), last_id

    def _remember_saved(self, tracker: DialogueStateTracker, written: List[Event],
                        before: Any, after: Any, last_row: Any) -> None:
        """Keep the saved session's own event objects as the cached ones, when the database
        holds exactly what was cached plus what this save wrote: the next message's
        tracker is then made of the same objects, and its dialogue states are worked out
        only for its new events (rasa_addons/server.py fix 7)."""
        sender_id = tracker.sender_id
        cached = self._cache.get(sender_id)
        session_events = len(tracker.events) - len(written)
        if any(isinstance(event, SessionStarted) for event in written) or after is None \
                or after[0] != before[0] + len(written) or after[1] != last_row[0]:
            self._forget(sender_id)
            return
        if cached is not None:
            known = (cached.stored, cached.last_id) == before \
                and len(cached.events) == session_events
        else:  # nothing cached: only a conversation whose stored events are this session's
            known = before[0] == session_events
        if not known:
            self._forget(sender_id)
            return
        self._remember(sender_id, CachedSession(list(tracker.events), after[0], after[1],
                                                last_row[1]))
