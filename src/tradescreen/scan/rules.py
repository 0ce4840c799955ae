"""The mention rules of `scan`: which spans of a chunk (scan_chunks.py) are scored, and
when a span that the matcher scores above the threshold is still not a mention.

- a person needs two name parts ("Vladimir Putin", "PUTIN Vladimir"), never one, and
  every part of the span and of the listed name must pair up, patronymics aside ("Su Yan"
  is not "YAN, Su Xuan"; "Dmitry Peskov" is "Dmitry Sergeyevich PESKOV");
- one word must be spelled as listed ("Tata" is not "Taatta") and, unless it is a brand of
  the brand table, must not be a given name or lack the listed name's industry words;
- a span that adds an industry word the listed name lacks ("Fudan University" against
  "Fudan") is a different party; so is a bare word inside a longer proper name
  ("Delta" in "Delta Air Lines", "Smith" in "John Smith");
- a common English word ("Rose", "Register", "Washington") is a mention only as the whole
  listed name with its legal form or industry words, never alone; a name of common or
  industry words only must be the whole capitalised run ("Agricultural Bank" of China no);
- a place clash ("Chinese Communist Party" against the Communist Party of Peru) is out;
- a bare acronym (AMD, NEC) counts only if it is a brand in the brand table or a fuller
  name of the same entry is found in the text;
- a name followed by a street word ("Huawei Road", 华为路) is an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tradescreen.matching.scorer import VAGUE
from tradescreen.model import Feature
from tradescreen.names.analyze import PERSON, NameForm, Token
from tradescreen.names.vocab import CONNECTORS, STOPWORDS, phonetic_key, vocab
from tradescreen.scan.chunks import (
    ABBREVIATIONS,
    AMPERSAND,
    INNER,
    LOWER_LEGAL,
    PAREN,
    POSSESSIVE,
    SOFT,
    Chunk,
    Tok,
)
from tradescreen.scan.index import (
    CALENDAR,
    ROLE_WORDS,
    ScanIndex,
    common_words,
    is_english_word,
)

MAX_SPAN = 10  # words in one span

STREET_WORDS = frozenset("road rd street st avenue ave boulevard blvd lane ln highway hwy drive "
                         "building bldg tower plaza square floor fl room rm block district "
                         "village town industrial zone estate park campus base".split())
NO_START = frozenset("ltd limited inc incorporated corp corporation co company group holding "
                     "holdings plc gmbh ag sa bv nv pte pvt llp lp srl spa kg ab at as too ad "
                     "se sl oy".split())
_LIST_AND = frozenset("and und et y".split())
_NOT_IN_PERSON = frozenset("and & of for the + co ltd inc".split())


@dataclass(slots=True)
class Span:
    start: int
    end: int
    i: int
    j: int
    n_words: int
    needs_support: bool = False


@dataclass(slots=True)
class Candidate:
    """One listed entity's best name against one span."""

    entity: int
    name_id: int
    name: str
    name_kind: str
    score: float
    features: list[Feature]
    q: NameForm
    c: NameForm
    schema: str
    extra: int = field(init=False)

    def __post_init__(self) -> None:
        have = {t.key for t in self.q.tokens} | {t.concept for t in self.q.tokens}
        self.extra = sum(1 for t in self.c.tokens
                         if t.kind != "particle" and t.key not in have and t.concept not in have)

    @property
    def quality(self) -> tuple[float, int]:
        return round(self.score, 6), -self.extra

    @property
    def rank(self) -> tuple[float, int]:
        return -round(self.score, 6), self.extra


def latin_spans(chunk: Chunk, piece: str, si: ScanIndex, marks: set[int]) -> list[Span]:
    """Every span of the chunk that holds a hit word and starts and ends on a name word."""
    toks = chunk.toks
    marks = marks | {chunk.hit}
    # a word no listed name holds only lowers a score: spans stop before it
    known = [k in marks or t.lower in INNER or _known(t, si) for k, t in enumerate(toks)]
    out = []
    for i in range(len(toks)):
        if i not in marks and (toks[i].lower in INNER or toks[i].lower in NO_START
                               or not known[i]):
            continue  # "Group Rose", "As Putin": suffix-only legal forms start nothing
        for j in range(i, min(len(toks), i + MAX_SPAN)):
            if not known[j]:
                break
            if toks[j].lower in INNER and j not in marks:
                continue
            if not any(i <= h <= j for h in marks):
                continue
            if POSSESSIVE in chunk.seps[i:j]:
                break  # "People's Liberation Army" is no span; its parts are judged apart
            if not _joins_ok(toks, chunk.seps, i, j):
                break  # "Lin Jian and Pat Gelsinger": two names, not one
            if j > i and (toks[i].lower in LOWER_LEGAL and toks[i + 1].lower in INNER
                          or toks[j].lower in LOWER_LEGAL and toks[j - 1].lower in INNER):
                continue  # "Ltd. and Hikvision"
            end = toks[j].end
            if toks[j].lower in ABBREVIATIONS and piece[end:end + 1] == ".":
                end += 1
            if PAREN in chunk.seps[i:j]:
                inner = piece[toks[i].start:end]
                if inner.count("(") != inner.count(")"):
                    continue  # "... Corp. (SMIC": brackets must close inside the span
            span = Span(toks[i].start, end, i, j, j - i + 1)
            if span.n_words == 1:
                w = toks[i].word
                short = len(w) <= 4 or (w.isupper() and len(w) <= 5)
                span.needs_support = short and toks[i].lower not in si.brand_words
            out.append(span)
    return out


