"""What changed between two versions of a list: added, removed and changed entities.

Versions are compared by entity id; an entity whose JSON digest differs is "changed",
and the fields that differ are named (names, addresses, programs, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from tradescreen.store import db, versions

# field order for "fields": the entity model's own order
FIELD_ORDER = ("schema", "names", "addresses", "countries", "identifiers", "birth_dates",
               "birth_places", "nationalities", "programs", "listed_on", "citations",
               "license_requirement", "license_policy", "remarks", "source_url", "links",
               "properties")
_IGNORED = ("id", "dataset")


class NotEnoughVersions(db.StoreError):
    """A diff needs two loaded versions of the dataset."""


@dataclass(slots=True)
class Delta:
    """Ids only: what the update needs to re-screen saved parties."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"


def delta(old: dict[str, str], new: dict[str, str]) -> Delta:
    """Compare two {entity id: digest} maps."""
    return Delta(
        added=sorted(k for k in new if k not in old),
        removed=sorted(k for k in old if k not in new),
        changed=sorted(k for k, d in new.items() if k in old and old[k] != d),
    )


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = (set(old) | set(new)) - set(_IGNORED)
    diff = [k for k in keys if old.get(k) != new.get(k)]
    order = {k: i for i, k in enumerate(FIELD_ORDER)}
    return sorted(diff, key=lambda k: (order.get(k, len(order)), k))


def _caption(d: dict[str, Any]) -> str:
    names = d.get("names") or []
    for n in names:
        if n.get("kind", "primary") == "primary":
            return str(n["value"])
    return str(names[0]["value"]) if names else str(d.get("id", ""))


def _brief(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d["id"], "caption": _caption(d), "schema": d.get("schema"),
            "programs": list(d.get("programs", []))}


def diff_versions(conn: Connection, dataset: str, from_version: int | None = None,
                  to_version: int | None = None) -> dict[str, Any]:
    """The diff document of `tradescreen diff`; default: the two newest versions."""
    hist = versions.history(conn, dataset)
    if to_version is None and from_version is None and len(hist) < 2:
        have = "no version" if not hist else f"only version {hist[0].id}"
        raise NotEnoughVersions(
            f"{dataset} has {have} in the store; a diff needs two "
            "(load another edition with `tradescreen update --dataset "
            f"{dataset} --from PATH`)")
    to = versions.get(conn, to_version, dataset) if to_version is not None else hist[0]
    if from_version is not None:
        frm = versions.get(conn, from_version, dataset)
    else:
        older = [v for v in hist if v.id < to.id]
        if not older:
            raise NotEnoughVersions(f"{dataset} has no version older than {to.id} to compare with")
        frm = older[0]
    d = delta(versions.digests(conn, frm.id), versions.digests(conn, to.id))
    old = versions.entity_data(conn, frm.id, [*d.removed, *d.changed])
    new = versions.entity_data(conn, to.id, [*d.added, *d.changed])
    changed = []
    for eid in d.changed:
        changed.append({"id": eid, "caption": _caption(new[eid]),
                        "fields": changed_fields(old[eid], new[eid])})
    return {
        "dataset": dataset,
        "from": frm.to_dict(),
        "to": to.to_dict(),
        "added": [_brief(new[eid]) for eid in d.added],
        "removed": [_brief(old[eid]) for eid in d.removed],
        "changed": changed,
        "summary": d.summary(),
    }
