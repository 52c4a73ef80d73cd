"""Stories in the store: rows of ``stories``, membership, matcher features, per-story results.

Every function takes a connection, so that the caller decides the transaction: the story
an article joins is chosen and recorded inside one transaction that holds the write lock
(:func:`newsledger.store.repository.Store.writing`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from ..model import Entity, Group
from . import codec
from .schema import features, stories, story_documents, story_entities, story_groups


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as listed: what ``newsledger stories`` prints."""

    id: int
    name: str | None
    title: str
    articles: int
    groups: int
    conflicts: int
    created: str
    updated: str
    stale: bool

    @property
    def label(self) -> str:
        """How a reader is told which story: ``3 "Harbour fire…"`` (the name when it has one)."""
        return f"{self.id} {self.name!r}" if self.name else f"{self.id} {self.title!r}"


@dataclass(frozen=True, slots=True)
class Posting:
    """One stored article's weight for one matcher key."""

    doc_id: str
    story_id: int
    key: str
    weight: float
    label: str | None


def now() -> str:
    """The time of a change, ISO-8601 in UTC to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def create_story(conn: Connection, *, name: str | None = None, title: str = "") -> int:
    """A new empty story; returns its id."""
    when = now()
    result = conn.execute(stories.insert().values(name=name, title=title, created=when, updated=when,
                                                  stale=True, data={}))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def list_stories(conn: Connection, story_ids: Sequence[int] | None = None) -> list[StoryRow]:
    """Every story (or the given ones), by id, with its counts of articles, groups and conflicts."""
    articles: dict[int, int] = dict(conn.execute(select(story_documents.c.story_id, func.count())
                                 .group_by(story_documents.c.story_id)).all())
    groups: dict[int, int] = {}
    conflicts: dict[int, int] = {}
    for sid, status, n in conn.execute(select(story_groups.c.story_id, story_groups.c.status, func.count())
                                       .group_by(story_groups.c.story_id, story_groups.c.status)):
        groups[sid] = groups.get(sid, 0) + n
        if status == "conflict":
            conflicts[sid] = n
    q = select(stories).order_by(stories.c.id)
    if story_ids is not None:
        q = q.where(stories.c.id.in_(story_ids))
    return [StoryRow(r.id, r.name, r.title, articles.get(r.id, 0), groups.get(r.id, 0), conflicts.get(r.id, 0),
                     r.created, r.updated, bool(r.stale)) for r in conn.execute(q)]


def find_story(conn: Connection, ref: str) -> int | None:
    """The story a reader means by ``ref``: its id, else its name (case and spacing ignored)."""
    ref = ref.strip()
    if ref.isdigit():
        row = conn.execute(select(stories.c.id).where(stories.c.id == int(ref))).first()
        if row is not None:
            return int(row.id)
    wanted = " ".join(ref.split()).casefold()
    for sid, name in conn.execute(select(stories.c.id, stories.c.name).where(stories.c.name.is_not(None))):
        if " ".join(str(name).split()).casefold() == wanted:
            return int(sid)
    return None


def story_of(conn: Connection, doc_id: str) -> int | None:
    """The story a stored article belongs to (None: it has none yet)."""
    row = conn.execute(select(story_documents.c.story_id).where(story_documents.c.doc_id == doc_id)).first()
    return None if row is None else int(row.story_id)


def join_story(conn: Connection, story_id: int, doc_id: str, reason: str) -> None:
    """Record that an article joined a story (after its last article), and mark the story stale."""
    last = conn.execute(select(func.max(story_documents.c.position))
                        .where(story_documents.c.story_id == story_id)).scalar()
    conn.execute(story_documents.insert().values(doc_id=doc_id, story_id=story_id,
                                                 position=0 if last is None else int(last) + 1,
                                                 reason=reason, joined=now()))
    mark_stale(conn, story_id)


def mark_stale(conn: Connection, story_id: int) -> None:
    conn.execute(stories.update().where(stories.c.id == story_id).values(stale=True, updated=now()))


def stale_stories(conn: Connection) -> list[int]:
    """Stories whose articles changed since their claims were last compared."""
    return [int(r.id) for r in conn.execute(select(stories.c.id).where(stories.c.stale.is_(True))
                                            .order_by(stories.c.id))]


def story_members(conn: Connection, story_id: int) -> list[tuple[str, str]]:
    """(document id, why it joined) of a story's articles, in the order they joined."""
    q = (select(story_documents.c.doc_id, story_documents.c.reason)
         .where(story_documents.c.story_id == story_id).order_by(story_documents.c.position))
    return [(r.doc_id, r.reason) for r in conn.execute(q)]


