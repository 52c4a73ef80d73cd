"""A story's timeline on a scale that fits the story's own span.

Articles recall older events ("leased the shed since 2019", "inspected in October 2024"); drawn
on one scale with the week of the story itself, they squeeze that week into one column. The
scale therefore spans the story's own days: from :data:`LOOKBACK_DAYS` before its first
article's date to :data:`LOOKAHEAD_DAYS` after its last, shrunk to the events that fall in it.
Events wholly outside are listed before and after the chart, with their dates; one that
reaches past an edge is drawn to the edge, with the edge marked. Estimated dates (an undated
article's relative times, placed against the story's latest date) are drawn hatched and marked
``≈``. The same event on the same dates in several articles is one row naming every outlet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..view.timeline import ESTIMATED_MARK
from .claims import SEVERITY, LedgerIndex, Links, claim_record
from .site import api, page, site_of, story_record

# How far before the first article, and after the last, an event still belongs to the story's
# own span: a month each way keeps "late last month" and "next week" on the scale.
LOOKBACK_DAYS = 31
LOOKAHEAD_DAYS = 31
WIDTH = 1000  # the SVG's user units; it scales to the page's width
LABEL_WIDTH = 330
ROW_HEIGHT = 24
_TOP = 36
_PAD = 12


def _day(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _short(d: dt.date) -> str:
    return f"{d:%b} {d.day}"


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """Labelled ticks for [lo, hi): days, weeks, months or years, at most about a dozen."""
    days = (hi - lo).days
    if days <= 16:
        return [(lo + dt.timedelta(d), _short(lo + dt.timedelta(d))) for d in range(days + 1)]
    if days <= 100:
        first = lo + dt.timedelta((7 - lo.weekday()) % 7)  # Mondays
        return [(first + dt.timedelta(w * 7), _short(first + dt.timedelta(w * 7)))
                for w in range((hi - first).days // 7 + 1)]
    if days <= 3 * 366:
        every = 1 if days <= 400 else 3
        out = []
        y, m = lo.year, lo.month
        while dt.date(y, m, 1) <= hi:
            d = dt.date(y, m, 1)
            if d >= lo and (m - 1) % every == 0:
                out.append((d, d.strftime("%b %Y")))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if (hi.year - lo.year) / s <= 12)
    return [(dt.date(y, 1, 1), str(y)) for y in range((lo.year // step + 1) * step, hi.year + 1, step)]


def _when(start: dt.date, end: dt.date, estimated: bool) -> str:
    mark = ESTIMATED_MARK if estimated else ""
    if start == end:
        return f"{mark}{start.isoformat()}"
    last_day = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last_day and (start.year, start.month) == (end.year, end.month):
        return f"{mark}{start.strftime('%B %Y')}"
    return f"{mark}{start.isoformat()} – {end.isoformat()}"


def timeline_view(index: LedgerIndex, links: Links) -> dict[str, Any]:
    """The timeline of one story's ledger, laid out for the SVG and the table beside it.

    Args:
        index (LedgerIndex): the story's ledger.
        links (Links): where each event links to (its sentence in its article).
    Returns:
        dict: ``rows`` (inside the scale, with ``x``, ``width``, ``y``), ``earlier``, ``later``,
        ``undated``, ``ticks``, ``span`` (first and last day of the scale), ``width``, ``height``.
    """
    merged: dict[tuple[str, str, str, bool], dict[str, Any]] = {}
    undated: list[dict[str, Any]] = []
    for e in index.ledger.events:
        rec = claim_record(index, e, links)
        start, end = _day(e.date_start), _day(e.date_end) or _day(e.date_start)
        if start is None or end is None:
            undated.append(rec)
            continue
        end = max(start, end)
        key = (e.event, start.isoformat(), end.isoformat(), e.estimated)
        row = merged.get(key)
        if row is None:
            row = merged[key] = {"event": e.event, "start": start, "end": end, "estimated": e.estimated,
                                 "when": _when(start, end, e.estimated), "claims": [], "status": None}
        row["claims"].append(rec)
        if rec["status"] and SEVERITY[rec["status"]] > SEVERITY.get(row["status"] or "", -1):
            row["status"] = rec["status"]
    rows = sorted(merged.values(), key=lambda r: (r["start"], r["end"], r["event"]))
    lo, hi = _story_span(index, rows)
    inside = [r for r in rows if r["end"] >= lo and r["start"] <= hi]
    earlier = [r for r in rows if r["end"] < lo]
    later = [r for r in rows if r["start"] > hi]
    if inside:
        lo = max(lo, min(r["start"] for r in inside))
        hi = min(hi, max(r["end"] for r in inside))
    stop = hi + dt.timedelta(days=1)
    span_days = max((stop - lo).days, 1)
    plot = WIDTH - LABEL_WIDTH - 2 * _PAD

    def x(d: dt.date) -> float:
        return round(LABEL_WIDTH + _PAD + plot * (d - lo).days / span_days, 1)

    for i, r in enumerate(inside):
        a, b = max(r["start"], lo), min(r["end"], hi) + dt.timedelta(days=1)
        r.update(x=x(a), width=max(round(x(b) - x(a), 1), 4.0), y=_TOP + i * ROW_HEIGHT,
                 clipped_before=r["start"] < lo, clipped_after=r["end"] > hi,
                 label=_label(r))
    return {
        "rows": [_public(r) for r in inside], "earlier": [_public(r) for r in earlier],
        "later": [_public(r) for r in later], "undated": undated,
        # a label needs about 40 units of room before the right edge
        "ticks": [{"x": x(d), "label": label} for d, label in _ticks(lo, stop)
                  if lo <= d <= stop and x(d) < WIDTH - 40],
        "span": [lo.isoformat(), hi.isoformat()] if inside else None,
        "width": WIDTH, "height": _TOP + len(inside) * ROW_HEIGHT + _PAD, "label_width": LABEL_WIDTH,
        "row_height": ROW_HEIGHT, "estimated": sum(e.estimated for e in index.ledger.events),
    }


def _label(row: dict[str, Any]) -> str:
    outlets = list(dict.fromkeys(c["outlet"] for c in row["claims"]))
    who = outlets[0] if len(outlets) == 1 else f"{len(outlets)} outlets"
    text = f"{row['event']} ({who})"
    return text if len(text) <= 46 else text[:45] + "…"


def _public(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["start"], out["end"] = row["start"].isoformat(), row["end"].isoformat()
    out["outlets"] = list(dict.fromkeys(c["outlet"] for c in row["claims"]))
    return out


def _story_span(index: LedgerIndex, rows: Sequence[dict[str, Any]]) -> tuple[dt.date, dt.date]:
    """The days the story itself covers: around its articles' dates, else around its events' middle."""
    published = sorted(d for d in (_day(doc.meta.published) for doc in index.ledger.documents) if d)
    if published:
        first, last = published[0], published[-1]
    elif rows:
        middle = dt.date.fromordinal(int(statistics.median(r["start"].toordinal() for r in rows)))
        first = last = middle
    else:
        today = dt.date.today()
        first = last = today
    return first - dt.timedelta(days=LOOKBACK_DAYS), last + dt.timedelta(days=LOOKAHEAD_DAYS)


def timeline_page(request: Request) -> Response:
    site = site_of(request)
    row = site.story_row(int(request.path_params["story_id"]))
    view = timeline_view(site.story_index(row), site.links)
    return page(request, "timeline.html", story=story_record(row, site.links), timeline=view)


def timeline_api(request: Request) -> Response:
    site = site_of(request)
    row = site.story_row(int(request.path_params["story_id"]))
    return api({"story": story_record(row, site.links), **timeline_view(site.story_index(row), site.links)})
