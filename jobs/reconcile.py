"""The escalation reconciler: no urgent or emergency report is left without an escalation.

The Rasa server keeps every patient message in its tracker store, even when the action
server is down or the escalation database refused a write. This job reads the recent
symptom reports from the tracker store and records an escalation for each one that has
none yet (one per Rasa message id, so nothing is doubled). A late report in a conversation
that already has an open urgent or emergency escalation is added to it, as the action
server would have (store/escalations.py: one escalation per episode). It also carries out
patients' deletion requests, and once an hour the retention limit (RETENTION_DAYS, default
90; see purge_expired). `make run` runs it in a loop. It reads Rasa's tracker store
through store/rasa_events.py and the project's database through store/.

    python -m jobs.reconcile [--every SECONDS] [--hours 24]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, List, Optional, Tuple

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from store.database import (
    Database,
    get_database,
    keep_files_private,
    protect_sqlite_file,
    sqlite_path,
)
from store.escalations import (
    EscalationRecord,
    EscalationStoreError,
    conversations_deleted_since,
    conversations_with_escalations,
    delete_acknowledged_patient_deleted,
    delete_resolved_before,
    find_by_message,
    forget_conversation,
    open_deletion_requests,
    record_escalation,
    set_status,
)
from store.models import as_utc
from store.rasa_events import (
    delete_conversation_events,
    delete_events_before,
    idle_conversations,
    user_messages,
)
from store.deletions import deletion_times, mark_deleted
from clinical.lexicon import finding_label
from clinical.levels import ESCALATION_LEVELS
from clinical.triage import INTENT_SEVERE, INTENT_URGENT, decide_triage_level
from settings import DEFAULT_TRACKER_DB, Settings, endpoints_config
from web.patient_sessions import log_id  # logs name conversations by a hash, never the id

logger = logging.getLogger(__name__)
DELETION_DELAY_SECONDS = 60
PURGE_EVERY_SECONDS = 3600  # the retention purge runs at the first pass, then hourly
# A deleted conversation is swept again for this long after its deletion: a save that
# raced the deletion on a database where the tracker store's check cannot see it in time
# (PostgreSQL without a shared lock store) is removed at the next pass.
SWEEP_SECONDS = 3600
LATE_REASON = "recorded late (the assistant could not record it when the patient wrote)"


@dataclass(frozen=True)
class Report:
    conversation_id: str
    message_id: str
    intent: str
    text: str
    red_flags: List[str]
    timestamp: float = 0.0


def tracker_engine(settings: Optional[Settings] = None) -> Engine:
    settings = settings or Settings.from_env()
    return create_engine(settings.tracker_store_url or f"sqlite:///{DEFAULT_TRACKER_DB}",
                         future=True)


def recent_reports(engine: Engine, since: float) -> List[Report]:
    """Urgent and emergency patient messages stored by Rasa since a Unix time."""
    reports = []
    for sender_id, data, timestamp in user_messages(engine, (INTENT_SEVERE, INTENT_URGENT), since):
        event = json.loads(data)
        parse = event.get("parse_data") or {}
        if not event.get("message_id"):
            continue
        reports.append(Report(
            conversation_id=sender_id,
            message_id=event["message_id"],
            intent=(parse.get("intent") or {}).get("name") or "",
            text=event.get("text") or "",
            red_flags=[e["value"] for e in parse.get("entities") or []
                       if e.get("entity") == "red_flag"],
            timestamp=float(timestamp or 0),
        ))
    return reports


def reconcile_once(engine: Engine, database: Database, since: float) -> int:
    """Record the missing reports (as new escalations or added to open ones); return how
    many were recorded now."""
    recorded = 0
    reports = recent_reports(engine, since)
    deleted = deletion_times(database, {report.conversation_id for report in reports})
    for report in reports:
        if report.conversation_id in deleted and report.timestamp <= deleted[report.conversation_id]:
            continue  # the patient had it deleted: never recorded (again)
        level = decide_triage_level(report.intent, report.red_flags)
        if level not in ESCALATION_LEVELS:
            continue
        reason = "; ".join([finding_label(name) for name in report.red_flags] + [LATE_REASON])
        if find_by_message(database, report.message_id) is not None:
            continue
        record_escalation(database, EscalationRecord(
            report.conversation_id, level, reason, report.red_flags, report.text,
            message_id=report.message_id))
        recorded += 1
    if recorded:
        logger.warning("reconciler recorded %d escalation(s) that were missing", recorded)
    return recorded


def conversation_lock(lock_store_url: Optional[str]) -> Callable[[str, Callable[[], None]], None]:
    """run(conversation_id, work): `work()` while holding Rasa's lock on the conversation
    (the one each Rasa server holds while it handles a message of it), when the Rasa
    servers share a Redis lock store (LOCK_STORE_URL); otherwise Rasa's lock is in its own
    process's memory, out of reach, and `work()` just runs (the tracker store's refusal,
    rasa_addons/tracker_store.py, is then what keeps a deletion done)."""
    if not lock_store_url:
        return lambda conversation_id, work: work()
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    config = endpoints_config(Settings(lock_store_url=lock_store_url))["lock_store"]
    lock_store = LockStore.create(EndpointConfig.from_dict(config))

    def run(conversation_id: str, work: Callable[[], None]) -> None:
        async def locked() -> None:
            async with lock_store.lock(conversation_id, wait_time_in_seconds=0.05):
                work()
        asyncio.run(locked())

    return run


def carry_out_deletions(engine: Engine, database: Database, now: Optional[float] = None,
                        lock_store_url: Optional[str] = None) -> int:
    """Delete the conversations whose patients asked for it: their events in the tracker
    store and their escalations. The request row stays, resolved and without text, so
    staff can see it was done. Requests younger than DELETION_DELAY_SECONDS wait, so the
    turn that asked has surely been saved by Rasa first.

    The deletion is remembered first (store/deletions.py), under the conversation's
    lock when one is shared (conversation_lock): a message being handled meanwhile can
    then not write the conversation back (rasa_addons/tracker_store.py), and its reports are never
    recorded. Open urgent and emergency escalations are kept for staff, marked and without
    the patient's words, until acknowledged (store/escalations.py forget_conversation)."""
    now = time.time() if now is None else now
    done = 0
    requests = [(request_id, conversation_id)
                for request_id, conversation_id, asked_at in open_deletion_requests(database)
                if now - as_utc(asked_at).timestamp() >= DELETION_DELAY_SECONDS]
    locked = conversation_lock(lock_store_url) if requests else None
    for request_id, conversation_id in requests:
        def delete() -> None:
            mark_deleted(database, conversation_id, time.time())
            delete_conversation_events(engine, [conversation_id])
            _, kept = forget_conversation(database, conversation_id, keep_id=request_id)
            set_status(database, request_id, "resolved", staff_user="system")
            if kept:
                logger.warning("conversation %s: %d open escalation(s) kept for staff without "
                               "the patient's words", conversation_id, kept)

        locked(conversation_id, delete)
        done += 1
        logger.warning("deleted conversation %s at the patient's request", log_id(conversation_id))
    return done


