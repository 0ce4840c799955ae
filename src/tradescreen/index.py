"""Candidate blocking: from a query, the few hundred listed names worth scoring.

Keys are phonetic token keys, joins of adjacent tokens (da jiang -> dajiang), and
initialisms (SZ DJI Technology -> "dt"; Yangtze Memory Technologies -> "ymt"). Fuzzy token
look-ups go through vocabulary buckets by first letter with a bounded edit distance, so a
typo still finds its name. Every key carries a rarity weight (IDF), which is also what the
scorer weighs tokens by.
"""

from __future__ import annotations

import heapq
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, overload

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tradescreen.model import Entity, entity_json
from tradescreen.names.analyze import (
    ANY,
    ORG,
    PERSON,
    PLACE_AS_NAME,
    NameForm,
    analyze,
    kind_of_schema,
)
from tradescreen.names.arabic import skeleton
from tradescreen.names.initialisms import initialisms
from tradescreen.names.vocab import phonetic_key

MAX_CANDIDATES = 100
COMMON_DF = 4000  # a key on more names than this blocks nothing on its own
FUZZY_CACHE = 200_000  # remembered fuzzy look-ups per process


class EntityTable(Sequence[Entity]):
    """Entities kept as compact JSON and decoded on first use.

    A check needs the full record only for the few names that score above the threshold,
    so the cache stays small and loading means reading bytes, not building objects.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.ids: list[str] = []
        self.schemas: list[str] = []
        self._raw: list[bytes] = []
        self._pos: dict[str, int] = {}
        self._decoded: dict[int, Entity] = {}
        for e in entities:
            self._pos[e.id] = len(self.ids)
            self.ids.append(e.id)
            self.schemas.append(sys.intern(e.schema))
            self._raw.append(entity_json(e).encode("utf-8"))

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> Entity: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Entity]: ...

    def __getitem__(self, i: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        e = self._decoded.get(i)
        if e is None:
            e = Entity.from_dict(json.loads(self._raw[i]))
            if len(self._decoded) > 50_000:
                self._decoded.clear()
            self._decoded[i] = e
        return e

    def raw_records(self) -> Sequence[bytes]:
        """Each entity as compact JSON bytes, undecoded: for scans over every record."""
        return self._raw

    def position(self, entity_id: str) -> int | None:
        return self._pos.get(entity_id)

    def __getstate__(self) -> dict[str, object]:
        return {"ids": self.ids, "schemas": self.schemas, "raw": self._raw}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.ids = state["ids"]  # type: ignore[assignment]
        self.schemas = state["schemas"]  # type: ignore[assignment]
        self._raw = state["raw"]  # type: ignore[assignment]
        self._pos = {k: i for i, k in enumerate(self.ids)}
        self._decoded = {}


class IndexedName(NamedTuple):
    entity: int  # position in Index.entities
    value: str
    kind: str  # name kind: primary, alias, ...
    form: NameForm


def _joins(form: NameForm) -> list[str]:
    """Keys of adjacent tokens written together, both as joined keys and as the key of the
    joined text: spelling rules can act across the seam (zhong+heng -> ...ngh...)."""
    core = [t for t in form.tokens if t.kind in ("core", "number", "particle")]
    out = []
    for i in range(len(core) - 1):
        for n in (2, 3):
            part = core[i : i + n]
            if len(part) == n:
                out.append("".join(t.key for t in part))
                out.append(phonetic_key("".join(t.text for t in part)))
    return list(dict.fromkeys(out))


def skeleton_keys(form: NameForm) -> list[str]:
    """Consonant keys of a person's name parts, to meet Arabic-script spellings."""
    if form.kind == ORG:
        return []
    return [f"s:{sk}" for t in form.tokens if t.kind == "core" and len(sk := skeleton(t.text)) >= 2]


