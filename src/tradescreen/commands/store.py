"""`tradescreen` commands for list upkeep (registered on cli.app): update, versions, diff,
watch, alerts. The store (SQLAlchemy) is imported inside each command, so the core CLI
works without the `store` extra."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table

from tradescreen.cli import app, emit_json, err, fail, out

watch_app = typer.Typer(help="Saved parties, re-screened whenever a list changes.",
                        no_args_is_help=True)
app.add_typer(watch_app, name="watch")

_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _store() -> Any:
    try:
        import tradescreen.store as store
    except ImportError as exc:
        fail(f"the list store needs the `store` extra (pip install 'tradescreen[store]'): {exc}",
             3)
    return store


def _store_fail(exc: Exception) -> NoReturn:
    """Exit 2 for problems in what the user asked, 3 for the store being unusable."""
    store = _store()
    user = (store.UpdateInputError, store.NotEnoughVersions, store.UnknownVersion,
            store.WatchError)
    fail(str(exc), 2 if isinstance(exc, user) else 3)


@app.command("update")
def update_cmd(
    dataset: Annotated[list[str] | None, typer.Option(
        "--dataset", "-d", help="Dataset to update; repeatable. Default: every dataset with "
        "an official file tradescreen can read.")] = None,
    source: Annotated[str | None, typer.Option(
        "--from", help="Load this file, folder or URL (official format) instead of fetching "
        "the official URL; needs exactly one --dataset.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Load even if the list shrank by more than 20% or is unchanged.")] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The edition's date (YYYY-MM-DD) when the file does not state it.")
    ] = None,
    wait: Annotated[float, typer.Option(
        "--wait", min=0.0, help="Seconds to wait for another running update.")] = 0.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1,
                                           help="Network timeout per try, seconds.")] = 60.0,
    retries: Annotated[int, typer.Option("--retries", min=0, max=10)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Fetch fresh list editions, load them as new versions, alert on saved parties."""
    store = _store()
    if as_of is not None and not _AS_OF.match(as_of.strip()):
        fail(f"--as-of {as_of!r} is not a date like 2024-05-03")
    options = store.FetchOptions(timeout=timeout, retries=retries)
    try:
        results = store.update(dataset, source, force=force, as_of=as_of and as_of.strip(),
                               wait=wait, options=options)
    except store.StoreError as exc:
        _store_fail(exc)
    alerts = [a for r in results for a in r.alerts]
    failed = [r for r in results if r.status in ("failed", "skipped")]
    code = 0 if not failed else (2 if all(r.input_error for r in failed) else 3)
    if as_json:
        emit_json({"results": [r.to_dict() for r in results], "alerts": alerts})
        raise typer.Exit(code)
    for r in results:
        if r.status == "updated":
            out.print(f"[green]{r.dataset}[/]: updated to version {r.version} (as of {r.as_of}; "
                      f"{r.entities} entities, {r.names} names): {r.added} added, "
                      f"{r.removed} removed, {r.changed} changed; {r.seconds:.1f} s",
                      highlight=False)
        elif r.status == "unchanged":
            out.print(f"{r.dataset}: unchanged ({r.message})", highlight=False)
        else:
            err.print(f"[bold red]{r.dataset}: {r.status}[/]: {r.message}", highlight=False)
        for note in r.notes:
            out.print(f"  note: {note}", highlight=False)
    if alerts:
        _alerts_table(alerts, "New alerts")
    raise typer.Exit(code)


