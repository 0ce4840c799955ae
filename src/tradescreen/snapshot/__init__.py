"""The bundled snapshot: compact package data built from official list editions.

One gzip'd JSON-lines file per dataset plus `manifest.json` (as-of date, source edition,
counts, checksum). Built by `python -m tradescreen.snapshot.build`; a test proves the
committed files equal a fresh build.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from tradescreen.model import Entity

DATA_PACKAGE = "tradescreen.snapshot.data"
MANIFEST = "manifest.json"


@cache
def manifest() -> dict[str, Any]:
    """{"datasets": {name: {"as_of", "source", "entities", "names", "sha256", "file"}}}"""
    text = resources.files(DATA_PACKAGE).joinpath(MANIFEST).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def dataset_names() -> list[str]:
    return list(manifest()["datasets"])


def iter_entities(dataset: str) -> Iterator[Entity]:
    info = manifest()["datasets"].get(dataset)
    if info is None:
        raise KeyError(f"dataset {dataset!r} is not in the bundled snapshot")
    raw = resources.files(DATA_PACKAGE).joinpath(info["file"]).read_bytes()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line:
            yield Entity.from_dict(json.loads(line))


def load(datasets: Iterable[str] | None = None) -> list[Entity]:
    names = list(datasets) if datasets is not None else dataset_names()
    out: list[Entity] = []
    for name in names:
        out.extend(iter_entities(name))
    return out
