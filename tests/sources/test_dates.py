"""Date and Federal Register citation parsing shared by the US list parsers."""

from __future__ import annotations

import pytest

from tradescreen.sources.dates import citation_list, earliest, fr_citations, fr_year, iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/22/20", "2020-12-22"),
        ("9/17/81", "1981-09-17"),
        ("06/19/2003", "2003-06-19"),
        ("03 Jun 2021", "2021-06-03"),
        ("June 21, 2022", "2022-06-21"),
        ("Sept 5, 2020", "2020-09-05"),
        ("2021-08-02", "2021-08-02"),
        ("2019-11-06T00:00:00", "2019-11-06"),
        ("1962", "1962"),
        ("November, 1975", "1975-11"),
        ("March,, 1965", "1965-03"),
        (" 12/22/20. ", "2020-12-22"),
        ("2/30/2020", None),
        ("13/01/2020", None),
        ("Press release", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(text: str | None, expected: str | None) -> None:
    assert iso_date(text) == expected


def test_two_digit_year_follows_context() -> None:
    assert iso_date("5/3/45") == "1945-05-03"  # after the pivot: 19xx
    assert iso_date("5/3/30") == "2030-05-03"
    assert iso_date("5/3/30", near_year=1935 + 95) == "2030-05-03"
    assert iso_date("5/3/30", near_year=1940) == "1930-05-03"
    assert fr_year(85) == 2020


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "85 FR 83420, 12/22/20.\n86 FR 29193, 6/1/21",
            [("85 FR 83420, 12/22/20", "2020-12-22"), ("86 FR 29193, 6/1/21", "2021-06-01")],
        ),
        ("77 FR 23116\n4/18/12", [("77 FR 23116 4/18/12", "2012-04-18")]),
        ("81 FR 61601 preview citation details, 9/7/16", [("81 FR 61601, 9/7/16", "2016-09-07")]),
        (
            "85 FR 30783 (corrected by 85 FR 39967, 2020-07-02)",
            [("85 FR 30783", None), ("85 FR 39967, 2020-07-02", "2020-07-02")],
        ),
        ("91 FR 35189 (June 10, 2026)", [("91 FR 35189 (June 10, 2026)", "2026-06-10")]),
        (
            "46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81",
            [("46 F.R. 46154 9/17/81", "1981-09-17"), ("46 F.R. 19290 3/30/81", "1981-03-30")],
        ),
        ("81.F.R. 22576 4/18/2016", [("81.F.R. 22576 4/18/2016", "2016-04-18")]),
        (
            "Vol. 86, No. 51, 03/18/21, Federal Register",
            [("Vol. 86, No. 51, 03/18/21, Federal Register", "2021-03-18")],
        ),
        (
            "Volume 59, No. 244; 12/21/94, Federal Register",
            [("Volume 59, No. 244; 12/21/94, Federal Register", "1994-12-21")],
        ),
        ("Vol. 57, No. 130, P29924, 07/07/92", [("Vol. 57, No. 130, P29924, 07/07/92", "1992-07-07")]),
        ("67 FR 10033\xa0", [("67 FR 10033", None)]),
        ("", []),
        ("Press release", []),
    ],
)
def test_fr_citations(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert fr_citations(text) == expected


def test_a_date_that_contradicts_the_fr_volume_is_dropped() -> None:
    # 87 FR is 2022: "8/29/2002" is a typo in the DPL, and must not become listed_on.
    assert fr_citations("87 F.R. 52740 8/29/2002") == [("87 F.R. 52740 8/29/2002", None)]


def test_citation_list_keeps_unparsed_text() -> None:
    assert citation_list("Press release") == (["Press release"], [], None)
    cites, dates, raw = citation_list("67 F.R. 10890 3/11/02, NEW F.R. NOTICE TO BE PUBLISHED SOON")
    assert cites == ["67 F.R. 10890 3/11/02"] and dates == ["2002-03-11"]
    assert raw == "67 F.R. 10890 3/11/02, NEW F.R. NOTICE TO BE PUBLISHED SOON"
    assert citation_list("90 FR 40458\ufffd") == (["90 FR 40458"], [None], None)
    assert citation_list(None) == ([], [], None)


def test_earliest() -> None:
    assert earliest(["2021-06-03", None, "2020-12-22", "2021"]) == "2020-12-22"
    assert earliest([None]) is None
