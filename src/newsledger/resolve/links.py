"""Speakers of quotes and sources of figures linked to the resolved entities.

A speaker's or a source's span that overlaps a mention links to that mention's entity;
otherwise the name as written is looked up among the aliases of the entities its document
mentions, a longer form ending with an alias included ("Chile's ambassador Ivan
Petrovsky"). Mentions are found by position with a binary search, names by a dict lookup
per word suffix: linking is linear in the quotes and figures.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict

from ..model import Entity, Quantity, Quote
from .name_keys import normalize_name

__all__ = ["link_entities"]


def link_entities(
    quotes: list[Quote], quantities: list[Quantity], entities: list[Entity]
) -> tuple[list[Quote], list[Quantity]]:
    """Fill ``speaker_entity`` of quotes and ``source_entity`` of quantities.

    A speaker or source span that overlaps a mention links to that mention's entity;
    otherwise the name is looked up among the aliases of entities mentioned in the same
    document (a longer form ending with an alias also counts: "Chile's ambassador
    Ivan Petrovsky" → Ivan Petrovsky).

    Args:
        quotes (list[Quote]): quotes with ``speaker``/``speaker_start``/``speaker_end``.
        quantities (list[Quantity]): figures with ``source``/``source_start``/``source_end``.
        entities (list[Entity]): the resolved entities.
    Returns:
        tuple[list[Quote], list[Quantity]]: new objects with the entity ids filled.
    """
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for e in entities:
        for m in e.mentions:
            spans[m.doc].append((m.start, m.end, e.id))
            for alias in e.aliases:
                names[m.doc].setdefault(normalize_name(alias), e.id)
    starts: dict[str, list[int]] = {}
    longest: dict[str, int] = {}
    for doc, found in spans.items():
        found.sort()
        starts[doc] = [s for s, _e, _id in found]
        longest[doc] = max(e - s for s, e, _id in found)

    def find(doc: str, start: int | None, end: int | None, name: str | None) -> str | None:
        if start is not None and end is not None:
            found, at = spans.get(doc, []), starts.get(doc, [])
            # a mention overlapping [start, end) starts before end and at most its length before start
            lo, hi = bisect.bisect_left(at, start - longest.get(doc, 0)), bisect.bisect_left(at, end)
            hits = [(min(end, e) - max(start, s), eid) for s, e, eid in found[lo:hi] if s < end and start < e]
            if hits:
                return max(hits)[1]
        if name:
            key = normalize_name(name)
            table_ = names.get(doc, {})
            if key in table_:
                return table_[key]
            words = key.split()
            # a longer form ending with an alias ("Chile's ambassador Ivan Petrovsky") or
            # starting with one before a comma ("Petrovsky, the ambassador")
            for n in range(1, len(words)):
                tail = " ".join(words[n:])
                if tail in table_:
                    return table_[tail]
            head = key.split(",", 1)[0]
            if "," in key and head in table_:
                return table_[head]
        return None

    new_quotes = [
        dataclasses.replace(q, speaker_entity=find(q.doc, q.speaker_start, q.speaker_end, q.speaker)) for q in quotes
    ]
    new_quantities = [
        dataclasses.replace(n, source_entity=find(n.doc, n.source_start, n.source_end, n.source)) for n in quantities
    ]
    return new_quotes, new_quantities
