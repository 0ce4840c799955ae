"""FollowTheMoney (FtM) entity streams: JSON lines, and the ``{"op", "entity"}`` delta format.

This reader exists for users' own FtM exports (OpenSanctions, yente, followthemoney
tooling). The OpenSanctions files in ``shared/data/lists/opensanctions_ftm`` are CC BY-NC
4.0 and serve as test fixtures only, never as product data (PROVENANCE.md section 9).

Only parties become entities: Person, Organization, Company (as Organization),
LegalEntity, Vessel and Airplane (as Aircraft). Records of other schemata are folded into
the parties they point at, within the same file: Sanction -> programs / listed_on,
Ownership / Directorship / Family / ... -> links, Address -> addresses, Passport /
Identification -> identifiers. A file is read whole before anything is yielded, so the
references can be resolved and a bad line never leaves half a list behind.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tradescreen.model import Entity, Identifier, Link, Name, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, read_text

Record = dict[str, Any]

_SCHEMA = {"Person": "Person", "Organization": "Organization", "Company": "Organization",
           "PublicBody": "Organization", "LegalEntity": "LegalEntity", "Vessel": "Vessel",
           "Airplane": "Aircraft"}
_NAME_KINDS = (("name", "alias"), ("alias", "alias"), ("weakAlias", "weak_alias"),
               ("previousName", "former"))
_IDENTIFIERS = {"innCode": "inn", "ogrnCode": "ogrn", "kppCode": "kpp", "okpoCode": "okpo",
                "registrationNumber": "registration", "taxNumber": "tax", "vatCode": "vat",
                "imoNumber": "imo", "mmsi": "mmsi", "callSign": "call_sign",
                "idNumber": "national_id", "passportNumber": "passport", "leiCode": "lei",
                "swiftBic": "swift", "uniqueEntityId": "uei", "dunsCode": "duns",
                "permId": "perm_id", "icaoCode": "icao", "serialNumber": "serial",
                "npiCode": "npi", "bikCode": "bik", "ricCode": "ric", "isinCode": "isin"}
_MAPPED = {p for p, _ in _NAME_KINDS} | set(_IDENTIFIERS) | {
    "country", "jurisdiction", "flag", "nationality", "citizenship", "birthDate",
    "birthPlace", "address", "addressEntity", "programId", "notes", "sourceUrl"}
# Link schemata: (source property, target property, relation seen from source, from target).
_LINKS = {
    "Ownership": ("owner", "asset", "owns", "owned_by"),
    "Directorship": ("director", "organization", "director_of", "has_director"),
    "Family": ("person", "relative", "family", "family"),
    "Associate": ("person", "associate", "associate", "associate"),
    "Membership": ("member", "organization", "member_of", "has_member"),
    "Employment": ("employee", "employer", "employee_of", "employs"),
    "Representation": ("agent", "client", "represents", "represented_by"),
    "Succession": ("predecessor", "successor", "succeeded_by", "succeeds"),
    "UnknownLink": ("subject", "object", "linked_to", "linked_to"),
}
_OPS = ("ADD", "MOD", "DEL")


def parse(path: Path, dataset: str) -> Iterator[Entity]:
    """Yield the parties of an FtM JSON-lines file, with links and sanctions attached."""
    records = [rec for _, rec in _read_lines(path, delta=False)]
    yield from _assemble(records, dataset)


def parse_delta(path: Path, dataset: str) -> Iterator[tuple[str, Entity | str]]:
    """Yield ``(op, entity)`` for ADD / MOD of parties and ``("DEL", entity id)`` for deletes.

    A DEL line carries only an id, so it is passed on whatever its schema was; ADD / MOD of
    non-party records only enrich parties changed in the same delta.
    """
    ops: list[tuple[str, Record]] = [(op, rec) for op, rec in _read_lines(path, delta=True)]
    live = [rec for op, rec in ops if op != "DEL"]
    parties = {e.id: e for e in _assemble(live, dataset)}
    for op, rec in ops:
        eid = f"{dataset}:{rec['id']}"
        if op == "DEL":
            yield op, eid
        elif eid in parties:
            yield op, parties[eid]


def _read_lines(path: Path, delta: bool) -> Iterator[tuple[str, Record]]:
    text = read_text(path)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(path, f"not JSON: {exc.msg} (column {exc.colno})", n) from None
        op = "ADD"
        if delta:
            if not isinstance(obj, dict) or obj.get("op") not in _OPS:
                raise ParseError(path, 'delta line is not {"op": ADD/MOD/DEL, "entity": ...}', n)
            op, obj = obj["op"], obj.get("entity")
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not obj["id"]:
            raise ParseError(path, "entity without an id", n)
        if op != "DEL":
            if not isinstance(obj.get("schema"), str):
                raise ParseError(path, f"entity {obj['id']} has no schema", n)
            if not isinstance(obj.get("properties", {}), dict):
                raise ParseError(path, f"entity {obj['id']}: properties is not an object", n)
        yield op, obj


def _props(rec: Record) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, values in (rec.get("properties") or {}).items():
        if isinstance(values, str):
            values = [values]
        if isinstance(values, list):
            kept = dedupe(str(v) for v in values if isinstance(v, str | int | float))
            if kept:
                out[str(key)] = kept
    return out


def _assemble(records: list[Record], dataset: str) -> list[Entity]:
    props = {rec["id"]: _props(rec) for rec in records}
    schema = {rec["id"]: rec["schema"] for rec in records}
    caption = {rec["id"]: str(rec.get("caption") or "") for rec in records}
    entities: dict[str, Entity] = {}
    for rec in records:
        if rec["schema"] in _SCHEMA:
            entities[rec["id"]] = _party(rec, props[rec["id"]], dataset)

    def label(fid: str) -> str:
        names = props.get(fid, {}).get("name")
        return caption.get(fid) or (names[0] if names else fid)

    def target_id(fid: str) -> str | None:
        return f"{dataset}:{fid}" if fid in entities else None

    for fid, p in props.items():
        kind = schema[fid]
        if kind == "Sanction":
            for target in p.get("entity", []):
                if target in entities:
                    _add_sanction(entities[target], p)
        elif kind in ("Passport", "Identification"):
            for holder in p.get("holder", []):
                if holder in entities and p.get("number"):
                    country = p["country"][0].upper() if p.get("country") else None
                    id_type = "passport" if kind == "Passport" else (p.get("type") or ["id"])[0]
                    entities[holder].identifiers.append(
                        Identifier(id_type, p["number"][0], country))
        elif kind in _LINKS:
            src_prop, dst_prop, fwd, back = _LINKS[kind]
            for a in p.get(src_prop, []):
                for b in p.get(dst_prop, []):
                    if a in entities:
                        entities[a].links.append(Link(fwd, label(b), target_id(b)))
                    if b in entities:
                        entities[b].links.append(Link(back, label(a), target_id(a)))
    for fid, ent in entities.items():
        for addr in props[fid].get("addressEntity", []):
            full = props.get(addr, {}).get("full")
            if full:
                ent.addresses.append(full[0])
        ent.addresses = dedupe(ent.addresses)
        ent.identifiers = list(dict.fromkeys(ent.identifiers))
        ent.links = list(dict.fromkeys(ent.links))
        ent.programs = dedupe(ent.programs)
        ent.citations = dedupe(ent.citations)
    return list(entities.values())


def _party(rec: Record, p: dict[str, list[str]], dataset: str) -> Entity:
    caption = str(rec.get("caption") or "")
    names = [Name(v, kind) for key, kind in _NAME_KINDS for v in p.get(key, [])]
    # FtM's caption is its chosen display name; make it primary when it is one of the names.
    pick = next((i for i, n in enumerate(names) if n.value == caption), None)
    if pick is None:
        pick = next((i for i, n in enumerate(names) if n.kind == "alias"), None)
    if pick is not None:
        first = names.pop(pick)
        names.insert(0, Name(first.value, "primary"))
    elif caption:
        names.insert(0, Name(caption, "primary"))
    codes = [c.upper() for key in ("country", "jurisdiction", "flag") for c in p.get(key, [])]
    nationalities = [c.upper() for key in ("nationality", "citizenship") for c in p.get(key, [])]
    identifiers = [Identifier(kind, v) for key, kind in _IDENTIFIERS.items()
                   for v in p.get(key, [])]
    extra = {k: v for k, v in p.items() if k not in _MAPPED}
    for key in ("datasets", "referents"):
        values = [str(v) for v in rec.get(key) or [] if isinstance(v, str)]
        if values:
            extra[f"ftm_{key}"] = values
    if rec.get("last_change"):
        extra["ftm_last_change"] = [str(rec["last_change"])]
    return Entity(
        id=f"{dataset}:{rec['id']}",
        dataset=dataset,
        schema=_SCHEMA[rec["schema"]],
        names=dedupe_names(names),
        addresses=list(p.get("address", [])),
        countries=dedupe(codes + nationalities),
        identifiers=identifiers,
        birth_dates=p.get("birthDate", []),
        birth_places=p.get("birthPlace", []),
        nationalities=dedupe(nationalities),
        programs=list(p.get("programId", [])),
        citations=list(p.get("sourceUrl", [])),
        remarks="\n".join(p.get("notes", [])) or None,
        source_url=p["sourceUrl"][0] if p.get("sourceUrl") else None,
        properties=extra,
    )


def _add_sanction(entity: Entity, p: dict[str, list[str]]) -> None:
    entity.programs += p.get("program", []) + p.get("programId", [])
    entity.citations += p.get("sourceUrl", [])
    for key in ("authority", "provisions", "reason", "status"):
        if p.get(key):
            entity.properties.setdefault(f"sanction_{key}", [])
            entity.properties[f"sanction_{key}"] = dedupe(
                entity.properties[f"sanction_{key}"] + p[key])
    dates = [d for key in ("listingDate", "startDate") for d in p.get(key, [])]
    if dates:
        earliest = min(dates)
        if entity.listed_on is None or earliest < entity.listed_on:
            entity.listed_on = earliest
