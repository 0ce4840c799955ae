"""Script-level text handling: Unicode folding, script detection, transliteration, tokens.

Everything downstream compares lower-case ASCII tokens, so every script is brought to
Latin here: Han via opencc (traditional -> simplified) and pypinyin, everything else via
anyascii. Han is handled first because anyascii would romanise it without word structure.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

MAX_NAME_CHARS = 1000  # longer input is cut: no listed name is longer than ~400 characters

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")
_CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans({"'": "", "\u2019": "", "\u2018": "", "`": "", "\u02bc": ""})


def clean(text: str) -> str:
    """NFKC, control characters out, white space folded, length bounded."""
    text = unicodedata.normalize("NFKC", text[: MAX_NAME_CHARS * 2])
    text = _CTRL_RE.sub(" ", text)
    return " ".join(text.split())[:MAX_NAME_CHARS]


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


def script_of(text: str) -> str:
    """The dominant script of the letters in `text` (latin, han, cyrillic, arabic, ...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        if _HAN_RE.match(ch):
            s = "han"
        elif ord(ch) < 0x250:
            s = "latin"
        else:
            try:
                s = unicodedata.name(ch).split(" ")[0].lower()
            except ValueError:
                s = "other"
        counts[s] = counts.get(s, 0) + 1
    if not counts:
        return "none"
    return max(counts.items(), key=lambda kv: kv[1])[0]


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Han -> simplified, so 華為 and 华为 are one name."""
    if not has_han(text):
        return text
    conv = _t2s()
    out: str = conv.convert(text)  # type: ignore[attr-defined]
    return out


def pinyin_syllables(han: str) -> list[str]:
    """Toneless pinyin, one syllable per Han character (non-Han runs kept as they are)."""
    from pypinyin import lazy_pinyin

    return [t for s in lazy_pinyin(han, errors="default") for t in ascii_tokens(s)]


def to_ascii(text: str) -> str:
    """Latin ASCII for any script; Han should go through pinyin first (see chinese.py)."""
    return anyascii(text).translate(_APOSTROPHES)


def ascii_tokens(text: str) -> list[str]:
    """Lower-case ASCII word tokens; apostrophes join (O'Brien -> obrien), all else splits."""
    return _TOKEN_RE.findall(to_ascii(text).lower())
