"""The `tradescreen` command: thin Typer wrappers over the package API.

Exit codes: 0 success, 1 a check found matches only when `--fail-on-match` asks for it,
2 bad input (unknown id, empty name, unreadable file), 3 a failure outside the user's hands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from tradescreen import __version__
from tradescreen.screen import Screener

app = typer.Typer(
    name="tradescreen",
    help="Screen names, files and text against export-control and sanctions lists.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def screener() -> Screener:
    """The warm Screener; a store that cannot be read is a failure outside the user's hands."""
    from tradescreen.service import get_screener

    try:
        return get_screener()
    except Exception as exc:
        if type(exc).__name__ == "StoreError":
            fail(f"the list store cannot be read: {exc}", 3)
        raise


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"tradescreen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Screen names, files and text against export-control and sanctions lists."""


@app.command("lists")
def lists_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show every dataset with its as-of date and counts."""
    from tradescreen.service import dataset_summaries

    try:
        rows = dataset_summaries()
    except Exception as exc:
        if type(exc).__name__ == "StoreError":
            fail(f"the list store cannot be read: {exc}", 3)
        raise
    if as_json:
        emit_json({"datasets": rows})
        return
    t = Table(title="Loaded datasets")
    cols = ("name", "title", "as_of", "entities", "names", "origin")
    for col in cols:
        t.add_column(col, justify="right" if col in ("entities", "names") else "left")
    for r in rows:
        origin = r.get("origin", "")
        if r.get("version") is not None:
            origin = f"{origin} v{r['version']}"
        t.add_row(*(str(r[c]) for c in cols[:-1]), str(origin))
    out.print(t)


@app.command("show")
def show_cmd(
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Entity id, e.g. us_bis_el:...")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the full record of one listed entity."""
    entity = screener().get(entity_id.strip())
    if entity is None:
        fail(f"no entity with id {entity_id!r} (ids look like 'us_ofac_sdn:36'; "
             "`tradescreen check NAME` shows them)")
    data = entity.to_dict()
    data["caption"] = entity.caption
    if as_json:
        emit_json(data)
        return
    t = Table(title=entity.caption, show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    for k, v in data.items():
        if isinstance(v, list):
            v = "\n".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else str(x)
                          for x in v)
        elif isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False)
        t.add_row(k, str(v))
    out.print(t)


@app.command("check")
def check_cmd(
    name: Annotated[str, typer.Argument(help="The name to screen.")],
    schema: Annotated[str | None, typer.Option("--schema", help="Person, Organization, "
                                               "LegalEntity, Vessel or Aircraft.")] = None,
    country: Annotated[list[str] | None, typer.Option("--country", help="Country name or "
                                                      "ISO code; repeatable.")] = None,
    birth_date: Annotated[str | None, typer.Option("--birth-date", help="YYYY[-MM-DD].")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 10,
    threshold: Annotated[float | None, typer.Option("--threshold", min=0.0, max=1.0,
                                                    help="Default: the matcher's.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Screen one name; matches sorted by score, with the reasons."""
    from tradescreen.model import SCHEMAS
    from tradescreen.screen import QueryError
    if schema and schema not in SCHEMAS:
        fail(f"unknown schema {schema!r}; use one of {', '.join(SCHEMAS)}")
    s = screener()
    try:
        query = s.make_query(name, schema, country or [], birth_date)
        thr = s.threshold if threshold is None else threshold
        matches = s.check_query(query, limit, thr)
    except QueryError as exc:
        fail(str(exc))
    if as_json:
        emit_json({"query": {**query.to_dict(), "threshold": thr, "limit": limit,
                             "algorithm": s.algorithm},
                   "matches": [m.to_dict() for m in matches]})
        return
    if not matches:
        out.print(f"No listed party matches [bold]{name}[/] at threshold {thr:.2f}.")
        return
    t = Table(title=f"Matches for {name!r}")
    for col in ("score", "id", "caption", "matched name", "programs", "listed on", "why"):
        t.add_column(col)
    for m in matches:
        why = "; ".join(f.text for f in m.explanation[:3])
        t.add_row(f"{m.score:.2f}", m.entity.id, m.entity.caption, m.matched_name,
                  ", ".join(m.entity.programs[:3]), m.entity.listed_on or "", why)
    out.print(t)


@app.command("compare")
def compare_cmd(
    name1: Annotated[str | None, typer.Argument(help="First name.")] = None,
    name2: Annotated[str | None, typer.Argument(help="Second name.")] = None,
    schema: Annotated[str | None, typer.Option("--schema")] = None,
    pairs: Annotated[Path | None, typer.Option("--pairs", help="CSV with name1,name2[,schema].")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Output CSV for --pairs.")] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", min=0.0, max=1.0)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score two names against each other, or every pair in a CSV file."""
    from tradescreen.screen import QueryError
    from tradescreen.service import compare_pairs_file

    s = screener()
    thr = s.threshold if threshold is None else threshold
    if pairs is not None:
        if out_path is None:
            fail("--pairs needs --out OUT.csv")
        try:
            n = compare_pairs_file(s, pairs, out_path, thr)
        except (ValueError, OSError) as exc:
            fail(str(exc))
        err.print(f"scored {n} pairs -> {out_path}")
        return
    if name1 is None or name2 is None:
        fail("give two names, or --pairs IN.csv --out OUT.csv")
    try:
        score, feats = s.compare(name1, name2, schema)
    except QueryError as exc:
        fail(str(exc))
    result = {"score": round(score, 4), "match": score >= thr,
              "explanation": [f.to_dict() for f in feats]}
    if as_json:
        emit_json(result)
        return
    verdict = "[green]match[/]" if score >= thr else "[red]no match[/]"
    out.print(f"{score:.3f} {verdict}")
    for f in feats:
        out.print(f"  - {f.text}")


def run() -> None:
    app()


# commands for scan, batch and list upkeep live in their own modules and register on `app`
from tradescreen.commands import batch as _batch  # noqa: E402,F401
from tradescreen.commands import scan as _scan  # noqa: E402,F401
from tradescreen.commands import store as _store  # noqa: E402,F401
