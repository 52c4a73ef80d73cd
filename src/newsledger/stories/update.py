"""``update_story``: compare a story's claims again after articles joined it.

Only the story's own rows change: its articles' entity links, its entities, its groups, its
title. Everything else in the store stays as it was.

- Articles are compared in file order, as ``analyze`` reads a folder, so a story built one
  article at a time has the same ledger as its articles analysed together.
- An article that states no date has its relative times placed against the story's latest
  publication date (``Metadata.reference``); when that date moves, its findings are
  extracted again. So are those of articles stored by an older release without their name
  mentions.
- A group that persists keeps its id: each new group takes the id of the old group it
  overlaps most, when they share at least half the members of the smaller one.
- Entity ids: a full name ("Ana Rivas", a country, a people) has one id in every story,
  so entities with the same full name are one actor across stories; a bare surname or a
  one-word organisation name gets an id of its own story ("e-rivas-person-s3").

The work is done in two steps: :func:`compute_story` reads the story and compares it without
holding the store's write lock (so several processes compare several stories at once), and
:func:`write_story` stores the result in one transaction, unless an article joined the story
in the meantime (then it is compared again).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from ..model import Entity, Group, Ledger, Quantity, Quote, item_id
from ..pipeline import Findings, build_ledger, extract_document, story_reference
from ..store.repository import (
    FINDINGS_VERSION,
    Finding,
    Store,
    findings_versions,
    read_documents,
    read_findings,
    update_items,
    write_document,
)
from ..store.stories import read_results, story_members, write_features, write_results
from .profile import article_profile
from .titles import story_title

# A new group keeps an old group's id when they share at least this share of the smaller one's members.
KEEP_GROUP_ID_OVERLAP = 0.5
_GLOBAL_TYPES = ("GPE", "NORP")


@dataclass(slots=True)
class StoryUpdate:
    """A story compared again, not yet stored: what :func:`write_story` writes.

    Attributes:
        members: the story's articles when it was read; the update is written only while they
            are still its articles (another run may have added one in the meantime).
        extracted: articles extracted again (their reference date moved, or they were stored
            by an older release), each with its matcher features.
        changed: stored quotes and figures whose speaker or source entity changed.
    """

    story_id: int
    members: list[str]
    ledger: Ledger
    title: str
    reference: str | None
    extracted: list[tuple[Findings, dict[str, tuple[float, str | None]]]] = field(default_factory=list)
    changed: list[Quote | Quantity] = field(default_factory=list)


def update_story(store: Store, story_id: int) -> Ledger:
    """Compare the claims of one story again and store its entities, groups and title.

    Args:
        store (Store): the store.
        story_id (int): the story, e.g. the one an article just joined.
    Returns:
        Ledger: the story's ledger as now stored.
    """
    while True:
        update = compute_story(store, story_id)
        if write_story(store, update):
            return update.ledger


def compute_story(store: Store, story_id: int, *, known: Mapping[str, Findings] | None = None) -> StoryUpdate:
    """A story's ledger compared again from what the store holds, without writing anything.

    The work of :func:`update_story` that takes time (extracting articles again, resolving and
    comparing), done outside the store's write lock, so that several processes can compare
    different stories at once. ``known``: articles whose findings this process holds as they
    were stored (just extracted); when every article of the story is among them, nothing of the
    articles is read back from the store.
    """
    with store.reading() as conn:
        ids = [doc_id for doc_id, _ in story_members(conn, story_id)]
        if known is not None and all(i in known for i in ids):
            docs = sorted((known[i].doc for i in ids), key=lambda d: (d.file, d.id))
            versions = dict.fromkeys(ids, FINDINGS_VERSION)
            stored = {i: known[i].stored_items() for i in ids}
        else:
            docs = sorted(read_documents(conn, ids), key=lambda d: (d.file, d.id))
            versions = findings_versions(conn, ids)
            stored = read_findings(conn, ids)
        _old_entities, old_groups = read_results(conn, story_id)
    reference = story_reference(docs)
    update = StoryUpdate(story_id, ids, Ledger(), "", reference)
    findings: list[Findings] = []
    for doc in docs:
        wanted = doc if doc.meta.published else dataclasses.replace(
            doc, meta=dataclasses.replace(doc.meta, reference=reference))
        if versions.get(doc.id, 0) < FINDINGS_VERSION or wanted.meta.reference != doc.meta.reference:
            found = extract_document(wanted)
            profile = article_profile(found.doc, found.mentions, found.quantities, found.events)
            update.extracted.append((found, {k: (w, profile.labels.get(k)) for k, w in profile.weights.items()}))
            stored[doc.id] = found.stored_items()
        else:
            found = _findings(doc, stored.get(doc.id, []))
        findings.append(found)
    ledger = scope_entities(build_ledger(findings), story_id)
    ledger.groups = carry_group_ids(old_groups, ledger.groups)
    before = {item_id(x): x for xs in stored.values() for x in xs if isinstance(x, (Quote, Quantity))}
    claims: list[Quote | Quantity] = [*ledger.quotes, *ledger.quantities]
    update.changed = [x for x in claims if before.get(item_id(x)) != x]
    update.ledger = ledger
    update.title = story_title(docs, ledger.entities)
    return update


def write_story(store: Store, update: StoryUpdate) -> bool:
    """Store a story compared by :func:`compute_story`, in one transaction.

    Returns:
        bool: False, with nothing written, when the story's articles changed since it was read
        (compare it again).
    """
    return write_stories(store, [update])[0]


def write_stories(store: Store, updates: Sequence[StoryUpdate]) -> list[bool]:
    """Store several compared stories in one transaction; for each, whether it was written
    (False: its articles changed since it was read, and nothing of it was written)."""
    with store.writing() as conn:
        return [_write(conn, update) for update in updates]


def _write(conn: Connection, update: StoryUpdate) -> bool:
    if [doc_id for doc_id, _ in story_members(conn, update.story_id)] != update.members:
        return False
    for found, weights in update.extracted:
        write_document(conn, found.doc, found.stored_items())
        write_features(conn, found.doc.id, update.story_id, weights)
    update_items(conn, update.changed)
    write_results(conn, update.story_id, update.ledger.entities, update.ledger.groups, title=update.title,
                  data={"reference": update.reference})
    return True


def update_stories(store: Store, story_ids: Sequence[int], *, batch_articles: int = 64) -> Iterator[int]:
    """Compare stories again one after another, storing them a few at a time; yields each id once
    it is stored. Stories are written together until their articles reach ``batch_articles``
    (memory holds the ledgers of one such batch), each in the transaction of its batch."""
    done: list[StoryUpdate] = []
    for sid in story_ids:
        done.append(compute_story(store, sid))
        if sum(len(u.members) for u in done) >= batch_articles:
            yield from _store_updates(store, done)
            done = []
    yield from _store_updates(store, done)


def _store_updates(store: Store, updates: list[StoryUpdate]) -> Iterator[int]:
    if not updates:
        return
    for update, written in zip(updates, write_stories(store, updates), strict=True):
        if not written:  # an article joined it meanwhile: compare it again
            update_story(store, update.story_id)
        yield update.story_id


def compare_new_stories(store: Store, found: Sequence[Findings], story_ids: Sequence[int]) -> list[int]:
    """Compare and store stories made by the articles just stored, from the findings in hand.

    ``found`` holds every article of each story in ``story_ids`` (the stories were made in the
    transaction that stored them), so nothing is read back and decoded. A story that another
    article joins later is stale again and compared again with the others at the end.
    Returns the stories stored (one that another process changed meanwhile is left stale).
    """
    known = {f.doc.id: f for f in found}
    updates = [compute_story(store, sid, known=known) for sid in story_ids]
    return [u.story_id for u, written in zip(updates, write_stories(store, updates), strict=True) if written]


def _findings(doc: object, stored: Sequence[Finding]) -> Findings:
    from ..model import Document, Event, Mention

    assert isinstance(doc, Document)
    return Findings(doc, quotes=[x for x in stored if isinstance(x, Quote)],
                    quantities=[x for x in stored if isinstance(x, Quantity)],
                    mentions=[x for x in stored if isinstance(x, Mention)],
                    events=[x for x in stored if isinstance(x, Event)])


def is_full_name(entity: Entity) -> bool:
    """True for names that are one actor wherever they appear: two words or more, or a place or people."""
    return len(entity.canonical.split()) >= 2 or entity.type in _GLOBAL_TYPES


def scope_entities(ledger: Ledger, story_id: int) -> Ledger:
    """The ledger with story-scoped ids for entities that are not known by a full name.

    Example: "Ana Rivas" stays ``e-ana-rivas-person`` (one id in every story); "Rivas" alone
    becomes ``e-rivas-person-s3``.
    """
    names = Counter((e.canonical.casefold(), e.type) for e in ledger.entities)
    renamed: dict[str, str] = {}
    for e in ledger.entities:
        if not is_full_name(e) or names[(e.canonical.casefold(), e.type)] > 1:
            renamed[e.id] = f"{e.id}-s{story_id}"
    if not renamed:
        return ledger
    ledger.entities = [dataclasses.replace(e, id=renamed.get(e.id, e.id)) for e in ledger.entities]
    ledger.quotes = [dataclasses.replace(q, speaker_entity=renamed.get(q.speaker_entity, q.speaker_entity))
                     if q.speaker_entity else q for q in ledger.quotes]
    ledger.quantities = [dataclasses.replace(n, source_entity=renamed.get(n.source_entity, n.source_entity))
                         if n.source_entity else n for n in ledger.quantities]
    return ledger


def carry_group_ids(old: Sequence[Group], new: Sequence[Group]) -> list[Group]:
    """New groups, each keeping the id of the old group it continues (see the module docstring).

    Example: old group ``g-1`` = {a, b}; new group {a, b, c} → keeps ``g-1``.
    """
    pairs = []
    for i, g in enumerate(new):
        mine = set(g.members)
        for j, o in enumerate(old):
            shared = len(mine & set(o.members))
            if shared and shared / min(len(mine), len(o.members)) >= KEEP_GROUP_ID_OVERLAP:
                pairs.append((shared / min(len(mine), len(o.members)), shared / len(mine | set(o.members)), -i, -j))
    ids: dict[int, str] = {}
    taken: set[int] = set()
    for _share, _jaccard, neg_i, neg_j in sorted(pairs, reverse=True):
        if -neg_i not in ids and -neg_j not in taken:
            ids[-neg_i] = old[-neg_j].id
            taken.add(-neg_j)
    used = set(ids.values())
    out = []
    for i, g in enumerate(new):
        gid = ids.get(i, g.id)
        if i not in ids and gid in used:
            gid = f"{gid}-{i}"
        used.add(gid)
        out.append(dataclasses.replace(g, id=gid))
    return out
