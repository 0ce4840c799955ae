"""UN SC consolidated XML: counts, a fully described person, and bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tradescreen.model import Entity
from tradescreen.sources import un
from tradescreen.sources.base import ParseError

UN_XML = "un_sc_consolidated/2026-02_watchman/UN_consolidated.xml"


@pytest.fixture(scope="module")
def un_entities(lists_dir: Path) -> dict[str, Entity]:
    return {e.id: e for e in un.parse(lists_dir / UN_XML, "un_sc")}


def test_counts_and_as_of(un_entities: dict[str, Entity], lists_dir: Path) -> None:
    assert Counter(e.schema for e in un_entities.values()) == {"Person": 730,
                                                                "Organization": 273}
    assert un.date_generated(lists_dir / UN_XML) == "2026-02-27T00:00:09.554Z"
    assert all(e.names and e.names[0].kind == "primary" for e in un_entities.values())
    assert all(e.listed_on and e.source_url for e in un_entities.values())


def test_person_with_dob_pob_nationality_passport_script(
        un_entities: dict[str, Entity]) -> None:
    e = un_entities["un_sc:QDi.363"]
    assert e.caption == "MAGHOMED MAGHOMEDZAKIROVICH ABDURAKHMANOV"
    kinds = {n.value: n.kind for n in e.names}
    assert kinds["Абдурахманов Магомед Магомедзакирович"] == "original_script"
    assert kinds["Abu Banat"] == "weak_alias"  # QUALITY Low
    assert kinds["Абу Банат"] == "weak_alias"  # from the alias NOTE "original script: ..."
    assert e.birth_dates == ["1974-11-24"]
    assert e.birth_places == [
        "Khadzhalmahi Village, Levashinskiy District, Republic of Dagestan, Russian Federation"]
    assert e.nationalities == ["RU"]
    ids = {(i.type, i.value, i.country) for i in e.identifiers}
    # NUMBER printed as prose: "Russian foreign travel passport number 515458008"
    assert ("passport", "515458008", None) in ids
    assert ("passport", "8200203535", "RU") in ids
    assert ("un_ref", "QDi.363", None) in ids
    assert e.programs == ["Al-Qaida", "QDi.363"]
    assert e.listed_on == "2015-10-02"
    assert e.addresses == ["Turkey", "Syrian Arab Republic"]


def test_saddam_hussein(un_entities: dict[str, Entity]) -> None:
    e = un_entities["un_sc:IQi.001"]
    assert [n.value for n in e.names] == ["SADDAM HUSSEIN AL-TIKRITI", "Abu Ali",
                                          "صدام حسين التكريتي"]
    assert e.birth_dates == ["1937-04-28"]
    assert e.birth_places == ["al-Awja, near Tikrit, Iraq"]


def test_date_forms(un_entities: dict[str, Entity]) -> None:
    assert un_entities["un_sc:CDi.001"].birth_dates == ["1971"]  # EXACT, YEAR only
    assert un_entities["un_sc:CDi.004"].birth_dates == ["1973-11"]  # NOTE "Nov. 1973"
    assert un_entities["un_sc:QDi.306"].birth_dates[:2] == ["1977-08", "1977-09"]
    assert un_entities["un_sc:QDi.395"].birth_dates == ["1958-09"]  # YEAR + NOTE "Sep."
    assert "1982-04-19" in un_entities["un_sc:QDi.291"].birth_dates  # 24/06/1402 Hijri
    assert un_entities["un_sc:CDi.030"].birth_dates == ["1973", "1974"]  # BETWEEN: both years
    assert un_entities["un_sc:LYi.022"].birth_dates == []  # "30-35 years old"


def test_entity_aliases(un_entities: dict[str, Entity]) -> None:
    adf = un_entities["un_sc:CDe.001"]
    kinds = {n.value: n.kind for n in adf.names}
    assert kinds["ADF"] == "primary"
    assert kinds["Allied Democratic Forces"] == "alias"  # a.k.a.
    assert kinds["NALU"] == "former"  # f.k.a.
    two = [e for e in un_entities.values() if e.caption.startswith("COMPAGNIE AERIENNE")]
    assert [n.value for n in two[0].names[:2]] == [
        "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)", "GREAT LAKES BUSINESS COMPANY (GLBC)"]
    packed = [n.value for e in un_entities.values() for n in e.names]
    assert "Qasem Sulaimani" in packed and not any(";" in v for v in packed)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "un.xml"
    p.write_text(text, encoding="utf-8")
    return p


_GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS><INDIVIDUAL>
    <DATAID>1</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>
    <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER>
    <LISTED_ON>2020-01-01</LISTED_ON>
  </INDIVIDUAL></INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""


def test_minimal_file(tmp_path: Path) -> None:
    (e,) = un.parse(_write(tmp_path, _GOOD), "t")
    assert e.id == "t:TSi.001" and e.caption == "JOHN DOE"


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="empty"):
        list(un.parse(_write(tmp_path, "  \n"), "t"))


def test_truncated_file_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, _GOOD[: _GOOD.index("</INDIVIDUAL>")])
    gen = un.parse(path, "t")
    with pytest.raises(ParseError) as err:
        next(gen)  # nothing is yielded before the whole file is read
    assert err.value.line is not None and str(path) in str(err.value)


def test_wrong_root_and_missing_id(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="root element"):
        list(un.parse(_write(tmp_path, "<sdnList/>"), "t"))
    no_id = _GOOD.replace("<DATAID>1</DATAID>", "").replace(
        "<REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER>", "")
    with pytest.raises(ParseError, match="no REFERENCE_NUMBER"):
        list(un.parse(_write(tmp_path, no_id), "t"))


def test_entity_expansion_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            "<CONSOLIDATED_LIST>&a;</CONSOLIDATED_LIST>")
    with pytest.raises(ParseError, match="unsafe"):
        list(un.parse(_write(tmp_path, bomb), "t"))
