"""The HTML report: one self-contained page with the groups, a timeline and the articles.

Everything a reader needs is inline (CSS, a few lines of script, the timeline as SVG), so
the file can be mailed or opened offline. Every piece of article text, every name and every
reason is escaped with :func:`html.escape`: articles are untrusted input. Each claim is
a ``<mark id="c-<item id>">`` inside its article, and each group row links to it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from ..compare.relations import shown
from ..model import Document, Event, Ledger, Quantity, Quote, item_id
from ..naming import outlet_name, paragraph_number, url_of
from .timeline import ESTIMATED_MARK, event_dates_text

Item = Quote | Quantity | Event

_TIMELINE_WIDTH = 1100
_ROW = 24
_LABEL_W = 330
_PAD = 16


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _template(name: str) -> str:
    return resources.files("newsledger").joinpath(f"view/templates/{name}").read_text(encoding="utf-8")


def _items(ledger: Ledger) -> dict[str, Item]:
    every: list[Item] = [*ledger.quotes, *ledger.quantities, *ledger.events]
    return {item_id(x): x for x in every}


def _kind(x: Item) -> str:
    return "quote" if isinstance(x, Quote) else "figure" if isinstance(x, Quantity) else "event"


def _claim_detail(x: Item) -> str:
    if isinstance(x, Quantity):
        return shown(x)
    if isinstance(x, Event):
        return event_dates_text(x) or x.time_text
    return "direct quote" if x.direct else "reported speech"


def _claim_source(x: Item) -> str | None:
    if isinstance(x, Quantity):
        return x.source
    if isinstance(x, Quote):
        return x.speaker
    return None


def _where(doc: Document | None, x: Item) -> str:
    """The outlet cell of a claim: outlet, file and paragraph, the outlet linked to the article's URL."""
    if doc is None:
        return _esc(x.doc)
    outlet = _esc(outlet_name(doc))
    url = url_of(doc)
    if url and url.startswith(("http://", "https://")):
        outlet = f'<a href="{_esc(url)}">{outlet}</a>'
    para = paragraph_number(doc, x.start)
    return f'{outlet}<br><span class="meta">{_esc(doc.file)}{f", paragraph {para}" if para else ""}</span>'


# ------------------------------------------------------------------ article text with marks
def highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """Article text, escaped, with a ``<mark>`` per span.

    Spans nest (a figure inside a quote); a span that crosses the end of an enclosing one is
    cut there, so the markup stays well formed and every span still gets its own mark.

    Args:
        text (str): the article text, e.g. ``'He said "<b>2</b> died"'``.
        spans (Sequence[tuple[int, int, str, str]]): (start, end, element id, css classes).
    Returns:
        str: HTML, e.g. ``'He said "&lt;b&gt;<mark id=...>2</mark>...'``.
    """
    ordered = sorted((s for s in spans if 0 <= s[0] < s[1] <= len(text)), key=lambda s: (s[0], -s[1], s[2]))
    out: list[str] = []
    stack: list[int] = []  # end offsets of open marks
    pos = 0
    for start, end, ident, classes in ordered:
        while stack and stack[-1] <= start:
            close = stack.pop()
            out.append(_esc(text[pos:close]) + "</mark>")
            pos = close
        if stack:
            end = min(end, stack[-1])
        out.append(_esc(text[pos:start]))
        out.append(f'<mark id="{_esc(ident)}" class="{_esc(classes)}">')
        pos = start
        stack.append(end)
    while stack:
        close = stack.pop()
        out.append(_esc(text[pos:close]) + "</mark>")
        pos = close
    out.append(_esc(text[pos:]))
    return "".join(out)


_SEVERITY = {"agree": 0, "compatible": 1, "conflict": 2}


def _articles(ledger: Ledger, status_of: Mapping[str, str]) -> str:
    by_doc: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for ident, x in _items(ledger).items():
        classes = _kind(x)
        if ident in status_of:
            classes += f" grouped {status_of[ident]}"
        by_doc[x.doc].append((x.start, x.end, f"c-{ident}", classes))
    parts = []
    for doc in ledger.documents:
        meta = [m for m in (outlet_name(doc), doc.meta.author, doc.meta.published, url_of(doc)) if m]
        parts.append(
            f'<article id="doc-{_esc(doc.id)}"><h3>{_esc(doc.meta.title or doc.file)}</h3>'
            f'<p class="meta">{_esc(doc.file)}{" · " if meta else ""}{_esc(" · ".join(meta))}</p>'
            f'<div class="text">{highlight(doc.text, by_doc.get(doc.id, []))}</div></article>')
    return "\n".join(parts)


