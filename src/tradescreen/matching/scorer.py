"""The name scorer `ts-name-v1`: one named, versioned algorithm, explained feature by feature.

The score is built from token alignment weighted by rarity, then adjusted by typed checks
that no string distance sees: a legal-form clash, a different industry word, a different
number, a place prefix on one side only. Every step records a Feature whose text is the
explanation a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from tradescreen.matching.align import Pair, align
from tradescreen.model import Feature
from tradescreen.names.analyze import ORG, PERSON, PLACE_AS_NAME, NameForm, Token
from tradescreen.names.initialisms import acronym_of
from tradescreen.names.vocab import is_pinyin

ALGORITHM = "ts-name-v1"
THRESHOLD = 0.75  # the one documented default: at or above it, a name is reported as a match

Weigher = Callable[[str], float]

# business words too vague to tell two firms apart: "DJI Innovations" ~ "DJI Technology"
# legal form types that cannot name the same company (an AG is not a GmbH); others may
# (Chinese firms write "Co., Ltd." for both 有限公司 and 股份有限公司)
_LEGAL_CLASHES = (
    ({"llc"}, {"joint_stock", "public_limited"}),
    ({"partnership"}, {"joint_stock", "public_limited", "llc", "corporation", "limited"}),
    ({"cooperative"}, {"joint_stock", "public_limited", "llc", "corporation", "limited"}),
    ({"nonprofit"}, {"joint_stock", "public_limited", "llc", "corporation", "limited"}),
    ({"sole_proprietorship"}, {"joint_stock", "public_limited", "corporation"}),
)

VAGUE = frozenset(
    "technology hi_tech science science_and_technology innovation development information "
    "digital international global new general national state company group".split()
)

@dataclass(frozen=True, slots=True)
class Params:
    kind_weight_generic: float = 0.3
    kind_weight_place: float = 0.25
    kind_weight_particle: float = 0.15
    extra_vague: float = 0.97  # per one-sided vague business word (technology)
    extra_specific: float = 0.85  # per one-sided specific business word (marine)
    person_clash: float = 0.8  # a name part on each side that pairs with nothing
    generic_clash: float = 0.7
    generic_differs: float = 0.8  # a specific business word against a vague one
    place_clash: float = 0.85
    country_clash: float = 0.6  # Banco Santander Mexico is not Banco Santander Chile
    extra_country: float = 0.75  # Marrowby Chemicals (Thailand) is not Marrowby Chemicals
    number_clash: float = 0.5
    legal_clash: float = 0.7
    vessel_owner: float = 0.7
    whole_name: float = 0.3  # share of the score that the whole-name coverage decides
    initialism: float = 0.85  # YMTC ~ Yangtze Memory Technologies Co., Ltd.
    no_core: float = 0.45  # cap when the query has nothing distinctive


P = Params()


def _w(t: Token, idf: Weigher, generic_full: bool = False) -> float:
    base = idf(t.key if t.kind == "core" else t.concept)
    if t.kind == "generic":
        return base if generic_full else base * P.kind_weight_generic
    if t.kind == "place":
        return base * P.kind_weight_place
    if t.kind == "particle":
        return base * P.kind_weight_particle
    return base


def _penalty(feats: list[Feature], name: str, factor: float, text: str) -> float:
    """Record a penalty as a feature and return its factor, for `score *= _penalty(...)`."""
    feats.append(Feature(name, factor, 1.0, text))
    return factor


def _words(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _legal_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & b:
        return True
    for x, y in _LEGAL_CLASHES:
        if (a & x and b & y and not a & y) or (b & x and a & y and not b & y):
            return False
    return True


def _coverage(
    tokens: tuple[Token, ...], side: list[tuple[tuple[int, ...], float]], idf: Weigher,
    kinds: tuple[str, ...], generic_full: bool = False,
) -> tuple[float, float]:
    """(matched weight, total weight) over tokens of the given kinds."""
    total = sum(_w(t, idf, generic_full) for t in tokens if t.kind in kinds)
    matched = 0.0
    for idx, sim in side:
        matched += sim * sum(_w(tokens[i], idf, generic_full) for i in idx
                             if tokens[i].kind in kinds)
    return matched, total


def score_names(q: NameForm, c: NameForm, idf: Weigher) -> tuple[float, list[Feature]]:
    """Score two analysed names in 0..1 with the features that made the score."""
    if q.empty or c.empty:
        return 0.0, [Feature("empty", 0.0, 1.0, "one of the names has no letters or digits")]
    person = q.kind == PERSON or c.kind == PERSON
    # Chen/Cheng are two names only when both names are Chinese: Putin/Pudin is a typo
    chinese = "han" in (q.script, c.script) or any(
        t.kind == "place" and len(t.concept) > 2 for t in q.tokens + c.tokens
    ) or any(all(is_pinyin(t.text) for t in f.core if t.kind == "core") for f in (q, c))
    pairs = align(
        q.tokens, c.tokens,
        fuzzy_min=0.7 if person else 0.8,
        strict_start=not person,
        initials=person,
        pinyin_strict=chinese,
        han_both=q.script == c.script == "han",
        skeletons=(q.script == "arabic") != (c.script == "arabic"),
    )
    score, feats = (_score_person if person else _score_org)(q, c, pairs, idf)
    if not person and score < THRESHOLD:
        for short, full in ((q, c), (c, q)):
            acro = short.tokens[0].text if len(short.tokens) == 1 else ""
            if acro and len(full.tokens) >= 2 and acronym_of(acro, full):
                # three letters name many firms; four or more, few
                value = P.initialism if len(acro) >= 4 else 0.78 if len(acro) == 3 else 0.6
                return value, [Feature("initialism", value, 1.0,
                                       f"{acro.upper()} is the initialism of {full.original}")]
    if score < THRESHOLD and (len(q.tokens) == 1 or len(c.tokens) == 1):
        # a name written without spaces: EtsSanogoetTraore ~ Ets Sanogo et Traore
        a, b = _compact(q.original), _compact(c.original)
        if min(len(a), len(b)) >= 8:
            sim = Levenshtein.normalized_similarity(a, b)
            if sim >= 0.9 and sim > score:
                return sim, [Feature("compact", sim, 1.0,
                                     f"the names agree with spaces and punctuation removed ({sim:.0%})")]
    return score, feats


def _han(name: str) -> str:
    from tradescreen.names.text import has_han, to_simplified

    return "".join(ch for ch in to_simplified(name) if has_han(ch))


def _compact(name: str) -> str:
    from tradescreen.names.text import ascii_tokens, clean

    return "".join(ascii_tokens(clean(name)))


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
    score = 0.35 * min(cov_q, cov_c) + 0.65 * max(cov_q, cov_c)
    feats = [Feature("name_tokens", score, 1.0,
                     f"name parts aligned: {_describe(pairs, q, c)}; "
                     f"{cov_q:.0%} of the query and {cov_c:.0%} of the listed name by rarity")]
    n_core_q = sum(1 for t in q.tokens if t.kind != "particle")
    n_core_c = sum(1 for t in c.tokens if t.kind != "particle")
    matched_core = sum(1 for p in pairs for i in p.q if q.tokens[i].kind != "particle")
    if min(n_core_q, n_core_c) >= 2 and matched_core < 2:
        score *= 0.6
        feats.append(Feature("single_part", 0.6, 1.0, "only one name part agrees"))
    elif min(n_core_q, n_core_c) == 1 and max(n_core_q, n_core_c) >= 2:
        score *= 0.8
        feats.append(Feature("single_part", 0.8, 1.0,
                             "a one-part name against a name of several parts"))
    used_q = {i for p in pairs for i in p.q}
    used_c = {i for p in pairs for i in p.c}
    loose_q = [t for i, t in enumerate(q.tokens) if i not in used_q and t.kind == "core"]
    loose_c = [t for i, t in enumerate(c.tokens) if i not in used_c and t.kind == "core"]
    if loose_q and loose_c and pairs:
        score *= P.person_clash
        feats.append(Feature("name_clash", P.person_clash, 1.0,
                             f"name parts that pair with nothing: {' '.join(t.text for t in loose_q)}"
                             f" vs {' '.join(t.text for t in loose_c)}"))
    if q.script == c.script == "han":
        a, b = _han(q.original), _han(c.original)
        if a and b and a != b:
            # pinyin merges characters (高石/高市 are both gaoshi): the characters decide
            f = Levenshtein.normalized_similarity(a, b) ** 2
            score *= f
            feats.append(Feature("han_characters", f, 1.0,
                                 f"the Han characters differ: {a} vs {b}"))
    initials = [p for p in pairs if p.how == "initial"]
    if initials and len(initials) == len(pairs):
        score *= 0.5
    return min(score, 1.0), feats


def _score_org(
    q: NameForm, c: NameForm, pairs: list[Pair], idf: Weigher
) -> tuple[float, list[Feature]]:
    qs, cs = _sides(pairs)
    core = ("core", "number")
    every = ("core", "number", "generic", "place", "particle")
    aq, atq = _coverage(q.tokens, qs, idf, every)
    ac, atc = _coverage(c.tokens, cs, idf, every)
    all_cov = min(aq / atq if atq else 0.0, ac / atc if atc else 0.0)
    mq, tq = _coverage(q.tokens, qs, idf, core)
    mc, tc = _coverage(c.tokens, cs, idf, core)
    feats: list[Feature] = []
    place_named = any(all(t.concept == PLACE_AS_NAME for t in f.core) for f in (q, c))
    if tq == 0 or tc == 0 or place_named:
        # a name of generic words only ("General Trading"), or a place and business words
        # ("Harbin Institute of Technology"), is compared whole, every word counting
        mq, tq = _coverage(q.tokens, qs, idf, every, generic_full=True)
        mc, tc = _coverage(c.tokens, cs, idf, every, generic_full=True)
    cov_q = mq / tq if tq else 0.0
    cov_c = mc / tc if tc else 0.0
    score = cov_q * (cov_c**0.5) if cov_q <= cov_c else cov_c * (cov_q**0.5)
    # the whole name, business words and places included, tempers the distinctive score
    score *= (1.0 - P.whole_name) + P.whole_name * all_cov
    feats.append(Feature("core_name", score, 1.0,
                         f"distinctive words aligned: {_describe(pairs, q, c)}; "
                         f"{cov_q:.0%} of the query's and {cov_c:.0%} of the listed name's "
                         "distinctive weight"))
    bare_place = bool(q.core) and all(t.concept == PLACE_AS_NAME for t in q.tokens) and not q.legal
    if (not q.core and c.core) or bare_place:
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
    if gq and gc and not (specific_q and specific_c) and (specific_q or specific_c):
        score *= _penalty(feats, "generic_differs", P.generic_differs,
                          f"business words differ a little: {_words(gq)} vs {_words(gc)}")
    elif specific_q and specific_c:
        score *= _penalty(feats, "generic_clash", P.generic_clash,
                          f"different business words: {_words(gq)} vs {_words(gc)}")
    elif gq or gc:
        extra = gq or gc
        # a Han name spells out industry words its English form drops (创新, 集成电路)
        translated = "han" in (q.script, c.script)
        n_specific = 0 if translated else sum(1 for t in extra if t.concept not in VAGUE)
        f = max(0.6, P.extra_specific**n_specific * P.extra_vague ** (len(extra) - n_specific))
        score *= f
        feats.append(Feature("extra_generic", f, 1.0,
                             f"business words on one side only: {' '.join(t.text for t in gq or gc)}"))
    pq, pc = kinds(loose_q, "place"), kinds(loose_c, "place")
    if pq and pc and any(len(t.concept) == 2 for t in pq) and any(len(t.concept) == 2 for t in pc):
        score *= _penalty(feats, "country_clash", P.country_clash,
                          f"different countries: {_words(pq)} vs {_words(pc)}")
    elif pq and pc:
        score *= _penalty(feats, "place_clash", P.place_clash,
                          f"different places: {_words(pq)} vs {_words(pc)}")
    elif pq or pc:
        extra = pq or pc
        if any(len(t.concept) == 2 and t.concept != "cn" for t in extra):
            score *= P.extra_country
            feats.append(Feature("extra_country", P.extra_country, 1.0,
                                 f"a country on one side only (a foreign subsidiary?): "
                                 f"{' '.join(t.text for t in extra)}"))
        else:
            feats.append(Feature("extra_place", 1.0, 0.0,
                                 f"place on one side only, ignored: {' '.join(t.text for t in extra)}"))
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
    from tradescreen.names.analyze import kind_of_schema

    return compare_names(name1, name2, kind_of_schema(schema), idf or default_idf)


def compare_names(name1: str, name2: str, kind: str, idf: Weigher) -> tuple[float, list[Feature]]:
    """Best score over the names' alternatives (residue cut, former names split off)."""
    from tradescreen.names.analyze import analyze
    from tradescreen.names.residue import alternatives

    best: tuple[float, list[Feature]] = (0.0, [])
    for n1 in alternatives(name1):
        for n2 in alternatives(name2):
            a, b = analyze(n1, kind), analyze(n2, kind)
            if kind not in (PERSON, ORG) and (a.kind == ORG or b.kind == ORG):
                a, b = analyze(n1, ORG), analyze(n2, ORG)
            result = score_names(a, b, idf)
            if result[0] > best[0] or not best[1]:
                best = result
    return best


def default_idf(key: str) -> float:
    """Rarity without an index: longer tokens are rarer; good enough for two names alone."""
    return min(1.0 + len(key) * 0.35, 4.0)
