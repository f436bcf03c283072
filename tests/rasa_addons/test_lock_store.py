"""The file lock store: Rasa's conversation lock shared by the workers of one machine
(rasa_addons/lock_store.py), checked as Rasa checks its Redis lock store."""

import asyncio
import json
import subprocess
import sys
import textwrap
import time

from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from rasa_addons.lock_store import FileLockStore, lock_file_name
from settings import ROOT, Settings, endpoints_config


def test_rasa_builds_it_from_the_endpoints_settings_py_writes(tmp_path):
    config = endpoints_config(Settings.from_env({}), tmp_path / "tracker.db")["lock_store"]
    store = LockStore.create(EndpointConfig.from_dict(config))
    assert isinstance(store, FileLockStore)
    assert store.directory == tmp_path / "locks"


def test_rasa_runs_several_workers_with_it(tmp_path, monkeypatch):
    """Rasa falls back to one Sanic worker with its in-memory lock store; not with this."""
    from rasa.core.utils import number_of_sanic_workers

    config = endpoints_config(Settings.from_env({}), tmp_path / "tracker.db")["lock_store"]
    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert number_of_sanic_workers(EndpointConfig.from_dict(config)) == 2


def test_tickets_are_issued_in_order_and_served_in_order(tmp_path):
    store = FileLockStore(directory=tmp_path)
    first = store.issue_ticket("patient-1")
    second = store.issue_ticket("patient-1")
    assert (first, second) == (0, 1)
    lock = store.get_lock("patient-1")
    assert not lock.is_locked(first) and lock.is_locked(second)
    store.cleanup("patient-1", first)
    assert not store.get_lock("patient-1").is_locked(second)
    store.cleanup("patient-1", second)
    assert store.get_lock("patient-1") is None  # nobody waiting: the file is gone
    assert list(tmp_path.glob("*.json")) == []


def test_two_store_instances_share_the_lock(tmp_path):
    """Two workers (two instances on one directory): the second waits for the first."""
    one, other = FileLockStore(directory=tmp_path), FileLockStore(directory=tmp_path)
    order = []

    async def handle(store, name, hold):
        async with store.lock("patient-1", wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(hold)
            order.append(f"{name} out")

    async def both():
        first = asyncio.create_task(handle(one, "first", 0.2))
        await asyncio.sleep(0.02)
        await handle(other, "second", 0)
        await first

    asyncio.run(both())
    assert order == ["first in", "first out", "second in", "second out"]


def test_other_conversations_do_not_wait(tmp_path):
    store = FileLockStore(directory=tmp_path)
    store.issue_ticket("patient-1")
    assert store.issue_ticket("patient-2") == 0
    assert not store.get_lock("patient-2").is_locked(0)


def test_a_stale_lock_expires(tmp_path):
    """A ticket of a process that died stops blocking after its lifetime; its file goes."""
    store = FileLockStore(directory=tmp_path)
    store.issue_ticket("patient-1", lock_lifetime=0.05)
    waiting = store.issue_ticket("patient-1", lock_lifetime=60)
    assert store.get_lock("patient-1").is_locked(waiting)
    time.sleep(0.1)
    assert not store.get_lock("patient-1").is_locked(waiting)

    store.issue_ticket("patient-2", lock_lifetime=0.01)
    time.sleep(0.05)
    assert store.remove_stale_locks() == 1
    assert store.get_lock("patient-2") is None
    assert store.get_lock("patient-1") is not None  # a live ticket is kept


def test_a_message_waits_for_a_dead_workers_ticket_only_until_it_expires(tmp_path):
    store = FileLockStore(directory=tmp_path)
    store.issue_ticket("patient-1", lock_lifetime=0.3)  # taken by a worker that then died
    started = time.monotonic()

    async def handle():
        async with store.lock("patient-1", wait_time_in_seconds=0.02):
            return time.monotonic() - started

    waited = asyncio.run(asyncio.wait_for(handle(), timeout=10))
    assert 0.25 < waited < 2


def test_no_conversation_id_on_disk(tmp_path):
    store = FileLockStore(directory=tmp_path)
    store.issue_ticket("patient-secret-id")
    (path,) = tmp_path.glob("*.json")
    assert path.stem == lock_file_name("patient-secret-id")
    assert "patient-secret-id" not in path.read_text()
    assert json.loads(path.read_text())["conversation_id"] == path.stem
    assert store.get_lock("patient-secret-id").conversation_id == "patient-secret-id"
    assert path.stat().st_mode & 0o077 == 0


def test_a_damaged_lock_file_is_dropped(tmp_path):
    store = FileLockStore(directory=tmp_path)
    (tmp_path / f"{lock_file_name('patient-1')}.json").write_text("{not json")
    assert store.get_lock("patient-1") is None
    assert store.issue_ticket("patient-1") == 0


HOLDER = textwrap.dedent("""
    import asyncio, sys, time
    from rasa_addons.lock_store import FileLockStore

    directory, log, name, start_at = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    store = FileLockStore(directory=directory)

    async def main():
        while time.time() < start_at:
            await asyncio.sleep(0.005)
        for turn in range(3):
            async with store.lock("patient-1", wait_time_in_seconds=0.01) as lock:
                with open(log, "a") as out:
                    out.write(f"{name} in {time.time()}\\n")
                await asyncio.sleep(0.1)
                with open(log, "a") as out:
                    out.write(f"{name} out {time.time()}\\n")

    asyncio.run(main())
""")


def test_two_processes_contending_for_one_conversation_take_turns(tmp_path):
    log = tmp_path / "log"
    start_at = time.time() + 4  # both have imported Rasa by then
    processes = [subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "locks"),
                                   str(log), name, str(start_at)], cwd=ROOT,
                                  env={"PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false",
                                       "PATH": "/usr/bin:/bin"})
                 for name in ("a", "b")]
    for process in processes:
        assert process.wait(timeout=60) == 0
    lines = [line.split() for line in log.read_text().splitlines()]
    assert len(lines) == 12
    # Every "in" is followed by the same process's "out": never two inside at once.
    for entered, left in zip(lines[::2], lines[1::2]):
        assert entered[1] == "in" and left[1] == "out" and entered[0] == left[0]
    assert {line[0] for line in lines} == {"a", "b"}
    assert list((tmp_path / "locks").glob("*.json")) == []
