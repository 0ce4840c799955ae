"""trade.gov Consolidated Screening List (CSL), as CSV or as the API's JSON.

The CSL merges eleven US lists (SDN, SSI, EL, DPL, UVL, MEU, ISN, DTC, ...) into one
table. Multi-valued CSV cells are "; "-separated; the JSON gives lists and objects
instead. One row is one entity. Ids: the CSL's ``_id`` when present (2025 files), else
``<source code>-<entity_number>`` (OFAC rows), else a content hash that is made unique
within the file.

The ``ids`` cell changed order between editions: 2019 files print "[country, ]number,
type" ("US, 80-0890696, Tax ID No."), 2025 files print "type, number[, country]"
("Passport, U00242309, TR"). Known type labels decide the order per item; when neither
end is a known label the file's edition decides. Items that are not identifiers (gender,
website, e-mail, directive and secondary-sanctions notes) go to ``properties``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tradescreen.model import Entity, Identifier, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, read_text
from tradescreen.sources.bis import clean_text, csv_rows, is_json_file
from tradescreen.sources.dates import citation_list, earliest, iso_date
from tradescreen.sources.nsfreg import (
    iso2,
    looks_like_person,
    split_names,
    strip_scope,
    unique_ids,
)

CSV_COLUMNS = ("source", "name", "type", "programs", "alt_names", "addresses")

SCHEMAS = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
}

#: CSL id type labels -> the short identifier types used across tradescreen.
ID_TYPES: dict[str, str] = {
    "passport": "passport",
    "passport no.": "passport",
    "national id no.": "national_id",
    "cedula no.": "national_id",
    "tax id no.": "tax",
    "nit #": "tax",
    "ruc #": "tax",
    "v.a.t. number": "vat",
    "registration id": "registration",
    "registration number": "registration",
    "public registration number": "registration",
    "business registration number": "registration",
    "company number": "registration",
    "commercial registry number": "registration",
    "matricula mercantil no": "registration",
    "government gazette number": "gazette",
    "swift/bic": "swift",
    "vessel registration identification": "imo",
    "imo": "imo",
    "unified social credit code (uscc)": "uscc",
    "d-u-n-s number": "duns",
    "aircraft manufacturer's serial number (msn)": "aircraft_msn",
}
#: Labels that describe the party rather than identify it: kept as properties.
PROPERTY_TYPES: dict[str, str] = {
    "gender": "gender",
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "former vessel flag": "former_vessel_flag",
    "vessel flag": "vessel_flag",
    "vessel type": "vessel_type",
}


def _is_label(text: str) -> bool:
    t = text.strip().casefold()
    return (
        t in ID_TYPES
        or t in PROPERTY_TYPES
        or t.endswith((":", " -"))
        or "sanctions" in t
        or "directive determination" in t
    )


def _add_id(
    label: str, value: str, country: str | None, ids: list[Identifier],
    props: dict[str, list[str]],
) -> None:
    label, value = label.strip(), value.strip()
    key = label.casefold()
    if key in ID_TYPES:
        kind = ID_TYPES[key]
        if kind == "imo":
            value = re.sub(r"^IMO\s*", "", value, flags=re.I)
        ids.append(Identifier(kind, value, iso2(country) if country else None))
    elif key in PROPERTY_TYPES:
        props[PROPERTY_TYPES[key]].append(value)
    elif _is_label(label):
        props["sanctions_info"].append(f"{label.rstrip(' :-')}: {value}")
    else:
        ids.append(Identifier(label, value, iso2(country) if country else None))


def parse_ids_cell(
    cell: str, type_first: bool, ids: list[Identifier], props: dict[str, list[str]]
) -> None:
    """Split one CSV ``ids`` cell into identifiers and properties (see module docs)."""
    for item in (i.strip() for i in cell.split(";")):
        if not item:
            continue
        parts = [p.strip() for p in item.split(",")]
        if len(parts) == 1:
            props["sanctions_info"].append(item)
            continue
        first_is_label, last_is_label = _is_label(parts[0]), _is_label(parts[-1])
        if first_is_label and not last_is_label:
            tf = True
        elif last_is_label and not first_is_label:
            tf = False
        else:
            tf = type_first
        if tf:
            label, rest = parts[0], parts[1:]
            country = rest.pop() if len(rest) > 1 and re.fullmatch(r"[A-Z]{2}", rest[-1]) else None
        else:
            label, rest = parts[-1], parts[:-1]
            country = rest.pop(0) if len(rest) > 1 and re.fullmatch(r"[A-Z]{2}", rest[0]) else None
        _add_id(label, ", ".join(rest), country, ids, props)


def _split(value: Any) -> list[str]:
    """A multi-valued field: a JSON list, or a "; "-separated CSV cell."""
    if value is None:
        return []
    if isinstance(value, list):
        return [clean_text(str(v)) for v in value if v is not None and clean_text(str(v))]
    return [p for p in (clean_text(x) for x in str(value).split(";")) if p]


def _source_code(source: str) -> str | None:
    m = re.search(r"\(([A-Z0-9-]{2,})\)", source)
    return m.group(1) if m else None


def _address_country(address: str) -> str | None:
    m = re.search(r",\s*([A-Z]{2})$", address)
    return iso2(m.group(1)) if m else None


def _addresses(value: Any) -> tuple[list[str], list[str]]:
    """(address lines, country codes) from a CSV cell or a JSON list of address objects."""
    lines: list[str] = []
    countries: list[str] = []
    if isinstance(value, list) and all(isinstance(a, dict) for a in value):
        for a in value:
            parts = [clean_text(str(a.get(k) or "")) for k in
                     ("address", "city", "state", "postal_code", "country")]
            line = ", ".join(p for p in parts if p)
            if line:
                lines.append(line)
            code = iso2(str(a.get("country") or ""))
            if code:
                countries.append(code)
        return lines, countries
    for line in _split(value):
        lines.append(line)
        code = _address_country(line)
        if code:
            countries.append(code)
    return lines, countries


def _entity(rec: dict[str, Any], dataset: str, eid: str, type_first: bool) -> Entity:
    source = clean_text(rec.get("source"))
    code = _source_code(source)
    raw_name = clean_text(rec.get("name"))
    name, scope = strip_scope(raw_name)
    props: dict[str, list[str]] = defaultdict(list)
    if scope:
        props["name_scope"].append(scope)
    if source:
        props["source_list"].append(source)
    names: list[Name] = split_names(name)
    for alt in _split(rec.get("alt_names")):
        alt = re.sub(r"^and\s+", "", alt)
        names.extend(split_names(alt, kind="alias"))
    typ = clean_text(rec.get("type")).casefold()
    schema = SCHEMAS.get(typ)
    if schema is None:
        person_list = code in ("DPL", "DTC")
        schema = "Person" if person_list and looks_like_person(name) else "Organization"
    addresses, countries = _addresses(rec.get("addresses"))
    cites, cite_dates, raw = citation_list(clean_text(rec.get("federal_register_notice")))
    if raw:
        props["citation_text"].append(raw)
    start = iso_date(clean_text(rec.get("start_date")))
    end = clean_text(rec.get("end_date"))
    if end:
        props["end_date"].append(iso_date(end) or end)
    title = clean_text(rec.get("title"))
    if title:
        props["title"].append(title)
    for key in ("standard_order", "call_sign", "vessel_type", "gross_tonnage",
                "gross_registered_tonnage", "vessel_flag", "vessel_owner",
                "source_information_url"):
        props[key].extend(_split(rec.get(key)))
    identifiers: list[Identifier] = []
    id_value = rec.get("ids")
    if isinstance(id_value, list):
        for item in id_value:
            if isinstance(item, dict):
                _add_id(str(item.get("type") or ""), str(item.get("number") or ""),
                        item.get("country"), identifiers, props)
    elif id_value:
        parse_ids_cell(clean_text(id_value), type_first, identifiers, props)
    nationalities = [iso2(n) or n for n in _split(rec.get("nationalities"))]
    citizenships = [iso2(n) or n for n in _split(rec.get("citizenships"))]
    if citizenships:
        props["citizenships"].extend(citizenships)
    return Entity(
        id=f"{dataset}:{eid}",
        dataset=dataset,
        schema=schema,
        names=dedupe_names(names) or [Name(raw_name)],
        addresses=dedupe(addresses),
        countries=dedupe(countries),
        identifiers=list(dict.fromkeys(identifiers)),
        birth_dates=dedupe(iso_date(d) or d for d in _split(rec.get("dates_of_birth"))),
        birth_places=dedupe(_split(rec.get("places_of_birth"))),
        nationalities=dedupe([*nationalities, *citizenships]),
        programs=dedupe([*([code] if code else []), *_split(rec.get("programs"))]),
        listed_on=start or earliest(cite_dates),
        citations=cites,
        license_requirement=clean_text(rec.get("license_requirement")) or None,
        license_policy=clean_text(rec.get("license_policy")) or None,
        remarks=clean_text(rec.get("remarks")) or None,
        source_url=clean_text(rec.get("source_list_url")) or None,
        properties={k: dedupe(v) for k, v in sorted(props.items()) if v},
    )


def _records(path: Path) -> tuple[list[dict[str, Any]], bool]:
    """(records, ids are type-first) from a CSV or JSON file."""
    text = read_text(path)
    if is_json_file(path):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParseError(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
        results = doc.get("results") if isinstance(doc, dict) else doc
        if not isinstance(results, list):
            raise ParseError(path, "no 'results' list")
        for i, rec in enumerate(results):
            if not isinstance(rec, dict):
                raise ParseError(path, f"result #{i} is not a JSON object")
            if not isinstance(rec.get("name"), str) or not rec["name"].strip():
                raise ParseError(path, f"result #{i} has no name")
        return results, True
    records: list[dict[str, Any]] = []
    has_id = False
    for line, row in csv_rows(path, text, ",", CSV_COLUMNS):
        if not clean_text(row.get("name")):
            raise ParseError(path, "row has no name", line)
        has_id = has_id or "_id" in row
        records.append(dict(row))
    return records, has_id


def parse(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of a CSL file (CSV with or without ``_id``, or the API's JSON)."""
    records, type_first = _records(path)
    keys: list[list[Any]] = []
    extra: list[list[Any]] = []
    native: list[str | None] = []
    for rec in records:
        source = clean_text(rec.get("source"))
        rid = clean_text(str(rec.get("_id") or rec.get("id") or ""))
        number = clean_text(str(rec.get("entity_number") or ""))
        code = _source_code(source) or source
        native.append(rid or (f"{code}-{number}" if number else None))
        keys.append([source, " ".join(clean_text(rec.get("name")).split())])
        extra.append([json.dumps(rec.get(k), sort_keys=True, ensure_ascii=False)
                      for k in ("addresses", "federal_register_notice", "start_date",
                                "alt_names", "ids")])
    hashed = unique_ids(keys, extra)
    seen: set[str] = set()
    for rec, nid, hid in zip(records, native, hashed, strict=True):
        eid = nid if nid and nid not in seen else hid
        seen.add(eid)
        yield _entity(rec, dataset, eid, type_first)
