"""Loading editions as versions: unchanged, sanity checks, faults, locking, migrations."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import NSF, SDN_2021, UN_XML

pytest.importorskip("sqlalchemy")

from sqlalchemy import func, select  # noqa: E402

from tradescreen import store as st  # noqa: E402
from tradescreen.store import versions  # noqa: E402
from tradescreen.store.models import DatasetVersion, VersionEntity  # noqa: E402

FCC = "us_fcc_covered"


def _counts() -> tuple[int, int]:
    with st.read() as conn:
        nv = conn.execute(select(func.count()).select_from(DatasetVersion)).scalar_one()
        ne = conn.execute(select(func.count()).select_from(VersionEntity)).scalar_one()
    return int(nv), int(ne)


def _one(dataset: str, source: str | Path, **kw: Any) -> st.UpdateResult:
    [res] = st.update([dataset], str(source), **kw)
    return res


def test_migrations_match_models(store: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from tradescreen.store import migrate
    from tradescreen.store.models import Base

    engine = st.get_engine()
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []
    st.dispose_all()
    st.get_engine()  # second first-use on a migrated store is a no-op


def test_load_then_unchanged(store: str) -> None:
    src = NSF / "fcc_covered.json"
    res = _one(FCC, src)
    assert res.status == "updated", res.message
    assert res.version is not None and res.previous is None
    assert res.entities == 13 and res.added == 13 and res.as_of == "2026-07-09"
    assert res.checksum == hashlib.sha256(src.read_bytes()).hexdigest()
    cur = st.current_versions()
    assert set(cur) == {FCC}
    assert cur[FCC]["version"] == res.version and cur[FCC]["entities"] == 13
    assert cur[FCC]["checksum"] == res.checksum
    ents = st.load_version_entities(FCC, res.version)
    assert len(ents) == 13 and all(e.dataset == FCC for e in ents)
    assert any(e.caption == "Huawei Technologies Company" for e in ents)

    again = _one(FCC, src)
    assert again.status == "unchanged" and again.version == res.version
    assert _counts() == (1, 13)
    forced = _one(FCC, src, force=True)
    assert forced.status == "updated" and forced.version != res.version
    assert (forced.added, forced.removed, forced.changed) == (0, 0, 0)


def test_added_removed_changed(store: str, nsf_file: Callable[..., Path]) -> None:
    first = _one(FCC, NSF / "fcc_covered.json")

    def edit(ents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ents = [e for e in ents if not e["name"].startswith("Hytera")]
        ents[0] = {**ents[0], "aliases": ["Huawei"]}
        return [*ents, {"name": "Example Telecom Equipment Co., Ltd.", "aliases": [],
                        "country": "China", "address": None, "notes": "test"}]

    second = _one(FCC, nsf_file("fcc_covered", edit), as_of="2026-08-01")
    assert second.status == "updated", second.message
    assert second.as_of == "2026-08-01"
    assert (second.added, second.removed, second.changed) == (1, 1, 1)
    with st.read() as conn:
        doc = st.diff_versions(conn, FCC)
    assert doc["from"]["version"] == first.version and doc["to"]["version"] == second.version
    assert [a["caption"] for a in doc["added"]] == ["Example Telecom Equipment Co., Ltd."]
    assert doc["removed"][0]["caption"].startswith("Hytera")
    assert doc["changed"][0]["caption"] == "Huawei Technologies Company"
    assert doc["changed"][0]["fields"] == ["names"]
    assert doc["summary"] == "1 added, 1 removed, 1 changed"
    with st.read() as conn:  # explicit versions, either way round
        back = st.diff_versions(conn, FCC, second.version, first.version)
    assert back["summary"] == "1 added, 1 removed, 1 changed"
    with st.read() as conn, pytest.raises(st.UnknownVersion):
        st.diff_versions(conn, FCC, 999, second.version)


def test_diff_needs_two_versions(store: str) -> None:
    with st.read() as conn, pytest.raises(st.NotEnoughVersions, match="no version"):
        st.diff_versions(conn, FCC)
    _one(FCC, NSF / "fcc_covered.json")
    with st.read() as conn, pytest.raises(st.NotEnoughVersions, match="only version"):
        st.diff_versions(conn, FCC)


def _intact(before: dict[str, Any], entities: int) -> None:
    after = st.current_versions()
    assert after == before
    assert len(st.load_version_entities(FCC, after[FCC]["version"])) == entities


def test_shrink_refused_unless_forced(store: str, nsf_file: Callable[..., Path]) -> None:
    _one(FCC, NSF / "fcc_covered.json")
    before = st.current_versions()
    small = nsf_file("fcc_covered", lambda ents: ents[:8])
    res = _one(FCC, small)
    assert res.status == "failed" and res.input_error
    assert "shrink from 13 to" in res.message and "--force" in res.message
    _intact(before, 13)
    forced = _one(FCC, small, force=True)
    assert forced.status == "updated" and forced.removed >= 5


@pytest.mark.parametrize("damage", ["truncated", "garbled", "empty"])
def test_bad_file_keeps_previous(store: str, tmp_path: Path, damage: str) -> None:
    _one(FCC, NSF / "fcc_covered.json")
    before = st.current_versions()
    raw = (NSF / "fcc_covered.json").read_bytes()
    bad = tmp_path / "fcc_covered.json"
    bad.write_bytes({"truncated": raw[: len(raw) // 2], "garbled": raw.replace(b'"', b"\xff", 40),
                     "empty": b""}[damage])
    res = _one(FCC, bad)
    assert res.status == "failed" and res.input_error
    assert str(bad) in res.message and "fcc_covered.json" in res.message
    _intact(before, 13)
    assert _counts() == (1, 13)


def test_wrong_format_for_dataset(store: str) -> None:
    res = _one("us_ofac_sdn", UN_XML)
    assert res.status == "failed" and "us_ofac_sdn" in res.message
    res = _one("un_sc", NSF / "fcc_covered.json")
    assert res.status == "failed" and "un_sc" in res.message
    assert st.current_versions() == {}
    assert _counts() == (0, 0)


def test_missing_source_and_bad_requests(store: str) -> None:
    res = _one(FCC, "/nonexistent/fcc.json")
    assert res.status == "failed" and "no such file" in res.message
    with pytest.raises(st.UpdateInputError, match="unknown dataset"):
        st.update(["no_such_list"])
    with pytest.raises(st.UpdateInputError, match="exactly one --dataset"):
        st.update([FCC, "un_sc"], str(NSF / "fcc_covered.json"))
    [skipped] = st.update(["us_dod_1286"])
    assert skipped.status == "skipped" and "--from" in skipped.message


def test_killed_mid_update_rolls_back(store: str, nsf_file: Callable[..., Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _one(FCC, NSF / "fcc_covered.json")
    before = st.current_versions()
    real = versions.insert_entities

    def half_then_die(conn: Any, vid: int, encoded: Any) -> None:
        real(conn, vid, encoded[: len(encoded) // 2])
        raise KeyboardInterruptLike("power cut")

    class KeyboardInterruptLike(RuntimeError):
        pass

    monkeypatch.setattr(versions, "insert_entities", half_then_die)
    res = _one(FCC, nsf_file("fcc_covered", lambda e: e[:-1]))
    assert res.status == "failed" and "power cut" in res.message
    assert "nothing was changed" in res.message
    _intact(before, 13)
    assert _counts() == (1, 13)


def test_second_update_waits_then_fails(store: str) -> None:
    from tradescreen.store.lock import update_lock

    engine = st.get_engine()
    with update_lock(engine), pytest.raises(st.StoreBusy, match="another `tradescreen update`"):
        st.update([FCC], str(NSF / "fcc_covered.json"), wait=0.3)
    [res] = st.update([FCC], str(NSF / "fcc_covered.json"), wait=0.3)  # lock released
    assert res.status == "updated"


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)  # file handling, not storage
def test_folder_source_and_single_file_alone(store: str, tmp_path: Path) -> None:
    """A folder is read as a set; a single file is read alone, not with its siblings."""
    pytest.importorskip("tradescreen.sources.ofac")
    folder = tmp_path / "sdn2021"
    shutil.copytree(SDN_2021, folder)
    res = _one("us_ofac_sdn", folder, as_of="2021-07-07")
    assert res.status == "updated", res.message
    ents = {e.id: e for e in st.load_version_entities("us_ofac_sdn", res.version or 0)}
    assert sum(1 for e in ents.values() if e.addresses) > 1000  # add.csv was joined
    alone = _one("us_ofac_sdn", folder / "sdn.csv")
    assert alone.status == "updated" and alone.changed > 1000 and alone.added == 0
    ents2 = st.load_version_entities("us_ofac_sdn", alone.version or 0)
    assert not any(e.addresses for e in ents2)


def test_service_uses_newest_store_version(store: str, nsf_file: Callable[..., Path]) -> None:
    from tradescreen import service

    assert service._store_versions() == {}
    first = _one(FCC, NSF / "fcc_covered.json")
    v1 = service._store_versions()[FCC]
    assert v1["version"] == first.version
    key1 = service._cache_path([{"name": FCC, "origin": "store", **v1}])
    second = _one(FCC, nsf_file("fcc_covered", lambda e: e[1:]))
    v2 = service._store_versions()[FCC]
    assert v2["version"] == second.version
    key2 = service._cache_path([{"name": FCC, "origin": "store", **v2}])
    assert key1 != key2
    ents = service._load_entities([{"name": FCC, "origin": "store", **v2}])
    assert len(ents) == 12
