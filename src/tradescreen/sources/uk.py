"""UK Sanctions List (FCDO), in the three shapes we have it (PROVENANCE.md section 6).

``parse`` dispatches on the path:

* a ``.yaml`` file: Ammitto's combined YAML (the recommended source; no DOBs, nationalities
  or passports, and IMO numbers only where printed in a ship's name or notes);
* a folder holding ``subjects.csv``: covyr's normalised tables, joined on ``unique_id``
  (alias set trimmed by the author; identifier rows repeated up to 1,440 times, deduped here);
* an ``.ods`` file: the FCDO spreadsheet export, here trimmed to 8 columns (primary name only).

A designation printed without any name (the FCDO export has one, BEL0174, with a blank
primary name) is kept with no names rather than failing the whole list.
All three use the FCDO Unique ID (e.g. ``RUS0896``) as native id, so one designation has
the same entity id whichever shape it was read from. The ODS is read with ``zipfile`` and
``defusedxml`` rather than odfpy: same result (the tests check it against odfpy), no
extra runtime dependency, and all XML goes through defusedxml.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from tradescreen.model import Entity, Identifier, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, country_codes, read_text
from tradescreen.sources.eu import index_info, load_documents

__all__ = ["index_info", "parse", "read_ods_rows"]

SOURCE_URL = "https://www.gov.uk/government/publications/the-uk-sanctions-list"

_SCHEMA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_ID_TYPES = {"passport": "passport", "national": "national_id", "imo": "imo",
             "business_registration_numbers": "registration"}
_SHIP_NAME_RE = re.compile(r'IMO\s*(\d{7})\s*\(\s*["“]?(.*?)["”]?\s*\)')
_IMO_RE = re.compile(r"\bIMO[\s:#.]*(?:no\.?|number)?\s*(\d{7})\b", re.I)
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODS_COLUMNS = ("Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type",
                "Designation source", "Date Designated", "Sanctions Imposed")


def parse(path: Path, dataset: str) -> Iterator[Entity]:
    """Yield one Person, Organization or Vessel per designation."""
    if path.is_dir():
        if not (path / "subjects.csv").is_file():
            raise ParseError(path, "folder has no subjects.csv (covyr tables)")
        entities = _parse_tables(path, dataset)
    elif path.suffix.lower() in (".yaml", ".yml"):
        entities = _parse_yaml(path, dataset)
    elif path.suffix.lower() == ".ods":
        entities = _parse_ods(path, dataset)
    else:
        raise ParseError(path, "expected a .yaml file, a .ods file or a folder of covyr tables")
    if not entities:
        raise ParseError(path, "no designations")
    yield from entities


def _s(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _entries(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Ammitto nests lists one level down: ``names: {names: [...]}``,
    ``non_latin_names: {names: [...]}``."""
    outer = doc.get(key)
    inner = (outer.get(key) or outer.get("names")) if isinstance(outer, dict) else outer
    return [v for v in inner if isinstance(v, dict)] if isinstance(inner, list) else []


def _entity(dataset: str, native: str, schema: str, names: list[Name], **kw: Any) -> Entity:
    """An entity whose first strong name is primary, with ship IMO numbers pulled out of
    names such as ``IMO 9346885 ("ZENTURO")``."""
    ids: list[Identifier] = list(kw.pop("identifiers", []))
    props: dict[str, list[str]] = kw.pop("properties", {})
    if schema == "Vessel":
        clean: list[Name] = []
        for n in names:
            m = _SHIP_NAME_RE.fullmatch(n.value)
            if m:
                ids.append(Identifier("imo", m.group(1)))
                props.setdefault("name_as_listed", []).append(n.value)
                n = Name(m.group(2), n.kind, n.lang)
            clean.append(n)
        names = clean
        # Statements of reasons print the ship's own IMO; take it only when unambiguous.
        imos = set(_IMO_RE.findall(kw.get("remarks") or ""))
        if len(imos) == 1:
            ids.append(Identifier("imo", imos.pop()))
    if names and not any(n.kind == "primary" for n in names):
        i = next((i for i, n in enumerate(names) if n.kind != "weak_alias"), 0)
        names = [Name(names[i].value, "primary")] + names[:i] + names[i + 1:]
    return Entity(id=f"{dataset}:{native}", dataset=dataset, schema=schema,
                  names=dedupe_names(names), identifiers=list(dict.fromkeys(ids)),
                  source_url=SOURCE_URL, properties={k: v for k, v in props.items() if v},
                  **kw)


# --- (a) Ammitto YAML -------------------------------------------------------------------

