"""`tradescreen update`: fetch or read an edition, parse it, check it, and load it as a new
version in one transaction, then re-screen saved parties against what changed.

Order per dataset: get the raw file(s) into a temporary folder (conditional GET: a 304 or
an identical checksum means "unchanged"), parse them completely with the dataset's parser,
sanity-check (not empty, ids unique, not shrunk by more than 20% unless forced), then in a
single write transaction insert the version and its entities, work out the delta against
the previous version, and store alerts for saved parties that newly match. A failure at
any step leaves the previous version current and untouched.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tradescreen import datasets
from tradescreen.model import Entity
from tradescreen.sources.base import ParseError
from tradescreen.store import db, diff, fetch, versions, watch
from tradescreen.store.lock import update_lock

MAX_SHRINK = 0.20  # a new edition may lose at most this share of entities unless forced
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


class UpdateInputError(db.StoreError):
    """The update was asked for something impossible (unknown dataset, --from for several)."""


@dataclass(slots=True)
class UpdateResult:
    dataset: str
    status: str  # "updated" | "unchanged" | "failed" | "skipped"
    message: str = ""
    source: str | None = None
    version: int | None = None
    previous: int | None = None
    as_of: str | None = None
    entities: int | None = None
    names: int | None = None
    checksum: str | None = None
    added: int = 0
    removed: int = 0
    changed: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    input_error: bool = False  # the failure is in what the user gave, not outside their hands

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 2)
        d["summary"] = (f"{self.added} added, {self.removed} removed, {self.changed} changed"
                        if self.status == "updated" else None)
        return d


class _Failed(Exception):
    def __init__(self, message: str, input_error: bool = False) -> None:
        super().__init__(message)
        self.input_error = input_error


@dataclass(slots=True)
class _Material:
    path: Path  # what the parser reads: a file or a folder
    checksum: str
    source: str
    url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    notes: list[str] = field(default_factory=list)


def checksum(files: Sequence[Path]) -> str:
    """sha256 of one file (as `sha256sum` prints it), or over names and bytes of several."""
    if len(files) == 1:
        return str(_sha256(files[0]).hexdigest())
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode("utf-8") + b"\0" + _sha256(f).digest())
    return h.hexdigest()


def _sha256(path: Path) -> Any:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _local(source: str, work: Path) -> _Material:
    path = Path(source).expanduser()
    if not path.exists():
        raise _Failed(f"{source}: no such file or folder", input_error=True)
    path = path.resolve()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise _Failed(f"{source}: the folder holds no files", input_error=True)
        return _Material(path, checksum(files), str(path))
    # a single file is read alone (from its own folder), never with whatever lies beside it
    work.mkdir(parents=True, exist_ok=True)
    link = work / path.name
    try:
        link.symlink_to(path)
    except OSError:
        link.write_bytes(path.read_bytes())
    return _Material(link, checksum([path]), str(path))


def _remote(dataset: str, url: str, work: Path, state: versions.SourceState | None,
            conditional: bool,
            options: fetch.FetchOptions | None) -> _Material | None:
    """Download into `work`; None when the server answers 304 Not Modified."""
    etag = last_modified = None
    if conditional and state is not None and state.url == url:
        etag, last_modified = state.etag, state.last_modified
    work.mkdir(parents=True, exist_ok=True)
    try:
        dl = fetch.download(url, work, etag=etag, last_modified=last_modified,
                            companions=fetch.companion_urls(dataset, url), options=options)
    except fetch.FetchError as exc:
        raise _Failed(f"download failed: {exc}") from None
    if dl.not_modified:
        return None
    path = dl.files[0] if len(dl.files) == 1 else work
    return _Material(path, checksum(dl.files), url, url, dl.etag, dl.last_modified, dl.notes)


def _iso_day(value: Any) -> str | None:
    m = _DATE.match(str(value or "").strip())
    return m.group(0) if m else None


def stated_date(dataset: str, path: Path) -> str | None:
    """The edition's own date where the file states one (XML attributes, JSON 'extracted')."""
    files = [path] if path.is_file() else sorted(path.iterdir())
    for f in files:
        suffix = f.suffix.lower()
        try:
            if suffix == ".xml":
                from tradescreen.sources import ofac, un

                day = _iso_day(un.date_generated(f) if dataset == "un_sc"
                               else ofac.xml_publish_date(f))
            elif suffix == ".json":
                doc = json.loads(f.read_text("utf-8-sig"))
                day = _iso_day(doc.get("extracted") if isinstance(doc, dict) else None)
            else:
                continue
        except Exception:  # noqa: BLE001 - the parser itself reports a bad file, not this
            continue
        if day:
            return day
    return None


