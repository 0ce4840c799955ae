"""OFAC SDN and Consolidated (non-SDN) lists: legacy CSV sets and the legacy `sdnList` XML.

The legacy CSV is four header-less files joined by `ent_num` (sdn/add/alt/comments, or
cons_prim/cons_add/cons_alt/cons_comments). Most detail hides in free-text Remarks, read by
:mod:`tradescreen.sources.ofac_remarks`. Every file is read and checked completely before
the first entity is yielded, so a bad file raises instead of yielding half a list.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tradescreen.model import Entity, Link, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError
from tradescreen.sources.ofac_remarks import Remarks, parse_remarks, resolve_country

__all__ = ["find_csv_set", "parse_any", "parse_csv_set", "parse_xml", "read_rows",
           "xml_publish_date"]

log = logging.getLogger(__name__)

SOURCE_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"
REMARKS_WIDTH = 1000  # sdn.csv cuts Remarks at this length; the rest is in the comments file
_NULL = "-0-"
_SDN_COLS, _ADD_COLS, _ALT_COLS, _COMMENT_COLS = 12, 6, 5, 2
_SCHEMAS = {"": "Organization", "individual": "Person", "vessel": "Vessel",
            "aircraft": "Aircraft", "entity": "Organization"}
_ALT_KINDS = {"aka": "alias", "fka": "former", "nka": "alias"}
_VESSEL_COLS = ((5, "call_sign"), (6, "vessel_type"), (7, "tonnage"),
                (8, "gross_registered_tonnage"), (10, "owner"))
# file roles -> accepted names (either naming family), lower case
_PRIMARY = ("sdn.csv", "cons_prim.csv")
_SIBLINGS = {"add": ("add.csv", "cons_add.csv"), "alt": ("alt.csv", "cons_alt.csv"),
             "comments": ("sdn_comments.csv", "cons_comments.csv")}


def _cell(value: str) -> str | None:
    """A CSV cell, with OFAC's literal `-0- ` null read as None."""
    v = value.strip()
    return None if not v or v == _NULL else v


# -- legacy CSV --------------------------------------------------------------------------

