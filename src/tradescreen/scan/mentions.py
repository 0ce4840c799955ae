"""Scan free text (news, contracts, invoices) for every listed party it names.

One pass of an Aho-Corasick automaton finds the distinctive words of listed names (and
Han brand and name cores); around each hit the capitalised run of words it sits in is cut
into candidate spans, each span is scored by the matcher against the listed names holding
its rarest word, and the best span that passes the mention rules is kept. The rules (in
scan_rules.py) are what keep places, common words, fragments and addresses out.

Each mention reports its best listed entry; `also` holds the other entries that match the
same words equally well (the same firm on the Entity List, 1260H and NS-CMIC), and the
entity table counts every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tradescreen.matching.scorer import score_names
from tradescreen.model import Feature, Match
from tradescreen.names.analyze import ANY, ORG, PERSON, NameForm
from tradescreen.names.text import clean, has_han, to_simplified
from tradescreen.scan.chunks import (
    han_address_after,
    han_extensions,
    has_name_neighbour,
    latin_chunk,
)
from tradescreen.scan.index import HAN, ScanIndex, fold, scan_index
from tradescreen.scan.rules import (
    Candidate,
    accept_candidate,
    latin_spans,
    span_allowed,
    worth_scoring,
)
from tradescreen.screen import Screener

CHUNK_CHARS = 1_000_000  # text is scanned in pieces this long ...
OVERLAP = 2_000  # ... overlapping by this much, so a name across a cut is still found
MAX_CANDIDATES = 400
PREFILTER = 0.5  # share of a listed name's word weight the span must hold to be scored
NEAR = 0.06  # a longer span scoring this close to the best one is the name as written
_KIND_RANK = {"primary": 0, "alias": 1, "original_script": 2, "former": 3, "weak_alias": 4}
_DATASET_RANK = {d: i for i, d in enumerate(
    ["us_bis_el", "us_ofac_sdn", "un_sc", "eu_fsf", "gb_fcdo", "us_dod_1260h",
     "us_ofac_cons", "us_fcc_covered"])}


@dataclass(slots=True)
class Mention:
    """One place in the text that names a listed party."""

    start: int
    end: int
    text: str
    match: Match
    also: list[Match] = field(default_factory=list)

    @property
    def matches(self) -> list[Match]:
        return [self.match, *self.also]

    def to_dict(self) -> dict[str, Any]:
        e = self.match.entity
        return {
            "start": self.start, "end": self.end, "text": self.text,
            "id": e.id, "dataset": e.dataset, "caption": e.caption, "schema": e.schema,
            "matched_name": self.match.matched_name, "score": round(self.match.score, 4),
            "explanation": [f.to_dict() for f in self.match.explanation],
            "also": [m.entity.id for m in self.also],
        }


@dataclass(slots=True)
class ScanResult:
    """Mentions in text order, and the listed entries they name."""

    text: str
    mentions: list[Mention]
    threshold: float

    def entities(self) -> list[dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for m in self.mentions:
            for match in m.matches:
                e = match.entity
                row = rows.get(e.id)
                if row is None:
                    row = rows[e.id] = {
                        "id": e.id, "dataset": e.dataset, "caption": e.caption,
                        "schema": e.schema, "count": 0, "programs": list(e.programs),
                        "listed_on": e.listed_on, "citations": list(e.citations),
                        "source_url": e.source_url,
                    }
                row["count"] += 1
        return sorted(rows.values(), key=lambda r: (-r["count"], r["caption"], r["id"]))

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"mentions": [m.to_dict() for m in self.mentions],
                             "entities": self.entities(), "threshold": self.threshold}
        if include_text:
            d["text"] = self.text
        return d


def scan_text(screener: Screener, text: str, threshold: float | None = None) -> ScanResult:
    """Every mention of a listed party in `text`; offsets index `text` itself."""
    thr = screener.threshold if threshold is None else threshold
    return ScanResult(text, find_mentions(screener, text, thr), thr)


def find_mentions(screener: Screener, text: str, threshold: float) -> list[Mention]:
    """Mentions in text order; long text goes in overlapping pieces (bounded working memory).

    Bare short forms (AMD, NEC: acronyms not in the brand table) count only where a fuller
    name of the same listed entry is also found in the text.
    """
    scanner = _Scanner(screener, threshold)
    out: list[Mention] = []
    pending: list[Mention] = []
    for start in range(0, max(len(text), 1), CHUNK_CHARS):
        lo = max(0, start - OVERLAP)
        hi = min(len(text), start + CHUNK_CHARS + OVERLAP)
        for m, needs_support in scanner.scan_piece(text[lo:hi], lo):
            if start <= m.start < start + CHUNK_CHARS:
                (pending if needs_support else out).append(m)
    confirmed = {x.entity.id for m in out for x in m.matches}
    out += [m for m in pending if any(x.entity.id in confirmed for x in m.matches)]
    out.sort(key=lambda m: m.start)
    return out


class _Scanner:
    def __init__(self, screener: Screener, threshold: float) -> None:
        self.screener = screener
        self.threshold = threshold
        self.si: ScanIndex = scan_index(screener)
        self.cache: dict[str, list[Candidate]] = {}
        self._weights: dict[int, tuple[tuple[str, float], ...]] = {}

    def scan_piece(self, piece: str, offset: int) -> list[tuple[Mention, bool]]:
        folded = fold(piece)
        han_text = piece
        if has_han(piece):
            simp = to_simplified(folded)
            if len(simp) == len(folded):
                folded, han_text = simp, to_simplified(piece)
        found: list[tuple[int, int, list[Candidate], bool]] = []
        han_hits: list[tuple[int, int]] = []
        hits: list[tuple[int, int, bool]] = []
        for end, (kind, _key, plen, lower_ok, weak) in self.si.automaton.iter(  # type: ignore[attr-defined]
                f" {folded} "):
            if kind == HAN:
                han_hits.append((end - plen, end))
                continue
            s = end - plen + 1
            if not (lower_ok or piece[s].isupper() or piece[s].isdigit()):
                continue
            if weak and not has_name_neighbour(piece, s, end - 1):
                continue  # "in Beijing", "Investors said": alone, never a mention
            hits.append((s, end - 1, lower_ok))
        done = -1
        for n, (s, e, lower_ok) in enumerate(hits):
            if s < done:
                continue  # in a chunk already scanned
            chunk = latin_chunk(piece, s, e, lower_ok)
            if chunk is None:
                continue
            done = chunk.end
            starts = {h[0] for h in hits[n:n + 50] if h[0] < done}
            marks = {k for k, t in enumerate(chunk.toks) if t.start in starts}
            found.extend(self._best_spans(piece, chunk, marks))
        found.extend(self._han(piece, han_text, han_hits))
        found.sort(key=lambda f: (-f[2][0].score, -(f[1] - f[0]), f[0]))
        kept: list[tuple[int, int, list[Candidate], bool]] = []
        for f in found:  # overlapping spans from different hits: the best one wins
            if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
                kept.append(f)
        kept.sort(key=lambda f: f[0])
        return [(self._mention(piece, offset, s, e, cands), pending)
                for s, e, cands, pending in kept]

    def _best_spans(self, piece: str, chunk: Any, marks: set[int]
                    ) -> list[tuple[int, int, list[Candidate], bool]]:
        scored = []
        for span in latin_spans(chunk, piece, self.si, marks):
            s, e = span.start, span.end
            if not worth_scoring(chunk.toks[span.i:span.j + 1], self.si):
                continue
            cands = self.score(piece[s:e])
            ok = [c for c in cands if accept_candidate(c, self.si)]
            if ok and span_allowed(span, ok[0], chunk, self.si):
                scored.append((s, e, ok, span.needs_support, span.n_words))
        chosen: list[tuple[int, int, list[Candidate], bool]] = []
        while scored:
            best = max(c[2][0].score for c in scored)
            near = [c for c in scored if c[2][0].score >= best - NEAR]
            pick = max(near, key=lambda c: (c[4], c[2][0].score))
            chosen.append(pick[:4])
            scored = [c for c in scored if c[1] <= pick[0] or c[0] >= pick[1]]
        return chosen

    def _han(self, piece: str, han_text: str, hits: list[tuple[int, int]]
             ) -> list[tuple[int, int, list[Candidate], bool]]:
        out: list[tuple[int, int, list[Candidate], bool]] = []
        covered = -1
        for s, e in sorted(hits, key=lambda h: (h[0], -h[1])):
            if s < covered:
                continue
            best: tuple[int, int, list[Candidate]] | None = None
            for ls, re_ in han_extensions(han_text, s, e):
                if han_address_after(han_text, re_):
                    continue
                cands = [c for c in self.score(piece[ls:re_])
                         if c.c.kind != PERSON or re_ - ls >= 3]
                if not cands:
                    continue
                if best is None or cands[0].score > best[2][0].score + NEAR or (
                        cands[0].score >= best[2][0].score - NEAR and re_ - ls > best[1] - best[0]):
                    best = (ls, re_, cands)  # the longest span within NEAR of the best
            if best is not None:
                out.append((best[0], best[1], best[2], False))
                covered = best[1]
        return out

    def score(self, span_text: str) -> list[Candidate]:
        """Listed names matching one span at or above the threshold, best entry first."""
        text = clean(span_text)
        hit = self.cache.get(text)
        if hit is not None:
            return hit
        if len(self.cache) > 50_000:
            self.cache.clear()
        result = self._score(text)
        self.cache[text] = result
        return result

    def _score(self, text: str) -> list[Candidate]:
        from tradescreen.index import query_forms
        from tradescreen.names.initialisms import initialisms

        index = self.screener.index
        forms = query_forms(text, None)
        postings = index.postings
        names: set[int] = set()
        for form in forms.values():  # per reading: the postings of its rarest word
            keys = [f"t:{t.key}" for t in form.tokens if t.kind == "core"]
            if not keys:  # industry words and places only: "Bank of Russia"
                keys = [f"g:{t.concept}" for t in form.tokens]
            for ini in initialisms(form):  # 中芯国际 -> "smi", as the lists' full names
                named = postings.get(f"i:{ini}", [])
                if len(named) <= MAX_CANDIDATES:
                    names.update(named)
            ranked = sorted((k for k in set(keys) if k in postings), key=lambda k: len(postings[k]))
            if not ranked:
                continue
            ids = self.si.postings(self.screener, ranked[0])
            if len(ids) > MAX_CANDIDATES:
                if len(ranked) > 1:
                    ids = ids & self.si.postings(self.screener, ranked[1])
                else:  # one word ("DJI", key "ji"): never a person, so only firms
                    ids = frozenset(i for i in ids if index.names[i].form.kind != PERSON)
            names.update(ids)
        best: dict[int, Candidate] = {}
        idf = index.idf
        qkeys = {id(f): {t.key for t in f.tokens} for f in forms.values()}
        for ni in names:
            cand = index.names[ni]
            ck = cand.form.kind
            qf: NameForm = (forms.get(ck) or forms.get(ORG if ck == ANY else PERSON)
                            or next(iter(forms.values())))
            weights = self._weights.get(ni)
            if weights is None:
                weights = self._weights[ni] = tuple(
                    (t.key, idf(t.key)) for t in cand.form.tokens if t.kind == "core")
            if weights:  # most of the listed name's distinctive weight must be in the span
                have = qkeys[id(qf)]
                total = sum(w for _, w in weights)
                if sum(w for k, w in weights if k in have) < PREFILTER * total:
                    continue
            score, feats = score_names(qf, cand.form, index.idf)
            if cand.kind == "weak_alias":
                score *= 0.9
                feats.append(Feature("weak_alias", 0.9, 1.0, "matched a weak (low-quality) alias"))
            if score < self.threshold:
                continue
            prev = best.get(cand.entity)
            c = Candidate(cand.entity, ni, cand.value, cand.kind, score, feats, qf, cand.form,
                          index.entities.schemas[cand.entity])
            if prev is None or c.rank < prev.rank:
                best[cand.entity] = c
        return sorted(best.values(), key=lambda c: c.rank)

    def _mention(self, piece: str, offset: int, s: int, e: int,
                 cands: list[Candidate]) -> Mention:
        entities = self.screener.index.entities
        top = cands[0]
        group = [c for c in cands if c.quality == top.quality]
        group.sort(key=lambda c: (_KIND_RANK.get(c.name_kind, 9),
                                  _DATASET_RANK.get(entities[c.entity].dataset, 99),
                                  entities[c.entity].id))
        matches = [Match(entities[c.entity], c.name, c.score, c.features) for c in group]
        return Mention(offset + s, offset + e, piece[s:e], matches[0], matches[1:])
