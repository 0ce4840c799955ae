"""The name normaliser's word lists (names/resources/*.yaml) and their loaders."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any

import pytest
from anyascii import anyascii
from pypinyin import lazy_pinyin

from tradescreen.names import resources

PINYIN_RE = re.compile(r"^[a-z]+$")
ROMAN_RE = re.compile(r"^[a-z]+( [a-z]+)*$")
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Readings where pypinyin's default (for the place name or the bare character) is not the
# one used for the place or surname.  Each value is what pypinyin returns today, so a
# pypinyin upgrade that fixes (or changes) a reading shows up here.
PLACE_PINYIN_EXCEPTIONS = {
    "陕西": "shanxi",  # official Shaanxi keeps it apart from 山西 Shanxi
    "长治": "zhangzhi",  # 长 chang
    "长宁": "zhangning",
    "锡林郭勒": "xilinguolei",  # 勒 le
    "克孜勒苏": "kezileisu",
    "阿勒泰": "aleitai",
    "库尔勒": "kuerlei",
    "朝阳": "zhaoyang",  # 朝 chao
    "漯河": "tahe",  # 漯 luo
    "昌都": "changdou",  # 都 du
    "花都": "huadou",
    "闵行": "minxing",  # 行 hang
}
SURNAME_PINYIN_EXCEPTIONS = {
    "曾": "ceng",
    "覃": "tan",  # surname reading qin (also tan)
    "翟": "di",
    "单": "dan",
    "解": "jie",
    "缪": "mou",
    "卜": "bo",
    "仇": "chou",
    "查": "cha",
    "乐": "le",  # surname reading yue (also le)
    "区": "qu",
    "阚": "han",
    "朴": "pu",
    "都": "dou",
    "薄": "bao",
}
ORG_PINYIN_EXCEPTIONS = {
    "銀行": "yinxing",  # traditional form read as 行 xing
}
# Traditional forms that opencc's t2s does not map back to the simplified form on purpose.
SURNAME_TRAD_EXCEPTIONS = {
    "肖": "蕭",  # 肖 and 萧 are both 蕭 in traditional
    "闫": "閻",  # 闫 is the PRC variant of 阎 (閻)
    "於": "於",  # a surname in its own right, not traditional 于
}
PLACE_HISTORIC_HAN = {"北平", "襄樊"}  # former names listed as variants


def reading(han: str) -> str:
    """pypinyin's reading, joined, ü folded to u (吕 -> lu)."""
    return "".join(lazy_pinyin(han, v_to_u=True)).replace("ü", "u")


def fold(text: str) -> str:
    """Strongest folding a normaliser might apply: ASCII, lower case, letters and digits."""
    return re.sub(r"[^a-z0-9]+", "", anyascii(text).lower())


@cache
def t2s(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("t2s").convert(text))


def apply_substitutions(token: str) -> str:
    for old, new in resources.substitutions():
        token = token.replace(old, new)
    return token


# --- loading ------------------------------------------------------------------------------


def test_every_file_loads_with_its_minimum_size() -> None:
    assert len(resources.legal_forms()) >= 12
    assert sum(len(f) for f in resources.legal_forms().values()) >= 500
    assert len(resources.org_words()) >= 100
    assert len(resources.abbreviations()) >= 80
    assert len(resources.chinese_places()) >= 400
    assert len(resources.country_words()) >= 10
    assert len(resources.chinese_surnames()) >= 300
    assert len(resources.name_equivalents()) >= 40
    assert len(resources.substitutions()) >= 30


def test_loaders_are_cached() -> None:
    assert resources.legal_forms() is resources.legal_forms()
    assert resources.chinese_places() is resources.chinese_places()


def test_malformed_data_is_rejected() -> None:
    with pytest.raises(resources.ResourceError):
        resources._str_list(["ltd", True], "x")  # a bare YAML `on`/`yes` became a bool
    with pytest.raises(resources.ResourceError):
        resources._mapping(["not", "a", "mapping"], "x")
    with pytest.raises(resources.ResourceError):
        resources._entries([{"han": "深圳"}], "x", ("han", "pinyin"))


# --- legal forms --------------------------------------------------------------------------


