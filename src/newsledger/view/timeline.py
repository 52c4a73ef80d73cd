"""The timeline: every dated event in date order, with the article it comes from.

Events whose time cannot be placed on the calendar (a relative time in an undated article)
come last, with the months their words allow, so nothing the articles say is hidden.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from ..model import Document, Event
from ..naming import outlet_name, paragraph_number, url_of


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline."""

    when: str  # "2024-11-01 – 2024-11-30", "2025-01-11", "≈ 2025-03-17", or "months: Jun–Aug" / "undated"
    event: str
    time_text: str
    source: str  # the outlet's name (see naming.outlet_name)
    text: str
    file: str = ""
    paragraph: int | None = None  # where in the article the event stands
    url: str | None = None


# before dates that rest on the batch's reference date, not on the article's own date
ESTIMATED_MARK = "≈ "


def event_dates_text(e: Event) -> str | None:
    """An event's dates as every view shows them, or None when it has none.

    Example: "2025-01-11", "2024-11-01 – 2024-11-30", and "≈ 2025-03-17" for an estimated date.
    """
    mark = ESTIMATED_MARK if e.estimated else ""
    if e.date_start and e.date_end:
        return mark + (e.date_start if e.date_start == e.date_end else f"{e.date_start} – {e.date_end}")
    if e.date_start:
        return f"{mark}from {e.date_start}"
    return None


def _when(e: Event) -> str:
    dates = event_dates_text(e)
    if dates:
        return dates
    if e.months:
        names = [calendar.month_abbr[m] for m in e.months]
        return "months: " + (names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}")
    return "undated"


def timeline_rows(events: Sequence[Event], documents: Sequence[Document]) -> list[TimelineRow]:
    """Events sorted by date (start, then end), the undated ones last, in document order.

    Args:
        events (Sequence[Event]): events of any number of documents.
        documents (Sequence[Document]): the documents (for the outlet or file of each event).
    Returns:
        list[TimelineRow]: one row per event.

    Example: a pact "signed in October 2023" comes before a publication on 2025-02-03.
    """
    by_id = {d.id: d for d in documents}
    order = {d.id: i for i, d in enumerate(documents)}

    def row(e: Event) -> TimelineRow:
        doc = by_id.get(e.doc)
        if doc is None:
            return TimelineRow(_when(e), e.event, e.time_text, e.doc, e.text)
        return TimelineRow(_when(e), e.event, e.time_text, outlet_name(doc), e.text, doc.file,
                           paragraph_number(doc, e.start), url_of(doc))

    def key(e: Event) -> tuple[int, str, str, int, int]:
        if e.date_start:
            return (0, e.date_start, e.date_end or e.date_start, order.get(e.doc, 0), e.start)
        return (1, "", "", order.get(e.doc, 0), e.start)

    return [row(e) for e in sorted(events, key=key)]


def format_timeline(events: Sequence[Event], documents: Sequence[Document]) -> Table:
    """The timeline as a rich table (the ``newsledger timeline`` command prints it).

    Args:
        events (Sequence[Event]): events of any number of documents.
        documents (Sequence[Document]): the documents they come from.
    Returns:
        rich.table.Table: columns When, Event, Time words, Outlet (with file, paragraph and URL).
    """
    table = Table(title="Timeline", show_lines=False)
    table.add_column("When", no_wrap=True)
    table.add_column("Event", overflow="fold")
    table.add_column("Time words", style="cyan", overflow="fold")
    table.add_column("Outlet", overflow="fold")
    for row in timeline_rows(events, documents):
        where = Text(row.source)
        if row.file:
            where.append(f"\n{row.file}" + (f", paragraph {row.paragraph}" if row.paragraph else ""), style="dim")
        if row.url:
            where.append(f"\n{row.url}", style="dim")
        table.add_row(Text(row.when), Text(row.event), Text(row.time_text), where)
    return table
