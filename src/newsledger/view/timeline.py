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


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline."""

    when: str  # "2024-11-01 – 2024-11-30", "2025-01-11", or "months: Jun–Aug" / "undated"
    event: str
    time_text: str
    source: str  # the outlet the article credits, else its file name
    text: str


def _when(e: Event) -> str:
    if e.date_start and e.date_end:
        return e.date_start if e.date_start == e.date_end else f"{e.date_start} – {e.date_end}"
    if e.date_start:
        return f"from {e.date_start}"
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

    def source(e: Event) -> str:
        doc = by_id.get(e.doc)
        if doc is None:
            return e.doc
        return doc.meta.outlet or doc.file

    def key(e: Event) -> tuple[int, str, str, int, int]:
        if e.date_start:
            return (0, e.date_start, e.date_end or e.date_start, order.get(e.doc, 0), e.start)
        return (1, "", "", order.get(e.doc, 0), e.start)

    return [TimelineRow(_when(e), e.event, e.time_text, source(e), e.text) for e in sorted(events, key=key)]


def format_timeline(events: Sequence[Event], documents: Sequence[Document]) -> Table:
    """The timeline as a rich table (the ``newsledger timeline`` command prints it).

    Args:
        events (Sequence[Event]): events of any number of documents.
        documents (Sequence[Document]): the documents they come from.
    Returns:
        rich.table.Table: columns When, Event, Time words, Source.
    """
    table = Table(title="Timeline", show_lines=False)
    table.add_column("When", no_wrap=True)
    table.add_column("Event")
    table.add_column("Time words", style="cyan")
    table.add_column("Source", style="dim")
    for row in timeline_rows(events, documents):  # article words and file names: plain Text, never markup
        table.add_row(Text(row.when), Text(row.event), Text(row.time_text), Text(row.source))
    return table