def write_features(conn: Connection, doc_id: str, story_id: int,
                   weights: Mapping[str, tuple[float, str | None]]) -> None:
    """The matcher's keys of one article: key → (weight, label)."""
    conn.execute(delete(features).where(features.c.doc_id == doc_id))
    if weights:
        conn.execute(features.insert(), [
            {"doc_id": doc_id, "key": k, "story_id": story_id, "weight": w, "label": label}
            for k, (w, label) in weights.items()])


def postings(conn: Connection, keys: Sequence[str]) -> list[Posting]:
    """Every stored article's weight for each of ``keys``."""
    out: list[Posting] = []
    for chunk in _chunks(keys):
        q = select(features.c.doc_id, features.c.story_id, features.c.key, features.c.weight, features.c.label)
        out.extend(Posting(r.doc_id, int(r.story_id), r.key, float(r.weight), r.label)
                   for r in conn.execute(q.where(features.c.key.in_(chunk))))
    return out


def story_counts(conn: Connection, keys: Sequence[str]) -> dict[str, int]:
    """For each key, in how many stories an article has it."""
    out: dict[str, int] = {}
    for chunk in _chunks(keys):
        q = (select(features.c.key, func.count(func.distinct(features.c.story_id)))
             .where(features.c.key.in_(chunk)).group_by(features.c.key))
        out.update((k, int(n)) for k, n in conn.execute(q))
    return out


def count_stories(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(stories)).scalar_one())


def write_results(conn: Connection, story_id: int, entities: Sequence[Entity], groups: Sequence[Group], *,
                  title: str, data: Mapping[str, Any]) -> None:
    """Replace a story's entities and groups, set its title, and mark it compared."""
    conn.execute(delete(story_entities).where(story_entities.c.story_id == story_id))
    conn.execute(delete(story_groups).where(story_groups.c.story_id == story_id))
    if entities:
        conn.execute(story_entities.insert(), [
            {"story_id": story_id, "id": e.id, "canonical": e.canonical, "type": e.type,
             "data": {**codec.to_dict(e), "position": i}} for i, e in enumerate(entities)])
    if groups:
        conn.execute(story_groups.insert(), [
            {"story_id": story_id, "id": g.id, "label": g.label, "status": g.status,
             "data": {**codec.to_dict(g), "position": i}} for i, g in enumerate(groups)])
    conn.execute(stories.update().where(stories.c.id == story_id)
                 .values(title=title, stale=False, updated=now(), data=dict(data)))


def read_results(conn: Connection, story_id: int) -> tuple[list[Entity], list[Group]]:
    """A story's entities and groups, in the order they were written."""
    ents = [r.data for r in conn.execute(select(story_entities.c.data)
                                         .where(story_entities.c.story_id == story_id))]
    grps = [r.data for r in conn.execute(select(story_groups.c.data).where(story_groups.c.story_id == story_id))]
    ents.sort(key=lambda d: d.get("position", 0))
    grps.sort(key=lambda d: d.get("position", 0))
    return [codec.entity_from_dict(d) for d in ents], [codec.group_from_dict(d) for d in grps]


def _chunks(keys: Sequence[str], size: int = 400) -> list[Sequence[str]]:
    keys = list(dict.fromkeys(keys))
    return [keys[i:i + size] for i in range(0, len(keys), size)]
