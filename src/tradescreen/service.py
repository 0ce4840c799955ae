"""Application wiring shared by the CLI and the API: which entities are in use, and a warm
Screener over them.

The analysed index is cached on disk (pickle, keyed by the data's checksums and the
algorithm version), so a cold start reads one file instead of re-analysing ~100k names.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from tradescreen import datasets, settings, snapshot
from tradescreen.matching.scorer import ALGORITHM
from tradescreen.model import Entity
from tradescreen.screen import Screener

CACHE_FORMAT = 1


def _resources_digest() -> str:
    """Word lists and the analysis code both shape the index: either changing rebuilds it."""
    from importlib import resources as ir

    h = hashlib.sha256()
    for package in ("tradescreen.names.resources", "tradescreen.names"):
        root = ir.files(package)
        for entry in sorted(root.iterdir(), key=lambda p: p.name):
            if entry.name.endswith((".yaml", ".txt", ".py")):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    h.update(ir.files("tradescreen").joinpath("index.py").read_bytes())
    return h.hexdigest()[:16]


def current_sources() -> list[dict[str, Any]]:
    """Per dataset: where its entities come from (store version or snapshot) and as-of."""
    out = []
    man = snapshot.manifest()["datasets"]
    overrides = _store_versions()
    for name, info in man.items():
        v = overrides.get(name)
        if v is not None:
            out.append({"name": name, "origin": "store", **v})
        else:
            out.append({"name": name, "origin": "snapshot", "as_of": info["as_of"],
                        "entities": info["entities"], "names": info["names"],
                        "checksum": info["sha256"]})
    for name, v in overrides.items():
        if name not in man:
            out.append({"name": name, "origin": "store", **v})
    return out


def _store_versions() -> dict[str, dict[str, Any]]:
    """Newest loaded version per dataset from the store, if a store exists and is in use."""
    if not settings.store_exists():
        return {}
    try:
        from tradescreen.store import current_versions
    except ImportError:
        return {}
    result: dict[str, dict[str, Any]] = current_versions()
    return result


def _load_entities(sources: list[dict[str, Any]]) -> list[Entity]:
    out: list[Entity] = []
    for s in sources:
        if s["origin"] == "store":
            from tradescreen.store import load_version_entities

            out.extend(load_version_entities(s["name"], s["version"]))
        else:
            out.extend(snapshot.iter_entities(s["name"]))
    return out


def _cache_path(sources: list[dict[str, Any]]) -> Path:
    key = json.dumps([ALGORITHM, CACHE_FORMAT, _resources_digest(),
                      [(s["name"], s.get("checksum"), s.get("version")) for s in sources]])
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return settings.cache_dir() / f"index-{digest}.pkl"


@cache
def get_screener() -> Screener:
    """The Screener over the data in use; built once per process, cached across processes.

    The word lists are loaded here too, so the first check is as fast as the rest.
    """
    from tradescreen.names.analyze import analyze

    analyze("华为技术有限公司 warm-up Co., Ltd.", "any")
    sources = current_sources()
    path = _cache_path(sources)
    if path.exists() and not settings.no_cache():
        try:
            with open(path, "rb") as fh:
                screener = pickle.load(fh)
            if isinstance(screener, Screener):
                return screener
        except Exception:  # noqa: BLE001 - a bad cache is rebuilt, never trusted
            pass
    screener = Screener(_load_entities(sources))
    if not settings.no_cache():
        _atomic_pickle(screener, path)
    return screener


def _atomic_pickle(obj: object, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs speed


def dataset_summaries() -> list[dict[str, Any]]:
    rows = []
    for s in current_sources():
        try:
            d = datasets.get(s["name"])
            title, publisher = d.title, d.publisher
        except KeyError:
            title, publisher = s["name"], ""
        rows.append({"name": s["name"], "title": title, "publisher": publisher,
                     "as_of": s["as_of"], "entities": s["entities"], "names": s["names"],
                     "origin": s["origin"], "version": s.get("version")})
    return rows


def compare_pairs_file(screener: Screener, src: Path, dst: Path, threshold: float) -> int:
    """Score every row of a name1,name2[,schema] CSV; write all columns plus score, match."""
    if not src.exists():
        raise ValueError(f"{src}: file not found")
    with open(src, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = reader.fieldnames or []
        missing = [c for c in ("name1", "name2") if c not in cols]
        if missing:
            raise ValueError(f"{src}: missing column(s) {', '.join(missing)}; "
                             f"columns are: {', '.join(cols) or '(none)'}")
        rows = list(reader)
    out_cols = [*cols, *(c for c in ("score", "match") if c not in cols)]
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=out_cols, extrasaction="ignore")
            w.writeheader()
            for row in rows:
                n1, n2 = (row.get("name1") or "").strip(), (row.get("name2") or "").strip()
                if not n1 or not n2:
                    row["score"], row["match"] = "", ""
                else:
                    schema = (row.get("schema") or "").strip() or None
                    score, _ = screener.compare(n1, n2, schema)
                    row["score"] = f"{score:.4f}"
                    row["match"] = "true" if score >= threshold else "false"
                w.writerow(row)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)