def _joins_ok(toks: list[Tok], seps: list[int], i: int, j: int) -> bool:
    """"and" / "&" inside a name joins industry words (Industry and Security), not names."""
    generic = vocab().generic
    for k in range(i + 1, j):
        if toks[k].lower in ("and", "und", "et", "y") and not (
                (toks[k - 1].lower,) in generic or (toks[k + 1].lower,) in generic):
            return False
    for k in range(i, j):
        if seps[k] == AMPERSAND and not (
                (toks[k].lower,) in generic or (toks[k + 1].lower,) in generic):
            return False
    return True


def worth_scoring(toks: list[Tok], si: ScanIndex) -> bool:
    """Cheap pre-check: could the mention rules accept any listed name for these words?

    One word must be a brand-like word (not common, not a place, not a given name); more
    words need one that is neither a place nor a vague industry word nor a legal form.
    """
    v = vocab()
    words = [t.lower for t in toks if t.lower not in INNER]
    if len(words) == 1:
        w = words[0]
        if w in si.brand_words:
            return True
        return not (w in common_words() or w in si.place_words or si.person_df.get(w, 0) >= 3
                    or (w,) in v.generic or (w,) in v.legal)
    for w in words:
        concept = v.generic.get((w,))
        if concept is not None:
            if concept not in VAGUE:
                return True
        elif not ((w,) in v.legal or w in si.place_words or w in ROLE_WORDS or w in CALENDAR):
            return True
    return False


def _known(t: Tok, si: ScanIndex) -> bool:
    """A word some listed name holds, or a legal form, industry word or place."""
    w = t.lower
    hit = si.known.get(w)
    if hit is None:
        v = vocab()
        hit = ((w,) in v.legal or (w,) in v.generic or (w,) in v.places or w in LOWER_LEGAL
               or w in v.abbreviations or not w.isascii() or phonetic_key(w) in si.key_df)
        if len(si.known) > 100_000:
            si.known.clear()
        si.known[w] = hit
    return hit


def _distinctive(c: Candidate, si: ScanIndex) -> list[Token]:
    """The span's words that match the listed name and identify it: not common English,
    not places (so "Huawei" yes; "Register", "Moscow", "Golden Star" no)."""
    ckeys = {t.key for t in c.c.tokens if t.kind in ("core", "number")}
    common = common_words()
    return [t for t in c.q.tokens if t.kind in ("core", "number") and t.key in ckeys
            and t.text not in common and len(t.text) >= 3 and t.text not in si.place_words]


def _specific(form: NameForm) -> set[str]:
    return {t.concept for t in form.tokens if t.kind == "generic" and t.concept not in VAGUE}


def accept_candidate(c: Candidate, si: ScanIndex) -> bool:
    """Whether this listed name may be what the span names (see the module docstring)."""
    qcore = [t for t in c.q.tokens if t.kind in ("core", "number")]
    ccore = [t for t in c.c.tokens if t.kind in ("core", "number")]
    person = c.c.kind == PERSON or c.schema == "Person"
    if person and (sum(1 for t in qcore if t.kind == "core") < 2
                   or any(f.name == "single_part" for f in c.features)
                   or not _NOT_IN_PERSON.isdisjoint(c.q.original.lower().split())):
        return False  # one name part, or "Wang Wenbin and Jensen Huang"
    if person and (_extra_in_span(c) or any(
            not _PATRONYMIC.search(t.text) for t in _missing_from_span(c))):
        return False  # "Su Yan" is not "YAN, Su Xuan"; "Dmitry Peskov" is D. Sergeyevich P.
    if c.schema in ("Vessel", "Aircraft") and len(qcore) < 2:
        return False
    if any(f.name == "place_clash" for f in c.features):
        return False  # "Chinese Communist Party" is not the Communist Party of Peru
    sq, sc = _specific(c.q), _specific(c.c)
    if not sq <= sc:
        return False  # "Fudan University" is not "Beijing Fudan"
    distinctive = _distinctive(c, si)
    ckeys = {t.key for t in ccore}
    if not distinctive:
        if {t.key for t in qcore} != ckeys or sq != sc or c.extra or _extra_in_span(c):
            return False  # "Federal Register" is not "Register"; "Pacific Trading" neither
        places = all(t.text in si.place_words for t in qcore)
        if not c.q.legal and not sq and (len(qcore) < 2 or places):
            return False  # "Rose", "Spring", "Hong Kong" alone
        if not qcore and not c.q.legal and len(c.q.tokens) < 3 and not any(
                t.kind == "place" for t in c.q.tokens):
            return False  # industry words only: "Bank of Russia" yes, "General Trading" no
    elif sc - sq and not any(len(t.text) >= 5 for t in distinctive):
        return False
    if len(qcore) == 1 and not person:
        word = qcore[0].text
        spelled = {t.text for t in ccore} | {"".join(t.text for t in ccore)}
        if word not in spelled and word not in si.brand_words:
            return False  # one word must be spelled as listed: "Tata" is not "Taatta"
        if not c.q.legal and not sq:
            if word not in si.brand_words and si.person_df.get(word, 0) >= 3:
                return False  # "Leah", "Smith": a bare given or family name
            if sc and word not in si.brand_words:
                return False  # "Roche" alone is not "Roche Consulting Limited"
    return True


