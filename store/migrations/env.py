"""Alembic's entry point for the project's database (store/models.py).

The processes run it through store.database.migrate, which passes its own connection
(`config.attributes["connection"]`) and takes turns with other processes. From a shell,
`alembic -c store/alembic.ini upgrade head` (or `revision --autogenerate -m "..."`)
migrates the database DATABASE_URL names, else var/ivig_assistant.db.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from store.database import database_url
from store.models import Base

config = context.config
target_metadata = Base.metadata


def url() -> str:
    return config.get_main_option("sqlalchemy.url") or database_url()


def run_with(connection: Connection) -> None:
    # SQLite changes most columns only by copying the table: autogenerate writes batch ops.
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """`alembic upgrade head --sql`: the SQL script, for a DBA to run."""
    context.configure(url=url(), target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = create_engine(url(), poolclass=NullPool, future=True)
    try:
        with engine.connect() as own:
            run_with(own)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
