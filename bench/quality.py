"""Match quality, side by side: tradescreen vs nomenklatura logic-v2 vs brute-force RapidFuzz.

    python bench/quality.py [--bench DIR] [--no-logic-v2] [--negatives N]

Prints P/R/F1 on the labelled name pairs and company pairs, recall on UN-listed people and
the false-alarm rate on synthetic people screened against the bundled lists.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "data" / "bench"

Scorer = Callable[[str, str, str], float]


def prf(rows: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for t, p in rows if t and p)
    fp = sum(1 for t, p in rows if not t and p)
    fn = sum(1 for t, p in rows if t and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_pairs(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r.get("name1") and r.get("name2")]


def tradescreen_scorer() -> tuple[Scorer, float]:
    from tradescreen.service import get_screener

    s = get_screener()
    return (lambda a, b, schema: s.compare(a, b, schema)[0]), s.threshold


def rapidfuzz_scorer() -> tuple[Scorer, float]:
    return (lambda a, b, schema: fuzz.token_sort_ratio(a.lower(), b.lower()) / 100.0), 0.85


def logic_v2_scorer() -> tuple[Scorer, float] | None:
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return None
    algo = get_algorithm("logic-v2")
    if algo is None:
        return None
    config = ScoringConfig.defaults()
    schemas = {"Company": "Company", "Organization": "Organization", "Person": "Person",
               "LegalEntity": "LegalEntity", "Vessel": "Vessel"}

    def score(a: str, b: str, schema: str) -> float:
        sch = schemas.get(schema, "LegalEntity")
        ea = model.make_entity(sch)
        ea.id = "a"
        ea.add("name", a)
        eb = model.make_entity(sch)
        eb.id = "b"
        eb.add("name", b)
        return float(algo.compare(ea, eb, config).score)

    return score, 0.7


def pair_quality(name: str, scorer: Scorer, thr: float, rows: list[dict[str, str]]) -> str:
    t0 = time.perf_counter()
    res = [(r["is_match"].strip().lower() == "true",
            scorer(r["name1"], r["name2"], r.get("schema") or "") >= thr) for r in rows]
    dt = time.perf_counter() - t0
    p, r, f = prf(res)
    return f"  {name:22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({len(rows)} pairs, {dt:.2f}s)"


def screen_people(limit_neg: int) -> list[str]:
    from tradescreen.service import get_screener

    s = get_screener()
    out = []
    with open(BENCH / "un_persons_positive.csv", newline="", encoding="utf-8") as fh:
        pos = list(csv.DictReader(fh))
    hits = 0
    misses = []
    for r in pos:
        m = s.check(r["full_name"], schema="Person", birth_date=r["date_of_birth"] or None,
                    limit=1)
        if m:
            hits += 1
        else:
            misses.append(r["full_name"])
    out.append(f"  UN people recall       {hits / len(pos):.4f}  ({hits}/{len(pos)})")
    if misses:
        out.append(f"    missed e.g.: {'; '.join(misses[:8])}")
    with open(BENCH / "synthetic_persons_negative.csv", newline="", encoding="utf-8") as fh:
        neg = list(csv.DictReader(fh))[:limit_neg]
    t0 = time.perf_counter()
    alarms = []
    for r in neg:
        m = s.check(r["full_name"], schema="Person", birth_date=r["date_of_birth"] or None,
                    limit=1)
        if m:
            alarms.append(f"{r['full_name']} -> {m[0].entity.caption} ({m[0].score:.2f})")
    dt = time.perf_counter() - t0
    out.append(f"  synthetic false alarms {len(alarms) / len(neg):.4f}  ({len(alarms)}/{len(neg)}, "
               f"{len(neg) / dt:.0f} checks/s)")
    for a in alarms[:10]:
        out.append(f"    {a}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--no-logic-v2", action="store_true")
    ap.add_argument("--negatives", type=int, default=50000)
    ap.add_argument("--pairs-only", action="store_true")
    args = ap.parse_args()
    scorers: list[tuple[str, tuple[Scorer, float] | None]] = [
        ("tradescreen", tradescreen_scorer()),
        ("rapidfuzz token_sort", rapidfuzz_scorer()),
    ]
    if not args.no_logic_v2:
        lv2 = logic_v2_scorer()
        scorers.append(("nomenklatura logic-v2", lv2))
        if lv2 is None:
            print("  (nomenklatura not installed: pip install nomenklatura)", file=sys.stderr)
    for fname in ("name_pairs_dev.csv", "company_pairs_dev.csv"):
        rows = load_pairs(args.bench / fname)
        print(f"{fname}:")
        for name, sc in scorers:
            if sc is not None:
                print(pair_quality(name, sc[0], sc[1], rows))
    if not args.pairs_only:
        print("people screened against the bundled lists (tradescreen):")
        for line in screen_people(args.negatives):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
