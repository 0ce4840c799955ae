"""Token alignment between two analysed names.

Tokens pair up one-to-one, or one token against two or three adjacent tokens on the other
side ("Jinping" ~ "Jin Ping", "Dajiang" ~ "Da-Jiang", "SiemensAG"), order-free, so surname-
first and given-first orders align alike. Similarity per pair: exact text 1.0, same
phonetic key 0.95, same generic concept 1.0, else edit-distance similarity when the token is
long enough for a typo to be a typo and not another word.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

from tradescreen.names.analyze import Token
from tradescreen.names.arabic import skeleton
from tradescreen.names.vocab import is_pinyin, phonetic_key


@dataclass(frozen=True, slots=True)
class Pair:
    q: tuple[int, ...]  # indices into the query tokens
    c: tuple[int, ...]  # indices into the candidate tokens
    sim: float
    how: str  # exact | spelling | concept | fuzzy | initial | joined


def _spans(tokens: tuple[Token, ...], max_len: int = 3) -> list[tuple[tuple[int, ...], str]]:
    out: list[tuple[tuple[int, ...], str]] = []
    n = len(tokens)
    for i in range(n):
        if tokens[i].kind in ("generic", "place"):
            out.append(((i,), tokens[i].text))
            continue
        text = ""
        for j in range(i, min(n, i + max_len)):
            if tokens[j].kind in ("generic", "place"):
                break
            text += tokens[j].text
            out.append((tuple(range(i, j + 1)), text))
    return out


def token_sim(a: Token, b: Token, fuzzy_min: float, strict_start: bool,
              pinyin_strict: bool = True, skeletons: bool = False) -> tuple[float, str]:
    """How alike two single tokens are, and why; 0 when they do not pair."""
    if a.kind in ("generic", "place") or b.kind in ("generic", "place"):
        if a.kind == b.kind and a.concept == b.concept:
            return 1.0, "concept"
        if a.text == b.text:
            return 1.0, "exact"
        if a.kind == b.kind:
            return 0.0, ""  # two different business words or places
        # one side did not recognise the word (Agriculture ~ Agricultural): spelling decides
    if a.text == b.text:
        return 1.0, "exact"
    if a.kind == "number" or b.kind == "number":
        return 0.0, ""
    if a.key == b.key:
        return 0.95, "spelling"
    if strict_start and a.kind == b.kind == "core":
        short, long_ = (a.text, b.text) if len(a.text) < len(b.text) else (b.text, a.text)
        if len(short) >= 3 and long_.startswith(short) and len(short) <= 0.6 * len(long_):
            return 0.85, "abbreviation"  # Assoc. ~ Associates, Intl ~ International
    if skeletons:
        sa, sb = skeleton(a.text), skeleton(b.text)
        if sa == sb and (len(sa) >= 3 or (len(sa) == 2 and a.kind == b.kind == "particle")):
            return 0.8, "consonants"
    sim, how = text_sim(a.text, b.text, fuzzy_min, strict_start, pinyin_strict)
    if sim == 0.0 and a.key != a.text or b.key != b.text:
        # transliteration variants that differ by more than the rules fold (Khotintsev ~ Hotincev)
        ksim, _ = text_sim(a.key, b.key, fuzzy_min, strict_start, pinyin_strict)
        if ksim > sim:
            return ksim * 0.95, "spelling"
    return sim, how


def text_sim(a: str, b: str, fuzzy_min: float, strict_start: bool,
             pinyin_strict: bool = True) -> tuple[float, str]:
    shorter = min(len(a), len(b))
    if shorter < 4 or (shorter < 5 and pinyin_strict and not strict_start):
        return 0.0, ""  # Hong ~ Hoang: short Chinese names differ by a letter
    if strict_start and a[0] != b[0]:
        return 0.0, ""
    if pinyin_strict and is_pinyin(a) and is_pinyin(b) and (not strict_start or shorter < 6):
        return 0.0, ""  # Chen/Cheng, Lixin/Lixing: other names, not typos (Huawai: a typo)
    if strict_start and (a + "s" == b or b + "s" == a):
        return 0.0, ""  # Star/Stars, Espoir/Espoirs: in a firm's or ship's name, another name
    # one edit is a typo in a long token, another word in a short one (transpositions: 1)
    allowed = 1 if shorter < 6 else 2 if shorter < 11 else 3
    if strict_start:
        allowed = 1 if shorter < 8 else 2 if shorter < 13 else 3
    dist = OSA.distance(a, b, score_cutoff=allowed)
    if dist > allowed:
        return 0.0, ""
    # one typo in a long firm's word costs little (Hikvison ~ Hikvision 0.93); in a
    # person's name the full edit share counts (Cohen ~ Chen 0.8)
    sim = 1.0 - (0.6 if strict_start else 1.0) * dist / max(len(a), len(b))
    if sim < fuzzy_min:
        return 0.0, ""
    return sim, "fuzzy"


def align(
    q: tuple[Token, ...],
    c: tuple[Token, ...],
    fuzzy_min: float = 0.8,
    strict_start: bool = True,
    initials: bool = False,
    pinyin_strict: bool = True,
    skeletons: bool = False,
    han_both: bool = False,
) -> list[Pair]:
    """Greedy best-first alignment; each token is used at most once.

    Three passes, each only over what the one before left unpaired: identical tokens,
    then near tokens, then joined spans. Most names never reach the later passes.
    """
    # pass 1: identical tokens pair at once, through a dict (most tokens of most names)
    by_text: dict[str, list[int]] = {}
    for j, b in enumerate(c):
        by_text.setdefault(b.text, []).append(j)
    pairs: list[Pair] = []
    used_q: set[int] = set()
    used_c: set[int] = set()
    for i, a in enumerate(q):
        for j in by_text.get(a.text, ()):
            if j not in used_c:
                pairs.append(Pair((i,), (j,), 1.0, "exact"))
                used_q.add(i)
                used_c.add(j)
                break
    if len(used_q) == len(q) or len(used_c) == len(c):
        return pairs
    # pass 2: the rest pair by spelling, concept, typo or initial, best first
    cands: list[tuple[float, Pair]] = []
    for i, a in enumerate(q):
        if i in used_q:
            continue
        la = len(a.text)
        for j, b in enumerate(c):
            if j in used_c:
                continue
            if initials and a.kind == b.kind == "core" and (
                (la == 1 and b.text.startswith(a.text))
                or (len(b.text) == 1 and a.text.startswith(b.text))
            ):
                cands.append((0.5, Pair((i,), (j,), 0.7, "initial")))
                continue
            if strict_start and not skeletons and a.text[0] != b.text[0] and a.key[:1] != b.key[:1] \
                    and a.kind == b.kind == "core":
                continue
            if not skeletons and abs(la - len(b.text)) > 3 and a.key != b.key and a.kind == b.kind == "core":
                continue
            if han_both and a.kind == b.kind == "core":
                continue  # two Han names: a different character is a different name
            sim, how = token_sim(a, b, fuzzy_min, strict_start, pinyin_strict, skeletons)
            if sim > 0:
                cands.append((sim * (la + len(b.text)), Pair((i,), (j,), sim, how)))
    more = _greedy(cands, used_q, used_c)
    if len(used_q) == len(q) or len(used_c) == len(c):
        return pairs + more
    # pass 3: one token against 2-3 adjacent unpaired tokens on the other side (jin ping ~ jinping)
    joined = _joined(q, c, used_q, used_c, skeletons, span_on_q=True)
    joined += _joined(c, q, used_c, used_q, skeletons, span_on_q=False)
    return pairs + more + _greedy(joined, used_q, used_c)


def _joined(
    spanned: tuple[Token, ...], single: tuple[Token, ...], used_s: set[int], used_1: set[int],
    skeletons: bool, span_on_q: bool,
) -> list[tuple[float, Pair]]:
    """Pairs of an unpaired span on one side with an unpaired token on the other."""
    tokens = {j: t for j, t in enumerate(single)
              if t.kind not in ("generic", "place") and j not in used_1}
    out: list[tuple[float, Pair]] = []
    if not tokens or len(spanned) - len(used_s) < 2:
        return out
    texts = {t.text for t in tokens.values()}
    keys = {t.key for t in tokens.values()}
    skels = {skeleton(t.text) for t in tokens.values()} if skeletons else set()
    for idx, text in _spans(spanned):
        if len(idx) < 2 or not used_s.isdisjoint(idx):
            continue
        key = phonetic_key(text)
        skel = skeleton(text) if skeletons else ""
        skel = skel if len(skel) >= 3 and skel in skels else ""
        if text not in texts and key not in keys and not skel:
            continue
        for j, t in tokens.items():
            if t.text == text or t.key == key or (skel and skeleton(t.text) == skel):
                sim = 1.0 if t.text == text else 0.95 if t.key == key else 0.8
                pair = Pair(idx, (j,), sim, "joined") if span_on_q else Pair((j,), idx, sim, "joined")
                out.append((2.0 * len(t.text), pair))
    return out


def _greedy(cands: list[tuple[float, Pair]], used_q: set[int], used_c: set[int]) -> list[Pair]:
    """Best first; marks what it uses in `used_q` / `used_c`."""
    cands.sort(key=lambda x: -x[0])
    pairs: list[Pair] = []
    for _, p in cands:
        if used_q.isdisjoint(p.q) and used_c.isdisjoint(p.c):
            pairs.append(p)
            used_q.update(p.q)
            used_c.update(p.c)
    return pairs
