"""Finding: var/*.db were readable by every local user. Processes the project starts
make their folder 0700 and their databases 0600, whatever the umask they were started
with (this test's is usually 0o022), and tighten files that already exist."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from tests.security.conftest import run_reconciler

pytestmark = pytest.mark.security


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_var_dir_is_0700_and_databases_0600_after_start(start_web, tmp_path):
    previous = os.umask(0o022)  # what a shell usually gives: files 0644, folders 0755
    try:
        # A fresh start: the web server makes its database folder and file itself.
        server = start_web()
        assert server.get("/healthz").ok
        assert mode(server.database_path.parent) == 0o700
        assert mode(server.database_path) == 0o600

        # Databases left readable by an earlier version are tightened at start.
        old = tmp_path / "old" / "var"
        old.mkdir(parents=True)
        for name in ("ivig_assistant.db", "tracker.db"):
            sqlite3.connect(old / name).close()
            os.chmod(old / name, 0o644)
        start_web(database_dir=old)
        assert mode(old / "ivig_assistant.db") == 0o600
        result = run_reconciler(tmp_path, DATABASE_URL=f"sqlite:///{old / 'ivig_assistant.db'}",
                                TRACKER_STORE_URL=f"sqlite:///{old / 'tracker.db'}")
        assert result.returncode == 0, result.stderr
        assert mode(old / "tracker.db") == 0o600
    finally:
        os.umask(previous)
