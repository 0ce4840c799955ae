"""The Spark engine in local mode gives what the local engine gives, on the same input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tradescreen.batch.engine import BatchOptions
from tradescreen.batch.runner import run_batch
from tradescreen.batch.spark import SparkEngine, screen_dataframe
from tradescreen.screen import Screener

from .conftest import read_rows, sample_rows, write_rows

pytestmark = pytest.mark.spark

OPTIONS = BatchOptions(country_column="country")


def test_screen_dataframe_matches_the_local_engine(tmp_path: Path, spark: Any,
                                                   screener: Screener) -> None:
    rows = sample_rows(120)
    inp = write_rows(tmp_path / "in.parquet", rows)
    local = tmp_path / "local.parquet"
    run_batch(inp, local, OPTIONS, workers=1, screener=screener, progress=False)
    df = spark.read.parquet(str(inp)).repartition(3)
    out = screen_dataframe(df, "name", country_col="country", screener=screener)
    assert out.columns == ["id", "name", "country", "match_count", "top_id", "top_dataset",
                           "top_caption", "top_score"]
    got = sorted((r.asDict() for r in out.collect()), key=lambda r: int(r["id"]))
    assert got == read_rows(local)


def test_screen_dataframe_details_and_errors(spark: Any, screener: Screener) -> None:
    df = spark.createDataFrame([("Vladimir Putin", "x"), (None, "y"), ("", "z")],
                               "name string, note string")
    rows = screen_dataframe(df, "name", details=True, limit=3, screener=screener).collect()
    import json

    assert json.loads(rows[0]["matches"]) == [m.to_dict() for m in
                                              screener.check("Vladimir Putin", limit=3)]
    assert [r["match_count"] for r in rows[1:]] == [0, 0]
    with pytest.raises(ValueError, match="no column 'nom'"):
        screen_dataframe(df, "nom", screener=screener)


@pytest.mark.parametrize("src,dst", [("in.csv", "out.csv"), ("in.jsonl", "out.jsonl")])
def test_spark_engine_output_is_identical_to_local(tmp_path: Path, spark: Any,
                                                   screener: Screener, src: str,
                                                   dst: str) -> None:
    inp = write_rows(tmp_path / src, sample_rows(500))
    local, remote = tmp_path / f"local-{dst}", tmp_path / f"spark-{dst}"
    run_batch(inp, local, OPTIONS, workers=2, chunk_size=13, screener=screener,
              progress=False)
    engine = SparkEngine(OPTIONS, screener=screener, spark=spark, window_rows=250)
    stats = run_batch(inp, remote, OPTIONS, engine=engine, chunk_size=13, progress=False)
    assert stats.rows == 500
    assert remote.read_bytes() == local.read_bytes()
    assert not spark.sparkContext._jsc.sc().isStopped()  # a session it was given stays up


def test_spark_engine_parquet(tmp_path: Path, spark: Any, screener: Screener) -> None:
    inp = write_rows(tmp_path / "in.csv", sample_rows(40))
    local, remote = tmp_path / "local.parquet", tmp_path / "spark.parquet"
    run_batch(inp, local, workers=1, screener=screener, progress=False)
    engine = SparkEngine(BatchOptions(), screener=screener, spark=spark)
    run_batch(inp, remote, engine=engine, progress=False)
    assert pq.read_table(remote).equals(pq.read_table(local))