def name_keys(form: NameForm) -> list[str]:
    keys = [f"t:{t.key}" for t in form.tokens if t.kind in ("core", "number", "particle")]
    keys += skeleton_keys(form)
    keys += [f"t:{j}" for j in _joins(form)]
    keys += [f"i:{s}" for s in initialisms(form)]
    if not any(k.startswith("t:") for k in keys):
        keys += [f"g:{t.concept}" for t in form.tokens]
    return list(dict.fromkeys(keys))


class Index:
    """All names of all loaded entities, analysed once, with postings by key."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = EntityTable(entities)
        self.names: list[IndexedName] = []
        postings: dict[str, list[int]] = defaultdict(list)
        df: dict[str, int] = defaultdict(int)
        for ei, e in enumerate(entities):
            kind = kind_of_schema(e.schema)
            for n in e.names:
                form = analyze(n.value, kind)
                if form.empty:
                    continue
                ni = len(self.names)
                self.names.append(IndexedName(ei, n.value, sys.intern(n.kind), form))
                for k in name_keys(form):
                    postings[k].append(ni)
                for t in {t.key if t.kind == "core" else t.concept for t in form.tokens}:
                    df[t] += 1
        self.postings: dict[str, list[int]] = dict(postings)
        n_names = max(len(self.names), 1)
        self._idf = {k: 1.0 + math.log((n_names + 1) / (v + 1)) for k, v in df.items()}
        self._max_idf = 1.0 + math.log(n_names + 1)
        # a person's name weight, to bound from the blocking weight alone how well it can
        # score: names that cannot reach a match are never aligned
        self.person_weight: list[float] = [
            _person_weight(n.form, self.idf) if n.form.kind == PERSON else 0.0 for n in self.names
        ]
        self.org_weight: list[float] = [
            _org_weight(n.form, self.idf) if n.form.kind != PERSON else 0.0 for n in self.names
        ]
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for k in self.postings:
            if k.startswith("t:") and len(k) >= 6:
                buckets[(k[2], len(k) - 2)].append(k[2:])
        self._buckets = dict(buckets)

    def idf(self, key: str) -> float:
        return self._idf.get(key, self._max_idf)

    def fuzzy_keys(self, key: str) -> list[str]:
        """Vocabulary keys within a typo of `key` (same first letter).

        Remembered per process: name parts repeat across a batch (Mohammed, Wang, Ltd).
        """
        cache: dict[str, list[str]] = self.__dict__.setdefault("_fuzzy_cache", {})
        hit = cache.get(key)
        if hit is None:
            if len(cache) > FUZZY_CACHE:
                cache.clear()
            hit = cache[key] = self._fuzzy_keys(key)
        return hit

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_fuzzy_cache", None)
        return state

    def _fuzzy_keys(self, key: str) -> list[str]:
        if len(key) < 4:
            return []
        allowed = 1 if len(key) < 8 else 2
        out: list[str] = []
        for n in range(len(key) - allowed, len(key) + allowed + 1):
            bucket = self._buckets.get((key[0], n))
            if bucket:
                hits = process.extract(key, bucket, scorer=Levenshtein.distance,
                                       score_cutoff=allowed, limit=12)
                out.extend(h[0] for h in hits if h[0] != key)
        return out

    def candidates(self, forms: Iterable[NameForm], limit: int = MAX_CANDIDATES) -> list[int]:
        """Name ids sharing rare keys with the query forms, best first.

        A name is kept only if the keys it shares carry at least half the rarity weight of
        the query's own tokens: one common first name shared is not a candidate.
        """
        acc: dict[int, float] = defaultdict(float)
        common: list[tuple[str, float]] = []
        keys: dict[str, float] = {}
        fuzzy_from: set[str] = set()
        wanted = []
        for form in forms:
            own = 0.0
            for k in name_keys(form):
                if k.startswith("s:") and form.script != "arabic":
                    continue  # consonant keys only bridge scripts; Latin names have their own
                keys.setdefault(k, 0.8 if k.startswith("s:") else 1.0)
            toks = [t.key for t in form.tokens if t.kind in ("core", "number", "particle")]
            if len(toks) == 1 and 2 <= len(toks[0]) <= 8:
                keys.setdefault(f"i:{toks[0]}", 1.0)
            for s in initialisms(form):
                keys.setdefault(f"t:{s}", 1.0)
            for t in form.tokens:
                if t.kind in ("core", "number"):
                    ids = self.postings.get(f"t:{t.key}")
                    if not ids or len(ids) <= COMMON_DF:
                        own += self.idf(t.key) * (0.5 if not ids else 1.0)
                    if t.kind == "core":
                        fuzzy_from.add(t.key)
            wanted.append(own)
        for key, factor in keys.items():
            self._add(key, factor, acc, common)
        for tk in sorted(fuzzy_from):  # a set's order varies by hash seed
            for fk in self.fuzzy_keys(tk):
                if f"t:{fk}" not in keys:
                    self._add(f"t:{fk}", 0.8, acc, common)
        if not acc:
            for key, w in common[:3]:
                for ni in self.postings.get(key, [])[: limit * 10]:
                    acc[ni] += w
            return heapq.nlargest(limit, acc, key=lambda ni: (acc[ni], -ni))
        floor = 0.55 * min(wanted) if wanted else 0.0
        best = heapq.nlargest(limit, acc.items(), key=lambda kv: (kv[1], -kv[0]))
        own = min(wanted) if wanted else 0.0
        out = []
        for ni, w in best:
            if w < floor:
                continue
            pw = self.person_weight[ni]
            if pw and own and person_bound(w / own, w / pw) < PERSON_FLOOR:
                continue
            ow = self.org_weight[ni]
            if ow and own and org_bound(w / own, w / ow) < ORG_FLOOR:
                continue
            out.append(ni)
        return out

    def _add(self, key: str, factor: float, acc: dict[int, float],
             common: list[tuple[str, float]]) -> None:
        ids = self.postings.get(key)
        if not ids:
            return
        w = self.idf(key[2:]) * factor
        if len(ids) > COMMON_DF:
            common.append((key, w))
            return
        for ni in ids:
            acc[ni] += w


PERSON_FLOOR = 0.6  # well under the threshold: the bound ignores spelling and joined parts
ORG_FLOOR = 0.45  # lower still: a query word may meet a listed place or business word


def person_bound(cov_q: float, cov_c: float) -> float:
    """The most a person's name can score with these coverages (see matching.scorer)."""
    a, b = min(cov_q, 1.0), min(cov_c, 1.0)
    return 0.35 * min(a, b) + 0.65 * max(a, b)


