"""The store's engine and transactions: one engine per URL, migrated on first use.

SQLite (the default, a file under TRADESCREEN_HOME) runs in WAL mode with foreign keys on;
a write transaction opened with :func:`write` starts ``BEGIN IMMEDIATE`` so two writers
queue on the database lock instead of failing half-way. PostgreSQL writers serialise on an
advisory lock (see :mod:`tradescreen.store.lock`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from tradescreen import settings

SQLITE_BUSY_SECONDS = 30.0
_engines: dict[str, Engine] = {}
_migrated: set[str] = set()
_guard = threading.Lock()


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message says why, in the user's words."""


def now() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 in UTC ('Z'); SQLite hands back naive datetimes, which are UTC here."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def describe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is reported as given
        return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def get_engine(url: str | None = None, migrate: bool = True) -> Engine:
    """The engine for `url` (default: the configured store), migrated to the newest schema."""
    url = url or settings.database_url()
    with _guard:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
    if migrate and url not in _migrated:
        from tradescreen.store.migrate import upgrade

        upgrade(engine)
        _migrated.add(url)
    return engine


def _create(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - ArgumentError and friends
        raise StoreError(f"TRADESCREEN_DATABASE_URL is not a database URL: {url!r} ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        _sqlite_setup(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"unsupported store database {parsed.get_backend_name()!r}: "
                         "use sqlite:///PATH or postgresql+psycopg://...")
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use {describe_url(url)}: {exc}") from None


def dispose_all() -> None:
    """Close every pooled connection (tests, and before a process forks)."""
    with _guard:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _migrated.clear()


@contextmanager
def read(url: str | None = None) -> Iterator[Connection]:
    """A read transaction on the store."""
    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            yield conn
            conn.rollback()
    except SQLAlchemyError as exc:
        raise StoreError(f"store {describe_url(str(engine.url))}: {_short(exc)}") from exc


@contextmanager
def write(url: str | None = None) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on any exception."""
    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn
    except SQLAlchemyError as exc:
        raise StoreError(f"store {describe_url(str(engine.url))}: {_short(exc)}") from exc


def _short(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    msg = str(orig) if orig is not None else str(exc)
    return msg.strip().splitlines()[0] if msg.strip() else type(exc).__name__


def lock_key(conn: Connection, purpose: str) -> int:
    """A signed 64-bit advisory lock key for `purpose` in this database and schema."""
    where = "sqlite"
    if conn.dialect.name == "postgresql":
        where = str(conn.execute(text("SELECT current_database() || '.' || current_schema()"))
                    .scalar_one())
    digest = hashlib.sha256(f"tradescreen:{purpose}:{where}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