def sweep_deleted(engine: Engine, database: Database, now: Optional[float] = None) -> int:
    """Delete again what a save racing a recent deletion may have written back: events of
    conversations deleted in the last SWEEP_SECONDS from before their deletion time; and
    the escalations kept after a deletion once staff have acknowledged them. Returns how
    many events and escalations went."""
    now = time.time() if now is None else now
    since = datetime.fromtimestamp(now - SWEEP_SECONDS, timezone.utc)
    recent = conversations_deleted_since(database, since)
    removed = delete_acknowledged_patient_deleted(database)
    for conversation_id, deleted_at in deletion_times(database, recent).items():
        written_back = delete_events_before(engine, conversation_id, deleted_at)
        if written_back:
            logger.warning("conversation %s: %d event(s) written back after its deletion "
                           "deleted again", conversation_id, written_back)
            removed += written_back
    return removed


def purge_expired(engine: Engine, database: Database, retention_days: int,
                  now: Optional[float] = None) -> Tuple[int, int]:
    """The retention limit: delete what is older than `retention_days` (0: nothing).

    - Resolved escalations resolved before the limit (with their deliveries and message
      ids). Open and acknowledged escalations are never deleted, whatever their age.
    - Conversations in Rasa's tracker store whose latest event is before the limit, unless
      they still have an escalation (then they go once it is resolved and past the limit
      too): staff can always read the conversation behind an escalation they see.

    Returns (escalations deleted, conversations deleted)."""
    if retention_days <= 0:
        return 0, 0
    cutoff = (time.time() if now is None else now) - retention_days * 86400
    escalations = delete_resolved_before(database, datetime.fromtimestamp(cutoff, timezone.utc))
    idle = idle_conversations(engine, cutoff)
    keep = conversations_with_escalations(database) if idle else set()
    expired = [conversation_id for conversation_id in idle if conversation_id not in keep]
    delete_conversation_events(engine, expired, unless_active_since=cutoff)
    if escalations or expired:
        logger.warning("retention (%d days): deleted %d resolved escalation(s) and %d "
                       "conversation(s)", retention_days, escalations, len(expired))
    return escalations, len(expired)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="record escalations that are missing")
    parser.add_argument("--every", type=float, default=0, help="repeat every N seconds")
    parser.add_argument("--hours", type=float, default=24, help="look back this far")
    args = parser.parse_args(argv)
    keep_files_private()  # umask 0o077, var/ 0700 and its files 0600
    logging.basicConfig(level=logging.INFO, format="%(asctime)s reconcile %(message)s")
    settings = Settings.from_env()
    engine = tracker_engine(settings)
    tracker_file = sqlite_path(str(engine.url))
    if tracker_file is not None:  # a SQLite tracker store outside var/ is private too
        protect_sqlite_file(tracker_file)
    last_purge: Optional[float] = None
    while True:
        try:
            reconcile_once(engine, get_database(), time.time() - args.hours * 3600)
            carry_out_deletions(engine, get_database(), lock_store_url=settings.lock_store_url)
            sweep_deleted(engine, get_database())
            if last_purge is None or time.time() - last_purge >= PURGE_EVERY_SECONDS:
                purge_expired(engine, get_database(), settings.retention_days)
                last_purge = time.time()
        except EscalationStoreError:
            logger.error("escalation database unavailable; will retry")
        except Exception as error:  # tracker store not created yet, or unreachable
            logger.info("tracker store not readable yet (%s); will retry",
                        error.__class__.__name__)
        if not args.every:
            return 0
        time.sleep(args.every)


if __name__ == "__main__":
    raise SystemExit(main())
