"""The derived nsfreg US-lists JSON family: counts, known records, and bad input."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tradescreen.model import Entity
from tradescreen.sources import nsfreg
from tradescreen.sources.base import ParseError

NSF = "derived_nsfreg_us_lists_2026-07"

# file -> (records in the file, per PROVENANCE.md; entities yielded)
COUNTS = {
    "bis_entity_list.json": (3409, 3409),
    "bis_meu.json": (70, 70),
    "bis_dpl.json": (564, 564),
    "ofac_nscmic.json": (68, 68),
    "ofac_eo14032_annex.json": (59, 59),
    "dow_1260h.json": (80, 80),
    "dow_1286.json": (134, 134),
    "state_nonproliferation.json": (528, 528),
    "state_debarred_statutory.json": (779, 779),
    "state_debarred_admin.json": (8, 8),
    "dhs_uflpa.json": (148, 148),
    "cbp_wro.json": (67, 67),
    "fcc_covered.json": (15, 13),  # two "Category listing" rows are classes of goods
}

_CACHE: dict[str, list[Entity]] = {}


def entities(lists_dir: Path, name: str, dataset: str = "ds") -> list[Entity]:
    key = f"{name}:{dataset}"
    if key not in _CACHE:
        _CACHE[key] = list(nsfreg.parse(lists_dir / NSF / name, dataset))
    return _CACHE[key]


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.caption == name]
    assert len(found) == 1, f"{name!r}: {len(found)} matches"
    return found[0]


@pytest.mark.parametrize(("name", "counts"), sorted(COUNTS.items()))
def test_counts_ids_and_shape(lists_dir: Path, name: str, counts: tuple[int, int]) -> None:
    records, expected = counts
    doc = json.loads((lists_dir / NSF / name).read_text(encoding="utf-8"))
    assert doc["count"] == len(doc["entities"]) == records
    ents = entities(lists_dir, name)
    assert len(ents) == expected
    ids = [e.id for e in ents]
    assert len(set(ids)) == len(ids), "ids must be unique within a file"
    for e in ents:
        assert e.id.startswith("ds:") and e.dataset == "ds"
        assert e.names and e.names[0].kind == "primary" and e.names[0].value.strip()
        assert len({n.value.casefold() for n in e.names}) == len(e.names)
        assert e.programs
        assert all(len(c) == 2 and c.isupper() for c in e.countries if c != "Middle East Region")
        assert e.schema in ("Person", "Organization", "Vessel")


def test_ids_are_stable_across_parses(lists_dir: Path) -> None:
    first = [e.id for e in nsfreg.parse(lists_dir / NSF / "cbp_wro.json", "x")]
    again = [e.id for e in nsfreg.parse(lists_dir / NSF / "cbp_wro.json", "x")]
    assert first == again


def test_dji(lists_dir: Path) -> None:
    dji = by_name(entities(lists_dir, "bis_entity_list.json", "us_bis_el"), "DJI")
    assert dji.id.startswith("us_bis_el:")
    assert "SZ DJI Technology Co., Ltd." in dji.all_names()
    assert {n.kind for n in dji.names[1:]} == {"alias"}
    assert dji.countries == ["CN"]
    assert "85 FR 83420, 12/22/20" in dji.citations
    assert "86 FR 29193, 6/1/21" in dji.citations
    assert dji.listed_on == "2020-12-22"
    assert dji.programs == ["EAR Entity List"]
    assert dji.license_requirement and dji.license_requirement.startswith("All items subject")
    assert dji.license_policy is None  # not kept by this source
    assert dji.addresses and dji.addresses[0].endswith("518057")


def test_hikvision_and_huawei_entity_list(lists_dir: Path) -> None:
    ents = entities(lists_dir, "bis_entity_list.json")
    hik = by_name(ents, "Hangzhou Hikvision Digital Technology Co., Ltd.")
    assert hik.citations == ["84 FR 54004, 10/9/19", "85 FR 34505, 6/5/20", "85 FR 44161, 7/22/20"]
    assert hik.listed_on == "2019-10-09"
    assert "Hikvision" in hik.all_names()
    assert len(hik.addresses) == 3  # "...; and ..." splits into addresses
    huawei = by_name(ents, "Huawei Technologies Co., Ltd.")
    assert huawei.citations == ["84 FR 22963, 5/21/19"]
    assert huawei.listed_on == "2019-05-21"
    assert "Huawei Marine" in huawei.all_names()


def test_entity_list_name_residue(lists_dir: Path) -> None:
    ents = entities(lists_dir, "bis_entity_list.json")
    morocco = by_name(ents, "Huawei Technologies Morocco")
    assert morocco.all_names() == ["Huawei Technologies Morocco"]  # "Rabat, Morocco" was no alias
    assert "Rabat, Morocco" in morocco.addresses
    bel = by_name(ents, "Bel Huawei Technologies LLC")
    assert "BellHuawei Technologies LLC" in bel.all_names()
    assert "5 Dzerzhinsky Ave., Minsk, 220036, Belarus" in bel.addresses
    zaliv = by_name(ents, "OOO Shipyard 'Zaliv'")
    assert ("AO Shipyard 'Zaliv'", "former") in [(n.value, n.kind) for n in zaliv.names]
    mesbah = by_name(ents, "Mesbah Energy Company")
    assert "MEC" in mesbah.all_names()
    # "AO"/"Co" are legal forms, not Angola/Colombia: such aliases stay whole
    for e in ents:
        for n in e.names:
            assert n.value not in ("Rabat, Morocco", "and"), e.id


def test_nscmic(lists_dir: Path) -> None:
    ents = entities(lists_dir, "ofac_nscmic.json")
    hik = by_name(ents, "Hangzhou Hikvision Digital Technology Co., Ltd.")
    assert [(i.type, i.value, i.country) for i in hik.identifiers] == [
        ("uscc", "91330000733796106P", "CN")
    ]
    assert hik.programs == ["CMIC-EO13959"]
    assert hik.listed_on == "2021-06-03"  # Listing Date (CMIC), earlier than effective_date
    assert sum(1 for e in ents if e.identifiers) == 58
    cccg = by_name(ents, "China Communications Construction Group (Limited)")
    assert [lk.target for lk in cccg.links] == ["CHINA COMMUNICATIONS CONSTRUCTION COMPANY LIMITED"]
    megvii = by_name(ents, "Megvii Technology Limited")
    assert megvii.countries == ["KY"] and "旷视科技有限公司" in megvii.all_names()


def test_isn_programs_and_dates(lists_dir: Path) -> None:
    ents = entities(lists_dir, "state_nonproliferation.json")
    russia = by_name(ents, "Government of the Russian Federation")
    assert russia.programs == [
        "ISN", "Chemical and Biological Weapons Control and Warfare Elimination Act (CBW Act)"
    ]
    assert russia.listed_on == "2018-08-27"  # the earlier of two measures
    assert russia.countries == ["RU"]
    programs = Counter(p for e in ents for p in e.programs)
    assert programs["ISN"] == 528
    assert programs["Executive Order 13382"] > 50
    budnev = by_name(ents, "Aleksey Budnev")  # "(Russian individual)" qualifier removed
    assert budnev.schema == "Person"
    polestar = by_name(ents, "Polestar Trading Company, Ltd.")
    assert polestar.countries == ["KP", "CN"]  # "North Korean entity in China"
    assert len(polestar.citations) == 2


def test_debarred_and_dpl(lists_dir: Path) -> None:
    stat = entities(lists_dir, "state_debarred_statutory.json")
    acety = by_name(stat, "Acety, Edwin")
    assert acety.schema == "Person" and acety.birth_dates == ["1975-11"]
    assert acety.listed_on == "2018-04-25" and acety.citations == ["83 FR 18112"]
    nji = by_name(stat, "Nji, Eric Fru")
    assert ("Ngi, Eric Fru", "alias") in [(n.value, n.kind) for n in nji.names]
    assert by_name(stat, "A & C International Trade, Inc.").schema == "Organization"
    assert Counter(e.schema for e in stat)["Person"] > 700
    dpl = entities(lists_dir, "bis_dpl.json")
    twins = [e for e in dpl if e.caption == "NEI-CHIEN CHU"]
    assert len(twins) == 2 and twins[1].id == twins[0].id + "-2"  # exact duplicate record
    assert twins[0].properties["expiration_date"] == ["2026-06-23"]
    assert by_name(dpl, "AZUR AIR").schema == "Organization"


def test_other_lists(lists_dir: Path) -> None:
    wro = entities(lists_dir, "cbp_wro.json")
    vessels = [e for e in wro if e.schema == "Vessel"]
    assert {e.caption for e in vessels} >= {"Da Wang", "Lien Yi Hsing No. 12"}
    assert all(e.countries == [] for e in vessels)  # "Fishing Vessels" is no country
    yunnan = [e for e in wro if e.caption == "Yunnan Machinery"]
    assert len(yunnan) == 2 and yunnan[0].id != yunnan[1].id
    assert {e.properties["order_type"][0] for e in yunnan} == {"WRO", "Finding"}
    uflpa = entities(lists_dir, "dhs_uflpa.json")
    assert all(e.listed_on for e in uflpa)
    sichuan = by_name(uflpa, "Sichuan Jingweida Technology Group Co., Ltd")
    assert sichuan.listed_on == "2023-12-11"
    assert ("Mianyang High-tech Zone Jingweida Technology Co., Ltd", "former") in [
        (n.value, n.kind) for n in sichuan.names
    ]
    meu = entities(lists_dir, "bis_meu.json")
    aecc = by_name(meu, "AECC Aero Science & Technology Co. Ltd.")
    assert aecc.links[0].target == "Aero-Engine Company of China" and aecc.programs == ["MEU"]
    fcc = entities(lists_dir, "fcc_covered.json")
    assert "Routers produced in a foreign country" not in [e.caption for e in fcc]
    assert by_name(fcc, "Hangzhou Hikvision Digital Technology Company").listed_on == "2021-03-12"
    h1260 = entities(lists_dir, "dow_1260h.json")
    assert all(e.listed_on == "2026-06-10" and e.programs == ["1260H"] for e in h1260)
    eo = entities(lists_dir, "ofac_eo14032_annex.json")
    assert all(e.listed_on == "2021-06-07" for e in eo)  # the FR date precedes effective_date
    admin = entities(lists_dir, "state_debarred_admin.json")
    assert {e.programs[0] for e in admin} == {"ITAR Debarred (administrative)"}


def test_list_metadata(lists_dir: Path) -> None:
    meta = nsfreg.list_metadata(lists_dir / NSF / "bis_entity_list.json")
    assert meta["id"] == "bis-entity-list" and meta["official_url"].startswith("https://www.ecfr")
    assert nsfreg.list_metadata(lists_dir / NSF / "lists.json") == {}


def test_legacy_csv_is_dispatched(lists_dir: Path) -> None:
    ents = list(nsfreg.parse(lists_dir / "bis_entity_list/2015_ita_webservices_fixture/el.csv", "x"))
    assert len(ents) == 5


# ---- bad input ------------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "list_id": "bis-meu",
    "count": 1,
    "entities": [{"name": "Acme Ltd.", "aliases": [], "country": "China", "address": None,
                  "status": None, "effective_date": None, "federal_register": None,
                  "notes": None}],
}


def write(tmp_path: Path, content: str | bytes, name: str = "list.json") -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def fails(path: Path) -> ParseError:
    with pytest.raises(ParseError) as info:
        list(nsfreg.parse(path, "x"))
    assert str(path) in str(info.value)
    return info.value


def test_good_minimal_file(tmp_path: Path) -> None:
    ents = list(nsfreg.parse(write(tmp_path, json.dumps(GOOD)), "x"))
    assert [e.caption for e in ents] == ["Acme Ltd."] and ents[0].countries == ["CN"]


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in fails(write(tmp_path, "")).problem


def test_truncated_json(tmp_path: Path) -> None:
    text = json.dumps(GOOD, indent=1)
    err = fails(write(tmp_path, text[: len(text) // 2]))
    assert "not valid JSON" in err.problem and err.line is not None and err.line > 1


def test_count_mismatch(tmp_path: Path) -> None:
    err = fails(write(tmp_path, json.dumps({**GOOD, "count": 2})))
    assert "count says 2" in err.problem and "holds 1" in err.problem


def test_invalid_utf8(tmp_path: Path) -> None:
    raw = json.dumps(GOOD, indent=1).replace("Acme", "Acm\udcff").encode("utf-8", "surrogateescape")
    err = fails(write(tmp_path, raw))
    assert "utf-8" in err.problem and err.line == 6


def test_missing_key_and_wrong_types(tmp_path: Path) -> None:
    assert "'count'" in fails(write(tmp_path, json.dumps({"list_id": "x", "entities": []}))).problem
    assert "not a JSON object" in fails(write(tmp_path, "[1, 2]")).problem
    bad_alias = {**GOOD, "entities": [{**GOOD["entities"][0], "aliases": "Acme"}]}
    err = fails(write(tmp_path, json.dumps(bad_alias)))
    assert "entity #0" in err.problem and "'aliases'" in err.problem
    two = {**GOOD, "count": 2, "entities": [GOOD["entities"][0], {"name": "", "aliases": []}]}
    assert "entity #1" in fails(write(tmp_path, json.dumps(two))).problem
    bad_country = {**GOOD, "entities": [{**GOOD["entities"][0], "country": 7}]}
    assert "'country'" in fails(write(tmp_path, json.dumps(bad_country))).problem