def test_legal_forms_have_no_duplicates_within_a_type() -> None:
    for kind, forms in resources.legal_forms().items():
        dups = [f for f, n in Counter(f.casefold() for f in forms).items() if n > 1]
        assert not dups, (kind, dups)


def test_each_legal_form_has_one_type_even_after_full_folding() -> None:
    types: dict[str, set[str]] = defaultdict(set)
    for kind, forms in resources.legal_forms().items():
        for form in forms:
            types[fold(form)].add(kind)
    clashes = {f: sorted(k) for f, k in types.items() if len(k) > 1}
    assert not clashes


def test_latin_legal_forms_are_lowercase() -> None:
    for kind, forms in resources.legal_forms().items():
        for form in forms:
            assert form == form.lower() or not form.isascii(), (kind, form)
            assert form == form.strip(), (kind, form)


@pytest.mark.parametrize(
    ("form", "kind"),
    [
        ("有限公司", "limited"),
        ("有限责任公司", "limited"),
        ("有限責任公司", "limited"),
        ("co ltd", "limited"),
        ("pte ltd", "limited"),
        ("pvt ltd", "limited"),
        ("sdn bhd", "limited"),
        ("股份有限公司", "joint_stock"),
        ("ao", "joint_stock"),
        ("АО", "joint_stock"),
        ("ЗАО", "joint_stock"),
        ("ОАО", "joint_stock"),
        ("ПАО", "joint_stock"),
        ("pjsc", "joint_stock"),
        ("ag", "joint_stock"),
        ("a.ş.", "joint_stock"),
        ("ООО", "llc"),
        ("ooo", "llc"),
        ("llc", "llc"),
        ("gmbh", "llc"),
        ("sp. z o.o.", "llc"),
        ("ذ.م.م", "llc"),
        ("ltd şti", "llc"),
        ("cong ty tnhh", "llc"),
        ("corp", "corporation"),
        ("inc", "corporation"),
        ("株式会社", "corporation"),
        ("kk", "corporation"),
        ("주식회사", "corporation"),
        ("公司", "company"),
        ("شركة", "company"),
        ("集团", "group"),
        ("集團", "group"),
        ("holdings", "group"),
        ("НПО", "science_production"),
        ("npp", "science_production"),
        ("ФГУП", "state_enterprise"),
        ("gup", "state_enterprise"),
        ("ИП", "sole_proprietorship"),
        ("fze", "free_zone"),
        ("fzco", "free_zone"),
        ("fz-llc", "free_zone"),
        ("dmcc", "free_zone"),
        ("pt", "limited"),
        ("tbk", "public_limited"),
        ("bhd", "public_limited"),
        ("分公司", "branch"),
    ],
)
def test_key_legal_forms(form: str, kind: str) -> None:
    assert form in resources.legal_forms()[kind]


# --- org words ----------------------------------------------------------------------------


def test_org_words_shape() -> None:
    for concept, langs in resources.org_words().items():
        assert re.fullmatch(r"[a-z_]+", concept), concept
        assert langs.get("en"), concept
        for lang, forms in langs.items():
            assert re.fullmatch(r"[a-z]{2}|pinyin", lang), (concept, lang)
            assert len(forms) == len(set(forms)), (concept, lang)
        for w in langs.get("en", []):
            assert w == w.lower() and w.isascii(), (concept, w)
        for p in langs.get("pinyin", []):
            assert PINYIN_RE.match(p), (concept, p)


def test_org_words_english_and_han_forms_belong_to_one_concept() -> None:
    for lang in ("en", "zh"):
        owner: dict[str, list[str]] = defaultdict(list)
        for concept, langs in resources.org_words().items():
            for w in langs.get(lang, []):
                owner[w].append(concept)
        assert not {w: c for w, c in owner.items() if len(c) > 1}, lang


def test_org_words_pinyin_agrees_with_pypinyin() -> None:
    for concept, langs in resources.org_words().items():
        listed = set(langs.get("pinyin", []))
        derived = set()
        for han in langs.get("zh", []):
            got = reading(han)
            expected = ORG_PINYIN_EXCEPTIONS.get(han)
            if expected is not None:
                assert got == expected, (han, got)
                continue
            derived.add(got)
            assert got in listed, (concept, han, got)
        assert listed <= derived, (concept, listed - derived)


