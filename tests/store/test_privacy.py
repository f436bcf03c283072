"""Privacy at rest: var/ and the SQLite files in it are readable by their owner only."""

import os
import stat

from store.database import Database, make_private, protect_sqlite_file, sqlite_path


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_make_private_tightens_what_already_exists_but_not_through_symlinks(tmp_path):
    var = tmp_path / "var"
    (var / "logs").mkdir(parents=True)
    for name in ("tracker.db", "staff_token", "logs/web.log"):
        (var / name).write_text("x")
        os.chmod(var / name, 0o644)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not ours")
    os.chmod(elsewhere, 0o644)
    (var / "link").symlink_to(elsewhere)
    os.chmod(var, 0o755)
    make_private(var)
    assert mode(var) == mode(var / "logs") == 0o700
    assert {mode(var / name) for name in ("tracker.db", "staff_token", "logs/web.log")} == {0o600}
    assert mode(elsewhere) == 0o644


def test_a_new_sqlite_database_is_private_whatever_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        path = tmp_path / "new" / "escalations.db"
        Database(f"sqlite:///{path}").migrate()
        assert mode(path.parent) == 0o700 and mode(path) == 0o600
    finally:
        os.umask(previous)


def test_existing_sqlite_files_and_journals_are_tightened(tmp_path):
    path = tmp_path / "tracker.db"
    for name in ("tracker.db", "tracker.db-wal", "tracker.db-shm"):
        (tmp_path / name).write_bytes(b"")
        os.chmod(tmp_path / name, 0o644)
    protect_sqlite_file(path)
    assert {mode(tmp_path / n) for n in ("tracker.db", "tracker.db-wal", "tracker.db-shm")} == {0o600}


def test_only_sqlite_files_have_a_path():
    assert sqlite_path("sqlite:////srv/x.db").as_posix() == "/srv/x.db"
    assert sqlite_path("sqlite:///:memory:") is None and sqlite_path("sqlite://") is None
    assert sqlite_path("postgresql://u:p@db/escalations") is None
