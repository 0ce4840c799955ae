"""Properties of normalisation and matching that must hold for any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradescreen.matching.scorer import compare
from tradescreen.names.analyze import ANY, ORG, PERSON, analyze
from tradescreen.names.text import clean

names = st.text(min_size=0, max_size=200)
schemas = st.sampled_from([None, "Person", "Organization", "LegalEntity", "Vessel"])


@given(names, st.sampled_from([ANY, ORG, PERSON]))
@settings(max_examples=300, deadline=None)
def test_analyze_never_crashes_and_tokens_are_ascii(name: str, kind: str) -> None:
    form = analyze(name, kind)
    for t in form.tokens:
        assert t.text and t.text.isascii()
        assert t.kind in ("core", "generic", "place", "number", "particle")


@given(names)
@settings(max_examples=200, deadline=None)
def test_clean_is_idempotent_and_bounded(name: str) -> None:
    once = clean(name)
    assert clean(once) == once
    assert len(once) <= 1000


@given(names, names, schemas)
@settings(max_examples=300, deadline=None)
def test_compare_is_bounded(a: str, b: str, schema: str | None) -> None:
    score, feats = compare(a, b, schema)
    assert 0.0 <= score <= 1.0
    assert all(f.text for f in feats)


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo"]), min_size=2, max_size=40))
@settings(max_examples=200, deadline=None)
def test_a_name_matches_itself(name: str) -> None:
    form = analyze(name, ANY)
    if form.empty:
        return
    score, _ = compare(name, name, "Organization" if form.kind == ORG else "Person")
    assert score >= 0.75 or not form.core


def test_long_and_hostile_input() -> None:
    weird = "A" * 10_000 + "\x00\x07\u202e" + "😀" * 50 + "华为"
    form = analyze(weird, ANY)
    assert len(form.original) <= len(weird)
    score, _ = compare(weird, "Huawei", "Organization")
    assert 0.0 <= score <= 1.0
