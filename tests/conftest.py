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
