"""`make run` (tools/run.py) starts Rasa with several Sanic workers on the file lock store."""

from __future__ import annotations

import yaml

import tools.run as run


class FakeServers:
    """Records how `make run` would start the servers; starts nothing."""

    made = []

    def __init__(self, **options):
        self.options = options
        self.processes = []
        FakeServers.made.append(self)

    def start_actions(self):
        raise KeyboardInterrupt  # as if Ctrl-C came at once

    def stop(self):
        pass


def start(monkeypatch, tmp_path, env):
    for name in ("SANIC_WORKERS", "LOCK_STORE_URL", "RASA_AUTH_TOKEN", "STAFF_TOKEN",
                 "ACTION_SERVER_TOKEN", "PATIENT_SESSION_SECRET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(run, "VAR", tmp_path)
    monkeypatch.setattr(run, "ROOT", tmp_path.parent)
    monkeypatch.setattr(run, "migrate", lambda: None)
    monkeypatch.setattr(run, "keep_files_private", lambda path: None)  # umask stays
    monkeypatch.setattr(run, "Servers", FakeServers)
    FakeServers.made.clear()
    assert run.main() == 0
    (servers,) = FakeServers.made
    return servers.options


def test_two_workers_share_the_file_lock_store_by_default(monkeypatch, tmp_path):
    options = start(monkeypatch, tmp_path, {})
    assert options["env"]["SANIC_WORKERS"] == "2"
    endpoints = yaml.safe_load(options["endpoints"].read_text())
    assert endpoints["lock_store"]["type"] == "rasa_addons.lock_store.FileLockStore"


def test_workers_and_redis_from_the_environment(monkeypatch, tmp_path):
    options = start(monkeypatch, tmp_path, {"SANIC_WORKERS": "3",
                                            "LOCK_STORE_URL": "redis://cache:6379/0"})
    assert options["env"]["SANIC_WORKERS"] == "3"
    assert yaml.safe_load(options["endpoints"].read_text())["lock_store"]["type"] == "redis"
