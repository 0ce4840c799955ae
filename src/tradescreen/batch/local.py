"""The local engine: chunks screened by a pool of processes on this machine, in input order.

Each worker loads the Screener once, in the pool's initializer: the one handed to the engine
(tests, library use), else `service.get_screener()`, which reads the pickled index from the
cache folder. In that second case the forkserver loads it before forking the workers
(`_shared_index`), so they start warm and share its pages copy-on-write.
Repeated names are screened once: the parent sends each chunk's distinct queries only, and
every worker keeps an LRU of answers across chunks. At most a few chunks per worker are in
flight, and workers are replaced every 100 chunks, so memory stays flat however long the
input. ("Once per worker" thus means once per worker process: with the index shared from
the forkserver, a replacement loads nothing.)
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import TypeVar

from tradescreen.batch.engine import (
    CACHE_SIZE,
    BatchError,
    BatchOptions,
    QueryKey,
    RowResult,
    Screening,
    dedupe,
    expand,
)
from tradescreen.screen import Screener

T = TypeVar("T")

IN_FLIGHT_PER_WORKER = 4
# A worker is replaced by a fresh one after this many chunks: whatever it has accumulated
# (the matcher's per-process caches, heap fragmentation) goes back to the OS, so memory stays
# flat however many distinct names a file holds. Forked from a forkserver that already holds
# the index, a new worker starts in milliseconds.
RECYCLE_AFTER_CHUNKS = 100

_screening: Screening | None = None
_init_error: str | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _load_screener(screener: Screener | None) -> Screener:
    if screener is not None:
        return screener
    from tradescreen.service import get_screener

    return get_screener()


def _init_worker(screener: Screener | None, options: BatchOptions, cache_size: int) -> None:
    """Pool initializer: ignore Ctrl-C (the parent handles it) and load the screener once."""
    global _screening, _init_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _screening = Screening(_load_screener(screener), options, cache_size)
    except Exception as exc:  # noqa: BLE001 - reported by the first task, not respawned
        _init_error = f"a worker could not load the lists: {exc!r}"


def _work(keys: list[QueryKey]) -> list[RowResult]:
    if _screening is None:
        raise BatchError(_init_error or "worker not initialised")
    return _screening.screen(keys)


class LocalEngine:
    """Screen on this machine: in this process when `workers` is 1, else a process pool."""

    def __init__(self, options: BatchOptions, workers: int | None = None,
                 screener: Screener | None = None, cache_size: int = CACHE_SIZE,
                 start_method: str | None = None,
                 recycle_after: int | None = RECYCLE_AFTER_CHUNKS) -> None:
        self.options = options
        self.workers = max(1, workers or available_cpus())
        self.screener = screener
        self.cache_size = cache_size
        self.start_method = start_method or _default_start_method()
        self.recycle_after = recycle_after
        self._pool: Pool | None = None
        self._screening: Screening | None = None

    def start(self) -> None:
        """Start the workers (or load the screener here); before any thread starts is best."""
        if self.workers == 1:
            if self._screening is None:
                self._screening = Screening(_load_screener(self.screener), self.options,
                                            self.cache_size)
            return
        if self._pool is None:
            ctx = mp.get_context(self.start_method)
            if self.start_method == "forkserver":
                preload = ["tradescreen.batch.local"]
                if self.screener is None:  # the lists in use: load once, share with workers
                    preload.append("tradescreen.batch._shared_index")
                ctx.set_forkserver_preload(preload)
            self._pool = ctx.Pool(self.workers, _init_worker,
                                  (self.screener, self.options, self.cache_size),
                                  maxtasksperchild=self.recycle_after)

    def screen(
        self, jobs: Iterable[tuple[T, Sequence[QueryKey | None]]]
    ) -> Iterator[tuple[T, list[RowResult]]]:
        self.start()
        if self._screening is not None:
            screening = self._screening
            for payload, keys in jobs:
                unique, inverse = dedupe(keys)
                yield payload, expand(inverse, screening.screen(unique))
            return
        pool = self._pool
        assert pool is not None
        window = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[tuple[T, list[int], AsyncResult[list[RowResult]]]] = deque()
        for payload, keys in jobs:
            unique, inverse = dedupe(keys)
            pending.append((payload, inverse, pool.apply_async(_work, (unique,))))
            while len(pending) >= window or (pending and pending[0][2].ready()):
                head, inv, res = pending.popleft()
                yield head, expand(inv, res.get())
        while pending:
            head, inv, res = pending.popleft()
            yield head, expand(inv, res.get())

    def close(self) -> None:
        """Stop the workers; call on success and failure alike."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
            pool.join()
        self._screening = None


def _default_start_method() -> str:
    # forkserver: safe with the threads pyarrow and rich start in the parent, and cheap to
    # start again (the server has the package imported); spawn where it does not exist.
    methods = mp.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"
