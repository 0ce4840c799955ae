"""OpenSanctions transcriptions (CC BY-NC: test fixtures only, never product data)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tradescreen.model import Entity
from tradescreen.sources import ostranscribed as ost
from tradescreen.sources.base import ParseError

H1260 = "us_dod_1260h_chinese_military_companies/opensanctions_transcription/sanctions.csv"
MIEU = "us_bis_mieu/opensanctions_transcription/mieu.csv"
INKSNA = "us_state_isn_inksna/opensanctions_transcription/inksna.csv"
S1286 = "us_dod_section_1286/opensanctions_transcription/section_1286.csv"

Parser = Callable[[Path, str], Iterator[Entity]]

# file, parser, rows per PROVENANCE.md, entities after grouping editions
CASES: list[tuple[str, Parser, int, int]] = [
    (H1260, ost.parse_1260h, 397, 226),
    (MIEU, ost.parse_mieu, 13, 13),
    (INKSNA, ost.parse_inksna, 28, 28),
    (S1286, ost.parse_1286, 443, 185),
]


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.caption == name]
    assert len(found) == 1, name
    return found[0]


@pytest.mark.parametrize(("rel", "parser", "rows", "expected"), CASES)
def test_counts(lists_dir: Path, rel: str, parser: Parser, rows: int, expected: int) -> None:
    path = lists_dir / rel
    assert len(list(csv.DictReader(path.open(encoding="utf-8", newline="")))) == rows
    ents = list(parser(path, "t"))
    assert len(ents) == expected and len({e.id for e in ents}) == expected
    assert all(e.names[0].kind == "primary" and e.programs for e in ents)


def test_1260h(lists_dir: Path) -> None:
    ents = list(ost.parse_1260h(lists_dir / H1260, "us_dod_1260h"))
    qihoo = by_name(ents, "360 Security Technology Inc.")
    assert "Qihoo 360" in qihoo.all_names()
    assert qihoo.listed_on == "2022-10-05"
    assert qihoo.properties["editions"] == ["2022-10-05", "2025-01-07", "2026-06-08"]
    assert "end_date" not in qihoo.properties and qihoo.countries == ["CN"]
    telecom = by_name(ents, "China Telecommunications Corporation")
    assert telecom.properties["end_date"] == ["2025-01-07"]  # former listing
    assert telecom.properties["name_as_printed"] == ["China Telecommunications Corporation*"]
    assert [lk.target for lk in telecom.links] == ["China Telecom Group Co., Ltd."]
    chengdu = by_name(ents, "AVIC Chengdu Aircraft Co., Ltd.")
    assert ("ZEMIC", "former") in [(n.value, n.kind) for n in chengdu.names]
    knownsec = [e for e in ents if "Knownsec" in e.all_names()]
    assert len(knownsec) == 1 and "Beijing Kownsec" in knownsec[0].all_names()
    assert sum(1 for e in ents if "end_date" in e.properties) == 18


def test_mieu_inksna_1286(lists_dir: Path) -> None:
    mieu = list(ost.parse_mieu(lists_dir / MIEU, "t"))
    dim = by_name(mieu, "Directorate of Military Intelligence")
    assert dim.countries == ["CU"] and "DIM" in dim.all_names() and dim.listed_on == "2021-03-16"
    inksna = list(ost.parse_inksna(lists_dir / INKSNA, "t"))
    choe = by_name(inksna, "Ch'oe Ch'o'l-min")
    assert choe.schema == "Person" and choe.countries == ["KP"] and choe.listed_on == "2026-01-22"
    assert by_name(inksna, "Aleksandr Ivanovich Prikhodko").countries == ["RU"]  # "Russian"
    assert by_name(inksna, "JS Research Inc.").countries == ["KR"]  # "ROK"
    exptrans = by_name(inksna, "EXPTRANS GMBH S.A.R.L.")
    assert exptrans.schema == "Organization" and "name_scope" in exptrans.properties
    s1286 = list(ost.parse_1286(lists_dir / S1286, "t"))
    amms = by_name(s1286, "Academy of Military Medical Sciences")
    assert amms.properties["editions"] == ["2022", "2023", "2024", "2025"]
    assert amms.listed_on == "2022" and "AMMS" in amms.all_names()
    mabna = by_name(s1286, "Mabna Institute")
    assert mabna.properties["end_date"] == ["2026-07-23"]


def test_bad_input(tmp_path: Path) -> None:
    p = tmp_path / "mieu.csv"
    p.write_text("Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL\n"
                 "Organization,X,,CU,t,P,2021-03-16,,u\nOrganization,Y\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        list(ost.parse_mieu(p, "t"))
    assert info.value.line == 3 and str(p) in str(info.value)
    p.write_text("Name,Start date\nX,2021-01-01\n", encoding="utf-8")
    with pytest.raises(ParseError, match="header lacks"):
        list(ost.parse_1260h(p, "t"))
