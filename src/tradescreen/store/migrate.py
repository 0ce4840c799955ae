"""Run the packaged Alembic migrations: on first use of a store, and on demand."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from tradescreen.store.db import StoreError, describe_url, lock_key

SCRIPT_LOCATION = "tradescreen.store:migrations"


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the store's schema to the newest revision; a no-op when it already is.

    Concurrent first uses are serialised: BEGIN IMMEDIATE on SQLite, a transaction-scoped
    advisory lock on PostgreSQL, and the revision is re-read under the lock.
    """
    target = head()
    where = describe_url(str(engine.url))
    try:
        with engine.connect() as conn:
            if current(conn) == target:
                return
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                 {"k": lock_key(conn, "migrate")})
                if current(conn) != target:
                    command.upgrade(config(conn), "head")
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(exc).__name__
        raise StoreError(f"cannot open the store at {where}: {first}") from exc
