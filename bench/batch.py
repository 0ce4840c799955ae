"""Batch throughput and memory: local engine (1 and 2 workers) and Spark local, side by side
with a brute-force RapidFuzz baseline.

    python bench/batch.py [--rows 1000000] [--sample 1000] [--no-spark] [--keep DIR]

Writes N synthetic parties (people and companies from many countries, ~1% of them names
taken from the bundled lists) to a temporary Parquet file in streaming batches, then runs
`tradescreen batch` on it once per engine, each in its own process. Prints rows/s (the
CLI's own count, index loading included; and wall time) and peak memory: the largest single
process (getrusage of the children) and the whole process tree (RSS and PSS summed over the
CLI, its workers and, for Spark, the JVM and Python workers, sampled from /proc every
0.25 s). The
baseline checks a 1,000-row sample with `process.extractOne` over every listed name and is
extrapolated to N rows.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tradescreen.model import Match
from tradescreen.screen import Screener

GIVEN = ("James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia "
         "Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Hans Klaus Jürgen Anna "
         "Maria Pierre Jean Michel Sophie Isabelle Giuseppe Marco Luca Giulia Carlos José "
         "Juan Luis Ana Carmen Ivan Sergei Dmitri Olga Tatiana Natalia Alexei Mikhail Wei "
         "Jing Li Ming Hui Xiaoming Jian Yan Lei Fang Hiroshi Takashi Yuki Kenji Akira "
         "Min-jun Seo-yeon Ji-ho Ahmed Mohamed Ali Fatima Omar Hassan Layla Youssef Mehmet "
         "Ayşe Mustafa Emre Raj Priya Amit Sunita Vikram Anil Kwame Amara Chinedu Ngozi "
         "Lars Sven Ingrid Astrid Piotr Katarzyna Tomasz Jan Eva Petr Nguyen Thi Van "
         "Duc").split()
FAMILY = ("Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore "
          "Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Müller "
          "Schmidt Schneider Fischer Weber Meyer Wagner Becker Dubois Martin Bernard Moreau "
          "Laurent Rossi Russo Ferrari Esposito Bianchi Romano García Martínez López "
          "González Rodríguez Fernández Pérez Ivanov Smirnov Kuznetsov Popov Sokolov "
          "Lebedev Kozlov Novikov Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma "
          "Zhu Hu Guo He Lin Luo Sato Suzuki Takahashi Tanaka Watanabe Kim Park Choi Jung "
          "Kang Khan Ahmed Hussein Haddad Nasser Yilmaz Kaya Demir Şahin Patel Sharma Singh "
          "Kumar Gupta Okafor Mensah Diallo Andersson Johansson Nielsen Kowalski Nowak "
          "Novák Svoboda Nguyen Tran Pham").split()
WORDS = ("Acme Apex Atlas Aurora Beacon Blue Bright Cedar Crest Crown Delta Eagle Echo "
         "Evergreen Falcon Global Golden Granite Harbor Horizon Iron Keystone Liberty Lotus "
         "Maple Meridian Nova Oak Ocean Orion Pacific Peak Phoenix Pioneer Prime Quantum "
         "Rapid Red River Royal Sapphire Silver Sky Solar Star Summit Sun Terra Titan Unity "
         "Vector Vista West Zenith Jinhua Huaxin Dongfang Xinda Hengtai Zhongtai Baoli Tianli "
         "Wanda Fuda Sibir Volga Neva Ural Baltika Altai Anatolia Bosphorus Nile Sahara "
         "Andes Alpine Nordic Baltic Danube Rhine Iberia Tuscan Bavarian").split()
TRADES = ("Trading Logistics Electronics Textiles Foods Shipping Machinery Chemicals Energy "
          "Mining Metals Plastics Pharma Software Systems Technology Engineering Consulting "
          "Construction Agriculture Import Export Holdings Industries Solutions Materials "
          "Components Devices Optics Semiconductor Aviation Marine Motors Steel Paper "
          "Packaging Furniture Garments Ceramics").split()
PLACES = ("Shenzhen Shanghai Beijing Guangzhou Hangzhou Ningbo Xiamen Tianjin Moscow Dubai "
          "Istanbul Hamburg Rotterdam Singapore Mumbai Lagos Sao Paulo Toronto").split()
FORMS = ("LLC", "Ltd", "Ltd.", "Co., Ltd.", "GmbH", "AG", "S.A.", "S.r.l.", "Inc.", "Corp.",
         "OOO", "JSC", "PLC", "Pte. Ltd.", "B.V.", "A.S.", "Pvt. Ltd.", "SARL", "AB", "Oy")
COUNTRIES = ("US", "CN", "DE", "RU", "GB", "FR", "IN", "TR", "AE", "JP", "KR", "BR", "NG",
             "IT", "ES", "NL", "SG", "HK", "")


def synthetic_names(n: int, listed: list[str], seed: int = 7) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed)
    for _ in range(n):
        r = rng.random()
        if r < 0.01 and listed:
            yield rng.choice(listed), rng.choice(COUNTRIES)
        elif r < 0.5:
            parts = [rng.choice(GIVEN)]
            if rng.random() < 0.3:
                parts.append(rng.choice(GIVEN) if rng.random() < 0.5 else rng.choice(
                    "ABCDEFGHJKLMNPRSTW") + ".")
            parts.append(rng.choice(FAMILY))
            if rng.random() < 0.2:
                parts = [parts[-1].upper() + ","] + parts[:-1]
            yield " ".join(parts), rng.choice(COUNTRIES)
        else:
            words = [rng.choice(WORDS)]
            if rng.random() < 0.4:
                words.append(rng.choice(WORDS))
            if rng.random() < 0.25:
                words.insert(0, rng.choice(PLACES))
            words.append(rng.choice(TRADES))
            if rng.random() < 0.3:
                words.append(rng.choice(TRADES))
            words.append(rng.choice(FORMS))
            yield " ".join(words), rng.choice(COUNTRIES)


def write_input(path: Path, n: int, listed: list[str], batch: int = 50_000) -> int:
    """Stream the synthetic rows to Parquet; returns the number of distinct names."""
    schema = pa.schema([("id", pa.string()), ("name", pa.string()), ("country", pa.string())])
    distinct: set[int] = set()
    with pq.ParquetWriter(str(path), schema) as w:
        gen = synthetic_names(n, listed)
        done = 0
        while done < n:
            rows = [next(gen) for _ in range(min(batch, n - done))]
            distinct.update(hash(r[0]) for r in rows)
            w.write_table(pa.table({"id": [str(done + i) for i in range(len(rows))],
                                    "name": [r[0] for r in rows],
                                    "country": [r[1] for r in rows]}, schema=schema))
            done += len(rows)
    return len(distinct)


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _mem_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Peak RSS and PSS summed over a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = self.peak_one = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            rss = pss = 0
            for p in _tree(self.pid):
                r, s = _mem_kib(p)
                rss, pss = rss + r, pss + s
                self.peak_one = max(self.peak_one, r)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.stop.wait(self.every)


def run_cli(label: str, args: list[str], rows: int) -> dict[str, object]:
    return run_cmd(label, [sys.executable, "-m", "tradescreen", "batch", *args], rows)


# Runs the command and reports getrusage(RUSAGE_CHILDREN) from a fresh, small process: a
# child's ru_maxrss also counts the memory of the process that started it (fork + exec).
WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
           "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
           "file=sys.stderr); sys.exit(r.returncode)")


def run_cmd(label: str, cmd: list[str], rows: int) -> dict[str, object]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", WRAPPER, *cmd], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{label} failed ({proc.returncode}):\n{err}")
    m = re.search(r"screened ([\d,]+) rows in ([\d,.]+)s", err)
    secs = float(m.group(2).replace(",", "")) if m else wall
    mx = re.search(r"MAXRSS (\d+)", err)
    return {"label": label, "rows_s": rows / secs, "wall_rows_s": rows / wall, "wall": wall,
            "rss": sampler.peak_rss / 1024, "pss": sampler.peak_pss / 1024,
            "one": sampler.peak_one / 1024, "maxrss_child": int(mx.group(1)) / 1024 if mx else 0.0}


class NullScreener(Screener):
    """Matches nothing, instantly: the batch machinery without the matcher."""

    def __init__(self) -> None:
        super().__init__([])

    def check(self, name: str, schema: str | None = None, countries: Iterable[str] = (),
              birth_date: str | None = None, limit: int = 10,
              threshold: float | None = None) -> list[Match]:
        return []


def pipeline_child(inp: str, out: str, workers: int) -> int:
    """Run the batch machinery with a screener that answers instantly: what reading,
    chunking, the pool and writing cost (and hold in memory) without the matcher."""
    from tradescreen.batch.engine import BatchOptions
    from tradescreen.batch.runner import run_batch

    stats = run_batch(Path(inp), Path(out), BatchOptions(country_column="country"),
                      workers=workers, screener=NullScreener(), progress=False)
    print(f"screened {stats.rows:,} rows in {stats.seconds:.2f}s", file=sys.stderr)
    return 0


def run_pipeline(rows: int, workers: int, folder: Path) -> dict[str, object]:
    inp = folder / f"pipeline-{rows}.parquet"
    write_input(inp, rows, [])
    cmd = [sys.executable, __file__, "--pipeline-child", str(inp),
           str(folder / f"pipeline-{rows}.csv"), str(workers)]
    return run_cmd(f"pipeline only, {rows:,} rows", cmd, rows)


def baseline(names: list[str], listed_all: list[str]) -> float:
    """Brute force: RapidFuzz extractOne over every listed name; rows/s on one core."""
    from rapidfuzz import fuzz, process, utils

    choices = [utils.default_process(c) for c in listed_all]
    t0 = time.perf_counter()
    for q in names:
        process.extractOne(utils.default_process(q), choices, scorer=fuzz.token_sort_ratio,
                           processor=None, score_cutoff=85)
    return len(names) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=1000, help="rows for the baseline")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--workers", default="1,2", help="local worker counts to run")
    ap.add_argument("--chunk-size", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="keep the input and outputs in this folder")
    ap.add_argument("--pipeline", action="store_true",
                    help="only the batch machinery (a screener that answers instantly) at 10k, 100k and "
                         "--rows rows: memory must stay flat")
    ap.add_argument("--pipeline-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.pipeline_child:
        inp, out, workers = args.pipeline_child
        return pipeline_child(inp, out, int(workers))
    if args.pipeline:
        with tempfile.TemporaryDirectory(prefix="tradescreen-bench-") as tmp:
            for n in sorted({10_000, 100_000, 1_000_000, args.rows}):
                print(_line(run_pipeline(n, 2, Path(tmp))), flush=True)
        return 0

    from tradescreen.service import get_screener

    screener = get_screener()  # also warms the pickled index the CLI runs will read
    listed_all = [n.value for e in screener.index.entities for n in e.names]
    listed = [n.value for e in screener.index.entities for n in e.names
              if n.kind in ("primary", "alias") and len(n.value) < 80]
    with tempfile.TemporaryDirectory(prefix="tradescreen-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        inp = folder / "input.parquet"
        t0 = time.perf_counter()
        distinct = write_input(inp, args.rows, listed)
        print(f"input: {args.rows:,} rows ({distinct:,} distinct names, ~1% listed), "
              f"{inp.stat().st_size / 1e6:.1f} MB Parquet, written in "
              f"{time.perf_counter() - t0:.1f}s; {os.cpu_count()} cores", flush=True)
        common = ["--country-column", "country", "--chunk-size", str(args.chunk_size)]
        results = []
        for w in (int(x) for x in args.workers.split(",")):
            out = folder / f"local-{w}.parquet"
            results.append(run_cli(f"local, {w} worker{'s' if w > 1 else ''}",
                                   [str(inp), "--out", str(out), "--workers", str(w), *common],
                                   args.rows))
            print(_line(results[-1]), flush=True)
        if not args.no_spark:
            out = folder / "spark.parquet"
            cores = min(2, os.cpu_count() or 1)
            results.append(run_cli(f"spark local[{cores}]",
                                   [str(inp), "--out", str(out), "--engine", "spark",
                                    "--spark-master", f"local[{cores}]", *common], args.rows))
            print(_line(results[-1]), flush=True)
            local = pq.read_table(folder / f"local-{args.workers.split(',')[-1]}.parquet")
            same = pq.read_table(out).equals(local)
            print(f"  spark output identical to local: {same}")
        sample = [n for n, _ in synthetic_names(args.sample, listed, seed=11)]
        rf = baseline(sample, listed_all)
        print(f"{'rapidfuzz extractOne, 1 core':28} {rf:>10,.0f} rows/s (sample of "
              f"{len(sample):,} over {len(listed_all):,} listed names; {args.rows:,} rows "
              f"would take {args.rows / rf / 60:,.1f} min)")
    return 0


def _line(r: dict[str, object]) -> str:
    return (f"{r['label']:28} {r['rows_s']:>10,.0f} rows/s  (wall {r['wall']:,.1f}s, "
            f"{r['wall_rows_s']:,.0f} rows/s incl. start-up)\n{'':29}peak memory: whole tree "
            f"RSS {r['rss']:,.0f} MB, PSS {r['pss']:,.0f} MB; largest process "
            f"{r['one']:,.0f} MB (getrusage: {r['maxrss_child']:,.0f} MB)")


if __name__ == "__main__":
    raise SystemExit(main())
