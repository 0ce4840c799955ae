"""Saved parties: add, list, remove, CSV import (all or nothing), and alerts after updates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import NSF

pytest.importorskip("sqlalchemy")

from tradescreen import store as st  # noqa: E402
from tradescreen.store import watch  # noqa: E402

FCC = "us_fcc_covered"


def _parties() -> list[watch.Party]:
    with st.read() as conn:
        return watch.parties(conn)


def test_add_list_remove(store: str) -> None:
    with st.write() as conn:
        p = watch.add(conn, "  Huawei   Technologies ", "organization", "CN", "cust-1")
    assert (p.name, p.schema, p.country, p.ref) == ("Huawei Technologies", "Organization",
                                                     "CN", "cust-1")
    [got] = _parties()
    assert got.to_dict()["name"] == "Huawei Technologies" and got.to_dict()["created_at"]
    with st.write() as conn, pytest.raises(watch.WatchError, match=f"already saved as party {p.id}"):
        watch.add(conn, "huawei technologies", "Organization", "CN", "cust-1")
    with st.write() as conn, pytest.raises(watch.WatchError, match="unknown schema"):
        watch.add(conn, "X", "Company")
    with st.write() as conn, pytest.raises(watch.WatchError, match="empty"):
        watch.add(conn, "   ")
    with st.write() as conn:
        assert watch.remove(conn, p.id).name == "Huawei Technologies"
    with st.write() as conn, pytest.raises(watch.WatchError, match=f"no saved party with id {p.id}"):
        watch.remove(conn, p.id)
    assert _parties() == []


def _csv(tmp_path: Path, text: str | bytes, name: str = "parties.csv") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, "utf-8")
    return p


def test_import_csv(store: str, tmp_path: Path) -> None:
    f = _csv(tmp_path, "\ufeffName,Schema,Country,Ref\nHuawei Technologies,Organization,CN,c1\n"
                       "\nVladimir Putin,person,,c2\nHikvision,,,\n")
    with st.write() as conn:
        assert watch.import_csv(conn, f) == (3, 0)
    assert [(p.name, p.schema, p.ref) for p in _parties()] == [
        ("Huawei Technologies", "Organization", "c1"), ("Vladimir Putin", "Person", "c2"),
        ("Hikvision", None, None)]
    with st.write() as conn:  # importing again adds nothing
        assert watch.import_csv(conn, f) == (0, 3)
    semi = _csv(tmp_path, "name;country\nZTE Corporation;CN\n", "semi.csv")
    with st.write() as conn:
        assert watch.import_csv(conn, semi) == (1, 0)


@pytest.mark.parametrize(("text", "problem"), [
    ("party,country\nHuawei,CN\n", "no 'name' column"),
    ("name,schema\nHuawei,Organization\n,Person\n", "line 3: the name is empty"),
    ("name,schema\nHuawei,Company\n", "line 2: unknown schema 'Company'"),
    ("name\nHuawei,extra\n", "line 2: more cells than header columns"),
    (b"name\nHuawei\nM\xfcller\n", "line 3: not UTF-8"),
    ("", "file is empty"),
    ("name,schema\n", "no parties"),
])
def test_import_bad_csv_imports_nothing(store: str, tmp_path: Path, text: str | bytes,
                                        problem: str) -> None:
    f = _csv(tmp_path, text)
    with pytest.raises(watch.WatchError) as info, st.write() as conn:
        watch.import_csv(conn, f)
    assert problem in str(info.value) and str(f) in str(info.value)
    assert _parties() == []


def test_import_missing_file(store: str, tmp_path: Path) -> None:
    with pytest.raises(watch.WatchError, match="file not found"), st.write() as conn:
        watch.import_csv(conn, tmp_path / "nope.csv")


def _update(path: Path, **kw: Any) -> st.UpdateResult:
    [res] = st.update([FCC], str(path), **kw)
    assert res.status == "updated", res.message
    return res


def _alerts(all_: bool = False) -> list[dict[str, Any]]:
    with st.read() as conn:
        return watch.alerts(conn, include_acknowledged=all_)


def test_alerts_on_added_and_changed_only(store: str, nsf_file: Callable[..., Path]) -> None:
    with st.write() as conn:
        huawei = watch.add(conn, "Huawei Technologies Company", "Organization")
        hytera = watch.add(conn, "Hytera Communications Corporation")
        watch.add(conn, "Some Unrelated Bakery GmbH")
    no_hytera = nsf_file("fcc_covered", lambda ents: [e for e in ents
                                                      if not e["name"].startswith("Hytera")],
                         name="v1.json")
    first = _update(no_hytera)  # first version: everything is new
    assert {a["party"] for a in first.alerts} == {huawei.name}
    a = first.alerts[0]
    assert a["dataset"] == FCC and a["version"] == first.version
    assert a["caption"] == "Huawei Technologies Company" and a["entity_id"].startswith(FCC)
    assert a["score"] >= 0.8

    second = _update(NSF / "fcc_covered.json")  # Hytera added; Huawei untouched
    assert second.added == 1 and second.changed == 0
    assert [x["party"] for x in second.alerts] == [hytera.name]
    assert second.alerts[0]["caption"].startswith("Hytera")

    def alias(ents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**e, "aliases": ["Huawei"]} if e["name"].startswith("Huawei Tech") else e
                for e in ents]

    third = _update(nsf_file("fcc_covered", alias, name="v3.json"))  # Huawei changed
    assert third.changed == 1 and third.alerts == []  # already alerted for that entity

    rows = _alerts()
    assert [r["party"] for r in rows] == [hytera.name, huawei.name]  # newest first
    with st.write() as conn:
        assert watch.acknowledge(conn, [rows[1]["id"]]) == 1
    assert [r["party"] for r in _alerts()] == [hytera.name]
    assert len(_alerts(all_=True)) == 2
    with st.write() as conn, pytest.raises(watch.WatchError, match="no alert with id 999"):
        watch.acknowledge(conn, [999])
    with st.write() as conn:  # removing a party keeps its alerts, by name
        watch.remove(conn, hytera.id)
    kept = _alerts()[0]
    assert kept["party"] == hytera.name and kept["party_id"] is None


def test_rescreen_failure_rolls_back_everything(store: str, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    with st.write() as conn:
        watch.add(conn, "Huawei Technologies Company")

    def boom(*_a: Any, **_k: Any) -> list[dict[str, Any]]:
        raise RuntimeError("screener crashed")

    monkeypatch.setattr(watch, "rescreen", boom)
    [res] = st.update([FCC], str(NSF / "fcc_covered.json"))
    assert res.status == "failed" and "screener crashed" in res.message
    assert st.current_versions() == {} and _alerts(all_=True) == []
