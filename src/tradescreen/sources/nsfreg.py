"""The derived US-lists JSON family (phagehunter/nsfreg, ``derived_nsfreg_us_lists_*``).

One JSON file per list (Entity List, MEU, DPL, NS-CMIC, E.O. 14032 Annex, 1260H, 1286,
ISN, DDTC debarments, UFLPA, FCC Covered List, CBP WROs), all in one schema::

    {list_id, source_file, extracted, count,
     entities: [{name, aliases[], country, address, status, effective_date,
                 federal_register, notes}]}

It is the only full Entity List we have, so it is parsed with care: the name/alias split
was heuristic upstream, so "a.k.a."/"f.k.a." residue is split off here and alias residue
that is plainly an address moves to ``addresses``; ``notes`` means something different per
list (license requirement, USCC codes, authorities, ...) and is unpacked per ``list_id``.
Entities carry no native id, so ids are content hashes that stay stable across rebuilds.

The small helpers for names, countries and persons live here too because the other US
parsers (bis, ddtc, csl, ostranscribed) read the same kinds of text.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradescreen.model import Entity, Identifier, Link, Name, content_id, dedupe, dedupe_names
from tradescreen.sources.base import ParseError, country_code, read_text
from tradescreen.sources.dates import citation_list, earliest, iso_date

# --------------------------------------------------------------------------------------
# Shared helpers: names, countries, person-or-organisation
# --------------------------------------------------------------------------------------

#: Words that mark a name as an organisation (matched as whole words, dots removed, so
#: "S.A." is "sa" and "L.L.C." is "llc").
def words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (keeps long word lists readable)."""
    return frozenset(text.split())


ORG_WORDS: frozenset[str] = words(
    """
    ab ag ao as associates association aviation bank bv bureau cargo center centre
    chemical chemicals cia cie cjsc co company consulting corp corporation design
    development distribution distributors electronic electronics engineering enterprise
    enterprises equipment establishment est export exports factory firm foundation freight
    fze fzc fzco gmbh group holding holdings import imports inc incorporated industrial
    industries industry institute instruments intl international jsc kft kg lab
    laboratories laboratory limited llc llp lp ltd ltda logistics machinery manufacturing
    marine metals mfg ministry motors nv oao office ojsc ooo organisation organization
    partners pjsc plc products pte pty research sa sarl sales services shipping solutions
    spa srl supply supplies systems tech technik technologies technology trade trading
    transport university ventures works zao airlines airline airways aerospace agency air
    communication communications network networks media results vertrieb vertriebs coat
    computer computers invest investment investments capital consultants
    """
)

_LEGAL_SUFFIX = re.compile(
    r"^(?:ltd|limited|llc|inc|corp|co|plc|gmbh|ag|s\.?a|sarl|jsc|ojsc|cjsc|pjsc|ooo|oao|"
    r"zao|ao|bv|nv|pte|pty|fze|fzc|fzco|llp|lp|spa|srl|kg|jr|sr|s\.?a\.?r\.?l)\b\.?",
    re.I,
)


def looks_like_person(name: str) -> bool:
    """Heuristic for lists of mixed people and firms (DPL, DDTC).

    A person has at least two name words, no corporate word (:data:`ORG_WORDS`), no
    digit, no "&" and no web domain: "Acety, Edwin" and "AARON ABRAHAM VILLA" are people;
    "AZUR AIR", "ELECMAT" and "SYNAPTIX.NET" are not.
    """
    if not name.strip() or any(ch.isdigit() for ch in name) or "&" in name:
        return False
    if re.search(r"\w\.(?:com|net|org)\b", name, re.I):
        return False
    words = re.findall(r"[a-z]+", name.casefold().replace(".", ""))
    return len(words) >= 2 and not any(w in ORG_WORDS for w in words)


#: Country texts that countrynames does not resolve, or resolves to the wrong thing.
_COUNTRY_OVERRIDES: dict[str, list[str]] = {
    "peoples republic of china": ["CN"],
    "north korea (dprk)": ["KP"],
    "turkey (turkiye)": ["TR"],
    "turkish individual": ["TR"],
    "north korean entity in china": ["KP", "CN"],
    "crimea region of ukraine": ["UA"],
    "rok": ["KR"],
    "fishing vessels": [],  # a CBP WRO heading, not a country
}


