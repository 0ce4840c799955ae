"""The contract every batch backend meets, and the screening core they all share.

A batch is an iterator of *jobs* in input order: a payload the engine passes through
untouched (the reader's chunk) and that chunk's queries, one per input row. An engine
screens the queries and yields ``(payload, results)`` in the same order, one result per row.
The local engine spreads jobs over processes, the Spark engine over executors; both end in
:class:`Screening`, so both give the same answer for the same row.

Nothing here needs pyarrow or pyspark.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from tradescreen.model import SCHEMAS, Match
from tradescreen.screen import QueryError, Screener

QueryKey = tuple[str, str | None, tuple[str, ...]]
"""One row's query: (name, schema or None, country codes/names)."""

RowResult = tuple[int, list[dict[str, Any]]]
"""One row's answer: (match count, match dicts). The dicts are all matches as
`Match.to_dict()` gives them when details are asked for, else only the top match's
summary fields."""

EMPTY: RowResult = (0, [])
RESULT_COLUMNS = ("match_count", "top_id", "top_dataset", "top_caption", "top_score")
SUMMARY_FIELDS = ("id", "dataset", "caption", "score")
COUNTRY_SEPARATORS = (";", "|")
CACHE_SIZE = 50_000  # answers kept per process (LRU)

_SCHEMA_WORDS = {s.casefold(): s for s in SCHEMAS} | {
    "company": "Organization",
    "organisation": "Organization",
    "org": "Organization",
    "individual": "Person",
    "entity": "LegalEntity",
    "ship": "Vessel",
}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What to read from each row and how to screen it."""

    name_column: str = "name"
    schema_column: str | None = None
    country_column: str | None = None
    threshold: float | None = None
    limit: int = 10
    details: bool = False  # keep every match with its explanation (JSON Lines output)


class Engine(Protocol):
    """Screens jobs ``(payload, queries)``; yields ``(payload, results)`` in input order.

    `options` (threshold, limit, details) may be replaced until the first `screen` call."""

    options: BatchOptions

    def screen(
        self, jobs: Iterable[tuple[T, Sequence[QueryKey | None]]]
    ) -> Iterator[tuple[T, list[RowResult]]]: ...

    def close(self) -> None: ...


class BatchError(Exception):
    """A batch that cannot run; `code` is the CLI exit status (2: the input's fault)."""

    code = 3


class BatchInputError(BatchError):
    """The input or the options are unusable: missing column, bad encoding, ragged row, ..."""

    code = 2


def schema_of(value: object) -> str | None:
    """A schema cell -> one of SCHEMAS, or None when blank or unknown."""
    if not isinstance(value, str):
        return None
    return _SCHEMA_WORDS.get(value.strip().casefold())


def countries_of(value: object) -> tuple[str, ...]:
    """A country cell -> its parts; several countries are separated by ';' or '|'."""
    if not isinstance(value, str) or not value.strip():
        return ()
    text = value
    for sep in COUNTRY_SEPARATORS[1:]:
        text = text.replace(sep, COUNTRY_SEPARATORS[0])
    return tuple(p.strip() for p in text.split(COUNTRY_SEPARATORS[0]) if p.strip())


def make_keys(
    names: Sequence[object],
    schemas: Sequence[object] | None = None,
    countries: Sequence[object] | None = None,
    stats: Counter[str] | None = None,
) -> list[QueryKey | None]:
    """Columns of one chunk -> one query per row; None for a blank name (never screened)."""
    out: list[QueryKey | None] = []
    for i, raw in enumerate(names):
        if isinstance(raw, str):
            name = raw.strip()
        elif raw is None or (isinstance(raw, float) and raw != raw):  # null, pandas NaN
            name = ""
        else:
            name = str(raw).strip()
        if not name:
            out.append(None)
            if stats is not None:
                stats["empty_names"] += 1
            continue
        schema = None
        if schemas is not None:
            cell = schemas[i]
            schema = schema_of(cell)
            if schema is None and stats is not None and isinstance(cell, str) and cell.strip():
                stats["unknown_schemas"] += 1
        ctry = countries_of(countries[i]) if countries is not None else ()
        out.append((name, schema, ctry))
    return out


def dedupe(keys: Sequence[QueryKey | None]) -> tuple[list[QueryKey], list[int]]:
    """The distinct queries of a chunk, and for each row the position of its query (-1: none)."""
    seen: dict[QueryKey, int] = {}
    inverse: list[int] = []
    for key in keys:
        if key is None:
            inverse.append(-1)
            continue
        pos = seen.get(key)
        if pos is None:
            pos = seen[key] = len(seen)
        inverse.append(pos)
    return list(seen), inverse


def expand(inverse: Sequence[int], unique: Sequence[RowResult]) -> list[RowResult]:
    return [unique[i] if i >= 0 else EMPTY for i in inverse]


def summary(match: Match) -> dict[str, Any]:
    d = match.to_dict()
    return {k: d[k] for k in SUMMARY_FIELDS}


class Screening:
    """One process's screener, options and an LRU of answers: a repeated query is screened
    once per process, however far apart its rows are."""

    def __init__(self, screener: Screener, options: BatchOptions, cache_size: int = CACHE_SIZE):
        self.screener = screener
        self.options = options
        self.cache_size = cache_size
        self._cache: OrderedDict[QueryKey, RowResult] = OrderedDict()
        self.screened = 0  # queries actually sent to the matcher
        self.hits = 0  # queries answered from the cache

    def screen_one(self, key: QueryKey) -> RowResult:
        cache = self._cache
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
            self.hits += 1
            return hit
        result = self._check(key)
        self.screened += 1
        cache[key] = result
        if len(cache) > self.cache_size:
            cache.popitem(last=False)
        return result

    def screen(self, keys: Sequence[QueryKey | None]) -> list[RowResult]:
        """One result per key; None keys (blank names) get no matches."""
        return [EMPTY if k is None else self.screen_one(k) for k in keys]

    def _check(self, key: QueryKey) -> RowResult:
        name, schema, countries = key
        opts = self.options
        try:
            matches = self.screener.check(name, schema=schema, countries=countries,
                                          limit=opts.limit, threshold=opts.threshold)
        except QueryError:
            return EMPTY
        except Exception as exc:
            raise BatchError(f"the matcher failed on the name {name!r}: {exc!r}") from exc
        if not matches:
            return EMPTY
        if opts.details:
            return len(matches), [m.to_dict() for m in matches]
        return len(matches), [summary(matches[0])]


def top_fields(result: RowResult) -> tuple[int, str | None, str | None, str | None,
                                           float | None]:
    """(match_count, top_id, top_dataset, top_caption, top_score) of one row."""
    count, matches = result
    if not matches:
        return count, None, None, None, None
    top = matches[0]
    return count, top["id"], top["dataset"], top["caption"], top["score"]
