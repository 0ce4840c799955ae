"""One update at a time: a PostgreSQL advisory lock, or a lock file beside the SQLite store.

The lock is held for the whole update run (downloads, parsing and the write transaction),
so a second `tradescreen update` waits up to `wait` seconds and then fails with
:class:`StoreBusy` naming the lock, instead of racing the first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy import Engine, text

from tradescreen.store.db import StoreError, describe_url, lock_key

POLL_SECONDS = 0.1


class StoreBusy(StoreError):
    """Another update holds the lock."""


@contextmanager
def update_lock(engine: Engine, wait: float = 0.0) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with _pg_lock(engine, wait):
            yield
    else:
        with _file_lock(_lock_path(engine), wait):
            yield


def _lock_path(engine: Engine) -> Path | None:
    db = engine.url.database
    if not db or db == ":memory:":
        return None
    return Path(db).expanduser().with_name(Path(db).name + ".update-lock")


@contextmanager
def _pg_lock(engine: Engine, wait: float) -> Iterator[None]:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        key = lock_key(conn, "update")
        deadline = time.monotonic() + max(wait, 0.0)
        while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"another `tradescreen update` is running on {describe_url(str(engine.url))} "
                    f"(PostgreSQL advisory lock {key} is held); waited {wait:g} s. "
                    "Try again when it ends, or pass --wait SECONDS.")
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


@contextmanager
def _file_lock(path: Path | None, wait: float) -> Iterator[None]:
    if path is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own BEGIN IMMEDIATE still serialises writers
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fh: IO[str] = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held across the yield
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise StoreBusy(
                        f"another `tradescreen update` is running ({holder} holds {path}); "
                        f"waited {wait:g} s. Try again when it ends, or pass --wait SECONDS."
                    ) from None
                time.sleep(POLL_SECONDS)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()
