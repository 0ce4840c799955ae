"""Turn one name into typed tokens: what the matcher compares.

A name becomes core tokens (what identifies the party: "hikvision", "dajiang", "putin"),
generic tokens mapped to a concept across languages (technology = tech = 科技), place
tokens (hangzhou, sz, china), numbers, and a set of legal-form *types* (limited, llc,
joint_stock) that are compared as types, never as words.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import NamedTuple

from tradescreen.names import chinese
from tradescreen.names.arabic import is_arabic, transliterate
from tradescreen.names.text import ascii_tokens, clean, has_han, script_of
from tradescreen.names.vocab import (
    CONNECTORS,
    PERSON_TITLES,
    STOPWORDS,
    VESSEL_PAIRS,
    VESSEL_PREFIXES,
    phonetic_key,
    vocab,
)

PLACE_AS_NAME = "@place"
PERSON = "person"
ORG = "org"
ANY = "any"

# "bin", "al" and friends: part of a name, but they identify little
PARTICLES = frozenset("bin ben ibn bn bint binti al el ul ud ad ar as abu abou ould".split())

_SCHEMA_KIND = {
    "Person": PERSON,
    "Organization": ORG,
    "Company": ORG,
    "LegalEntity": ANY,
    "Vessel": ORG,
    "Aircraft": ORG,
}


def kind_of_schema(schema: str | None) -> str:
    return _SCHEMA_KIND.get(schema or "", ANY)


class Token(NamedTuple):
    text: str
    key: str  # phonetic key (spelling-insensitive)
    kind: str  # core | generic | place | number | particle
    concept: str  # generic concept or place key; else the text


class NameForm(NamedTuple):
    original: str
    tokens: tuple[Token, ...]
    legal: frozenset[str]
    script: str
    vessel: bool
    kind: str  # person | org | any

    @property
    def core(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.kind in ("core", "number"))

    @property
    def empty(self) -> bool:
        return not self.tokens


_NUM_RE = re.compile(r"^\d+$")
_ROMAN = frozenset("ii iii iv vi vii viii ix xi xii xiii xiv xv xvi xvii xviii xix xx".split())


_LEGAL_SETS: dict[frozenset[str], frozenset[str]] = {}


def _legal(found: set[str]) -> frozenset[str]:
    """One shared frozenset per distinct set of legal forms."""
    fs = frozenset(found)
    return _LEGAL_SETS.setdefault(fs, fs)


@lru_cache(maxsize=262144)
def _token(text: str, kind: str, concept: str = "", roman: bool = True) -> Token:
    """Tokens are interned: identical tokens share one object (memory, pickle size)."""
    if kind == "core" and (_NUM_RE.match(text) or (text in _ROMAN and roman)):
        kind = "number"
    key = text if kind in ("number", "generic", "place") else phonetic_key(text)
    return Token(sys.intern(text), sys.intern(key), kind, sys.intern(concept or text))


def _strip_legal(words: list[str], legal: set[str]) -> list[str]:
    """Take legal forms off both ends (and multi-word forms anywhere)."""
    v = vocab()
    table = v.legal
    changed = True
    while changed and words:
        changed = False
        for n in range(min(v.max_phrase, len(words)), 0, -1):
            tail = tuple(words[-n:])
            if tail in table and len(words) > n:
                legal.add(table[tail])
                words = words[:-n]
                changed = True
                break
            head = tuple(words[:n])
            if head in table and len(words) > n:
                legal.add(table[head])
                words = words[n:]
                changed = True
                break
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(v.max_phrase, len(words) - i), 1, -1):
            phrase = tuple(words[i : i + n])
            if phrase in table:
                legal.add(table[phrase])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out or words


def _classify_org(words: list[str]) -> list[Token]:
    v = vocab()
    out: list[Token] = []
    i = 0
    while i < len(words):
        for n in range(min(v.max_phrase, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + n])
            if phrase in v.generic:
                out.append(_token(" ".join(phrase), "generic", v.generic[phrase]))
                break
            if phrase in v.places:
                out.append(_token(" ".join(phrase), "place", v.places[phrase]))
                break
            if phrase in v.legal and (n > 1 or len(phrase[0]) > 3 or phrase[0] in ("co", "inc")):
                break  # a legal form inside the name: "Corporation (SMIC)", "Tex-Co"
        else:
            n = 1
            w = words[i]
            if w in CONNECTORS:
                out.append(_token(w, "particle"))
            elif len(w) >= 4 and (code := _country(w)):
                out.append(_token(w, "place", code.lower()))
            elif w not in STOPWORDS:
                out.append(_token(w, "core"))
        i += n
    if out and not any(t.kind in ("core", "number") for t in out):
        # "Nanshan Group", "Ivoire Negoce": with nothing else, the place is the name; its
        # concept says so, so a bare place ("Beijing") still never makes a match alone
        out = [_token(t.text, "core", PLACE_AS_NAME) if t.kind == "place" else t for t in out]
    return out


def _country(word: str) -> str | None:
    code = _country_words().get(word)
    return code.split("-")[0][:2] if code else None


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """One-word country names in many languages (schweiz, senegal, polska) -> ISO code.

    Read once from countrynames' table: its own look-up scans every code on each call.
    """
    import countrynames

    countrynames.to_code("")  # loads the table
    return {k: v for k, v in countrynames.COUNTRY_NAMES.items()
            if " " not in k and v != "FAIL" and k.isascii()}


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_TENS["fourty"] = 40


def _numbers(words: list[str]) -> list[str]:
    """Number words to digits: Forty-Four -> 44, Three Percenters -> 3 percenters."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("no", "nr", "num") and i + 1 < len(words) and words[i + 1].isdigit():
            i += 1  # "No. 3" is the number 3
            continue
        if w in _TENS:
            n = _TENS[w]
            if i + 1 < len(words) and words[i + 1] in _UNITS and 0 < _UNITS[words[i + 1]] < 10:
                n += _UNITS[words[i + 1]]
                i += 1
            elif i + 1 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) == 1:
                n += int(words[i + 1])
                i += 1
            out.append(str(n))
        elif w in _UNITS:
            out.append(str(_UNITS[w]))
        else:
            out.append(w)
        i += 1
    return out


