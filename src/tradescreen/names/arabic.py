"""Arabic and Persian script to Latin, and consonant skeletons to compare across scripts.

Arabic writes few vowels, so a name's Latin spellings (Osama, Usama; Laden, Ladin) agree
with each other and with the Arabic only on their consonants. We transliterate letter by
letter (long vowels from alef, waw and ya), split off the article (ال -> al), and compare
skeletons: consonants only, doubled letters and digraphs folded.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MAP = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "u",
    "ي": "i", "ى": "a", "ء": "", "ئ": "i", "ؤ": "u", "پ": "p", "چ": "ch", "ژ": "zh",
    "گ": "g", "ک": "k", "ی": "i", "ە": "e", "ۀ": "a",
}
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC = re.compile("[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def transliterate(text: str) -> str:
    """عبد الفتاح السيسي -> abd al fatah al sisi (a Latin form the tokenizer can use)."""
    text = _DIACRITICS.sub("", text)
    words = []
    for word in text.split():
        if word.startswith("ال") and len(word) > 3:
            words.append("al")
            word = word[2:]
        out = []
        for i, ch in enumerate(word):
            lat = _MAP.get(ch)
            if lat is None:
                out.append(ch)
                continue
            # waw and ya between letters are vowels; at a word's start, consonants
            if ch == "و" and i == 0:
                lat = "w"
            elif ch in ("ي", "ی") and i == 0:
                lat = "y"
            elif ch == "ع" and i == 0:
                lat = "a"  # عبد -> abd, as Latin spellings write it
            out.append(lat)
        words.append("".join(out))
    return " ".join(words)


_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("sh", "s"), ("ch", "s"),
             ("ph", "f"), ("q", "k"), ("c", "k"), ("x", "ks"), ("j", "g"), ("z", "s"))
_VOWELS = re.compile("[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=131072)
def skeleton(token: str) -> str:
    """Consonants: osama/usama -> asm, laden/ladin -> ldn, muhammad/mohamed -> mhmd."""
    t = token.lower()
    if not t.isascii() or not t.isalpha():
        return ""
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    # a word-initial vowel is written in Arabic (alef): keep one mark of it; a word-initial
    # y or w is a consonant there
    head = "a" if t[0] in "aeiou" else t[0] if t[0] in "yw" else ""
    t = head + _VOWELS.sub("", t[1:] if head else t)
    return _DOUBLE.sub(r"\1", t)
