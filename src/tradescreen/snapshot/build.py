"""Build the bundled snapshot from the newest edition of each list in shared/data/lists.

    python -m tradescreen.snapshot.build [--lists DIR] [--out DIR] [--check]

Output is deterministic (entities sorted by id, sorted JSON keys, gzip mtime 0), so a test
can rebuild and compare bytes. Files are written to a temporary folder and swapped in only
when every dataset parsed: a failed build never leaves a half-built snapshot.
CC BY-NC sources (OpenSanctions transcriptions and FtM fixtures) are never used here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tradescreen import datasets
from tradescreen.model import Entity, entity_json
from tradescreen.sources.base import ParseError

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data"
DEFAULT_LISTS = HERE.parents[2].parent / "shared" / "data" / "lists"
NSF = "derived_nsfreg_us_lists_2026-07"


@dataclass(frozen=True)
class Source:
    dataset: str
    paths: tuple[str, ...]  # relative to the lists folder; several = combined in one folder
    as_of: str
    note: str


SOURCES: tuple[Source, ...] = (
    Source("us_bis_el", (f"{NSF}/bis_entity_list.json",), "2026-07-09",
           "full Entity List parsed from the eCFR text (derived); no license review policy"),
    Source("us_bis_meu", (f"{NSF}/bis_meu.json",), "2026-07-09", "MEU list (derived)"),
    Source("us_bis_dpl", (f"{NSF}/bis_dpl.json",), "2026-04-14", "DPL of 2026-04-14 (derived)"),
    Source("us_ofac_sdn", ("ofac_sdn/2024-05-03_jackdwyer_gitscrape/sdn.csv",
                           "ofac_sdn/2025-12_watchman_tfidf/add.csv",
                           "ofac_sdn/2025-12_watchman_tfidf/alt.csv",
                           "ofac_sdn/2025-12_watchman_tfidf/sdn_comments.csv"),
           "2024-05-03",
           "primary records of 2024-05-03 (newest complete sdn.csv) joined with the 2025-12-24 "
           "aliases, addresses and remarks overflow by ent_num; later designations have no "
           "primary row and are left out"),
    Source("us_ofac_cons", ("ofac_consolidated_non_sdn/2025-12_watchman",), "2025-12-19",
           "non-SDN consolidated list incl. NS-CMIC, legacy CSV set"),
    Source("us_trade_csl", ("trade_gov_csl/2025-06_watchman_sample/consolidated.csv",),
           "2025-06-25", "a 13-row sample of the CSL: the full file was not obtainable"),
    Source("un_sc", ("un_sc_consolidated/2026-02_watchman/UN_consolidated.xml",), "2026-02-27",
           "UN SC consolidated XML"),
    Source("eu_fsf", ("eu_fsf_consolidated/2026-05-01_ammitto_yaml/eu_processed_combined.yaml",),
           "2026-05-01", "EU FSF converted to YAML (derived)"),
    Source("gb_fcdo", ("uk_fcdo_sanctions_list/2026-08-22_ammitto_yaml/uk_processed_combined.yaml",),
           "2026-08-22", "UK Sanctions List converted to YAML (derived); no DOB/nationality"),
    Source("us_dod_1260h", (f"{NSF}/dow_1260h.json",), "2026-06-10", "1260H list, 91 FR 35189"),
    Source("us_dod_1286", (f"{NSF}/dow_1286.json",), "2026-07-09", "FY24 1286 list (derived)"),
    Source("us_state_isn", (f"{NSF}/state_nonproliferation.json",), "2025-05",
           "State ISN master sanctions, May 2025 (derived)"),
    Source("us_ddtc_debarred", (f"{NSF}/state_debarred_statutory.json",
                                f"{NSF}/state_debarred_admin.json"), "2025-08-25",
           "DDTC statutory (2025-08-25) and administrative (2023-06-01) debarments (derived)"),
    Source("us_dhs_uflpa", (f"{NSF}/dhs_uflpa.json",), "2026-07-09", "UFLPA Entity List"),
    Source("us_fcc_covered", (f"{NSF}/fcc_covered.json",), "2026-07-09", "FCC Covered List"),
    Source("us_ofac_eo14032", (f"{NSF}/ofac_eo14032_annex.json",), "2026-07-09",
           "Annex to E.O. 14032 (derived)"),
    Source("us_cbp_wro", (f"{NSF}/cbp_wro.json",), "2026-06-23", "CBP WROs and findings"),
)


def parse_source(src: Source, lists: Path, work: Path) -> Iterator[Entity]:
    """Parse one source; several files are combined into one folder the parser reads."""
    paths = [lists / p for p in src.paths]
    for p in paths:
        if not p.exists():
            raise ParseError(p, "source file for the snapshot is missing")
    if len(paths) == 1:
        target = paths[0]
    else:
        target = work / src.dataset
        target.mkdir(parents=True, exist_ok=True)
        for p in paths:
            link = target / p.name
            if not link.exists():
                link.symlink_to(p)
    parser = datasets.get(src.dataset).load_parser()
    yield from parser(target, src.dataset)


def _write_dataset(entities: list[Entity], out: Path, name: str) -> dict[str, object]:
    entities.sort(key=lambda e: e.id)
    ids = [e.id for e in entities]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise ParseError(name, f"duplicate entity id {dup}")
    if not entities:
        raise ParseError(name, "no entities parsed")
    body = "".join(entity_json(e) + "\n" for e in entities).encode("utf-8")
    fname = f"{name}.jsonl.gz"
    with open(out / fname, "wb") as fh, gzip.GzipFile(
        filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9
    ) as gz:
        gz.write(body)
    return {
        "file": fname,
        "entities": len(entities),
        "names": sum(len(e.names) for e in entities),
        "sha256": hashlib.sha256(body).hexdigest(),
    }


def build(lists: Path, out: Path) -> dict[str, object]:
    """Build into a temporary folder beside `out`, then swap it in whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=out.parent))
    work = Path(tempfile.mkdtemp(prefix="tradescreen-build-"))
    try:
        manifest: dict[str, object] = {}
        for src in SOURCES:
            ents = list(parse_source(src, lists, work))
            info = _write_dataset(ents, tmp, src.dataset)
            info.update({"as_of": src.as_of, "source": list(src.paths), "note": src.note})
            manifest[src.dataset] = info
        doc = {"format": 1, "datasets": manifest}
        (tmp / "manifest.json").write_text(
            json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
        (tmp / "__init__.py").write_text("")
        if out.exists():
            old = out.with_name(out.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
        return doc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    try:
        doc = build(args.lists, args.out)
    except ParseError as exc:
        print(f"snapshot build failed: {exc}", file=sys.stderr)
        return 1
    for name, info in doc["datasets"].items():  # type: ignore[attr-defined]
        print(f"{name:18} {info['entities']:>7} entities {info['names']:>7} names  as of {info['as_of']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
