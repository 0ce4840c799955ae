"""Known hard name pairs: the examples from the matcher issue and their traps."""

from __future__ import annotations

import pytest

from tradescreen.matching.scorer import THRESHOLD, compare

SAME = [
    ("DJI", "SZ DJI Technology Co., Ltd.", "Organization"),
    ("Hikvision", "Hangzhou Hikvision Digital Technology Co., Ltd.", "Organization"),
    ("Hikvision Digital Technology", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "Organization"),
    ("华为技术有限公司", "Huawei Technologies Co., Ltd.", "Organization"),
    ("華為技術有限公司", "Huawei Technologies Co., Ltd.", "Organization"),
    ("大疆创新", "SZ DJI Technology Co., Ltd.", "Organization"),
    ("深圳市大疆创新科技有限公司", "Shenzhen DJI Innovation Technology Co., Ltd.", "Organization"),
    ("海康威视", "Hangzhou Hikvision Digital Technology Co., Ltd.", "Organization"),
    ("Huawei Technologies Company Limited", "HUAWEI TECHNOLOGIES CO., LTD.", "Organization"),
    ("OAO Gazprom", "Open Joint Stock Company Gazprom", "Organization"),
    ("Xi Jinping", "XI Jin-ping", "Person"),
    ("Jinping Xi", "习近平", "Person"),
    ("Carrie Lam Cheng Yuet-ngor", "LAM CHENG, Yuetngor", "Person"),
    ("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", "Person"),
    ("Levitsky Packaging Solutions Ltd", "Levitskiy Packaging Solutions Ltd", "Organization"),
]

DIFFERENT = [
    ("Hangzhou", "Hangzhou Hikvision Digital Technology Co., Ltd.", "Organization"),
    ("Technology Co., Ltd.", "Huawei Technologies Co., Ltd.", "Organization"),
    ("Shenzhen Technology Co., Ltd.", "SZ DJI Technology Co., Ltd.", "Organization"),
    ("Brennock Steel Tubes Ltd", "Brennock Steel Wires Ltd", "Organization"),
    ("Seraphine Navigation II S.A.", "Seraphine Navigation IX S.A.", "Organization"),
    ("Guangzhou Lixing Cosmetics Co., Ltd.", "Guangzhou Lixin Cosmetics Co., Ltd.", "Organization"),
    ("Deutsche Bank AG", "Deutsche Bank GmbH", "Organization"),
    ("Hans O Friedrich", "Hans Joachim Friedrich", "Person"),
]


@pytest.mark.parametrize("a,b,schema", SAME)
def test_same_party_matches(a: str, b: str, schema: str) -> None:
    score, feats = compare(a, b, schema)
    assert score >= THRESHOLD, (score, [f.text for f in feats])
    assert feats and all(f.text for f in feats)


@pytest.mark.parametrize("a,b,schema", DIFFERENT)
def test_different_party_does_not_match(a: str, b: str, schema: str) -> None:
    score, feats = compare(a, b, schema)
    assert score < THRESHOLD, (score, [f.text for f in feats])


def test_score_is_symmetric_enough() -> None:
    a, b = "Hikvision Digital Technology", "Hangzhou Hikvision Digital Technology Co., Ltd."
    assert abs(compare(a, b, "Organization")[0] - compare(b, a, "Organization")[0]) < 0.05


ACROSS_SCRIPTS = [
    ("أسامة بن لادن", "Osama bin Laden"),
    ("عبد الفتاح السيسي", "Abdel Fattah el-Sisi"),
    ("Сергей Лавров", "Sergey Lavrov"),
    ("Владимир Путин", "Vladimir Putin"),
]


@pytest.mark.parametrize("a,b", ACROSS_SCRIPTS)
def test_person_names_match_across_scripts(a: str, b: str) -> None:
    score, feats = compare(a, b, "Person")
    assert score >= THRESHOLD, (score, [f.text for f in feats])


def test_consonants_alone_do_not_make_two_names_one() -> None:
    assert compare("آرمين زارع", "Ramon Gonzalez-Azuara", "Person")[0] < THRESHOLD
    assert compare("سارا عباسی", "Yasir Abbas", "Person")[0] < THRESHOLD


@pytest.mark.parametrize("acronym,name", [
    ("DJI", "Da-Jiang Innovations"),
    ("YMTC", "Yangtze Memory Technologies Co., Ltd."),
    ("SMIC", "Semiconductor Manufacturing International Corporation"),
    ("CETC", "China Electronics Technology Group Corporation"),
])
def test_initialisms(acronym: str, name: str) -> None:
    score, feats = compare(acronym, name, "Organization")
    assert score >= THRESHOLD and feats[0].name == "initialism"


def test_two_letters_are_not_an_initialism_match() -> None:
    assert compare("CE", "China Electronics", "Organization")[0] < THRESHOLD
