"""`tradescreen scan FILE|-`: every listed party named in a document (cli.app).

Reads plain text, Markdown, HTML (main text only) and PDF; prints the mentions, or JSON
with --json, and writes a self-contained HTML report with --html. Exit 2 on input it
cannot read (binary, empty, encrypted or image-only PDF, over the size limit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradescreen.cli import app, emit_json, err, fail, out

STREAM_JSON_CHARS = 1_000_000  # longer text is written into the JSON piece by piece


@app.command("scan")
def scan_cmd(
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="Text, Markdown, HTML or "
                                          "PDF file; '-' reads standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: mentions, entities "
                                          "and the extracted text.")] = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="OUT.html", help="Write a "
                                              "self-contained HTML report.")] = None,
    threshold: Annotated[float | None, typer.Option("--threshold", min=0.0, max=1.0,
                                                    help="Default: the matcher's.")] = None,
) -> None:
    """Find every listed party named in a news article, contract or invoice."""
    try:
        from tradescreen.scan.extract import ExtractError, read_source
    except ImportError as exc:  # pragma: no cover - only without the scan extra
        fail(f"scan needs the scan extra: pip install 'tradescreen[scan]' ({exc})", 3)
    from tradescreen.scan.mentions import scan_text
    from tradescreen.service import get_screener

    if html is not None and (html.is_dir() or str(html).endswith(("/", "\\"))):
        fail(f"--html {html}: give a file name, e.g. report.html")
    try:
        doc = read_source(source)
    except ExtractError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", 130)
    screener = get_screener()
    try:
        result = scan_text(screener, doc.text, threshold)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    if html is not None:
        from tradescreen.scan.report import write_report

        try:
            write_report(result, html, doc.source)
        except OSError as exc:
            fail(f"--html {html}: cannot write the report ({exc.strerror or exc})")
    if as_json:
        data = result.to_dict(include_text=False)
        data["source"] = {"name": doc.source, "kind": doc.kind, "encoding": doc.encoding,
                          "characters": len(doc.text)}
        if len(doc.text) < STREAM_JSON_CHARS:
            data["text"] = doc.text
            emit_json(data)
        else:
            _stream_json(data, doc.text)
    else:
        _print(result, doc.source)
    if html is not None:
        err.print(f"report -> {html}", highlight=False)


def _stream_json(data: dict[str, object], text: str, piece: int = 1 << 20) -> None:
    """The same JSON as emit_json, with the long text written piece by piece."""
    body = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(body[:-2] + ',\n  "text": "')
    for i in range(0, len(text), piece):
        sys.stdout.write(json.dumps(text[i:i + piece], ensure_ascii=False)[1:-1])
    sys.stdout.write('"\n}\n')


def _print(result: object, source: str) -> None:
    from tradescreen.scan.mentions import ScanResult

    assert isinstance(result, ScanResult)
    if not result.mentions:
        out.print(f"No listed party is named in {source} (threshold {result.threshold:.2f}).",
                  highlight=False)
        return
    t = Table(title=f"Listed parties named in {source}")
    for col in ("at", "text", "score", "listed entry", "list"):
        t.add_column(col)
    for m in result.mentions:
        e = m.match.entity
        more = f" (+{len(m.also)})" if m.also else ""
        t.add_row(f"{m.start}-{m.end}", m.text, f"{m.match.score:.2f}", f"{e.caption}{more}",
                  e.dataset)
    out.print(t)
    ents = result.entities()
    out.print(f"{len(result.mentions)} mention(s) of {len(ents)} listed entr"
              f"{'y' if len(ents) == 1 else 'ies'}.", highlight=False)
