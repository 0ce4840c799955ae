"""Where a name in running text starts and ends, for `scan`.

A chunk is the run of capitalised words around an automaton hit, with what may sit inside
a name: "of", "and", "&", hyphens ("Kim Jong-un", "al-Assad"), brackets ("Huawei
Technologies (UK)"), legal forms with their dots and commas ("Co., Ltd."). It stops at
sentence and clause punctuation and at lower-case words, and it is found by walking word
by word from the hit, so its cost is its own length. Han text has no spaces: around a Han
hit, place prefixes are added on the left and industry words and legal forms on the right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tradescreen.names.vocab import vocab

WINDOW = 300  # characters either side of a hit that are tokenised
MAX_SIDE = 10  # words either side of the hit in one chunk

_L = r"0-9A-Za-z\u00C0-\u024F\u0370-\u052F"
_WORD = re.compile(rf"[{_L}]+(?:['\u2019][{_L}]+)*")
_RWORD = re.compile(rf"[{_L}]+(?:['\u2019][{_L}]+)*")  # the same, run on reversed text
_POSSESSIVE = re.compile(r"['\u2019][sS]$")
INNER = frozenset("of and for the de del della di da do dos das du des la le les el von van "
                  "der den y et und al bin ibn bint abu".split())
LOWER_LEGAL = frozenset("co ltd inc corp llc plc limited gmbh bv sa ag pte pvt".split())
ABBREVIATIONS = LOWER_LEGAL | frozenset("no st mr mrs ms dr jr sr int intl dept bros mfg "
                                        "jsc pjsc ojsc cjsc ooo oao zao ao".split())
HYPHEN_BREAK = frozenset("based owned backed listed made linked related controlled affiliated "
                         "funded run led designed built style like born era level wide area "
                         "focused specific sanctioned blacklisted headquartered registered "
                         "founded operated supplied produced manufactured sourced type class "
                         "grade maker made made-in owned-and state".split())
HAN_STREET = ("路", "街", "大道", "道", "号", "大厦", "大楼", "基地", "园区", "工业园", "村", "镇",
              "巷", "广场", "小区")

SOFT, HYPHEN, AMPERSAND, PAREN, POSSESSIVE, HARD, SENTENCE = 0, 1, 2, 3, 4, 5, 6


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    word: str
    lower: str
    cap: bool
    possessive: bool


@dataclass(slots=True)
class Chunk:
    toks: list[Tok]
    seps: list[int]  # seps[k]: how toks[k] and toks[k + 1] are joined
    hit: int
    end: int  # character end of the chunk in the piece
    sentence_start: bool  # the chunk's first word opens a sentence or line
    piece: str
    pos: int

    @property
    def titlecase(self) -> bool:
        """A headline line: capitals there say nothing."""
        return is_titlecase(self.piece, self.pos)


def _separator(sep: str, before: Tok, after: Tok) -> int:
    if not sep.strip():
        return SENTENCE if sep.count("\n") >= 2 else SOFT
    s = sep.strip()
    if sep in ("-", "\u2010", "\u2011"):
        return HYPHEN
    if s in ("&", "+"):
        return AMPERSAND
    if s in ("(", ")", ") (", ")(", ".)", ".) (", ". (", ".(", "),", ") ,"):
        return PAREN if "," not in s or after.lower in LOWER_LEGAL else HARD
    if s in (".", ".,", ",", ".)", ",(") and not before.possessive:
        if s == "." and (before.lower in ABBREVIATIONS or len(before.word) == 1):
            return SOFT
        if "," in s and after.lower in LOWER_LEGAL:
            return SOFT
    if before.possessive:
        return POSSESSIVE if s in ("'s", "\u2019s", "'S") and after.cap else HARD
    return SENTENCE if any(ch in s for ch in ".!?:;\"\u201c\u201d\n") else HARD


def _member(t: Tok, joined_by: int) -> bool:
    if t.cap:
        return True
    if t.lower in INNER or t.lower in LOWER_LEGAL:
        return True
    return joined_by == HYPHEN and t.lower not in HYPHEN_BREAK


def _tok(m: re.Match[str]) -> Tok:
    return _tok_at(m.string, m.start(), m.end())


def _tok_at(piece: str, start: int, end: int) -> Tok:
    w = piece[start:end]
    poss = len(w) > 2 and bool(_POSSESSIVE.search(w))
    if poss:
        w, end = w[:-2], end - 2
    return Tok(start, end, w, w.lower(), w[0].isupper() or w[0].isdigit(), poss)


_NEXT_NAME = re.compile(r"(?:['\u2019]s)?(?:-|\.?,? *(?:(?:of|and|the|for|de|du|al|bin|&) +)?)"
                        r"[A-Z0-9\u00C0-\u00DE\u0400-\u042F]")
_PREV_NAME = re.compile(r"[A-Z0-9\u00C0-\u00DE\u0400-\u042F][^\s]*(?: +(?:of|and|the|for|de|du|"
                        r"al|bin|&))?[ -]$")


def has_name_neighbour(piece: str, s: int, e: int) -> bool:
    """Whether another capitalised word or a legal form stands right beside piece[s:e]."""
    if _NEXT_NAME.match(piece, e, min(len(piece), e + 12)):
        return True
    if _PREV_NAME.search(piece, max(0, s - 40), s):
        return True
    nxt = _WORD.match(piece, e + 1) if piece[e:e + 1] == " " else None
    return nxt is not None and nxt.group().lower() in LOWER_LEGAL


def latin_chunk(piece: str, s: int, e: int, lower_ok: bool) -> Chunk | None:
    """The run of name-like words around the automaton hit at piece[s:e].

    Walks word by word from the hit and stops at the first clause boundary or lower-case
    word, so the cost is the chunk's length, not the window's.
    """
    m = _WORD.match(piece, s)
    if m is None or m.end() < e:
        m = next((x for x in _WORD.finditer(piece, max(0, s - 40), e) if x.end() > s), None)
        if m is None:
            return None
    hit_tok = _tok(m)
    if not (hit_tok.cap or lower_ok):
        return None
    right: list[Tok] = []
    rseps: list[int] = []
    prev, pos = hit_tok, m.end()
    while len(right) < MAX_SIDE:
        m = _WORD.search(piece, pos, min(len(piece), pos + 80))
        if m is None:
            break
        t = _tok(m)
        sep = _separator(piece[prev.end:t.start], prev, t)
        if sep > POSSESSIVE or not _member(t, sep):
            break
        right.append(t)
        rseps.append(sep)
        prev, pos = t, m.end()
    ws = max(0, hit_tok.start - 160)
    rev = piece[ws:hit_tok.start][::-1]
    left: list[Tok] = []
    lseps: list[int] = []
    nxt = hit_tok
    stop = HARD
    for x in _RWORD.finditer(rev):  # words leftwards from the hit, lazily
        start, end = hit_tok.start - x.end(), hit_tok.start - x.start()
        if start == ws and ws > 0 and piece[ws - 1].isalnum():
            break  # cut by the window
        t = _tok_at(piece, start, end)
        sep = _separator(piece[t.end:nxt.start], t, nxt)
        if sep > POSSESSIVE or len(left) >= MAX_SIDE:
            stop = sep
            break
        if not _member(t, sep):
            stop = SOFT
            break
        left.append(t)
        lseps.append(sep)
        nxt = t
    else:  # nothing more to the left: the start of the text, or only punctuation
        gap = piece[max(ws, nxt.start - 6):nxt.start]
        if re.search(r"[.!?:;\n\"\u201c]\s*$", gap) or ws == 0 and not piece[:nxt.start].strip():
            stop = SENTENCE
    toks = left[::-1] + [hit_tok] + right
    seps = lseps[::-1] + rseps
    hit = len(left)
    a, b = 0, len(toks) - 1
    while a < hit and toks[a].lower in INNER:
        a += 1
    while b > hit and toks[b].lower in INNER:
        b -= 1
    sentence_start = a == 0 and stop == SENTENCE
    return Chunk(toks[a:b + 1], seps[a:b], hit - a, toks[b].end, sentence_start, piece, s)


def is_titlecase(piece: str, pos: int) -> bool:
    """Whether the line around `pos` is a headline: nearly every long word capitalised."""
    ls = piece.rfind("\n", max(0, pos - WINDOW), pos) + 1 or max(0, pos - WINDOW)
    le = piece.find("\n", pos, min(len(piece), pos + WINDOW))
    line = _WORD.findall(piece, ls, le if le >= 0 else min(len(piece), pos + WINDOW))
    long = [w for w in line if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


@cache
def _han_places_by_last() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for place, _ in vocab().places_han:
        if len(place) >= 2:
            out.setdefault(place[-1], []).append(place)
    return out


def han_extensions(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans around a Han hit: place prefixes to the left; industry words, legal form right."""
    v = vocab()
    lefts = [s]
    cur = s
    for _ in range(2):
        found = next((p for p in _han_places_by_last().get(text[cur - 1:cur], ())
                      if cur >= len(p) and text.startswith(p, cur - len(p))), None)
        if not found:
            break
        cur -= len(found)
        lefts.append(cur)
    rights = [e]
    cur = e
    for _ in range(5):
        word = next((w for w, _ in v.legal_han if text.startswith(w, cur)), None)
        if word is None:
            word = next((w for w, _ in v.generic_han if len(w) >= 2 and text.startswith(w, cur)),
                        None)
        if word is None:
            break
        cur += len(word)
        rights.append(cur)
    return [(ls, re_) for ls in lefts for re_ in rights]


def han_address_after(text: str, end: int) -> bool:
    return text.startswith(HAN_STREET, end)
