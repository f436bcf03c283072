"""Rasa's tracker store, read and pruned by the reconciler (jobs/reconcile.py).

Rasa's SQL tracker store (and rasa_addons/tracker_store.py, its guarded subclass) makes and owns
the `events` table: one row per event, its JSON in `data`. Only the columns used here
are declared, on a MetaData of their own, so the project's migrations never touch it.
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, exists, func, select
from sqlalchemy.engine import Engine

PURGE_BATCH = 500  # conversations deleted per statement

# As Rasa 3.6's SQLTrackerStore.SQLEvent declares it (the columns read here).
events = Table(
    "events", MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("data", Text),
)


def user_messages(engine: Engine, intents: Sequence[str],
                  since: float) -> List[Tuple[str, str, float]]:
    """(sender id, event JSON, Unix time) of the patient messages with one of `intents`
    stored since `since`, oldest first."""
    query = (select(events.c.sender_id, events.c.data, events.c.timestamp)
             .where(events.c.type_name == "user", events.c.intent_name.in_(list(intents)),
                    events.c.timestamp >= since)
             .order_by(events.c.timestamp))
    with engine.connect() as connection:
        return [(sender, data, timestamp) for sender, data, timestamp in connection.execute(query)]


def idle_conversations(engine: Engine, cutoff: float) -> List[str]:
    """The conversations whose latest event is before `cutoff` (a Unix time)."""
    query = (select(events.c.sender_id).group_by(events.c.sender_id)
             .having(func.max(events.c.timestamp) < cutoff))
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def delete_events_before(engine: Engine, conversation_id: str, before: float) -> int:
    """Delete a conversation's events stored at or before `before`; returns how many."""
    with engine.begin() as connection:
        return connection.execute(delete(events).where(
            events.c.sender_id == conversation_id, events.c.timestamp <= before)).rowcount


def delete_conversation_events(engine: Engine, conversation_ids: Iterable[str],
                               unless_active_since: Optional[float] = None) -> None:
    """Delete conversations from Rasa's tracker store (its `events` table), in batches.
    With `unless_active_since` (a Unix time), a conversation with an event at or after it
    is left alone, checked in the same statement (a patient writing meanwhile keeps it)."""
    ids = list(conversation_ids)
    recent = events.alias("recent")
    for start in range(0, len(ids), PURGE_BATCH):
        statement = delete(events).where(events.c.sender_id.in_(ids[start:start + PURGE_BATCH]))
        if unless_active_since is not None:
            statement = statement.where(~exists().where(
                recent.c.sender_id == events.c.sender_id,
                recent.c.timestamp >= unless_active_since))
        with engine.begin() as connection:
            connection.execute(statement)


# What the staff analytics (store/analytics.py) read of each conversation: the slots that
# say how it went, screenings starting, and messages the assistant did not understand.
ANALYTICS_SLOTS = ("triage_level", "answer_topic")
SCREENING_FORM = "symptom_screening_form"
FALLBACK_INTENT = "nlu_fallback"


def analytics_events(engine: Engine, since: float,
                     until: float) -> List[Tuple[str, str, Optional[str], str, float]]:
    """(sender id, type, intent, event JSON, Unix time) of the events the analytics count,
    stored in [since, until), in each conversation's order. Empty when Rasa has not made
    its table yet."""
    from sqlalchemy import inspect, or_

    if not inspect(engine).has_table("events"):
        return []
    query = (select(events.c.sender_id, events.c.type_name, events.c.intent_name, events.c.data,
                    events.c.timestamp)
             .where(events.c.timestamp >= since, events.c.timestamp < until,
                    or_(events.c.type_name.in_(["slot", "active_loop"]),
                        (events.c.type_name == "user") & (events.c.intent_name.isnot(None))))
             .order_by(events.c.sender_id, events.c.id))
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]
