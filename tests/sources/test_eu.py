"""EU FSF derived YAML: counts, speed, a multilingual entity, and bad input."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from tradescreen.model import Entity
from tradescreen.sources import eu
from tradescreen.sources.base import ParseError

EU_DIR = "eu_fsf_consolidated/2026-05-01_ammitto_yaml"


@pytest.fixture(scope="module")
def eu_parsed(lists_dir: Path) -> tuple[dict[str, Entity], float]:
    start = time.perf_counter()
    entities = list(eu.parse(lists_dir / EU_DIR / "eu_processed_combined.yaml", "eu_fsf"))
    return {e.id: e for e in entities}, time.perf_counter() - start


def test_counts_speed_and_index(eu_parsed: tuple[dict[str, Entity], float],
                                lists_dir: Path) -> None:
    entities, seconds = eu_parsed
    assert len(entities) == 5860
    assert Counter(e.schema for e in entities.values()) == {"Person": 4341,
                                                            "Organization": 1519}
    assert seconds < 15, f"EU YAML took {seconds:.1f}s"  # ~4-5 s with libyaml
    info = eu.index_info(lists_dir / EU_DIR / "eu_processed_combined.yaml")
    assert info["count"] == 6002 and info["fetched_at"] == "2026-05-01T08:25:35Z"
    assert eu.index_info(lists_dir / EU_DIR) == info
    assert all(e.names[0].kind == "primary" for e in entities.values())
    assert all(e.listed_on and e.programs and e.citations for e in entities.values())


def test_multilingual_entity_with_oj_citation(
        eu_parsed: tuple[dict[str, Entity], float]) -> None:
    e = eu_parsed[0]["eu_fsf:EU.6262.38"]
    assert e.schema == "Organization"
    assert e.caption == "Xinjiang Production and Construction Corps Public Security Bureau"
    by_value = {n.value: n for n in e.names}
    assert by_value["新疆生产建设兵团公安局"].kind == "original_script"
    assert by_value["新疆生产建设兵团公安局"].lang == "zh"
    fr = by_value["Bureau de sécurité publique du Corps de production et de construction du "
                  "Xinjiang"]
    assert (fr.kind, fr.lang) == ("alias", "fr")
    assert len({n.lang for n in e.names}) >= 15
    assert e.programs == ["HR"]
    assert e.citations[0].startswith("2021/478 (OJ L99I) https://eur-lex.europa.eu/")
    assert e.listed_on == "2021-03-22"
    assert e.countries == ["CN"]
    assert e.addresses[0].startswith("106 Guangming Road, Urumqi")


def test_person_listed_on_is_earliest_publication(
        eu_parsed: tuple[dict[str, Entity], float]) -> None:
    e = eu_parsed[0]["eu_fsf:EU.1001.60"]
    assert e.schema == "Person"
    assert e.listed_on == "2003-09-13"  # an alias's regulation, older than the entity's 2019
    assert len(e.citations) == 3
    assert e.birth_dates == ["1962-09-03"]
    assert e.birth_places == ["Makassar, INDONESIA"]
    assert e.nationalities == ["ID"]
    assert "Yassin Syawal" in e.all_names()


def test_identifiers_and_russian_script(eu_parsed: tuple[dict[str, Entity], float]) -> None:
    e = eu_parsed[0]["eu_fsf:EU.10960.26"]
    assert e.caption == "Federal State Enterprise Anozit"
    assert {(i.type, i.value, i.country) for i in e.identifiers} == {
        ("registration", "1065471010340", "RU"), ("tax", "5452112527", "RU")}
    assert any(n.kind == "original_script" and n.lang == "ru" for n in e.names)
    assert any(n.lang == "bg" and n.kind == "alias" for n in e.names)  # EU language


_DOC = """# source-file: processed/eu-1.yaml
---
eu_reference_number: EU.1.1
logical_id: '1'
subject_type: {code: person}
regulations:
- {programme: TST, publication_date: '2020-01-02', number_title: 2020/1 (OJ L1)}
name_aliases:
- {whole_name: Jane Roe, strong: true, regulation_language: en}
- {whole_name: J. Roe, strong: false, regulation_language: en}
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "eu.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_minimal_and_weak_alias(tmp_path: Path) -> None:
    (e,) = eu.parse(_write(tmp_path, _DOC), "t")
    assert e.id == "t:EU.1.1" and e.listed_on == "2020-01-02"
    assert [(n.value, n.kind) for n in e.names] == [("Jane Roe", "primary"),
                                                    ("J. Roe", "weak_alias")]


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="empty"):
        list(eu.parse(_write(tmp_path, ""), "t"))


def test_malformed_yaml_names_line(tmp_path: Path) -> None:
    bad = _DOC + "# source-file: processed/eu-2.yaml\n---\nname_aliases: [unclosed\n"
    gen = eu.parse(_write(tmp_path, bad), "t")
    with pytest.raises(ParseError) as err:
        next(gen)  # the good first document is not yielded on its own
    assert err.value.line in (13, 14)  # libyaml marks where it gave up: the end of file


def test_document_without_id(tmp_path: Path) -> None:
    bad = _DOC + _DOC.replace("eu-1", "eu-2").replace("eu_reference_number: EU.1.1\n", "") \
        .replace("logical_id: '1'\n", "")
    with pytest.raises(ParseError) as err:
        list(eu.parse(_write(tmp_path, bad), "t"))
    assert err.value.line == 13  # first line of the second document
    assert "processed/eu-2.yaml" in err.value.problem


def test_duplicate_and_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="duplicate"):
        list(eu.parse(_write(tmp_path, _DOC + _DOC), "t"))
    with pytest.raises(ParseError, match="not a mapping"):
        list(eu.parse(_write(tmp_path, "---\n- a\n- b\n"), "t"))


def test_index_info_absent(tmp_path: Path) -> None:
    assert eu.index_info(_write(tmp_path, _DOC)) == {}
