"""A real update: the OFAC SDN list of 2021-07 then of 2024-05-03. Thousands of parties were
designated in between, among them Vladimir Putin (2022-02-25); a saved party "Vladimir
Putin" must raise an alert when the 2024 edition is loaded."""

from __future__ import annotations

import pytest

from tests.store.conftest import SDN_2021, SDN_2024

pytest.importorskip("sqlalchemy")
pytest.importorskip("tradescreen.sources.ofac")

from tradescreen import store as st  # noqa: E402
from tradescreen.store import watch  # noqa: E402

SDN = "us_ofac_sdn"
PUTIN = "PUTIN, Vladimir Vladimirovich"


def test_sdn_2021_to_2024_diff_and_putin_alert(store: str) -> None:
    [old] = st.update([SDN], str(SDN_2021), as_of="2021-07-07")
    assert old.status == "updated", old.message
    assert old.entities == 8976
    with st.write() as conn:  # saved after the first load: only the 2024 delta is screened
        party = watch.add(conn, "Vladimir Putin", "Person")
        watch.add(conn, "Acme Widgets Trading LLC", "Organization")

    [new] = st.update([SDN], str(SDN_2024), as_of="2024-05-03")
    assert new.status == "updated", new.message
    assert new.entities == 14965 and new.previous == old.version
    assert new.added > 5000 and new.removed > 100 and new.changed > 1000
    hits = [a for a in new.alerts if a["caption"] == PUTIN]
    assert len(hits) == 1
    hit = hits[0]
    assert hit["party_id"] == party.id and hit["party"] == "Vladimir Putin"
    assert hit["dataset"] == SDN and hit["version"] == new.version and hit["score"] >= 0.8
    assert not any(a["party"].startswith("Acme") for a in new.alerts)

    with st.read() as conn:
        doc = st.diff_versions(conn, SDN)
        assert [a["id"] for a in watch.alerts(conn)].count(hit["id"]) == 1
    assert (doc["from"]["as_of"], doc["to"]["as_of"]) == ("2021-07-07", "2024-05-03")
    assert len(doc["added"]) == new.added and len(doc["removed"]) == new.removed
    assert doc["summary"] == f"{new.added} added, {new.removed} removed, {new.changed} changed"
    putin = [a for a in doc["added"] if a["caption"] == PUTIN]
    assert putin and putin[0]["schema"] == "Person"
    assert "RUSSIA-EO14024" in putin[0]["programs"]
    assert hit["entity_id"] == putin[0]["id"]
    # 2024's sdn.csv came alone (no add.csv): changed records name the fields that differ
    assert any("addresses" in c["fields"] for c in doc["changed"])
