"""The name scorer `ts-name-v1`: one named, versioned algorithm, explained feature by feature.

The score is built from token alignment weighted by rarity, then adjusted by typed checks
that no string distance sees: a legal-form clash, a different industry word, a different
number, a place prefix on one side only. Every step records a Feature whose text is the
explanation a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tradescreen.matching.align import Pair, align
from tradescreen.model import Feature
from tradescreen.names.analyze import ORG, PERSON, NameForm, Token

ALGORITHM = "ts-name-v1"
THRESHOLD = 0.75  # the one documented default: at or above it, a name is reported as a match

Weigher = Callable[[str], float]

# business words too vague to tell two firms apart: "DJI Innovations" ~ "DJI Technology"
VAGUE = frozenset(
    "technology hi_tech science science_and_technology research innovation development "
    "information digital industry enterprises products international global services "
    "solutions systems group holding general new national state company".split()
)

# legal form types that may name the same company; anything else clashing counts against
_LEGAL_GROUPS = (
    {"limited", "company", "corporation", "private_limited", "public_limited", "llc", "group",
     "incorporated", "holding"},
    {"joint_stock", "public_limited", "corporation"},
    {"llc", "limited"},
)


@dataclass(frozen=True, slots=True)
class Params:
    kind_weight_generic: float = 0.3
    kind_weight_place: float = 0.25
    kind_weight_particle: float = 0.15
    extra_generic: float = 0.1  # per unit share of one-sided generic words
    generic_clash: float = 0.7
    place_clash: float = 0.85
    number_clash: float = 0.5
    legal_clash: float = 0.7
    vessel_owner: float = 0.7
    no_core: float = 0.45  # cap when the query has nothing distinctive


P = Params()


def _w(t: Token, idf: Weigher) -> float:
    base = idf(t.key if t.kind == "core" else t.concept)
    if t.kind == "generic":
        return base * P.kind_weight_generic
    if t.kind == "place":
        return base * P.kind_weight_place
    if t.kind == "particle":
        return base * P.kind_weight_particle
    return base


def _legal_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & b:
        return True
    return any(a & g and b & g for g in _LEGAL_GROUPS)


def _coverage(
    tokens: tuple[Token, ...], side: list[tuple[tuple[int, ...], float]], idf: Weigher,
    kinds: tuple[str, ...],
) -> tuple[float, float]:
    """(matched weight, total weight) over tokens of the given kinds."""
    total = sum(_w(t, idf) for t in tokens if t.kind in kinds)
    matched = 0.0
    for idx, sim in side:
        matched += sim * sum(_w(tokens[i], idf) for i in idx if tokens[i].kind in kinds)
    return matched, total


def score_names(q: NameForm, c: NameForm, idf: Weigher) -> tuple[float, list[Feature]]:
    """Score two analysed names in 0..1 with the features that made the score."""
    if q.empty or c.empty:
        return 0.0, [Feature("empty", 0.0, 1.0, "one of the names has no letters or digits")]
    person = q.kind == PERSON or c.kind == PERSON
    pairs = align(
        q.tokens, c.tokens,
        fuzzy_min=0.7 if person else 0.85,
        strict_start=not person,
        initials=person,
    )
    return (_score_person if person else _score_org)(q, c, pairs, idf)


def _sides(pairs: list[Pair]) -> tuple[list[tuple[tuple[int, ...], float]], list[tuple[tuple[int, ...], float]]]:
    return [(p.q, p.sim) for p in pairs], [(p.c, p.sim) for p in pairs]


def _describe(pairs: list[Pair], q: NameForm, c: NameForm) -> str:
    bits = []
    for p in pairs:
        a = " ".join(q.tokens[i].text for i in p.q)
        b = " ".join(c.tokens[i].text for i in p.c)
        bits.append(a if a == b else f"{a}~{b} ({p.how})")
    return ", ".join(bits) if bits else "nothing"


def _score_person(
    q: NameForm, c: NameForm, pairs: list[Pair], idf: Weigher
) -> tuple[float, list[Feature]]:
    qs, cs = _sides(pairs)
    kinds = ("core", "number", "particle")
    mq, tq = _coverage(q.tokens, qs, idf, kinds)
    mc, tc = _coverage(c.tokens, cs, idf, kinds)
    cov_q = mq / tq if tq else 0.0
    cov_c = mc / tc if tc else 0.0
    score = 0.6 * min(cov_q, cov_c) + 0.4 * max(cov_q, cov_c)
    feats = [Feature("name_tokens", score, 1.0,
                     f"name parts aligned: {_describe(pairs, q, c)}; "
                     f"{cov_q:.0%} of the query and {cov_c:.0%} of the listed name by rarity")]
    n_core_q = sum(1 for t in q.tokens if t.kind != "particle")
    n_core_c = sum(1 for t in c.tokens if t.kind != "particle")
    matched_core = sum(1 for p in pairs for i in p.q if q.tokens[i].kind != "particle")
    if min(n_core_q, n_core_c) >= 2 and matched_core < 2:
        score *= 0.6
        feats.append(Feature("single_part", 0.6, 1.0, "only one name part agrees"))
    initials = [p for p in pairs if p.how == "initial"]
    if initials and len(initials) == len(pairs):
        score *= 0.5
    return min(score, 1.0), feats


def _score_org(
    q: NameForm, c: NameForm, pairs: list[Pair], idf: Weigher
) -> tuple[float, list[Feature]]:
    qs, cs = _sides(pairs)
    core = ("core", "number")
    mq, tq = _coverage(q.tokens, qs, idf, core)
    mc, tc = _coverage(c.tokens, cs, idf, core)
    feats: list[Feature] = []
    if tq == 0 or tc == 0:
        # a name of generic words only ("General Trading") is compared whole
        kinds = ("core", "number", "generic", "place")
        mq, tq = _coverage(q.tokens, qs, idf, kinds)
        mc, tc = _coverage(c.tokens, cs, idf, kinds)
    cov_q = mq / tq if tq else 0.0
    cov_c = mc / tc if tc else 0.0
    score = cov_q * (cov_c**0.5) if cov_q <= cov_c else cov_c * (cov_q**0.5)
    feats.append(Feature("core_name", score, 1.0,
                         f"distinctive words aligned: {_describe(pairs, q, c)}; "
                         f"{cov_q:.0%} of the query's and {cov_c:.0%} of the listed name's "
                         "distinctive weight"))
    if not q.core:
        score = min(score, P.no_core)
        feats.append(Feature("no_core", P.no_core, 1.0,
                             "the query holds only generic words, places or legal forms"))

    used_q = {i for p in pairs for i in p.q}
    used_c = {i for p in pairs for i in p.c}
    loose_q = [t for i, t in enumerate(q.tokens) if i not in used_q]
    loose_c = [t for i, t in enumerate(c.tokens) if i not in used_c]

    def kinds(ts: list[Token], k: str) -> list[Token]:
        return [t for t in ts if t.kind == k]

    gq, gc = kinds(loose_q, "generic"), kinds(loose_c, "generic")
    specific_q = [t for t in gq if t.concept not in VAGUE]
    specific_c = [t for t in gc if t.concept not in VAGUE]
    if specific_q and specific_c or (gq and gc and (specific_q or specific_c)):
        score *= P.generic_clash
        feats.append(Feature("generic_clash", P.generic_clash, 1.0,
                             f"different business words: {' '.join(t.text for t in gq)} vs "
                             f"{' '.join(t.text for t in gc)}"))
    elif gq or gc:
        n_all = sum(1 for t in q.tokens + c.tokens if t.kind == "generic") or 1
        f = 1.0 - P.extra_generic * len(gq or gc) / n_all
        score *= f
        feats.append(Feature("extra_generic", f, 1.0,
                             f"business words on one side only: {' '.join(t.text for t in gq or gc)}"))
    pq, pc = kinds(loose_q, "place"), kinds(loose_c, "place")
    if pq and pc:
        score *= P.place_clash
        feats.append(Feature("place_clash", P.place_clash, 1.0,
                             f"different places: {' '.join(t.text for t in pq)} vs "
                             f"{' '.join(t.text for t in pc)}"))
    elif pq or pc:
        feats.append(Feature("extra_place", 1.0, 0.0,
                             f"place on one side only, ignored: {' '.join(t.text for t in pq or pc)}"))
    nq, nc = kinds(loose_q, "number"), kinds(loose_c, "number")
    if nq or nc:
        score *= P.number_clash
        feats.append(Feature("number_clash", P.number_clash, 1.0,
                             f"numbers differ: {' '.join(t.text for t in nq + nc)}"))
    if not _legal_compatible(q.legal, c.legal):
        score *= P.legal_clash
        feats.append(Feature("legal_clash", P.legal_clash, 1.0,
                             f"legal forms differ: {'/'.join(sorted(q.legal))} vs "
                             f"{'/'.join(sorted(c.legal))}"))
    elif q.legal and c.legal:
        feats.append(Feature("legal_form", 1.0, 0.0,
                             f"legal forms compatible: {'/'.join(sorted(q.legal))} ~ "
                             f"{'/'.join(sorted(c.legal))}"))
    if q.vessel != c.vessel and (q.legal or c.legal):
        score *= P.vessel_owner
        feats.append(Feature("vessel_owner", P.vessel_owner, 1.0,
                             "a ship's name against a company's"))
    return min(score, 1.0), feats


def compare(name1: str, name2: str, schema: str | None = None,
            idf: Weigher | None = None) -> tuple[float, list[Feature]]:
    """Score two raw names (the `compare` command); no index needed."""
    from tradescreen.names.analyze import analyze, kind_of_schema

    kind = kind_of_schema(schema)
    a, b = analyze(name1, kind), analyze(name2, kind)
    if kind not in (PERSON, ORG) and (a.kind == ORG or b.kind == ORG):
        a, b = analyze(name1, ORG), analyze(name2, ORG)
    return score_names(a, b, idf or default_idf)


def default_idf(key: str) -> float:
    """Rarity without an index: longer tokens are rarer; good enough for two names alone."""
    return min(1.0 + len(key) * 0.35, 4.0)