def _decode(path: Path, data: bytes) -> str:
    """UTF-8, else cp1252, both strict: a byte neither can read is an error, never dropped."""
    err: UnicodeDecodeError | None = None
    for enc in ("utf-8", "cp1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            err = exc  # report where the last (most permissive) decoding failed
            continue
        return text[1:] if text.startswith("\ufeff") else text
    assert err is not None
    line = data.count(b"\n", 0, err.start) + 1
    raise ParseError(path, f"not valid UTF-8 or cp1252 text (byte 0x{data[err.start]:02X} "
                           f"at offset {err.start})", line)


def read_rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    """All data rows of one legacy CSV file with their line numbers, checked for width.

    Decoded strictly as UTF-8, else cp1252 (never dropping bytes); the trailing 0x1A EOF
    byte is removed explicitly, and one anywhere else is an error.
    """
    if not path.is_file():
        raise ParseError(path, "file not found")
    data = path.read_bytes().rstrip(b"\r\n\t ")
    if data.endswith(b"\x1a"):
        data = data[:-1]
    if not data.strip():
        raise ParseError(path, "file is empty", 1)
    if b"\x1a" in data:
        raise ParseError(path, "EOF byte 0x1A before the end of the file",
                         data.count(b"\n", 0, data.index(b"\x1a")) + 1)
    body = _decode(path, data)
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != columns:
                raise ParseError(path, f"expected {columns} columns, found {len(row)} "
                                       "(truncated or malformed row)", reader.line_num)
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ParseError(path, f"malformed CSV: {exc}", reader.line_num) from exc
    return rows


def _ent_num(path: Path, line: int, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ParseError(path, f"ent_num {value!r} is not a number", line) from None


def _programs(text: str | None) -> list[str]:
    """`SDGT] [NS-PLC` -> [SDGT, NS-PLC]."""
    if not text:
        return []
    if "]" not in text:
        return [text.strip(" []")]
    return dedupe(p.strip(" []") for p in text.split("] ["))


def _address(street: str | None, city: str | None, country: str | None) -> str | None:
    if not street and not city:
        return None  # a bare country is not an address; it still counts in `countries`
    return ", ".join(p for p in (street, city, country) if p)


@dataclass(slots=True)
class _Extra:
    """What the add/alt/comments files contribute to one ent_num."""

    names: list[Name] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    address_remarks: list[str] = field(default_factory=list)
    alias_remarks: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)


def _read_extras(add: Path | None, alt: Path | None,
                 comments: Path | None) -> dict[int, _Extra]:
    extras: dict[int, _Extra] = defaultdict(_Extra)
    if add is not None:
        for line, row in read_rows(add, _ADD_COLS):
            ex = extras[_ent_num(add, line, row[0])]
            street, city, country, remark = (_cell(row[i]) for i in (2, 3, 4, 5))
            addr = _address(street, city, country)
            if addr and addr not in ex.addresses:
                ex.addresses.append(addr)
            if country:
                code = resolve_country(country) or country
                if code not in ex.countries:
                    ex.countries.append(code)
            if remark:
                ex.address_remarks.append(remark)
    if alt is not None:
        for line, row in read_rows(alt, _ALT_COLS):
            ex = extras[_ent_num(alt, line, row[0])]
            alt_type = (_cell(row[2]) or "aka").lower()
            if alt_type not in _ALT_KINDS:
                raise ParseError(alt, f"unknown alt_type {row[2]!r}", line)
            name = _cell(row[3])
            if name:
                ex.names.append(Name(name, _ALT_KINDS[alt_type]))
            if _cell(row[4]):
                ex.alias_remarks.append(row[4].strip())
    if comments is not None:
        for line, row in read_rows(comments, _COMMENT_COLS):
            extras[_ent_num(comments, line, row[0])].overflow.append(row[1])
    return extras


def _join_remarks(raw: str, overflow: list[str]) -> tuple[str | None, str | None]:
    """Remarks (raw cell) with its continuation; one that does not fit is returned apart.

    A continuation only belongs to a Remarks cut at the field width (measured on the raw
    cell: the cut can fall just before a space). Mixing editions (a 2025 comments file
    beside a 2024 sdn.csv) gives continuations for untruncated text; gluing those on
    would corrupt the record, so they are kept aside, unparsed.
    """
    if not overflow:
        return _cell(raw), None
    more = "".join(overflow)
    if len(raw) >= REMARKS_WIDTH:
        return _cell(raw + more), None
    return _cell(raw), _cell(more)


def _resolve_links(links: list[Link], by_name: dict[str, list[str]]) -> list[Link]:
    """Point `Linked To` names at entities of the same list when the name is unambiguous."""
    out: list[Link] = []
    for lk in links:
        resolved = lk
        for cand in (lk.target, lk.target + ".", lk.target.rstrip(". ")):
            ids = by_name.get(cand)
            if ids is not None and len(ids) == 1:
                resolved = Link(lk.relation, cand, ids[0])
                break
        if resolved not in out:
            out.append(resolved)
    return out


def _merge(current: list[str], more: list[str]) -> list[str]:
    return [*current, *(v for v in more if v not in current)] if current else list(more)


def _apply(ent: Entity, rem: Remarks) -> None:
    """Fold parsed Remarks (already de-duplicated) into an entity."""
    if rem.birth_dates:
        ent.birth_dates = _merge(ent.birth_dates, rem.birth_dates)
    if rem.birth_places:
        ent.birth_places = _merge(ent.birth_places, rem.birth_places)
    if rem.nationalities:
        ent.nationalities = _merge(ent.nationalities, rem.nationalities)
    for ident in rem.identifiers:
        if ident not in ent.identifiers:
            ent.identifiers.append(ident)
    ent.listed_on = ent.listed_on or rem.listed_on
    for key, vals in rem.properties.items():
        ent.properties[key] = _merge(ent.properties.get(key, []), vals)


def parse_csv_set(sdn: Path, add: Path | None, alt: Path | None, comments: Path | None,
                  dataset: str) -> Iterator[Entity]:
    """Entities of one legacy CSV set (SDN or consolidated), joined by ent_num."""
    primaries: dict[int, tuple[int, list[str]]] = {}
    for line, row in read_rows(sdn, _SDN_COLS):
        num = _ent_num(sdn, line, row[0])
        if num in primaries:
            raise ParseError(sdn, f"ent_num {num} repeated (first on line {primaries[num][0]})",
                             line)
        if not _cell(row[1]):
            raise ParseError(sdn, f"ent_num {num} has no name", line)
        if (_cell(row[2]) or "").lower() not in _SCHEMAS:
            raise ParseError(sdn, f"unknown SDN_Type {row[2]!r}", line)
        primaries[num] = (line, row)
    extras = _read_extras(add, alt, comments)
    orphans = sorted(set(extras) - set(primaries))
    if orphans:
        log.warning("%s: %d ent_nums in add/alt/comments have no primary row in %s "
                    "(e.g. %s); their rows are skipped", dataset, len(orphans), sdn.name,
                    ", ".join(map(str, orphans[:5])))
    by_name: dict[str, list[str]] = defaultdict(list)
    for num, (_, row) in primaries.items():
        by_name[row[1].strip()].append(f"{dataset}:{num}")

    entities: list[Entity] = []
    for num, (_, row) in primaries.items():
        ex = extras.get(num) or _Extra()
        remarks, overflow = _join_remarks(row[11], ex.overflow)
        rem = parse_remarks(remarks)
        ent = Entity(
            id=f"{dataset}:{num}", dataset=dataset,
            schema=_SCHEMAS[(_cell(row[2]) or "").lower()],
            names=dedupe_names([Name(row[1].strip(), "primary"), *ex.names, *rem.names]),
            addresses=list(ex.addresses), countries=list(ex.countries),
            programs=_programs(_cell(row[3])), remarks=remarks,
            source_url=SOURCE_URL.format(num),
            links=_resolve_links(rem.links, by_name),
        )
        _apply(ent, rem)
        title = _cell(row[4])
        if title:
            ent.properties["title"] = [title]
        for col, key in _VESSEL_COLS:
            val = _cell(row[col])
            if val:
                ent.properties[key] = [val]
        flag = _cell(row[9])
        if flag:
            ent.properties["flag"] = [resolve_country(flag) or flag]
        if ex.address_remarks:
            ent.properties["address_remarks"] = dedupe(ex.address_remarks)
        if ex.alias_remarks:
            ent.properties["alias_remarks"] = dedupe(ex.alias_remarks)
        if overflow:
            ent.properties["remarks_overflow"] = [overflow]
        entities.append(ent)
    yield from entities


# -- legacy XML (in ofac_xml; imported late because it builds on the helpers above) --------

def parse_xml(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of an OFAC legacy XML file (SDN.XML / CONSOLIDATED.XML, `sdnList` schema)."""
    from tradescreen.sources import ofac_xml

    return ofac_xml.parse_xml(path, dataset)


def xml_publish_date(path: Path) -> str | None:
    """The XML list's own date (`Publish_Date`) as ISO, or None when absent."""
    from tradescreen.sources import ofac_xml

    return ofac_xml.xml_publish_date(path)


# -- dispatch ----------------------------------------------------------------------------

def _pick(files: dict[str, Path], names: tuple[str, ...], prefer: int) -> Path | None:
    order = (names[prefer], names[1 - prefer])
    for n in order:
        if n in files:
            return files[n]
    return None


def find_csv_set(folder: Path, primary: Path | None = None
                 ) -> tuple[Path, Path | None, Path | None, Path | None]:
    """(primary, add, alt, comments) in a folder; either naming family, any letter case."""
    files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    if primary is None:
        found = [files[n] for n in _PRIMARY if n in files]
        if len(found) > 1:
            raise ParseError(folder, "both sdn.csv and cons_prim.csv present; "
                                     "parse them as separate datasets")
        if not found:
            extra = sorted(files[n].name for names in _SIBLINGS.values() for n in names
                           if n in files)
            if extra:
                raise ParseError(folder, "no primary file (sdn.csv or cons_prim.csv) for "
                                         f"{', '.join(extra)}: cannot join add/alt/comments rows")
            raise ParseError(folder, "no OFAC legacy CSV files (sdn.csv or cons_prim.csv)")
        primary = found[0]
    prefer = 1 if primary.name.lower().startswith("cons") else 0
    add, alt, comments = (_pick(files, _SIBLINGS[k], prefer) for k in ("add", "alt", "comments"))
    return primary, add, alt, comments


def parse_any(path: Path, dataset: str) -> Iterator[Entity]:
    """Parse whatever OFAC legacy form `path` is: a CSV-set folder, one CSV, or an XML."""
    path = Path(path)
    if path.is_dir():
        csvs = [p for p in path.iterdir() if p.suffix.lower() == ".csv"]
        xmls = [p for p in path.iterdir() if p.suffix.lower() == ".xml"]
        if not csvs and len(xmls) == 1:
            return parse_xml(xmls[0], dataset)
        return parse_csv_set(*find_csv_set(path), dataset)
    if not path.exists():
        raise ParseError(path, "file not found")
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return parse_xml(path, dataset)
    if suffix == ".csv":
        name = path.name.lower()
        sibling = any(name in names for names in _SIBLINGS.values())
        return parse_csv_set(*find_csv_set(path.parent, None if sibling else path), dataset)
    raise ParseError(path, f"not an OFAC legacy file (expected .csv, .xml or a folder): {suffix!r}")
