"""Bad input fails clearly (exit 2, OUTPUT untouched) or is handled, never silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradescreen.batch.engine import BatchInputError, BatchOptions
from tradescreen.batch.runner import run_batch
from tradescreen.cli import app
from tradescreen.screen import Screener

from .conftest import leftovers, read_rows, write_rows

runner = CliRunner()


def batch(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["batch", *args])
    return res.exit_code, " ".join(res.output.split())  # rich wraps long lines


def test_missing_name_column_lists_the_columns(tmp_path: Path) -> None:
    inp = write_rows(tmp_path / "in.csv", [{"company": "Acme", "country": "DE"}])
    out = tmp_path / "out.csv"
    code, text = batch(str(inp), "--out", str(out))
    assert code == 2
    assert "no column 'name'" in text and "'company', 'country'" in text
    assert not out.exists() and leftovers(tmp_path) == []
    code, text = batch(str(inp), "--out", str(out), "--name-column", "company",
                       "--country-column", "land")
    assert code == 2 and "no column 'land' (--country-column)" in text


def test_unknown_extensions(tmp_path: Path) -> None:
    inp = write_rows(tmp_path / "in.csv", [{"name": "Acme"}])
    code, text = batch(str(inp), "--out", str(tmp_path / "out.xlsx"))
    assert code == 2 and "unknown file type '.xlsx'" in text and ".parquet" in text
    (tmp_path / "in.json").write_text('[{"name": "Acme"}]')
    code, text = batch(str(tmp_path / "in.json"), "--out", str(tmp_path / "out.csv"))
    assert code == 2 and "use .jsonl for JSON Lines" in text
    code, text = batch(str(tmp_path / "nope.csv"), "--out", str(tmp_path / "out.csv"))
    assert code == 2 and "file not found" in text
    assert not (tmp_path / "out.csv").exists()


def test_option_mistakes(tmp_path: Path) -> None:
    inp = write_rows(tmp_path / "in.csv", [{"name": "Acme"}])
    out = str(tmp_path / "out.csv")
    code, text = batch(str(inp), "--out", out, "--engine", "dask")
    assert code == 2 and "unknown engine 'dask'" in text
    code, text = batch(str(inp), "--out", out, "--spark-master", "local[2]")
    assert code == 2 and "--spark-master needs --engine spark" in text
    code, text = batch(str(inp), "--out", out, "--engine", "spark", "--workers", "2")
    assert code == 2 and "--spark-master 'local[N]'" in text
    assert not (tmp_path / "out.csv").exists()


def test_latin1_input_is_detected_and_read(tmp_path: Path, screener: Screener) -> None:
    inp = tmp_path / "in.csv"
    text = "name,city\nMüller Maschinenbau GmbH,Zürich\nSociété Générale,Paris\nHikvision,Hangzhou\n"
    inp.write_bytes(text.encode("cp1252"))
    out = tmp_path / "out.csv"
    notes: list[str] = []
    run_batch(inp, out, workers=1, screener=screener, progress=False, notify=notes.append)
    rows = read_rows(out)
    assert [r["name"] for r in rows] == ["Müller Maschinenbau GmbH", "Société Générale",
                                         "Hikvision"]
    assert rows[0]["city"] == "Zürich" and rows[2]["top_id"] == "test:hik"
    assert notes and "not UTF-8" in notes[0] and "line 2" in notes[0]


def test_bad_utf8_after_the_sample_names_the_line(tmp_path: Path,
                                                  screener: Screener) -> None:
    inp = tmp_path / "in.csv"
    body = "".join(f"Company {i} Ltd\n" for i in range(6000))  # > the 64 KiB sample
    inp.write_bytes(b"name\n" + body.encode() + b"Caf\xe9 Paris\n")
    out = tmp_path / "out.csv"
    with pytest.raises(BatchInputError, match=r"not valid utf-8 on line 6002"):
        run_batch(inp, out, workers=1, screener=screener, progress=False)
    assert not out.exists() and leftovers(tmp_path) == []


def test_forced_encoding(tmp_path: Path, screener: Screener) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_bytes('{"name": "Müller"}\n'.encode("cp1252"))
    out = tmp_path / "out.jsonl"
    run_batch(inp, out, workers=1, screener=screener, progress=False, encoding="latin-1")
    assert read_rows(out)[0]["input"]["name"] == "Müller"
    code, text = batch(str(inp), "--out", str(out), "--encoding", "klingon")
    assert code == 2 and "unknown encoding 'klingon'" in text


def test_spreadsheet_saved_as_csv(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    inp.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    code, text = batch(str(inp), "--out", str(tmp_path / "out.csv"))
    assert code == 2 and "spreadsheet" in text


def test_empty_names_keep_their_row(tmp_path: Path, screener: Screener) -> None:
    rows = [{"name": "Hikvision"}, {"name": ""}, {"name": "  "}, {"name": "Hikvision"}]
    inp = write_rows(tmp_path / "in.csv", rows)
    out = tmp_path / "out.csv"
    stats = run_batch(inp, out, workers=1, screener=screener, progress=False)
    got = read_rows(out)
    assert [r["match_count"] for r in got] == ["1", "0", "0", "1"]
    assert stats.empty_names == 2
    # JSON Lines: null, missing and non-string names too
    inp2 = tmp_path / "in.jsonl"
    inp2.write_text('{"name": null}\n{"other": 1}\n{"name": 42}\n\n{"name": "Hikvision"}\n')
    out2 = tmp_path / "out.jsonl"
    run_batch(inp2, out2, workers=1, screener=screener, progress=False)
    got2 = read_rows(out2)
    assert [len(r["matches"]) for r in got2] == [0, 0, 0, 1]
    assert [r["row"] for r in got2] == [0, 1, 2, 3]


def test_ragged_csv_row_is_an_error_with_its_line(tmp_path: Path) -> None:
    inp = tmp_path / "in.csv"
    inp.write_text('name,country\nAcme,DE\n"Multi\nline",FR\nBeta,US,extra\nGamma,CN\n')
    out = tmp_path / "out.csv"
    out.write_text("previous result\n")
    code, text = batch(str(inp), "--out", str(out))
    assert code == 2
    assert "line 5" in text and "expected 2 fields" in text and "found 3" in text
    assert out.read_text() == "previous result\n"  # untouched
    assert leftovers(tmp_path) == []
    short = tmp_path / "short.csv"
    short.write_text("name,country,id\nAcme,DE,1\nBeta\n")
    code, text = batch(str(short), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "line 3" in text and "found 1" in text


def test_bad_jsonl_lines(tmp_path: Path, screener: Screener) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"name": "A"}\n{"name": "B"\n')
    with pytest.raises(BatchInputError, match="line 2: not valid JSON"):
        run_batch(inp, tmp_path / "o.jsonl", workers=1, screener=screener, progress=False)
    inp.write_text('{"name": "A"}\n["B"]\n')
    with pytest.raises(BatchInputError, match="line 2: expected a JSON object"):
        run_batch(inp, tmp_path / "o.jsonl", workers=1, screener=screener, progress=False)


def test_not_parquet(tmp_path: Path) -> None:
    inp = tmp_path / "in.parquet"
    inp.write_text("name\nAcme\n")
    code, text = batch(str(inp), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "not a readable Parquet file" in text


def test_formula_cells_are_escaped_in_csv_output(tmp_path: Path, screener: Screener) -> None:
    cells = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rCR", "-12.5", "+44", "1e5",
             "plain", "=Hyperlink Trading Ltd"]
    rows = [{"name": c, "note": c} for c in cells]
    inp = write_rows(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.csv"
    run_batch(inp, out, workers=1, screener=screener, progress=False)
    got = read_rows(out)
    want = ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tTab", "'\rCR", "-12.5", "+44", "1e5",
            "plain", "'=Hyperlink Trading Ltd"]
    assert [r["note"] for r in got] == want
    assert [r["name"] for r in got] == want
    assert got[-1]["top_caption"] == "'=Hyperlink Trading Ltd"  # result cells too
    # Parquet and JSON Lines are data, not spreadsheets: left as they are
    out2 = tmp_path / "out.jsonl"
    run_batch(inp, out2, workers=1, screener=screener, progress=False)
    assert [r["input"]["note"] for r in read_rows(out2)] == cells
    assert read_rows(out2)[-1]["matches"][0]["caption"] == "=Hyperlink Trading Ltd"


def test_header_only_input_gives_empty_output(tmp_path: Path, screener: Screener) -> None:
    inp = tmp_path / "in.csv"
    inp.write_text("name,country\n")
    for dst in ("out.csv", "out.parquet", "out.jsonl"):
        out = tmp_path / dst
        stats = run_batch(inp, out, BatchOptions(), workers=1, screener=screener,
                          progress=False)
        assert stats.rows == 0 and out.exists() and read_rows(out) == []
    assert (tmp_path / "out.csv").read_text().startswith('"name","country","match_count"')
    (tmp_path / "empty.csv").write_text("")
    code, text = batch(str(tmp_path / "empty.csv"), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "empty" in text


def test_semicolon_csv_is_recognised(tmp_path: Path, screener: Screener) -> None:
    inp = tmp_path / "in.csv"
    inp.write_text("name;country\nHikvision;CN\nAcme, Inc.;US\n")
    out = tmp_path / "out.jsonl"
    notes: list[str] = []
    run_batch(inp, out, workers=1, screener=screener, progress=False, notify=notes.append)
    got = read_rows(out)
    assert [r["input"] for r in got] == [{"name": "Hikvision", "country": "CN"},
                                         {"name": "Acme, Inc.", "country": "US"}]
    assert any("';'" in n for n in notes)
    assert json.dumps(got[0]["matches"][0]["id"]) == '"test:hik"'