def test_org_words_shared_pinyin_is_documented() -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for concept, langs in resources.org_words().items():
        for p in langs.get("pinyin", []):
            owners[p].append(concept)
    shared = {p: sorted(c) for p, c in owners.items() if len(c) > 1}
    assert shared == {"zixun": ["consulting", "information"]}


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        ("科技", "technology"),
        ("技术", "technology"),
        ("keji", "technology"),
        ("technology", "technology"),
        ("数字", "digital"),
        ("创新", "innovation"),
        ("量子", "quantum"),
        ("研究所", "research_institute"),
        ("进出口", "import_export"),
        ("国际", "international"),
        ("intl", "international"),
        ("半导体", "semiconductor"),
        ("集成电路", "integrated_circuit"),
        ("航天", "aerospace"),
        ("航空", "aviation"),
        ("通讯", "communication"),
        ("电信", "communication"),
        ("高新技术", "hi_tech"),
        ("船舶", "shipbuilding"),
        ("国防", "defense"),
        ("технологии", "technology"),
        ("завод", "plant"),
    ],
)
def test_key_org_words(word: str, concept: str) -> None:
    langs = resources.org_words()[concept]
    assert any(word in forms for forms in langs.values())


# --- abbreviations ------------------------------------------------------------------------


def test_abbreviations_shape() -> None:
    abbr = resources.abbreviations()
    for key, value in abbr.items():
        assert key == key.lower() and key.isascii() and " " not in key, key
        assert value == value.lower() and value.isascii(), (key, value)
        assert key != value
    for key, value in {
        "tech": "technology",
        "intl": "international",
        "mfg": "manufacturing",
        "grp": "group",
        "svcs": "services",
        "co": "company",
        "corp": "corporation",
        "hldgs": "holdings",
        "&": "and",
    }.items():
        assert abbr[key] == value


def test_abbreviation_and_expansion_share_an_org_concept() -> None:
    concept_of: dict[str, str] = {}
    for concept, langs in resources.org_words().items():
        for w in langs.get("en", []):
            concept_of[w] = concept
    for key, value in resources.abbreviations().items():
        if key in concept_of:
            assert concept_of.get(value) == concept_of[key], (key, value)


# --- Chinese places -----------------------------------------------------------------------


def test_every_place_has_han_and_ascii_pinyin() -> None:
    levels = {
        "province",
        "municipality",
        "autonomous_region",
        "sar",
        "city",
        "prefecture",
        "county_city",
        "district",
        "zone",
    }
    for p in resources.chinese_places():
        assert HAN_RE.search(p["han"]), p
        assert PINYIN_RE.match(p["pinyin"]), p
        assert p["level"] in levels, p
        for v in p.get("variants", []):
            assert HAN_RE.search(v) or ROMAN_RE.match(v.replace("'", "")), (p["han"], v)


def test_place_keys_are_unique_and_provinces_exist() -> None:
    places = resources.chinese_places()
    keys = Counter((p["han"], p["level"], p.get("province")) for p in places)
    assert not [k for k, n in keys.items() if n > 1]
    provincial = [p for p in places if "province" not in p]
    assert Counter(p["level"] for p in provincial) == {
        "province": 23,
        "municipality": 4,
        "autonomous_region": 5,
        "sar": 2,
    }
    known = {p["pinyin"] for p in provincial}
    for p in places:
        if "province" in p:
            assert p["province"] in known, p


def test_all_prefecture_level_divisions_are_present() -> None:
    prc = [
        p
        for p in resources.chinese_places()
        if p["level"] in ("city", "prefecture") and p.get("province") not in ("taiwan",)
    ]
    assert len(prc) == 333  # 293 prefecture-level cities + 30 autonomous prefectures + 7 + 3


def test_ambiguous_place_forms_are_forms_of_the_place() -> None:
    flagged = set()
    for p in resources.chinese_places():
        for form in p.get("ambiguous", []):
            assert form == p["pinyin"] or form in p["variants"], (p["han"], form)
            flagged.add(form)
    assert {"ali", "jian", "xian", "canton"} <= flagged


