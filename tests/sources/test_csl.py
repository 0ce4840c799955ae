"""trade.gov Consolidated Screening List: both CSV editions and the API's JSON shape."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tradescreen.model import Entity
from tradescreen.sources import csl
from tradescreen.sources.base import ParseError

CSV_2019 = "trade_gov_csl/2019-12_watchman_sample/csl.csv"
CSV_2025 = "trade_gov_csl/2025-06_watchman_sample/consolidated.csv"


def by_name(ents: list[Entity], name: str) -> list[Entity]:
    return [e for e in ents if e.caption == name]


def test_2019_csv(lists_dir: Path) -> None:
    ents = list(csl.parse(lists_dir / CSV_2019, "us_trade_csl"))
    assert len(ents) == 115 and len({e.id for e in ents}) == 115
    el = [e for e in ents if "EL" in e.programs]
    assert len(el) == 22
    assert all(e.license_requirement and e.license_policy for e in el)
    assert all(e.properties["source_list"] == ["Entity List (EL) - Bureau of Industry and Security"]
               for e in el)
    assert len(by_name(ents, "Gunther Migeotte")) == 5  # repeated EL rows, distinct ids
    karnes = by_name(ents, "7 KARNES")[0]
    assert karnes.id == "us_trade_csl:SDN-12449"  # no _id: source code + entity_number
    # 2019 ids cells are "[country, ]number, type"
    assert [(i.type, i.value, i.country) for i in karnes.identifiers] == [
        ("registration", "1978075", "CO")
    ]
    vessel = by_name(ents, "ADRIAN DARYA 1")[0]
    assert vessel.schema == "Vessel" and vessel.identifiers[0].type == "imo"
    assert vessel.identifiers[0].value == "9116412"
    assert vessel.properties["former_vessel_flag"] == ["Panama"]
    transneft = by_name(ents, "AK TRANSNEFT OAO")[0]
    assert transneft.properties["email"] == ["transneft@ak.transneft.ru"]
    assert "Executive Order 13662 Directive Determination: Subject to Directive 2" in (
        transneft.properties["sanctions_info"])
    assert {e.schema for e in ents} == {"Person", "Organization", "Vessel"}
    assert all(not n.value.startswith((" ", "and ")) for e in ents for n in e.names)


def test_2025_csv(lists_dir: Path) -> None:
    ents = list(csl.parse(lists_dir / CSV_2025, "us_trade_csl"))
    assert len(ents) == 13 and len({e.id for e in ents}) == 13
    sino = by_name(ents, "Sinobright Import and Export Company")[0]
    assert sino.id == "us_trade_csl:233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b"
    assert sino.programs == ["ISN", "INKSNA"] and sino.listed_on == "2023-07-19"
    assert sino.properties["name_scope"] == ["and any successor, sub-unit, or subsidiary thereof"]
    assert sino.citations == ["Vol. 88, No. 151, 08/08/2023"]
    # 2025 ids cells are "type, number[, country]"
    rim = by_name(ents, "RIM, Ryong Nam")[0]
    assert rim.schema == "Person" and rim.properties["gender"] == ["Male"]
    assert [(i.type, i.value, i.country) for i in rim.identifiers] == [("passport", "836238033", "KP")]
    assert rim.nationalities == ["KP"]
    tnk = by_name(ents, "TNK Trading International S.A.")[0]
    assert [(i.type, i.country) for i in tnk.identifiers] == [("vat", "CH"), ("registration", "CH")]
    cetc = by_name(ents, "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)")[0]
    assert cetc.programs[0] == "EL" and cetc.countries == ["CN"]
    assert cetc.license_policy and cetc.license_requirement


def _json_record(row: dict[str, str], type_first: bool) -> dict[str, Any]:
    """A CSV row in the CSL API's JSON shape (lists and objects for multi-valued fields)."""
    rec: dict[str, Any] = dict(row)
    split = [x.strip() for x in row["alt_names"].split(";") if x.strip()]
    rec["alt_names"] = split
    rec["programs"] = [x.strip() for x in row["programs"].split(";") if x.strip()]
    addresses = []
    for line in (x.strip() for x in row["addresses"].split(";") if x.strip()):
        m = re.match(r"^(.*?),\s*([A-Z]{2})$", line)
        addresses.append({"address": m.group(1) if m else line, "city": "", "state": "",
                          "postal_code": "", "country": m.group(2) if m else ""})
    rec["addresses"] = addresses
    ids = []
    for item in (x.strip() for x in row["ids"].split(";") if x.strip()):
        parts = [p.strip() for p in item.split(",")]
        if type_first and len(parts) >= 2:
            country = parts.pop() if len(parts) > 2 and re.fullmatch(r"[A-Z]{2}", parts[-1]) else None
            ids.append({"type": parts[0], "number": ", ".join(parts[1:]), "country": country})
    rec["ids"] = ids
    return rec


def test_json_matches_csv(lists_dir: Path, tmp_path: Path) -> None:
    path = lists_dir / CSV_2025
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    fixture = tmp_path / "consolidated.json"
    fixture.write_text(json.dumps({"total": len(rows),
                                   "results": [_json_record(r, True) for r in rows]}))
    from_csv = list(csl.parse(path, "x"))
    from_json = list(csl.parse(fixture, "x"))
    assert len(from_json) == 13
    for a, b in zip(from_csv, from_json, strict=True):
        assert (a.id, a.schema, a.names, a.programs, a.listed_on, a.citations) == (
            b.id, b.schema, b.names, b.programs, b.listed_on, b.citations)
        assert (a.addresses, a.countries, a.identifiers, a.birth_dates) == (
            b.addresses, b.countries, b.identifiers, b.birth_dates)
        assert a.properties == b.properties


def test_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"results": [{"name": "X"}, ')
    with pytest.raises(ParseError) as info:
        list(csl.parse(bad, "x"))
    assert "not valid JSON" in info.value.problem and str(bad) in str(info.value)
    bad.write_text('{"results": [{"name": "X"}, {"source": "EL"}]}')
    with pytest.raises(ParseError, match="result #1 has no name"):
        list(csl.parse(bad, "x"))
    ragged = tmp_path / "csl.csv"
    ragged.write_text("source,name,type,programs,alt_names,addresses\nEL,Acme,,,,\nEL,Beta\n")
    with pytest.raises(ParseError) as info:
        list(csl.parse(ragged, "x"))
    assert info.value.line == 3
    ok = tmp_path / "ok.csv"
    ok.write_text(
        "source,name,type,programs,alt_names,addresses\n"
        'Entity List (EL) - Bureau of Industry and Security,Acme,,,Acme Co; and Acme2,"1 Rd, CN"\n'
    )
    (ent,) = csl.parse(ok, "x")
    assert ent.programs == ["EL"] and ent.all_names() == ["Acme", "Acme Co", "Acme2"]
    assert ent.countries == ["CN"]
