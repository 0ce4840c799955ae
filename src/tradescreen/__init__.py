"""tradescreen: screen names, files and text against export-control and sanctions lists.

    >>> from tradescreen import Screener
    >>> screener = Screener.from_snapshot()
    >>> [m.entity.caption for m in screener.check("SZ DJI Technology")][:1]
"""

from __future__ import annotations

__version__ = "0.1.0"

from tradescreen.model import Entity, Feature, Identifier, Link, Match, Name
from tradescreen.screen import Query, QueryError, Screener

__all__ = [
    "Entity",
    "Feature",
    "Identifier",
    "Link",
    "Match",
    "Name",
    "Query",
    "QueryError",
    "Screener",
    "__version__",
]
