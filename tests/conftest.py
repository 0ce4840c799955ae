"""Shared test fixtures: where the real list editions and benchmarks live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LISTS = SHARED / "lists"
BENCH = SHARED / "bench"


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    if not LISTS.is_dir():
        pytest.skip("../shared/data/lists is not beside the checkout")
    return LISTS


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No test reads or writes a developer's real store; the index cache is shared per run."""
    import os

    home = tmp_path_factory.mktemp("tradescreen-home")
    os.environ["TRADESCREEN_HOME"] = str(home)
    os.environ.pop("TRADESCREEN_DATABASE_URL", None)
    os.environ.setdefault("TRADESCREEN_CACHE_DIR", str(ROOT / ".pytest_cache" / "index"))
    return home
