"""`tradescreen scan` end to end: JSON, the HTML report, stdin, and the exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradescreen.cli import app
from tradescreen.screen import Screener

from .conftest import CORPUS, minimal_pdf

runner = CliRunner()


def test_json(screener: Screener) -> None:
    res = runner.invoke(app, ["scan", str(CORPUS / "us_blacklist_en.txt"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    text = data["text"]
    assert text == (CORPUS / "us_blacklist_en.txt").read_text(encoding="utf-8")
    for m in data["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
        assert {"id", "dataset", "caption", "score", "explanation"} <= set(m)
    captions = " ".join(e["caption"].lower() for e in data["entities"])
    for firm in ("hikvision", "dji", "huawei"):
        assert firm in captions
    assert all(e["count"] >= 1 for e in data["entities"])
    assert data["source"]["kind"] == "text"


def test_stdin_and_table(screener: Screener) -> None:
    res = runner.invoke(app, ["scan", "-"], input="Officials met DJI in Shenzhen.")
    assert res.exit_code == 0, res.output
    assert "DJI" in res.stdout and "1 mention" in res.stdout
    res = runner.invoke(app, ["scan", "-"], input="Officials met in Shenzhen.")
    assert res.exit_code == 0 and "No listed party" in res.stdout


def test_html_report(screener: Screener, tmp_path: Path) -> None:
    src = tmp_path / "doc.txt"
    src.write_text("<script>alert(1)</script> Hikvision & DJI said \"no\".\nHikvision again.",
                   encoding="utf-8")
    out = tmp_path / "reports" / "r.html"
    res = runner.invoke(app, ["scan", str(src), "--html", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<mark ") == 3
    assert "Entity List" in page  # the list's title in the side table
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no external assets
    assert "<style>" in page
    assert [p.name for p in out.parent.iterdir()] == ["r.html"]  # no temp file left


def test_pdf_file(screener: Screener, tmp_path: Path) -> None:
    p = tmp_path / "invoice.pdf"
    p.write_bytes(minimal_pdf(["COMMERCIAL INVOICE", "Consignee: Inspur Group Co., Ltd., Jinan",
                               "Shipper: Nordic Precision Instruments AB, Stockholm"]))
    res = runner.invoke(app, ["scan", str(p), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [m["text"] for m in data["mentions"]] == ["Inspur Group Co., Ltd."]
    assert data["source"]["kind"] == "pdf"


def test_bad_input_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    image_pdf = tmp_path / "scan.pdf"
    image_pdf.write_bytes(minimal_pdf([], text=False))
    for path, word in ((empty, "empty"), (binary, "binary"), (image_pdf, "no text layer"),
                       (tmp_path / "missing.txt", "not found")):
        res = runner.invoke(app, ["scan", str(path)])
        assert res.exit_code == 2, (path, res.output)
        assert word in res.output.replace("\n", " ")
    res = runner.invoke(app, ["scan", str(CORPUS / "traps_en.txt"), "--html", str(tmp_path)])
    assert res.exit_code == 2


def test_threshold_option(screener: Screener) -> None:
    res = runner.invoke(app, ["scan", "-", "--json", "--threshold", "1"],
                        input="Dahua Technology and Hikvision were named.")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert all(m["score"] >= 1.0 for m in data["mentions"])
    assert data["threshold"] == 1.0


def test_long_text_json_is_streamed(screener: Screener, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from tradescreen.commands import scan as scan_cmd

    monkeypatch.setattr(scan_cmd, "STREAM_JSON_CHARS", 10)
    text = 'Officials said "DJI" and\nHikvision\\ would appeal. ' * 50
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["scan", str(p), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["text"] == text
    assert len(data["mentions"]) == 100


def test_scan_index_is_built_once(screener: Screener) -> None:
    from tradescreen.scan.index import scan_index

    assert scan_index(screener) is scan_index(screener)
