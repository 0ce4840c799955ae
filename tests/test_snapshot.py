"""The committed snapshot equals a fresh build, holds no CC BY-NC data, and loads back."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from tradescreen import snapshot
from tradescreen.snapshot import build

COMMITTED = Path(build.__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("snap") / "data"
    build.build(lists_dir, out)
    return out


def test_committed_snapshot_equals_fresh_build(fresh: Path) -> None:
    names = sorted(p.name for p in fresh.iterdir())
    assert names == sorted(p.name for p in COMMITTED.iterdir() if p.name != "__pycache__")
    _, mismatch, errors = filecmp.cmpfiles(fresh, COMMITTED, names, shallow=False)
    assert not mismatch and not errors, (
        f"snapshot out of date: {mismatch or errors}; run python -m tradescreen.snapshot.build")


def test_no_cc_by_nc_source_in_snapshot() -> None:
    for name, info in snapshot.manifest()["datasets"].items():
        for src in info["source"]:
            assert "opensanctions" not in src.lower(), (name, src)
            assert "transcription" not in src.lower(), (name, src)


def test_every_dataset_has_as_of_and_loads() -> None:
    man = snapshot.manifest()["datasets"]
    from tradescreen.datasets import BY_NAME

    assert set(man) <= set(BY_NAME)
    for name, info in man.items():
        assert info["as_of"][:4].isdigit()
        ents = list(snapshot.iter_entities(name))
        assert len(ents) == info["entities"]
        assert all(e.dataset == name and e.id.startswith(name + ":") for e in ents)
    assert man["us_bis_el"]["entities"] >= 3400
    assert man["us_ofac_sdn"]["entities"] >= 14900


def test_known_records_survive_the_round_trip() -> None:
    el = {e.caption: e for e in snapshot.iter_entities("us_bis_el")}
    dji = el["DJI"]
    assert "SZ DJI Technology Co., Ltd." in dji.all_names()
    assert "85 FR 83420, 12/22/20" in dji.citations
    cons = [e for e in snapshot.iter_entities("us_ofac_cons") if "HIKVISION" in e.caption]
    assert cons and any(i.value == "91330000733796106P" for i in cons[0].identifiers)


def test_failed_build_leaves_previous_snapshot(tmp_path: Path, lists_dir: Path) -> None:
    out = tmp_path / "data"
    out.mkdir()
    (out / "marker").write_text("previous")
    broken = tmp_path / "lists"
    broken.mkdir()
    for p in lists_dir.iterdir():
        (broken / p.name).symlink_to(p)
    (broken / "derived_nsfreg_us_lists_2026-07").unlink()
    bad = broken / "derived_nsfreg_us_lists_2026-07"
    bad.mkdir()
    for p in (lists_dir / "derived_nsfreg_us_lists_2026-07").iterdir():
        (bad / p.name).symlink_to(p)
    (bad / "bis_entity_list.json").unlink()
    (bad / "bis_entity_list.json").write_text('{"entities": [', encoding="utf-8")
    from tradescreen.sources.base import ParseError

    with pytest.raises(ParseError) as exc:
        build.build(broken, out)
    assert "bis_entity_list.json" in str(exc.value)
    assert (out / "marker").read_text() == "previous"
    assert not any(p.name.startswith(".snapshot-") for p in tmp_path.iterdir())
