"""Batch test fixtures: one hand-made entity factory, a small Screener over it, file helpers,
and one Spark session for the whole run (Spark start-up is slow)."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tradescreen.model import Entity, Name
from tradescreen.screen import Screener


def make_entity(eid: str, *names: str, schema: str = "Organization", dataset: str = "test",
                **fields: Any) -> Entity:
    """An entity of `dataset` with the first name primary and the rest aliases."""
    kinds = ["primary"] + ["alias"] * (len(names) - 1)
    return Entity(id=f"{dataset}:{eid}", dataset=dataset, schema=schema,
                  names=[Name(n, k) for n, k in zip(names, kinds, strict=True)], **fields)


ENTITIES = [
    make_entity("hik", "Hangzhou Hikvision Digital Technology Co., Ltd.", "Hikvision",
                countries=["CN"], programs=["EL"]),
    make_entity("dji", "SZ DJI Technology Co., Ltd.", "Da-Jiang Innovations", countries=["CN"]),
    make_entity("huawei", "Huawei Technologies Co., Ltd.", countries=["CN"]),
    make_entity("putin", "PUTIN, Vladimir Vladimirovich", schema="Person", countries=["RU"],
                birth_dates=["1952-10-07"]),
    make_entity("xi", "XI Jin-ping", schema="Person", countries=["CN"]),
    make_entity("gazprom", "Open Joint Stock Company Gazprom", countries=["RU"]),
    make_entity("formula", "=Hyperlink Trading Ltd", countries=["AE"]),
    make_entity("vessel", "Ocean Glory", schema="Vessel"),
]

# Input rows: listed names mixed with parties that are on no list.
NAMES = [
    "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "Acme Widgets Ltd",
    "PUTIN, Vladimir Vladimirovich",
    "",
    "Vladimir Putin",
    "Nordic Timber AB",
    "SZ DJI Technology",
    "   ",
    "Huawei Technologies Company Limited",
    "Maria Garcia",
    "Hikvision",
    "Blue River Foods GmbH",
]
LISTED = {
    "Hangzhou Hikvision Digital Technology Co., Ltd.": "test:hik",
    "Hikvision": "test:hik",
    "PUTIN, Vladimir Vladimirovich": "test:putin",
    "Vladimir Putin": "test:putin",
    "SZ DJI Technology": "test:dji",
    "Huawei Technologies Company Limited": "test:huawei",
}


@pytest.fixture(scope="session")
def screener() -> Screener:
    return Screener(ENTITIES)


def sample_rows(n: int = 60) -> list[dict[str, str]]:
    """`n` rows cycling through NAMES (so names repeat), with an id and a country."""
    countries = ["CN", "RU", "", "DE"]
    return [{"id": str(i), "name": NAMES[i % len(NAMES)], "country": countries[i % 4]}
            for i in range(n)]


def write_rows(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    """Rows to CSV, Parquet or JSON Lines by extension (all values as written)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    elif suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(list(rows)), path)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                        encoding="utf-8")
    else:
        raise ValueError(path)
    return path


def read_rows(path: Path) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    if suffix == ".parquet":
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        return rows
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def leftovers(folder: Path) -> list[str]:
    """Temporary output files left in `folder`."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] SparkSession shared by every Spark test; skipped without pyspark or Java."""
    pytest.importorskip("pyspark")
    pytest.importorskip("pandas")
    if shutil.which("java") is None:
        import os

        if not os.environ.get("JAVA_HOME"):
            pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    from tradescreen.batch.spark import spark_session

    try:
        session = spark_session("local[2]", "tradescreen tests")
    except Exception as exc:  # noqa: BLE001 - no usable JVM: skip, do not fail
        pytest.skip(f"cannot start Spark: {exc}")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
