"""The list store: dataset versions, fresh editions, diffs, the watchlist and alerts.

SQLAlchemy 2 over SQLite (default: `$TRADESCREEN_HOME/tradescreen.db`) or PostgreSQL
(`TRADESCREEN_DATABASE_URL`); the packaged Alembic migrations run on first use.

One module per job: :mod:`.db` (engine, transactions), :mod:`.models` (tables),
:mod:`.migrate`, :mod:`.versions` (what is current, entities per version), :mod:`.fetch`
(HTTP downloads), :mod:`.updater` (load a new edition), :mod:`.diff`, :mod:`.watch`
(saved parties, re-screening, alerts), :mod:`.lock`, :mod:`.audit`.
"""

from __future__ import annotations

from tradescreen.store.db import StoreError, dispose_all, get_engine, read, write
from tradescreen.store.diff import NotEnoughVersions, diff_versions
from tradescreen.store.fetch import FetchOptions
from tradescreen.store.lock import StoreBusy
from tradescreen.store.updater import UpdateInputError, UpdateResult, update
from tradescreen.store.versions import UnknownVersion, current_versions, load_version_entities
from tradescreen.store.watch import WatchError

__all__ = [
    "FetchOptions", "NotEnoughVersions", "StoreBusy", "StoreError", "UnknownVersion",
    "UpdateInputError", "UpdateResult", "WatchError", "current_versions", "diff_versions",
    "dispose_all", "get_engine", "load_version_entities", "read", "update", "write",
]