@app.command("versions")
def versions_cmd(
    dataset: Annotated[str | None, typer.Option("--dataset", "-d")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the loaded versions of each dataset in the store, newest first."""
    store = _store()
    from tradescreen.store import versions

    try:
        with store.read() as conn:
            rows = [v.to_dict() for v in versions.history(conn, dataset)]
    except store.StoreError as exc:
        _store_fail(exc)
    if as_json:
        emit_json({"versions": rows})
        return
    if not rows:
        out.print("No versions in the store yet: `tradescreen update` loads them.")
        return
    t = Table(title="Dataset versions")
    for col in ("version", "dataset", "as_of", "fetched_at", "entities", "names", "source"):
        t.add_column(col)
    for r in rows:
        t.add_row(*(str(r[c]) for c in ("version", "dataset", "as_of", "fetched_at",
                                        "entities", "names", "source")))
    out.print(t)


@app.command("diff")
def diff_cmd(
    dataset: Annotated[str, typer.Option("--dataset", "-d", help="The dataset to compare.")],
    from_version: Annotated[int | None, typer.Option("--from", help="Older version id.")] = None,
    to_version: Annotated[int | None, typer.Option("--to", help="Newer version id.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="Rows shown per section (not for --json).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What was added, removed and changed between two versions (default: the newest two)."""
    store = _store()
    try:
        with store.read() as conn:
            doc = store.diff_versions(conn, dataset, from_version, to_version)
    except store.StoreError as exc:
        _store_fail(exc)
    if as_json:
        emit_json(doc)
        return
    f, t = doc["from"], doc["to"]
    out.print(f"[bold]{dataset}[/]: version {f['version']} (as of {f['as_of']}) -> "
              f"{t['version']} (as of {t['as_of']}): {doc['summary']}", highlight=False)
    for key in ("added", "removed", "changed"):
        rows = doc[key]
        if not rows:
            continue
        tab = Table(title=f"{key} ({len(rows)})")
        cols = ("id", "caption", "fields") if key == "changed" else (
            "id", "caption", "schema", "programs")
        for c in cols:
            tab.add_column(c)
        for r in rows[:limit]:
            tab.add_row(*(", ".join(r[c]) if isinstance(r[c], list) else str(r[c] or "")
                          for c in cols))
        out.print(tab)
        if len(rows) > limit:
            out.print(f"... and {len(rows) - limit} more (--json lists all)")


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="The party's name.")],
    schema: Annotated[str | None, typer.Option("--schema")] = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="Your own reference (customer id).")
                   ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Save a party; it is screened against every change to the lists from now on."""
    store = _store()
    from tradescreen.store import watch

    try:
        with store.write() as conn:
            party = watch.add(conn, name, schema, country, ref)
    except store.StoreError as exc:
        _store_fail(exc)
    if as_json:
        emit_json(party.to_dict())
        return
    out.print(f"saved party {party.id}: {party.name}", highlight=False)


@watch_app.command("list")
def watch_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
               ) -> None:
    """Show the saved parties."""
    store = _store()
    from tradescreen.store import watch

    try:
        with store.read() as conn:
            rows = [p.to_dict() for p in watch.parties(conn)]
    except store.StoreError as exc:
        _store_fail(exc)
    if as_json:
        emit_json({"parties": rows})
        return
    if not rows:
        out.print("No saved parties: `tradescreen watch add NAME` saves one.")
        return
    t = Table(title="Saved parties")
    for col in ("id", "name", "schema", "country", "ref", "created_at"):
        t.add_column(col)
    for r in rows:
        t.add_row(*(str(r[c] or "") for c in ("id", "name", "schema", "country", "ref",
                                               "created_at")))
    out.print(t)


@watch_app.command("remove")
def watch_remove(party_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Forget a saved party (its past alerts stay, naming it)."""
    store = _store()
    from tradescreen.store import watch

    try:
        with store.write() as conn:
            party = watch.remove(conn, party_id)
    except store.StoreError as exc:
        _store_fail(exc)
    out.print(f"removed party {party.id}: {party.name}", highlight=False)


@watch_app.command("import")
def watch_import(
    file: Annotated[Path, typer.Argument(help="CSV with a `name` column; optional schema, "
                                         "country, ref.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Save every party of a CSV file, all or nothing."""
    store = _store()
    from tradescreen.store import watch

    try:
        with store.write() as conn:
            added, skipped = watch.import_csv(conn, file)
    except store.StoreError as exc:
        _store_fail(exc)
    if as_json:
        emit_json({"added": added, "skipped": skipped})
        return
    out.print(f"imported {added} part{'y' if added == 1 else 'ies'} from {file}"
              + (f"; {skipped} already saved, skipped" if skipped else ""), highlight=False)


@app.command("alerts")
def alerts_cmd(
    show_all: Annotated[bool, typer.Option("--all", help="Include acknowledged alerts.")] = False,
    ack: Annotated[list[int] | None, typer.Option("--ack", metavar="ID",
                                                  help="Acknowledge alert ID; repeatable.")
                   ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Saved parties that newly match a listed entity after an update."""
    store = _store()
    from tradescreen.store import watch

    try:
        if ack:
            with store.write() as conn:
                n = watch.acknowledge(conn, ack)
            if not as_json:
                out.print(f"acknowledged {n} alert{'s' * (n != 1)}")
        with store.read() as conn:
            rows = watch.alerts(conn, include_acknowledged=show_all)
    except store.StoreError as exc:
        _store_fail(exc)
    if as_json:
        emit_json({"alerts": rows})
        return
    if not rows:
        out.print("No open alerts." if not show_all else "No alerts.")
        return
    _alerts_table(rows, "Alerts")


def _alerts_table(rows: list[dict[str, Any]], title: str) -> None:
    t = Table(title=title)
    for col in ("id", "party", "score", "entity id", "caption", "dataset", "version", "ack"):
        t.add_column(col)
    for a in rows:
        t.add_row(str(a["id"]), a["party"], f"{a['score']:.2f}", a["entity_id"], a["caption"],
                  a["dataset"], str(a["version"]), "yes" if a["acknowledged"] else "")
    out.print(t)
