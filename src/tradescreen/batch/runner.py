"""One batch from INPUT to OUTPUT: read in chunks, screen with an engine, write, report.

    stats = run_batch(Path("in.csv"), Path("out.parquet"), BatchOptions(name_column="name"))

The output appears only when complete (see `output.atomic_path`). A progress bar with rows/s
and ETA is drawn on stderr when it is a terminal and stays quiet otherwise.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from tradescreen.batch.engine import (
    BatchInputError,
    BatchOptions,
    Engine,
    QueryKey,
    RowResult,
    make_keys,
)
from tradescreen.batch.io import Chunk, Reader, format_of, open_reader
from tradescreen.batch.output import atomic_path, open_writer
from tradescreen.screen import Screener

Notify = Callable[[str], None]


@dataclass(slots=True)
class BatchStats:
    rows: int = 0
    rows_matched: int = 0  # rows with at least one match
    empty_names: int = 0
    unknown_schemas: int = 0
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def check_columns(reader: Reader, options: BatchOptions) -> None:
    """Every column the options name must exist in the input, exactly once."""
    cols = reader.columns
    for flag, col in (("--name-column", options.name_column),
                      ("--schema-column", options.schema_column),
                      ("--country-column", options.country_column)):
        if col is None:
            continue
        if col not in cols:
            shown = ", ".join(repr(c) for c in cols[:50]) or "(none)"
            more = f" and {len(cols) - 50} more" if len(cols) > 50 else ""
            raise BatchInputError(f"INPUT has no column {col!r} ({flag}); its columns are: "
                                  f"{shown}{more}")
        if cols.count(col) > 1:
            raise BatchInputError(f"INPUT has more than one column named {col!r}")


def make_engine(kind: str, options: BatchOptions, workers: int | None = None,
                spark_master: str | None = None, screener: Screener | None = None) -> Engine:
    if kind == "local":
        from tradescreen.batch.local import LocalEngine

        return LocalEngine(options, workers, screener)
    if kind == "spark":
        from tradescreen.batch.spark import SparkEngine

        return SparkEngine(options, master=spark_master, screener=screener)
    raise BatchInputError(f"unknown engine {kind!r}; use local or spark")


def _jobs(reader: Reader, options: BatchOptions, counts: Counter[str]
          ) -> Iterator[tuple[Chunk, Sequence[QueryKey | None]]]:
    for chunk in reader:
        names = chunk.column(options.name_column)
        schemas = chunk.column(options.schema_column) if options.schema_column else None
        countries = chunk.column(options.country_column) if options.country_column else None
        yield chunk, make_keys(names, schemas, countries, counts)


def run_batch(
    input_path: Path,
    output_path: Path,
    options: BatchOptions | None = None,
    *,
    engine: str | Engine = "local",
    workers: int | None = None,
    spark_master: str | None = None,
    chunk_size: int = 1000,
    encoding: str | None = None,
    progress: bool | None = None,
    screener: Screener | None = None,
    notify: Notify | None = None,
    on_chunk: Callable[[Chunk, list[RowResult]], None] | None = None,
) -> BatchStats:
    """Screen every row of INPUT and write OUTPUT; raise BatchError (OUTPUT untouched) if not.

    `engine`: "local", "spark" or an Engine instance (its options are replaced by these).
    `progress`: None draws a bar only when stderr is a terminal. `on_chunk` sees each result
    chunk before it is written (tests use it to fail midway)."""
    options = options or BatchOptions()
    out_fmt = format_of(output_path, "OUTPUT")
    options = replace(options, details=out_fmt == "jsonl")
    started = time.monotonic()
    reader = open_reader(input_path, chunk_size, encoding)
    stats = BatchStats()
    counts: Counter[str] = Counter()
    eng: Engine | None = None
    try:
        for note in reader.notices:
            _say(notify, note)
        check_columns(reader, options)
        if isinstance(engine, str):
            eng = make_engine(engine, options, workers, spark_master, screener)
        else:
            eng = engine
            eng.options = options  # one set of options for the whole run
        show = sys.stderr.isatty() if progress is None else progress
        with _sigterm_as_exit(), atomic_path(output_path) as tmp, \
                _Progress(show, reader) as bar:
            start = getattr(eng, "start", None)
            if start is not None:
                start()  # load the lists / start the workers while the bar says so
            writer = open_writer(tmp, out_fmt, reader.schema)
            try:
                for chunk, results in eng.screen(_jobs(reader, options, counts)):
                    if on_chunk is not None:
                        on_chunk(chunk, results)
                    writer.write(chunk, results)
                    stats.rows += chunk.num_rows
                    stats.rows_matched += sum(1 for c, _ in results if c)
                    bar.update(chunk.progress, stats.rows)
            finally:
                writer.close()
    finally:
        reader.close()
        if eng is not None:
            eng.close()
    stats.empty_names = counts["empty_names"]
    stats.unknown_schemas = counts["unknown_schemas"]
    stats.notices = list(reader.notices)
    if stats.unknown_schemas:
        _say(notify, f"{stats.unknown_schemas} rows had a schema that is none of Person, "
                     "Organization, LegalEntity, Vessel, Aircraft: screened without a schema")
    stats.seconds = time.monotonic() - started
    return stats


def _say(notify: Notify | None, message: str) -> None:
    if notify is not None:
        notify(message)


class _sigterm_as_exit:  # noqa: N801 - used like a function
    """While active, SIGTERM raises SystemExit so the temporary output is cleaned up."""

    def __enter__(self) -> None:
        self._old: Any = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGTERM, self._raise)

    @staticmethod
    def _raise(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)


class _Progress:
    """rich progress on stderr: bar, percent, rows, rows/s, elapsed and ETA; or nothing."""

    def __init__(self, show: bool, reader: Reader) -> None:
        self.show = show
        self.total = reader.total
        self._bar: Any = None
        self._task: Any = None
        self._t0 = time.monotonic()

    def __enter__(self) -> _Progress:
        if not self.show:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(  # fits 80 columns up to 9,999,999 rows
            TextColumn("[bold]{task.description}"), BarColumn(bar_width=12),
            TaskProgressColumn(), TextColumn("{task.fields[rows]:,} rows"),
            TextColumn("{task.fields[rate]} rows/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=Console(stderr=True), transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("loading lists", total=self.total, rows=0,
                                        rate="-")
        return self

    def update(self, done: int, rows: int) -> None:
        if self._bar is None:
            return
        elapsed = time.monotonic() - self._t0
        rate = f"{rows / elapsed:,.0f}" if elapsed > 0 else "-"
        self._bar.update(self._task, completed=done, rows=rows, rate=rate,
                         description="screening")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            if exc[0] is None and self.total is not None:
                self._bar.update(self._task, completed=self.total)
            self._bar.stop()
