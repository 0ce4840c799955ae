"""DDTC ITAR debarred parties: the cp1252 CSV and the nsfreg JSON editions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tradescreen.model import Entity
from tradescreen.sources import ddtc
from tradescreen.sources.base import ParseError

CSV = "us_ddtc_itar_debarred/2019-11-06_ita_webservices/itar_debarred_party_list_11062019.csv"
NSF = "derived_nsfreg_us_lists_2026-07"


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.caption == name]
    assert len(found) == 1, name
    return found[0]


@pytest.fixture(scope="module")
def csv_entities(lists_dir: Path) -> list[Entity]:
    return list(ddtc.parse_csv(lists_dir / CSV, "us_ddtc_debarred"))


def test_file_is_cp1252(lists_dir: Path) -> None:
    raw = (lists_dir / CSV).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    rows = list(csv.reader(raw.decode("cp1252").splitlines()))
    assert len(rows) - 1 == 707


def test_csv_counts_and_cleaning(csv_entities: list[Entity]) -> None:
    # 707 rows; 4 parties appear twice (two notices each): 703 entities
    assert len(csv_entities) == 703
    assert len({e.id for e in csv_entities}) == 703
    for e in csv_entities:
        assert e.programs == ["ITAR Debarred (statutory)"]
        assert e.listed_on, e.caption
        for text in (*e.citations, *e.all_names()):
            assert "\xa0" not in text and text == text.strip()
        assert all("FR" in c for c in e.citations)


def test_csv_records(csv_entities: list[Entity]) -> None:
    acety = by_name(csv_entities, "Acety, Edwin")
    assert acety.schema == "Person" and acety.birth_dates == ["1975-11"]
    assert acety.citations == ["83 FR 18112"] and acety.listed_on == "2018-04-25"
    tariq = by_name(csv_entities, "Ahmed, Tariq")
    assert tariq.all_names() == ["Ahmed, Tariq", "Tariq Amin", "Tariq Ahmad Amin"]
    dominguez = by_name(csv_entities, "Dominguez, Carlos")
    assert dominguez.all_names()[1:] == ["Elint, S.A.", "Spain Night Vision, S.A.", "SNV, S.A"]
    aero = by_name(csv_entities, "Aero Systems, Inc.")
    assert aero.schema == "Organization"
    assert aero.citations == ["59 FR 5664", "58 FR 50382"] and aero.listed_on == "1993-09-27"
    dilligas = by_name(csv_entities, "Dilligas Trading Co., Inc.")
    assert dilligas.properties["corrected_notice"] == ["57 FR 37184"]
    assert by_name(csv_entities, "Carter, Kurt").birth_dates == ["1965-03"]  # "March,, 1965"


def test_parse_any(lists_dir: Path) -> None:
    assert len(list(ddtc.parse_any(lists_dir / CSV, "x"))) == 703
    stat = list(ddtc.parse_any(lists_dir / NSF / "state_debarred_statutory.json", "x"))
    admin = list(ddtc.parse_any(lists_dir / NSF / "state_debarred_admin.json", "x"))
    assert (len(stat), len(admin)) == (779, 8)
    both = list(ddtc.parse_any(lists_dir / NSF, "x"))
    assert len(both) == 787 and len({e.id for e in both}) == 787
    assert {e.programs[0] for e in both} == {
        "ITAR Debarred (statutory)", "ITAR Debarred (administrative)"
    }


HEADER = "Party Name,Date Of Birth,Federal Register Notice,Notice Date,Corrected Notice,Corrected Notice Date\r\n"


def test_csv_encoding_and_bad_rows(tmp_path: Path) -> None:
    p = tmp_path / "ddtc.csv"
    p.write_bytes((HEADER + '"Müller, José",,83 FR 18112\xa0,4/25/2018,,\r\n').encode("cp1252"))
    (ent,) = ddtc.parse_csv(p, "x")
    assert ent.caption == "Müller, José" and ent.citations == ["83 FR 18112"]
    p.write_bytes((HEADER + '"Müller, José",,83 FR 18112,4/25/2018,,\r\n').encode("utf-8"))
    (ent,) = ddtc.parse_csv(p, "x")
    assert ent.caption == "Müller, José"  # a UTF-8 edition is not mis-decoded
    p.write_text(HEADER + '"Doe, John",,83 FR 1,4/25/2018,,\r\n"Roe, Jane",83 FR 2\r\n')
    with pytest.raises(ParseError) as info:
        list(ddtc.parse_csv(p, "x"))
    assert info.value.line == 3 and str(p) in str(info.value)
    p.write_text("Name,Date\r\nDoe,1/1/2000\r\n")
    with pytest.raises(ParseError, match="header lacks"):
        list(ddtc.parse_csv(p, "x"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ParseError, match="no state_debarred"):
        list(ddtc.parse_any(empty, "x"))
