"""Free-text screening: find every listed party named in an article, contract or invoice.

extract (file -> text) -> chunks (text -> candidate spans) -> index (Aho-Corasick over
distinctive name words) -> rules (what is not a name) -> mentions (spans scored by the
matcher) -> report (self-contained HTML).
"""

from tradescreen.scan.mentions import Mention, ScanResult, scan_text

__all__ = ["Mention", "ScanResult", "scan_text"]
