"""File (or stdin) -> text for `scan`: plain text, Markdown, HTML main text, PDF.

The format is told from the content first (``%PDF-``, an HTML tag near the top), then
the extension. Text encodings are detected (UTF-8 and UTF-16 with BOM directly, anything
else through charset-normalizer). Anything unusable raises ExtractError with a message
that says why: a binary file, an empty file, an encrypted or image-only PDF, a file above
the size limit.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 64 * 1024 * 1024  # bigger input is refused, so memory stays bounded
SNIFF = 8192

HTML_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
             "form", "svg", "iframe", "head", "button", "select")
HTML_BLOCKS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table thead tbody "
    "tfoot caption blockquote pre figure figcaption address hr td th title body".split())
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|p|div)\b", re.I)


class ExtractError(ValueError):
    """The input cannot be turned into text; the message says why."""


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    kind: str  # text | markdown | html | pdf
    encoding: str | None
    source: str


def read_source(source: str | Path, stdin: BinaryIO | None = None) -> Extracted:
    """Text of a file path, or of standard input when `source` is "-"."""
    name = str(source)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        return extract_bytes(data, "<stdin>")
    path = Path(name)
    if not path.exists():
        raise ExtractError(f"{name}: file not found")
    if path.is_dir():
        raise ExtractError(f"{name}: is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractError(_too_big(name, size))
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ExtractError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return extract_bytes(data, name)


def _too_big(name: str, size: int) -> str:
    return (f"{name}: {size / 1e6:.1f} MB is more than the {MAX_BYTES // (1024 * 1024)} MiB "
            "scan limit; split the file and scan the parts")


def extract_bytes(data: bytes, name: str = "<input>") -> Extracted:
    """Text of a document held in memory; the kind is sniffed from content and name."""
    if len(data) > MAX_BYTES:
        raise ExtractError(_too_big(name, len(data)))
    if not data.strip():
        raise ExtractError(f"{name}: the file is empty; there is no text to scan")
    head = data[:SNIFF]
    suffix = Path(name).suffix.lower()
    if head.lstrip()[:5] == b"%PDF-" or suffix == ".pdf":
        return Extracted(pdf_text(data, name), "pdf", None, name)
    text, encoding = decode(data, name)
    if suffix in (".html", ".htm", ".xhtml") or (
            suffix not in (".txt", ".md", ".markdown", ".text") and _HTML_SNIFF.search(head)):
        return Extracted(html_text(text, name), "html", encoding, name)
    kind = "markdown" if suffix in (".md", ".markdown") else "text"
    return Extracted(text, kind, encoding, name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> str: BOMs and UTF-8 first, then charset-normalizer; binary is refused."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                     (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _no_controls(data.decode(enc), name), enc
            except UnicodeDecodeError as exc:
                raise ExtractError(f"{name}: not valid {enc} text ({exc.reason})") from exc
    if b"\x00" in data[:SNIFF]:
        raise ExtractError(f"{name}: looks like a binary file (NUL bytes); scan reads text, "
                           "Markdown, HTML and PDF")
    try:
        return _no_controls(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ExtractError(f"{name}: not text in any encoding that could be detected "
                           "(a binary file?)")
    encoding = best.encoding
    if encoding in _LATIN_GUESSES:
        try:  # single-byte Latin code pages are hard to tell apart: Western Europe first
            return _no_controls(data.decode("cp1252"), name), "cp1252"
        except UnicodeDecodeError:
            pass
    try:
        return _no_controls(data.decode(encoding), name), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise ExtractError(f"{name}: could not be decoded as {best.encoding}") from exc


_LATIN_GUESSES = frozenset("cp1250 cp1252 cp1257 latin_1 iso8859_1 iso8859_2 iso8859_4 iso8859_9 "
                           "iso8859_10 iso8859_13 iso8859_14 iso8859_15 iso8859_16 mac_latin2 "
                           "mac_roman cp1254 cp850 cp437".split())
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _no_controls(text: str, name: str) -> str:
    """Refuse text that is mostly control characters (a binary file that decoded)."""
    sample = text[:SNIFF]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise ExtractError(f"{name}: looks like a binary file (control characters); scan "
                           "reads text, Markdown, HTML and PDF")
    return text


def html_text(html: str, name: str = "<html>") -> str:
    """The readable text of a page: no script, style, navigation, header, footer or aside.

    Block elements become paragraphs; inline elements run together, so a name split over
    <b>...</b> stays one name. A <main> or <article> element, when present, is the text.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for tag in HTML_DROP:
        for node in tree.css(tag):
            node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if root is None:
        raise ExtractError(f"{name}: the page has no readable text outside scripts and menus")
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        tag = node.tag or ""
        if tag == "-text":
            parts.append(_SPACE.sub(" ", node.text_content or ""))
        elif tag == "br":
            parts.append("\n")
        elif tag in HTML_BLOCKS:
            parts.append("\n\n")
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ExtractError(f"{name}: the page has no readable text outside scripts and menus")
    return text


def pdf_text(data: bytes, name: str = "<pdf>") -> str:
    """The text layer of a PDF, page by page; encrypted and image-only PDFs are refused."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - the scan extra brings it
        raise ExtractError("reading PDF needs pypdf: pip install 'tradescreen[scan]'") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - any failure here means "cannot open"
                raise ExtractError(f"{name}: the PDF is encrypted and cannot be opened "
                                   "without its password") from exc
            if not ok:
                raise ExtractError(f"{name}: the PDF is encrypted and cannot be opened "
                                   "without its password")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError) as exc:
        raise ExtractError(f"{name}: not a readable PDF ({exc.__class__.__name__}: "
                           f"{str(exc)[:200]})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ExtractError(f"{name}: the PDF has no text layer (scanned images?); run OCR "
                           "on it first")
    return text
