"""The word lists the name normaliser reads: YAML data files in this package.

Each loader reads its file once (``functools.cache``), checks its shape and returns plain
Python data.  The returned objects are shared between callers: treat them as read-only.

Files (the header comment of each file documents its format and conventions):

- ``legal_forms.yaml``: legal forms grouped by type (``limited``, ``llc``, ``joint_stock``...).
- ``org_words.yaml``: generic organisational / industry words by concept and language.
- ``abbreviations.yaml``: English business-name abbreviations -> full form.
- ``chinese_places.yaml``: Chinese place names (``places``) and words for China
  (``country_words``).
- ``chinese_surnames.yaml``: Chinese surnames with traditional form, pinyin and other
  romanisations.
- ``transliteration.yaml``: spelling equivalence groups (``equivalents``) and ordered
  substring folding rules (``substitutions``).

A malformed file raises :class:`ResourceError` (a ``ValueError``) naming the file and entry.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = [
    "RESOURCE_PACKAGE",
    "ResourceError",
    "abbreviations",
    "chinese_places",
    "chinese_surnames",
    "country_words",
    "legal_forms",
    "name_equivalents",
    "org_words",
    "substitutions",
]

RESOURCE_PACKAGE = "tradescreen.names.resources"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ResourceError(ValueError):
    """A resource file does not have the documented shape."""


@cache
def _read(name: str) -> Any:
    text = (files(RESOURCE_PACKAGE) / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


def _str(value: Any, where: str) -> str:
    # YAML turns bare on/off/yes/no into booleans and 1990 into an int: catch that here.
    if not isinstance(value, str) or not value.strip():
        raise ResourceError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def _str_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise ResourceError(f"{where}: expected a list, got {type(value).__name__}")
    return [_str(v, f"{where}[{i}]") for i, v in enumerate(value)]


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ResourceError(f"{where}: expected a mapping, got {type(value).__name__}")
    for key in value:
        _str(key, f"{where} key")
    return value


@cache
def legal_forms() -> dict[str, list[str]]:
    """Legal-form type -> the forms of that type, as written in names."""
    name = "legal_forms.yaml"
    data = _mapping(_read(name), name)
    return {kind: _str_list(forms, f"{name}: {kind}") for kind, forms in data.items()}


@cache
def org_words() -> dict[str, dict[str, list[str]]]:
    """Concept (English canonical key) -> language code -> forms (en, zh, pinyin, ru, ...)."""
    name = "org_words.yaml"
    data = _mapping(_read(name), name)
    out: dict[str, dict[str, list[str]]] = {}
    for concept, langs in data.items():
        where = f"{name}: {concept}"
        out[concept] = {
            lang: _str_list(forms, f"{where}.{lang}")
            for lang, forms in _mapping(langs, where).items()
        }
    return out


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviated token -> full form ("intl" -> "international")."""
    name = "abbreviations.yaml"
    data = _mapping(_read(name), name)
    return {key: _str(value, f"{name}: {key}") for key, value in data.items()}


def _entries(value: Any, where: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ResourceError(f"{where}: expected a list of entries, got {type(value).__name__}")
    out: list[dict[str, Any]] = []
    for i, item in enumerate(value):
        entry = _mapping(item, f"{where}[{i}]")
        for field in required:
            _str(entry.get(field), f"{where}[{i}].{field}")
        for field in ("variants", "other", "ambiguous"):
            if field in entry:
                _str_list(entry[field], f"{where}[{i}].{field}")
        out.append(entry)
    return out


@cache
def chinese_places() -> list[dict[str, Any]]:
    """Place entries: ``han``, ``pinyin``, ``level``; optional ``province``, ``variants``,
    ``ambiguous`` (Latin forms that are also common names or words)."""
    name = "chinese_places.yaml"
    data = _mapping(_read(name), name)
    return _entries(data.get("places"), f"{name}: places", ("han", "pinyin", "level"))


@cache
def country_words() -> list[str]:
    """Words meaning China / Chinese in names ("china", "sino", "中国", "中華"...)."""
    name = "chinese_places.yaml"
    data = _mapping(_read(name), name)
    return _str_list(data.get("country_words"), f"{name}: country_words")


@cache
def chinese_surnames() -> list[dict[str, Any]]:
    """Surname entries: ``han``, ``trad``, ``pinyin``, ``other`` (other romanisations)."""
    name = "chinese_surnames.yaml"
    return _entries(_read(name), name, ("han", "trad", "pinyin"))


@cache
def name_equivalents() -> list[list[str]]:
    """Groups of equivalent spellings; the first member of each group is the canonical key."""
    name = "transliteration.yaml"
    data = _mapping(_read(name), name)
    groups = data.get("equivalents")
    if not isinstance(groups, list):
        raise ResourceError(f"{name}: equivalents: expected a list of lists")
    out: list[list[str]] = []
    for i, group in enumerate(groups):
        members = _str_list(group, f"{name}: equivalents[{i}]")
        if len(members) < 2:
            raise ResourceError(f"{name}: equivalents[{i}]: a group needs two spellings")
        out.append(members)
    return out


@cache
def substitutions() -> list[tuple[str, str]]:
    """Ordered (from, to) substring rules for the loose phonetic key, to apply in order."""
    name = "transliteration.yaml"
    data = _mapping(_read(name), name)
    pairs = data.get("substitutions")
    if not isinstance(pairs, list):
        raise ResourceError(f"{name}: substitutions: expected a list of pairs")
    out: list[tuple[str, str]] = []
    for i, pair in enumerate(pairs):
        items = _str_list(pair, f"{name}: substitutions[{i}]")
        if len(items) != 2:
            raise ResourceError(f"{name}: substitutions[{i}]: expected [from, to]")
        out.append((items[0], items[1]))
    return out
