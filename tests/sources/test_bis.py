"""BIS legacy Entity List CSV and the tab-delimited Denied Persons List."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tradescreen.model import Entity
from tradescreen.sources import bis
from tradescreen.sources.base import ParseError

EL_CSV = "bis_entity_list/2015_ita_webservices_fixture/el.csv"
DPL_TXT = "bis_denied_persons/2022-09_watchman_bench/dpl.txt"
DPL_JSON = "derived_nsfreg_us_lists_2026-07/bis_dpl.json"


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.caption == name]
    assert len(found) == 1, name
    return found[0]


def test_el_csv_groups_rows(lists_dir: Path) -> None:
    path = lists_dir / EL_CSV
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert len(rows) - 1 == 18 and {len(r) for r in rows} == {31, 36}
    ents = list(bis.parse_el_csv(path, "us_bis_el"))
    assert [e.caption for e in ents] == [
        "Fazal Rahim Farid", "Fazel Khalil Construction Company",
        "Zurmat Construction Company offices", "Murat Peker", "Qazi Abdallah",
    ]
    assert len({e.id for e in ents}) == 5
    farid = ents[0]
    assert farid.all_names() == ["Fazal Rahim Farid", "Fazel Rahim Farid", "Farid", "Engineer Idris"]
    assert farid.addresses == [
        "Microrayan 3rd Apt. 45, block #21, Kabul, Afghanistan",
        "A2 Ground Floor, City Computer Plaza, Shar-e-Naw, Kabul, Afghanistan",
    ]
    assert farid.countries == ["AF"] and farid.citations == ["76 FR 71867"]
    assert farid.listed_on == "2011-11-21"
    assert farid.license_requirement == "For all items subject to the EAR. (See §744.11 of the EAR)."
    assert farid.license_policy == "Presumption of denial."
    assert farid.programs == ["EAR Entity List"]
    assert len(by_name(ents, "Zurmat Construction Company offices").addresses) == 7
    qazi = by_name(ents, "Qazi Abdallah")
    # U+0091/U+0092 (cp1252 quotes read as Latin-1) are repaired
    assert "Jawid, Sa’id Jan ‘Abd-al-Salam" in qazi.all_names()
    assert qazi.citations == ["76 FR 71867", "76 FR 10001"] and qazi.listed_on == "2011-11-21"
    assert by_name(ents, "Murat Peker").citations == ["78 FR 75485"]  # trailing space gone


def test_dpl_txt(lists_dir: Path) -> None:
    path = lists_dir / DPL_TXT
    rows = list(csv.reader(path.open(encoding="utf-8", newline=""), delimiter="\t"))
    assert len(rows) - 1 == 581
    ents = list(bis.parse_dpl(path, "us_bis_dpl"))
    # grouping key: whitespace-collapsed, case-folded name
    keys = {" ".join(r[0].split()).casefold() for r in rows[1:]}
    assert len(ents) == len(keys) == 459
    assert len({e.id for e in ents}) == 459
    ash = by_name(ents, "I. ASH")  # printed " I. ASH" with a leading space
    assert len(ash.addresses) == 3 and ash.listed_on == "2002-03-04"
    assert ash.schema == "Person" and ash.countries == ["US"]
    assert "68 F.R. 38290 6/27/03" in ash.citations
    assert ash.properties["expiration_date"] == ["2056-06-29"]
    air = by_name(ents, "AIR FREIGHT LTD")
    assert air.schema == "Organization" and air.countries == ["IQ", "AE", "JO"]
    assert by_name(ents, "AARON ABRAHAM VILLA").countries == ["US"]  # empty Country, TX state
    assert by_name(ents, "AL-NASER AIRLINES").programs == ["DPL"]  # double space collapsed


def test_dpl_any_dispatch(lists_dir: Path) -> None:
    assert len(list(bis.parse_dpl_any(lists_dir / DPL_TXT, "x"))) == 459
    assert len(list(bis.parse_dpl_any(lists_dir / DPL_JSON, "x"))) == 564
    assert len(list(bis.parse_dpl_any(lists_dir / DPL_TXT.rsplit("/", 1)[0], "x"))) == 459
    assert len(list(bis.parse_el_any(lists_dir / EL_CSV, "x"))) == 5


HEADER = "\t".join(f'"{c}"' for c in bis.DPL_COLUMNS) + "\n"


def dpl_row(name: str, n: int = 12) -> str:
    vals = [name, "1 MAIN ST", "TOWN", "TX", "US", "75000", "01/02/2003", "01/02/2013", "Y",
            "2003-01-02", "NEW", "68 F.R. 100 1/5/03"][:n]
    return "\t".join(f'"{v}"' for v in vals) + "\n"


def test_dpl_bad_input(tmp_path: Path) -> None:
    p = tmp_path / "dpl.txt"
    p.write_text(HEADER + dpl_row("JOHN DOE"), encoding="utf-8")
    (ent,) = bis.parse_dpl(p, "x")
    assert ent.listed_on == "2003-01-02" and ent.citations == ["68 F.R. 100 1/5/03"]
    p.write_text(HEADER + dpl_row("JOHN DOE") + dpl_row("JANE DOE", 9), encoding="utf-8")
    with pytest.raises(ParseError) as info:
        list(bis.parse_dpl(p, "x"))
    assert info.value.line == 3 and "9 fields" in info.value.problem and str(p) in str(info.value)
    p.write_text('"Name"\t"City"\n"JOHN DOE"\t"X"\n', encoding="utf-8")
    with pytest.raises(ParseError, match="header lacks"):
        list(bis.parse_dpl(p, "x"))
    p.write_text("", encoding="utf-8")
    with pytest.raises(ParseError, match="empty"):
        list(bis.parse_dpl(p, "x"))


def test_el_csv_bad_input(tmp_path: Path) -> None:
    header = ",".join(bis.EL_COLUMNS) + "\n"
    good = ",".join(["EL", "", "", "", "Acme", *[""] * 5, "China", '"85 FR 1, 1/2/20"', "1/2/2020",
                     *[""] * 18]) + "\n"
    p = tmp_path / "el.csv"
    p.write_text(header + good, encoding="utf-8")
    (ent,) = bis.parse_el_csv(p, "x")
    assert ent.countries == ["CN"] and ent.listed_on == "2020-01-02"
    p.write_text(header + good + "EL,,,,Short row\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        list(bis.parse_el_csv(p, "x"))
    assert info.value.line == 3
    p.write_bytes((header + good).encode("utf-8").replace(b"Acme", b"Ac\xffme"))
    with pytest.raises(ParseError) as info:
        list(bis.parse_el_csv(p, "x"))
    assert info.value.line == 2 and "utf-8" in info.value.problem