def test_place_pinyin_agrees_with_pypinyin() -> None:
    for p in resources.chinese_places():
        got = reading(p["han"])
        expected = PLACE_PINYIN_EXCEPTIONS.get(p["han"])
        if expected is not None:
            assert got == expected, (p["han"], got)
        else:
            assert got == p["pinyin"], (p["han"], p["pinyin"], got)


def test_place_han_variants_are_forms_of_the_place() -> None:
    for p in resources.chinese_places():
        for v in p.get("variants", []):
            if HAN_RE.search(v) and v not in PLACE_HISTORIC_HAN:
                assert t2s(v).startswith(p["han"]), (p["han"], v)


def _place(han: str, level: str | None = None) -> dict[str, Any]:
    for p in resources.chinese_places():
        if p["han"] == han and (level is None or p["level"] == level):
            return p
    raise AssertionError(han)


@pytest.mark.parametrize(
    ("han", "pinyin", "variant"),
    [
        ("深圳", "shenzhen", "sz"),
        ("深圳", "shenzhen", "深圳市"),
        ("杭州", "hangzhou", "杭州市"),
        ("广州", "guangzhou", "canton"),
        ("广州", "guangzhou", "廣州"),
        ("北京", "beijing", "peking"),
        ("天津", "tianjin", "tientsin"),
        ("厦门", "xiamen", "amoy"),
        ("重庆", "chongqing", "chungking"),
        ("西安", "xian", "xi'an"),
        ("乌鲁木齐", "wulumuqi", "urumqi"),
        ("呼和浩特", "huhehaote", "hohhot"),
        ("拉萨", "lasa", "lhasa"),
        ("香港", "xianggang", "hong kong"),
        ("澳门", "aomen", "macau"),
        ("台湾", "taiwan", "臺灣"),
        ("台北", "taibei", "taipei"),
        ("中关村", "zhongguancun", "中关村"),
        ("宝安", "baoan", "bao'an"),
    ],
)
def test_key_places(han: str, pinyin: str, variant: str) -> None:
    p = _place(han)
    assert p["pinyin"] == pinyin
    assert variant == han or variant in p["variants"]


def test_country_words() -> None:
    words = resources.country_words()
    for w in ("china", "chinese", "zhongguo", "中国", "中華", "中华", "prc", "sino", "zhonghua"):
        assert w in words
    assert "people's republic of china" in words
    assert len(words) == len(set(words))


# --- Chinese surnames ---------------------------------------------------------------------


def test_surnames_shape() -> None:
    seen: set[str] = set()
    for s in resources.chinese_surnames():
        assert s["han"] not in seen, s["han"]
        seen.add(s["han"])
        assert 1 <= len(s["han"]) <= 2 and len(s["trad"]) == len(s["han"]), s
        assert PINYIN_RE.match(s["pinyin"]), s
        other = s.get("other", [])
        assert len(other) == len(set(other)), s
        assert s["pinyin"] not in other, s
        for o in other:
            assert ROMAN_RE.match(o), (s["han"], o)


def test_surname_pinyin_agrees_with_pypinyin() -> None:
    for s in resources.chinese_surnames():
        got = reading(s["han"])
        expected = SURNAME_PINYIN_EXCEPTIONS.get(s["han"])
        if expected is not None:
            assert got == expected, (s["han"], got)
        else:
            assert got == s["pinyin"], (s["han"], s["pinyin"], got)


def test_surname_traditional_forms() -> None:
    for s in resources.chinese_surnames():
        if s["han"] in SURNAME_TRAD_EXCEPTIONS:
            assert s["trad"] == SURNAME_TRAD_EXCEPTIONS[s["han"]]
        else:
            assert t2s(s["trad"]) == s["han"], (s["han"], s["trad"])


