"""Chunked, streaming readers for batch input: CSV, Parquet and JSON Lines, by extension.

Every reader yields :class:`Chunk` objects of about `chunk_size` rows in input order and
never holds more than a block of the file in memory. CSV is read by pyarrow's streaming
reader with every column as text; its encoding is checked on a sample first (UTF-8, else
detected with charset-normalizer and named in a notice). A ragged CSV row stops the batch
with its line number: screening must never skip a party silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tradescreen.batch.engine import BatchInputError

FORMATS = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet",
           ".jsonl": "jsonl", ".ndjson": "jsonl"}
SAMPLE_BYTES = 1 << 16
CSV_BLOCK_BYTES = 1 << 20
DELIMITERS = (",", ";", "\t", "|")


def format_of(path: Path, role: str = "INPUT") -> str:
    """'csv', 'parquet' or 'jsonl' from the file's extension; a clear error otherwise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        hint = " (use .jsonl for JSON Lines)" if path.suffix.lower() == ".json" else ""
        raise BatchInputError(
            f"{role} {path.name}: unknown file type {path.suffix or '(no extension)'!r}{hint}; "
            f"use one of {', '.join(sorted(FORMATS))}")
    return fmt


@dataclass(slots=True)
class Chunk:
    """A run of input rows: an Arrow batch (CSV, Parquet) or parsed objects (JSON Lines)."""

    start: int  # 0-based position of the first row among the input's data rows
    batch: pa.RecordBatch | None = None
    records: list[dict[str, Any]] | None = None
    progress: int = 0  # reader progress units (rows or bytes) consumed up to this chunk

    @property
    def num_rows(self) -> int:
        return self.batch.num_rows if self.batch is not None else len(self.records or [])

    def column(self, name: str) -> list[Any]:
        if self.batch is not None:
            values: list[Any] = self.batch.column(name).to_pylist()
            return values
        return [r.get(name) for r in self.records or []]

    def rows(self) -> list[dict[str, Any]]:
        if self.batch is not None:
            rows: list[dict[str, Any]] = self.batch.to_pylist()
            return rows
        return list(self.records or [])

    def as_batch(self, schema: pa.Schema) -> pa.RecordBatch:
        """The chunk as an Arrow batch of `schema` (JSON Lines values become text)."""
        if self.batch is not None:
            return self.batch
        recs = self.records or []
        arrays = [pa.array([_text(r.get(f.name)) for r in recs], pa.string()) for f in schema]
        return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


class Reader:
    """Base reader: `columns`, `schema`, progress `total` in `unit`s, and chunks by iteration."""

    columns: list[str]
    schema: pa.Schema
    total: int | None = None
    unit = "bytes"
    notices: list[str]

    def __iter__(self) -> Iterator[Chunk]:
        raise NotImplementedError

    def close(self) -> None:
        pass


def open_reader(path: Path, chunk_size: int = 1000, encoding: str | None = None) -> Reader:
    fmt = format_of(path)
    if not path.exists():
        raise BatchInputError(f"INPUT {path}: file not found")
    if not path.is_file():
        raise BatchInputError(f"INPUT {path}: not a file")
    if fmt == "parquet":
        return ParquetReader(path, chunk_size)
    enc, notice = detect_encoding(path, encoding)
    reader: Reader
    if fmt == "csv":
        reader = CsvReader(path, chunk_size, enc)
    else:
        reader = JsonlReader(path, chunk_size, enc)
    if notice:
        reader.notices.insert(0, notice)
    return reader


def detect_encoding(path: Path, forced: str | None = None) -> tuple[str, str | None]:
    """The text encoding to read `path` with, and a notice when it is not plain UTF-8."""
    if forced:
        try:
            return codecs.lookup(forced).name, None
        except LookupError:
            raise BatchInputError(f"unknown encoding {forced!r}") from None
    with open(path, "rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if sample.startswith(b"PK\x03\x04") or sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise BatchInputError(f"INPUT {path.name} looks like a spreadsheet (Excel/ZIP), not "
                              "text: export it as CSV (UTF-8) first")
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8", None
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", f"{path.name} is UTF-16 text; reading it as such"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "utf-8", None
    except UnicodeDecodeError as exc:
        line = sample[: exc.start].count(b"\n") + 1
        byte = sample[exc.start: exc.start + 1].hex()
    enc = _guess_encoding(sample)
    if enc is None:
        raise BatchInputError(
            f"INPUT {path.name} is not UTF-8 (byte 0x{byte} on line {line}) and its encoding "
            "could not be recognised: re-save it as UTF-8, or pass --encoding")
    return enc, (f"{path.name} is not UTF-8 (byte 0x{byte} on line {line}); reading it as "
                 f"{enc}, as detected. Pass --encoding to choose another.")