def iso2(text: str | None) -> str | None:
    """ISO alpha-2 for a country as printed; a subdivision code ("UA-CRI") counts as its
    country, anything else that is not two letters is no code."""
    if not text or not text.strip():
        return None
    t = text.strip()
    over = _COUNTRY_OVERRIDES.get(t.casefold())
    if over is not None:
        return over[0] if len(over) == 1 else None
    code = country_code(t)
    if not code:
        return None
    code = code.split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


def countries_of(text: str | None) -> list[str]:
    """Codes for one printed country field; unresolved text is kept as printed."""
    if not text or not text.strip():
        return []
    t = " ".join(text.split())
    over = _COUNTRY_OVERRIDES.get(t.casefold())
    if over is not None:
        return list(over)
    code = iso2(t)
    return [code] if code else [t]


_AKA = re.compile(r"(?:\s*[,;(]\s*|\s+|^)(?:a\.k\.a\.?|a/k/a|(?-i:aka))(?=[\s,.:;(]|$)[\s,.:]*", re.I)
_FKA = re.compile(
    r"(?:\s*[,;(]\s*|\s+|^)(?:f\.k\.a\.?|f/k/a|(?:and\s+)?formerly(?:\s+known\s+as)?)"
    r"(?=[\s,.:;(]|$)[\s,.:]*",
    re.I,
)
_QUOTES = "\"'“”‘’«»"
_JUNK_ALIAS = re.compile(r"^(?:the following .*alias(?:es)?\s*:?|and|and any\b.*|\([a-z].*\))$", re.I)
#: A trailing qualifier that says what kind of party this is: "(DPRK individual)".
_QUALIFIER = re.compile(r"\s*\([^()]*\b(?:individual|entity)\b[^()]*\)\s*$", re.I)
#: Scope clauses that follow a listed name ("..., and any successor, sub-unit, or
#: subsidiary thereof"): they widen the listing but are not part of the name.
_SCOPE = re.compile(
    r"(?:[,;]?\s*and any successor,? sub-unit,? or subsidiary thereof;?"
    r"|,?\s*and its sub-?units and successors"
    r"|\s+and (?:its |their )?subsidiaries"
    r"|\s+and its subordinates)\s*\.?$",
    re.I,
)


def strip_scope(name: str) -> tuple[str, str | None]:
    """Split a trailing scope clause off a name: ("X", "and its subsidiaries")."""
    m = _SCOPE.search(name)
    if not m or m.start() == 0:
        return name, None
    return name[: m.start()].rstrip(" ,;"), m.group(0).strip(" ,;.")


def _tidy(text: str) -> str:
    t = " ".join(text.split()).strip(" ,;:—–-")
    if t.endswith(")") and t.count("(") < t.count(")"):
        t = t[:-1].rstrip(" ,;:")
    if t.startswith("(") and t.count("(") > t.count(")"):
        t = t[1:].lstrip()
    if t.count("(") > t.count(")"):
        t = t + ")"
    if len(t) > 1 and t[0] in _QUOTES and t[-1] in _QUOTES:
        t = t[1:-1].strip()
    return t


