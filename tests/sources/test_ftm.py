"""FollowTheMoney JSON lines and deltas, on the (CC BY-NC, test-only) yente fixtures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tradescreen.model import Entity, Link
from tradescreen.sources import ftm
from tradescreen.sources.base import ParseError

FIX = "opensanctions_ftm/yente_fixtures"
ZALA_AERO = "os:NK-cPks3aTbes8k4aCerfBAzN"
ZAKHAROV = "os:NK-aU5ybkbRFJucf8YMwsJvDw"


@pytest.fixture(scope="module")
def zala(lists_dir: Path) -> dict[str, Entity]:
    return {e.id: e for e in ftm.parse(lists_dir / FIX / "zala/entities.ftm.json", "os")}


def test_zala_parties_only(zala: dict[str, Entity]) -> None:
    # 91 records: 11 Company + 6 Person are parties; Sanction, Ownership, ... are folded in
    assert Counter(e.schema for e in zala.values()) == {"Organization": 11, "Person": 6}


def test_zala_aero(zala: dict[str, Entity]) -> None:
    e = zala[ZALA_AERO]
    assert e.schema == "Organization"  # FtM Company
    assert e.caption == 'Акціонерне товариство "Зала Аеро"'  # FtM's caption
    assert {"ZALA AERO JSC", 'Joint-Stock Company "Zala Aero"',
            'Aktsionerne tovarystvo "Zala Aero"'} <= set(e.all_names())
    ids = {(i.type, i.value) for i in e.identifiers}
    assert {("inn", "9715478507"), ("ogrn", "1247700258651"), ("kpp", "771501001")} <= ids
    assert e.countries == ["RU"]
    assert e.programs == ["UA-WS-MILIND", "UA-SA1644", "UA-WS-UAVS"]
    assert e.links == [Link("owned_by", "Alexander Vyacheslavovich ZAKHAROV", ZAKHAROV)]
    assert e.properties["ftm_datasets"] == ["ext_ru_egrul", "ua_nsdc_sanctions",
                                            "ua_war_sanctions"]


def test_zakharov_links_and_sanctions(zala: dict[str, Entity]) -> None:
    e = zala[ZAKHAROV]
    assert e.schema == "Person"
    relations = Counter(lk.relation for lk in e.links)
    assert relations["owns"] >= 5 and relations["director_of"] == 2
    assert relations["family"] == 4
    assert Link("owns", 'Акціонерне товариство "Зала Аеро"', ZALA_AERO) in e.links
    assert all(lk.target_id for lk in e.links)
    # Sanction records attached: program names and ids, earliest start as listed_on
    assert "The Russia (Sanctions) (EU Exit) Regulations 2019" in e.programs
    assert "GB-RUS" in e.programs
    assert e.listed_on == "2023-07-01"
    assert e.birth_dates == ["1965-09-21"] and e.nationalities == ["RU"]
    assert e.citations and "sanction_authority" in e.properties
    wife = zala["os:NK-DQ98GPMgdVH8DSZd8g9Xtc"]
    assert Link("family", e.caption, ZAKHAROV) in wife.links


def test_t1_multilingual(lists_dir: Path) -> None:
    entities = list(ftm.parse(lists_dir / FIX / "t1/entities.ftm.json", "os"))
    assert Counter(e.schema for e in entities) == {"Person": 4, "Organization": 2}
    (tobacco,) = [e for e in entities if "LLC “Inter Tobacco”" in e.all_names()]
    assert tobacco.caption == "RAB „Inter Tobacco“" and len(tobacco.names) == 12


def test_delta(lists_dir: Path) -> None:
    changes = list(ftm.parse_delta(lists_dir / FIX / "entities.delta.json", "os"))
    ops = Counter(op for op, _ in changes)
    assert ops["DEL"] == 571  # every DEL passes through, as an entity id
    assert all(isinstance(x, str) and x.startswith("os:") for op, x in changes if op == "DEL")
    parties = [x for op, x in changes if op != "DEL"]
    assert all(isinstance(x, Entity) for x in parties)
    assert Counter(x.schema for x in parties if isinstance(x, Entity)) == {
        "Person": 451, "Organization": 98, "LegalEntity": 27}
    assert ops["ADD"] + ops["MOD"] == 576


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "e.ftm.json"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


_PERSON = {"id": "p1", "schema": "Person", "caption": "Jane Roe",
           "properties": {"name": ["Jane Roe"], "weakAlias": ["JR"], "previousName": ["Jane Doe"],
                          "country": ["gb"]}}
_VESSEL = {"id": "v1", "schema": "Vessel", "properties": {"name": ["SEA STAR"],
                                                          "imoNumber": ["9123456"]}}
_SANCTION = {"id": "s1", "schema": "Sanction",
             "properties": {"entity": ["v1"], "program": ["Test"], "startDate": ["2020-05-01"]}}


def test_minimal(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(r) for r in (_PERSON, _VESSEL, _SANCTION)])
    person, vessel = ftm.parse(path, "t")
    assert [(n.value, n.kind) for n in person.names] == [
        ("Jane Roe", "primary"), ("JR", "weak_alias"), ("Jane Doe", "former")]
    assert person.countries == ["GB"]
    assert vessel.schema == "Vessel" and vessel.identifiers[0].type == "imo"
    assert vessel.programs == ["Test"] and vessel.listed_on == "2020-05-01"


def test_bad_json_line(tmp_path: Path) -> None:
    path = _write(tmp_path, [json.dumps(_PERSON), '{"id": "x", "schema": ', json.dumps(_VESSEL)])
    gen = ftm.parse(path, "t")
    with pytest.raises(ParseError) as err:
        next(gen)
    assert err.value.line == 2 and "not JSON" in err.value.problem


def test_bad_records(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="empty"):
        list(ftm.parse(_write(tmp_path, [""]), "t"))
    with pytest.raises(ParseError, match="without an id"):
        list(ftm.parse(_write(tmp_path, ['{"schema": "Person"}']), "t"))
    with pytest.raises(ParseError, match="no schema"):
        list(ftm.parse(_write(tmp_path, ['{"id": "a"}']), "t"))
    bad_op = _write(tmp_path, [json.dumps({"op": "ADD", "entity": _PERSON}),
                               json.dumps({"op": "UPSERT", "entity": _PERSON})])
    with pytest.raises(ParseError) as err:
        list(ftm.parse_delta(bad_op, "t"))
    assert err.value.line == 2
