"""Recall and false alarms on the hand-written corpus: every listed party found at the
right offsets, nothing else reported."""

from __future__ import annotations

import pytest

from tradescreen.scan.extract import read_source
from tradescreen.scan.mentions import scan_text
from tradescreen.screen import Screener

from .conftest import CORPUS

# file -> the mentions expected, in text order: (text, a word the listed caption holds)
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "us_blacklist_en.txt": [
        ("Hikvision", "hikvision"), ("DJI", "dji"), ("Huawei", "huawei"),
        ("Hikvision", "hikvision"), ("DJI", "dji"), ("Huawei Technologies", "huawei"),
        ("Hikvision", "hikvision"),
        ("Hangzhou Hikvision Digital Technology Co., Ltd.", "hikvision"),
        ("DJI", "dji"), ("Huawei", "huawei"), ("Huawei", "huawei"), ("Hikvision", "hikvision"),
    ],
    "chinese_zh.txt": [
        ("华为技术有限公司", "huawei"), ("杭州海康威视数字技术股份有限公司", "hikvision"),
        ("深圳市大疆创新科技有限公司", "dji"), ("海康威视", "hikvision"), ("大疆", "dji"),
        ("华为", "huawei"),
    ],
    "invoice_en.txt": [
        ("Beijing Sensetime Technology Development Co., Ltd.", "sensetime"),
    ],
    "contract_en.txt": [
        ("Inspur Group Co., Ltd.", "inspur"), ("Inspur Group Co., Ltd.", "inspur"),
    ],
    "persons_en.txt": [
        ("Vladimir Putin", "putin"), ("Sergei Lavrov", "lavrov"), ("PUTIN Vladimir", "putin"),
        ("Dmitry Peskov", "peskov"), ("Roman Abramovich", "abramovich"),
    ],
    "chipmaker_en.txt": [
        ("SMIC", "smic"), ("DJI", "dji"),
        ("Semiconductor Manufacturing International Corporation", "semiconductor"),
        ("SZ DJI Technology Co.", "dji"), ("SMIC", "smic"), ("SMIC", "smic"), ("DJI", "dji"),
        ("SMIC", "smic"),
    ],
    "fcc_ban_en.txt": [
        ("Huawei", "huawei"), ("ZTE", "zte"), ("Huawei Technologies", "huawei"),
        ("ZTE Corp", "zte"), ("Hangzhou Hikvision Digital Technology Co Ltd.", "hikvision"),
        ("Dahua Technology Co", "dahua"), ("Hytera Communications Corp", "hytera"),
        ("Huawei", "huawei"), ("ZTE", "zte"), ("Hytera", "hytera"), ("Dahua", "dahua"),
        ("Hikvision", "hikvision"), ("Hikvision", "hikvision"), ("Dahua", "dahua"),
    ],
    "ymtc_en.txt": [
        ("YMTC", "yangtze"), ("Yangtze Memory Technologies Co.", "yangtze"),
        ("Cambricon", "cambricon"), ("Shanghai Micro Electronics Equipment", "micro"),
        ("YMTC", "yangtze"), ("Naura Technology Group", "naura"), ("Piotech", "piotech"),
    ],
    "chinese_officials_zh.txt": [
        ("华为", "huawei"), ("腾讯控股", "tencent"), ("百度", "baidu"), ("中芯国际", "semiconductor"),
        ("长江存储科技有限责任公司", "yangtze"), ("浙江大华技术股份有限公司", "dahua"),
    ],
    "traps_en.txt": [],
    "page.html": [("SZ DJI Technology Co., Ltd.", "dji")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(screener: Screener, name: str) -> None:
    doc = read_source(CORPUS / name)
    result = scan_text(screener, doc.text)
    got = [(m.text, m.match.entity.caption) for m in result.mentions]
    assert [t for t, _ in got] == [t for t, _ in EXPECTED[name]], got
    for m, (_, word) in zip(result.mentions, EXPECTED[name], strict=True):
        assert doc.text[m.start:m.end] == m.text
        assert word in m.match.entity.caption.lower() or any(
            word in n.lower() for n in m.match.entity.all_names()), m.match.entity.caption
        assert m.match.score >= screener.threshold


def test_one_entity_many_mentions(screener: Screener) -> None:
    text = (CORPUS / "us_blacklist_en.txt").read_text(encoding="utf-8")
    result = scan_text(screener, text)
    rows = {r["id"]: r for r in result.entities()}
    hik = [m for m in result.mentions if "hikvision" in m.text.lower()]
    assert len(hik) == 5
    best = hik[0].match.entity.id
    assert rows[best]["count"] == 5
    # the same firm on other lists is listed too, each once per mention
    also = {x.entity.dataset for x in hik[0].also}
    assert also and all(rows[x.entity.id]["count"] == 5 for x in hik[0].also)
    assert len({m.match.entity.id for m in hik if m.text == "Hikvision"}) == 1  # consistent


def test_json_shape(screener: Screener) -> None:
    text = "Beijing said DJI and Hikvision will appeal."
    d = scan_text(screener, text).to_dict()
    assert set(d) >= {"mentions", "entities", "text"}
    assert d["text"] == text
    for m in d["mentions"]:
        assert set(m) >= {"start", "end", "text", "id", "dataset", "caption", "score",
                          "explanation"}
        assert text[m["start"]:m["end"]] == m["text"]
    for e in d["entities"]:
        assert set(e) >= {"id", "dataset", "caption", "count"}
    assert [m["text"] for m in d["mentions"]] == ["DJI", "Hikvision"]