def _split_enumeration(text: str) -> list[str]:
    """"Elint, S.A., Spain Night Vision, S.A., and SNV, S.A" -> three names. Only used
    when the text enumerates (", and "), and legal suffixes stay with their name."""
    if not re.search(r",\s+and\s+", text):
        return [text]
    parts = [p for p in re.split(r",\s*(?:and\s+)?", text) if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and _LEGAL_SUFFIX.match(p.strip()):
            out[-1] = f"{out[-1]}, {p.strip()}"
        else:
            out.append(p.strip())
    return out


def _split_semicolons(text: str) -> list[str]:
    """Split an alias list on ";"; "X; and Technology" (a lone word after "and") is the
    upstream splitter cutting one name in two, so it is joined back."""
    out: list[str] = []
    for part in text.split(";"):
        m = re.fullmatch(r"\s*and\s+(\w+)\s*", part)
        if m and out:
            out[-1] = f"{out[-1].rstrip()} and {m.group(1)}"
        else:
            out.append(part)
    return out


def split_names(text: str, kind: str = "primary", enumerations: bool = False) -> list[Name]:
    """Names in one printed name field, splitting off "a.k.a." and "f.k.a." residue.

    "Mesbah Energy Company (a.k.a. “MEC”)" -> primary + alias; "Gazmash, AO (f.k.a.,
    Dochernee ...)" -> primary + former; "formerly known as X" on its own -> former.
    Alias lists after a marker are split on ";". `kind` is the kind of the leading part.
    """
    text = _QUALIFIER.sub("", text)
    pieces: list[tuple[str, str]] = []
    pos, cur_kind = 0, kind
    markers = sorted(
        [(m.start(), m.end(), "alias") for m in _AKA.finditer(text)]
        + [(m.start(), m.end(), "former") for m in _FKA.finditer(text)]
    )
    for start, end, mk in markers:
        if start < pos:
            continue
        pieces.append((cur_kind, text[pos:start]))
        pos, cur_kind = end, mk
    pieces.append((cur_kind, text[pos:]))
    names: list[Name] = []
    for i, (k, piece) in enumerate(pieces):
        parts = _split_semicolons(piece) if i > 0 or kind != "primary" else [piece]
        for part in parts:
            for sub in _split_enumeration(part) if enumerations else [part]:
                t = _tidy(sub)
                if any(ch.isalnum() for ch in t) and not _JUNK_ALIAS.match(t):
                    names.append(Name(t, k))
    if names and kind == "primary" and names[0].kind != "primary":
        names[0] = Name(names[0].value, "primary")
    return names


_ADDR_START = re.compile(
    r"^(?:\d|No\.?\s*\d|d\.\s|ul\.|Suite|Floor|Room|House|Building|Bldg|Unit|Block|"
    r"P\.?\s?O\.?\s?Box|(?:[\w'’.-]+ ){1,3}\d|"
    r"(?:[\w'’-]+ ){1,3}(?:lane|street|str|st|road|rd|avenue|ave|prospekt|proezd|boulevard|"
    r"blvd|highway)\b)",
    re.I,
)
_CITY = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}$")
_ABBREV = words("st str pr no ave rd bld bldg d ul mr dr g korp pl")
_COUNTRY_ABBREV = frozenset({"UAE", "USA", "PRC", "UK"})


def _is_country(text: str) -> bool:
    t = text.strip(" .")
    if t.replace(".", "") in _COUNTRY_ABBREV:
        return True
    return len(t) > 3 and iso2(t) is not None and not any(ch.isdigit() for ch in t)


def _countryish(part: str) -> bool:
    """A comma part that names a country, ignoring a trailing postcode ("Russia 115583")."""
    return _is_country(re.sub(r"[\s\d]+$", "", part.split(";")[0]).strip(" ."))


def _city_country(text: str) -> bool:
    parts = [p.strip(" .") for p in text.split(";")[0].split(",")]
    return len(parts) == 2 and _CITY.match(parts[0]) is not None and _countryish(parts[1])


