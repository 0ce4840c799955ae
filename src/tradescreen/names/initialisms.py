"""Initialisms: how firms are known by their initials (YMTC, SMIC, DJI, CETC).

An organisation's initialisms are the first letters of its distinctive and business words,
with and without connectors (Da-Jiang Innovations -> dji), with and without business words.
An acronym may carry one more letter for its legal form or group (SMIC: the C is
Corporation; YMTC: Co., Ltd.).
"""

from __future__ import annotations

from tradescreen.names.analyze import PERSON, NameForm

_LEGAL_INITIALS = frozenset("cglhi")  # corporation/company, group, limited, holdings, inc


def initialisms(form: NameForm) -> list[str]:
    """Initial letters of the distinctive and business words (YMTC, SMIC, DJI)."""
    if form.kind == PERSON:
        return []
    out = []
    for kinds in (("core", "generic", "number"), ("core", "generic", "number", "particle")):
        words = [t for t in form.tokens if t.kind in kinds]
        if len(words) >= 2:
            out.append("".join(t.text[0] for t in words))
            letters = "".join(t.text[0] for t in words if t.kind != "generic")
            if len(letters) >= 2:
                out.append(letters)
    return [s for s in dict.fromkeys(out) if 2 <= len(s) <= 8]


def acronym_of(acronym: str, form: NameForm) -> bool:
    """Is `acronym` (one token, e.g. "smic") the initialism of the name in `form`?"""
    if not 2 <= len(acronym) <= 8 or not acronym.isalpha():
        return False
    inits = initialisms(form)
    if acronym in inits:
        return True
    return bool(form.legal) and acronym[-1] in _LEGAL_INITIALS and acronym[:-1] in inits
