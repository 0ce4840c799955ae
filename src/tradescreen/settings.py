"""TRADESCREEN_* environment settings, each documented in docs/configuration.md.

- TRADESCREEN_HOME: folder for the store (SQLite) and caches; default a per-user data folder.
- TRADESCREEN_DATABASE_URL: SQLAlchemy URL of the store (e.g. postgresql+psycopg://...);
  default sqlite:///$TRADESCREEN_HOME/tradescreen.db.
- TRADESCREEN_CACHE_DIR: where the analysed index is cached; default $TRADESCREEN_HOME/cache.
- TRADESCREEN_NO_CACHE: set to 1 to neither read nor write the index cache.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_HOME = "TRADESCREEN_HOME"
ENV_DATABASE_URL = "TRADESCREEN_DATABASE_URL"
ENV_CACHE_DIR = "TRADESCREEN_CACHE_DIR"
ENV_NO_CACHE = "TRADESCREEN_NO_CACHE"

SETTINGS = (ENV_HOME, ENV_DATABASE_URL, ENV_CACHE_DIR, ENV_NO_CACHE)


def home() -> Path:
    return Path(os.environ.get(ENV_HOME) or user_data_dir("tradescreen", appauthor=False))


def cache_dir() -> Path:
    return Path(os.environ.get(ENV_CACHE_DIR) or home() / "cache")


def no_cache() -> bool:
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() in ("1", "true", "yes")


def database_url() -> str:
    url = os.environ.get(ENV_DATABASE_URL, "").strip()
    return url or f"sqlite:///{home() / 'tradescreen.db'}"


def store_exists() -> bool:
    """True when a store is configured or a SQLite store file exists: only then consult it."""
    if os.environ.get(ENV_DATABASE_URL, "").strip():
        return True
    return (home() / "tradescreen.db").exists()
