"""Chinese brand cores -> the Latin brand cores the US lists print (chinese_brands.yaml).

Pinyin cannot bridge a brand (海康威视 -> haikangweishi, not Hikvision), so the Han
analyser looks brand cores up in this table. Each entry is a mapping with `brand` (lower-case
Latin core as the lists print it), `han` (simplified first, then traditional forms), and
optionally `pinyin`, `initialism` and `note`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

RESOURCE_PACKAGE = "tradescreen.names.resources"
BRANDS_FILE = "chinese_brands.yaml"


@cache
def chinese_brands() -> list[dict[str, Any]]:
    """The brand table, read once; raises ValueError if the file is not a list of entries."""
    text = (files(RESOURCE_PACKAGE) / BRANDS_FILE).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    if not isinstance(data, list):
        raise ValueError(f"{BRANDS_FILE}: expected a list of entries, got {type(data).__name__}")
    entries: list[dict[str, Any]] = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("brand"), str):
            raise ValueError(f"{BRANDS_FILE}: entry {i} has no string 'brand'")
        han = item.get("han")
        if not isinstance(han, list) or not han or not all(isinstance(h, str) for h in han):
            raise ValueError(f"{BRANDS_FILE}: entry {i} ({item['brand']}) needs a 'han' list")
        entries.append(item)
    return entries