def split_address_residue(alias: str) -> tuple[str | None, str | None]:
    """(alias, address) for an alias that carries an address glued to its end.

    The upstream name/alias split left some addresses inside aliases ("BellHuawei
    Technologies LLC. 5 Dzerzhinsky Ave., Minsk, 220036, Belarus", "Rabat, Morocco").
    Only acts when a later comma part names a country (longer than 3 letters, so "Co" and
    "AO" do not count) and the cut lands where an address starts: after a sentence "."
    (not after "St."/"No."/initials) or a comma, before a number, "No.", "Suite",
    "... Street", or a bare "City, Country". A bare "City, Country" alias is all address.
    Anything less certain is left alone.
    """
    m = re.search(r"\s*\(Address:\s*([^)]*)\)", alias)
    if m:
        name = (alias[: m.start()] + alias[m.end():]).strip(" ,;")
        return name or None, m.group(1).strip(" .")
    parts = [p.strip(" .") for p in alias.split(",")]
    if len(parts) < 2 or not any(_countryish(p) for p in parts[1:]):
        return alias, None
    if _city_country(alias) and not looks_like_org_word(parts[0]) and ";" not in alias:
        return None, alias.strip(" .")
    # Pass 1: "Name. Address" -- the usual eCFR layout.
    for m in re.finditer(r"\.['’]?\s+", alias):
        head, rest = alias[: m.start() + 1].strip(), alias[m.end():].strip()
        last = head.rstrip(".").rsplit(" ", 1)[-1]
        if len(last) <= 1 or "." in last or last.casefold() in _ABBREV or _LEGAL_SUFFIX.match(rest):
            continue
        rest_parts = [p.strip(" .") for p in rest.split(",")]
        if not any(_countryish(p) for p in rest_parts):
            continue
        first = rest_parts[0]
        street_then_number = (
            " " not in first and len(rest_parts) > 1 and rest_parts[1][:1].isdigit()
        )
        if (
            any(ch.isdigit() for ch in first)
            or _ADDR_START.match(first)
            or _city_country(rest)
            or street_then_number
        ):
            return head.rstrip(" .,;"), rest.strip(" .")
    # Pass 2: "Name, Address".
    for m in re.finditer(r",\s+", alias):
        head, rest = alias[: m.start()].strip(), alias[m.end():].strip()
        if not head or _LEGAL_SUFFIX.match(rest):
            continue
        rest_parts = [p.strip(" .") for p in rest.split(",")]
        if _ADDR_START.match(rest_parts[0]) or _city_country(rest):
            return head.strip(" ,;"), rest.strip(" .")
    return alias, None


def looks_like_org_word(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.casefold().replace(".", ""))
    return any(w in ORG_WORDS or w in {"openlab", "laboratory", "institute"} for w in words)


def split_addresses(text: str | None) -> list[str]:
    """Addresses in one field: the Entity List joins several with "; and "."""
    if not text or not text.strip():
        return []
    parts = re.split(r";\s*and\s+", " ".join(text.split()))
    return dedupe(p.strip(" ;,").removesuffix(".") for p in parts)


def unique_ids(keys: list[list[Any]], extra: list[list[Any]]) -> list[str]:
    """Content ids for records, unique within the file, deterministic across rebuilds.

    Each record gets ``content_id(*keys[i])``. Records whose ids collide get
    ``content_id(*keys[i], *extra[i])`` instead (e.g. the address); if even that collides
    (exact duplicate records) the 2nd, 3rd, ... get "-2", "-3" in file order.
    """

    def cid(parts: list[Any]) -> str:
        return content_id(*(None if p is None else str(p) for p in parts))

    first = [cid(k) for k in keys]
    counts = Counter(first)
    second = [cid(k + e) if counts[f] > 1 else f for f, k, e in zip(first, keys, extra, strict=True)]
    seen: Counter[str] = Counter()
    out: list[str] = []
    for s in second:
        seen[s] += 1
        out.append(s if seen[s] == 1 else f"{s}-{seen[s]}")
    return out


# --------------------------------------------------------------------------------------
# The nsfreg JSON parser
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ListInfo:
    program: str
    people: bool = False  # a list of mixed people and firms: use looks_like_person


LISTS: dict[str, _ListInfo] = {
    "bis-entity-list": _ListInfo("EAR Entity List"),
    "bis-meu": _ListInfo("MEU"),
    "bis-dpl": _ListInfo("DPL", people=True),
    "ofac-nscmic": _ListInfo("CMIC-EO13959"),
    "ofac-eo14032": _ListInfo("EO14032"),
    "dow-1260h": _ListInfo("1260H"),
    "dow-1286": _ListInfo("1286"),
    "state-nonproliferation": _ListInfo("ISN"),
    "state-debarred-statutory": _ListInfo("ITAR Debarred (statutory)", people=True),
    "state-debarred-admin": _ListInfo("ITAR Debarred (administrative)", people=True),
    "dhs-uflpa": _ListInfo("UFLPA"),
    "fcc-covered": _ListInfo("FCC Covered List"),
    "cbp-wro": _ListInfo("WRO"),
}

_FIELDS_STR = ("country", "address", "status", "effective_date", "federal_register", "notes")


