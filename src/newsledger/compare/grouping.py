"""``group_claims``: claims side by side, each group with its verdict and its sources."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from ..model import Document, Entity, Event, Group, Quantity, Quote
from ._words import forget_texts
from .affinity import Affinity
from .claims import build_claims, different_measures
from .clustering import find_groups
from .copies import find_copies
from .labels import group_label
from .relations import judge
from .sources import EntityNames, count_sources

# Conflicts first, then claims that differ but fit, then those that agree.
_STATUS_ORDER = {"conflict": 0, "compatible": 1, "agree": 2}


def group_id(member_ids: Sequence[str]) -> str:
    """A deterministic group id: ``"g-"`` and a short hash of the sorted member ids."""
    digest = hashlib.sha1("\n".join(sorted(member_ids)).encode("utf-8")).hexdigest()
    return f"g-{digest[:10]}"


def group_claims(
    documents: Sequence[Document],
    quotes: Sequence[Quote],
    quantities: Sequence[Quantity],
    events: Sequence[Event],
    entities: Sequence[Entity] = (),
) -> list[Group]:
    """Put claims that bear on the same fact side by side, with a verdict and their sources.

    Figures about the same measure, quotes of one statement and dated events of one kind
    from different articles are grouped; each group says whether its claims agree, can both
    hold, or conflict, and how many independent sources stand behind it.

    Args:
        documents (Sequence[Document]): the articles (context, publication dates, credits).
        quotes (Sequence[Quote]): statements found in them.
        quantities (Sequence[Quantity]): figures found in them.
        events (Sequence[Event]): dated events found in them.
        entities (Sequence[Entity]): resolved actors (optional; names are used without them).
    Returns:
        list[Group]: groups of two or more claims, ordered by the position of their first
        member. Each claim is in one group at most, except that a figure may stand a second
        time in a group that sets a part beside its whole ("three killed" with the other death
        tolls, and again beside "at least 20 dead or injured"). Example: "some 6,000 of its
        troops" and "over 6,500 Ostrian troops" → one ``compatible`` group.
    """
    if len({x.doc for xs in (quotes, quantities, events) for x in xs}) < 2:
        return []  # a group holds claims of different articles: one article's claims make none
    try:
        return _group_claims(documents, quotes, quantities, events, entities)
    finally:  # texts of one comparison are rarely those of the next: memory follows the largest one
        forget_texts()


def _group_claims(documents: Sequence[Document], quotes: Sequence[Quote], quantities: Sequence[Quantity],
                  events: Sequence[Event], entities: Sequence[Entity]) -> list[Group]:
    names = EntityNames(entities)
    claims = build_claims(documents, quotes, quantities, events, entities, names=names)
    affinity = Affinity(documents, claims, {e.id: e.canonical for e in entities})
    clusters = find_groups(claims, affinity)
    docs = {d.id: d for d in documents}
    copied = find_copies(documents).original
    published = {d.id: d.meta.published for d in documents}
    quotes_by_doc: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        quotes_by_doc[q.doc].append(q)
    groups: list[Group] = []
    by_item = {id(c.item): c for c in claims}

    def different(a: Quantity, b: Quantity) -> bool:
        ca, cb = by_item.get(id(a)), by_item.get(id(b))
        return ca is not None and cb is not None and different_measures(ca, cb)

    for members in sorted(clusters, key=lambda ms: min(c.order for c in ms)):
        items = [c.item for c in members]
        status, why = judge(items, published, different)
        report = count_sources(items, docs, entities, quotes_by_doc, index=names, copies=copied)
        ids = tuple(c.id for c in members)
        groups.append(Group(
            id=group_id(ids), label=group_label(members), members=ids, status=status,
            why=f"{why}; {report.why}", independent_sources=report.independent, sources=report.sources,
            unattributed=report.unattributed, citations=report.citations, copies=report.copies))
    return sorted(groups, key=lambda g: _STATUS_ORDER[g.status])
