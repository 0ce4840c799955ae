"""Batch screening on Apache Spark: a DataFrame function, and an engine for `tradescreen batch`.

    from tradescreen.batch.spark import screen_dataframe
    out = screen_dataframe(df, "name", country_col="country")   # + match_count, top_* columns

The screening runs in `mapInPandas`; each Python worker on each executor loads the index once
(Spark reuses Python workers across tasks) from a broadcast of the driver's Screener, or, with
``broadcast=False``, from the package data and pickled cache on the executor itself. Rows are
screened exactly as the local engine screens them (the same `Screening` core), so both
engines give the same output for the same input.

pyspark is imported only when these functions run: the package imports without it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from tradescreen.batch.engine import (
    EMPTY,
    RESULT_COLUMNS,
    SUMMARY_FIELDS,
    BatchError,
    BatchOptions,
    QueryKey,
    RowResult,
    Screening,
    dedupe,
    expand,
    make_keys,
    top_fields,
)
from tradescreen.screen import Screener

T = TypeVar("T")
DataFrame = Any  # pyspark.sql.DataFrame; kept untyped so mypy runs the same without pyspark
MATCHES_COLUMN = "matches"
WINDOW_ROWS = 100_000

_screenings: dict[str, Screening] = {}  # per Python worker process: token -> loaded index


def _executor_screening(token: str, source: Any, options: BatchOptions) -> Screening:
    """The Screening of this batch in this Python worker, loaded on the first task only."""
    screening = _screenings.get(token)
    if screening is None:
        if source is not None:
            screener = source.value
        else:
            from tradescreen.service import get_screener

            screener = get_screener()
        _screenings.clear()  # one batch's index at a time
        screening = _screenings[token] = Screening(screener, options)
    return screening


def _result_fields(details: bool) -> list[Any]:
    from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField

    fields = [StructField("match_count", IntegerType(), False),
              StructField("top_id", StringType(), True),
              StructField("top_dataset", StringType(), True),
              StructField("top_caption", StringType(), True),
              StructField("top_score", DoubleType(), True)]
    if details:
        fields.append(StructField(MATCHES_COLUMN, StringType(), False))
    return fields


def _screen(df: DataFrame, options: BatchOptions, source: Any, token: str) -> DataFrame:
    from pyspark.sql.types import StructType

    added = _result_fields(options.details)
    replaced = {f.name for f in added}
    kept = [f for f in df.schema.fields if f.name not in replaced]
    out_schema = StructType([*kept, *added])
    kept_names = [f.name for f in kept]
    name_col, schema_col, country_col = (options.name_column, options.schema_column,
                                         options.country_column)

    def screen_batches(batches: Iterator[Any]) -> Iterator[Any]:
        screening = _executor_screening(token, source, options)
        for pdf in batches:
            keys = make_keys(pdf[name_col].tolist(),
                             pdf[schema_col].tolist() if schema_col else None,
                             pdf[country_col].tolist() if country_col else None)
            unique, inverse = dedupe(keys)
            results = expand(inverse, screening.screen(unique))
            out = pdf[kept_names].copy()
            tops = list(zip(*(top_fields(r) for r in results), strict=True)) or [()] * 5
            for col, values in zip(RESULT_COLUMNS, tops, strict=True):
                out[col] = list(values)
            if options.details:
                out[MATCHES_COLUMN] = [json.dumps(m, ensure_ascii=False) for _, m in results]
            yield out

    return df.mapInPandas(screen_batches, out_schema)


def _broadcast(spark: Any, screener: Screener | None) -> Any:
    if screener is None:
        from tradescreen.service import get_screener

        screener = get_screener()
    return spark.sparkContext.broadcast(screener)


def screen_dataframe(
    df: DataFrame,
    name_col: str,
    schema_col: str | None = None,
    country_col: str | None = None,
    threshold: float | None = None,
    *,
    limit: int = 10,
    details: bool = False,
    screener: Screener | None = None,
    broadcast: bool = True,
) -> DataFrame:
    """`df` plus match_count, top_id, top_dataset, top_caption, top_score (lazy, like any
    Spark transformation). `details` adds `matches`: every match as in `check`, JSON text.
    `broadcast=False` makes each executor load the index itself (`service.get_screener()`:
    the bundled snapshot, or its pickled cache); needed on Spark Connect."""
    missing = [c for c in (name_col, schema_col, country_col) if c and c not in df.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r}; the columns are: {', '.join(df.columns)}")
    options = BatchOptions(name_col, schema_col, country_col, threshold, limit, details)
    source = _broadcast(df.sparkSession, screener) if broadcast else None
    return _screen(df, options, source, uuid.uuid4().hex)


def spark_session(master: str | None = None, app_name: str = "tradescreen batch") -> Any:
    """A SparkSession on `master` (default local[*]) whose Python workers run this Python."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (SparkSession.builder.master(master or "local[*]").appName(app_name)
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.python.worker.reuse", "true")
            .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    """The Engine contract on Spark: windows of ~100k rows, their distinct queries screened
    across the cluster; the driver reads INPUT and writes OUTPUT with the same readers and
    writers as the local engine, so the output file is identical."""

    def __init__(self, options: BatchOptions, master: str | None = None,
                 screener: Screener | None = None, spark: Any = None,
                 window_rows: int = WINDOW_ROWS) -> None:
        self.options = options
        self.master = master
        self.screener = screener
        self.window_rows = window_rows
        self._spark = spark
        self._own_session = spark is None
        self._source: Any = None
        self._token = uuid.uuid4().hex

    def start(self) -> None:
        if self._spark is None:
            try:
                self._spark = spark_session(self.master)
            except ImportError:
                raise
            except Exception as exc:  # no Java, a master that does not answer, ...
                raise BatchError(f"cannot start Spark on {self.master or 'local[*]'}: "
                                 f"{str(exc).strip().splitlines()[0]}") from exc
        if self._source is None:
            self._source = _broadcast(self._spark, self.screener)

    def _run(self, unique: list[QueryKey]) -> list[RowResult]:
        """Screen one window's distinct queries on the cluster; results in the same order."""
        import pyarrow as pa

        if not unique:
            return []
        self._spark.sparkContext.setJobGroup(self._token, "tradescreen batch", True)
        table = pa.table({
            "k": pa.array(range(len(unique)), pa.int64()),
            "name": [k[0] for k in unique],
            "schema": pa.array([k[1] for k in unique], pa.string()),
            "country": [";".join(k[2]) for k in unique],
        })
        # Arrow-backed createDataFrame slices the rows over defaultParallelism partitions.
        df = self._spark.createDataFrame(table.to_pandas())
        opts = BatchOptions("name", "schema", "country", self.options.threshold,
                            self.options.limit, self.options.details)
        cols = ["k", *RESULT_COLUMNS] + ([MATCHES_COLUMN] if opts.details else [])
        got = _screen(df, opts, self._source, self._token).select(*cols).toArrow()
        rows = got.sort_by("k").to_pylist()
        out: list[RowResult] = []
        for r in rows:
            if opts.details:
                out.append((r["match_count"], json.loads(r[MATCHES_COLUMN])))
            elif r["match_count"]:
                top = dict(zip(SUMMARY_FIELDS, (r["top_id"], r["top_dataset"],
                                                r["top_caption"], r["top_score"]), strict=True))
                out.append((r["match_count"], [top]))
            else:
                out.append(EMPTY)
        return out

    def screen(
        self, jobs: Iterable[tuple[T, Sequence[QueryKey | None]]]
    ) -> Iterator[tuple[T, list[RowResult]]]:
        self.start()
        pending: deque[tuple[list[tuple[T, list[int]]], Future[list[RowResult]]]] = deque()
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tradescreen-spark")
        try:
            for window in self._windows(jobs):
                seen: dict[QueryKey, int] = {}
                parts: list[tuple[T, list[int]]] = []
                for payload, keys in window:
                    unique, inverse = dedupe(keys)
                    pos = [seen.setdefault(k, len(seen)) for k in unique]
                    parts.append((payload, [pos[i] if i >= 0 else -1 for i in inverse]))
                pending.append((parts, pool.submit(self._run, list(seen))))
                if len(pending) >= 2:
                    yield from self._emit(*pending.popleft())
            while pending:
                yield from self._emit(*pending.popleft())
        finally:  # on failure close() cancels the running Spark jobs; do not wait for them
            pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _emit(parts: list[tuple[T, list[int]]], future: Future[list[RowResult]]
              ) -> Iterator[tuple[T, list[RowResult]]]:
        results = future.result()
        for payload, inverse in parts:
            yield payload, expand(inverse, results)

    def _windows(self, jobs: Iterable[tuple[T, Sequence[QueryKey | None]]]
                 ) -> Iterator[list[tuple[T, Sequence[QueryKey | None]]]]:
        window: list[tuple[T, Sequence[QueryKey | None]]] = []
        rows = 0
        for job in jobs:
            window.append(job)
            rows += len(job[1])
            if rows >= self.window_rows:
                yield window
                window, rows = [], 0
        if window:
            yield window

    def close(self) -> None:
        if self._spark is not None:
            with contextlib.suppress(Exception):
                self._spark.sparkContext.cancelJobGroup(self._token)
        if self._source is not None:
            with contextlib.suppress(Exception):  # the session may already be gone
                self._source.unpersist()
            self._source = None
        if self._spark is not None and self._own_session:
            self._spark.stop()
        self._spark = None