_PATRONYMIC = re.compile(r"(vich|vych|vna|ichna|ich|ych|ogly|oglu|kyzy|qizi)$")


def _missing_from_span(c: Candidate) -> list[Token]:
    """Words of the listed name the span lacks."""
    have = {t.key for t in c.q.tokens} | {t.concept for t in c.q.tokens}
    return [t for t in c.c.tokens
            if t.kind != "particle" and t.key not in have and t.concept not in have]


def _extra_in_span(c: Candidate) -> int:
    """Words of the span the listed name lacks ("of China" in "Agricultural Bank of China")."""
    have = {t.key for t in c.c.tokens} | {t.concept for t in c.c.tokens}
    return sum(1 for t in c.q.tokens
               if t.kind != "particle" and t.key not in have and t.concept not in have)


def _explains(t: Tok, si: ScanIndex) -> bool:
    """A neighbour word that may stand beside a name without being part of it."""
    w = t.lower
    if w in STOPWORDS or w in CONNECTORS or w in INNER or w in LOWER_LEGAL or w.isdigit():
        return True
    if w in ROLE_WORDS or w in CALENDAR or w in si.place_words or (w,) in vocab().legal:
        return True
    concept = vocab().generic.get((w,))
    return concept is not None and concept in VAGUE


def span_allowed(span: Span, best: Candidate, chunk: Chunk, si: ScanIndex) -> bool:
    """Fragment and address rules for the chosen candidate of a span."""
    toks = chunk.toks
    right = toks[span.j + 1] if span.j + 1 < len(toks) else None
    if right is not None and right.lower in STREET_WORDS:
        return False
    cwords = {t.text for t in best.c.tokens}
    left = toks[span.i - 1] if span.i > 0 else None
    if not _distinctive(best, si):  # common or industry words only: the whole run or nothing
        for t, sep in ((left, chunk.seps[span.i - 1] if left else SOFT),
                       (right, chunk.seps[span.j] if right else SOFT)):
            if t is None or sep in (PAREN, AMPERSAND) or t.lower in _LIST_AND:
                continue  # "Cambricon and Shanghai Micro Electronics Equipment"
            if (t.lower,) not in vocab().legal and not (
                    t is left and span.i == 1 and chunk.sentence_start):
                return False  # "Agricultural Bank" of China
    titlecase = None
    for t, sep in ((left, chunk.seps[span.i - 1] if left else SOFT),
                   (right, chunk.seps[span.j] if right else SOFT)):
        if t is None or _explains(t, si) or t.lower in cwords:
            continue
        if t is right and sep == POSSESSIVE or sep in (PAREN, AMPERSAND):
            continue  # "Huawei's Ren Zhengfei"; "Aran Modern Devices (AMD)"
        if t is left and span.i == 1 and chunk.sentence_start and sep != POSSESSIVE:
            continue  # "Meanwhile Huawei said": the first word of a sentence
        titlecase = chunk.titlecase if titlecase is None else titlecase
        if not titlecase or not _distinctive(best, si):
            return False
        # a headline or an all-capitals line: prose words there are capitalised too, so
        # "SUPPLIER HUAWEI TECHNOLOGIES" is fine, "FUDAN UNIVERSITY" still is not "Fudan",
        # and a single word beside other words must be unlike any English word (Huawei)
        generic = vocab().generic.get((t.lower,))
        if t is right and generic is not None and generic not in VAGUE:
            return False
        if span.n_words == 1 and not _strong(toks[span.i].lower, si):
            return False
    return True


def _strong(word: str, si: ScanIndex) -> bool:
    return word in si.brand_words or not is_english_word(word)
