"""OFAC legacy XML (`sdnList` schema: SDN.XML, CONSOLIDATED.XML) into entities.

Read with defusedxml (entity expansion and external references refused). Each field maps
onto the same model fields, identifier types and property keys as the legacy CSV path in
:mod:`tradescreen.sources.ofac`, so one record reads the same from either format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from tradescreen.model import Entity, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError
from tradescreen.sources.ofac import (
    _SCHEMAS,
    SOURCE_URL,
    _address,
    _apply,
    _resolve_links,
)
from tradescreen.sources.ofac_remarks import (
    Remarks,
    add_id,
    iso_date,
    parse_dates,
    parse_remarks,
    resolve_country,
)

__all__ = ["parse_xml", "xml_publish_date"]

_XML_AKA_KINDS = {"a.k.a.": "alias", "f.k.a.": "former", "n.k.a.": "alias"}
_XML_VESSEL = (("callSign", "call_sign"), ("vesselType", "vessel_type"), ("tonnage", "tonnage"),
               ("grossRegisteredTonnage", "gross_registered_tonnage"), ("vesselOwner", "owner"))


def _local(tag: Any) -> str:
    t = str(tag)
    return t.rsplit("}", 1)[-1] if t.startswith("{") else t


def _kids(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: Element | None, name: str) -> str | None:
    if el is None:
        return None
    for c in el:
        if _local(c.tag) == name:
            v = (c.text or "").strip()
            return v or None
    return None


def _items(entry: Element, list_name: str, item_name: str) -> list[Element]:
    return [item for lst in _kids(entry, list_name) for item in _kids(lst, item_name)]


def _load_xml(path: Path) -> tuple[Element, bytes]:
    if not path.exists():
        raise ParseError(path, "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(path, "file is empty", 1)
    try:
        root: Element = SafeET.fromstring(data)
    except XMLSyntaxError as exc:
        raise ParseError(path, f"invalid XML: {exc}", exc.position[0]) from exc
    except DefusedXmlException as exc:
        raise ParseError(path, f"unsafe XML refused: {exc!r}") from exc
    if _local(root.tag) != "sdnList":
        raise ParseError(path, f"not an OFAC sdnList XML (root element <{_local(root.tag)}>)", 1)
    return root, data


def xml_publish_date(path: Path) -> str | None:
    """The list's own date (`Publish_Date`, MM/DD/YYYY) as ISO, or None when absent."""
    root, _ = _load_xml(path)
    for info in _kids(root, "publshInformation") + _kids(root, "publishInformation"):
        raw = _text(info, "Publish_Date")
        if raw:
            return iso_date(raw)
    return None


def _person_name(el: Element) -> str | None:
    last, first = _text(el, "lastName"), _text(el, "firstName")
    if last and first:
        return f"{last}, {first}"
    return last or first


def _entry_line(data: bytes, index: int) -> int:
    """Line of the index-th <sdnEntry> (ElementTree keeps no line numbers)."""
    pos = -1
    for _ in range(index + 1):
        pos = data.find(b"<sdnEntry", pos + 1)
        if pos < 0:
            return 1
    return data.count(b"\n", 0, pos) + 1


def _xml_entity(path: Path, data: bytes, index: int, entry: Element, dataset: str) -> Entity:
    uid = _text(entry, "uid")
    if not uid or not uid.isdigit():
        raise ParseError(path, f"sdnEntry without a numeric uid ({uid!r})", _entry_line(data, index))
    primary = _person_name(entry)
    if not primary:
        raise ParseError(path, f"sdnEntry {uid} has no name", _entry_line(data, index))
    sdn_type = (_text(entry, "sdnType") or "").lower()
    if sdn_type not in _SCHEMAS:
        raise ParseError(path, f"sdnEntry {uid}: unknown sdnType {sdn_type!r}",
                         _entry_line(data, index))
    names = [Name(primary, "primary")]
    for aka in _items(entry, "akaList", "aka"):
        value = _person_name(aka)
        if not value:
            continue
        if (_text(aka, "category") or "").lower() == "weak":
            kind = "weak_alias"
        else:
            kind = _XML_AKA_KINDS.get((_text(aka, "type") or "a.k.a.").lower(), "alias")
        names.append(Name(value, kind))
    addresses: list[str] = []
    countries: list[str] = []
    for adr in _items(entry, "addressList", "address"):
        street = ", ".join(v for v in (_text(adr, f"address{i}") for i in (1, 2, 3)) if v)
        # the CSV prints this column as "City, State Postal"; match it so both paths agree
        city = ", ".join(v for v in (_text(adr, "city"), _text(adr, "stateOrProvince")) if v)
        city = " ".join(v for v in (city, _text(adr, "postalCode")) if v)
        country = _text(adr, "country")
        addr = _address(street or None, city or None, country)
        if addr:
            addresses.append(addr)
        if country:
            countries.append(resolve_country(country) or country)
    rem = Remarks()
    for item in _items(entry, "idList", "id"):
        add_id(rem, _text(item, "idType") or "", _text(item, "idNumber") or "",
               _text(item, "idCountry"))
    remarks_text = _text(entry, "remarks")
    from_remarks = parse_remarks(remarks_text)
    nationalities = [
        resolve_country(c) or c
        for tag, item in (("nationalityList", "nationality"), ("citizenshipList", "citizenship"))
        for el in _items(entry, tag, item)
        if (c := _text(el, "country"))
    ]
    ent = Entity(
        id=f"{dataset}:{uid}", dataset=dataset, schema=_SCHEMAS[sdn_type],
        names=dedupe_names([*names, *from_remarks.names]),
        addresses=dedupe(addresses), countries=dedupe(countries),
        birth_dates=dedupe(d for el in _items(entry, "dateOfBirthList", "dateOfBirthItem")
                           for d in parse_dates(_text(el, "dateOfBirth") or "")),
        birth_places=dedupe(_text(el, "placeOfBirth") or ""
                            for el in _items(entry, "placeOfBirthList", "placeOfBirthItem")),
        nationalities=dedupe(nationalities),
        programs=dedupe((p.text or "") for lst in _kids(entry, "programList")
                        for p in _kids(lst, "program")),
        remarks=remarks_text, source_url=SOURCE_URL.format(uid),
        links=list(from_remarks.links),
    )
    _apply(ent, rem)
    _apply(ent, from_remarks)
    title = _text(entry, "title")
    if title:
        ent.properties["title"] = [title]
    for vessel in _kids(entry, "vesselInfo"):
        for tag, key in _XML_VESSEL:
            val = _text(vessel, tag)
            if val:
                ent.properties[key] = [val]
        flag = _text(vessel, "vesselFlag")
        if flag:
            ent.properties["flag"] = [resolve_country(flag) or flag]
    return ent


def parse_xml(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of an OFAC legacy XML file (SDN.XML / CONSOLIDATED.XML, `sdnList` schema)."""
    root, data = _load_xml(path)
    entries = _kids(root, "sdnEntry")
    entities = [_xml_entity(path, data, i, e, dataset) for i, e in enumerate(entries)]
    by_name: dict[str, list[str]] = defaultdict(list)
    for ent in entities:
        by_name[ent.caption].append(ent.id)
    for ent in entities:
        ent.links = _resolve_links(ent.links, by_name)
    yield from entities