def _join_letters(words: list[str]) -> list[str]:
    """A.B.C. -> abc: initials spelt with dots are one word in a company name."""
    out: list[str] = []
    run = ""
    for w in words:
        if len(w) == 1 and w.isalpha():
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        out.append(w)
    if run:
        out.append(run)
    return out


def _expand(words: list[str]) -> list[str]:
    abbr = vocab().abbreviations
    out: list[str] = []
    for w in _numbers(_join_letters(words)):
        out.extend(abbr.get(w, (w,)))
    return out


def _latin_words(text: str) -> list[str]:
    return ascii_tokens(text)


@lru_cache(maxsize=65536)
def analyze(name: str, kind: str = ANY) -> NameForm:
    """Analyse a name; `kind` is person, org or any (guess from the name)."""
    text = clean(name)
    script = script_of(text)
    legal: set[str] = set()
    tokens: list[Token] = []
    vessel = False

    if has_han(text):
        if kind != ORG and chinese.looks_like_person(text):
            kind = PERSON
            tokens = [_token(t, "core", roman=False) for t in chinese.person_tokens(text)]
        else:
            for part in chinese.org_parts(text):
                if part.kind == "legal":
                    legal.add(part.concept)
                    continue
                if part.kind == "core" and part.concept:
                    # a known brand (中芯国际 -> semiconductor manufacturing international)
                    tokens.extend(_token(w, "core") for w in part.tokens if w not in STOPWORDS)
                elif part.kind == "core":
                    # latin text inside a Han name is analysed like any latin name
                    words = _strip_legal(_expand(part.tokens), legal)
                    tokens.extend(_classify_org(words) if len(part.tokens) > 1 else
                                  [_token(w, "core") for w in words])
                elif part.tokens:
                    text = " ".join(part.tokens)  # 集成电路 -> one "integrated circuit" word
                    if any(t.text == text for t in tokens):
                        continue  # the brand already says it: 中芯国际...制造 (manufacturing)
                    tokens.append(_token(text, part.kind, part.concept or text))
            if kind == ANY:
                kind = ORG
        return NameForm(name, tuple(t for t in tokens if t.text), _legal(legal), sys.intern(script), vessel, kind)

    if is_arabic(text):
        text = transliterate(text)  # anyascii drops the long vowels: أسامة -> asama, not smh
    words = _latin_words(text)
    if kind in (ORG, ANY) and words:
        if words[0] in VESSEL_PREFIXES and len(words) > 1:
            vessel, words = True, words[1:]
        elif tuple(words[:2]) in VESSEL_PAIRS and len(words) > 2:
            vessel, words = True, words[2:]
    before = len(legal)
    stripped = _strip_legal(words, legal) if kind != PERSON else words
    if kind == ANY:
        kind = ORG if len(legal) > before or _has_org_word(stripped) else ANY
    if kind == ORG:
        tokens = _classify_org(_expand(stripped))
    else:
        for w in stripped:
            if w in PERSON_TITLES and len(stripped) > 2:
                continue
            if (w in STOPWORDS or w in CONNECTORS) and kind == PERSON and len(stripped) > 2:
                continue
            tokens.append(_token(w, "particle" if w in PARTICLES else "core", roman=False))
    if not tokens and words:  # a name made only of generic words is still a name
        tokens = [_token(w, "core") for w in words if w not in STOPWORDS] or [
            _token(w, "core") for w in words
        ]
    return NameForm(name, tuple(t for t in tokens if t.text), _legal(legal), sys.intern(script), vessel, kind)


def _has_org_word(words: list[str]) -> bool:
    generic = vocab().generic
    return any((w,) in generic for w in words)