# ------------------------------------------------------------------ groups
def _groups(ledger: Ledger) -> str:
    items = _items(ledger)
    docs = {d.id: d for d in ledger.documents}
    parts = []
    for g in ledger.groups:
        rows = []
        for m in g.members:
            x = items.get(m)
            if x is None:
                continue
            rows.append(
                f"<tr><td>{_where(docs.get(x.doc), x)}</td>"
                f'<td><a href="#c-{_esc(m)}">{_esc(x.text)}</a></td>'
                f'<td class="figure">{_esc(_claim_detail(x))}</td>'
                f"<td>{_esc(_claim_source(x) or '—')}</td></tr>")
        n = g.independent_sources
        src = f"{n} independent source{'s' if n != 1 else ''}"
        if g.sources:
            src += ": " + ", ".join(g.sources)
        if g.unattributed:
            src += f"; {g.unattributed} unattributed"
        cites = "; ".join(f"{a} cites {b}" for a, b in g.citations)
        parts.append(
            f'<section class="group {_esc(g.status)}" id="{_esc(g.id)}">'
            f'<h3><span class="badge {_esc(g.status)}">{_esc(g.status)}</span>{_esc(g.label)}</h3>'
            f'<p class="why">{_esc(g.why)}</p>'
            f'<p class="sources">{_esc(src)}{"<br>" + _esc(cites) if cites else ""}</p>'
            "<table><thead><tr><th>Outlet</th><th>Claim</th><th>Figure / time</th><th>Source</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")
    if not parts:
        return '<p class="summary">No claims were found in more than one article.</p>'
    return "\n".join(parts)