@pytest.mark.parametrize(
    ("han", "pinyin", "others"),
    [
        ("王", "wang", ["wong", "ong"]),
        ("张", "zhang", ["chang", "cheung", "teo"]),
        ("陈", "chen", ["chan", "tan", "chin"]),
        ("李", "li", ["lee", "lei"]),
        ("黄", "huang", ["wong", "ng"]),
        ("周", "zhou", ["chow", "chau"]),
        ("吴", "wu", ["ng", "goh"]),
        ("徐", "xu", ["hsu", "tsui", "chui"]),
        ("郭", "guo", ["kuo", "kwok"]),
        ("林", "lin", ["lam", "lim"]),
        ("梁", "liang", ["leung"]),
        ("谢", "xie", ["tse", "hsieh", "chia"]),
        ("郑", "zheng", ["cheng", "cheang", "tay"]),
        ("蔡", "cai", ["tsai", "choi", "chua"]),
        ("杨", "yang", ["yeung", "yeo"]),
        ("刘", "liu", ["lau", "lao"]),
        ("邓", "deng", ["tang"]),
        ("冯", "feng", ["fung"]),
        ("曾", "zeng", ["tsang"]),
        ("曹", "cao", ["tso", "tsao"]),
        ("欧阳", "ouyang", ["au yeung"]),
        ("司马", "sima", ["szema"]),
        ("诸葛", "zhuge", []),
        ("上官", "shangguan", []),
        ("司徒", "situ", ["szeto"]),
        ("东方", "dongfang", []),
        ("皇甫", "huangfu", []),
    ],
)
def test_key_surnames(han: str, pinyin: str, others: list[str]) -> None:
    entry = next(s for s in resources.chinese_surnames() if s["han"] == han)
    assert entry["pinyin"] == pinyin
    for o in others:
        assert o in entry["other"]


# --- transliteration ----------------------------------------------------------------------


def test_equivalents_are_disjoint_lowercase_groups() -> None:
    seen: set[str] = set()
    for group in resources.name_equivalents():
        for member in group:
            assert ROMAN_RE.match(member), member
            assert member not in seen, member
            seen.add(member)
    assert resources.name_equivalents()[0][:4] == ["muhammad", "mohammed", "mohamed", "mohammad"]


def test_substitutions_are_plain_lowercase_pairs() -> None:
    for old, new in resources.substitutions():
        assert re.fullmatch(r"[a-z]+", old) and re.fullmatch(r"[a-z]*", new), (old, new)
        assert old != new


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("khrushchev", "khruschev"),
        ("tchaikovsky", "chaikovsky"),
        ("dzhabarov", "jabarov"),
        ("khodorkovsky", "hodorkovsky"),
        ("aleksandr", "alexandr"),
        ("mariya", "maria"),
        ("fyodor", "fedor"),
        ("semyon", "semen"),
        ("vorobyov", "vorobev"),
        ("yevgeny", "evgeny"),
        ("sergeyev", "sergeev"),
        ("yakovlev", "iakovlev"),
        ("dmitriy", "dmitry"),
        ("dmitrij", "dmitrii"),
        ("dostoevskiy", "dostoevsky"),
        ("sergey", "sergei"),
        ("smirnoff", "smirnov"),
        ("hsieh", "xie"),
        ("hsu", "xu"),
        ("yeh", "ye"),
        ("tien", "tian"),
        ("hsiung", "xiong"),
        ("tzeng", "zeng"),
        ("cheung", "cheong"),
        ("soong", "sung"),
        ("abdelaziz", "abdulaziz"),
        ("abdallah", "abdullah"),
        ("rasheed", "rashid"),
        ("qasim", "kasim"),
        ("gadhafi", "gaddafi"),
        ("mustapha", "mustafa"),
        ("lyu", "lu"),
    ],
)
def test_substitutions_fold_spelling_variants_together(a: str, b: str) -> None:
    assert apply_substitutions(a) == apply_substitutions(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("zhou", "zhu"),
        ("chou", "chu"),
        ("liu", "lu"),
        ("lyu", "liu"),
        ("xue", "xu"),
        ("jiang", "yang"),
        ("chen", "chan"),
        ("jianyong", "jianeng"),
    ],
)
def test_substitutions_keep_distinct_chinese_syllables_apart(a: str, b: str) -> None:
    assert apply_substitutions(a) != apply_substitutions(b)
