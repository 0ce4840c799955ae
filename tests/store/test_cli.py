"""The list-upkeep commands end to end: update, versions, diff, watch, alerts, lists."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import NSF

pytest.importorskip("sqlalchemy")

from typer.testing import CliRunner  # noqa: E402

from tradescreen.cli import app  # noqa: E402

runner = CliRunner()
FCC = "us_fcc_covered"


def invoke(*args: str, code: int = 0) -> Any:
    res = runner.invoke(app, list(args))
    assert res.exit_code == code, (res.exit_code, res.output)
    return res


def as_json(*args: str, code: int = 0) -> Any:
    return json.loads(invoke(*args, "--json", code=code).stdout)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_update_diff_versions(store: str, nsf_file: Callable[..., Path]) -> None:
    doc = as_json("update", "-d", FCC, "--from", str(NSF / "fcc_covered.json"))
    [r] = doc["results"]
    assert r["status"] == "updated" and r["entities"] == 13 and r["summary"] == (
        "13 added, 0 removed, 0 changed")
    assert doc["alerts"] == []
    again = as_json("update", "-d", FCC, "--from", str(NSF / "fcc_covered.json"))
    assert again["results"][0]["status"] == "unchanged"

    res = invoke("diff", "-d", FCC, code=2)
    assert "a diff needs two" in flat(res.output)

    smaller = nsf_file("fcc_covered", lambda e: e[2:])
    res = invoke("update", "-d", FCC, "--from", str(smaller), "--as-of", "2026-08-01")
    assert "updated to version" in flat(res.stdout) and "2 removed" in flat(res.stdout)
    d = as_json("diff", "-d", FCC)
    assert d["summary"] == "0 added, 2 removed, 0 changed"
    assert d["to"]["as_of"] == "2026-08-01" and len(d["removed"]) == 2
    assert {"id", "caption", "schema", "programs"} <= set(d["removed"][0])
    text = flat(invoke("diff", "-d", FCC, "--from", str(d["from"]["version"]),
                       "--to", str(d["to"]["version"])).stdout)
    assert "0 added, 2 removed, 0 changed" in text
    invoke("diff", "-d", FCC, "--from", "9999", code=2)

    vers = as_json("versions", "-d", FCC)["versions"]
    assert [v["version"] for v in vers] == [d["to"]["version"], d["from"]["version"]]


def test_update_failures_exit_codes(store: str, tmp_path: Path) -> None:
    bad = tmp_path / "fcc.json"
    bad.write_text('{"list_id": "fcc-covered", "count": 1, "entities": [', "utf-8")
    res = invoke("update", "-d", FCC, "--from", str(bad), code=2)
    assert "not valid JSON" in flat(res.output) and str(bad) in flat(res.output)
    doc = as_json("update", "-d", FCC, "--from", str(bad), code=2)
    assert doc["results"][0]["status"] == "failed"
    res = invoke("update", "-d", "nope", code=2)
    assert "unknown dataset 'nope'" in flat(res.output)
    res = invoke("update", "--from", str(bad), code=2)
    assert "exactly one --dataset" in flat(res.output)
    res = invoke("update", "-d", "us_dod_1286", code=2)
    assert "--from PATH_OR_URL" in flat(res.output)
    invoke("update", "-d", FCC, "--from", str(bad), "--as-of", "last week", code=2)


def test_download_failure_exits_3(store: str, httpserver: Any) -> None:
    httpserver.expect_request("/f.json").respond_with_data("down", status=503)
    res = invoke("update", "-d", FCC, "--from", httpserver.url_for("/f.json"),
                 "--retries", "0", code=3)
    assert "HTTP 503" in flat(res.output)


def test_watch_and_alerts(store: str, tmp_path: Path) -> None:
    p = as_json("watch", "add", "Huawei Technologies Company", "--schema", "Organization",
                "--ref", "c-9")
    assert p["name"] == "Huawei Technologies Company" and p["ref"] == "c-9"
    invoke("watch", "add", "X", "--schema", "Company", code=2)
    f = tmp_path / "w.csv"
    f.write_text("name,country\nZTE Corporation,CN\nHikvision,\n", "utf-8")
    assert as_json("watch", "import", str(f)) == {"added": 2, "skipped": 0}
    bad = tmp_path / "bad.csv"
    bad.write_text("firm\nZTE\n", "utf-8")
    assert "no 'name' column" in flat(invoke("watch", "import", str(bad), code=2).output)
    parties = as_json("watch", "list")["parties"]
    assert [x["name"] for x in parties] == ["Huawei Technologies Company", "ZTE Corporation",
                                            "Hikvision"]
    assert "removed party" in invoke("watch", "remove", str(parties[2]["id"])).stdout
    invoke("watch", "remove", "999", code=2)

    doc = as_json("update", "-d", FCC, "--from", str(NSF / "fcc_covered.json"))
    names = {a["party"] for a in doc["alerts"]}
    assert {"Huawei Technologies Company", "ZTE Corporation"} <= names
    alerts = as_json("alerts")["alerts"]
    assert {a["party"] for a in alerts} == names
    a = alerts[0]
    assert {"party", "entity_id", "caption", "dataset", "version", "score"} <= set(a)
    invoke("alerts", "--ack", str(a["id"]))
    assert len(as_json("alerts")["alerts"]) == len(alerts) - 1
    assert len(as_json("alerts", "--all")["alerts"]) == len(alerts)
    assert "New alerts" not in invoke("alerts").stdout


def test_lists_shows_store_version(store: str) -> None:
    from tradescreen import snapshot

    try:
        snapshot.manifest()
    except (FileNotFoundError, OSError):
        pytest.skip("the bundled snapshot is not built")
    doc = as_json("update", "-d", FCC, "--from", str(NSF / "fcc_covered.json"))
    version = doc["results"][0]["version"]
    rows = {r["name"]: r for r in as_json("lists")["datasets"]}
    assert rows[FCC]["origin"] == "store" and rows[FCC]["version"] == version
    assert rows[FCC]["entities"] == 13 and rows[FCC]["as_of"] == "2026-07-09"
    assert rows["un_sc"]["origin"] == "snapshot" and rows["un_sc"]["version"] is None
