"""Claims as structured facts, read from the parse once the extractors are done.

The comparison never reads the parse (it is dropped after extraction): everything it needs
to tell whether two claims bear on the same fact is put on each finding here, as
:class:`~newsledger.model.Facts`:

- :mod:`.figures`: what a figure counts, its action, referent and marks;
- :mod:`.statements`: a statement's predicate, subject, polarity, modality and figures;
- :mod:`.setting`: the places, period and context words of any claim;
- :mod:`.citations`: the outlets a claim is credited through.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ...compare._words import happening_of
from ...model import Document, Event, Facts, Quantity, Quote, TimeExpr
from .citations import is_outlet, outlets_via
from .figures import figure_facts
from .setting import Setting, content_lemma
from .statements import statement_facts

__all__ = ["attach_facts", "is_outlet"]


# Words of its sentence before an event's span read for the happening it names ("The blast
# that ripped through |last Friday at the depot|").
_LOOKBACK_TOKENS = 10


def _event_facts(e: Event, setting: Setting) -> Facts:
    """An event's words and, when it names one, its happening and onset ("fire", "began")."""
    parse = setting.parse
    span = parse.char_span(e.start, e.end, alignment_mode="expand")
    timed = (e.time_start, e.time_end) if e.time_start is not None and e.time_end is not None else (0, 0)
    toks = [t for t in span if not (timed[0] <= t.idx < timed[1])] if span is not None else []
    where = setting.of(e.start, toks[:1])
    happening: tuple[str, str] | None = None
    if span is not None:
        lo = setting.bounds[setting.sentence_at(e.start)][0]
        before = parse[max(lo, span.start - _LOOKBACK_TOKENS):span.start].text
        happening = happening_of(f"{before} {e.text}") or happening_of(e.event)
    return Facts(terms=tuple(dict.fromkeys(w for t in toks if (w := content_lemma(t)))),
                 head=happening[0] if happening else None, action=happening[1] if happening else None,
                 places=where.places, context=where.context)


def attach_facts(
    doc: Document,
    quotes: Sequence[Quote],
    quantities: Sequence[Quantity],
    events: Sequence[Event],
    times: Sequence[TimeExpr] = (),
) -> tuple[list[Quote], list[Quantity], list[Event]]:
    """The findings of one parsed document, each with its facts.

    Args:
        doc (Document): the document, with its parse.
        quotes, quantities, events: its findings (items of other documents are returned as they are).
        times (Sequence[TimeExpr]): its time expressions, for the periods of claims.
    Returns:
        tuple[list[Quote], list[Quantity], list[Event]]: the same findings, with ``facts`` set.
    """
    if doc.parse is None:
        return list(quotes), list(quantities), list(events)
    setting = Setting(doc, [t for t in times if t.doc == doc.id])

    def via(x: Quote | Quantity) -> tuple[str, ...]:
        return outlets_via(doc, x.start, x.end)

    # a bound or an estimate ("at least 20", "about 200") is a statement's estimate, not its figure
    inexact = [(n.start, n.end, n.low, n.high) for n in quantities if n.doc == doc.id and n.qualifier != "exact"]
    out_q = [dataclasses.replace(q, facts=dataclasses.replace(statement_facts(q, setting, inexact), via=via(q)))
             if q.doc == doc.id and q.kind == "statement" else q for q in quotes]
    out_n = [dataclasses.replace(n, facts=dataclasses.replace(figure_facts(n, setting), via=via(n)))
             if n.doc == doc.id else n for n in quantities]
    out_e = [dataclasses.replace(e, facts=_event_facts(e, setting))
             if e.doc == doc.id and e.event != "publication" else e for e in events]
    return out_q, out_n, out_e
