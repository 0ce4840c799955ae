"""Loads the index in the local engine's forkserver, before it forks the workers.

Imported only as a forkserver preload module (see `local.LocalEngine.start`): the workers are
forked from a process that already holds `service.get_screener()`, so they share its memory
copy-on-write instead of each unpickling a copy, and start without loading anything (which
also makes replacing a worker, see `local.RECYCLE_AFTER_CHUNKS`, cheap).
"""

from __future__ import annotations

import contextlib

from tradescreen.service import get_screener

with contextlib.suppress(Exception):  # the workers then load it themselves, and report errors
    get_screener().check("Warm Up Trading Co., Ltd.")  # and the word lists it loads lazily