# The legacy encodings business files come in, most common first: a detector's guess on a
# short sample is only trusted among these, ties going to the earlier one.
LIKELY_ENCODINGS = ("cp1252", "gb18030", "cp1251", "cp932", "big5", "cp949", "cp1250",
                    "cp1253", "cp1254", "cp1256", "cp1255", "cp874")


def _guess_encoding(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    ranked = sorted((round(m.chaos, 2), LIKELY_ENCODINGS.index(m.encoding), m.encoding)
                    for m in from_bytes(sample, cp_isolation=list(LIKELY_ENCODINGS))
                    if m.encoding in LIKELY_ENCODINGS)
    if ranked:
        return codecs.lookup(ranked[0][2]).name
    best = from_bytes(sample).best()
    return codecs.lookup(best.encoding).name if best is not None else None


def _bad_utf8_line(path: Path, encoding: str) -> int | None:
    """The first line of `path` that does not decode (error path only)."""
    dec = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, start=1):
            try:
                dec.decode(line)
            except UnicodeDecodeError:
                return n
    return None


class CsvReader(Reader):
    def __init__(self, path: Path, chunk_size: int, encoding: str) -> None:
        self.path, self.chunk_size, self.encoding = path, chunk_size, encoding
        self.notices = []
        self.total = path.stat().st_size
        with open(path, encoding=encoding, errors="replace", newline="") as fh:
            first = fh.readline()
        if not first.strip():
            raise BatchInputError(f"INPUT {path.name} is empty: the first line must name the "
                                  "columns")
        if path.suffix.lower() == ".tsv":
            self.delimiter = "\t"
        else:
            counts = [(first.count(d), -i, d) for i, d in enumerate(DELIMITERS)]
            best = max(counts)
            self.delimiter = best[2] if best[0] > 0 else ","
            if self.delimiter != ",":
                self.notices.append(f"{path.name}: columns are separated by "
                                    f"{self.delimiter!r}")
        self._bad_row: tuple[int, int, int | None, str] | None = None
        probe = self._open({})
        self.columns = list(probe.schema.names)
        self._stream.close()
        self.schema = pa.schema([(c, pa.string()) for c in self.columns])
        self._reader = self._open({c: pa.string() for c in self.columns})

    def _open(self, types: dict[str, pa.DataType]) -> pacsv.CSVStreamingReader:
        def on_invalid(row: Any) -> str:
            self._bad_row = (row.expected_columns, row.actual_columns, row.number, row.text)
            return "error"

        read = pacsv.ReadOptions(block_size=CSV_BLOCK_BYTES, use_threads=False,
                                 encoding=self.encoding)
        parse = pacsv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True,
                                   invalid_row_handler=on_invalid)
        conv = pacsv.ConvertOptions(column_types=types, strings_can_be_null=False)
        self._stream = pa.OSFile(str(self.path), "rb")
        try:
            return pacsv.open_csv(self._stream, read_options=read, parse_options=parse,
                                  convert_options=conv)
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            self._stream.close()
            raise self._explain(exc) from None

    def _explain(self, exc: Exception) -> BatchInputError:
        name = self.path.name
        if self._bad_row is not None:
            expected, actual, number, text = self._bad_row
            line = self._ragged_line(expected) or number
            where = f"line {line}" if line else "a row"
            return BatchInputError(
                f"INPUT {name}, {where}: expected {expected} fields (the header's), found "
                f"{actual}: {text[:120]!r}. Quote cells that contain {self.delimiter!r}.")
        msg = str(exc)
        if isinstance(exc, UnicodeDecodeError) or "UTF8" in msg or "utf-8" in msg.lower():
            line = _bad_utf8_line(self.path, self.encoding)
            where = f" on line {line}" if line else ""
            return BatchInputError(
                f"INPUT {name} has text that is not valid {self.encoding}{where}: re-save it "
                "as UTF-8, or pass --encoding")
        return BatchInputError(f"INPUT {name}: cannot be read as CSV: {msg}")

    def _ragged_line(self, expected: int) -> int | None:
        with open(self.path, encoding=self.encoding, errors="replace", newline="") as fh:
            rows = csv.reader(fh, delimiter=self.delimiter)
            next(rows, None)
            for row in rows:
                if row and len(row) != expected:
                    return rows.line_num
        return None

    def __iter__(self) -> Iterator[Chunk]:
        start = 0
        pending: list[pa.RecordBatch] = []
        size = 0
        try:
            while True:
                try:
                    batch = self._reader.read_next_batch()
                except StopIteration:
                    break
                except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
                    raise self._explain(exc) from None
                pending.append(batch)
                size += batch.num_rows
                if size < self.chunk_size:
                    continue
                table = pa.Table.from_batches(pending, schema=self.schema)
                offset = 0
                while size - offset >= self.chunk_size:
                    head = table.slice(offset, self.chunk_size).combine_chunks()
                    yield Chunk(start, batch=head.to_batches()[0], progress=self._stream.tell())
                    start += self.chunk_size
                    offset += self.chunk_size
                rest = table.slice(offset)
                pending, size = rest.to_batches(), rest.num_rows
            if size:
                table = pa.Table.from_batches(pending, schema=self.schema).combine_chunks()
                yield Chunk(start, batch=table.to_batches()[0], progress=self.total or 0)
        finally:
            self.close()

    def close(self) -> None:
        self._stream.close()


