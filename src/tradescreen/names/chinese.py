"""Han-script names: split into place, brand core, industry words and legal form, in pinyin.

深圳市大疆创新科技有限公司 -> place shenzhen, core dajiang, generic innovation + technology,
legal form limited; 海康威视 -> core hikvision through the brand table, since pinyin
(haikangweishi) cannot bridge a brand. Person names (习近平) become surname + joined given
name (xi jinping), the way they are written in Latin script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tradescreen.names.text import ascii_tokens, has_han, pinyin_syllables, to_simplified
from tradescreen.names.vocab import vocab


@dataclass(slots=True)
class HanPart:
    """One piece of a Han name: its Latin tokens and what it is."""

    tokens: list[str]
    kind: str  # core | generic | place | legal
    concept: str = ""


@cache
def _by_first(table_name: str) -> dict[str, list[tuple[str, Any]]]:
    """A Han word table keyed by first character, longest words first, for fast scanning."""
    out: dict[str, list[tuple[str, Any]]] = {}
    for word, val in getattr(vocab(), table_name):
        if word:
            out.setdefault(word[0], []).append((word, val))
    return out


def _word_at(s: str, i: int, table_name: str) -> tuple[str, Any] | None:
    for word, val in _by_first(table_name).get(s[i], ()):
        if s.startswith(word, i):
            return word, val
    return None


def _strip_suffixes(s: str, table: list[tuple[str, str]]) -> tuple[str, list[str]]:
    found: list[str] = []
    changed = True
    while changed and s:
        changed = False
        for form, kind in table:
            if s.endswith(form) and len(s) > len(form):
                s = s[: -len(form)]
                found.append(kind)
                changed = True
                break
    return s, found


def looks_like_person(han: str) -> bool:
    """2-4 Han characters starting with a known surname and holding no organisation word."""
    v = vocab()
    s = to_simplified(han.strip())
    if not 2 <= len(s) <= 4 or not all(has_han(c) for c in s):
        return False
    if _word_at(s, 0, "brands_han") or any(s.endswith(f) for f, _ in v.legal_han):
        return False
    if any(len(w) >= 2 and w in s for w, _ in v.generic_han):
        return False
    if len(s) <= 3:
        return True  # a short Han name with no organisation word is a person's (习近平)
    return s[:2] in v.surnames_han or s[:1] in v.surnames_han


def person_tokens(han: str) -> list[str]:
    """习近平 -> [xi, jinping]; 欧阳娜娜 -> [ouyang, nana]."""
    v = vocab()
    s = to_simplified(han.strip())
    size = 2 if s[:2] in v.surnames_han and len(s) > 2 else 1
    surname = "".join(pinyin_syllables(s[:size]))
    given = "".join(pinyin_syllables(s[size:]))
    return [t for t in (surname, given) if t]


def org_parts(han: str) -> list[HanPart]:
    """Segment a Han organisation name; unknown runs become one joined pinyin core token."""
    v = vocab()
    s = to_simplified(han)
    s, legal = _strip_suffixes(s, v.legal_han)
    for form, kind in v.legal_han:  # Japanese and Korean forms lead: 株式会社八雲堂
        if s.startswith(form) and len(s) > len(form):
            s = s[len(form) :]
            legal.append(kind)
            break
    parts: list[HanPart] = [HanPart([], "legal", k) for k in legal]

    # place prefixes (省/市 variants are in the table), possibly several: 广东省深圳市
    while s:
        if _word_at(s, 0, "brands_han"):
            break  # 中国移动, 长江存储, 哈尔滨工业大学: the place is part of the brand
        hit = _word_at(s, 0, "places_han")
        if not hit or len(hit[0]) >= len(s):
            break
        parts.append(HanPart([hit[1]], "place", hit[1]))
        s = s[len(hit[0]) :]

    i = 0
    run = ""
    while i < len(s):
        brand = _word_at(s, i, "brands_han")
        generic = None if brand else _word_at(s, i, "generic_han")
        if generic and len(generic[0]) < 2:
            generic = None  # one character (新, 核, 军) is too often part of a brand
        place = None if brand or generic or run else _word_at(s, i, "places_han")
        if place and len(place[0]) < 2:
            place = None
        found = brand or generic or place
        if not found:
            run += s[i]
            i += 1
            continue
        if run:
            parts.extend(_run_parts(run))
            run = ""
        word, val = found
        if brand:
            parts.append(HanPart(list(val), "core", " ".join(val)))
        elif generic:
            parts.append(HanPart(ascii_tokens(str(val)), "generic", str(val)))
        else:
            parts.append(HanPart([str(val)], "place", str(val)))
        i += len(word)
    if run:
        parts.extend(_run_parts(run))
    return parts


_HAN_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


def _run_parts(run: str) -> list[HanPart]:
    """An unrecognised stretch: Han becomes one joined pinyin token, other text its tokens."""
    out: list[HanPart] = []
    for piece in _HAN_RUN.split(run):
        if not piece:
            continue
        if has_han(piece):
            joined = "".join(pinyin_syllables(piece))
            if joined:  # rare characters pypinyin cannot read are dropped
                out.append(HanPart([joined], "core"))
        else:
            toks = ascii_tokens(piece)
            if toks:
                out.append(HanPart(toks, "core"))
    return out
