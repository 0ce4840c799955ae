"""Alembic environment: migrates the connection handed over by
:func:`tradescreen.store.migrate.upgrade`, else the configured store
(so `alembic -c ...` works for developers too)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tradescreen.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from tradescreen.store.db import get_engine

    with get_engine(migrate=False).connect() as conn:
        _run(conn)
        conn.commit()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