def list_metadata(path: Path) -> dict[str, Any]:
    """The lists.json entry (official URL, authority, snapshot, ...) for this list file.

    Empty when there is no lists.json beside the file or it does not name the list.
    """
    meta_path = path.parent / "lists.json"
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(read_text(meta_path))
        list_id = json.loads(read_text(path)).get("list_id")
    except (ValueError, AttributeError):
        return {}
    for entry in meta.get("lists", []) if isinstance(meta, dict) else []:
        if isinstance(entry, dict) and entry.get("id") == list_id:
            return dict(entry)
    return {}


def load(path: Path) -> dict[str, Any]:
    """Read and validate one nsfreg file; ParseError names the file and the entity."""
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(doc, dict):
        raise ParseError(path, "top level is not a JSON object")
    for key, typ in (("list_id", str), ("count", int), ("entities", list)):
        if key not in doc:
            raise ParseError(path, f"missing key {key!r}")
        if not isinstance(doc[key], typ) or isinstance(doc[key], bool):
            raise ParseError(path, f"key {key!r} is not a {typ.__name__}")
    if doc["count"] != len(doc["entities"]):
        raise ParseError(
            path, f"count says {doc['count']} entities but the file holds {len(doc['entities'])}"
        )
    for i, rec in enumerate(doc["entities"]):
        where = f"entity #{i}"
        if not isinstance(rec, dict):
            raise ParseError(path, f"{where} is not a JSON object")
        name = rec.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ParseError(path, f"{where}: 'name' is missing or not a non-empty string")
        where = f"entity #{i} ({name.strip()[:60]!r})"
        aliases = rec.get("aliases", [])
        if aliases is not None and (
            not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases)
        ):
            raise ParseError(path, f"{where}: 'aliases' is not a list of strings")
        for key in _FIELDS_STR:
            if rec.get(key) is not None and not isinstance(rec[key], str):
                raise ParseError(path, f"{where}: {key!r} is not a string or null")
    return doc


def _kv(segment: str) -> tuple[str | None, str]:
    m = re.match(r"^\s*([A-Z][\w ()./-]{0,40}?)\s*:\s*(.*)$", segment, re.S)
    return (m.group(1).strip(), m.group(2).strip()) if m else (None, segment.strip())


