"""The audit trail: screenings as run, and reviewers' decisions on their matches.

Minimal on purpose: the service layer extends it (who asked, API keys, case ids).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select

from tradescreen.store import db
from tradescreen.store.models import Decision, Screening

DECISIONS = ("true_positive", "false_positive")


def record_screening(conn: Connection, query: dict[str, Any], result: Any,
                     actor: str | None = None) -> int:
    sid = conn.execute(insert(Screening).values(
        query=json.dumps(query, ensure_ascii=False, sort_keys=True),
        result=json.dumps(result, ensure_ascii=False, sort_keys=True),
        created_at=db.now(), actor=actor).returning(Screening.id)).scalar_one()
    return int(sid)


def record_decision(conn: Connection, screening_id: int | None, entity_id: str | None,
                    decision: str, reviewer: str, note: str | None = None) -> int:
    if decision not in DECISIONS:
        raise db.StoreError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if not reviewer.strip():
        raise db.StoreError("a decision needs a reviewer")
    if screening_id is not None and conn.execute(
            select(Screening.id).where(Screening.id == screening_id)).first() is None:
        raise db.StoreError(f"no screening with id {screening_id}")
    did = conn.execute(insert(Decision).values(
        screening_id=screening_id, entity_id=entity_id, decision=decision,
        reviewer=reviewer.strip(), note=note, created_at=db.now()).returning(Decision.id)
    ).scalar_one()
    return int(did)


def decisions(conn: Connection, screening_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(Decision.id, Decision.screening_id, Decision.entity_id,
                               Decision.decision, Decision.reviewer, Decision.note,
                               Decision.created_at)
                        .where(Decision.screening_id == screening_id).order_by(Decision.id))
    return [{**r._asdict(), "created_at": db.iso(r.created_at)} for r in rows]
