"""Batch screening: files of millions of rows on one machine, and on Apache Spark beyond it.

- `engine`: the engine contract and the screening core every backend shares (no pyarrow);
- `io`, `output`: streaming readers and all-or-nothing writers (pyarrow);
- `local`: a process pool on this machine; `spark`: `screen_dataframe` and the Spark engine;
- `runner`: `run_batch(INPUT, OUTPUT, options)`, what `tradescreen batch` calls.

Only `engine` is imported here, so the package imports without pyarrow or pyspark.
"""

from __future__ import annotations

from typing import Any

from tradescreen.batch.engine import (
    BatchError,
    BatchInputError,
    BatchOptions,
    Engine,
    RowResult,
    Screening,
)

__all__ = ["BatchError", "BatchInputError", "BatchOptions", "Engine", "RowResult", "Screening",
           "run_batch", "LocalEngine"]


def __getattr__(name: str) -> Any:
    if name == "run_batch":
        from tradescreen.batch.runner import run_batch

        return run_batch
    if name == "LocalEngine":
        from tradescreen.batch.local import LocalEngine

        return LocalEngine
    raise AttributeError(name)