def org_bound(cov_q: float, cov_c: float) -> float:
    """The most an organisation's distinctive words can score (see matching.scorer)."""
    a, b = min(cov_q, 1.0), min(cov_c, 1.0)
    return min(a, b) * float(max(a, b) ** 0.5)


def _org_weight(form: NameForm, idf: Callable[[str], float]) -> float:
    """Weight of an organisation's distinctive words; 0 (never pruned) when it has none or
    only a place standing for the name, which the scorer compares whole."""
    core = [t for t in form.tokens if t.kind in ("core", "number")]
    if not core or all(t.concept == PLACE_AS_NAME for t in core):
        return 0.0
    return sum(idf(t.key) for t in core)


def _person_weight(form: NameForm, idf: Callable[[str], float]) -> float:
    return sum(idf(t.key) * (0.15 if t.kind == "particle" else 1.0)
               for t in form.tokens if t.kind in ("core", "number", "particle"))


def query_forms(name: str, schema: str | None) -> dict[str, NameForm]:
    """The query analysed each way it may need comparing: as a person and/or as an org."""
    kind = kind_of_schema(schema)
    if kind in (PERSON, ORG):
        return {kind: analyze(name, kind)}
    return {PERSON: analyze(name, PERSON), ORG: analyze(name, ORG), ANY: analyze(name, ANY)}
