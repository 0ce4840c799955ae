"""`tradescreen batch`: screen every row of a CSV, Parquet or JSON Lines file (cli.app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradescreen.cli import app, err, fail


@app.command("batch")
def batch_cmd(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT", help="CSV, Parquet or JSON "
                                               "Lines file (.csv .tsv .parquet .jsonl).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file; its extension picks "
                                      "the format (.csv .parquet .jsonl).")],
    name_column: Annotated[str, typer.Option("--name-column", help="Column with the name "
                                             "to screen.")] = "name",
    schema_column: Annotated[str | None, typer.Option(
        "--schema-column", help="Column with Person, Organization, LegalEntity, Vessel or "
        "Aircraft (blank: any).")] = None,
    country_column: Annotated[str | None, typer.Option(
        "--country-column", help="Column with country names or ISO codes, several "
        "separated by ';'.")] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", min=0.0, max=1.0,
                                                    help="Default: the matcher's.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes for "
                                                "the local engine. Default: one per core.")
                       ] = None,
    engine: Annotated[str, typer.Option("--engine", help="local or spark.")] = "local",
    spark_master: Annotated[str | None, typer.Option(
        "--spark-master", help="Spark master URL for --engine spark. Default: local[*].")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Matches kept per "
                                       "row (JSON Lines output); match_count counts at most "
                                       "this many.")] = 10,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", help="Text encoding of a CSV/JSON Lines INPUT. Default: UTF-8, "
        "else detected.")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, max=1_000_000,
                                            help="Rows per unit of work.")] = 1000,
) -> None:
    """Screen every row of INPUT; write OUTPUT with the matches (complete or not at all)."""
    if engine not in ("local", "spark"):
        fail(f"unknown engine {engine!r}; use local or spark")
    if spark_master and engine != "spark":
        fail("--spark-master needs --engine spark")
    if workers is not None and engine == "spark":
        fail("--workers is for the local engine; with Spark use --spark-master 'local[N]'")
    try:
        from tradescreen.batch.engine import BatchError, BatchOptions
        from tradescreen.batch.runner import run_batch
    except ImportError as exc:
        fail(f"batch screening needs pyarrow: pip install 'tradescreen[batch]' ({exc})")
    options = BatchOptions(name_column=name_column, schema_column=schema_column,
                           country_column=country_column, threshold=threshold, limit=limit)

    def notify(message: str) -> None:
        err.print(f"[yellow]note:[/] {message}", markup=True, highlight=False)

    try:
        stats = run_batch(input_path, out, options, engine=engine, workers=workers,
                          spark_master=spark_master, chunk_size=chunk_size,
                          encoding=encoding, notify=notify)
    except BatchError as exc:
        fail(str(exc), exc.code)
    except ImportError as exc:
        fail(f"--engine spark needs pyspark: pip install 'tradescreen[spark]' ({exc})")
    except KeyboardInterrupt:
        fail(f"interrupted; {out} was not written", 130)
    err.print(f"screened {stats.rows:,} rows in {stats.seconds:,.1f}s "
              f"({stats.rows_per_second:,.0f} rows/s): {stats.rows_matched:,} with matches, "
              f"{stats.empty_names:,} with no name -> {out}", highlight=False)
