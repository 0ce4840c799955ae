"""The Chinese brand table (names/resources/chinese_brands.yaml) and its loader."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tradescreen.names.resources.brands import chinese_brands

LISTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "lists"
NAME_KEYS = frozenset({"name", "aliases", "alias", "weakAlias", "previousName", "caption"})
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _norm(text: str) -> str:
    """Lower case, apostrophes dropped (xi'an = xian), other punctuation as word breaks."""
    folded = text.lower().replace("'", "").replace("\u2019", "")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def _names(obj: Any, take: bool = False) -> Iterator[str]:
    """Every string under a name/alias key, at any depth (nsfreg JSON and FtM entities)."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _names(value, key in NAME_KEYS)
    elif isinstance(obj, list):
        for value in obj:
            yield from _names(value, take)
    elif isinstance(obj, str) and take:
        yield obj


def _list_names(root: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(root.rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        try:
            out.extend(_names(json.loads(text)))
        except json.JSONDecodeError:  # JSON lines (FtM exports)
            for line in text.splitlines():
                if line.strip():
                    out.extend(_names(json.loads(line)))
    return out


def test_loads_and_is_cached() -> None:
    brands = chinese_brands()
    assert isinstance(brands, list)
    assert len(brands) >= 200
    assert chinese_brands() is brands
    by_brand = {b["brand"]: b for b in brands}
    assert "华为" in by_brand["huawei"]["han"]
    assert "海康威视" in by_brand["hikvision"]["han"]
    assert "大疆" in by_brand["dji"]["han"]
    assert by_brand["yangtze memory"]["initialism"] == "YMTC"


def test_fields_are_well_formed() -> None:
    allowed = {"brand", "han", "pinyin", "initialism", "note"}
    for entry in chinese_brands():
        brand = entry["brand"]
        assert set(entry) <= allowed, entry
        assert brand == brand.strip().lower() and brand.isascii() and brand, brand
        assert _norm(brand), brand
        assert entry["han"], brand
        for han in entry["han"]:
            assert isinstance(han, str) and han == han.strip(), (brand, han)
            assert all(_HAN_CHAR.match(ch) for ch in han), (brand, han)
        assert isinstance(entry.get("note", ""), str), brand
        for key in ("pinyin", "initialism"):
            value = entry.get(key, "x")
            assert isinstance(value, str) and value.isascii() and value.strip(), (brand, key)
        assert entry.get("pinyin", "x") == entry.get("pinyin", "x").lower(), brand


def test_no_han_string_in_two_entries() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in chinese_brands():
        for han in entry["han"]:
            if han in owner and owner[han] != entry["brand"]:
                clashes.append((han, owner[han], entry["brand"]))
            owner.setdefault(han, entry["brand"])
    assert not clashes


def test_no_duplicate_brands() -> None:
    brands = [b["brand"] for b in chinese_brands()]
    assert len(brands) == len(set(brands))


def test_brands_occur_in_the_lists() -> None:
    """At least 90% of the brands are printed (as whole words) in a listed name or alias."""
    if not LISTS.is_dir():
        pytest.skip(f"{LISTS} is not beside the checkout")
    names = _list_names(LISTS)
    if not names:
        pytest.skip(f"no list JSON with names under {LISTS}")
    haystack = "\n".join(f" {_norm(n)} " for n in names)
    brands = chinese_brands()
    missing = [b["brand"] for b in brands if f" {_norm(b['brand'])} " not in haystack]
    for brand in missing:
        print("brand not found in the list names:", brand)
    share = 1 - len(missing) / len(brands)
    assert share >= 0.9, f"only {share:.0%} found; missing: {missing}"
