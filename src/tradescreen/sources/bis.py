"""BIS files in their own formats: the legacy Entity List CSV and the Denied Persons List.

* ``el.csv``: BIS's old consolidated Entity List export, one row per (entity, address,
  alias), so rows are grouped back into entities. No entity has a number in it.
* ``dpl.txt``: the Denied Persons List, tab-delimited with every field quoted, one row per
  (party, address) and no id at all.
* :func:`parse_dpl_any` also takes the DERIVED nsfreg ``bis_dpl.json``, so the dataset can
  switch between editions without a config change.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tradescreen.model import Entity, Name, content_id, dedupe, dedupe_names
from tradescreen.sources import nsfreg
from tradescreen.sources.base import ParseError, read_text
from tradescreen.sources.dates import citation_list, earliest, iso_date
from tradescreen.sources.nsfreg import iso2, looks_like_person, split_names, words

_C1 = re.compile("[\x80-\x9f]")


def fix_c1(text: str) -> str:
    """Repair cp1252 punctuation that was decoded as Latin-1 control characters.

    The el.csv fixture holds U+0091/U+0092 where the source had ‘ and ’ ("Sa\\x92id"):
    such C1 controls never belong in a name, so they are mapped back through cp1252.
    """

    def one(m: re.Match[str]) -> str:
        try:
            return m.group(0).encode("latin-1").decode("cp1252")
        except UnicodeDecodeError:
            return ""

    return _C1.sub(one, text)


def clean_text(value: object) -> str:
    """One field as clean text: C1 mojibake repaired, NBSPs and runs of space collapsed.

    Takes any JSON value (None -> "") so JSON and CSV records go through one path.
    """
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return " ".join(fix_c1(text).replace("\xa0", " ").split())


def name_key(name: str) -> str:
    """Grouping key for rows of one party: whitespace-collapsed, case-folded name."""
    return " ".join(name.split()).casefold()


# --------------------------------------------------------------------------------------
# Legacy Entity List CSV
# --------------------------------------------------------------------------------------

EL_COLUMNS = (
    "Source List", "Entity Number", "SDN Type", "Programs", "Name", "Title", "Address",
    "City", "State/Province", "Postal Code", "Country", "Federal Register Notice",
    "Effective Date", "Date Lifted/Waived/Expired", "Standard Order", "License Requirement",
    "License Policy", "Call Sign", "Vessel Type", "Gross Tonnage", "Gross Register Tonnage",
    "Vessel Flag", "Vessel Owner", "Remarks/Notes", "Address Number", "Address Remarks",
    "Alternate Number", "Alternate Type", "Alternate Name", "Alternate Remarks", "Web Link",
)


def csv_rows(path: Path, text: str, delimiter: str, required: tuple[str, ...]) -> Iterator[
    tuple[int, dict[str, str]]
]:
    """(line, row) pairs keyed by header name; ragged rows and a wrong header fail loudly.

    A row may be as long as the named columns or as long as the whole header (el.csv's
    header has 5 trailing empty columns that most rows do not carry).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ParseError(path, "file has no header row") from None
    except csv.Error as exc:
        raise ParseError(path, f"unreadable header: {exc}", 1) from None
    named = [h.strip() for h in header]
    while named and not named[-1]:
        named.pop()
    missing = [c for c in required if c not in named]
    if missing:
        raise ParseError(path, f"header lacks column(s) {', '.join(missing)}", 1)
    allowed = {len(named), len(header)}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ParseError(path, f"unreadable CSV: {exc}", reader.line_num) from None
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) not in allowed:
            raise ParseError(
                path,
                f"row has {len(row)} fields, expected {' or '.join(map(str, sorted(allowed)))}",
                reader.line_num,
            )
        yield reader.line_num, dict(zip(named, row, strict=False))


def _address(*parts: str) -> str | None:
    joined = ", ".join(p for p in (clean_text(x).strip(" ,") for x in parts) if p)
    return joined or None