class ParquetReader(Reader):
    unit = "rows"

    def __init__(self, path: Path, chunk_size: int) -> None:
        self.path, self.chunk_size = path, chunk_size
        self.notices = []
        try:
            # no pre-buffering: it holds whole row groups (tens of MB) in memory
            self._file = pq.ParquetFile(str(path), pre_buffer=False, buffer_size=1 << 20)
        except (pa.ArrowException, OSError) as exc:
            raise BatchInputError(f"INPUT {path.name} is not a readable Parquet file: "
                                  f"{exc}") from None
        self.schema = self._file.schema_arrow
        self.columns = list(self.schema.names)
        self.total = self._file.metadata.num_rows

    def __iter__(self) -> Iterator[Chunk]:
        start = 0
        try:
            for batch in self._file.iter_batches(batch_size=self.chunk_size, use_threads=False):
                start += batch.num_rows
                yield Chunk(start - batch.num_rows, batch=batch, progress=start)
        except pa.ArrowException as exc:
            raise BatchInputError(f"INPUT {self.path.name}: cannot read row {start}+: "
                                  f"{exc}") from None
        finally:
            self.close()

    def close(self) -> None:
        self._file.close()


class JsonlReader(Reader):
    """One JSON object per line; blank lines are skipped. The columns (for CSV/Parquet
    output) are the keys seen in the first chunk; keys that only appear later are kept in
    JSON Lines output and left out of tabular output, with a notice."""

    def __init__(self, path: Path, chunk_size: int, encoding: str) -> None:
        self.path, self.chunk_size = path, chunk_size
        self.notices = []
        self.total = path.stat().st_size
        self._raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._text = io.TextIOWrapper(self._raw, encoding=encoding, newline=None)
        self._line = 0
        self._lines = iter(self._text)
        first = self._read_chunk(0)
        keys: dict[str, None] = {}
        for rec in first:
            keys.update(dict.fromkeys(rec))
        self.columns = list(keys)
        self.schema = pa.schema([(c, pa.string()) for c in self.columns])
        self._first: list[dict[str, Any]] | None = first
        self._extra_seen = False

    def _read_chunk(self, start: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        name = self.path.name
        while len(out) < self.chunk_size:
            try:
                line = next(self._lines)
            except StopIteration:
                break
            except UnicodeDecodeError:
                raise BatchInputError(
                    f"INPUT {name} has text that is not valid {self._text.encoding} after "
                    f"line {self._line}: re-save it as UTF-8, or pass --encoding") from None
            self._line += 1
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BatchInputError(f"INPUT {name}, line {self._line}: not valid JSON "
                                      f"({exc.msg})") from None
            if not isinstance(rec, dict):
                raise BatchInputError(f"INPUT {name}, line {self._line}: expected a JSON "
                                      f"object, found {type(rec).__name__}")
            out.append(rec)
        return out

    def __iter__(self) -> Iterator[Chunk]:
        start = 0
        known = set(self.columns)
        try:
            while True:
                if self._first is not None:
                    recs, self._first = self._first, None
                else:
                    recs = self._read_chunk(start)
                if not recs:
                    break
                if not self._extra_seen and any(k not in known for r in recs for k in r):
                    self._extra_seen = True
                    self.notices.append(f"{self.path.name}: keys that first appear after "
                                        "the first rows are left out of CSV/Parquet output")
                yield Chunk(start, records=recs, progress=self._raw.tell())
                start += len(recs)
        finally:
            self.close()

    def close(self) -> None:
        self._text.close()

