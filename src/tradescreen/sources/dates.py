"""Date and Federal Register citation helpers shared by the US list parsers.

US lists print dates every way there is ("12/22/20", "03 Jun 2021", "June 21, 2022",
"November, 1975", "2021-08-02") and bury them in Federal Register (FR) citations
("85 FR 83420, 12/22/20", "46 F.R. 46154 9/17/81", "Vol. 86, No. 51, 03/18/21, Federal
Register"). Everything here returns ISO ``YYYY[-MM[-DD]]`` text or None, never guesses a
day or month that is not printed, and never raises on odd input.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

#: Two-digit years up to this value are 20xx, later ones 19xx. The Federal Register began
#: in 1936, so no FR date falls in 1900-1935; lists printed today do not reach 2036.
PIVOT_2DIGIT = 35

_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{2}:\d{2}.*)?")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})")
_DAY_MON_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+({_MON})[\s,-]+(\d{{4}})", re.I)
_MON_DAY_YEAR = re.compile(rf"({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})", re.I)
_MON_YEAR = re.compile(rf"({_MON})[\s,]+(\d{{4}})", re.I)

# A date as it appears inside a citation: numeric, "June 10, 2026" or ISO.
_DATE_IN_TEXT = (
    rf"(?:\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})(?!\d)|{_MON}\s+\d{{1,2}},?\s*\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
)
# "85 FR 83420", "46 F.R. 46154", "83F.R. 28801", "81.F.R. 22576", with an optional date
# after a comma, a space or inside parentheses; eCFR page residue, a page range
# ("16788, 16789 4/6/2017") and an issue note ("(no. 182)") are tolerated.
_FR_CITE = re.compile(
    rf"(?<![\d.])(?P<vol>\d{{1,3}})\s*\.?\s*F\.?\s?R\.?\s*(?P<page>\d{{1,6}})(?!\d)"
    rf"(?:\s*preview citation details)?(?:\s*\(no\.\s*\d+\))?"
    rf"(?:\s*,\s*\d{{1,6}}(?=\s+\d{{1,2}}/))?"
    rf"(?:\s*[,;]?\s*\(?\s*(?P<date>{_DATE_IN_TEXT})\s*\)?)?",
    re.I,
)
# "Vol. 86, No. 51, 03/18/21, Federal Register", "Volume 59, No. 244; 12/21/94, Federal
# Register", "Vol. 57, No. 130, P29924, 07/07/92" (State Department style).
_FR_VOLNO = re.compile(
    rf"Vol(?:ume)?\.?\s*,?\s*(?P<vol>\d{{1,3}})\s*[,;]?\s*No\.?\s*(?P<no>\d{{1,4}})"
    rf"(?:\s*[,;]?\s*P\.?\s*\d{{1,6}})?"
    rf"(?:\s*[,;]?\s*(?P<date>{_DATE_IN_TEXT}))?"
    rf"(?:\s*[,;]?\s*Federal\s+Register)?",
    re.I,
)
_PREVIEW = re.compile(r"\s*preview citation details", re.I)


def _valid(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not 1800 <= y <= 2100:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _year(text: str, near_year: int | None) -> int:
    y = int(text)
    if len(text) == 4:
        return y
    if near_year is not None:
        # Pick the century that lands closest to the year the context implies.
        candidates = (1900 + y, 2000 + y)
        return min(candidates, key=lambda c: abs(c - near_year))
    return 2000 + y if y <= PIVOT_2DIGIT else 1900 + y


def _month(text: str) -> int | None:
    key = text.strip(".").lower()
    return MONTHS.get(key) or MONTHS.get(key[:3])


def iso_date(text: str | None, near_year: int | None = None) -> str | None:
    """ISO date for one printed date; None when the text is not (only) a date.

    US month-first numerics ("12/22/20", "06/19/2003"), "03 Jun 2021", "June 21, 2022",
    "November, 1975" (-> "1975-11"), "2021-08-02", "1962". Two-digit years resolve to
    the century nearest `near_year` when given (an FR volume fixes the year), else by
    :data:`PIVOT_2DIGIT`.
    """
    if not text:
        return None
    t = " ".join(text.split()).strip(" .;,")
    if not t:
        return None
    m = _ISO.fullmatch(t)
    if m:
        y, mo, d = m.groups()
        return _valid(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _NUMERIC.fullmatch(t)
    if m:
        mo, d, y = m.groups()
        return _valid(_year(y, near_year), int(mo), int(d))
    m = _DAY_MON_YEAR.fullmatch(t)
    if m:
        d, mon, y = m.groups()
        month = _month(mon)
        return _valid(int(y), month, int(d)) if month else None
    m = _MON_DAY_YEAR.fullmatch(t)
    if m:
        mon, d, y = m.groups()
        month = _month(mon)
        return _valid(int(y), month, int(d)) if month else None
    m = _MON_YEAR.fullmatch(t.replace(",,", ","))
    if m:
        mon, y = m.groups()
        month = _month(mon)
        return _valid(int(y), month) if month else None
    return None


def fr_year(volume: int) -> int:
    """The calendar year of a Federal Register volume (volume 1 is 1936)."""
    return 1935 + volume


def _clean_citation(text: str) -> str:
    t = _PREVIEW.sub("", " ".join(text.split()))
    t = t.strip(" ,;.")
    if t.endswith(")") and t.count("(") < t.count(")"):
        t = t[:-1].rstrip(" ,;.")
    if t.count("(") > t.count(")"):
        t = t + ")"
    return t


def fr_citations(text: str | None) -> list[tuple[str, str | None]]:
    """Every Federal Register citation in `text`, with its ISO date when one is printed.

    Citations come back as printed (whitespace collapsed, trailing "." dropped, eCFR
    "preview citation details" residue removed), in order, without repeats. A date more
    than a year away from its FR volume's year is a typo and is dropped (the citation is
    kept). Text that holds no recognisable citation gives an empty list: callers decide
    whether to keep it (see :func:`citation_list`).
    """
    if not text:
        return []
    found: list[tuple[int, str, str | None]] = []
    taken: list[tuple[int, int]] = []
    for rx in (_FR_VOLNO, _FR_CITE):
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            raw_date = m.group("date")
            year = fr_year(int(m.group("vol")))
            when = iso_date(raw_date, near_year=year) if raw_date else None
            if when and abs(int(when[:4]) - year) > 1:
                when = None  # a typo in the date ("87 F.R. 52740 8/29/2002"): trust no date
            found.append((m.start(), _clean_citation(m.group(0)), when))
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for _, cite, when in sorted(found):
        if cite not in seen:
            seen.add(cite)
            out.append((cite, when))
    return out


def leftover(text: str, citations: list[tuple[str, str | None]]) -> str:
    """What of `text` no citation explains (for keeping unparsed citation text)."""
    rest = _PREVIEW.sub("", text)
    for rx in (_FR_VOLNO, _FR_CITE):
        rest = rx.sub(" ", rest)
    rest = re.sub(r"\b(?:and|corrected by)\b|[\s,;.()]+", " ", rest, flags=re.I)
    rest = " ".join(rest.split())
    return rest if any(ch.isalnum() for ch in rest) else ""


def earliest(dates: list[str | None]) -> str | None:
    """The earliest of some ISO dates (partial dates sort before full ones of that year)."""
    real = [d for d in dates if d]
    return min(real) if real else None


def citation_list(text: str | None) -> tuple[list[str], list[str | None], str | None]:
    """Citations, their dates, and the raw text when part of it could not be parsed.

    Nothing printed is lost: text with no recognisable citation becomes one citation as
    printed; text with some unparsed rest is returned whole as the third value so callers
    can keep it beside the parsed citations.
    """
    if not text or not text.strip() or not any(ch.isalnum() for ch in text):
        return [], [], None
    found = fr_citations(text)
    raw = " ".join(text.replace("\ufffd", " ").split()).strip(" .,;")
    if not found:
        return [raw], [], None
    return [c for c, _ in found], [d for _, d in found], raw if leftover(text, found) else None
