"""The one entity model every source is read into and every screening speaks.

Slotted dataclasses: tens of thousands live in memory at once and sit on the hot path.
Field names follow the field's words (OpenSanctions / FollowTheMoney) so records map
cleanly to and from FtM JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Schema = Literal["Person", "Organization", "LegalEntity", "Vessel", "Aircraft"]
SCHEMAS: tuple[str, ...] = ("Person", "Organization", "LegalEntity", "Vessel", "Aircraft")

NameKind = Literal["primary", "alias", "weak_alias", "former", "original_script"]
NAME_KINDS: tuple[str, ...] = ("primary", "alias", "weak_alias", "former", "original_script")


@dataclass(slots=True, frozen=True)
class Name:
    """One written form of an entity's name; `kind` says how much weight it deserves."""

    value: str
    kind: str = "primary"
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value, "kind": self.kind}
        if self.lang:
            d["lang"] = self.lang
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Name:
        return cls(d["value"], d.get("kind", "primary"), d.get("lang"))


@dataclass(slots=True, frozen=True)
class Identifier:
    """A registry or document number (USCC, IMO, passport, tax id, ...)."""

    type: str
    value: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": self.type, "value": self.value}
        if self.country:
            d["country"] = self.country
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Identifier:
        return cls(d["type"], d["value"], d.get("country"))


@dataclass(slots=True, frozen=True)
class Link:
    """A relation to another party: by id when the list gives one, else by name."""

    relation: str
    target: str
    target_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"relation": self.relation, "target": self.target}
        if self.target_id:
            d["target_id"] = self.target_id
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Link:
        return cls(d["relation"], d["target"], d.get("target_id"))


_LIST_FIELDS = (
    "addresses",
    "countries",
    "birth_dates",
    "birth_places",
    "nationalities",
    "programs",
    "citations",
)
_STR_FIELDS = (
    "listed_on",
    "license_requirement",
    "license_policy",
    "remarks",
    "source_url",
)


@dataclass(slots=True)
class Entity:
    """One listed party in one dataset.

    `id` is ``"<dataset>:<native id>"`` and stays stable across rebuilds; sources without
    a native id use :func:`content_id`. Countries are ISO 3166-1 alpha-2 codes, upper case,
    when they could be resolved, else the text as printed. Dates are ISO ``YYYY[-MM[-DD]]``.
    """

    id: str
    dataset: str
    schema: str
    names: list[Name]
    addresses: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None
    citations: list[str] = field(default_factory=list)
    license_requirement: str | None = None
    license_policy: str | None = None
    remarks: str | None = None
    source_url: str | None = None
    links: list[Link] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)

    @property
    def caption(self) -> str:
        for n in self.names:
            if n.kind == "primary":
                return n.value
        return self.names[0].value if self.names else self.id

    def all_names(self) -> list[str]:
        return [n.value for n in self.names]

    def to_dict(self) -> dict[str, Any]:
        """Compact, deterministic dict: empty fields are left out."""
        d: dict[str, Any] = {
            "id": self.id,
            "dataset": self.dataset,
            "schema": self.schema,
            "names": [n.to_dict() for n in self.names],
        }
        for f in _LIST_FIELDS:
            v = getattr(self, f)
            if v:
                d[f] = list(v)
        if self.identifiers:
            d["identifiers"] = [i.to_dict() for i in self.identifiers]
        for f in _STR_FIELDS:
            v = getattr(self, f)
            if v:
                d[f] = v
        if self.links:
            d["links"] = [lk.to_dict() for lk in self.links]
        if self.properties:
            d["properties"] = {k: list(v) for k, v in sorted(self.properties.items()) if v}
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            dataset=d["dataset"],
            schema=d["schema"],
            names=[Name.from_dict(n) for n in d.get("names", [])],
            addresses=list(d.get("addresses", [])),
            countries=list(d.get("countries", [])),
            identifiers=[Identifier.from_dict(i) for i in d.get("identifiers", [])],
            birth_dates=list(d.get("birth_dates", [])),
            birth_places=list(d.get("birth_places", [])),
            nationalities=list(d.get("nationalities", [])),
            programs=list(d.get("programs", [])),
            listed_on=d.get("listed_on"),
            citations=list(d.get("citations", [])),
            license_requirement=d.get("license_requirement"),
            license_policy=d.get("license_policy"),
            remarks=d.get("remarks"),
            source_url=d.get("source_url"),
            links=[Link.from_dict(lk) for lk in d.get("links", [])],
            properties={k: list(v) for k, v in d.get("properties", {}).items()},
        )


def content_id(*parts: str | None) -> str:
    """A stable id for records that carry none: a short hash of identifying content."""
    text = "\x1f".join(p.strip().casefold() if p else "" for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def dedupe(values: Iterable[str]) -> list[str]:
    """Keep first occurrence order, drop blanks and repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def dedupe_names(names: Iterable[Name]) -> list[Name]:
    """Drop repeated name values (case-insensitive), keeping the first (strongest) kind."""
    seen: set[str] = set()
    out: list[Name] = []
    for n in names:
        v = " ".join(n.value.split())
        key = v.casefold()
        if v and key not in seen:
            seen.add(key)
            out.append(Name(v, n.kind, n.lang))
    return out


def entity_json(entity: Entity) -> str:
    return json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(slots=True)
class Feature:
    """One reason behind a score: what was compared, its weight, and in words."""

    name: str
    value: float
    weight: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.name, "value": round(self.value, 4),
                "weight": round(self.weight, 4), "text": self.text}


@dataclass(slots=True)
class Match:
    """A screening result: which entity, on which of its names, how strongly, and why."""

    entity: Entity
    matched_name: str
    score: float
    explanation: list[Feature] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        e = self.entity
        return {
            "id": e.id,
            "dataset": e.dataset,
            "schema": e.schema,
            "caption": e.caption,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "programs": list(e.programs),
            "listed_on": e.listed_on,
            "explanation": [f.to_dict() for f in self.explanation],
        }
