"""Rasa's conversation lock shared by the processes of one machine, without Redis.

Why this exists: Rasa takes a lock on a conversation while it handles one of its messages,
so two messages of one patient are handled in turn. Its in-memory lock store holds that
lock inside one process, which is why Rasa runs a single Sanic worker with it; the Redis
lock store shares it between machines but needs a Redis server. `make run` on one
machine needs neither: here the lock lives in files under var/locks, so the Sanic workers
of one Rasa server (and the reconciler) take one conversation's messages in turn. Several
machines keep sharing Redis (LOCK_STORE_URL, settings.py).

The tickets are Rasa's own (rasa.core.lock.TicketLock: issued in order, served in order,
expired after their lifetime, 60 s unless TICKET_LOCK_LIFETIME says otherwise). Each
conversation's lock is one JSON file named by the SHA-256 of its id, which stands for the
id inside the file too (no conversation id on disk), replaced atomically (os.replace), so a reader never sees half a file. Every
read-modify-write of a lock (issuing a ticket, finishing one, dropping expired ones,
deleting the lock) holds an exclusive fcntl lock on one of 256 guard files that are never
deleted; that is what Rasa's Redis store leaves to chance (two servers issuing at once
could be given the same number). Lock files left by a process that died are removed
once all their tickets have expired.

The endpoints file names this class (`type: rasa_addons.lock_store.FileLockStore`,
`directory: <path>`; settings.py writes it when LOCK_STORE_URL is not set). POSIX only
(fcntl), and one machine only: files on a network share are not a lock.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, Optional, Text, Union

from rasa_addons import require_version

require_version("rasa", "rasa_addons/lock_store.py", "subclasses rasa.core.lock_store.LockStore "
                "and uses its TicketLock format")

from rasa.core.lock import TicketLock  # noqa: E402 - after the version check
from rasa.core.lock_store import LOCK_LIFETIME, LockStore  # noqa: E402
from rasa.utils.endpoints import EndpointConfig  # noqa: E402

logger = logging.getLogger(__name__)

DEFAULT_DIRECTORY = Path(__file__).resolve().parents[1] / "var" / "locks"
GUARD_SHARDS = 256  # guard files, by the first two hex digits of the id's hash
# Rasa waits 1 s between looks at a busy lock (it has to ask Redis over the network);
# a look here is a file read, so a patient's second message waits far less.
POLL_SECONDS = 0.05
# Lock files whose tickets have all expired (their process died) are removed at start and
# after this many tickets issued by this process.
SWEEP_EVERY = 500


def lock_file_name(conversation_id: Text) -> str:
    return hashlib.sha256(conversation_id.encode("utf-8", "surrogatepass")).hexdigest()


class FileLockStore(LockStore):
    """Rasa's ticket locks kept in files of one directory (see the module docstring)."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 directory: Union[str, Path, None] = None) -> None:
        if directory is None and endpoint_config is not None:
            directory = endpoint_config.kwargs.get("directory") or endpoint_config.url
        self.directory = Path(directory or DEFAULT_DIRECTORY)
        self.guards = self.directory / "guards"
        self.guards.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Re-entry within this process: Rasa's cleanup() calls finish_serving(), both
        # guarded; flock would block on a second open of the same guard file.
        self._held: Dict[str, int] = {}
        self._thread_locks: Dict[str, threading.RLock] = {}
        self._issued = 0
        super().__init__()
        self.remove_stale_locks()

    # ------------------------------------------------------------------ files

    def _lock_path(self, conversation_id: Text) -> Path:
        return self.directory / f"{lock_file_name(conversation_id)}.json"

    def _guarded(self, conversation_id: Text) -> Any:
        return self._guarded_name(lock_file_name(conversation_id))

    @contextmanager
    def _guarded_name(self, name: str) -> Iterator[None]:
        """Exclusive hold of the guard file of the lock file `name`, across processes."""
        shard = name[:2]
        thread_lock = self._thread_locks.setdefault(shard, threading.RLock())
        with thread_lock:
            if self._held.get(shard):
                self._held[shard] += 1
                try:
                    yield
                finally:
                    self._held[shard] -= 1
                return
            fd = os.open(self.guards / shard, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                self._held[shard] = 1
                try:
                    yield
                finally:
                    self._held[shard] = 0
                    fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def _read(self, path: Path) -> Optional[TicketLock]:
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            return TicketLock.from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            logger.warning("unreadable conversation lock file %s removed", path.name)
            path.unlink(missing_ok=True)
            return None

    # ------------------------------------------------------------------ Rasa's interface

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        lock = self._read(self._lock_path(conversation_id))
        if lock is not None:
            lock.conversation_id = conversation_id  # the file holds only its hash
        return lock

    def save_lock(self, lock: TicketLock) -> None:
        path = self._lock_path(lock.conversation_id)
        stored = json.loads(lock.dumps())
        stored["conversation_id"] = path.stem
        temporary = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(stored))
        os.replace(temporary, path)

    def delete_lock(self, conversation_id: Text) -> None:
        try:
            self._lock_path(conversation_id).unlink()
            deleted = True
        except FileNotFoundError:
            deleted = False
        self._log_deletion(conversation_id, deleted)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._guarded(conversation_id):
            ticket = super().issue_ticket(conversation_id, lock_lifetime)
        self._issued += 1
        if self._issued % SWEEP_EVERY == 0:
            self.remove_stale_locks()
        return ticket

    def update_lock(self, conversation_id: Text) -> None:
        with self._guarded(conversation_id):
            super().update_lock(conversation_id)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        with self._guarded(conversation_id):
            super().finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # One hold for both steps: a ticket issued in between is never deleted with the lock.
        with self._guarded(conversation_id):
            super().cleanup(conversation_id, ticket_number)

    def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
             wait_time_in_seconds: float = POLL_SECONDS) -> Any:
        return super().lock(conversation_id, lock_lifetime, wait_time_in_seconds)

    # ------------------------------------------------------------------ housekeeping

    def remove_stale_locks(self, now: Optional[float] = None) -> int:
        """Remove lock files whose tickets have all expired; how many were removed."""
        now = time.time() if now is None else now
        removed = 0
        for path in self.directory.glob("*.json"):
            lock = self._read(path)
            if lock is None or any(ticket.expires >= now for ticket in lock.tickets):
                continue
            with self._guarded_name(path.stem):
                again = self._read(path)  # another process may have issued one since
                if again is not None and all(t.expires < now for t in again.tickets):
                    try:
                        path.unlink()
                        removed += 1
                    except OSError as error:
                        if error.errno != errno.ENOENT:
                            raise
        for temporary in self.directory.glob(".*.tmp"):
            try:
                if now - temporary.stat().st_mtime > LOCK_LIFETIME:
                    temporary.unlink()
            except FileNotFoundError:
                pass
        return removed
