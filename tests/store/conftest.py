"""Store fixtures: every store test runs on SQLite (a file in tmp_path) and on PostgreSQL
(its own schema in database `test`, dropped afterwards; skipped when the server is down)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LISTS

PG_URL = os.environ.get("TRADESCREEN_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NSF = LISTS / "derived_nsfreg_us_lists_2026-07"
SDN_2021 = LISTS / "ofac_sdn" / "2021-07_watchman_bench"
SDN_2024 = LISTS / "ofac_sdn" / "2024-05-03_jackdwyer_gitscrape" / "sdn.csv"
UN_XML = LISTS / "un_sc_consolidated" / "2026-02_watchman" / "UN_consolidated.xml"


def _dsn() -> str:
    return PG_URL.replace("postgresql+psycopg://", "postgresql://", 1)


@cache
def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(_dsn(), connect_timeout=2):
            return True
    except Exception:  # noqa: BLE001 - any failure means "no server to test against"
        return False


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty store configured through the environment; yields the backend name."""
    pytest.importorskip("sqlalchemy")
    from tradescreen.store import dispose_all

    if not LISTS.is_dir():
        pytest.skip("../shared/data/lists is not beside the checkout")
    monkeypatch.setenv("TRADESCREEN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TRADESCREEN_NO_CACHE", "1")
    monkeypatch.setenv("TRADESCREEN_CACHE_DIR", str(tmp_path / "cache"))
    if request.param == "sqlite":
        monkeypatch.delenv("TRADESCREEN_DATABASE_URL", raising=False)
        yield "sqlite"
        dispose_all()
        return
    if not pg_available():
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}")
    import psycopg

    schema = f"ts_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_dsn(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    monkeypatch.setenv("TRADESCREEN_DATABASE_URL", f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        yield "postgres"
    finally:
        dispose_all()
        with psycopg.connect(_dsn(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def nsf_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a variant of an nsfreg list file: nsf_file("fcc_covered", edit=fn, name=...)."""

    def make(base: str, edit: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
             | None = None, name: str | None = None) -> Path:
        doc = json.loads((NSF / f"{base}.json").read_text("utf-8"))
        if edit is not None:
            doc["entities"] = edit(doc["entities"])
            doc["count"] = len(doc["entities"])
        out = tmp_path / "files" / (name or f"{base}.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
        return out

    return make


@pytest.fixture
def fast_fetch() -> Any:
    from tradescreen.store import FetchOptions

    return FetchOptions(timeout=0.5, retries=2, backoff=0.01)