def _parse_yaml(path: Path, dataset: str) -> list[Entity]:
    out: list[Entity] = []
    seen: set[str] = set()
    for n, (doc, line, source) in enumerate(load_documents(path), 1):
        where = f"document {n}" + (f" ({source})" if source else "")
        native = _s(doc.get("unique_id"))
        if not native:
            raise ParseError(path, f"{where}: no unique_id", line)
        if native in seen:
            raise ParseError(path, f"{where}: duplicate unique_id {native}", line)
        seen.add(native)
        kind = _s(doc.get("individual_entity_ship")).lower()
        if kind not in _SCHEMA:
            raise ParseError(path, f"{where} ({native}): unknown type {kind!r}", line)
        out.append(_yaml_entity(doc, dataset, native, _SCHEMA[kind], _yaml_names(doc)))
    return out


def _yaml_names(doc: dict[str, Any]) -> list[Name]:
    out: list[Name] = []
    for n in _entries(doc, "names"):
        # UK order: name1..name5 are given names, name6 the surname or whole entity name.
        value = " ".join(v for v in (_s(n.get(f"name{i}")) for i in range(1, 7)) if v)
        if not value:
            continue
        name_type = _s(n.get("name_type")).lower()
        if name_type == "primary name" and not any(x.kind == "primary" for x in out):
            kind = "primary"
        elif _s(n.get("alias_strength")).lower().startswith("low"):
            kind = "weak_alias"
        else:
            kind = "alias"  # Alias, Good quality a.k.a, Primary Name Variation
        out.append(Name(value, kind))
    for n in _entries(doc, "non_latin_names"):
        out.append(Name(_s(n.get("name_non_latin_script")), "original_script"))
    return [n for n in out if n.value]


def _yaml_entity(doc: dict[str, Any], dataset: str, native: str, schema: str,
                 names: list[Name]) -> Entity:
    addresses: list[str] = []
    countries: list[str] = []
    for a in _entries(doc, "addresses"):
        lines = [_s(a.get(f"address_line{i}")) for i in range(1, 7)]
        addresses.append(", ".join(v for v in [*lines, _s(a.get("address_country"))] if v))
        countries += country_codes([_s(a.get("address_country"))])
    un_ref = _s(doc.get("un_reference_number"))
    remarks = "\n\n".join(v for v in (str(doc.get("other_information") or "").strip(),
                                      str(doc.get("uk_statement_of_reasons") or "").strip()) if v)
    props = {
        "designation_source": [_s(doc.get("designation_source"))],
        "sanctions": dedupe(_s(doc.get("sanctions_imposed")).split("|")),
        "ofsi_group_id": dedupe([_s(doc.get("ofsi_group_id"))]),
        "un_reference_number": dedupe([un_ref]),
        "last_updated": dedupe([_s(doc.get("last_updated"))]),
    }
    return _entity(dataset, native, schema, names,
                   identifiers=[Identifier("un_ref", un_ref)] if un_ref else [],
                   addresses=dedupe(addresses), countries=dedupe(countries),
                   programs=dedupe([_s(doc.get("regime_name"))]),
                   listed_on=_s(doc.get("date_designated")) or None,
                   remarks=remarks or None, properties=props)


# --- (b) covyr normalised tables -------------------------------------------------------

def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their 1-based line numbers; missing columns or ragged rows raise."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ParseError(path, f"missing columns {', '.join(missing)}", 1)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise ParseError(path, "row has the wrong number of fields", reader.line_num)
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ParseError(path, f"malformed CSV: {exc}", reader.line_num) from None
    return rows