# ------------------------------------------------------------------ timeline
def _date(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def timeline_svg(events: Sequence[Event], documents: Sequence[Document], status_of: Mapping[str, str]) -> str:
    """The dated events as an inline SVG: one row per event, a bar over its date range.

    Args:
        events (Sequence[Event]): events with ``date_start``/``date_end`` (undated ones are listed apart).
        documents (Sequence[Document]): for the file name shown with each event.
        status_of (Mapping[str, str]): item id → verdict of its group, to colour grouped events.
    Returns:
        str: an ``<svg>`` element (or a short paragraph when nothing is dated).
    """
    files = {d.id: f"{outlet_name(d)}, {d.file}" for d in documents}
    dated = [(e, _date(e.date_start), _date(e.date_end)) for e in events]
    rows = [(e, a, b if b and b >= a else a) for e, a, b in dated if a is not None]
    undated = [e for e, a, _ in dated if a is None]
    if not rows:
        body = '<p class="summary">No dated events.</p>'
    else:
        rows.sort(key=lambda r: (r[1], r[2]))
        lo = min(a for _, a, _ in rows)
        hi = max(b for _, _, b in rows) + dt.timedelta(days=1)
        span = max((hi - lo).days, 1)
        plot_w = _TIMELINE_WIDTH - _LABEL_W - 2 * _PAD - 48  # room for the last tick label
        height = _PAD * 2 + 28 + _ROW * len(rows)

        def x(d: dt.date) -> float:
            return _LABEL_W + _PAD + plot_w * (d - lo).days / span

        out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_TIMELINE_WIDTH}" height="{height}" '
               f'viewBox="0 0 {_TIMELINE_WIDTH} {height}" role="img" aria-label="Timeline of events">']
        out.append('<g class="axis">')
        for tick, label in _ticks(lo, hi):
            tx = x(tick)
            out.append(f'<line x1="{tx:.1f}" y1="{_PAD}" x2="{tx:.1f}" y2="{height - _PAD}" stroke="#e3e3e3"/>'
                       f'<text x="{tx + 2:.1f}" y="{_PAD + 10}">{_esc(label)}</text>')
        out.append("</g>")
        for i, (e, a, b) in enumerate(rows):
            y = _PAD + 28 + i * _ROW
            ident = item_id(e)
            cls = status_of.get(ident, "")
            x0, x1 = x(a), x(b + dt.timedelta(days=1))
            when = f"{ESTIMATED_MARK}{e.time_text}" if e.estimated else e.time_text
            label = f"{e.event} — {when} ({files.get(e.doc, e.doc)})"
            out.append(f'<a href="#c-{_esc(ident)}"><title>{_esc(e.text)}</title>'
                       f'<text x="{_PAD}" y="{y + 13}">{_esc(_clip(label, 44))}</text>'
                       f'<rect class="bar {_esc(cls)}" x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 4):.1f}" '
                       f'height="{_ROW - 8}" rx="3"/></a>')
        out.append("</svg>")
        body = "".join(out)
    if undated:
        items = "".join(f'<li><a href="#c-{_esc(item_id(e))}">{_esc(e.event)}</a>: {_esc(e.time_text)} '
                        f"({_esc(files.get(e.doc, e.doc))})</li>" for e in undated)
        body += f'<p class="summary">Events without a calendar date:</p><ul>{items}</ul>'
    return body


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    days = (hi - lo).days
    if days <= 62:
        step = 7 if days > 14 else 1
        return [(lo + dt.timedelta(days=d), (lo + dt.timedelta(days=d)).isoformat()) for d in range(0, days + 1, step)]
    if days <= 3 * 366:
        out, y, m = [], lo.year, lo.month
        every = 1 if days <= 400 else 3
        while dt.date(y, m, 1) <= hi:
            d = dt.date(y, m, 1)
            if d >= lo and (m - 1) % every == 0:
                out.append((d, d.strftime("%b %Y")))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    years = hi.year - lo.year
    # At most about a dozen year labels, on round years (1950, 1960, ...).
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 12)
    first = (lo.year // step + 1) * step
    return [(dt.date(y, 1, 1), str(y)) for y in range(first, hi.year + 1, step)]


# ------------------------------------------------------------------ page
def render_report(ledger: Ledger, title: str | None = None) -> str:
    """The whole report as one HTML string (see :func:`write_report`); ``title``: the story's."""
    # A claim may stand in two groups (a part beside its whole): show the gravest verdict.
    status_of: dict[str, str] = {}
    for g in ledger.groups:
        for m in g.members:
            if _SEVERITY[g.status] > _SEVERITY.get(status_of.get(m, ""), -1):
                status_of[m] = g.status
    counts = {s: sum(g.status == s for g in ledger.groups) for s in ("agree", "compatible", "conflict")}
    summary = (f"{len(ledger.documents)} articles · {len(ledger.groups)} groups "
               f"({counts['agree']} agree, {counts['compatible']} compatible, {counts['conflict']} conflict) · "
               f"{len(ledger.quotes)} quotes · {len(ledger.quantities)} figures · {len(ledger.events)} events")
    buttons = "".join(f'<button type="button" data-status="{s}"{" class=on" if s == "all" else ""}>{s}</button>'
                      for s in ("all", "conflict", "compatible", "agree"))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title or 'newsledger report')}</title>"
        f"<style>{_template('report.css')}</style></head><body>"
        f'<header><h1>{_esc(title or "Claim ledger")}</h1><p class="summary">{_esc(summary)}</p></header><main>'
        f'<h2 id="groups">Where the outlets agree or conflict</h2><div class="filters">{buttons}</div><br>'
        f"{_groups(ledger)}"
        f'<h2 id="timeline">Timeline</h2><div class="timeline">'
        f"{timeline_svg(ledger.events, ledger.documents, status_of)}</div>"
        f'<h2 id="articles">Articles</h2>{_articles(ledger, status_of)}</main>'
        "<footer>Made by newsledger. Highlights: yellow figures, blue quotes, green events; "
        "an underline marks a claim that belongs to a group.</footer>"
        f"<script>{_template('report.js')}</script></body></html>\n"
    )


def write_report(ledger: Ledger, path: str | Path, title: str | None = None) -> None:
    """Write the ledger as one self-contained HTML page.

    Args:
        ledger (Ledger): documents, claims and groups, e.g. from ``build_ledger``.
        path (str | Path): where to write, e.g. ``"report.html"``.
    """
    Path(path).write_text(render_report(ledger, title), encoding="utf-8")
