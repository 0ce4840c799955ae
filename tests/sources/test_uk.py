"""UK sanctions list in its three shapes: Ammitto YAML, covyr tables, FCDO .ods."""

from __future__ import annotations

import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tradescreen.model import Entity
from tradescreen.sources import uk
from tradescreen.sources.base import ParseError

UK = "uk_fcdo_sanctions_list"
YAML = f"{UK}/2026-08-22_ammitto_yaml/uk_processed_combined.yaml"
TABLES = f"{UK}/2026-04_covyr_derived"
ODS = f"{UK}/2025-08-11_GitMatch_trimmed/FCDO_SL_Mon_Aug 11 2025.ods"


def _load(path: Path) -> tuple[dict[str, Entity], float]:
    start = time.perf_counter()
    entities = {e.id: e for e in uk.parse(path, "gb_fcdo")}
    return entities, time.perf_counter() - start


@pytest.fixture(scope="module")
def yaml_parsed(lists_dir: Path) -> tuple[dict[str, Entity], float]:
    return _load(lists_dir / YAML)


@pytest.fixture(scope="module")
def tables(lists_dir: Path) -> dict[str, Entity]:
    return _load(lists_dir / TABLES)[0]


@pytest.fixture(scope="module")
def ods(lists_dir: Path) -> dict[str, Entity]:
    path = lists_dir / ODS
    if not path.exists():
        pytest.skip("FCDO .ods export not in the data folder")
    return _load(path)[0]


# --- Ammitto YAML -------------------------------------------------------------------

def test_yaml_counts(yaml_parsed: tuple[dict[str, Entity], float], lists_dir: Path) -> None:
    entities, seconds = yaml_parsed
    assert Counter(e.schema for e in entities.values()) == {
        "Person": 4036, "Organization": 1647, "Vessel": 666}
    assert seconds < 10, f"UK YAML took {seconds:.1f}s"
    assert all(e.listed_on and e.programs for e in entities.values())
    assert uk.index_info(lists_dir / YAML)["count"] == 6334


def test_yaml_ship_with_imo(yaml_parsed: tuple[dict[str, Entity], float]) -> None:
    entities = yaml_parsed[0]
    ship = entities["gb_fcdo:RUS3719"]  # listed as IMO 9346885 ("ZENTURO")
    assert ship.schema == "Vessel"
    assert ship.caption == "ZENTURO"
    assert [(i.type, i.value) for i in ship.identifiers] == [("imo", "9346885")]
    assert ship.properties["name_as_listed"] == ['IMO 9346885 ("ZENTURO")']
    # IMO only in the statement of reasons ("Namely, IMO 9826902 is ...")
    assert [i.value for i in entities["gb_fcdo:RUS2176"].identifiers] == ["9826902"]
    with_imo = [e for e in entities.values() if e.schema == "Vessel"
                and any(i.type == "imo" for i in e.identifiers)]
    assert len(with_imo) > 600


def test_yaml_individual_with_non_latin_names(
        yaml_parsed: tuple[dict[str, Entity], float]) -> None:
    e = yaml_parsed[0]["gb_fcdo:BEL0174"]  # its first "Primary Name" entry is blank
    assert e.schema == "Person"
    assert [(n.value, n.kind) for n in e.names] == [
        ("Pavel Ivanovich KAZAKOV", "primary"),
        ("Pavel Ivanavich KAZAKOU", "alias"),
        ("Павел Іванавіч Казакоў", "original_script"),
        ("Павел Иванович Казаков", "original_script"),
    ]
    assert e.programs == ["The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019"]
    assert e.listed_on == "2025-01-27"
    assert e.properties["sanctions"] == ["Asset freeze", "Travel Ban",
                                         "Director Disqualification Sanction"]
    assert e.remarks and "KAZAKOV" in e.remarks


def test_yaml_un_entity(yaml_parsed: tuple[dict[str, Entity], float]) -> None:
    e = yaml_parsed[0]["gb_fcdo:AFG0011"]
    assert e.caption == "ABDUL LATIF MANSUR"  # name1 name2 ... name6 (surname last)
    assert ("un_ref", "TAi.007") in [(i.type, i.value) for i in e.identifiers]
    assert "عبد اللطيف منصور" in e.all_names()
    assert e.addresses == ["Darul Aman, Kabul, Afghanistan"] and e.countries == ["AF"]
    weak = yaml_parsed[0]["gb_fcdo:AFG0001"]
    assert weak.schema == "Organization" and len(weak.addresses) == 16


# --- covyr tables -----------------------------------------------------------------

def test_tables(tables: dict[str, Entity]) -> None:
    assert Counter(e.schema for e in tables.values()) == {
        "Person": 3883, "Organization": 1531, "Vessel": 632}
    e = tables["gb_fcdo:AFG0011"]
    assert e.caption == "ABDUL LATIF MANSUR"
    assert "1963" in e.birth_dates
    assert [i.value for i in e.identifiers if i.type == "passport"] == ["D0009720", "D0010442"]
    assert e.listed_on == "2001-01-31"
    ship = tables["gb_fcdo:DPR0075"]
    assert ("imo", "9562233") in [(i.type, i.value) for i in ship.identifiers]
    # identifier rows are repeated up to 1,440 times in the file: kept once each
    assert all(len(x.identifiers) == len(set(x.identifiers)) for x in tables.values())
    assert len(tables["gb_fcdo:CAF0004"].identifiers) < 10


