"""Conversations deleted at their patients' request, remembered so a deletion stays done.

Only the SHA-256 of a conversation id is kept (table `deleted_conversations`), with the
time of the deletion. Two places read it:

- the Rasa server's tracker store (rasa_addons/tracker_store.py) refuses to save a tracker that
  still holds events from before that time: a message being processed while the
  reconciler deleted would otherwise write the whole session back;
- the reconciler (jobs/reconcile.py) never records an escalation from a message of a
  deleted conversation sent before that time.

A patient who writes again after the deletion starts a new conversation (the same id,
events after the deletion time), which is stored and escalated as any other.

The hash is plain SHA-256, without a salt, so that every process (Rasa servers, the
reconciler) computes the same key without sharing a secret. The widget's conversation ids
are random (128 bits), so the hash reveals nothing; a REST client that picks a guessable
sender id could be confirmed as deleted by someone holding the database.
"""

from __future__ import annotations

import hashlib
from typing import Dict, Iterable, Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from store.database import Database
from store.models import DeletedConversation


def conversation_hash(conversation_id: str) -> str:
    return hashlib.sha256(conversation_id.encode("utf-8", "replace")).hexdigest()


def mark_deleted(database: Database, conversation_id: str, deleted_at: float) -> None:
    """Remember that `conversation_id` was deleted at `deleted_at` (Unix time); a later
    deletion of the same id moves the time forward."""
    key = conversation_hash(conversation_id)
    for attempt in range(2):
        try:
            with database.session() as session:
                row = session.get(DeletedConversation, key)
                if row is None:
                    session.add(DeletedConversation(conversation_hash=key, deleted_at=deleted_at))
                elif row.deleted_at < deleted_at:
                    row.deleted_at = deleted_at
            return
        except IntegrityError:  # marked at the same moment by another process
            if attempt:
                raise


def deleted_at(database: Database, conversation_id: str) -> Optional[float]:
    """When the conversation was last deleted at its patient's request; None if never."""
    with database.session() as session:
        row = session.get(DeletedConversation, conversation_hash(conversation_id))
        return float(row.deleted_at) if row is not None else None


def deletion_times(database: Database, conversation_ids: Iterable[str]) -> Dict[str, float]:
    """{conversation id: deletion time} for those of `conversation_ids` ever deleted."""
    by_hash = {conversation_hash(cid): cid for cid in set(conversation_ids)}
    if not by_hash:
        return {}
    found: Dict[str, float] = {}
    keys = list(by_hash)
    with database.session() as session:
        for start in range(0, len(keys), 500):
            for key, when in session.execute(select(
                    DeletedConversation.conversation_hash, DeletedConversation.deleted_at).where(
                    DeletedConversation.conversation_hash.in_(keys[start:start + 500]))):
                found[by_hash[key]] = float(when)
    return found
