"""OFAC legacy CSV / XML parsers against every OFAC file in shared/data/lists.

Counts come from PROVENANCE.md (sections 2 and 3) and were re-measured on the files.
Parsed sets are cached per module so the suite stays fast.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from tradescreen.model import Entity, Identifier
from tradescreen.sources.base import ParseError
from tradescreen.sources.ofac import (
    find_csv_set,
    parse_any,
    parse_csv_set,
    parse_xml,
    read_rows,
    xml_publish_date,
)
from tradescreen.sources.ofac_remarks import iso_date, parse_dates, parse_remarks

SDN21 = "ofac_sdn/2021-07_watchman_bench"
SDN24 = "ofac_sdn/2024-05-03_jackdwyer_gitscrape/sdn.csv"
SDN25_02 = "ofac_sdn/2025-02_watchman_pkg"
SDN25_12 = "ofac_sdn/2025-12_watchman_tfidf"
CONS = "ofac_consolidated_non_sdn/2025-12_watchman"
XML = "ofac_consolidated_non_sdn/2024-02-24_ammitto_xml/us-govt-data.xml"


def _by_id(entities: list[Entity]) -> dict[str, Entity]:
    out = {e.id: e for e in entities}
    assert len(out) == len(entities), "entity ids must be unique"
    return out


def _names(e: Entity, kind: str | None = None) -> list[str]:
    return [n.value for n in e.names if kind is None or n.kind == kind]


@pytest.fixture(scope="module")
def sdn21(lists_dir: Path) -> dict[str, Entity]:
    return _by_id(list(parse_any(lists_dir / SDN21, "us_ofac_sdn")))


@pytest.fixture(scope="module")
def sdn24(lists_dir: Path) -> dict[str, Entity]:
    return _by_id(list(parse_any(lists_dir / SDN24, "us_ofac_sdn")))


@pytest.fixture(scope="module")
def cons(lists_dir: Path) -> dict[str, Entity]:
    return _by_id(list(parse_any(lists_dir / CONS, "us_ofac_cons")))


@pytest.fixture(scope="module")
def xml(lists_dir: Path) -> dict[str, Entity]:
    return _by_id(list(parse_any(lists_dir / XML, "us_ofac_cons")))


def _by_caption(entities: dict[str, Entity], caption: str) -> Entity:
    hits = [e for e in entities.values() if e.caption == caption]
    assert len(hits) == 1, f"{caption!r}: {len(hits)} hits"
    return hits[0]


# -- 2021 bench: a complete four-file set ------------------------------------------------

def test_2021_bench_counts_and_joins(lists_dir: Path, sdn21: dict[str, Entity]) -> None:
    folder = lists_dir / SDN21
    assert len(sdn21) == 8976
    assert len(read_rows(folder / "add.csv", 6)) == 13837
    alt = read_rows(folder / "alt.csv", 5)
    assert len(alt) == 11910
    assert len(read_rows(folder / "sdn_comments.csv", 2)) == 5
    # every alias row of this edition finds its primary, and lands on it
    alt_ents = {f"us_ofac_sdn:{int(r[0])}" for _, r in alt}
    assert alt_ents <= set(sdn21)
    with_alias = {e.id for e in sdn21.values()
                  if any(n.kind in ("alias", "former") for n in e.names)}
    assert with_alias <= alt_ents
    # the only ones left without: an a.k.a. that repeats the primary name (deduplicated)
    assert alt_ents - with_alias == {"us_ofac_sdn:20125"}
    assert {r[3] for _, r in alt if r[0] == "20125"} == {sdn21["us_ofac_sdn:20125"].caption}
    assert Counter(e.schema for e in sdn21.values()) == {
        "Person": 4620, "Organization": 3673, "Vessel": 406, "Aircraft": 277}


def test_2021_truncated_remarks_are_joined(sdn21: dict[str, Entity]) -> None:
    lazarus = sdn21["us_ofac_sdn:28263"]
    assert lazarus.remarks is not None and len(lazarus.remarks) > 1000
    # the alias was cut in half at the 1000-character boundary: 'snowsjo' + 'hn'
    assert "snowsjohn" in _names(lazarus, "weak_alias")
    assert "LAZARUS GROUP" in [lk.target for lk in lazarus.links]
    big = sdn21["us_ofac_sdn:12300"]
    assert "R D I S.A." in [lk.target for lk in big.links]
    assert not any("remarks_overflow" in e.properties for e in sdn21.values())


# -- 2024 sdn.csv alone --------------------------------------------------------------------

def test_2024_counts(sdn24: dict[str, Entity]) -> None:
    assert len(sdn24) == 14965
    assert Counter(e.schema for e in sdn24.values()) == {
        "Person": 6854, "Vessel": 851, "Aircraft": 376, "Organization": 6884}
    assert all(e.source_url == f"https://sanctionssearch.ofac.treas.gov/Details.aspx?id="
                               f"{e.id.split(':')[1]}" for e in sdn24.values())
    assert all(e.listed_on is None for e in sdn24.values())  # no CMIC rows in the SDN list
    assert all(e.programs for e in sdn24.values())


def test_2024_putin(sdn24: dict[str, Entity]) -> None:
    putin = sdn24["us_ofac_sdn:35096"]
    assert putin.caption == "PUTIN, Vladimir Vladimirovich"  # as printed: LAST, First
    assert putin.schema == "Person"
    assert putin.birth_dates == ["1952-10-07"]
    assert putin.birth_places == ["Leningrad, Russia"]
    assert putin.nationalities == ["RU"]
    assert putin.programs == ["RUSSIA-EO14024"]
    assert putin.properties["gender"] == ["Male"]
    assert putin.properties["title"] == ["President of the Russian Federation"]
    assert not any(i.type == "Gender" for i in putin.identifiers)


def test_2024_person_fields(sdn24: dict[str, Entity]) -> None:
    ghailani = sdn24["us_ofac_sdn:6925"]
    assert ghailani.birth_dates == ["1974-03-14", "1974-04-13", "1974-04-14", "1970-08-01"]
    assert ghailani.birth_places == ["Zanzibar, Tanzania"]
    assert ghailani.nationalities == ["TZ"]  # from "citizen Tanzania"
    # remarks a.k.a.s are OFAC's weak aliases; doubled quotes are unwrapped
    assert _names(ghailani, "weak_alias") == [
        "AHMED, A.", "KHABAR, Abu", "BAKR, Abu", "FOOPIE", "FUPI", "AHMED THE TANZANIAN"]
    libi = sdn24["us_ofac_sdn:7150"]
    assert "'ABD AL-MUHSI" in _names(libi, "weak_alias")  # leading ayn apostrophe kept
    assert Identifier("Passport", "203037", "LY") in libi.identifiers
    maduro = sdn24["us_ofac_sdn:22790"]
    assert maduro.programs == ["VENEZUELA", "IRAN-CON-ARMS-EO"]  # "PROG1] [PROG2"
    assert Identifier("Cedula No.", "5892464", "VE") in maduro.identifiers


def test_2024_vessel_and_aircraft(sdn24: dict[str, Entity]) -> None:
    ebano = sdn24["us_ofac_sdn:4243"]
    assert ebano.schema == "Vessel"
    assert Identifier("IMO", "7406784") in ebano.identifiers
    assert ebano.properties["flag"] == ["PA"]
    assert ebano.properties["vessel_type"] == ["General Cargo"]
    assert ebano.properties["tonnage"] == ["2595"]
    assert ebano.properties["gross_registered_tonnage"] == ["1865"]
    assert _names(ebano, "weak_alias") == ["ANA I", "SAND SWAN"]  # f.k.a. in remarks
    mar_azul = sdn24["us_ofac_sdn:4238"]
    assert mar_azul.properties["call_sign"] == ["CL2192"]
    assert mar_azul.properties["owner"] == ["Samir de Navegacion S.A."]
    imo_vessels = sum(1 for e in sdn24.values() if e.schema == "Vessel"
                      and any(i.type == "IMO" for i in e.identifiers))
    assert imo_vessels >= 840
    plane = sdn24["us_ofac_sdn:15431"]
    assert plane.schema == "Aircraft"
    assert Identifier("Aircraft Manufacturer's Serial Number (MSN)", "1023409321") \
        in plane.identifiers
    assert plane.properties["aircraft_model"] == ["IL76-TD"]
    [link] = plane.links
    assert (link.relation, link.target, link.target_id) == \
        ("linked_to", "POUYA AIR", "us_ofac_sdn:13109")


def test_2024_links_resolve_within_the_list(sdn24: dict[str, Entity]) -> None:
    links = [lk for e in sdn24.values() for lk in e.links]
    assert len(links) > 6000
    resolved = sum(1 for lk in links if lk.target_id)
    assert resolved / len(links) > 0.99
    # the remark's closing full stop is not part of the name ...
    assert not any(lk.target.endswith(".") and lk.target_id is None for lk in links)
    # ... but a name that ends in "CO." keeps it
    assert any(lk.target.endswith("CO.") and lk.target_id for lk in links)


# -- 2025 add/alt/comments without their sdn.csv ----------------------------------------

@pytest.mark.parametrize("folder", [SDN25_02, SDN25_12])
def test_2025_sets_without_primary_raise(lists_dir: Path, folder: str) -> None:
    with pytest.raises(ParseError, match=r"no primary file \(sdn.csv or cons_prim.csv\)") as exc:
        list(parse_any(lists_dir / folder, "us_ofac_sdn"))
    assert "alt.csv" in str(exc.value) and folder in str(exc.value)
    with pytest.raises(ParseError, match="no primary file"):
        parse_any(lists_dir / folder / "alt.csv", "us_ofac_sdn")


@pytest.mark.parametrize(
    ("folder", "alt_rows", "alt_joined", "add_rows", "add_joined", "kept_apart"), [
        (SDN25_02, 19486, 18018, 22641, 20167, {"34682"}),
        (SDN25_12, 20107, 17647, 24244, 19351, {"22985", "34682", "34741", "35163", "36025"}),
    ])
def test_2025_joined_to_2024_sdn(lists_dir: Path, tmp_path: Path, folder: str, alt_rows: int,
                                 alt_joined: int, add_rows: int, add_joined: int,
                                 kept_apart: set[str]) -> None:
    (tmp_path / "sdn.csv").symlink_to(lists_dir / SDN24)
    for name in ("add.csv", "alt.csv", "sdn_comments.csv"):
        (tmp_path / name).symlink_to(lists_dir / folder / name)
    started = time.process_time()  # CPU time: robust to other load on the machine
    ents = _by_id(list(parse_any(tmp_path, "us_ofac_sdn")))
    elapsed = time.process_time() - started
    assert elapsed < 3.0, f"2024 sdn.csv + {folder} add/alt took {elapsed:.2f}s"
    assert len(ents) == 14965
    alt = read_rows(tmp_path / "alt.csv", 5)
    add = read_rows(tmp_path / "add.csv", 6)
    assert (len(alt), len(add)) == (alt_rows, add_rows)
    # ent_nums designated after 2024-05-03 have no primary row: those rows are skipped
    assert sum(1 for _, r in alt if f"us_ofac_sdn:{int(r[0])}" in ents) == alt_joined
    assert sum(1 for _, r in add if f"us_ofac_sdn:{int(r[0])}" in ents) == add_joined
    putin = ents["us_ofac_sdn:35096"]
    assert _names(putin) == ["PUTIN, Vladimir Vladimirovich", "PUTIN, Vladimir"]
    assert putin.names[1].kind == "alias"
    assert "Kremlin, Moscow, Russia" in putin.addresses
    assert len(putin.addresses) == 4 and putin.countries == ["RU"]
    assert putin.birth_dates == ["1952-10-07"]
    # a 2025 continuation beside an untruncated 2024 remark is kept apart, not glued on
    apart = {e.id.split(":")[1] for e in ents.values() if "remarks_overflow" in e.properties}
    assert apart == kept_apart
    assert all(len(ents[f"us_ofac_sdn:{n}"].remarks or "") < 1000 for n in apart)


# -- consolidated (non-SDN) CSV ---------------------------------------------------------

def test_consolidated_csv(lists_dir: Path, cons: dict[str, Entity]) -> None:
    assert len(cons) == 442
    programs = Counter(p for e in cons.values() for p in e.programs)
    assert programs["CMIC-EO13959"] == 68
    cmic = [e for e in cons.values() if "CMIC-EO13959" in e.programs]
    assert all(e.listed_on for e in cmic)
    assert all(e.listed_on is None for e in cons.values() if e not in cmic)
    folder = lists_dir / CONS
    assert (len(read_rows(folder / "cons_add.csv", 6)), len(read_rows(folder / "cons_alt.csv", 5)),
            len(read_rows(folder / "cons_comments.csv", 2))) == (574, 1073, 10)
    assert Counter(e.schema for e in cons.values()) == {"Organization": 363, "Person": 79}


def test_consolidated_hikvision_and_dji(cons: dict[str, Entity]) -> None:
    hik = _by_caption(cons, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.")
    assert hik.id == "us_ofac_cons:30946"
    assert Identifier("Unified Social Credit Code (USCC)", "91330000733796106P", "CN") \
        in hik.identifiers
    assert hik.listed_on == "2021-06-03"
    assert hik.properties["effective_date"] == ["2021-08-02 (CMIC)"]
    assert _names(hik, "alias") == ["HIKVISION", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY"]
    assert hik.addresses == ["555, Qianmo Road, Binjiang District, Hangzhou 310051, China"]
    assert hik.countries == ["CN"]
    dji = _by_caption(cons, "SZ DJI TECHNOLOGY CO., LTD.")
    assert dji.programs == ["CMIC-EO13959"]
    assert dji.listed_on == "2021-12-16"
    assert Identifier("Unified Social Credit Code (USCC)", "914403007954257495", "CN") \
        in dji.identifiers


def test_consolidated_comments_join(cons: dict[str, Entity]) -> None:
    # the cut falls just before a space ("...369E " + "(China); a.k.a. 'CCCC'.")
    cccc = cons["us_ofac_cons:30930"]
    assert "CCCC" in _names(cccc, "weak_alias")
    assert Identifier("Unified Social Credit Code (USCC)", "91110000710934369E", "CN") \
        in cccc.identifiers
    assert "RUSAG" in _names(cons["us_ofac_cons:17014"], "weak_alias")
    assert not any("remarks_overflow" in e.properties for e in cons.values())


def test_single_csv_finds_its_siblings(lists_dir: Path, cons: dict[str, Entity]) -> None:
    single = _by_id(list(parse_any(lists_dir / CONS / "cons_prim.csv", "us_ofac_cons")))
    assert single == cons
    prim, add, alt, comments = find_csv_set(lists_dir / CONS)
    assert (prim.name, add and add.name, alt and alt.name, comments and comments.name) == (
        "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")


# -- consolidated XML -------------------------------------------------------------------

def test_xml_counts(lists_dir: Path, xml: dict[str, Entity]) -> None:
    assert len(xml) == 444
    assert xml_publish_date(lists_dir / XML) == "2024-02-23"
    assert Counter(e.schema for e in xml.values()) == {"Organization": 365, "Person": 79}
    kinds = Counter(n.kind for e in xml.values() for n in e.names)
    assert kinds["weak_alias"] == 66 and kinds["former"] == 141
    assert sum(1 for e in xml.values() if "CMIC-EO13959" in e.programs) == 68
    assert sum(1 for e in xml.values() if e.listed_on) == 68
    # a folder holding only the XML dispatches to it
    assert len(list(parse_any((lists_dir / XML).parent, "us_ofac_cons"))) == 444


def test_xml_records(xml: dict[str, Entity], cons: dict[str, Entity]) -> None:
    hik = xml["us_ofac_cons:30946"]
    assert hik.caption == "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."
    assert hik.listed_on == "2021-06-03"  # idType "Listing Date (CMIC)"
    # the XML and the CSV paths read the same record the same way
    csv_hik = cons["us_ofac_cons:30946"]
    assert set(hik.identifiers) == set(csv_hik.identifiers)
    assert hik.addresses == csv_hik.addresses
    assert hik.properties == csv_hik.properties
    zahhar = xml["us_ofac_cons:9647"]
    assert zahhar.caption == "ZAHHAR, Mahmoud Khaled"  # lastName, firstName
    assert _names(zahhar, "alias") == ["AL ZAHAR, Mahmoud Khaled"]
    assert _names(zahhar, "weak_alias") == ["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"]
    assert zahhar.birth_dates == ["1945"] and zahhar.birth_places == ["Gaza Strip"]
    assert zahhar.nationalities == ["PS"]
    assert zahhar.properties["gender"] == ["Male"]
    assert [lk.target for lk in zahhar.links] == ["HAMAS"]  # "(Linked To: HAMAS)"
    # the CSV of the same person carries the weak aliases in Remarks instead
    assert _names(cons["us_ofac_cons:9647"], "weak_alias") == _names(zahhar, "weak_alias")


# -- bad input ----------------------------------------------------------------------------

GOOD = b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
ROW2 = b'173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


def _sdn(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "sdn.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "line", "problem"), [
    (b"", 1, "file is empty"),
    (b"\x1a", 1, "file is empty"),
    (GOOD + b'173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n\x1a', 2, "expected 12 columns"),
    (GOOD + b'173,"ANGLO-CARIB', 2, "unexpected end of data"),
    (GOOD + ROW2.replace(b"ANGLO", b"ANG\x81LO") + b"\x1a", 2, "not valid UTF-8 or cp1252"),
    (GOOD + ROW2.replace(b"173", b"17x") + b"\x1a", 2, "ent_num '17x' is not a number"),
    (GOOD + GOOD + b"\x1a", 2, "ent_num 36 repeated"),
    (GOOD + b"\x1a" + ROW2, 2, "0x1A before the end"),
    (GOOD + ROW2.replace(b'-0- ,"CUBA"', b'"ship","CUBA"') + b"\x1a", 2, "unknown SDN_Type"),
])
def test_bad_csv_raises_with_file_and_line(tmp_path: Path, data: bytes, line: int,
                                           problem: str) -> None:
    path = _sdn(tmp_path, data)
    with pytest.raises(ParseError) as exc:
        list(parse_any(path, "t"))
    assert exc.value.path == str(path) and exc.value.line == line
    assert f"{path}, line {line}: " in str(exc.value) and problem in str(exc.value)


def test_bad_sibling_file_raises_naming_it(tmp_path: Path) -> None:
    _sdn(tmp_path, GOOD + ROW2 + b"\x1a")
    (tmp_path / "alt.csv").write_bytes(b'36,12,"aka","AERO-CARIBBEAN",-0- \r\n36,13,"aka"\r\n\x1a')
    with pytest.raises(ParseError, match=r"alt\.csv, line 2: expected 5 columns"):
        list(parse_any(tmp_path, "t"))


def test_clean_input_quirks(tmp_path: Path) -> None:
    """cp1252 bytes decode (no silent drop), 0x1A is stripped, -0- is null."""
    path = _sdn(tmp_path, GOOD + ROW2.replace(b"ANGLO", b"ANGL\xc9") + b"\x1a")
    (tmp_path / "sdn_comments.csv").write_bytes(b'36,"x"\r\n\x1a')  # fits no cut remark
    ents = list(parse_csv_set(path, None, None, tmp_path / "sdn_comments.csv", "t"))
    assert [e.caption for e in ents] == ["AEROCARIBBEAN AIRLINES", "ANGL\u00c9-CARIBBEAN CO., LTD."]
    assert ents[0].schema == "Organization" and ents[0].remarks is None
    assert ents[0].properties == {"remarks_overflow": ["x"]}


@pytest.mark.parametrize(("data", "line", "problem"), [
    (b"", 1, "file is empty"),
    (b'<sdnList xmlns="http://tempuri.org/sdnList.xsd">\r\n<sdnEntry>\r\n<uid>1</uid>\r\n'
     b"</sdnList>", 4, "invalid XML: mismatched tag"),
    (b"<foo/>", 1, "not an OFAC sdnList XML"),
    (b'<sdnList xmlns="http://tempuri.org/sdnList.xsd">\n<sdnEntry><uid>1</uid><lastName>A'
     b"</lastName><sdnType>Entity</sdnType></sdnEntry>\n<sdnEntry><lastName>B</lastName>"
     b"</sdnEntry></sdnList>", 3, "without a numeric uid"),
])
def test_bad_xml_raises_with_file_and_line(tmp_path: Path, data: bytes, line: int,
                                           problem: str) -> None:
    path = tmp_path / "list.xml"
    path.write_bytes(data)
    with pytest.raises(ParseError) as exc:
        list(parse_xml(path, "t"))
    assert exc.value.line == line and str(path) in str(exc.value)
    assert problem in str(exc.value)


def test_xml_entity_expansion_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">'
                     b'<!ENTITY b "&a;&a;">]><sdnList>&b;</sdnList>')
    with pytest.raises(ParseError, match="unsafe XML"):
        list(parse_any(path, "t"))


def test_folder_dispatch_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no OFAC legacy CSV files"):
        parse_any(tmp_path, "t")
    (tmp_path / "sdn.csv").write_bytes(GOOD)
    (tmp_path / "cons_prim.csv").write_bytes(GOOD)
    with pytest.raises(ParseError, match="both sdn.csv and cons_prim.csv"):
        parse_any(tmp_path, "t")
    (tmp_path / "sdn.txt").write_text("x")
    with pytest.raises(ParseError, match="not an OFAC legacy file"):
        parse_any(tmp_path / "sdn.txt", "t")


# -- remarks --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "dates"), [
    ("01 Jan 1962", ["1962-01-01"]),
    ("1962", ["1962"]),
    ("1962.", ["1962"]),
    ("Mar 1945", ["1945-03"]),
    ("circa 1962", ["1962"]),
    ("circa 01 Jul 1962", ["1962"]),
    ("1960 to 1962", ["1960", "1961", "1962"]),
    ("01 Jan 1960 to 31 Dec 1961", ["1960", "1961"]),
    ("circa 1979-1981", ["1979", "1980", "1981"]),
    ("31 Feb 1962", []),
    ("unknown", []),
])
def test_parse_dates(text: str, dates: list[str]) -> None:
    assert parse_dates(text) == dates


def test_iso_date_forms() -> None:
    assert iso_date("02/23/2024") == "2024-02-23"  # XML Publish_Date
    assert iso_date("13/23/2024") is None


def test_parse_remarks_fields() -> None:
    r = parse_remarks(
        "DOB 1962; alt. DOB circa 1965; POB Pyongyang, North Korea; nationality Korea, North; "
        "alt. citizen Russia; Passport E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992; "
        "Registration Number HRA 738077 (Stuttgart) (Germany); Tax ID No. 7707083893 (Russia); "
        "National ID No. 216040 (Yemen); MMSI 572469210; SWIFT/BIC HAVIGB2L; "
        "Website www.example.com; Email Address a@b.example; Telephone (98)(21)(66153220); "
        "Organization Established Date 12 May 1999; Gender Female; "
        "Additional Sanctions Information - Subject to Secondary Sanctions; "
        "Listing Date (CMIC) 03 Jun 2021; Listing Date (EO 14024 Directive 2): 24 Feb 2022; "
        "Unified Social Credit Code (USCC) 91330000733796106P (China); "
        "Kenyan ID No. 12773667; Member of the Basque Fatherland; "
        "a.k.a. 'KIM'; Linked To: KOREA MINING DEVELOPMENT TRADING CORPORATION.")
    assert r.birth_dates == ["1962", "1965"]
    assert r.birth_places == ["Pyongyang, North Korea"]
    assert r.nationalities == ["KP", "RU"]
    ids = set(r.identifiers)
    assert {
        Identifier("Passport", "E590976", "TN"),
        Identifier("Registration Number", "HRA 738077 (Stuttgart)", "DE"),
        Identifier("Tax ID No.", "7707083893", "RU"),
        Identifier("National ID No.", "216040", "YE"),
        Identifier("MMSI", "572469210"),
        Identifier("SWIFT/BIC", "HAVIGB2L"),
        Identifier("Website", "www.example.com"),
        Identifier("Email Address", "a@b.example"),
        Identifier("Telephone", "(98)(21)(66153220)"),
        Identifier("Unified Social Credit Code (USCC)", "91330000733796106P", "CN"),
        Identifier("Kenyan ID No.", "12773667"),
    } == ids
    assert r.listed_on == "2021-06-03"
    assert r.properties["organization_established_date"] == ["1999-05-12"]
    assert r.properties["gender"] == ["Female"]
    assert r.properties["additional_sanctions_information"] == ["Subject to Secondary Sanctions"]
    assert r.properties["listing_date"] == ["2022-02-24 (EO 14024 Directive 2)"]
    assert r.properties["other"] == ["Member of the Basque Fatherland"]
    assert [(n.value, n.kind) for n in r.names] == [("KIM", "weak_alias")]
    assert [lk.target for lk in r.links] == ["KOREA MINING DEVELOPMENT TRADING CORPORATION"]


@pytest.mark.parametrize("text", [
    None, "", ";", ";;;", "DOB", "DOB ; POB", "a.k.a.", "a.k.a. ''", "Linked To:",
    "Passport", "Passport ()", "Passport (", "Listing Date (CMIC)", "DOB 99 Foo 1234 to",
    "(((", "Registration Number (Germany)", "\x00\x1a\ufeff", "alt. alt. alt.",
])
def test_malformed_remarks_never_crash(text: str | None) -> None:
    r = parse_remarks(text)
    assert r.listed_on is None or r.listed_on[:4].isdigit()


def test_remarks_fuzz_never_crash() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=200, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from([
        "DOB", "POB", "alt.", "a.k.a.", "Linked To:", "Passport", "(", ")", "'", ";", ".",
        "01 Jan 1962", "to", "circa", "(China)", "Listing Date (CMIC)", "x", " ",
    ]), max_size=20))
    def check(parts: list[str]) -> None:
        parse_remarks(" ".join(parts))

    check()
