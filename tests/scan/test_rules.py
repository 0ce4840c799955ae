"""What is and is not a mention: names in every form, and the traps around them."""

from __future__ import annotations

import pytest

from tradescreen.scan import mentions as scan_mod
from tradescreen.scan.mentions import scan_text
from tradescreen.screen import Screener


def texts(screener: Screener, text: str) -> list[str]:
    result = scan_text(screener, text)
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    return [m.text for m in result.mentions]


@pytest.mark.parametrize("trap", [
    "Hong Kong", "Zhejiang", "Technology", "Department of Commerce", "Commerce Department",
    "Entity List", "United States", "Beijing", "Digital Technology", "Washington",
    "Shenzhen", "Moscow", "Fudan University", "Delta Air Lines", "John Smith",
    "the Federal Register", "the People's Liberation Army", "the Chinese Communist Party",
    "General Trading", "Rose", "Register", "Spring", "Putin", "Vladimir",
])
def test_traps_alone(screener: Screener, trap: str) -> None:
    assert texts(screener, f"Officials said {trap} would respond on Monday.") == []
    assert texts(screener, f"{trap} would respond.") == []


@pytest.mark.parametrize("text, expected", [
    ("The rule names Huawei Technologies and others.", ["Huawei Technologies"]),
    ("Drone maker DJI said it was disappointed.", ["DJI"]),
    ("Hikvision Digital Technology shares fell.", ["Hikvision Digital Technology"]),
    ("Russian President Vladimir Putin spoke.", ["Vladimir Putin"]),
    ("The list names him as PUTIN Vladimir.", ["PUTIN Vladimir"]),
    ("Kim Jong Un met Bashar al-Assad.", ["Kim Jong Un", "Bashar al-Assad"]),
    ("Tencent and Alibaba shares rose; Baidu fell.", ["Tencent", "Alibaba", "Baidu"]),
    ("Semiconductor Manufacturing International Corp. (SMIC) said so.",
     ["Semiconductor Manufacturing International Corp.", "SMIC"]),
    ("China's Huawei said. Huawei's Ren Zhengfei spoke. Meanwhile Huawei said.",
     ["Huawei", "Huawei", "Huawei"]),
    ("Shares in Sberbank and Gazprom fell, while Rosneft rose.",
     ["Sberbank", "Gazprom", "Rosneft"]),
])
def test_names(screener: Screener, text: str, expected: list[str]) -> None:
    assert texts(screener, text) == expected


def test_lower_case_brand_but_never_a_generic_word(screener: Screener) -> None:
    assert texts(screener, "the supplier said huawei had ordered parts, and technology "
                           "stocks fell") == ["huawei"]
    assert texts(screener, "technology and digital technology and science") == []


def test_han_inside_a_sentence(screener: Screener) -> None:
    text = "据报道，华为技术有限公司今天在深圳发布了新产品，海康威视和大疆也出席了。"
    assert texts(screener, text) == ["华为技术有限公司", "海康威视", "大疆"]
    assert texts(screener, "北京、香港、浙江和美国商务部的实体清单。科技公司。") == []


def test_traditional_han(screener: Screener) -> None:
    assert texts(screener, "美國商務部將華為技術有限公司列入實體清單。") == ["華為技術有限公司"]


def test_addresses_are_not_mentions(screener: Screener) -> None:
    assert texts(screener, "Ship to: No. 88 Hikvision Road, Hangzhou.") == []
    assert texts(screener, "地址：深圳市龙岗区坂田华为基地。") == []


def test_bare_acronym_needs_a_fuller_name(screener: Screener) -> None:
    assert texts(screener, "AMD shares rose with Nvidia.") == []
    assert texts(screener, "Aran Modern Devices (AMD) was named. Later AMD said nothing.") == [
        "Aran Modern Devices", "AMD", "AMD"]


def test_best_entry_per_mention_and_all_in_entities(screener: Screener) -> None:
    result = scan_text(screener, "Hikvision. " * 5)
    assert len(result.mentions) == 5
    ids = {m.match.entity.id for m in result.mentions}
    assert len(ids) == 1  # one entry per mention, chosen the same way each time
    rows = result.entities()
    assert all(r["count"] == 5 for r in rows)
    assert {r["id"] for r in rows} == ids | {x.entity.id for x in result.mentions[0].also}
    datasets = {r["dataset"] for r in rows}
    assert {"us_bis_el", "us_dod_1260h"} <= datasets


def test_threshold(screener: Screener) -> None:
    text = "Dahua Technology and Hikvision were named."
    assert texts(screener, text) == ["Dahua Technology", "Hikvision"]
    high = scan_text(screener, text, threshold=1.01)
    assert high.mentions == [] and high.threshold == 1.01


def test_long_text_in_pieces(screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces overlap, so names across a cut are found once, at the right offsets."""
    filler = "Officials in Beijing and Washington met again on Tuesday. "
    parts = []
    for i in range(60):
        parts.append(filler * (i % 4 + 1))
        parts.append(["Hangzhou Hikvision Digital Technology Co., Ltd. said so. ",
                      "Vladimir Putin spoke. ", "华为技术有限公司发布。"][i % 3])
    text = "".join(parts)
    whole = [(m.start, m.text) for m in scan_text(screener, text).mentions]
    monkeypatch.setattr(scan_mod, "CHUNK_CHARS", 500)
    monkeypatch.setattr(scan_mod, "OVERLAP", 120)
    pieces = [(m.start, m.text) for m in scan_text(screener, text).mentions]
    assert pieces == whole
    assert len(whole) == 60


def test_empty_and_odd_text(screener: Screener) -> None:
    assert texts(screener, "") == []
    assert texts(screener, "   \n\n  ") == []
    assert texts(screener, "\x00\x01 ((( ))) ---") == []
    assert texts(screener, "A" * 10_000) == []
