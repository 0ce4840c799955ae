"""State Department DDTC ITAR debarred parties: the old CSV and the nsfreg JSON editions.

The 2019 CSV (``itar_debarred_party_list_11062019.csv``) is cp1252, not UTF-8, and puts
a non-breaking space after FR citations; names are "Last, First (a.k.a. ...)". It is
decoded explicitly and cleaned here. The 2025 statutory and 2023 administrative lists
come as nsfreg JSON (:mod:`tradescreen.sources.nsfreg`); :func:`parse_any` reads either,
or a directory holding both JSON files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tradescreen.model import Entity, content_id, dedupe, dedupe_names
from tradescreen.sources import nsfreg
from tradescreen.sources.base import ParseError, read_text
from tradescreen.sources.bis import clean_text, is_json_file, rows_by_party
from tradescreen.sources.dates import citation_list, earliest, iso_date
from tradescreen.sources.nsfreg import looks_like_person, split_names

CSV_COLUMNS = (
    "Party Name", "Date Of Birth", "Federal Register Notice", "Notice Date",
    "Corrected Notice", "Corrected Notice Date",
)
PROGRAM = "ITAR Debarred (statutory)"


def parse_csv(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of the DDTC statutory debarment CSV.

    Decoded as UTF-8 only if the bytes are valid UTF-8 (they are not in the 2019 file),
    else cp1252, else Latin-1, so a stray byte never stops the parse. Rows with the same
    party name (whitespace-collapsed, case-folded) are one party debarred by several
    notices ("Aero Systems, Inc.", "Wiseman, Ronald W."): 707 rows, 703 parties.
    ``listed_on`` is the earliest notice date, corrected notices included.
    """
    text = read_text(path, ("utf-8", "cp1252", "latin-1"))
    groups = rows_by_party(path, text, ",", CSV_COLUMNS, "Party Name")
    for key, rows in groups.items():
        names = dedupe_names(split_names(clean_text(rows[0]["Party Name"]), enumerations=True))
        citations: list[str] = []
        dates: list[str | None] = []
        births: list[str] = []
        props: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            for cite_col, date_col in (("Federal Register Notice", "Notice Date"),
                                       ("Corrected Notice", "Corrected Notice Date")):
                cites, _, raw = citation_list(clean_text(row[cite_col]))
                citations.extend(cites)
                if raw:
                    props["citation_text"].append(raw)
                when = iso_date(row[date_col])
                dates.append(when)
                if cite_col == "Corrected Notice" and cites:
                    props["corrected_notice"].extend(cites)
                    if when:
                        props["corrected_notice_date"].append(when)
            dob = clean_text(row["Date Of Birth"])
            if dob:
                births.append(iso_date(dob) or dob)
        primary = names[0].value
        yield Entity(
            id=f"{dataset}:{content_id('ddtc-csv', key)}",
            dataset=dataset,
            schema="Person" if looks_like_person(primary) else "Organization",
            names=names,
            birth_dates=dedupe(births),
            programs=[PROGRAM],
            listed_on=earliest(dates),
            citations=dedupe(citations),
            properties={k: dedupe(v) for k, v in sorted(props.items()) if v},
        )


def parse_any(path: Path, dataset: str) -> Iterator[Entity]:
    """DDTC debarments from the CSV, one nsfreg JSON, or a directory of them.

    A directory yields every ``state_debarred_*.json`` in it (statutory and
    administrative, in name order), else every ``*.csv``; ids embed the list, so the
    two JSON lists never collide even where a party is on both.
    """
    if path.is_dir():
        files = sorted(path.glob("state_debarred_*.json")) or sorted(path.glob("*.csv"))
        if not files:
            raise ParseError(path, "directory holds no state_debarred_*.json or .csv file")
        for f in files:
            yield from parse_any(f, dataset)
        return
    if not path.is_file():
        raise ParseError(path, "file not found")
    yield from (nsfreg.parse(path, dataset) if is_json_file(path) else parse_csv(path, dataset))