def _dmy(text: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def _parse_tables(folder: Path, dataset: str) -> list[Entity]:
    subjects = _read_csv(folder / "subjects.csv", ("unique_id", "subject_type"))
    names: dict[str, list[Name]] = defaultdict(list)
    for _, r in _read_csv(folder / "subject_names.csv", ("unique_id", "name_type", "full_name")):
        kind = {"primary": "primary", "primary_variation": "alias"}.get(r["name_type"], "alias")
        if r.get("alias_strength", "").startswith("low"):
            kind = "weak_alias"
        if kind == "primary" and any(n.kind == "primary" for n in names[r["unique_id"]]):
            kind = "alias"
        names[r["unique_id"]].append(Name(r["full_name"].strip(), kind))
    dobs: dict[str, list[str]] = defaultdict(list)
    dob_file = folder / "subject_dobs.csv"
    for _, r in _read_csv(dob_file, ("unique_id", "year")) if dob_file.exists() else []:
        parts = [r["year"].strip(), r.get("month", "").strip(), r.get("day", "").strip()]
        if r.get("precision") == "year_only" or not parts[1].isdigit():
            parts = parts[:1]
        elif r.get("precision") == "month_year" or not parts[2].isdigit():
            parts = parts[:2]
        dobs[r["unique_id"]].append("-".join(parts))
    ids: dict[str, list[Identifier]] = defaultdict(list)
    id_file = folder / "subject_identifiers.csv"
    for _, r in _read_csv(id_file, ("unique_id", "raw_value", "identifier_type")) \
            if id_file.exists() else []:
        kind = _ID_TYPES.get(r["identifier_type"], r["identifier_type"] or "id")
        value = r["raw_value"].strip()
        if kind == "imo":
            value = re.sub(r"^IMO\s*", "", value, flags=re.I)
        if value:
            ids[r["unique_id"]].append(Identifier(kind, value))
    out: list[Entity] = []
    for line, r in subjects:
        uid = r["unique_id"].strip()
        schema = _SCHEMA.get(r["subject_type"].strip().lower())
        if not uid or schema is None:
            raise ParseError(folder / "subjects.csv", "no unique_id or unknown subject_type", line)
        un_ref = r.get("un_reference_number", "").strip()
        props = {"ofsi_group_id": dedupe([r.get("ofsi_group_id", "")]),
                 "un_reference_number": dedupe([un_ref]),
                 "last_updated": dedupe([_dmy(r.get("last_updated", "")) or ""])}
        out.append(_entity(dataset, uid, schema, names[uid],
                           identifiers=([Identifier("un_ref", un_ref)] if un_ref else [])
                           + ids.get(uid, []),
                           birth_dates=dedupe(dobs.get(uid, [])),
                           listed_on=_dmy(r.get("date_designated", "")), properties=props))
    return out


# --- (c) FCDO .ods export ----------------------------------------------------------------

def read_ods_rows(path: Path) -> list[list[str]]:
    """The first sheet of an .ods file as rows of cell text (trailing blanks trimmed)."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ParseError(path, "file not found") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ParseError(path, f"not an OpenDocument file: {exc}") from None
    rows: list[list[str]] = []
    try:
        with archive, archive.open("content.xml") as stream:
            for _event, el in SafeET.iterparse(stream, events=("end",)):
                if el.tag == f"{_TABLE}table-row":
                    cells = _ods_row(el)
                    repeat = int(el.get(f"{_TABLE}number-rows-repeated", "1"))
                    rows.extend([cells] * (repeat if any(cells) else 1))
                    el.clear()
                elif el.tag == f"{_TABLE}table":
                    break  # first sheet only
    except KeyError:
        raise ParseError(path, "no content.xml in the archive") from None
    except XMLParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ParseError(path, f"malformed content.xml: {exc}", line) from None
    except (DefusedXmlException, zipfile.BadZipFile, EOFError) as exc:
        raise ParseError(path, f"unreadable content.xml: {exc}") from None
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _ods_row(row: Element) -> list[str]:
    cells: list[str] = []
    blanks = 0  # runs of empty cells are only kept if something follows them
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
        text = "\n".join(" ".join(_inline(p).split()) for p in cell.iter(f"{_TEXT}p"))
        if not text:
            blanks += repeat
            continue
        cells += [""] * blanks + [text] * repeat
        blanks = 0
    return cells


def _inline(el: Element) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _parse_ods(path: Path, dataset: str) -> list[Entity]:
    rows = read_ods_rows(path)
    if not rows:
        raise ParseError(path, "spreadsheet is empty")
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    missing = [c for c in _ODS_COLUMNS if c not in col]
    if missing:
        raise ParseError(path, f"missing columns {', '.join(missing)}", 1)
    out: list[Entity] = []
    for n, row in enumerate(rows[1:], 2):
        if not any(row):
            continue
        get = {c: (row[col[c]] if col[c] < len(row) else "") for c in _ODS_COLUMNS}
        schema = _SCHEMA.get(get["Type"].lower())
        if not get["Unique ID"] or schema is None:
            raise ParseError(path, "row lacks a Unique ID or a known Type", n)
        date = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", get["Date Designated"])
        props = {"designation_source": [get["Designation source"]],
                 "sanctions": dedupe(get["Sanctions Imposed"].split(", ")),
                 "ofsi_group_id": dedupe([get["OFSI Group ID"]])}
        names = [Name(get["Name"], "primary")] if get["Name"] else []
        out.append(_entity(dataset, get["Unique ID"], schema, names,
                           programs=dedupe([get["Regime Name"]]),
                           listed_on=f"{date[3]}-{date[2]}-{date[1]}" if date else None,
                           properties=props))
    return out
