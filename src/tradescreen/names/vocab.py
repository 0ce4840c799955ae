"""The word lists, compiled once into lookup tables the analyser can use per token.

Resources are YAML under `resources/`; here they become dicts keyed by token tuples
(legal forms, organisation words, places), so recognising a phrase is one dict probe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from tradescreen.names import resources
from tradescreen.names.text import ascii_tokens, has_han, to_simplified

STOPWORDS = frozenset("of the and for in at on by to a an et und y e i".split())
# Romance / Germanic connectors: dropped from people's names, kept with little weight in
# organisations' names, since "da", "de" are also Chinese syllables (Da-Jiang, De Xin).
CONNECTORS = frozenset(
    "de del della di da do dos das du des la le les el von van der den het im".split()
)
PERSON_TITLES = frozenset(
    "mr mrs ms miss dr prof sir madam shaikh sheikh sheik shaykh hajji hadji mullah mulla "
    "maulavi maulvi mawlawi general gen colonel col major maj captain capt lieutenant lt "
    "admiral adm commander brigadier ayatollah hojatoleslam qari".split()
)
# Vessel markers: "MV X" names the ship, "X Shipping Ltd" its owner.
VESSEL_PREFIXES = frozenset("mv mt ss nm fv tb mts".split())
VESSEL_PAIRS = (("m", "v"), ("m", "t"), ("n", "m"), ("t", "b"), ("f", "v"))


@dataclass(frozen=True, slots=True)
class Vocab:
    legal: dict[tuple[str, ...], str]  # token phrase -> legal form type
    legal_han: list[tuple[str, str]]  # (han form, type), longest first
    generic: dict[tuple[str, ...], str]  # token phrase -> concept
    generic_han: list[tuple[str, str]]  # (han word, concept), longest first
    abbreviations: dict[str, tuple[str, ...]]
    places: dict[tuple[str, ...], str]  # latin phrase -> canonical place key
    places_han: list[tuple[str, str]]  # (han, pinyin key), longest first
    brands_han: list[tuple[str, tuple[str, ...]]]  # (han, latin brand tokens), longest first
    surnames_han: dict[str, str]  # han surname -> pinyin
    equivalents: dict[str, str]  # spelling -> canonical spelling
    substitutions: tuple[tuple[str, str], ...]
    max_phrase: int


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(ascii_tokens(text))


def _longest_first(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(set(pairs), key=lambda p: (-len(p[0]), p[0]))


@cache
def vocab() -> Vocab:
    legal: dict[tuple[str, ...], str] = {}
    legal_han: list[tuple[str, str]] = []
    for kind, forms in resources.legal_forms().items():
        for form in forms:
            if has_han(form):
                legal_han.append((to_simplified(form), kind))
            p = _phrase(form)
            if p and not has_han(form):
                legal.setdefault(p, kind)

    generic: dict[tuple[str, ...], str] = {}
    generic_han: list[tuple[str, str]] = []
    for concept, langs in resources.org_words().items():
        generic.setdefault(_phrase(concept), concept)
        for lang, words in langs.items():
            for w in words:
                if has_han(w):
                    generic_han.append((to_simplified(w), concept))
                elif lang == "pinyin" and len(w) < 5:
                    continue  # xin, he, jun: as Latin words these are names, not industries
                else:
                    p = _phrase(w)
                    if p:
                        generic.setdefault(p, concept)

    abbreviations = {
        k.lower().strip("."): tuple(ascii_tokens(v))
        for k, v in resources.abbreviations().items()
        if ascii_tokens(v)
    }

    places: dict[tuple[str, ...], str] = {}
    places_han: list[tuple[str, str]] = []
    for place in resources.chinese_places():
        key = str(place.get("pinyin", "")).replace(" ", "").lower()
        ambiguous = {str(a).lower() for a in place.get("ambiguous", []) or []}
        if not key:
            continue
        han = place.get("han")
        if han:
            places_han.append((to_simplified(str(han)), key))
            for suffix in ("省", "市", "区", "县", "自治区"):
                places_han.append((to_simplified(str(han)) + suffix, key))
        # Latin forms that are also names or words (ali, jian, xian) stay ordinary tokens
        for form in [key, str(place.get("pinyin", ""))] + [
            str(x) for x in place.get("variants", []) or []
        ]:
            if has_han(form):
                places_han.append((to_simplified(form), key))
            elif _phrase(form) and form.lower() not in ambiguous and " ".join(_phrase(form)) not in ambiguous:
                places.setdefault(_phrase(form), key)
    for w in resources.country_words():
        if has_han(w):
            places_han.append((to_simplified(w), "china"))
        elif _phrase(w):
            places.setdefault(_phrase(w), "china")

    brands_han: list[tuple[str, tuple[str, ...]]] = []
    try:
        from tradescreen.names.resources.brands import chinese_brands

        for b in chinese_brands():
            brand = tuple(ascii_tokens(str(b["brand"])))
            for h in b.get("han", []) or []:
                brands_han.append((to_simplified(str(h)), brand))
    except (ImportError, FileNotFoundError):  # brand list is optional data
        pass
    brands_han.sort(key=lambda p: (-len(p[0]), p[0]))

    surnames_han: dict[str, str] = {}
    for s in resources.chinese_surnames():
        for h in (s.get("han"), s.get("trad")):
            if h:
                surnames_han[to_simplified(str(h))] = str(s["pinyin"]).replace(" ", "")

    equivalents: dict[str, str] = {}
    for group in resources.name_equivalents():
        canon = group[0].lower()
        for g in group:
            equivalents.setdefault(g.lower(), canon)

    max_phrase = max(
        [len(k) for k in legal] + [len(k) for k in generic] + [len(k) for k in places] + [1]
    )
    return Vocab(
        legal=legal,
        legal_han=_longest_first(legal_han),
        generic=generic,
        generic_han=_longest_first(generic_han),
        abbreviations=abbreviations,
        places=places,
        places_han=_longest_first(places_han),
        brands_han=brands_han,
        surnames_han=surnames_han,
        equivalents=equivalents,
        substitutions=tuple(resources.substitutions()),
        max_phrase=min(max_phrase, 6),
    )


_DOUBLE_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)  # bounded: batch and Spark workers live long
def phonetic_key(token: str) -> str:
    """A spelling-insensitive key: equivalent spellings, transliteration rules, no doubles.

    Levitsky/Levitskiy, Shabbir/Shabir, Mohammed/Muhammad share a key; Lixing/Lixin do not.
    """
    v = vocab()
    t = v.equivalents.get(token, token)
    if t.isdigit():
        return t
    for a, b in v.substitutions:
        if a in t:
            t = t.replace(a, b)
    t = _DOUBLE_RE.sub(r"\1", t)
    return v.equivalents.get(t, t)


@cache
def _syllables() -> frozenset[str]:
    from importlib import resources as ir

    text = ir.files("tradescreen.names.resources").joinpath("pinyin_syllables.txt").read_text()
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


@lru_cache(maxsize=200_000)  # bounded: batch and Spark workers live long
def is_pinyin(token: str) -> bool:
    """True when the token splits wholly into pinyin syllables (lin, xiuling, jinping).

    Chinese names vary by romanisation system, which the phonetic key folds, not by typos:
    Chen and Cheng, Lin and Ling are different names, so such tokens never pair fuzzily.
    """
    syl = _syllables()
    # Wade-Giles and Hong Kong spellings (Hsin, Tsai, Tze) count as Chinese too
    token = token.replace("hs", "x").replace("tz", "z").replace("ts", "c")
    n = len(token)
    if n == 0 or n > 18:
        return False
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            if token[i:j] in syl:
                ok[j] = True
    return ok[n]
