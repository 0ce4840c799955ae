"""The `scan --html` report: one self-contained page (inline CSS, no scripts, no external
assets) with the text, its mentions highlighted, and a side table of the listed entries
with list, program, listing date and citation. Every piece of text is escaped.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from tradescreen.scan.mentions import ScanResult

CSS = """
:root { --mark: #ffe08a; --mark-edge: #d89b00; --ink: #1d2330; --muted: #5b6475; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #f6f7f9; }
header { padding: 16px 24px; background: #1d2330; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: #c9cfdb; font-size: 13px; }
.layout { display: flex; flex-wrap: wrap; gap: 20px; padding: 20px 24px; align-items: flex-start; }
main { flex: 3 1 480px; min-width: 0; background: #fff; border: 1px solid #dde1e8;
       border-radius: 6px; padding: 20px 24px; }
aside { flex: 2 1 360px; min-width: 0; position: sticky; top: 12px; max-height: 96vh;
        overflow: auto; background: #fff; border: 1px solid #dde1e8; border-radius: 6px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0; }
mark { background: var(--mark); border-bottom: 2px solid var(--mark-edge); padding: 0 1px;
       border-radius: 2px; }
mark a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #eceef2; }
th { position: sticky; top: 0; background: #eef1f5; }
td.n { text-align: right; white-space: nowrap; }
.muted { color: var(--muted); }
.none { padding: 16px; color: var(--muted); }
code { font-size: 12px; }
@media print { aside { position: static; max-height: none; } body { background: #fff; } }
"""


def _anchor(entity_id: str) -> str:
    return "e-" + "".join(ch if ch.isalnum() else "-" for ch in entity_id)


def render(result: ScanResult, source: str, dataset_titles: dict[str, str] | None = None
           ) -> str:
    """The report as one HTML string."""
    titles = dataset_titles or {}
    text = result.text
    entities = result.entities()
    out: list[str] = [
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>tradescreen scan: {escape(source)}</title><style>{CSS}</style></head><body>",
        "<header><h1>Listed parties named in the text</h1>",
        f"<p>{escape(source)} &middot; {len(result.mentions)} mention(s) of "
        f"{len(entities)} listed entr{'y' if len(entities) == 1 else 'ies'} &middot; "
        f"threshold {result.threshold:.2f} &middot; "
        f"{escape(datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC'))}</p></header>",
        "<div class=\"layout\"><main><pre class=\"text\">",
    ]
    pos = 0
    for i, m in enumerate(result.mentions):
        e = m.match.entity
        out.append(escape(text[pos:m.start]))
        tip = f"{e.caption} — {titles.get(e.dataset, e.dataset)} — score {m.match.score:.2f}"
        if m.also:
            tip += f" (+{len(m.also)} more entr{'y' if len(m.also) == 1 else 'ies'})"
        out.append(f"<mark id=\"m{i + 1}\" title=\"{escape(tip)}\"><a href=\"#{_anchor(e.id)}\">"
                   f"{escape(text[m.start:m.end])}</a></mark>")
        pos = m.end
    out.append(escape(text[pos:]))
    out.append("</pre></main><aside>")
    out.append(_table(result, entities, titles))
    out.append("</aside></div></body></html>\n")
    return "".join(out)


def _table(result: ScanResult, entities: list[dict[str, Any]], titles: dict[str, str]) -> str:
    if not entities:
        return "<p class=\"none\">No listed party is named in this text.</p>"
    first: dict[str, int] = {}
    for i, m in enumerate(result.mentions):
        for x in m.matches:
            first.setdefault(x.entity.id, i + 1)
    rows = ["<table><thead><tr><th>Listed entry</th><th>List</th><th>Program</th>"
            "<th>Listed on</th><th>Citation</th><th>Mentions</th></tr></thead><tbody>"]
    for r in entities:
        citation = "; ".join(r["citations"][:3]) or (r.get("source_url") or "")
        rows.append(
            f"<tr id=\"{_anchor(r['id'])}\"><td><a href=\"#m{first.get(r['id'], 1)}\">"
            f"{escape(r['caption'])}</a><br><code class=\"muted\">{escape(r['id'])}</code></td>"
            f"<td>{escape(titles.get(r['dataset'], r['dataset']))}</td>"
            f"<td>{escape(', '.join(r['programs'][:4]))}</td>"
            f"<td>{escape(r['listed_on'] or '')}</td>"
            f"<td>{escape(citation)}</td><td class=\"n\">{r['count']}</td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


def write_report(result: ScanResult, path: Path, source: str) -> None:
    """Write the report atomically: a temporary file in the same folder, then a rename."""
    try:
        from tradescreen import datasets

        titles = {d.name: d.title for d in datasets.DATASETS}
    except (ImportError, AttributeError):
        titles = {}
    page = render(result, source, titles)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is a document
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
