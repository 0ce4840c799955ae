"""OpenSanctions' hand transcriptions of US lists that are only published as PDF or HTML.

LICENCE: these CSVs are OpenSanctions work under CC BY-NC 4.0, which forbids commercial
use. They are TEST FIXTURES ONLY and must never go into the bundled snapshot; the
product reads the same lists from the nsfreg JSON (:mod:`tradescreen.sources.nsfreg`).
They are parsed because they carry history the other sources lack: every 1260H and 1286
edition with start and end dates, the MIEU list, and INKSNA notices.

* ``parse_1260h``: DoD Sec. 1260H, one row per (company, edition); grouped per company.
* ``parse_1286``: DoD Sec. 1286 list, one row per (institution, report year); grouped.
* ``parse_mieu``: BIS Military-Intelligence End Users, one row per entity.
* ``parse_inksna``: State INKSNA measures from FR notices, one row per party.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tradescreen.model import Entity, Link, Name, content_id, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, read_text
from tradescreen.sources.bis import clean_text, csv_rows
from tradescreen.sources.dates import earliest, iso_date
from tradescreen.sources.nsfreg import countries_of, split_names, strip_scope, unique_ids

_LEGAL = re.compile(r"^(?:ltd|limited|inc|co|corp|llc|plc|gmbh)\b", re.I)


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&-]{1,11})\)$")


def _group_key(name: str) -> str:
    """Spelling-insensitive key: "Co., Ltd" and "Co., Ltd.", ’ and ', "X" and "X (ACR)"
    are one party."""
    return re.sub(r"[^0-9a-z]+", "", _ACRONYM.sub("", name).casefold())


def _aliases(cell: str, kind: str = "alias") -> list[Name]:
    """Aliases in one cell: ";"-separated; "Knownsec,Beijing Kownsec" (a comma with no
    space, not before a legal suffix) also separates two names."""
    out: list[Name] = []
    for part in cell.split(";"):
        pieces = re.split(r",(?=\S)", part)
        merged: list[str] = []
        for p in pieces:
            if merged and _LEGAL.match(p):
                merged[-1] = f"{merged[-1]},{p}"
            else:
                merged.append(p)
        for p in merged:
            out.extend(split_names(p, kind=kind))
    return out


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    text = read_text(path)
    return list(csv_rows(path, text, ",", columns))


def _ended(rows: list[dict[str, str]], col: str) -> str | None:
    """The end date of a listing that every row (edition) says has ended, else None."""
    ends = [clean_text(r.get(col)) for r in rows]
    if ends and all(ends):
        return max(iso_date(e) or e for e in ends)
    return None


def parse_1260h(path: Path, dataset: str) -> Iterator[Entity]:
    """Sec. 1260H companies across all editions, one entity per company.

    Rows are grouped by Clean Name (spelling-insensitive). ``listed_on`` is the first
    edition; ``properties["editions"]`` lists every edition's start date. A company is a
    former listing (``properties["end_date"]``) only if every one of its rows has an End
    date. The list is by statute of Chinese military companies, hence country CN.
    """
    cols = ("Name", "Clean Name", "Alias", "Previous Name", "Parent Name", "Note",
            "Start date", "End date", "Source Url")
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line, row in _read(path, cols):
        name = clean_text(row["Clean Name"]) or clean_text(row["Name"]).rstrip("*. ")
        if not name:
            raise ParseError(path, "row has no Name", line)
        groups[_group_key(name)].append(row)
    for key, rows in groups.items():
        rows.sort(key=lambda r: clean_text(r["Start date"]))
        latest = rows[-1]
        primary = clean_text(latest["Clean Name"]) or clean_text(latest["Name"]).rstrip("*. ")
        names = [Name(primary)]
        props: dict[str, list[str]] = defaultdict(list)
        links: list[Link] = []
        for r in reversed(rows):
            names.append(Name(clean_text(r["Clean Name"]), "alias"))
            names.extend(_aliases(clean_text(r["Alias"])))
            names.extend(_aliases(clean_text(r["Previous Name"]), kind="former"))
            props["name_as_printed"].append(clean_text(r["Name"]))
            parent = clean_text(r["Parent Name"])
            if parent and all(lk.target.rstrip(".") != parent.rstrip(".") for lk in links):
                links.append(Link("parent", parent))
        props["editions"] = dedupe(clean_text(r["Start date"]) for r in rows)
        end = _ended(rows, "End date")
        if end:
            props["end_date"].append(end)
        notes = [clean_text(r["Note"]) for r in reversed(rows) if clean_text(r["Note"])]
        urls = [clean_text(r["Source Url"]) for r in reversed(rows) if clean_text(r["Source Url"])]
        yield Entity(
            id=f"{dataset}:{content_id('os-1260h', key)}",
            dataset=dataset,
            schema="Organization",
            names=dedupe_names(names),
            countries=["CN"],
            programs=["1260H"],
            listed_on=earliest([iso_date(r["Start date"]) for r in rows]),
            remarks=notes[0] if notes else None,
            source_url=urls[0] if urls else None,
            links=links,
            properties={k: dedupe(v) for k, v in sorted(props.items()) if v},
        )


_SPECIAL_LEG = ("schema", "name", "aliases", "topics", "program", "authority", "reason",
                "report-date", "start-date", "end-date", "country", "notes", "source_url")


def _special_leg_schema(value: str) -> str:
    return "Person" if value.strip().casefold() == "person" else "Organization"


def parse_1286(path: Path, dataset: str) -> Iterator[Entity]:
    """Sec. 1286 institutions and talent programs, one entity per institution.

    Rows (one per report year) are grouped by name, spelling-insensitive; ``listed_on``
    is the first report year, ``properties["editions"]`` all of them; an entity is a
    former listing only if every row has an end-date.
    """
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line, row in _read(path, _SPECIAL_LEG):
        name = clean_text(row["name"])
        if not name:
            raise ParseError(path, "row has no name", line)
        groups[_group_key(name)].append(row)
    for key, rows in groups.items():
        rows.sort(key=lambda r: clean_text(r["report-date"]))
        primary = clean_text(rows[-1]["name"])
        names = [Name(primary), *(Name(clean_text(r["name"]), "alias") for r in rows)]
        countries: list[str] = []
        props: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            m = _ACRONYM.search(clean_text(r["name"]))
            if m:
                names.append(Name(m.group(1), "alias"))
            names.extend(_aliases(clean_text(r["aliases"])))
            countries.extend(countries_of(clean_text(r["country"])))
            if clean_text(r["notes"]):
                props["notes"].append(clean_text(r["notes"]))
        props["editions"] = dedupe(clean_text(r["report-date"]) for r in rows)
        end = _ended(rows, "end-date")
        if end:
            props["end_date"].append(end)
        yield Entity(
            id=f"{dataset}:{content_id('os-1286', key)}",
            dataset=dataset,
            schema=_special_leg_schema(rows[-1]["schema"]),
            names=dedupe_names(names),
            countries=dedupe(countries),
            programs=["1286"],
            listed_on=earliest([iso_date(r["report-date"]) for r in rows]),
            remarks="; ".join(dedupe(props.get("notes", []))) or None,
            source_url=clean_text(rows[-1]["source_url"]) or None,
            properties={k: dedupe(v) for k, v in sorted(props.items()) if v and k != "notes"},
        )


def parse_inksna(path: Path, dataset: str) -> Iterator[Entity]:
    """INKSNA measures: one entity per row, Person or Organization as transcribed."""
    rows = [row for _, row in _read(path, _SPECIAL_LEG)]
    ids = unique_ids(
        [["os-inksna", clean_text(r["name"]), clean_text(r["country"])] for r in rows],
        [[clean_text(r["start-date"]), clean_text(r["source_url"])] for r in rows],
    )
    for r, eid in zip(rows, ids, strict=True):
        name, scope = strip_scope(clean_text(r["name"]))
        notes = clean_text(r["notes"])
        props: dict[str, list[str]] = defaultdict(list)
        for key in ("authority", "report-date", "end-date"):
            if clean_text(r[key]):
                props[key.replace("-", "_")].append(clean_text(r[key]))
        if scope or notes.startswith("and any"):
            props["name_scope"].append(scope or notes.rstrip(";"))
        schema = _special_leg_schema(r["schema"])
        country = countries_of(clean_text(r["country"]))
        yield Entity(
            id=f"{dataset}:{eid}",
            dataset=dataset,
            schema=schema,
            names=dedupe_names([Name(name), *_aliases(clean_text(r["aliases"]))]),
            countries=country,
            nationalities=country if schema == "Person" else [],
            programs=dedupe(["INKSNA", clean_text(r["program"])]),
            listed_on=iso_date(r["start-date"]) or iso_date(r["report-date"]),
            remarks=notes if notes and not notes.startswith("and any") else None,
            source_url=clean_text(r["source_url"]) or None,
            properties={k: dedupe(v) for k, v in sorted(props.items()) if v},
        )


def parse_mieu(path: Path, dataset: str) -> Iterator[Entity]:
    """BIS Military-Intelligence End Users (15 CFR 744.22): one entity per row."""
    cols = ("Type", "Name", "Alias", "Country", "Program", "Date", "End date", "Source URL")
    rows = [row for _, row in _read(path, cols)]
    ids = unique_ids(
        [["os-mieu", clean_text(r["Name"]), clean_text(r["Country"])] for r in rows],
        [[clean_text(r["Date"]), clean_text(r["Alias"])] for r in rows],
    )
    for r, eid in zip(rows, ids, strict=True):
        props: dict[str, list[str]] = {}
        if clean_text(r["End date"]):
            props["end_date"] = [iso_date(r["End date"]) or clean_text(r["End date"])]
        yield Entity(
            id=f"{dataset}:{eid}",
            dataset=dataset,
            schema="Person" if clean_text(r["Type"]).casefold() == "person" else "Organization",
            names=dedupe_names([Name(clean_text(r["Name"])), *_aliases(clean_text(r["Alias"]))]),
            countries=countries_of(clean_text(r["Country"])),
            programs=dedupe(["MIEU", clean_text(r["Program"])]),
            listed_on=iso_date(r["Date"]),
            source_url=clean_text(r["Source URL"]) or None,
            properties=props,
        )
