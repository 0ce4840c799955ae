"""The local engine end to end: round trips through every format, input order, workers,
repeated names, and the real snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tradescreen.batch.engine import (
    EMPTY,
    BatchOptions,
    Screening,
    countries_of,
    dedupe,
    make_keys,
    schema_of,
)
from tradescreen.batch.runner import run_batch
from tradescreen.model import Match
from tradescreen.screen import Screener

from .conftest import LISTED, NAMES, leftovers, read_rows, sample_rows, write_rows

RESULT_COLS = ["match_count", "top_id", "top_dataset", "top_caption", "top_score"]


def expected_top(screener: Screener, name: str, country: str = "") -> tuple[int, str | None]:
    if not name.strip():
        return 0, None
    matches = screener.check(name, countries=[country] if country else [])
    return len(matches), matches[0].entity.id if matches else None


@pytest.mark.parametrize("src,dst", [
    ("in.csv", "out.csv"), ("in.parquet", "out.parquet"), ("in.jsonl", "out.jsonl"),
    ("in.csv", "out.jsonl"), ("in.jsonl", "out.csv"), ("in.parquet", "out.csv"),
])
def test_round_trip_keeps_rows_in_order_with_matches(
        tmp_path: Path, screener: Screener, src: str, dst: str) -> None:
    rows = sample_rows(60)
    inp = write_rows(tmp_path / src, rows)
    out = tmp_path / dst
    stats = run_batch(inp, out, BatchOptions(country_column="country"), workers=1,
                      chunk_size=7, screener=screener, progress=False)
    got = read_rows(out)
    assert stats.rows == len(got) == len(rows)
    assert stats.empty_names == sum(1 for r in rows if not r["name"].strip())
    for i, (row, res) in enumerate(zip(rows, got, strict=True)):
        count, top = expected_top(screener, row["name"], row["country"])
        if dst.endswith(".jsonl"):
            assert res["row"] == i
            assert res["input"] == row
            assert len(res["matches"]) == count
            assert (res["matches"][0]["id"] if count else None) == top
        else:
            assert [res[c] for c in ("id", "name", "country")] == [row["id"], row["name"],
                                                                  row["country"]]
            assert list(res)[-5:] == RESULT_COLS
            assert int(res["match_count"]) == count
            assert (res["top_id"] or None) == top
    assert leftovers(tmp_path) == []


def test_known_listed_names_are_found(tmp_path: Path, screener: Screener) -> None:
    inp = write_rows(tmp_path / "in.csv", [{"name": n} for n in NAMES])
    out = tmp_path / "out.csv"
    run_batch(inp, out, workers=1, screener=screener, progress=False)
    got = {r["name"]: r for r in read_rows(out)}
    for name, eid in LISTED.items():
        assert got[name]["top_id"] == eid, name
        assert got[name]["top_dataset"] == "test"
        assert float(got[name]["top_score"]) >= Screener.threshold
    for name in ("Acme Widgets Ltd", "Nordic Timber AB", "", "   "):
        assert got[name]["match_count"] == "0" and got[name]["top_id"] == ""


def test_jsonl_matches_are_exactly_what_check_returns(tmp_path: Path,
                                                      screener: Screener) -> None:
    inp = write_rows(tmp_path / "in.csv", [{"name": "Vladimir Putin", "note": "x"}])
    out = tmp_path / "out.jsonl"
    run_batch(inp, out, BatchOptions(limit=3), workers=1, screener=screener, progress=False)
    (line,) = read_rows(out)
    assert set(line) == {"row", "input", "matches"}
    assert line["input"] == {"name": "Vladimir Putin", "note": "x"}
    want = [m.to_dict() for m in screener.check("Vladimir Putin", limit=3)]
    assert line["matches"] == want
    assert set(want[0]) == {"id", "dataset", "schema", "caption", "matched_name", "score",
                            "programs", "listed_on", "explanation"}


@pytest.mark.parametrize("dst", ["out.csv", "out.jsonl", "out.parquet"])
def test_one_and_two_workers_give_identical_output(tmp_path: Path, screener: Screener,
                                                   dst: str) -> None:
    inp = write_rows(tmp_path / "in.csv", sample_rows(300))
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}-{dst}"
        run_batch(inp, out, BatchOptions(country_column="country"), workers=workers,
                  chunk_size=11, screener=screener, progress=False)
        outs.append(out)
    if dst.endswith(".parquet"):
        assert pq.read_table(outs[0]).equals(pq.read_table(outs[1]))
    else:
        assert outs[0].read_bytes() == outs[1].read_bytes()


def test_recycled_workers_give_the_same_output(tmp_path: Path, screener: Screener) -> None:
    from tradescreen.batch.local import LocalEngine

    inp = write_rows(tmp_path / "in.csv", sample_rows(200))
    one, recycled = tmp_path / "one.csv", tmp_path / "recycled.csv"
    run_batch(inp, one, workers=1, chunk_size=7, screener=screener, progress=False)
    engine = LocalEngine(BatchOptions(), workers=2, screener=screener, recycle_after=2)
    run_batch(inp, recycled, engine=engine, chunk_size=7, progress=False)
    assert recycled.read_bytes() == one.read_bytes()


class CountingScreener(Screener):
    """Counts the names it is asked to check."""

    def __init__(self, base: Screener) -> None:
        self.__dict__.update(base.__dict__)
        self.calls: Counter[str] = Counter()

    def check(self, name: str, schema: str | None = None, countries: Iterable[str] = (),
              birth_date: str | None = None, limit: int = 10,
              threshold: float | None = None) -> list[Match]:
        self.calls[name] += 1
        return super().check(name, schema, countries, birth_date, limit, threshold)


def test_repeated_names_are_screened_once(tmp_path: Path, screener: Screener) -> None:
    counting = CountingScreener(screener)
    rows = sample_rows(600)  # 12 names, 50 times each, over 60 chunks
    inp = write_rows(tmp_path / "in.parquet", rows)
    out = tmp_path / "out.csv"
    stats = run_batch(inp, out, workers=1, chunk_size=10, screener=counting, progress=False)
    assert stats.rows == 600
    assert counting.calls == Counter({n: 1 for n in NAMES if n.strip()})
    got = read_rows(out)
    assert all(r["top_id"] == got[i % len(NAMES)]["top_id"] for i, r in enumerate(got))


def test_screening_cache_and_dedupe(screener: Screener) -> None:
    keys = make_keys(["Hikvision", " Hikvision ", "", None, "Hikvision"], None,
                     ["CN", "CN", "", "", "CN"])
    assert keys[2] is None and keys[3] is None
    unique, inverse = dedupe(keys)
    assert unique == [("Hikvision", None, ("CN",))]
    assert inverse == [0, 0, -1, -1, 0]
    s = Screening(screener, BatchOptions(), cache_size=2)
    first = s.screen(unique)
    assert s.screen(unique) == first and s.screened == 1 and s.hits == 1
    s.screen([("Acme", None, ()), ("Gazprom", None, ()), ("Hikvision", None, ("CN",))])
    assert s.screened == 4  # evicted from the 2-entry LRU, screened again
    assert s.screen([None]) == [EMPTY]


def test_schema_and_country_cells() -> None:
    assert schema_of(" person ") == "Person"
    assert schema_of("Company") == "Organization"
    assert schema_of("spaceship") is None and schema_of(None) is None
    assert countries_of("CN; Hong Kong | RU") == ("CN", "Hong Kong", "RU")
    assert countries_of(" ") == () and countries_of(None) == ()
    stats: Counter[str] = Counter()
    keys = make_keys(["A", "B", "C"], ["Person", "spaceship", ""], None, stats)
    assert [k[1] for k in keys if k] == ["Person", None, None]
    assert stats["unknown_schemas"] == 1


def test_schema_column_is_used(tmp_path: Path, screener: Screener) -> None:
    rows = [{"name": "Ocean Glory", "type": "Vessel"}, {"name": "Ocean Glory", "type": "Person"},
            {"name": "Ocean Glory", "type": "bogus"}]
    inp = write_rows(tmp_path / "in.csv", rows)
    out = tmp_path / "out.csv"
    notes: list[str] = []
    stats = run_batch(inp, out, BatchOptions(schema_column="type"), workers=1,
                      screener=screener, progress=False, notify=notes.append)
    got = read_rows(out)
    assert got[0]["top_id"] == "test:vessel"
    assert got[1]["match_count"] == "0"  # a person is never a vessel
    assert got[2]["top_id"] == "test:vessel"  # unknown schema: screened without one
    assert stats.unknown_schemas == 1 and any("schema" in n for n in notes)


def test_result_columns_in_the_input_are_replaced(tmp_path: Path, screener: Screener) -> None:
    inp = write_rows(tmp_path / "in.csv", [{"name": n} for n in NAMES])
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    run_batch(inp, first, workers=1, screener=screener, progress=False)
    run_batch(first, second, workers=1, screener=screener, progress=False)
    assert second.read_bytes() == first.read_bytes()


def test_parquet_types_are_kept(tmp_path: Path, screener: Screener) -> None:
    rows: list[dict[str, Any]] = [{"n": i, "name": NAMES[i], "ok": i % 2 == 0}
                                  for i in range(len(NAMES))]
    inp = write_rows(tmp_path / "in.parquet", rows)
    out = tmp_path / "out.parquet"
    run_batch(inp, out, workers=1, screener=screener, progress=False)
    table = pq.read_table(out)
    assert str(table.schema.field("n").type) == "int64"
    assert str(table.schema.field("ok").type) == "bool"
    assert str(table.schema.field("match_count").type) == "int32"
    assert str(table.schema.field("top_score").type) == "double"
    assert table.column("n").to_pylist() == list(range(len(NAMES)))


def test_real_snapshot_finds_listed_parties(tmp_path: Path) -> None:
    """The production path: no screener given, so the workers load the snapshot's index
    through service.get_screener() in their initializer."""
    from tradescreen.service import get_screener

    get_screener()  # built (or read) once for the whole test session; the workers read its cache
    names = ["Hangzhou Hikvision Digital Technology Co., Ltd.", "Nordic Timber AB",
             "PUTIN, Vladimir Vladimirovich", "", "Blue River Foods GmbH"] * 4
    inp = write_rows(tmp_path / "in.csv", [{"name": n} for n in names])
    out = tmp_path / "out.jsonl"
    stats = run_batch(inp, out, workers=2, chunk_size=3, progress=False)
    got = read_rows(out)
    assert stats.rows == len(got) == len(names)
    by_name = {r["input"]["name"]: r["matches"] for r in got}
    hik = {m["dataset"] for m in by_name["Hangzhou Hikvision Digital Technology Co., Ltd."]}
    assert "us_bis_el" in hik
    putin = by_name["PUTIN, Vladimir Vladimirovich"]
    assert putin and putin[0]["schema"] == "Person" and putin[0]["score"] >= 0.9
    assert by_name[""] == []
