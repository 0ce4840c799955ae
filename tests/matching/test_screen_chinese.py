"""Chinese names as they appear in news and trade documents, screened against the bundled
lists: brands, legal forms, typos, simplified and traditional Han, word order, near misses."""

from __future__ import annotations

import pytest

from tradescreen.screen import Screener
from tradescreen.service import get_screener


@pytest.fixture(scope="module")
def screener() -> Screener:
    return get_screener()


RANK_ONE = [
    ("杭州海康威视数字技术股份有限公司", "hikvision"),
    ("海康威視", "hikvision"),
    ("Hikvison", "hikvision"),
    ("HIKVISION DIGITAL TECH CO LTD", "hikvision"),
    ("浙江大华技术股份有限公司", "dahua"),
    ("Zhejiang Dahua Technology", "dahua"),
    ("中芯国际", "semiconductor manufacturing international"),
    ("長江存儲科技有限責任公司", "yangtze memory"),
    ("YMTC", "ymtc"),
    ("科大讯飞股份有限公司", "iflytek"),
    ("商汤科技", "sense"),
    ("旷视科技", "megvii"),
    ("華為技術有限公司", "huawei"),
    ("Huawai Technologies", "huawei"),
    ("华为终端有限公司", "huawei device"),
    ("深圳市大疆创新科技有限公司", "dji"),
    ("Shenzhen Dajiang Innovation Technology", "jiang"),
    ("DJI Technology Co Ltd", "dji"),
    ("哈尔滨工业大学", "harbin institute of technology"),
    ("西北工业大学", "northwestern polytechnical"),
    ("同方威视", "nuctech"),
    ("中国移动通信集团有限公司", "china mobile"),
    ("Xi Jinping", None),  # not listed: no assertion on rank one, only no crash
    # people: surname first or last, syllables joined, hyphenated or apart, Han script
    ("林仲恒", "zhongheng"),
    ("LIN Zhong-heng", "zhongheng"),
    ("Zhongheng Lin", "zhongheng"),
    ("Ming Guo Chen", "mingguo"),
    ("陳明國", "mingguo"),
    ("李方伟", "fangwei"),
    ("Fang Wei Li", "fangwei"),
    ("朱海侖", "hailun"),
    ("Wang Junzheng", "junzheng"),
]


@pytest.mark.parametrize("query,expected", RANK_ONE)
def test_listed_firm_is_rank_one(screener: Screener, query: str, expected: str | None) -> None:
    matches = screener.check(query, limit=5)
    if expected is None:
        return
    assert matches, query
    top = matches[0]
    assert expected in " ".join(top.entity.all_names()).lower().replace("-", " "), (
        query, [(m.entity.caption, m.score) for m in matches])


NOT_LISTED = [
    "Beijing", "Hong Kong", "Zhejiang", "Shenzhen Technology Co., Ltd.", "Technology Co., Ltd.",
    "有限公司", "深圳市", "Department of Commerce", "Hangzhou Hikrobot Co., Ltd.",
    "Guangzhou Lixin Cosmetics Co., Ltd.", "Apple Inc.",
    # well-known Chinese firms that are on none of the bundled lists
    "Hangzhou Wahaha Group Co., Ltd.", "Zhejiang Geely Holding Group",
    "Shenzhen Mindray Bio-Medical Electronics Co., Ltd.", "Anhui Conch Cement Company Limited",
    "Sichuan Changhong Electric Co., Ltd.", "Beijing Xiaomi Mobile Software Co., Ltd.",
    "Qingdao Haier Co., Ltd.", "Hunan Sany Heavy Industry Co., Ltd.", "Lenovo Group Limited",
    "Shenzhen Dajiang Food Co., Ltd.", "美的集团股份有限公司", "格力电器", "小米科技有限责任公司",
    "娃哈哈集团", "上海浦东发展银行",
]


@pytest.mark.parametrize("query", NOT_LISTED)
def test_places_legal_forms_and_near_misses_do_not_match(screener: Screener, query: str) -> None:
    matches = screener.check(query)
    assert not matches, [(m.entity.caption, round(m.score, 2)) for m in matches]


def test_explanation_says_why(screener: Screener) -> None:
    m = screener.check("SZ DJI Technology")[0]
    text = " ".join(f.text for f in m.explanation)
    assert "dji" in text.lower()
