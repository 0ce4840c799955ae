"""The audit tables: screenings and reviewers' decisions."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("sqlalchemy")

from sqlalchemy import select  # noqa: E402

from tradescreen import store as st  # noqa: E402
from tradescreen.store import audit  # noqa: E402
from tradescreen.store.models import Screening  # noqa: E402


def test_screening_and_decisions(store: str) -> None:
    with st.write() as conn:
        sid = audit.record_screening(conn, {"name": "Hikvision"}, {"matches": [{"id": "x:1"}]},
                                     actor="cli")
        audit.record_decision(conn, sid, "x:1", "false_positive", "alice", "different company")
    with st.read() as conn:
        row = conn.execute(select(Screening.query, Screening.result)
                           .where(Screening.id == sid)).one()
        assert json.loads(row.query) == {"name": "Hikvision"}
        [d] = audit.decisions(conn, sid)
    assert (d["decision"], d["reviewer"], d["note"]) == ("false_positive", "alice",
                                                         "different company")
    with st.write() as conn, pytest.raises(st.StoreError, match="decision must be one of"):
        audit.record_decision(conn, sid, "x:1", "maybe", "alice")
    with st.write() as conn, pytest.raises(st.StoreError, match="no screening with id 999"):
        audit.record_decision(conn, 999, "x:1", "true_positive", "bob")
