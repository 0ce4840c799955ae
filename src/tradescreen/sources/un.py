"""UN Security Council Consolidated List, from the official XML (``consolidated.xml``).

The XML is small (about 2 MB), so it is parsed whole with ``defusedxml`` before anything
is yielded: a truncated or malformed file raises :class:`ParseError` instead of giving
half a list. Quirks handled (PROVENANCE.md section 4): names split over FIRST..FOURTH_NAME;
alias QUALITY Good / Low / a.k.a. / f.k.a.; several aliases packed into one ALIAS_NAME
with ``;``; original-script names hidden in alias and document NOTEs; dates of birth as
EXACT / BETWEEN / APPROXIMATELY / YEAR or only a free-text NOTE (month names, one Hijri
date); document numbers written as prose ("Afghan passport number SE 012820") or in a NOTE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from tradescreen.model import Entity, Identifier, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, country_code, country_codes

SOURCE_URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"

_ALIAS_KIND = {"good": "alias", "a.k.a.": "alias", "low": "weak_alias", "f.k.a.": "former"}
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_RE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_HIJRI_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(1[34]\d\d)\b.*hijri", re.I)
# A document number written into free text: after "number", "no.", "card", "code", "SSN".
_DOC_NUMBER_RE = re.compile(
    r"(?i:\b(?:number|no\.|card|code|ssn)\b)\s*:?\s*"
    r"([A-Z]{1,3}-?\s?\d[\dA-Z-]*|\d[\dA-Z-]*)"
)
_LEADING_NUMBER_RE = re.compile(r"^\s*(\d[\dA-Z-]{3,})\b")
_PROSE_RE = re.compile(r"[a-z]{3}|[(),:]")
_PAREN_RE = re.compile(r"\([^)]*\)")
_TRAILING_NO_RE = re.compile(r"\s*\b(?:number|no|nr)\b[.:]?$")
_SCRIPT_NOTE_RE = re.compile(r"\bscript\s*:\s*([^;]+)", re.I)
_ALIAS_SPLIT_RE = re.compile(r"\s*;\s*|\s+[a-z]\)\s+")


def _text(el: Element | None) -> str:
    """Element text with the XML's pretty-printing whitespace collapsed."""
    if el is None or el.text is None:
        return ""
    return " ".join(el.text.split())