def test_tables_bad_input(tmp_path: Path) -> None:
    (tmp_path / "subjects.csv").write_text("unique_id,subject_type\nX1,entity\n")
    with pytest.raises(ParseError, match="subject_names.csv: file not found"):
        list(uk.parse(tmp_path, "t"))
    (tmp_path / "subject_names.csv").write_text("unique_id,name_type\nX1,primary\n")
    with pytest.raises(ParseError, match="missing columns full_name"):
        list(uk.parse(tmp_path, "t"))
    (tmp_path / "subject_names.csv").write_text(
        "unique_id,name_type,full_name\nX1,primary,ACME\nX1,alias\n")
    with pytest.raises(ParseError) as err:
        list(uk.parse(tmp_path, "t"))
    assert err.value.line == 3
    (tmp_path / "subject_names.csv").write_text("unique_id,name_type,full_name\nX1,primary,ACME\n")
    (e,) = uk.parse(tmp_path, "t")
    assert e.id == "t:X1" and e.caption == "ACME"


# --- FCDO .ods --------------------------------------------------------------------

def test_ods(ods: dict[str, Entity]) -> None:
    assert len(ods) == 5302
    assert Counter(e.schema for e in ods.values()) == {
        "Person": 3754, "Organization": 1087, "Vessel": 461}
    e = ods["gb_fcdo:AFG0001"]
    assert e.caption == "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"
    assert e.programs == ["Afghanistan"] and e.listed_on == "2012-06-29"
    assert e.properties["designation_source"] == ["UN"]
    # the export prints two designations with a blank name: kept, not dropped
    assert sorted(k for k, v in ods.items() if not v.names) == ["gb_fcdo:BEL0174",
                                                                 "gb_fcdo:RUS1467"]


def test_ods_reader_agrees_with_odfpy(lists_dir: Path) -> None:
    odf = pytest.importorskip("odf.opendocument")
    from odf import teletype
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    path = lists_dir / ODS
    if not path.exists():
        pytest.skip("FCDO .ods export not in the data folder")
    ours = uk.read_ods_rows(path)
    table = odf.load(str(path)).body.getElementsByType(Table)[0]
    theirs = []
    for row in table.getElementsByType(TableRow):
        cells = [" ".join(" ".join(teletype.extractText(p).split())
                          for p in c.getElementsByType(P)) for c in row.getElementsByType(TableCell)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            theirs.append(cells)
    assert ours == theirs


_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="S">
<table:table-row>{header}</table:table-row>
<table:table-row>{row}</table:table-row>
<table:table-row table:number-rows-repeated="1000"><table:table-cell
 table:number-columns-repeated="16384"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


def _cells(values: list[str]) -> str:
    return "".join(f"<table:table-cell><text:p>{v}</text:p></table:table-cell>" if v else
                   "<table:table-cell/>" for v in values)


def _ods(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "list with spaces.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return path


def test_ods_synthetic(tmp_path: Path) -> None:
    row = ["X0001", "", 'ACME<text:s text:c="2"/>TRADING', "Russia", "Entity", "UK",
           "01-02-2023", "Asset freeze, Travel Ban"]
    path = _ods(tmp_path, _CONTENT.format(header=_cells(list(uk._ODS_COLUMNS)),
                                          row=_cells(row)))
    (e,) = uk.parse(path, "t")
    assert e.caption == "ACME TRADING" and e.listed_on == "2023-02-01"
    assert e.properties["sanctions"] == ["Asset freeze", "Travel Ban"]
    assert "ofsi_group_id" not in e.properties


def test_ods_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ods"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ParseError, match="not an OpenDocument"):
        list(uk.parse(bad, "t"))
    header = _cells(list(uk._ODS_COLUMNS))
    truncated = _CONTENT.format(header=header, row="")[:400]
    with pytest.raises(ParseError, match="malformed content.xml"):
        list(uk.parse(_ods(tmp_path, truncated), "t"))
    with pytest.raises(ParseError, match="missing columns"):
        list(uk.parse(_ods(tmp_path, _CONTENT.format(header=_cells(["Name"]), row="")), "t"))


def test_yaml_bad_input(tmp_path: Path) -> None:
    p = tmp_path / "uk.yaml"
    p.write_text("---\nunique_id: A1\nindividual_entity_ship: Entity\n"
                 "names: {names: [{name6: ACME, name_type: Primary Name}]}\n"
                 "---\nindividual_entity_ship: Entity\n")
    with pytest.raises(ParseError) as err:
        list(uk.parse(p, "t"))
    assert "no unique_id" in err.value.problem and err.value.line == 6
    p.write_text("---\nunique_id: A1\nindividual_entity_ship: Submarine\n")
    with pytest.raises(ParseError, match="unknown type"):
        list(uk.parse(p, "t"))
    p.write_text("---\nunique_id: [A1\n")
    with pytest.raises(ParseError, match="malformed YAML"):
        list(uk.parse(p, "t"))
    with pytest.raises(ParseError, match="expected a .yaml"):
        list(uk.parse(tmp_path / "list.csv", "t"))