def _parse(dataset: str, material: _Material, work: Path) -> list[Entity]:
    ds = datasets.get(dataset)
    try:
        parser = ds.load_parser()
    except (ImportError, AttributeError) as exc:
        raise _Failed(f"the {dataset} parser ({ds.parser}) is not available: {exc}") from None
    user = not (material.url and material.url == fetch.official_url(dataset))
    try:
        return list(parser(material.path, dataset))
    except ParseError as exc:
        msg = str(exc).replace(f"{work}/", "").replace(str(work), "(download)")
        raise _Failed(f"{material.source} is not a readable {dataset} edition "
                      f"(expected {ds.format}): {msg}", user) from None
    except Exception as exc:  # noqa: BLE001 - a parser tripping on odd input is a bad file
        raise _Failed(f"{material.source} could not be parsed as {dataset} (expected "
                      f"{ds.format}): {type(exc).__name__}: {exc}", user) from None


def _sanity(dataset: str, ents: list[Entity], prev: versions.VersionInfo | None,
            force: bool, source: str) -> None:
    if not ents:
        raise _Failed(f"{source}: parsed no entities for {dataset}; refusing an empty list", True)
    seen: set[str] = set()
    for e in ents:
        if e.id in seen:
            raise _Failed(f"{source}: entity id {e.id} occurs twice", True)
        if e.dataset != dataset:
            raise _Failed(f"{source}: the parser produced an entity of {e.dataset!r}", True)
        seen.add(e.id)
    if prev is not None and not force and len(ents) < prev.entities * (1 - MAX_SHRINK):
        drop = 100 * (prev.entities - len(ents)) / prev.entities
        raise _Failed(
            f"{source}: {dataset} would shrink from {prev.entities} to {len(ents)} entities "
            f"(-{drop:.0f}%, more than {MAX_SHRINK:.0%}); is the file complete? "
            "If the list really shrank, run again with --force", True)


def _load(dataset: str, material: _Material, ents: list[Entity], prev: versions.VersionInfo | None,
          as_of: str, res: UpdateResult) -> None:
    """The one write transaction: version, entities, delta, alerts, fetch state."""
    encoded = [(e, *versions.digest(e)) for e in ents]
    by_id = {e.id: e for e in ents}
    with db.write() as conn:
        now_prev = versions.current(conn, dataset)
        if (now_prev.id if now_prev else None) != (prev.id if prev else None):
            raise _Failed(f"{dataset} changed in the store during this update; run it again")
        vid = versions.insert_version(
            conn, dataset=dataset, as_of=as_of, source=material.source,
            checksum=material.checksum, content=versions.content_checksum(encoded),
            entities=len(ents), names=sum(len(e.names) for e in ents), etag=material.etag,
            last_modified=material.last_modified, note="; ".join(material.notes) or None)
        versions.insert_entities(conn, vid, encoded)
        old = versions.digests(conn, prev.id) if prev else {}
        delta = diff.delta(old, {e.id: d for e, _js, d in encoded})
        fresh = [by_id[i] for i in (*delta.added, *delta.changed)]
        res.alerts = watch.rescreen(conn, dataset, vid, fresh)
        versions.record_source(conn, dataset, status="updated", url=material.url,
                               etag=material.etag, last_modified=material.last_modified)
    res.status, res.version = "updated", vid
    res.added, res.removed, res.changed = len(delta.added), len(delta.removed), len(delta.changed)
    res.entities, res.names = len(ents), sum(len(e.names) for e in ents)
    res.message = (f"version {vid}: {delta.summary()}; {len(res.alerts)} new alert"
                   f"{'s' * (len(res.alerts) != 1)}")


