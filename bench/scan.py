"""Scan speed and quality on a generated multi-MB corpus, against a naive baseline.

    python bench/scan.py [--mb 4] [--baseline-kb 20]

The corpus is the test articles of tests/scan/corpus (their listed parties are known)
spread through filler news text built from templates and pools of *unlisted* people,
firms, places and institutions (every pool entry is first checked with
`Screener.check`; anything that matches a listed name is dropped). So every mention
found in filler is a false alarm, and the article mentions give recall.

The baseline is the obvious approach: run `Screener.check` on every capitalised 1- to
4-word n-gram; it is timed on a sample and extrapolated.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT / "tests" / "scan" / "corpus"

PEOPLE = """Gina Raimondo|Alan Estevez|Janet Yellen|Antony Blinken|Jake Sullivan|Tim Cook|
Jensen Huang|Lisa Su|Satya Nadella|Sundar Pichai|Mary Barra|Jamie Dimon|Christine Lagarde|
Emmanuel Macron|Olaf Scholz|Fumio Kishida|Narendra Modi|Justin Trudeau|Anthony Albanese|
Mark Rutte|Pedro Sanchez|Giorgia Meloni|Ursula von der Leyen|Charles Michel|Kristalina
Georgieva|Ngozi Okonjo-Iweala|Jerome Powell|Andrew Bailey|Mao Ning|Lin Jian|Wang Wenbin|
Ren Zhengfei|Meng Wanzhou|Jack Ma|Pony Ma|Robin Li|Lei Jun|Elon Musk|Pat Gelsinger|
Cristiano Amon|Sanjay Mehrotra|Peter Wennink|Christophe Fouquet|Marco Rubio|John Moolenaar|
Raja Krishnamoorthi|Mike Gallagher|Elizabeth Warren|Chuck Schumer|Mitch McConnell|Nancy Pelosi|
Kevin Kurland|Thea Kendler|Matthew Axelrod|Lars Eriksson|Klaus Weber|Sophie Martin|Ana Lopez""".replace(
    "\n", " ")
FIRMS = """Apple|Microsoft|Nvidia|Qualcomm|Intel|Micron Technology|Texas Instruments|Applied
Materials|Lam Research|ASML|Tokyo Electron|Samsung Electronics|SK Hynix|Sony Group|Toyota
Motor|Volkswagen|Siemens|BASF|Nestle|Unilever|HSBC|Barclays|Goldman Sachs|Morgan Stanley|
JPMorgan Chase|BlackRock|Deutsche Bank|Maersk|DHL|FedEx|Boeing|Airbus|Lockheed Martin|General
Electric|Caterpillar|Walmart|Amazon|Alphabet|Meta Platforms|Netflix|Oracle|Cisco Systems|Dell
Technologies|Lenovo Group|Xiaomi|ByteDance|NetEase|Meituan|Pinduoduo|Geely|Foxconn|Pegatron|
MediaTek|Infineon|STMicroelectronics|NXP Semiconductors|Arm Holdings|Broadcom|Marvell|Cadence
Design Systems|Synopsys|Rio Tinto|BHP|Glencore|Shell|BP|TotalEnergies|Chevron|ExxonMobil|
Nordic Precision Instruments|Harbourside Components|Meridian Trade Finance""".replace("\n", " ")
PLACES = """Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|Hong Kong|Taipei|Tokyo|Seoul|Singapore|
Washington|New York|San Francisco|London|Brussels|Berlin|Paris|Amsterdam|Geneva|Zhejiang|
Guangdong|Jiangsu|Sichuan|Xinjiang|California|Texas|Arizona|Ohio|Bavaria|Taiwan|Japan|South
Korea|the Netherlands|Germany|France|the United States|the European Union|India|Vietnam|
Malaysia|Mexico|Canada""".replace("\n", " ")
INSTITUTIONS = """Commerce Department|Department of Commerce|Bureau of Industry and Security|
Treasury Department|Federal Reserve|European Central Bank|World Trade Organization|
International Monetary Fund|Securities and Exchange Commission|Ministry of Commerce|European
Commission|Bank of England|Harvard University|Tsinghua University|Peking University|Stanford
University|the White House|Congress|the Senate|the Pentagon|the State Department|the Federal
Register|the Entity List|the Financial Times|Nikkei|Bloomberg News""".replace("\n", " ")

TEMPLATES = [
    "{P}, who oversees policy at the {I}, said on {D} that talks with {F} would continue.",
    "Shares of {F} rose {N} percent in {L} after the company reported quarterly results.",
    "{F} and {F} agreed to expand their partnership in {L}, according to a statement.",
    "In an interview with {I}, {P} said the rules would take effect within {N} days.",
    "Officials in {L} and {L} are expected to meet next week, {P} told reporters.",
    "The {I} said it was reviewing {N} applications from suppliers based in {L}.",
    "{P} of {F} warned that demand in {L} had slowed sharply since {D}.",
    "Analysts at {F} expect exports from {L} to recover in the second half of the year.",
    "The deal, worth about {N} billion dollars, still needs approval from the {I}.",
    "{F} said it had moved part of its production from {L} to {L} over the past year.",
    "Speaking in {L} on {D}, {P} called for closer cooperation with {L}.",
    "A spokesperson for {F} declined to comment on the report by {I}.",
    "Investors are watching whether {F} can keep its lead over {F} in advanced chips.",
    "{P} and {P} are scheduled to attend the summit in {L} later this month.",
    "The company employs {N} thousand people, mostly in {L}, and sells to {F} and {F}.",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def _pool(text: str) -> list[str]:
    return [" ".join(x.split()) for x in text.split("|") if x.strip()]


def clean_pools(screener: object) -> dict[str, list[str]]:
    """Each pool less anything the matcher itself links to a listed name."""
    out = {}
    for key, text in (("P", PEOPLE), ("F", FIRMS), ("L", PLACES), ("I", INSTITUTIONS)):
        keep = []
        for name in _pool(text):
            bare = re.sub(r"^the ", "", name)
            if not screener.check(bare, limit=1):  # type: ignore[attr-defined]
                keep.append(name)
        out[key] = keep
    return out


def filler(rng: random.Random, pools: dict[str, list[str]], chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        para = " ".join(_fill(rng.choice(TEMPLATES), rng, pools) for _ in range(rng.randint(3, 6)))
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out)


def _fill(template: str, rng: random.Random, pools: dict[str, list[str]]) -> str:
    def sub(m: re.Match[str]) -> str:
        k = m.group(1)
        if k == "D":
            return rng.choice(DAYS)
        if k == "N":
            return str(rng.randint(2, 90))
        return rng.choice(pools[k])

    s = re.sub(r"\{(\w)\}", sub, template)
    return s[0].upper() + s[1:]


def build_corpus(screener: object, mb: float, seed: int = 7) -> tuple[str, int]:
    """(corpus, number of article copies in it)."""
    rng = random.Random(seed)
    pools = clean_pools(screener)
    articles = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    target = int(mb * 1_000_000)
    parts: list[str] = []
    size = copies = 0
    while size < target:
        block = filler(rng, pools, 20_000)
        art = articles[copies % len(articles)]
        parts += [block, art]
        size += len(block) + len(art)
        copies += 1
    return "\n\n".join(parts), copies


_CAPS = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:of|and|the|&)?\s*[A-Z][\w'-]*){0,3}")


def naive(screener: object, text: str) -> tuple[int, float]:
    """Every capitalised 1-4-gram through Screener.check: (hits, seconds)."""
    t = time.perf_counter()
    hits = 0
    for m in _CAPS.finditer(text):
        words = m.group().split()
        for n in range(1, len(words) + 1):
            for i in range(len(words) - n + 1):
                hits += bool(screener.check(" ".join(words[i:i + n]), limit=1))  # type: ignore[attr-defined]
    return hits, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=4.0, help="corpus size in MB")
    ap.add_argument("--baseline-kb", type=float, default=10.0, help="sample for the baseline")
    args = ap.parse_args()

    from tradescreen.scan.index import scan_index
    from tradescreen.scan.mentions import scan_text
    from tradescreen.service import get_screener

    t = time.perf_counter()
    screener = get_screener()
    print(f"screener loaded in {time.perf_counter() - t:.1f}s")
    t = time.perf_counter()
    scan_index(screener)
    print(f"scan automaton built in {time.perf_counter() - t:.2f}s")

    corpus, copies = build_corpus(screener, args.mb)
    size_mb = len(corpus.encode("utf-8")) / 1e6
    t = time.perf_counter()
    result = scan_text(screener, corpus)
    dt = time.perf_counter() - t
    per_article = {p.name: scan_text(screener, p.read_text(encoding="utf-8")).mentions
                   for p in sorted(CORPUS.glob("*.txt"))}
    expected = sum(len(per_article[p.name]) for i, p in enumerate(
        sorted(CORPUS.glob("*.txt")) * copies) if i < copies)
    in_articles = _in_articles(corpus, result.mentions)
    print(f"corpus: {size_mb:.2f} MB ({copies} article copies in filler)")
    print(f"scan: {dt:.2f}s = {size_mb / dt:.2f} MB/s; {len(result.mentions)} mentions, "
          f"{len(result.entities())} listed entries")
    print(f"  mentions inside articles: {in_articles} (articles alone give {expected})")
    print(f"  mentions in filler (false alarms): {len(result.mentions) - in_articles}")
    for m in [m for m in result.mentions if not _inside(corpus, m.start)][:10]:
        print(f"    false alarm: {m.text!r} -> {m.match.entity.caption}")

    first = corpus[:1_000_000]
    t = time.perf_counter()
    scan_text(screener, first)
    cold = time.perf_counter() - t
    print(f"  first 1 MB alone (no warm span cache): {len(first.encode()) / 1e6 / cold:.2f} MB/s")
    for name, variant in (("ALL CAPITALS", first[:300_000].upper()),
                          ("Title Case", first[:300_000].title())):
        t = time.perf_counter()
        n = len(scan_text(screener, variant).mentions)
        vdt = time.perf_counter() - t
        print(f"  first 300 kB in {name}: {len(variant.encode()) / 1e6 / vdt:.2f} MB/s, "
              f"{n} mentions")

    sample = corpus[: int(args.baseline_kb * 1000)]  # filler: every hit is a false alarm
    hits, bdt = naive(screener, sample)
    kb = len(sample.encode("utf-8")) / 1000
    found = len(scan_text(screener, sample).mentions)
    print(f"naive baseline (check on every capitalised n-gram), {kb:.0f} kB of filler: "
          f"{bdt:.1f}s = {kb / 1000 / bdt:.4f} MB/s, {hits} n-grams matched (false alarms; "
          f"scan: {found}) -> scan is {size_mb / dt / (kb / 1000 / bdt):.0f}x faster")


_ARTICLE_SPANS: list[tuple[int, int]] = []


def _in_articles(corpus: str, mentions: list[object]) -> int:
    _ARTICLE_SPANS.clear()
    for p in sorted(CORPUS.glob("*.txt")):
        art = p.read_text(encoding="utf-8")
        i = corpus.find(art)
        while i >= 0:
            _ARTICLE_SPANS.append((i, i + len(art)))
            i = corpus.find(art, i + 1)
    return sum(1 for m in mentions if _inside(corpus, m.start))  # type: ignore[attr-defined]


def _inside(corpus: str, pos: int) -> bool:
    return any(a <= pos < b for a, b in _ARTICLE_SPANS)


if __name__ == "__main__":
    main()
