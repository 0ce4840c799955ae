"""Saved parties (the watchlist), their re-screening after an update, and the alerts.

After an update only the entities that were added or changed are screened, through a
small Screener built over just those; a hit becomes an alert unless the party already
has an alert for that entity.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from tradescreen.model import SCHEMAS, Entity
from tradescreen.store import db
from tradescreen.store.models import Alert, WatchParty

MAX_HITS_PER_PARTY = 25
COLUMNS = ("name", "schema", "country", "ref")


class WatchError(db.StoreError):
    """Bad watchlist input (unknown schema, empty name, bad CSV); nothing was saved."""


@dataclass(frozen=True, slots=True)
class Party:
    id: int
    name: str
    schema: str | None
    country: str | None
    ref: str | None
    created_at: Any

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "schema": self.schema,
                "country": self.country, "ref": self.ref, "created_at": db.iso(self.created_at)}


def _clean(value: str | None) -> str | None:
    v = " ".join((value or "").split())
    return v or None


def _validate(name: str | None, schema: str | None, where: str = "") -> tuple[str, str | None]:
    n = _clean(name)
    if not n:
        raise WatchError(f"{where}the name is empty")
    s = _clean(schema)
    if s is not None:
        match = next((x for x in SCHEMAS if x.lower() == s.lower()), None)
        if match is None:
            raise WatchError(f"{where}unknown schema {s!r}; use one of {', '.join(SCHEMAS)}")
        s = match
    return n, s


_PARTY_COLS = (WatchParty.id, WatchParty.name, WatchParty.schema, WatchParty.country,
               WatchParty.ref, WatchParty.created_at)


def parties(conn: Connection) -> list[Party]:
    return [Party(*r) for r in conn.execute(select(*_PARTY_COLS).order_by(WatchParty.id))]


def add(conn: Connection, name: str, schema: str | None = None, country: str | None = None,
        ref: str | None = None) -> Party:
    n, s = _validate(name, schema)
    c, r, at = _clean(country), _clean(ref), db.now()
    for p in parties(conn):
        if (p.name.casefold(), p.schema, p.country, p.ref) == (n.casefold(), s, c, r):
            raise WatchError(f"{n!r} is already saved as party {p.id}")
    pid = conn.execute(insert(WatchParty).values(name=n, schema=s, country=c, ref=r,
                                                 created_at=at).returning(WatchParty.id)
                       ).scalar_one()
    return Party(int(pid), n, s, c, r, at)


def remove(conn: Connection, party_id: int) -> Party:
    found = [Party(*r) for r in conn.execute(select(*_PARTY_COLS)
                                               .where(WatchParty.id == party_id))]
    if not found:
        raise WatchError(f"no saved party with id {party_id} (`tradescreen watch list` shows them)")
    conn.execute(delete(WatchParty).where(WatchParty.id == party_id))
    return found[0]


def read_csv(path: Path) -> list[dict[str, str | None]]:
    """Rows of a watchlist CSV, all checked first: any problem raises WatchError naming it."""
    if not path.is_file():
        raise WatchError(f"{path}: file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise WatchError(f"{path}, line {line}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise WatchError(f"{path}: file is empty")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    cols = [c.strip().lower() for c in reader.fieldnames or []]
    if "name" not in cols:
        raise WatchError(f"{path}: no 'name' column; the header is "
                         f"{', '.join(reader.fieldnames or []) or '(empty)'} "
                         f"(expected name[,schema,country,ref])")
    reader.fieldnames = cols
    rows: list[dict[str, str | None]] = []
    try:
        for rec in reader:
            line = reader.line_num
            if None in rec:
                raise WatchError(f"{path}, line {line}: more cells than header columns")
            if not any((v or "").strip() for v in rec.values()):
                continue  # blank line
            name, schema = _validate(rec.get("name"), rec.get("schema"), f"{path}, line {line}: ")
            rows.append({"name": name, "schema": schema, "country": _clean(rec.get("country")),
                         "ref": _clean(rec.get("ref"))})
    except csv.Error as exc:
        raise WatchError(f"{path}, line {reader.line_num}: {exc}") from None
    if not rows:
        raise WatchError(f"{path}: no parties (only a header)")
    return rows


def import_csv(conn: Connection, path: Path) -> tuple[int, int]:
    """Add every party of the CSV; (added, skipped as already saved). Call in one transaction."""
    rows = read_csv(path)
    have = {(p.name.casefold(), p.schema, p.country, p.ref) for p in parties(conn)}
    added = skipped = 0
    now = db.now()
    for r in rows:
        key = ((r["name"] or "").casefold(), r["schema"], r["country"], r["ref"])
        if key in have:
            skipped += 1
            continue
        have.add(key)
        conn.execute(insert(WatchParty).values(**r, created_at=now))
        added += 1
    return added, skipped


# -- re-screening and alerts -------------------------------------------------------------

def rescreen(conn: Connection, dataset: str, version_id: int,
             entities: Sequence[Entity]) -> list[dict[str, Any]]:
    """Screen every saved party against `entities` (what an update added or changed);
    store and return the new alerts."""
    saved = parties(conn)
    if not saved or not entities:
        return []
    from tradescreen.screen import QueryError, Screener

    screener = Screener(entities)
    seen = {(r[0], r[1]) for r in conn.execute(
        select(Alert.party_id, Alert.entity_id).where(Alert.dataset == dataset))}
    now = db.now()
    rows: list[dict[str, Any]] = []
    for p in saved:
        try:
            matches = screener.check(p.name, schema=p.schema,
                                     countries=[p.country] if p.country else (),
                                     limit=MAX_HITS_PER_PARTY)
        except QueryError:
            continue
        for m in matches:
            if (p.id, m.entity.id) in seen:
                continue
            seen.add((p.id, m.entity.id))
            rows.append({"party_id": p.id, "party_name": p.name, "entity_id": m.entity.id,
                         "caption": m.entity.caption, "dataset": dataset,
                         "version_id": version_id, "score": round(m.score, 4),
                         "matched_name": m.matched_name, "created_at": now,
                         "acknowledged": False})
    if not rows:
        return []
    ids = conn.execute(insert(Alert).returning(Alert.id, sort_by_parameter_order=True),
                       rows).scalars().all()
    return [_alert_dict(int(i), r) for i, r in zip(ids, rows, strict=True)]


def _alert_dict(aid: int, r: dict[str, Any]) -> dict[str, Any]:
    return {"id": aid, "party_id": r["party_id"], "party": r["party_name"],
            "entity_id": r["entity_id"], "caption": r["caption"], "dataset": r["dataset"],
            "version": r["version_id"], "score": r["score"], "matched_name": r["matched_name"],
            "created_at": db.iso(r["created_at"]), "acknowledged": bool(r["acknowledged"])}


def alerts(conn: Connection, include_acknowledged: bool = False) -> list[dict[str, Any]]:
    """Alerts, newest first; by default only those not yet acknowledged."""
    q = select(Alert.id, Alert.party_id, Alert.party_name, Alert.entity_id, Alert.caption,
               Alert.dataset, Alert.version_id, Alert.score, Alert.matched_name,
               Alert.created_at, Alert.acknowledged).order_by(Alert.id.desc())
    if not include_acknowledged:
        q = q.where(Alert.acknowledged.is_(False))
    return [_alert_dict(r.id, {**r._asdict()}) for r in conn.execute(q)]


def acknowledge(conn: Connection, alert_ids: Sequence[int]) -> int:
    known = {r[0] for r in conn.execute(select(Alert.id).where(Alert.id.in_(list(alert_ids))))}
    missing = sorted(set(alert_ids) - known)
    if missing:
        raise WatchError(f"no alert with id {', '.join(map(str, missing))}")
    conn.execute(update(Alert).where(Alert.id.in_(list(alert_ids)))
                 .values(acknowledged=True, acknowledged_at=db.now()))
    return len(known)