def _entity(
    rec: dict[str, Any], info: _ListInfo, list_id: str, dataset: str, eid: str
) -> Entity | None:
    raw_name = " ".join(rec["name"].split())
    notes = (rec.get("notes") or "").strip() or None
    props: dict[str, list[str]] = defaultdict(list)
    props["list_id"].append(list_id)
    if list_id == "fcc-covered" and notes and notes.startswith("Category listing"):
        return None  # "Routers produced in a foreign country": a class of goods, not a party

    name, scope = strip_scope(raw_name)
    if scope:
        props["name_scope"].append(scope)
    schema = "Organization"
    if list_id == "cbp-wro" and name.startswith("Fishing Vessel:"):
        name, schema = name.removeprefix("Fishing Vessel:").strip(), "Vessel"
    names = split_names(name)
    addresses = split_addresses(rec.get("address"))
    for alias in rec.get("aliases") or []:
        kept, residue = split_address_residue(" ".join(alias.split()))
        if residue:
            addresses.append(residue)
            props["alias_address_residue"].append(alias)
        if kept:
            names.extend(split_names(kept, kind="alias"))
    names = dedupe_names(names)
    if not names or names[0].kind != "primary":
        # nothing but a qualifier ("(North Korean individual in China)"): keep as printed
        names = dedupe_names([Name(name.strip("() "), "primary"), *names])

    country = rec.get("country")
    countries = countries_of(country)
    if info.people and looks_like_person(names[0].value):
        schema = "Person"
    if "individual" in f"{country or ''} {raw_name}".casefold():
        schema = "Person"

    citations, cite_dates, cite_raw = citation_list(rec.get("federal_register"))
    if cite_raw:
        props["citation_text"].append(cite_raw)
    dates: list[str | None] = [*cite_dates, iso_date(rec.get("effective_date"))]
    if rec.get("effective_date") and not iso_date(rec.get("effective_date")):
        props["effective_date_text"].append(rec["effective_date"])
    if rec.get("status"):
        props["status"].append(rec["status"].strip())

    programs = [info.program]
    identifiers: list[Identifier] = []
    links: list[Link] = []
    birth_dates: list[str] = []
    license_requirement: str | None = None
    remarks: str | None = notes

    if list_id == "bis-entity-list":
        license_requirement, remarks = notes, None
    elif notes and list_id in ("ofac-nscmic", "bis-dpl", "state-debarred-statutory"):
        for seg in notes.split(";"):
            key, value = _kv(seg)
            if key == "Listing Date (CMIC)":
                dates.append(iso_date(value))
                props["listing_date"].append(value)
            elif key == "USCC":
                m = re.match(r"^(\S+)\s*(?:\((.*)\))?$", value)
                if m:
                    identifiers.append(Identifier("uscc", m.group(1), iso2(m.group(2)) or "CN"))
            elif key == "Program":
                programs = [value]
            elif key == "Target Type":
                props["target_type"].append(value)
            elif key == "Linked To":
                links.append(Link("linked_to", value))
            elif key == "Type of denial":
                props["denial_type"].append(value)
            elif key == "Expires":
                props["expiration_date"].append(iso_date(value) or value)
            elif key == "Date of birth":
                birth_dates.append(iso_date(value) or value)
    elif notes and list_id == "state-nonproliferation":
        for seg in notes.split(" | "):
            key, value = _kv(seg.split(";")[0])
            if key == "Authority":
                programs.append(value)
                m = re.search(r";\s*imposed\s+([\d/]+)", seg)
                if m:
                    dates.append(iso_date(m.group(1)))
                m = re.search(r";\s*status:\s*([^;]+)", seg)
                if m:
                    props["status"].append(m.group(1).strip())
            elif key == "Location":
                props["location"].append(value)
            elif seg.startswith("Designation includes"):
                props["name_scope"].append(seg.strip())
    elif notes and list_id == "cbp-wro":
        props["order_type"].append(notes.split(";")[0].strip())
        for key in ("Industry", "Merchandise"):
            m = re.search(rf"\b{key}:\s*([^;]+)", notes)
            if m:
                props[key.lower()].append(m.group(1).strip())
    elif notes and list_id == "bis-meu":
        m = re.match(r"^Subordinate institution of (.+?)\.?$", notes)
        if m:
            links.append(Link("parent", m.group(1).strip()))
    elif notes and list_id == "dhs-uflpa":
        props["uflpa_section"].extend(re.findall(r"UFLPA Sec\. ([\w()]+)", notes))

    return Entity(
        id=f"{dataset}:{eid}",
        dataset=dataset,
        schema=schema,
        names=names,
        addresses=dedupe(addresses),
        countries=countries,
        identifiers=identifiers,
        birth_dates=dedupe(birth_dates),
        programs=dedupe(programs),
        listed_on=earliest(dates),
        citations=citations,
        license_requirement=license_requirement,
        remarks=remarks,
        links=links,
        properties={k: dedupe(v) for k, v in props.items() if v},
    )


def entity_ids(list_id: str, records: Iterable[dict[str, Any]]) -> list[str]:
    """Ids for the records of one file: hash of (list_id, name, country), widened by the
    address, dates, citation and notes where names repeat (CBP WRO, DPL)."""
    recs = list(records)
    keys = [[list_id, " ".join(r["name"].split()), r.get("country")] for r in recs]
    extra = [
        [r.get("address"), r.get("effective_date"), r.get("federal_register"), r.get("notes")]
        for r in recs
    ]
    return unique_ids(keys, extra)


def parse(path: Path, dataset: str) -> Iterator[Entity]:
    """Entities of one nsfreg list file, one per record (FCC category rows skipped).

    A ``.csv`` file is handed to :func:`tradescreen.sources.bis.parse_el_csv`: the
    us_bis_el dataset takes either the nsfreg JSON or BIS's legacy Entity List CSV.
    """
    if path.suffix.casefold() == ".csv":
        from tradescreen.sources.bis import parse_el_csv  # bis imports this module

        yield from parse_el_csv(path, dataset)
        return
    doc = load(path)
    list_id: str = doc["list_id"]
    info = LISTS.get(list_id, _ListInfo(list_id))
    records: list[dict[str, Any]] = doc["entities"]
    for rec, eid in zip(records, entity_ids(list_id, records), strict=True):
        ent = _entity(rec, info, list_id, dataset, eid)
        if ent is not None:
            yield ent