def _load(path: Path) -> Element:
    if not path.exists():
        raise ParseError(path, "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(path, "file is empty")
    try:
        root: Element = SafeET.fromstring(data)
    except XMLParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ParseError(path, f"malformed XML: {exc}", line) from None
    except DefusedXmlException as exc:
        raise ParseError(path, f"unsafe XML refused: {exc}") from None
    if root.tag != "CONSOLIDATED_LIST":
        raise ParseError(path, f"not a UN consolidated list (root element <{root.tag}>)")
    return root


def date_generated(path: Path) -> str | None:
    """The list's own as-of timestamp (``dateGenerated`` on the root element).

    Reads only up to the root element, so it is cheap on any size of file.
    """
    if not path.is_file():
        raise ParseError(path, "file not found")
    try:
        with path.open("rb") as stream:
            for _event, root in SafeET.iterparse(stream, events=("start",)):
                return root.get("dateGenerated") or None
    except XMLParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ParseError(path, f"malformed XML: {exc}", line) from None
    except DefusedXmlException as exc:
        raise ParseError(path, f"unsafe XML refused: {exc}") from None
    raise ParseError(path, "file is empty")


def parse(path: Path, dataset: str) -> Iterator[Entity]:
    """Yield one Person per INDIVIDUAL and one Organization per ENTITY.

    ``countries`` holds the address countries and nationalities; ``programs`` the UN
    regime (UN_LIST_TYPE) and the reference number, which is also an ``un_ref`` identifier
    so that EU and UK records of the same UN designation can be tied to it.
    """
    root = _load(path)
    entities: list[Entity] = []
    seen: set[str] = set()
    for group, tag, schema in (("INDIVIDUALS", "INDIVIDUAL", "Person"),
                               ("ENTITIES", "ENTITY", "Organization")):
        for n, rec in enumerate(root.iterfind(f"{group}/{tag}"), 1):
            entity = _entity(path, rec, dataset, schema, f"{tag} #{n}")
            if entity.id in seen:
                raise ParseError(path, f"{tag} #{n}: duplicate reference {entity.id}")
            seen.add(entity.id)
            entities.append(entity)
    if not entities:
        raise ParseError(path, "no INDIVIDUAL or ENTITY records")
    yield from entities


def _entity(path: Path, rec: Element, dataset: str, schema: str, where: str) -> Entity:
    ref = _text(rec.find("REFERENCE_NUMBER"))
    dataid = _text(rec.find("DATAID"))
    native = ref or dataid
    if not native:
        raise ParseError(path, f"{where}: no REFERENCE_NUMBER or DATAID")
    names = _names(rec, schema)
    if not names:
        raise ParseError(path, f"{where} ({native}): no name")
    prefix = "INDIVIDUAL" if schema == "Person" else "ENTITY"
    births, places = _births(rec)
    nationalities = country_codes([_text(v) for v in rec.iterfind("NATIONALITY/VALUE")])
    addresses, addr_countries = _addresses(rec.iterfind(f"{prefix}_ADDRESS"))
    list_type = _text(rec.find("UN_LIST_TYPE"))
    identifiers = [Identifier("un_ref", ref)] if ref else []
    identifiers += _documents(rec)
    props: dict[str, list[str]] = {}
    for key, xpath in (("un_dataid", "DATAID"), ("gender", "GENDER"),
                       ("title", "TITLE/VALUE"), ("position", "DESIGNATION/VALUE"),
                       ("last_updated", "LAST_DAY_UPDATED/VALUE")):
        values = dedupe(_text(e) for e in rec.iterfind(xpath))
        if values:
            props[key] = values
    notes = dedupe(_text(e) for e in rec.iterfind("INDIVIDUAL_DATE_OF_BIRTH/NOTE"))
    if notes:
        props["birth_date_note"] = notes
    return Entity(
        id=f"{dataset}:{native}",
        dataset=dataset,
        schema=schema,
        names=names,
        addresses=addresses,
        countries=dedupe(addr_countries + nationalities),
        identifiers=identifiers,
        birth_dates=births,
        birth_places=places,
        nationalities=nationalities,
        programs=dedupe([list_type, ref]),
        listed_on=_text(rec.find("LISTED_ON")) or None,
        remarks=_text(rec.find("COMMENTS1")) or None,
        source_url=SOURCE_URL,
        properties=props,
    )


def _names(rec: Element, schema: str) -> list[Name]:
    out: list[Name] = []
    if schema == "Person":
        parts = [_text(rec.find(t)) for t in
                 ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        out.append(Name(" ".join(p for p in parts if p), "primary"))
    else:
        # One entity is listed as "NAME A (X) ; NAME B (Y)": two names, not one.
        for i, part in enumerate(_text(rec.find("FIRST_NAME")).split(";")):
            out.append(Name(part.strip(), "primary" if i == 0 else "alias"))
    for alias in rec.iterfind("INDIVIDUAL_ALIAS") if schema == "Person" else rec.iterfind(
            "ENTITY_ALIAS"):
        kind = _ALIAS_KIND.get(_text(alias.find("QUALITY")).lower(), "alias")
        for value in _ALIAS_SPLIT_RE.split(_text(alias.find("ALIAS_NAME"))):
            out.append(Name(value, kind))
        # "original script: Абу Банат": a weak nickname stays weak in any script.
        for value in _SCRIPT_NOTE_RE.findall(_text(alias.find("NOTE"))):
            out.append(Name(value, "weak_alias" if kind == "weak_alias" else "original_script"))
    for el in rec.iterfind("NAME_ORIGINAL_SCRIPT"):
        out.append(Name(_text(el), "original_script"))
    for note in rec.iterfind("INDIVIDUAL_DOCUMENT/NOTE"):  # "name in Arabic script: ..."
        out += [Name(v, "original_script") for v in _SCRIPT_NOTE_RE.findall(_text(note))]
    return dedupe_names(n for n in out if n.value)


def _births(rec: Element) -> tuple[list[str], list[str]]:
    dates: list[str] = []
    for dob in rec.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        dates += _dob(dob)
    places = [_place(p, ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY"))
              for p in rec.iterfind("INDIVIDUAL_PLACE_OF_BIRTH")]
    # Aliases may carry their own (false-identity) birth details.
    for alias in rec.iterfind("INDIVIDUAL_ALIAS"):
        dates.append(_text(alias.find("DATE_OF_BIRTH")))
        places.append(_place(alias, ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH")))
    return dedupe(dates), dedupe(places)


def _dob(dob: Element) -> list[str]:
    kind = _text(dob.find("TYPE_OF_DATE")).upper()
    note = _text(dob.find("NOTE"))
    exact = _text(dob.find("DATE"))
    if exact:
        return [exact]
    if kind == "BETWEEN" or dob.find("FROM_YEAR") is not None:
        return [y for y in (_text(dob.find("FROM_YEAR")), _text(dob.find("TO_YEAR"))) if y]
    year = _text(dob.find("YEAR"))
    if year:
        months = _MONTH_RE.findall(note)
        return [f"{year}-{_MONTHS[m[:3].lower()]:02d}" for m in months] or [year]
    return _dates_from_note(note)


def _dates_from_note(note: str) -> list[str]:
    """ISO dates from a free-text DOB note: "Nov. 1973", "Between Aug. and Sep. 1977",
    "24/06/1402 (Hijri Calendar)"; anything else (e.g. "30-35 years old") gives nothing."""
    hijri = _HIJRI_RE.search(note)
    if hijri:
        d, m, y = (int(g) for g in hijri.groups())
        return [_hijri_to_gregorian(y, m, d).isoformat()]
    years = _YEAR_RE.findall(note)
    if len(years) != 1:
        return years
    months = _MONTH_RE.findall(note)
    return [f"{years[0]}-{_MONTHS[m[:3].lower()]:02d}" for m in months] or years


def _hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Tabular (civil) Islamic calendar to Gregorian; exact to within a day or two."""
    jdn = (11 * year + 3) // 30 + 354 * year + 30 * month - (month - 1) // 2 + day + 1948055
    return date.fromordinal(jdn - 1721425)


def _place(el: Element, tags: tuple[str, ...]) -> str:
    return ", ".join(v for v in (_text(el.find(t)) for t in tags) if v)


def _addresses(items: Iterator[Element]) -> tuple[list[str], list[str]]:
    addresses: list[str] = []
    countries: list[str] = []
    for el in items:
        addresses.append(_place(el, ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")))
        countries += country_codes([_text(el.find("COUNTRY"))])
    return dedupe(addresses), countries


def _documents(rec: Element) -> list[Identifier]:
    out: list[Identifier] = []
    for doc in rec.iterfind("INDIVIDUAL_DOCUMENT"):
        type1, type2 = _text(doc.find("TYPE_OF_DOCUMENT")), _text(doc.find("TYPE_OF_DOCUMENT2"))
        raw = _text(doc.find("NUMBER"))
        if raw:
            number: str | None = _clean_number(raw)
        else:
            number = _number_in(type2) or _number_in(_text(doc.find("NOTE")), leading=True)
        if not number:
            continue
        country = country_code(_text(doc.find("ISSUING_COUNTRY"))) or country_code(
            _text(doc.find("COUNTRY_OF_ISSUE")))
        kind = _doc_type(type1, type2, number, raw.replace(number, " "))
        out.append(Identifier(kind, number, country))
    return list(dict.fromkeys(out))


def _clean_number(raw: str) -> str:
    """The number out of a NUMBER field that reads like prose, e.g. "Afghan passport number
    SE 012820" or "381110042 (Expired 25 Jan. 2016)"; plain numbers pass through."""
    if not _PROSE_RE.search(raw):
        return raw
    tokens = _PAREN_RE.sub(" ", raw).replace(",", " ").split()
    digits = [i for i, t in enumerate(tokens) if any(c.isdigit() for c in t)]
    if not digits:
        return raw
    start = end = digits[-1]
    while start > 0 and any(c.isdigit() for c in tokens[start - 1]):
        start -= 1
    if start > 0 and re.fullmatch(r"[A-Z]{1,3}", tokens[start - 1]):
        start -= 1
    return " ".join(tokens[start:end + 1]).rstrip(".:")


def _number_in(text: str, leading: bool = False) -> str | None:
    match = (_LEADING_NUMBER_RE.search(text) if leading else None) or _DOC_NUMBER_RE.search(text)
    return match.group(1).strip() if match else None


def _doc_type(type1: str, type2: str, number: str, prose: str) -> str:
    both = f"{type1} {type2} {prose}".lower()
    if "pass" in both or "pasaporte" in both:
        return "passport"
    detail = _TRAILING_NO_RE.sub("", type2.replace(number, "").strip(" :.").lower())
    generic = {"", "national identification", "national identification card",
               "national identity", "national identity card", "identity card",
               "identification", "identification card"}
    if type1.lower().startswith("national identification") and detail in generic:
        return "national_id"
    return detail or type1.lower() or "id"
