"""File -> text: formats, encodings and the inputs that must be refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tradescreen.scan import extract
from tradescreen.scan.extract import ExtractError, extract_bytes, read_source

from .conftest import CORPUS, minimal_pdf


def test_plain_and_markdown(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text("# Title\n\nHuawei **Technologies** news.\n", encoding="utf-8")
    doc = read_source(p)
    assert doc.kind == "markdown" and doc.text.startswith("# Title")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5",
                                      "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = ("美国商务部将华为技术有限公司列入实体清单。" * 20 if encoding in ("gb18030", "utf-8", "utf-16")
            else "美國商務部將華為技術有限公司列入實體清單。" * 20 if encoding == "big5"
            else "Société Générale and Hikvision – café déjà vu. " * 20)
    p = tmp_path / "t.txt"
    p.write_bytes(text.encode(encoding))
    doc = read_source(p)
    assert doc.text.lstrip("\ufeff") == text


def test_html_main_text_only() -> None:
    doc = read_source(CORPUS / "page.html")
    assert doc.kind == "html"
    assert "SZ DJI Technology Co., Ltd." in doc.text
    for noise in ("trending", "Megvii", "Breaking", "ZTE", "SenseTime", "Hytera", "Dahua",
                  "Related", "document.write", "color: red"):
        assert noise not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay apart


def test_html_sniffed_without_extension() -> None:
    doc = extract_bytes(b"<!doctype html><html><body><p>Hello <b>Hikvision</b> "
                        b"Digital</p><script>x()</script></body></html>", "page")
    assert doc.kind == "html" and doc.text == "Hello Hikvision Digital"


def test_pdf_text() -> None:
    doc = extract_bytes(minimal_pdf(["Buyer: Inspur Group Co., Ltd.", "Seller: Acme GmbH"]),
                        "order.pdf")
    assert doc.kind == "pdf"
    assert "Inspur Group Co., Ltd." in doc.text and "Acme GmbH" in doc.text


def test_image_only_pdf_is_refused() -> None:
    with pytest.raises(ExtractError, match="no text layer"):
        extract_bytes(minimal_pdf([], text=False), "scan.pdf")


def test_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(minimal_pdf(["Huawei Technologies"]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ExtractError, match="encrypted"):
        extract_bytes(buf.getvalue(), "locked.pdf")


def test_broken_pdf_is_refused() -> None:
    with pytest.raises(ExtractError, match="PDF"):
        extract_bytes(b"%PDF-1.4\n1 0 obj garbage\n%%EOF", "broken.pdf")


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (bytes(range(1, 32)) * 300, "binary"),
])
def test_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        extract_bytes(data, "input.bin")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="not found"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(ExtractError, match="folder"):
        read_source(tmp_path)


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_text("Huawei " * 500, encoding="utf-8")
    with pytest.raises(ExtractError, match="limit"):
        read_source(p)
    with pytest.raises(ExtractError, match="limit"):
        read_source("-", stdin=io.BytesIO(b"x" * 2000))


def test_stdin() -> None:
    doc = read_source("-", stdin=io.BytesIO(b"DJI said so."))
    assert doc.text == "DJI said so." and doc.source == "<stdin>"
