"""Check speed, side by side: tradescreen vs a brute-force RapidFuzz scan (and logic-v2's
pair throughput), with cold load time and resident memory.

    python bench/speed.py [--queries N]

Cold load is measured in fresh processes: once with no index cache (first run after
install) and once with the cache warm (every later run).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "data" / "bench"

COLD = """
import time, resource, json
t = time.perf_counter()
from tradescreen.service import get_screener
s = get_screener()
load = time.perf_counter() - t
t = time.perf_counter()
s.check("Hangzhou Hikvision Digital Technology")
first = time.perf_counter() - t
print(json.dumps({"load": load, "first_check": first,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold_load(cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "TRADESCREEN_CACHE_DIR": cache_dir}
    out = subprocess.run([sys.executable, "-c", COLD], env=env, capture_output=True, text=True,
                         check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def queries(n: int) -> list[tuple[str, str | None]]:
    rng = random.Random(7)
    out: list[tuple[str, str | None]] = []
    with open(BENCH / "un_persons_positive.csv", encoding="utf-8") as fh:
        out += [(r["full_name"], "Person") for r in csv.DictReader(fh)]
    with open(BENCH / "synthetic_persons_negative.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        out += [(r["full_name"], "Person") for r in rng.sample(rows, min(len(rows), n))]
    with open(BENCH / "company_pairs_dev.csv", encoding="utf-8") as fh:
        out += [(r["name1"], None) for r in csv.DictReader(fh)]
    rng.shuffle(out)
    return out[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--brute", type=int, default=40, help="queries for the brute-force baseline")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        first = cold_load(cache)
        warm = cold_load(cache)
    print(f"cold load, no index cache:   {first['load']:.2f} s (first check {first['first_check'] * 1000:.1f} ms)")
    print(f"cold load, index cache warm: {warm['load']:.2f} s (first check {warm['first_check'] * 1000:.1f} ms), "
          f"peak RSS {warm['rss_mb']:.0f} MB")

    from tradescreen.service import get_screener

    s = get_screener()
    qs = queries(args.queries)
    for q, schema in qs[:50]:  # warm-up
        s.check(q, schema=schema)
    lat = []
    t0 = time.perf_counter()
    for q, schema in qs:
        t = time.perf_counter()
        s.check(q, schema=schema)
        lat.append(time.perf_counter() - t)
    total = time.perf_counter() - t0
    lat.sort()
    p50 = statistics.median(lat) * 1000
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000
    rate = len(qs) / total
    print(f"tradescreen check: {len(qs)} names, {rate:,.0f} names/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms")

    names = [n.value for n in s.index.names]
    sample = qs[: args.brute]
    t0 = time.perf_counter()
    for q, _ in sample:
        process.extract(q, names, scorer=fuzz.token_sort_ratio, limit=10, score_cutoff=85)
    brute = (time.perf_counter() - t0) / len(sample)
    print(f"brute-force RapidFuzz over {len(names):,} names: {1 / brute:,.1f} names/s, "
          f"{brute * 1000:.1f} ms per check -> tradescreen is {brute / (total / len(qs)):.0f}x faster")
    try:
        sys.path.insert(0, str(Path(__file__).parent))
        from quality import logic_v2_scorer

        lv2 = logic_v2_scorer()
    except Exception:  # noqa: BLE001 - the baseline is optional
        lv2 = None
    if lv2 is not None:
        score, _ = lv2
        pairs = [(q, names[i]) for i, (q, _) in enumerate(sample * 5)]
        t0 = time.perf_counter()
        for a, b in pairs:
            score(a, b, "LegalEntity")
        per = (time.perf_counter() - t0) / len(pairs)
        print(f"logic-v2 pair scoring: {1 / per:,.0f} pairs/s -> a brute-force check over all "
              f"names would take {per * len(names):.1f} s")
    print(f"this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