def update_one(dataset: str, source: str | None = None, *, force: bool = False,
               as_of: str | None = None, options: fetch.FetchOptions | None = None
               ) -> UpdateResult:
    """Update one dataset (the caller holds the update lock). Never raises for a bad file
    or a failed download: the result says "failed" and why."""
    started = time.perf_counter()
    res = UpdateResult(dataset, "failed")
    with tempfile.TemporaryDirectory(prefix="tradescreen-update-") as tmp:
        work = Path(tmp) / "input"
        try:
            _run(dataset, source, force, as_of, options, work, res)
        except _Failed as exc:
            res.status, res.message, res.input_error = "failed", str(exc), exc.input_error
        except db.StoreError as exc:
            res.status, res.message = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - e.g. killed mid-transaction: rolled back
            res.status = "failed"
            res.message = (f"update of {dataset} aborted, nothing was changed: "
                           f"{type(exc).__name__}: {exc}")
    if res.status == "failed":
        try:
            with db.write() as conn:
                versions.record_source(conn, dataset, status="failed", message=res.message,
                                       keep_validators=True)
        except db.StoreError:
            pass  # the store itself is the problem; the message already says so
    res.seconds = time.perf_counter() - started
    return res


def _run(dataset: str, source: str | None, force: bool, as_of: str | None,
         options: fetch.FetchOptions | None, work: Path, res: UpdateResult) -> None:
    with db.read() as conn:
        prev = versions.current(conn, dataset)
        state = versions.source_state(conn, dataset)
    res.previous = prev.id if prev else None
    url = source if source and _is_url(source) else None
    if source is None:
        url = fetch.official_url(dataset)
        if url is None:
            res.status, res.input_error = "skipped", True
            res.message = (f"{dataset} has no machine-readable official file that its parser "
                           f"reads ({datasets.get(dataset).url}); load an edition with "
                           f"`tradescreen update --dataset {dataset} --from PATH_OR_URL`")
            return
    res.source = url or source
    if url is not None:
        material = _remote(dataset, url, work, state, prev is not None and not force, options)
        if material is None:
            res.status, res.version, res.message = "unchanged", res.previous, \
                "not modified since the last fetch (HTTP 304)"
            _fill_from(res, prev)
            with db.write() as conn:
                versions.record_source(conn, dataset, status="unchanged", keep_validators=True)
            return
    else:
        assert source is not None
        material = _local(source, work)
    res.notes, res.checksum = material.notes, material.checksum
    if prev is not None and prev.checksum == material.checksum and not force:
        res.status, res.version = "unchanged", prev.id
        res.message = f"identical to the current version {prev.id} (same checksum)"
        _fill_from(res, prev)
        with db.write() as conn:
            versions.record_source(conn, dataset, status="unchanged", url=material.url,
                                   etag=material.etag, last_modified=material.last_modified)
        return
    ents = _parse(dataset, material, work)
    _sanity(dataset, ents, prev, force, material.source)
    res.as_of = (as_of or stated_date(dataset, material.path)
                 or fetch.http_date(material.last_modified)
                 or datetime.now(UTC).date().isoformat())
    _load(dataset, material, ents, prev, res.as_of, res)


def _fill_from(res: UpdateResult, v: versions.VersionInfo | None) -> None:
    if v is not None:
        res.as_of, res.entities, res.names = v.as_of, v.entities, v.names
        res.checksum = res.checksum or v.checksum


def update(names: Sequence[str] | None = None, source: str | None = None, *,
           force: bool = False, as_of: str | None = None, wait: float = 0.0,
           options: fetch.FetchOptions | None = None) -> list[UpdateResult]:
    """Update the named datasets (default: every dataset with an official file we read).

    Raises UpdateInputError for impossible requests and StoreBusy when another update
    holds the lock longer than `wait` seconds.
    """
    chosen = list(dict.fromkeys(names or ()))
    for n in chosen:
        try:
            datasets.get(n)
        except KeyError as exc:
            raise UpdateInputError(str(exc.args[0])) from None
    if source is not None and len(chosen) != 1:
        raise UpdateInputError("--from loads one edition of one list: name it with "
                               "exactly one --dataset")
    if not chosen:
        chosen = list(fetch.OFFICIAL)
    engine = db.get_engine()
    with update_lock(engine, wait):
        return [update_one(n, source, force=force, as_of=as_of, options=options)
                for n in chosen]
