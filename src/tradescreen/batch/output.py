"""Streaming writers for batch results, and the all-or-nothing output file.

CSV and Parquet output: the input's columns, then match_count, top_id, top_dataset,
top_caption, top_score (result columns already in the input are replaced, so an output can be
screened again). JSON Lines output: one ``{"row", "input", "matches"}`` object per input row.

Results go to a temporary file beside OUTPUT, renamed over it only once complete; an error,
Ctrl-C or SIGTERM midway removes it and leaves OUTPUT as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tradescreen.batch.engine import RESULT_COLUMNS, BatchInputError, RowResult, top_fields
from tradescreen.batch.io import Chunk

RESULT_SCHEMA = pa.schema([
    ("match_count", pa.int32()),
    ("top_id", pa.string()),
    ("top_dataset", pa.string()),
    ("top_caption", pa.string()),
    ("top_score", pa.float64()),
])
PARQUET_ROW_GROUP = 64 * 1024
# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): '=', '+', '-', '@',
# tab or CR first. Plain numbers ("-12.5", "+44") are not formulas and stay as they are.
FORMULA_START = r"^[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


@contextmanager
def atomic_path(dst: Path) -> Iterator[Path]:
    """A temporary path beside `dst`; renamed to `dst` if the block completes, else removed."""
    if dst.is_dir():
        raise BatchInputError(f"OUTPUT {dst} is a folder; give a file name")
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make OUTPUT private
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def output_schema(input_schema: pa.Schema) -> pa.Schema:
    kept = [f for f in input_schema if f.name not in RESULT_COLUMNS]
    return pa.schema([*kept, *RESULT_SCHEMA])


def result_arrays(results: Sequence[RowResult]) -> list[pa.Array]:
    cols: list[list[Any]] = [[], [], [], [], []]
    for r in results:
        for col, value in zip(cols, top_fields(r), strict=True):
            col.append(value)
    return [pa.array(values, f.type) for values, f in zip(cols, RESULT_SCHEMA, strict=True)]


def escape_formulas(array: pa.Array) -> pa.Array:
    """Prefix formula-like text cells with "'" so a spreadsheet shows them as text."""
    risky = pc.and_(pc.match_substring_regex(array, FORMULA_START),
                    pc.invert(pc.match_substring_regex(array, PLAIN_NUMBER)))
    return pc.if_else(risky, pc.binary_join_element_wise("'", array, ""), array)


def escape_text(text: str) -> str:
    import re

    if re.match(FORMULA_START, text) and not re.match(PLAIN_NUMBER, text):
        return "'" + text
    return text


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


class Writer:
    def write(self, chunk: Chunk, results: list[RowResult]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class TabularWriter(Writer):
    """CSV or Parquet: input columns plus the five result columns, one row per input row."""

    def __init__(self, path: Path, fmt: str, input_schema: pa.Schema) -> None:
        self.fmt = fmt
        self.input_schema = input_schema
        self.keep = [i for i, f in enumerate(input_schema) if f.name not in RESULT_COLUMNS]
        self.schema = output_schema(input_schema)
        self._buffer: list[pa.RecordBatch] = []
        self._buffered = 0
        self._csv: pacsv.CSVWriter | None = None
        self._parquet: pq.ParquetWriter | None = None
        if fmt == "csv":
            self._csv_types = [pa.string() if _needs_text(f.type) else f.type
                               for f in self.schema]
            names = [escape_text(f.name) for f in self.schema]
            self.csv_schema = pa.schema(list(zip(names, self._csv_types, strict=True)))
            self._csv = pacsv.CSVWriter(str(path), self.csv_schema,
                                        write_options=pacsv.WriteOptions(quoting_style="needed"))
        else:
            self._parquet = pq.ParquetWriter(str(path), self.schema, compression="zstd")

    def _batch(self, chunk: Chunk, results: list[RowResult]) -> pa.RecordBatch:
        batch = chunk.as_batch(self.input_schema)
        arrays = [batch.column(i) for i in self.keep] + result_arrays(results)
        return pa.RecordBatch.from_arrays(arrays, schema=self.schema)

    def write(self, chunk: Chunk, results: list[RowResult]) -> None:
        batch = self._batch(chunk, results)
        if self._csv is not None:
            self._csv.write_batch(self._for_csv(batch))
            return
        self._buffer.append(batch)
        self._buffered += batch.num_rows
        if self._buffered >= PARQUET_ROW_GROUP:
            self._flush()

    def _for_csv(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        arrays = []
        for col, typ in zip(batch.columns, self._csv_types, strict=True):
            if _needs_text(col.type):
                col = pa.array([None if v is None else to_json(v) for v in col.to_pylist()],
                               pa.string())
            if pa.types.is_string(typ) or pa.types.is_large_string(typ):
                col = escape_formulas(col)
            arrays.append(col)
        return pa.RecordBatch.from_arrays(arrays, schema=self.csv_schema)

    def _flush(self) -> None:
        if self._buffer and self._parquet is not None:
            self._parquet.write_table(pa.Table.from_batches(self._buffer, schema=self.schema),
                                      row_group_size=PARQUET_ROW_GROUP)
        self._buffer, self._buffered = [], 0

    def close(self) -> None:
        if self._csv is not None:
            self._csv.close()
        if self._parquet is not None:
            self._flush()
            self._parquet.close()


def _needs_text(t: pa.DataType) -> bool:
    """Types the CSV writer cannot write: nested values go out as JSON text."""
    return bool(pa.types.is_nested(t) or pa.types.is_binary(t)
                or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t))


class JsonlWriter(Writer):
    """``{"row": i, "input": {...}, "matches": [...]}`` per input row, in input order."""

    def __init__(self, path: Path) -> None:
        self._fh: IO[str] = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115

    def write(self, chunk: Chunk, results: list[RowResult]) -> None:
        lines = [
            to_json({"row": chunk.start + i, "input": row, "matches": matches})
            for i, (row, (_, matches)) in enumerate(zip(chunk.rows(), results, strict=True))
        ]
        if lines:
            self._fh.write("\n".join(lines) + "\n")

    def close(self) -> None:
        self._fh.close()


def open_writer(path: Path, fmt: str, input_schema: pa.Schema) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(path)
    return TabularWriter(path, fmt, input_schema)
