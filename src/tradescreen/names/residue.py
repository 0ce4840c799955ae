"""Names as they arrive in real documents carry residue: payment-message labels
("BENEFICIARY:"), branches ("- Malindi Branch"), former names ("(ex-Pacific Sower)"),
care-of lines, addresses and ports of registry after a comma. Screening compares the
name, so the residue is cut off and alternative names become separate candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LABEL = re.compile(
    r"^\s*(?:(?:ordering\s+customer|beneficiary(?:\s+customer)?|shipper|consignee|notify\s+party|"
    r"applicant|payer|payee|buyer|seller|importer|exporter|field\s+\d+[a-z]?|messrs\.?|attn\.?)"
    r"\s*[:.]?\s+)",
    re.IGNORECASE,
)
_ALT = re.compile(
    r"\s*[\(\[]\s*(?:ex|formerly|f/k/a|fka|a\.?k\.?a\.?|aka|also known as|n/k/a|now)[\s\-.:]+"
    r"([^\)\]]+)[\)\]]",
    re.IGNORECASE,
)
_BRANCH = re.compile(
    r"(?:\s*[-,(]\s*[^,()\-]{1,40}\bbranch\)?\s*$)|(?:\s*\([^()]*\bbranch\)\s*$)", re.IGNORECASE
)
_CARE_OF = re.compile(r"\s+c/o\s+.*$", re.IGNORECASE)
_VOYAGE = re.compile(r"\s+v(?:oy)?\.?\s?\d+[a-z]?\b", re.IGNORECASE)
_FLAG = re.compile(r"\s*\([^()]*\bflag\)\s*$", re.IGNORECASE)
_ADDRESS_TAIL = re.compile(r",\s*(?:\d|p\.?\s?o\.?\s+box\b).*$", re.IGNORECASE)
_VESSEL = re.compile(r"^\s*(?:m/?v|m/?t|m\.\s?[vt]\.|n/m|t/b|s/?s|f/v)\b", re.IGNORECASE)
_PORT_TAIL = re.compile(r"\s*(?:,\s*(?:port\s+(?:of\s+|d')?)?[^,]{2,30}|\([^()]{2,30}\))\s*$",
                        re.IGNORECASE)


@lru_cache(maxsize=65536)
def alternatives(name: str) -> tuple[str, ...]:
    """The name without residue, followed by any alternative names written inside it."""
    text = _LABEL.sub("", name, count=1)
    alts = [m.group(1).strip() for m in _ALT.finditer(text)]
    text = _ALT.sub("", text)
    text = _CARE_OF.sub("", text)
    text = _VOYAGE.sub("", text)  # HALVERSTONE SPIRIT V.214W: a voyage, not the name
    text = _FLAG.sub("", text)
    text = _BRANCH.sub("", text)
    text = _ADDRESS_TAIL.sub("", text)
    if _VESSEL.match(text):
        text = _PORT_TAIL.sub("", text)
    text = text.strip(" ,;-")
    out = [text or name.strip()] + [a for a in alts if a]
    return tuple(dict.fromkeys(out))