def parse_el_csv(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of BIS's legacy Entity List CSV, grouping the per-alias/per-address rows.

    Grouping key: the name (whitespace-collapsed, case-folded) and the country, since the
    file has no entity number. Citations and dates from every row of a group are kept;
    ``listed_on`` is the earliest Effective Date.
    """
    text = read_text(path)
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for line, row in csv_rows(path, text, ",", ("Name", "Country", "Federal Register Notice")):
        name = clean_text(row.get("Name"))
        if not name:
            raise ParseError(path, "row has no Name", line)
        groups[(name_key(name), clean_text(row.get("Country")).casefold())].append(row)
    for (key, country_key), rows in groups.items():
        first = rows[0]
        name = clean_text(first["Name"])
        names = split_names(name)
        for row in rows:
            alt = clean_text(row.get("Alternate Name"))
            if alt:
                names.extend(split_names(alt, kind="alias"))
        citations: list[str] = []
        dates: list[str | None] = []
        props: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            cites, cite_dates, raw = citation_list(clean_text(row.get("Federal Register Notice")))
            citations.extend(cites)
            dates.extend(cite_dates)
            if raw:
                props["citation_text"].append(raw)
            dates.append(iso_date(row.get("Effective Date")))
            lifted = iso_date(row.get("Date Lifted/Waived/Expired"))
            if lifted:
                props["end_date"].append(lifted)
            for col, prop in (("Title", "title"), ("Standard Order", "standard_order"),
                              ("Address Remarks", "address_remarks")):
                if clean_text(row.get(col)):
                    props[prop].append(clean_text(row.get(col)))
        country = clean_text(first.get("Country"))
        code = iso2(country)
        sdn_type = clean_text(first.get("SDN Type")).casefold()
        programs = [p for r in rows for p in clean_text(r.get("Programs")).split(";")]
        yield Entity(
            id=f"{dataset}:{content_id('bis-el-csv', key, country_key)}",
            dataset=dataset,
            schema="Person" if sdn_type == "individual" else "Organization",
            names=dedupe_names(names),
            addresses=dedupe(
                a
                for r in rows
                if (a := _address(r.get("Address", ""), r.get("City", ""),
                                  r.get("State/Province", ""), r.get("Postal Code", ""),
                                  r.get("Country", "")))
            ),
            countries=[code] if code else ([country] if country else []),
            programs=dedupe(["EAR Entity List", *programs]),
            listed_on=earliest(dates),
            citations=dedupe(citations),
            license_requirement=_first(rows, "License Requirement"),
            license_policy=_first(rows, "License Policy"),
            remarks=_first(rows, "Remarks/Notes"),
            source_url=_first(rows, "Web Link"),
            properties={k: dedupe(v) for k, v in sorted(props.items()) if v},
        )


def rows_by_party(
    path: Path, text: str, delimiter: str, required: tuple[str, ...], name_column: str
) -> dict[str, list[dict[str, str]]]:
    """Rows grouped by party: one party listed by several rows (addresses, notices) is one
    entity. The key is the whitespace-collapsed, case-folded name."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line, row in csv_rows(path, text, delimiter, required):
        name = clean_text(row[name_column])
        if not name:
            raise ParseError(path, f"row has no {name_column}", line)
        groups[name_key(name)].append(row)
    return groups


def _first(rows: list[dict[str, str]], col: str) -> str | None:
    for r in rows:
        v = clean_text(r.get(col))
        if v:
            return v
    return None


# --------------------------------------------------------------------------------------
# Denied Persons List, dpl.txt
# --------------------------------------------------------------------------------------

DPL_COLUMNS = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)

#: US state and territory codes: dpl.txt often leaves Country empty for US addresses.
US_STATES = words(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
    NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP"""
)


def parse_dpl(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of BIS's tab-delimited ``dpl.txt``: one entity per denied party.

    Grouping key: the name, whitespace-collapsed and case-folded (" I. ASH" and "I. ASH"
    are one party). The file repeats a party once per address, and for two parties (I. ASH,
    HAYDEE HERRERA) once per denial order too; the FR citation text differs between the
    repeats only by typos, so it cannot be part of the key. All addresses, citations and
    dates are kept; ``listed_on`` is the earliest Effective_Date. The 2022-09 file has
    581 rows and 459 parties.
    """
    text = read_text(path, ("utf-8", "cp1252"))
    groups = rows_by_party(path, text, "\t", DPL_COLUMNS, "Name")
    for key, rows in groups.items():
        name = clean_text(rows[0]["Name"])
        citations: list[str] = []
        dates: list[str | None] = []
        props: dict[str, list[str]] = defaultdict(list)
        addresses: list[str] = []
        countries: list[str] = []
        for row in rows:
            cites, cite_dates, raw = citation_list(clean_text(row["FR_Citation"]))
            citations.extend(cites)
            if raw:
                props["citation_text"].append(raw)
            dates.append(iso_date(row["Effective_Date"]))
            for col, prop in (("Expiration_Date", "expiration_date"),
                              ("Last_Update", "last_update")):
                v = clean_text(row[col])
                if v:
                    props[prop].append(iso_date(v) or v)
            for col, prop in (("Standard_Order", "standard_order"), ("Action", "action")):
                v = clean_text(row[col])
                if v:
                    props[prop].append(v.upper() if prop == "standard_order" else v)
            country = clean_text(row["Country"])
            state = clean_text(row["State"]).upper()
            code = iso2(country)
            if not code and (country or state).upper() in US_STATES:
                country = code = "US"  # Country left empty, or holding the state code
            if country:
                countries.append(code or country)
            addr = _address(row["Street_Address"], row["City"], row["State"],
                            row["Postal_Code"], row["Country"])
            if addr:
                addresses.append(addr)
        yield Entity(
            id=f"{dataset}:{content_id('bis-dpl-txt', key)}",
            dataset=dataset,
            schema="Person" if looks_like_person(name) else "Organization",
            names=[Name(name)],
            addresses=dedupe(addresses),
            countries=dedupe(countries),
            programs=["DPL"],
            listed_on=earliest(dates),
            citations=dedupe(citations),
            properties={k: dedupe(v) for k, v in sorted(props.items()) if v},
        )


def is_json_file(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def parse_dpl_any(path: Path, dataset: str) -> Iterator[Entity]:
    """The DPL in either edition: BIS's ``dpl.txt`` or the nsfreg ``bis_dpl.json``.

    A directory is searched for ``dpl.txt`` first, then ``bis_dpl.json``.
    """
    if path.is_dir():
        for candidate in ("dpl.txt", "bis_dpl.json"):
            if (path / candidate).is_file():
                yield from parse_dpl_any(path / candidate, dataset)
                return
        raise ParseError(path, "directory holds neither dpl.txt nor bis_dpl.json")
    if not path.is_file():
        raise ParseError(path, "file not found")
    yield from (nsfreg.parse(path, dataset) if is_json_file(path) else parse_dpl(path, dataset))


def parse_el_any(path: Path, dataset: str) -> Iterator[Entity]:
    """The Entity List in either format: nsfreg JSON or the legacy BIS CSV."""
    if not path.is_file():
        raise ParseError(path, "file not found")
    yield from (nsfreg.parse(path, dataset) if is_json_file(path) else parse_el_csv(path, dataset))
