"""The CLI end to end on the bundled snapshot: lists, show, check, compare."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradescreen.cli import app

runner = CliRunner()


def run_json(*args: str) -> dict[str, object]:
    res = runner.invoke(app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    data: dict[str, object] = json.loads(res.stdout)
    return data


def test_lists_reports_every_dataset_with_counts() -> None:
    data = run_json("lists")
    rows = {r["name"]: r for r in data["datasets"]}  # type: ignore[union-attr]
    for name in ("us_bis_el", "us_ofac_sdn", "us_ofac_cons", "un_sc", "eu_fsf", "gb_fcdo"):
        assert name in rows
        assert rows[name]["as_of"]
        assert set(rows[name]) >= {"name", "title", "publisher", "as_of", "entities", "names"}
    assert rows["us_bis_el"]["entities"] >= 3400
    assert rows["us_ofac_sdn"]["entities"] >= 14900


def test_check_hikvision_finds_entity_list_and_ns_cmic() -> None:
    data = run_json("check", "Hikvision", "--limit", "50")
    matches = data["matches"]
    assert isinstance(matches, list)
    datasets = {m["dataset"] for m in matches}
    assert {"us_bis_el", "us_ofac_cons"} <= datasets
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    for m in matches:
        assert set(m) >= {"id", "dataset", "schema", "caption", "matched_name", "score",
                          "programs", "listed_on", "explanation"}
        assert m["explanation"]


def test_check_dji_variants_find_the_entity_list_entry() -> None:
    for q in ("SZ DJI Technology", "DJI", "大疆创新", "Da-Jiang Innovations"):
        data = run_json("check", q)
        captions = [m["caption"] for m in data["matches"]]  # type: ignore[union-attr]
        assert any("DJI" in c.upper() for c in captions), (q, captions)


def test_threshold_filters() -> None:
    data = run_json("check", "Hikvision", "--threshold", "0.99")
    assert all(m["score"] >= 0.99 for m in data["matches"])  # type: ignore[union-attr]


def test_show_returns_full_record() -> None:
    m = run_json("check", "Hangzhou Hikvision Digital Technology Co., Ltd.")["matches"][0]  # type: ignore[index]
    rec = run_json("show", m["id"])
    assert rec["id"] == m["id"]
    assert rec["names"]


@pytest.mark.parametrize("args", [["show", "nope:123"], ["check", "   "], ["check", "..."],
                                  ["check", "x", "--schema", "Planet"]])
def test_bad_input_exits_2(args: list[str]) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert "error" in res.output.lower() or "usage" in res.output.lower()


def test_compare_json_and_pairs(tmp_path: Path) -> None:
    data = run_json("compare", "DJI", "SZ DJI Technology Co., Ltd.", "--schema", "Organization")
    assert data["match"] is True and 0 < data["score"] <= 1  # type: ignore[operator]
    src = tmp_path / "in.csv"
    src.write_text("id,name1,name2,schema\n1,Hikvision,Hangzhou Hikvision Digital Technology Co., Ltd.,"
                   "Organization\n2,Acme Bakery,Huawei Technologies Co. Ltd.,Organization\n3,,x,\n",
                   encoding="utf-8")
    dst = tmp_path / "out.csv"
    res = runner.invoke(app, ["compare", "--pairs", str(src), "--out", str(dst)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["match"] == "true" and rows[1]["match"] == "false" and rows[2]["score"] == ""


def test_compare_pairs_missing_column_names_columns(tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    res = runner.invoke(app, ["compare", "--pairs", str(src), "--out", str(dst)])
    assert res.exit_code == 2
    assert "name1" in res.output and "a, b" in res.output
    assert not dst.exists()
