"""The project's own database: where it is, opening it, bringing its schema up to date,
and keeping its files private. The tables are in store/models.py, the queries in one
repository module per aggregate (store/escalations.py, deliveries.py, deletions.py).

SQLite in var/ by default; `DATABASE_URL` (e.g. postgresql://user@127.0.0.1/ivig)
points it elsewhere. Nothing is opened at import: a process opens the database when it
first needs it (`get_database`), and that first use brings the schema to the latest
Alembic migration (`migrate`, store/migrations). The web server and the reconciler do so
as they start, `make run` (tools/run.py) before it starts the servers; the action server
and the Rasa server's tracker store at their first escalation or save.

Privacy at rest: var/ holds patients' words (SQLite databases) and secrets (tokens, the
rendered endpoints file). Every process the project starts calls `keep_files_private()`
first: umask 0o077 (what it creates is readable by its own user only) and var/ set to
0700 with its files 0600, however they were made before. A SQLite database file is
created 0600 before SQLite opens it (SQLite gives its journal files the same mode).
"""

from __future__ import annotations

import fcntl
import logging
import os
import stat
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Union

from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from store.models import OPEN_EPISODE_INDEX, Escalation

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
PRIVATE_UMASK = 0o077
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# PostgreSQL advisory lock held while one process migrates (any fixed 64-bit number
# that nothing else on the server uses); SQLite takes a file lock instead (`_turn_to_migrate`).
MIGRATION_LOCK_KEY = zlib.crc32(b"ivig-assistant store migrations")
SQLITE_MIGRATION_LOCK = "-migrate.lock"


def database_url() -> str:
    """DATABASE_URL, else SQLite in var/ (settings.py)."""
    import settings

    return settings.database_url()


# ---------------------------------------------------------------- privacy at rest

def _chmod(path: Path, mode: int) -> None:
    """chmod a real file or directory (never through a symlink); quiet if it went away."""
    try:
        if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        pass


def make_private(directory: Path = VAR_DIR) -> None:
    """`directory` and every directory under it 0700, every file in them 0600 (if it exists)."""
    if not directory.is_dir() or directory.is_symlink():
        return
    _chmod(directory, 0o700)
    for root, dirs, files in os.walk(directory):
        for name in dirs:
            _chmod(Path(root) / name, 0o700)
        for name in files:
            _chmod(Path(root) / name, 0o600)


def keep_files_private(directory: Path = VAR_DIR) -> None:
    """Call first thing in a process the project starts: from now on it creates files for
    its own user only (umask 0o077; inherited by its child processes), and var/ and what
    is already in it are made private too."""
    os.umask(PRIVATE_UMASK)
    make_private(directory)


def sqlite_path(url: str) -> Optional[Path]:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") \
            or database.startswith("file:"):
        return None
    return Path(database)


def protect_sqlite_file(path: Path, create: bool = False) -> None:
    """A SQLite database file (and its journals) readable by this user only. With
    `create`, a missing file and folder are made private before SQLite opens them, so
    they are never readable by others, whatever the process's umask."""
    if create:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # An empty file is an empty SQLite database; O_EXCL leaves an existing one alone.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES)):
        if candidate.exists():
            _chmod(candidate, 0o600)


class Database:
    """An engine and a session factory for one database URL."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url or database_url()
        path = sqlite_path(self.url)
        if path is not None:
            protect_sqlite_file(path, create=True)
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True, future=True)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False, future=True)

    def migrate(self) -> None:
        """Bring this database's schema to the latest migration (see `migrate`)."""
        migrate(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()


# ---------------------------------------------------------------- schema migrations

def alembic_config(url: Optional[str] = None):
    """Alembic's configuration for store/migrations (no alembic.ini needed); env.py uses
    `url`, else the `connection` put in its attributes, else database_url()."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@contextmanager
def _turn_to_migrate(connection: Connection) -> Iterator[None]:
    """One process at a time migrates: processes started together (`make run`, docker
    compose) wait here for the first, then find the schema up to date."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_lock(MIGRATION_LOCK_KEY)))
        connection.commit()  # a session lock: it outlives the transactions below
        try:
            yield
        finally:
            connection.rollback()
            connection.execute(select(func.pg_advisory_unlock(MIGRATION_LOCK_KEY)))
            connection.commit()
        return
    path = sqlite_path(str(connection.engine.url))
    if path is None:  # in-memory SQLite: one process only
        yield
        return
    # Not a lock on the database file itself: closing any descriptor of it would drop
    # SQLite's own locks in this process.
    descriptor = os.open(f"{path}{SQLITE_MIGRATION_LOCK}", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _create_open_episode_index(connection: Connection) -> None:
    """The one-open-episode index (store/models.py) of a database from before episodes
    that held several open escalations of one conversation when it was migrated: made at
    the first start after staff have acknowledged or resolved the extra ones."""
    if connection.dialect.name not in ("sqlite", "postgresql"):
        return
    with connection.begin():
        present = {index["name"] for index in inspect(connection).get_indexes("escalations")}
    if OPEN_EPISODE_INDEX in present:
        return
    [index] = [index for index in Escalation.__table__.indexes if index.name == OPEN_EPISODE_INDEX]
    try:
        with connection.begin():
            index.create(connection)
    except IntegrityError:
        # Staff resolve them; the index is made at a later start.
        logger.warning("some conversations have more than one open urgent or emergency "
                       "escalation: index %s is made once they are acknowledged or resolved",
                       OPEN_EPISODE_INDEX)


def migrate(target: Union[str, Engine, None] = None) -> None:
    """Bring the database (a URL or an engine; default database_url()) to the latest
    Alembic migration: `alembic upgrade head`, the one way the schema is made or changed.

    Idempotent: an up-to-date database is left as it is. Safe when several processes
    start at once: they take turns (`_turn_to_migrate`). A database made before Alembic
    (create_all and ALTER TABLE) is completed by the first migration and then recorded as
    migrated (store/migrations/versions/0001_initial.py)."""
    from alembic import command

    if isinstance(target, Engine):
        engine, own_engine = target, False
    else:
        url = target or database_url()
        path = sqlite_path(url)
        if path is not None:
            protect_sqlite_file(path, create=True)
        engine, own_engine = create_engine(url, poolclass=NullPool, future=True), True
    config = alembic_config()
    try:
        with engine.connect() as connection, _turn_to_migrate(connection):
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            _create_open_episode_index(connection)
    finally:
        if own_engine:
            engine.dispose()


def ensure_schema(database: Database) -> None:
    """The schema of `database` brought up to date as a process starts (web/app.py)."""
    database.migrate()


_database: Optional[Database] = None
_opening = threading.Lock()


def get_database() -> Database:
    """The process-wide database, opened (and its schema migrated) on first use."""
    global _database
    with _opening:
        if _database is None:
            # The first use in a process: files it makes from now on stay private.
            keep_files_private()
            database = Database()
            database.migrate()
            _database = database
    return _database
