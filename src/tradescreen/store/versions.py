"""Dataset versions: which edition of each list is current, and its entities.

A version row and all its entities are written in one transaction by the update; readers
only ever see versions with status "loaded", newest (highest id) first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from tradescreen.model import Entity, entity_json
from tradescreen.store import db
from tradescreen.store.models import LOADED, DatasetSource, DatasetVersion, VersionEntity

INSERT_BATCH = 2000


class UnknownVersion(db.StoreError):
    """A version id that does not exist, or belongs to another dataset."""


@dataclass(frozen=True, slots=True)
class VersionInfo:
    id: int
    dataset: str
    as_of: str
    fetched_at: datetime
    source: str
    checksum: str
    content_checksum: str
    entities: int
    names: int
    status: str
    etag: str | None = None
    last_modified: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.id, "dataset": self.dataset, "as_of": self.as_of,
                "fetched_at": db.iso(self.fetched_at), "source": self.source,
                "checksum": self.checksum, "entities": self.entities, "names": self.names,
                "status": self.status}


_COLS = (DatasetVersion.id, DatasetVersion.dataset, DatasetVersion.as_of,
         DatasetVersion.fetched_at, DatasetVersion.source, DatasetVersion.checksum,
         DatasetVersion.content_checksum, DatasetVersion.entities, DatasetVersion.names,
         DatasetVersion.status, DatasetVersion.etag, DatasetVersion.last_modified)


def _rows(conn: Connection, *where: Any, newest_first: bool = True) -> list[VersionInfo]:
    order = DatasetVersion.id.desc() if newest_first else DatasetVersion.id
    rows = conn.execute(select(*_COLS).where(*where).order_by(order)).all()
    return [VersionInfo(*r) for r in rows]


# -- reading ----------------------------------------------------------------------------

def current(conn: Connection, dataset: str) -> VersionInfo | None:
    """The newest loaded version of `dataset`, or None."""
    rows = conn.execute(
        select(*_COLS).where(DatasetVersion.dataset == dataset, DatasetVersion.status == LOADED)
        .order_by(DatasetVersion.id.desc()).limit(1)).all()
    return VersionInfo(*rows[0]) if rows else None


def current_all(conn: Connection) -> dict[str, VersionInfo]:
    newest = (select(DatasetVersion.dataset, func.max(DatasetVersion.id).label("id"))
              .where(DatasetVersion.status == LOADED).group_by(DatasetVersion.dataset)
              .subquery())
    rows = conn.execute(select(*_COLS).join(newest, newest.c.id == DatasetVersion.id)
                        .order_by(DatasetVersion.dataset)).all()
    return {r.dataset: VersionInfo(*r) for r in rows}


def history(conn: Connection, dataset: str | None = None) -> list[VersionInfo]:
    """Loaded versions, newest first; of one dataset or all."""
    where = [DatasetVersion.status == LOADED]
    if dataset:
        where.append(DatasetVersion.dataset == dataset)
    return _rows(conn, *where)


def get(conn: Connection, version_id: int, dataset: str | None = None) -> VersionInfo:
    rows = _rows(conn, DatasetVersion.id == version_id, DatasetVersion.status == LOADED)
    if not rows:
        raise UnknownVersion(f"no loaded version {version_id}"
                             + (f" of {dataset}" if dataset else ""))
    if dataset and rows[0].dataset != dataset:
        raise UnknownVersion(f"version {version_id} is of {rows[0].dataset}, not {dataset}")
    return rows[0]


def digests(conn: Connection, version_id: int) -> dict[str, str]:
    """entity id -> digest of its JSON, for a cheap comparison of two versions."""
    rows = conn.execute(select(VersionEntity.entity_id, VersionEntity.digest)
                        .where(VersionEntity.version_id == version_id))
    return {r[0]: r[1] for r in rows}


def entity_data(conn: Connection, version_id: int,
                ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """entity id -> entity dict for one version (all, or just `ids`)."""
    out: dict[str, dict[str, Any]] = {}
    q = select(VersionEntity.entity_id, VersionEntity.data).where(
        VersionEntity.version_id == version_id)
    if ids is None:
        for eid, data in conn.execute(q):
            out[eid] = json.loads(data)
        return out
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        for eid, data in conn.execute(q.where(VersionEntity.entity_id.in_(chunk))):
            out[eid] = json.loads(data)
    return out


def entities(conn: Connection, version_id: int) -> list[Entity]:
    rows = conn.execute(select(VersionEntity.data).where(VersionEntity.version_id == version_id)
                        .order_by(VersionEntity.entity_id))
    return [Entity.from_dict(json.loads(r[0])) for r in rows]


# -- the functions service.py calls ------------------------------------------------------

def current_versions() -> dict[str, dict[str, Any]]:
    """{dataset: {"version", "as_of", "entities", "names", "checksum", ...}} of the newest
    loaded version of each dataset in the configured store."""
    with db.read() as conn:
        cur = current_all(conn)
    return {name: {"version": v.id, "as_of": v.as_of, "entities": v.entities, "names": v.names,
                   "checksum": v.checksum, "fetched_at": db.iso(v.fetched_at),
                   "source": v.source}
            for name, v in cur.items()}


def load_version_entities(name: str, version: int) -> list[Entity]:
    """Every entity of one loaded version of dataset `name`, sorted by id."""
    with db.read() as conn:
        get(conn, version, name)
        return entities(conn, version)


# -- writing (inside the update's transaction) ------------------------------------------

def digest(entity: Entity) -> tuple[str, str]:
    """(entity JSON, its sha1) - what is stored and what diffs compare."""
    js = entity_json(entity)
    return js, hashlib.sha1(js.encode("utf-8")).hexdigest()


def content_checksum(encoded: Sequence[tuple[Entity, str, str]]) -> str:
    h = hashlib.sha256()
    for _e, js, _d in encoded:
        h.update(js.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def insert_version(conn: Connection, *, dataset: str, as_of: str, source: str, checksum: str,
                   content: str, entities: int, names: int, etag: str | None = None,
                   last_modified: str | None = None, note: str | None = None) -> int:
    row = conn.execute(insert(DatasetVersion).values(
        dataset=dataset, as_of=as_of, fetched_at=db.now(), source=source, checksum=checksum,
        content_checksum=content, entities=entities, names=names, status=LOADED, etag=etag,
        last_modified=last_modified, note=note).returning(DatasetVersion.id)).scalar_one()
    return int(row)


def insert_entities(conn: Connection, version_id: int,
                    encoded: Sequence[tuple[Entity, str, str]]) -> None:
    """Write every (entity, json, digest) of a version, in batches."""
    for i in range(0, len(encoded), INSERT_BATCH):
        conn.execute(insert(VersionEntity), [
            {"version_id": version_id, "entity_id": e.id, "caption": e.caption[:10000],
             "schema": e.schema, "digest": d, "data": js}
            for e, js, d in encoded[i:i + INSERT_BATCH]])


@dataclass(frozen=True, slots=True)
class SourceState:
    """The last fetch attempt of a dataset and its conditional-GET validators."""

    dataset: str
    url: str | None
    etag: str | None
    last_modified: str | None
    checked_at: datetime | None
    status: str | None
    message: str | None


def source_state(conn: Connection, dataset: str) -> SourceState | None:
    row = conn.execute(select(
        DatasetSource.dataset, DatasetSource.url, DatasetSource.etag,
        DatasetSource.last_modified, DatasetSource.checked_at, DatasetSource.status,
        DatasetSource.message).where(DatasetSource.dataset == dataset)).first()
    return SourceState(*row) if row else None


def record_source(conn: Connection, dataset: str, *, status: str, message: str | None = None,
                  url: str | None = None, etag: str | None = None,
                  last_modified: str | None = None, keep_validators: bool = False) -> None:
    """Remember the outcome of an update attempt (and the conditional-GET validators)."""
    values: dict[str, Any] = {"status": status, "message": message, "checked_at": db.now()}
    if not keep_validators:
        values.update(url=url, etag=etag, last_modified=last_modified)
    exists = conn.execute(select(DatasetSource.dataset)
                          .where(DatasetSource.dataset == dataset)).first()
    if exists:
        conn.execute(update(DatasetSource).where(DatasetSource.dataset == dataset).values(**values))
    else:
        values.setdefault("url", url)
        conn.execute(insert(DatasetSource).values(dataset=dataset, **values))


__all__ = ["SourceState", "UnknownVersion", "VersionInfo", "current", "current_all", "current_versions",
           "digest", "digests", "entities", "entity_data", "get", "history", "insert_entities",
           "insert_version", "load_version_entities", "record_source", "source_state"]
