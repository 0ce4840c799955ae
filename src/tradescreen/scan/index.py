"""What `scan` searches free text with: one Aho-Corasick automaton over the index's
distinctive name words (Latin, Cyrillic, Greek) and Han name cores, plus the word
statistics the mention rules need.

Built once per Screener (about a second) and kept in a WeakKeyDictionary, so a warm
Screener scans with no set-up cost and a dropped one frees its automaton.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import threading
import unicodedata
import weakref
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import ahocorasick
from anyascii import anyascii

from tradescreen.names.analyze import PERSON
from tradescreen.names.text import ascii_tokens, has_han, to_simplified
from tradescreen.names.vocab import phonetic_key, vocab

if TYPE_CHECKING:
    from tradescreen.screen import Screener

TRIGGER_DF = 300  # a word on more listed names than this triggers only as a name's rarest word
MAX_TRIGGER_DF = 1500  # ... and never above this: "Muhammad", "Ali" alone find nothing
COMMON_WORD_FREQ = 300  # English words at least this frequent (pyspellchecker) are common
VERY_COMMON_FREQ = 100_000  # ... and these ("the", "new", "bank") trigger nothing
HAN_MIN_CHARS = 3  # shorter Han name patterns (王伟, 雷波) are too ambiguous in running text

_GREEK_CYRILLIC = re.compile(r"[\u0370-\u052f]")

LATIN = 0
HAN = 1


@cache
def fold_table() -> dict[int, int]:
    """A length-preserving fold: lower case, accents off, punctuation to space.

    Offsets in the folded text are offsets in the original text, so automaton hits map
    straight back. Characters without a one-character fold (ß, æ) stay as they are.
    """
    table: dict[int, int] = {}
    for cp in range(0x250):
        ch = chr(cp)
        if ch.isalnum():
            low = ch.lower()
            folded = anyascii(low).lower() if len(low) == 1 else ""
            if len(folded) == 1 and folded.isalnum():
                table[cp] = ord(folded)
        else:
            table[cp] = 0x20
    for cp in range(0x370, 0x530):  # Greek, Cyrillic
        ch = chr(cp)
        if ch.isalpha() and len(ch.lower()) == 1:
            table[cp] = ord(ch.lower())
    for cp in list(range(0x2000, 0x2070)) + list(range(0x3000, 0x3040)):
        if not chr(cp).isalnum():
            table[cp] = 0x20  # general and CJK punctuation, odd spaces
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        nf = unicodedata.normalize("NFKC", chr(cp))
        if len(nf) == 1:
            table[cp] = table.get(ord(nf), ord(nf))
    return table


def fold(text: str) -> str:
    return text.translate(fold_table())


@cache
def english_frequencies() -> dict[str, int]:
    """Word frequencies of English (pyspellchecker's list); empty if it is not installed."""
    try:
        import spellchecker
    except ImportError:
        return {}
    path = os.path.join(os.path.dirname(spellchecker.__file__), "resources", "en.json.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in data.items() if int(v) >= 100}


@cache
def common_words() -> frozenset[str]:
    """Common English words (rose, register, washington): never a mention on their own."""
    freq = english_frequencies()
    words = {w for w, n in freq.items() if n >= COMMON_WORD_FREQ}
    words |= set(CALENDAR) | set(ROLE_WORDS)
    return frozenset(words)


def is_english_word(word: str) -> bool:
    """Known to the English word list at all (frequency >= 100)."""
    return word in english_frequencies()


CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday".split()
)
# words that stand beside a name without being part of it: "Huawei CEO", "President Putin"
ROLE_WORDS = frozenset(
    "ceo cfo cto coo chairman chairwoman chair president vice founder cofounder director "
    "secretary minister spokesman spokeswoman spokesperson senator representative rep sen "
    "governor mayor ambassador general gen admiral colonel chief executive officer deputy "
    "premier prime king queen prince sheikh mr mrs ms dr prof sir lord lady analyst analysts "
    "official officials said says told reported according editor reporter correspondent "
    "inc co ltd".split()
)


@dataclass(slots=True)
class ScanIndex:
    """The automaton and word statistics over one Screener's index."""

    automaton: object  # ahocorasick.Automaton: (kind, key, length, lower case ok, weak)
    key_df: dict[str, int]  # phonetic key -> listed names holding it as a core word
    person_df: dict[str, int]  # word -> listed person names holding it
    brand_words: frozenset[str]  # single-word Latin brand cores and initialisms (lower case)
    place_words: frozenset[str]  # words frequent in listed addresses (moscow, shenzhen, russian)
    han_brands: frozenset[str]  # Han brand forms (simplified)
    _sets: dict[str, frozenset[int]] = field(default_factory=dict)
    known: dict[str, bool] = field(default_factory=dict)  # word -> in some listed name

    def postings(self, screener: Screener, key: str) -> frozenset[int]:
        """Name ids under an index key ("t:huawei", "g:bank"), as a set."""
        s = self._sets.get(key)
        if s is None:
            s = frozenset(screener.index.postings.get(key, ()))
            if len(self._sets) > 20_000:
                self._sets.clear()
            self._sets[key] = s
        return s


_CACHE: weakref.WeakKeyDictionary[Screener, ScanIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def scan_index(screener: Screener) -> ScanIndex:
    """The ScanIndex of `screener`, built on first use."""
    with _LOCK:
        si = _CACHE.get(screener)
        if si is None:
            si = build(screener)
            _CACHE[screener] = si
        return si


def _han_core(name: str) -> list[str]:
    """Han search patterns for one Han name: the name less legal form and place prefix."""
    v = vocab()
    s = to_simplified(name).strip("()（） ")
    out = [s]
    changed = True
    while changed:
        changed = False
        for form, _ in v.legal_han:
            if s.endswith(form) and len(s) > len(form):
                s = s[: -len(form)]
                changed = True
                break
        for place, _ in v.places_han:
            if s.startswith(place) and len(s) > len(place) + 1:
                s = s[len(place):]
                changed = True
                break
    out.append(s)
    return [p for p in dict.fromkeys(out) if len(p) >= HAN_MIN_CHARS and has_han(p)]


def _generic_phrase(value: str) -> str | None:
    """A name of industry words only ("Semiconductor Manufacturing International Corp.",
    "Bank of Russia") is searched as its whole phrase less the legal form."""
    legal = vocab().legal
    words = fold(value).split()
    while words and (words[-1],) in legal:
        words.pop()
    while words and (words[0],) in legal:
        words.pop(0)
    if len(words) < 2 or not all(w.isascii() for w in words):
        return None
    return " ".join(words)


def build(screener: Screener) -> ScanIndex:
    index = screener.index
    # names per word key, straight from the postings (joins like "dajiang" come along)
    key_df = {k[2:]: len(v) for k, v in index.postings.items() if k.startswith("t:")}
    person_df: dict[str, int] = {}
    latin: dict[str, str] = {}  # folded surface word -> key
    han: dict[str, str] = {}
    triggers: set[str] = set()
    for n in index.names:
        form = n.form
        core = [t for t in form.tokens if t.kind == "core" and len(t.key) >= 2]
        if not core:
            if form.kind != PERSON and not any(t.kind == "core" for t in form.tokens):
                phrase = _generic_phrase(n.value)
                if phrase:
                    latin.setdefault(phrase, "")
            continue
        if form.kind == PERSON:
            for t in core:
                person_df[t.text] = person_df.get(t.text, 0) + 1
        picked = [t for t in core if key_df.get(t.key, 0) <= TRIGGER_DF]
        if not picked:
            rarest = min(core, key=lambda t: key_df.get(t.key, 0))
            if key_df.get(rarest.key, 0) <= MAX_TRIGGER_DF:
                picked = [rarest]
        for t in picked:
            triggers.add(t.key)
            if t.text.isascii():
                latin.setdefault(t.text, t.key)
        value = n.value
        if value.isascii():
            continue
        if has_han(value):
            if form.kind != PERSON or len(value.strip()) >= HAN_MIN_CHARS:
                for p in _han_core(value):
                    han.setdefault(p, p)
        elif _GREEK_CYRILLIC.search(value):
            for word in fold(value).split():
                toks = ascii_tokens(word)
                if len(toks) == 1 and phonetic_key(toks[0]) in triggers:
                    latin.setdefault(word, phonetic_key(toks[0]))

    brand_words: set[str] = set()
    han_brands: set[str] = set()
    from tradescreen.names.resources.brands import chinese_brands

    for b in chinese_brands():
        words = ascii_tokens(str(b["brand"]))
        if len(words) == 1:
            brand_words.add(words[0])
        ini = b.get("initialism")
        if isinstance(ini, str) and len(ini) >= 4 and ini.lower() not in common_words():
            brand_words.add(ini.lower())
        for h in b.get("han", []) or []:
            han_brands.add(to_simplified(str(h)))
            han.setdefault(to_simplified(str(h)), to_simplified(str(h)))
        # the Latin core of a brand is a trigger even where the lists spell it otherwise
        for w in words:
            if len(w) >= 3 and key_df.get(phonetic_key(w), 0):
                latin.setdefault(w, phonetic_key(w))

    freq = english_frequencies()
    places = _place_words(screener)
    common = common_words()
    automaton = ahocorasick.Automaton()
    for word, key in latin.items():
        if freq.get(word, 0) >= VERY_COMMON_FREQ or word in CALENDAR or word in ROLE_WORDS:
            continue  # "the", "may", "ceo": a name made only of these is not found in text
        lower_ok = word in brand_words or (len(word) >= 6 and word not in freq)
        # a weak word (a place, a common word, a given name) is a mention only with others
        weak = word not in brand_words and (
            word in places or word in common or person_df.get(word, 0) >= 3)
        pattern = f" {word} "
        automaton.add_word(pattern, (LATIN, key, len(pattern), lower_ok, weak))
    for pattern in han:
        automaton.add_word(pattern, (HAN, pattern, len(pattern), True, False))
    automaton.make_automaton()
    return ScanIndex(automaton, key_df, person_df, frozenset(brand_words),
                     places, frozenset(han_brands))


_ADDRESSES = re.compile(rb'"(?:addresses|birth_places)":\[(.*?)\]')
_ASCII_WORD = re.compile(rb"[a-z]{3,}")
PLACE_MIN_ADDRESSES = 20


def _place_words(screener: Screener) -> frozenset[str]:
    """Words in at least PLACE_MIN_ADDRESSES listed addresses: Moscow, Shenzhen, Russian.

    Brands rarely are (Huawei: 10, in "Huawei Base"). Read from the index's compact
    records without decoding them.
    """
    counts: Counter[bytes] = Counter()
    for r in screener.index.entities.raw_records():
        words: set[bytes] = set()
        for m in _ADDRESSES.finditer(r):
            words.update(_ASCII_WORD.findall(m.group(1).lower()))
        counts.update(words)
    v = vocab()
    words_ = {w.decode() for w, n in counts.items() if n >= PLACE_MIN_ADDRESSES}
    words_ = {w for w in words_ if (w,) not in v.generic and (w,) not in v.legal}
    words_ |= {k[0] for k in vocab().places if len(k) == 1}
    return frozenset(words_)
