"""Structured fields out of OFAC's free-text Remarks (legacy CSV) and idList items (XML).

OFAC's legacy CSV carries DOB, POB, nationality, document numbers, weak a.k.a.s and
"Linked To" relations only inside the `Remarks` column, as `; `-separated segments
(`DOB 07 Oct 1952; POB Leningrad, Russia; Passport 123 (Iran); a.k.a. 'X'.`). This
module turns them into model fields. It never raises: a segment it does not understand
goes to ``properties["other"]`` (the full text always stays in ``Entity.remarks``).

The a.k.a.s printed in Remarks are exactly the ones OFAC's XML marks ``category=weak``
(checked against the consolidated XML), so they become ``weak_alias`` names; so do the
f.k.a./n.k.a. printed there: being weak matters more to screening than being former.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tradescreen.model import Identifier, Link, Name
from tradescreen.sources.base import country_code

__all__ = ["Remarks", "add_id", "iso_date", "parse_dates", "parse_remarks", "resolve_country"]


@dataclass(slots=True)
class Remarks:
    """What one Remarks text (or one XML idList) says, in model terms."""

    names: list[Name] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    listed_on: str | None = None
    properties: dict[str, list[str]] = field(default_factory=dict)

    def prop(self, key: str, value: str) -> None:
        value = value.strip()
        if value:
            vals = self.properties.setdefault(key, [])
            if value not in vals:
                vals.append(value)


# -- countries and dates ---------------------------------------------------------------

@lru_cache(maxsize=4096)
def resolve_country(text: str) -> str | None:
    """ISO2 for a country as OFAC prints it (`Korea, North`, `Region: Gaza`), else None.

    Cached: the same few hundred names repeat tens of thousands of times per file.
    """
    t = text.strip().rstrip(".").strip()
    if t.startswith("Region:"):
        t = t[len("Region:"):].strip()
    return country_code(t) if t else None


def _country_or_text(text: str) -> str:
    t = text.strip().rstrip(".").strip()
    return resolve_country(t) or t


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DMY = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_MY = re.compile(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_Y = re.compile(r"(\d{4})$")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})$")  # XML header dates are MM/DD/YYYY
_YEAR_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})$")


def iso_date(text: str) -> str | None:
    """`01 Jan 1962` -> `1962-01-01`, `Mar 1945` -> `1945-03`, `1962` -> `1962`; else None."""
    t = text.strip().rstrip(".").strip()
    m = _DMY.match(t)
    if m:
        mon = _MONTHS.get(m.group(2).lower())
        return _valid(int(m.group(3)), mon, int(m.group(1))) if mon else None
    m = _MY.match(t)
    if m:
        mon = _MONTHS.get(m.group(1).lower())
        return f"{m.group(2)}-{mon:02d}" if mon else None
    m = _Y.match(t)
    if m:
        return m.group(1)
    m = _SLASH.match(t)
    if m:
        return _valid(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _years(a: int, b: int) -> list[str]:
    if b < a:
        a, b = b, a
    if b - a > 10:  # an implausibly wide span: keep the ends rather than invent a decade
        return [str(a), str(b)]
    return [str(y) for y in range(a, b + 1)]


def parse_dates(text: str) -> list[str]:
    """DOB text to ISO dates; `circa` and ranges (`1960 to 1962`) keep only the years.

    Returns [] when the text is not a date OFAC writes, so the caller can keep it as-is.
    """
    t = text.strip().rstrip(".").strip()
    circa = False
    if t.lower().startswith("circa"):
        circa, t = True, t[5:].strip()
    if " to " in t:
        lo, _, hi = t.partition(" to ")
        a, b = iso_date(lo), iso_date(hi)
        if a and b:
            return _years(int(a[:4]), int(b[:4]))
        return []
    m = _YEAR_RANGE.match(t)
    if m:
        return _years(int(m.group(1)), int(m.group(2)))
    d = iso_date(t)
    if d is None:
        return []
    return [d[:4]] if circa else [d]


# -- segment vocabulary ------------------------------------------------------------------

# Labels whose value is a document / registry / contact number: become Identifiers, typed
# with OFAC's own label so the CSV and the XML (idType) agree.
_ID_LABELS = (
    "Tax ID No.", "Registration Number", "Registration ID", "Passport", "Diplomatic Passport",
    "Passport Booklet", "National ID No.", "Cedula No.", "NIT #", "RUC #", "RIF #", "C.U.R.P.",
    "C.U.R.P. #", "R.F.C.", "R.F.C. #", "RFC", "C.U.I.", "C.U.I.T.", "C.U.I.P.", "C.R. No.",
    "C.I.F.", "D.N.I.", "Government Gazette Number", "Business Registration Number",
    "Business Registration Document #", "Business Number", "Identification Number",
    "Company Number", "UK Company Number", "Commercial Registry Number", "Legal Entity Number",
    "LE Number", "License", "Trade License No.", "V.A.T. Number", "Economic Register Number (CBLS)",
    "Chamber of Commerce Number", "Istanbul Chamber of Comm. No.",
    "Dubai Chamber of Commerce Membership No.", "Central Registration System Number",
    "Birth Certificate Number", "Driver's License No.", "Electoral Registry No.",
    "Credencial electoral", "Enterprise Number", "Branch Unit Number", "Public Registration Number",
    "National Foreign ID Number", "Personal ID Card", "Italian Fiscal Code", "Residency Number",
    "Cartilla de Servicio Militar Nacional", "I.F.E.", "US FEIN", "SSN", "Kenyan ID No.",
    "Travel Document Number", "RTN", "VisaNumberID", "Turkish Identification Number",
    "Numero de Identidad", "Certificate of Incorporation Number", "Citizen's Card Number",
    "Permit Number", "SRE Permit No.", "Registered Charity No.", "Folio Mercantil No.",
    "Matricula Mercantil No", "D-U-N-S Number", "Unified Social Credit Code (USCC)",
    "United Social Credit Code Certificate (USCCC)", "Organization Code", "BIK (RU)",
    "SWIFT/BIC", "ISIN", "Equity Ticker", "MMSI", "Website", "Email Address", "Phone Number",
    "Telephone", "Telephone No.", "PHONE", "Fax", "Fax No.", "FAX", "Refugee ID Card",
    "Romanian C.R.", "Tazkira National ID Card", "File Number", "Serial No.",
    "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Aircraft Mode S Transponder Code", "Aircraft Serial Identification",
    "Vessel Registration Identification", "UAE Identification", "Immigration No.",
    "Pilot License Number", "Military Registration Number",
    "Afghan Money Service Provider License Number",
    "Numero Unico de Identificacao Tributaria (NUIT)", "Paraguayan tax identification number",
)

# Descriptive attributes: not identifiers (a shared "Gender Male" or "Target Type" must not
# look like an identity match downstream), so they go to properties.
_PROP_LABELS: dict[str, tuple[str, str]] = {
    # label: (property key, how to read the value: text | date | country)
    "Gender": ("gender", "text"),
    "Organization Established Date": ("organization_established_date", "date"),
    "Organization Type": ("organization_type", "text"),
    "Target Type": ("target_type", "text"),
    "Secondary sanctions risk": ("secondary_sanctions_risk", "text"),
    "Additional Sanctions Information -": ("additional_sanctions_information", "text"),
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions":
        ("transactions_prohibited", "text"),
    "CAATSA Section 235 Information": ("caatsa_section_235", "text"),
    "IFCA Determination -": ("ifca_determination", "text"),
    "Aircraft Model": ("aircraft_model", "text"),
    "Aircraft Manufacture Date": ("aircraft_manufacture_date", "date"),
    "Aircraft Operator": ("aircraft_operator", "text"),
    "Former Vessel Flag": ("former_flag", "country"),
    "Other Vessel Flag": ("other_flag", "country"),
    "Other Vessel Type": ("other_vessel_type", "text"),
    "Other Vessel Call Sign": ("other_call_sign", "text"),
    "Vessel Year of Build": ("vessel_year_of_build", "text"),
    "Nationality of Registration": ("nationality_of_registration", "country"),
    "Issuer Name": ("issuer_name", "text"),
    "Chinese Commercial Code": ("chinese_commercial_code", "text"),
}


def _alternation(labels: list[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))


_ALT = r"(?:[Aa]lt\.\s+)?"
_LABELLED = re.compile(
    rf"^{_ALT}(?P<label>{_alternation(list(_ID_LABELS) + list(_PROP_LABELS))})"
    r"(?:\s*:\s*|\s+)(?P<rest>\S.*)$"
)
# Long tail of national document names: "<words> No./Number/#/ID/Code <value with a digit>".
_GENERIC_ID = re.compile(
    rf"^{_ALT}(?P<label>[A-Z][A-Za-z.'/()\- ]{{1,60}}?(?:No\.?|Number|#|ID|Code))"
    r"\s*:?\s+(?P<rest>[^\s]*\d.*)$"
)
_DIRECTIVE = re.compile(
    rf"^{_ALT}Executive Order \d+ (?:Directive (?:Determination|Information)|[Ii]nformation)")
_DATED = re.compile(
    rf"^{_ALT}(?P<what>Listing Date|Effective Date|Purchase/Sales For Divestment Date)"
    r"\s*(?:\((?P<qual>[^)]*)\))?\s*:?\s*(?P<date>.*)$"
)
_COIN = re.compile(rf"^{_ALT}(?P<label>Digital Currency Address - [A-Za-z0-9]+)\s+(?P<rest>\S.*)$")
_AKA = re.compile(rf"^{_ALT}(?P<kind>[afn])\.k\.a\.,?\s*(?P<name>.+)$")
_DOB = re.compile(rf"^{_ALT}DOB\s+(?P<v>.+)$")
_POB = re.compile(rf"^{_ALT}POB\s+(?P<v>.+)$")
_NAT = re.compile(rf"^{_ALT}(?:nationality|citizen)\s+(?P<v>.+)$")
_LINK = re.compile(r"^Linked To:\s*(?P<v>.+)$")
_TAIL = re.compile(r"^(?P<value>.*?)(?:\s*\((?P<country>[^()]*)\))?(?:\s+(?:issued|expires)\b.*)?$")
_IMO = re.compile(r"^IMO\s+(\d{7})$")
_ABBREV_END = re.compile(r"(?:\b(?:CO|LTD|INC|CORP|JSC|PJSC|CIA|LTDA|BHD|PTE|PLC|L\.L\.C|S\.A|S\.L"
                         r"|C\.V|S\.R\.L|S\.A\.S|N\.V|B\.V|G\.m\.b\.H|A\.G)|\b[A-Z])$")
_DATE_PROP_KEYS = {"Effective Date": "effective_date", "Listing Date": "listing_date",
                   "Purchase/Sales For Divestment Date": "divestment_date"}
_IMO_COMPANY_LABELS = ("Identification Number", "Company Number")
# Contact data: parentheses are dialling codes, never a country.
_VERBATIM_LABELS = frozenset(("Website", "Email Address", "Phone Number", "Telephone",
                              "Telephone No.", "PHONE", "Fax", "Fax No.", "FAX"))


def _unquote(name: str) -> str:
    """`'BNC'` -> `BNC`; `''FOOPIE''` -> `FOOPIE`; a lone leading ayn (`'ABD`) is kept."""
    n = name.strip()
    while len(n) > 2 and n[0] == "'" and n[-1] == "'":
        n = n[1:-1].strip()
    return n


def _identifier(label: str, rest: str, out: Remarks) -> None:
    rest = rest.strip().rstrip(".").strip()
    m = None if label in _VERBATIM_LABELS else _TAIL.match(rest)
    value, country = (m.group("value"), m.group("country")) if m else (rest, None)
    code = resolve_country(country) if country else None
    if country and code is None:  # a parenthesis that is not a country belongs to the value
        value = f"{value} ({country})"
    value = value.strip()
    if not value:
        out.prop("other", f"{label} {rest}")
        return
    imo = _IMO.match(value)
    if imo and label == "Vessel Registration Identification":
        out.identifiers.append(Identifier("IMO", imo.group(1), None))
        return
    if imo and label in _IMO_COMPANY_LABELS:
        out.identifiers.append(Identifier("IMO Company Number", imo.group(1), None))
        return
    ident = Identifier(label.rstrip(": "), value, code)
    if ident not in out.identifiers:
        out.identifiers.append(ident)


def _segment(seg: str, out: Remarks, last: bool) -> bool:
    """Read one `; `-separated segment into `out`; False when it is not understood."""
    m = _DOB.match(seg)
    if m:
        dates = parse_dates(m.group("v"))
        out.birth_dates.extend(d for d in dates if d not in out.birth_dates)
        return bool(dates)
    m = _POB.match(seg)
    if m:
        place = m.group("v").strip().rstrip(".").strip()
        if place and place not in out.birth_places:
            out.birth_places.append(place)
        return True
    m = _NAT.match(seg)
    if m:
        nat = _country_or_text(m.group("v"))
        if nat and nat not in out.nationalities:
            out.nationalities.append(nat)
        return True
    m = _AKA.match(seg)
    if m:
        name = m.group("name").strip()
        if name.endswith(".") and name[:-1].endswith("'"):
            name = name[:-1]
        name = _unquote(name)
        if name:
            out.names.append(Name(name, "weak_alias"))
        return bool(name)
    m = _LINK.match(seg[1:-1] if seg[:1] == "(" and seg[-1:] == ")" else seg)  # XML: (Linked..)
    if m:
        target = m.group("v").strip()
        # The remark's closing full stop is glued to the last target: drop it unless the
        # name itself ends in an abbreviation (`... CO., LTD.`); callers re-check names.
        if last and target.endswith(".") and not _ABBREV_END.search(target[:-1]):
            target = target[:-1].rstrip()
        if target:
            out.links.append(Link("linked_to", target))
        return bool(target)
    m = _DATED.match(seg)
    if m:
        iso = iso_date(m.group("date"))
        qual = (m.group("qual") or "").strip()
        if iso is None:
            return False
        if m.group("what") == "Listing Date" and qual == "CMIC":
            out.listed_on = out.listed_on or iso
            return True
        out.prop(_DATE_PROP_KEYS[m.group("what")], f"{iso} ({qual})" if qual else iso)
        return True
    if _DIRECTIVE.match(seg):
        out.prop("executive_order", seg.removeprefix("alt. ").rstrip("."))
        return True
    m = _COIN.match(seg) or _LABELLED.match(seg)
    if m:
        label, rest = m.group("label"), m.group("rest")
        spec = _PROP_LABELS.get(label)
        if spec is None:
            _identifier(label, rest, out)
            return True
        key, how = spec
        rest = rest.strip().rstrip(".").strip()
        if how == "date":
            out.prop(key, iso_date(rest) or rest)
        elif how == "country":
            out.prop(key, _country_or_text(rest))
        else:
            out.prop(key, rest)
        return True
    m = _GENERIC_ID.match(seg)
    if m:
        _identifier(m.group("label"), m.group("rest"), out)
        return True
    return False


def parse_remarks(text: str | None) -> Remarks:
    """Parse a Remarks text; never raises, unknown segments land in properties["other"]."""
    out = Remarks()
    if not text:
        return out
    try:
        segments = [s.strip() for s in text.split(";")]
        segments = [s for s in segments if s]
        for i, seg in enumerate(segments):
            if not _segment(seg, out, last=i == len(segments) - 1):
                out.prop("other", seg.rstrip(".") if i == len(segments) - 1 else seg)
    except Exception:  # noqa: BLE001 - a malformed remark must never stop a whole list
        out.prop("other", text)
    return out


def add_id(out: Remarks, id_type: str, number: str, country: str | None) -> None:
    """One XML idList item: same vocabulary as the CSV Remarks, so both paths agree.

    The XML splits a remark segment into idType / idNumber / idCountry; we rebuild the
    segment and read it like a Remarks segment. Anything not recognised is still a typed
    identifier here (the XML says so), unlike an unknown Remarks segment.
    """
    id_type, number = id_type.strip(), number.strip()
    if not number:
        return
    seg = f"{id_type} {number}" + (f" ({country.strip()})" if country and country.strip() else "")
    probe = Remarks()
    if _segment(seg, probe, last=False) and not probe.properties.get("other"):
        _merge(out, probe)
        return
    code = resolve_country(country) if country else None
    ident = Identifier(id_type.rstrip(": -").strip(), number, code)
    if ident not in out.identifiers:
        out.identifiers.append(ident)


def _merge(out: Remarks, part: Remarks) -> None:
    out.names.extend(part.names)
    out.birth_dates.extend(d for d in part.birth_dates if d not in out.birth_dates)
    out.birth_places.extend(p for p in part.birth_places if p not in out.birth_places)
    out.nationalities.extend(n for n in part.nationalities if n not in out.nationalities)
    out.identifiers.extend(i for i in part.identifiers if i not in out.identifiers)
    out.links.extend(part.links)
    out.listed_on = out.listed_on or part.listed_on
    for k, vals in part.properties.items():
        for v in vals:
            out.prop(k, v)
