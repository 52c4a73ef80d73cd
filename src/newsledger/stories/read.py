"""Stories as readers get them: one story's ledger, several merged, and which story a reader means."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..errors import StoryError
from ..model import Entity, Ledger
from ..store.repository import Store, read_documents, read_findings
from ..store.stories import StoryRow, find_story, list_stories, read_results, story_members


def story_ledger(store: Store, story_id: int) -> Ledger:
    """A stored story's ledger: its articles (in file order), claims, entities and groups."""
    with store.reading() as conn:
        ids = [doc_id for doc_id, _ in story_members(conn, story_id)]
        docs = sorted(read_documents(conn, ids), key=lambda d: (d.file, d.id))
        found = read_findings(conn, [d.id for d in docs])
        entities, groups = read_results(conn, story_id)
    ledger = Ledger(documents=docs, entities=entities, groups=groups)
    for d in docs:
        ledger.add_claims(found[d.id])
    return ledger


def merge_ledgers(ledgers: Sequence[Ledger]) -> Ledger:
    """Several stories' ledgers as one: entities with one id (a full name) become one entity."""
    if len(ledgers) == 1:
        return ledgers[0]
    out = Ledger()
    entities: dict[str, Entity] = {}
    for led in ledgers:
        out.documents += led.documents
        out.quotes += led.quotes
        out.quantities += led.quantities
        out.events += led.events
        out.groups += led.groups
        for e in led.entities:
            had = entities.get(e.id)
            entities[e.id] = e if had is None else merge_entity(had, e)
    out.entities = list(entities.values())
    return out


def merge_entity(first: Entity, other: Entity) -> Entity:
    """One actor of two stories (the same id, a full name) as one entity: aliases and mentions of both."""
    return dataclasses.replace(first, aliases=tuple(dict.fromkeys([*first.aliases, *other.aliases])),
                               mentions=first.mentions + other.mentions)


def choose_story(store: Store, ref: str | None) -> StoryRow:
    """The story a reader means: ``ref`` (an id or a name), or the only story when none is given.

    Raises:
        StoryError: no such story; or several stories and no ``ref`` (the message lists them).
    """
    with store.reading() as conn:
        rows = list_stories(conn)
        sid = find_story(conn, ref) if ref is not None else None
    if sid is not None:
        return next(r for r in rows if r.id == sid)
    listing = "; ".join(f"{r.id}: {r.name + ' — ' if r.name else ''}{r.title} ({r.articles} articles)"
                        for r in rows)
    if ref is not None:
        raise StoryError(f"no story {ref!r}; stories: {listing or 'none'}")
    if not rows:
        raise StoryError("the database holds no story yet: run `newsledger analyze` first")
    if len(rows) > 1:
        raise StoryError(f"the database holds {len(rows)} stories; choose one with --story ID or NAME: {listing}")
    return rows[0]


def story_rows(store: Store, story_ids: Sequence[int] | None = None) -> list[StoryRow]:
    """Stories as listed (all, or the given ones)."""
    with store.reading() as conn:
        return list_stories(conn, story_ids)
