"""EU Consolidated Financial Sanctions List (FSF), from Ammitto's derived YAML.

The file (PROVENANCE.md section 5) is about 20 MB: one YAML document per EU
``sanctionEntity``, each preceded by a ``# source-file:`` comment. It is read with
libyaml (``CSafeLoader``; pure-Python loading would take over a minute) one document at a
time, so an error can name the document's line and source file, and every document is
converted before the first entity is yielded, so a broken file never gives half a list.

EU records carry no "main name": every ``name_aliases`` entry is equally a name, in up to
~25 languages. The first English (or language-less) strong alias is taken as primary;
translations stay aliases with their language; names in a non-Latin script whose
language is not an EU one (Russian, Arabic, Chinese, ...) are ``original_script``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tradescreen.model import Entity, Identifier, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, country_codes

SOURCE_URL = ("https://data.europa.eu/data/datasets/"
              "consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions")

_SCHEMA = {"person": "Person", "p": "Person", "enterprise": "Organization",
           "e": "Organization"}
_ID_TYPES = {"passport": "passport", "id": "national_id", "regnumber": "registration",
             "fiscalcode": "tax", "taxid": "tax", "imo": "imo", "swiftbic": "swift",
             "euvat": "vat", "ssn": "ssn", "unssn": "ssn", "birthcert": "birth certificate",
             "drivinglicence": "driving licence", "nationcert": "certificate of nationality",
             "residentperm": "residence permit", "tradelic": "trade licence",
             "electionid": "voter id", "travelcardid": "travel card"}
_EU_LANGS = frozenset({"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
                       "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"})
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NON_LATIN_RE = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
_SOURCE_FILE_RE = re.compile(rb"^# source-file: *(\S+)", re.M)


def parse(path: Path, dataset: str) -> Iterator[Entity]:
    """Yield one Person or Organization per YAML document (5,860 in the 2026-05 file)."""
    path = _data_file(path)
    entities: list[Entity] = []
    seen: set[str] = set()
    for n, (doc, line, source) in enumerate(load_documents(path), 1):
        where = f"document {n}" + (f" ({source})" if source else "")
        entity = _entity(path, doc, dataset, where, line)
        if entity.id in seen:
            raise ParseError(path, f"{where}: duplicate id {entity.id}", line)
        seen.add(entity.id)
        entities.append(entity)
    if not entities:
        raise ParseError(path, "no YAML documents")
    yield from entities


def load_documents(path: Path) -> Iterator[tuple[dict[str, Any], int, str | None]]:
    """(document, 1-based line of its start, its ``# source-file:``) for each document.

    Shared with the UK parser, whose Ammitto file has the same layout. YAML errors become
    :class:`ParseError` with the line libyaml reports.
    """
    if not path.is_file():
        raise ParseError(path, "file not found")
    raw = path.read_bytes()
    if not raw.strip():
        raise ParseError(path, "file is empty")
    # Line -> source-file name, so errors point at the original per-record file.
    starts: list[int] = []
    names: list[str] = []
    line, pos = 1, 0
    for m in _SOURCE_FILE_RE.finditer(raw):
        line += raw.count(b"\n", pos, m.start())
        pos = m.start()
        starts.append(line)
        names.append(m.group(1).decode("utf-8", "replace"))
    loader = yaml.CSafeLoader(raw)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            line = node.start_mark.line + 1
            doc = loader.construct_document(node)
            i = bisect.bisect_right(starts, line) - 1
            source = names[i] if i >= 0 else None
            if doc is None:
                continue
            if not isinstance(doc, dict):
                raise ParseError(path, f"YAML document is a {type(doc).__name__}, "
                                       "not a mapping", line)
            yield doc, line, source
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark is not None else None
        raise ParseError(path, f"malformed YAML: {exc.problem or exc}", at) from None
    except yaml.YAMLError as exc:
        raise ParseError(path, f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()


def index_info(path: Path) -> dict[str, Any]:
    """The ``_index.yaml`` beside a combined file (or in a folder): ``fetched_at``, ``count``.

    ``fetched_at`` is the as-of of the edition. Returns ``{}`` if there is no index.
    """
    folder = path if path.is_dir() else path.parent
    index = path if path.name == "_index.yaml" else folder / "_index.yaml"
    if not index.is_file():
        return {}
    try:
        data = yaml.load(index.read_bytes(), Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise ParseError(index, f"malformed YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ParseError(index, "index is not a mapping")
    return {str(k): (v if isinstance(v, int) else str(v)) for k, v in data.items()}


def _data_file(path: Path) -> Path:
    if path.is_dir():
        found = sorted(p for p in path.glob("*.yaml") if p.name != "_index.yaml")
        if len(found) != 1:
            raise ParseError(path, f"expected one data .yaml in the folder, found {len(found)}")
        return found[0]
    return path


def _s(value: Any) -> str:
    """A scalar as clean text: YAML may give dates or numbers where text is expected."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _list(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _entity(path: Path, doc: dict[str, Any], dataset: str, where: str, line: int) -> Entity:
    native = _s(doc.get("eu_reference_number")) or _s(doc.get("logical_id"))
    if not native:
        raise ParseError(path, f"{where}: no eu_reference_number or logical_id", line)
    subject = doc.get("subject_type") or {}
    code = _s(subject.get("code") or subject.get("classification_code")
              if isinstance(subject, dict) else subject).lower()
    names = _names(doc)
    if not names:
        raise ParseError(path, f"{where} ({native}): no names", line)
    births, places, islamic = _births(doc)
    nationalities = country_codes([_iso2(c) for c in _list(doc, "citizenships")])
    addresses = dedupe(_join(a, ("street", "city", "zip_code", "region", "place"),
                             "country_description") for a in _list(doc, "addresses"))
    address_countries = country_codes([_iso2(a) for a in _list(doc, "addresses")])
    regs = _regulations(doc)
    props: dict[str, list[str]] = {}
    for key, values in (
        ("eu_logical_id", [_s(doc.get("logical_id"))]),
        ("gender", [_s(a.get("gender")) for a in _list(doc, "name_aliases")]),
        ("position", [_s(a.get("function")) for a in _list(doc, "name_aliases")]),
        ("title", [_s(a.get("title")) for a in _list(doc, "name_aliases")]),
        ("designation_details", [_s(doc.get("designation_details"))]),
        ("birth_date_islamic", islamic),
    ):
        kept = dedupe(values)
        if kept:
            props[key] = kept
    identifiers = [_identifier(i) for i in _list(doc, "identifications") if _s(i.get("number"))]
    un_ref = _s(doc.get("united_nation_id"))
    if un_ref:
        identifiers.insert(0, Identifier("un_ref", un_ref))
    return Entity(
        id=f"{dataset}:{native}",
        dataset=dataset,
        schema=_SCHEMA.get(code, "LegalEntity"),
        names=names,
        addresses=addresses,
        countries=dedupe(address_countries + nationalities),
        identifiers=list(dict.fromkeys(identifiers)),
        birth_dates=births,
        birth_places=places,
        nationalities=nationalities,
        programs=dedupe(_s(r.get("programme")) for r in _list(doc, "regulations")),
        listed_on=min((d for d, _ in regs if d), default=None),
        citations=dedupe(c for _, c in regs),
        remarks=_s(doc.get("remark")) or None,
        source_url=SOURCE_URL,
        properties=props,
    )


def _names(doc: dict[str, Any]) -> list[Name]:
    out: list[Name] = []
    for a in _list(doc, "name_aliases"):
        value = _s(a.get("whole_name")) or " ".join(
            _s(a.get(k)) for k in ("first_name", "middle_name", "last_name") if a.get(k))
        if not value:
            continue
        name_lang = _s(a.get("name_language")).lower()
        if a.get("strong") is False:
            kind = "weak_alias"
        elif (name_lang and name_lang not in _EU_LANGS and _NON_LATIN_RE.search(value)
              and not _LATIN_RE.search(value)):
            kind = "original_script"
        else:
            kind = "alias"
        lang = name_lang or _s(a.get("regulation_language")).lower() or None
        out.append(Name(value, kind, lang))
    # Primary: the first strong English name (unlabelled ones are in the regulation's, "en").
    pick = next((i for i, n in enumerate(out) if n.kind == "alias" and n.lang in (None, "en")),
                next((i for i, n in enumerate(out) if n.kind != "weak_alias"), 0))
    if out:
        first = out.pop(pick)
        out.insert(0, Name(first.value, "primary", first.lang))
    return dedupe_names(out)


def _births(doc: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    dates: list[str] = []
    places: list[str] = []
    islamic: list[str] = []
    for b in _list(doc, "birthdates"):
        places.append(_join(b, ("place", "city", "region"), "country_description"))
        if _s(b.get("calendar_type")).upper() not in ("", "GREGORIAN"):
            # e.g. ISLAMIC year 1343 for Iranians: likely Solar Hijri; not converted.
            islamic.append(_s(b.get("birthdate") or b.get("year")))
            continue
        if b.get("birthdate"):
            dates.append(_s(b["birthdate"]))
        elif b.get("year"):
            year, month = _s(b["year"]), b.get("month_of_year")
            dates.append(f"{year}-{int(month):02d}" if month else year)
    return dedupe(dates), dedupe(places), dedupe(islamic)


def _regulations(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(publication date, "number_title url") for the entity's regulations and those cited on
    its names, addresses, etc.: the earliest date is when the entity was first listed."""
    regs = list(_list(doc, "regulations"))
    for value in doc.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    regs += [r for r in item.get("regulation_summaries") or []
                             if isinstance(r, dict)]
    out = {(_s(r.get("publication_date")),
            " ".join(v for v in (_s(r.get("number_title")), _s(r.get("publication_url"))) if v))
           for r in regs}
    return sorted(out)


def _identifier(i: dict[str, Any]) -> Identifier:
    code = _s(i.get("identification_type_code")).lower()
    return Identifier(_ID_TYPES.get(code, code or "id"), _s(i["number"]), _iso2(i) or None)


def _iso2(item: dict[str, Any]) -> str:
    """The item's ISO code, '' for the EU's "00" (unknown) placeholder."""
    code = _s(item.get("country_iso2_code")).upper()
    return "" if code in ("", "00") else code


def _join(item: dict[str, Any], keys: tuple[str, ...], country_key: str) -> str:
    parts = [_s(item.get(k)) for k in keys]
    country = _s(item.get(country_key))
    if country.upper() != "UNKNOWN":
        parts.append(country)
    return ", ".join(dedupe(p for p in parts if p))
