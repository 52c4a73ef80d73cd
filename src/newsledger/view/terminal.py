"""The ledger in a terminal: one rich table per group, one line per outlet."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..compare.relations import shown
from ..model import Event, Ledger, Quantity, Quote, item_id
from ..naming import outlet_name, paragraph_number, url_of
from .timeline import event_dates_text

_STYLE = {"agree": "bold green", "compatible": "bold yellow", "conflict": "bold red"}


def _figure(x: Quote | Quantity | Event) -> str:
    if isinstance(x, Quantity):
        return shown(x)
    if isinstance(x, Event):
        return event_dates_text(x) or x.time_text or "—"
    return "direct" if x.direct else "reported"


def _source(x: Quote | Quantity | Event) -> str:
    if isinstance(x, Quantity):
        return x.source or "— (unattributed)"
    if isinstance(x, Quote):
        return x.speaker or "— (unattributed)"
    return "—"


_ORDER = {"conflict": 0, "compatible": 1, "agree": 2}


def render_ledger(ledger: Ledger, console: Console, *, statuses: Sequence[str] | None = None) -> None:
    """Print every group as a table: outlet, claim, figure (interval) or time, source; then the verdict.

    Groups come conflicts first, then compatible, then agree.

    Args:
        ledger (Ledger): the analysed articles with their groups.
        console (Console): where to print, e.g. ``Console()``; names and article text are
            printed as plain text (never parsed as rich markup).
        statuses (Sequence[str] | None): show only groups with one of these verdicts (None: all).
    """
    every: list[Quote | Quantity | Event] = [*ledger.quotes, *ledger.quantities, *ledger.events]
    items = {item_id(x): x for x in every}
    docs = {d.id: d for d in ledger.documents}
    if not ledger.groups:
        console.print(Text(f"{len(ledger.documents)} articles: no claim found in more than one of them."))
        return
    groups = sorted(ledger.groups, key=lambda g: _ORDER.get(g.status, 3))
    if statuses:
        groups = [g for g in groups if g.status in statuses]
        if not groups:
            console.print(Text(f"no group with the verdict {' or '.join(statuses)}."))
            return
    for g in groups:
        title = Text()
        title.append(f"{g.status.upper()} ", style=_STYLE.get(g.status, "bold"))
        title.append(g.label)
        table = Table(title=title, title_justify="left", show_lines=False, expand=True)
        table.add_column("Outlet", overflow="fold", ratio=2)
        table.add_column("Claim", overflow="fold", ratio=4)
        table.add_column("Figure / time", no_wrap=True)
        table.add_column("Source", overflow="fold", ratio=2)
        for m in g.members:
            x = items.get(m)
            if x is None:
                table.add_row(Text("?"), Text(m), Text(""), Text(""))
                continue
            doc = docs.get(x.doc)
            where = Text(x.doc)
            if doc is not None:
                para = paragraph_number(doc, x.start)
                where = Text(outlet_name(doc), style="bold")
                where.append(f"\n{doc.file}" + (f", paragraph {para}" if para else ""), style="dim")
                url = url_of(doc)
                if url:
                    where.append(f"\n{url}", style="dim")
            table.add_row(where, Text(x.text), Text(_figure(x)), Text(_source(x)))
        n = g.independent_sources
        sources = f"{n} independent source{'s' if n != 1 else ''}"
        if g.sources:
            sources += ": " + ", ".join(g.sources)
        if g.unattributed:
            sources += f"; {g.unattributed} unattributed"
        why = Text()
        why.append(f"{g.status}: ", style=_STYLE.get(g.status, "bold"))
        why.append(g.why)
        if g.copies:
            sources += "; copies: " + ", ".join(f"{a} copies {b}" for a, b in g.copies)
        table.caption = Text.assemble(why, "\n", Text(sources, style="dim"))
        table.caption_justify = "left"
        console.print(table)
        console.print()
