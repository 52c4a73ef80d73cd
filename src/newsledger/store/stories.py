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

from sqlalchemy import Column, Float, MetaData, String, Table, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from ..model import Entity, Group
from . import codec
from .schema import feature_stories, features, stories, story_documents, story_entities, story_groups


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
    wanted = None if story_ids is None else set(story_ids)
    if wanted is not None and len(wanted) <= 400:
        q = q.where(stories.c.id.in_(sorted(wanted)))
    return [StoryRow(r.id, r.name, r.title, articles.get(r.id, 0), groups.get(r.id, 0), conflicts.get(r.id, 0),
                     r.created, r.updated, bool(r.stale)) for r in conn.execute(q)
            if wanted is None or r.id in wanted]


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


def join_story(conn: Connection, story_id: int, doc_id: str, reason: str, *, first: bool = False) -> None:
    """Record that an article joined a story (after its last article), and mark the story stale.

    ``first``: the story was made for this article in this transaction (it has no article yet
    and is stale already).
    """
    last = None if first else conn.execute(select(func.max(story_documents.c.position))
                                           .where(story_documents.c.story_id == story_id)).scalar()
    conn.execute(story_documents.insert().values(doc_id=doc_id, story_id=story_id,
                                                 position=0 if last is None else int(last) + 1,
                                                 reason=reason, joined=now()))
    if not first:
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
                   weights: Mapping[str, tuple[float, str | None]], *, replace: bool = True,
                   new_story: bool = False) -> None:
    """The matcher's keys of one article: key → (weight, label); the story counts follow.

    ``replace=False``: the article is new to the store (it has no keys yet to replace);
    ``new_story``: the story has no article yet (every key is new to it).
    """
    before: list[tuple[str, int]] = []
    if replace:
        q = select(features.c.key, features.c.story_id).where(features.c.doc_id == doc_id)
        before = [(r.key, int(r.story_id)) for r in conn.execute(q)]
        conn.execute(delete(features).where(features.c.doc_id == doc_id))
    by_story: dict[int, list[str]] = {}
    for key, sid in before:
        by_story.setdefault(sid, []).append(key)
    for sid, keys in by_story.items():  # keys the article's old story no longer has
        _count(conn, sorted(set(keys) - _story_keys(conn, sid, keys)), -1)
    if weights:
        had = set() if new_story else _story_keys(conn, story_id, list(weights))
        _count(conn, sorted(set(weights) - had), +1)
        conn.execute(features.insert(), [
            {"doc_id": doc_id, "key": k, "story_id": story_id, "weight": w, "label": label}
            for k, (w, label) in weights.items()])


def _story_keys(conn: Connection, story_id: int, keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` an article of the story has (the (story_id, key) index answers it)."""
    out: set[str] = set()
    for chunk in _chunks(keys):
        q = select(features.c.key).where(features.c.story_id == story_id, features.c.key.in_(chunk)).distinct()
        out.update(conn.execute(q).scalars())
    return out


def _count(conn: Connection, keys: Sequence[str], change: int) -> None:
    """Add ``change`` to the story counts of ``keys`` (a key found in no story has no row)."""
    if not keys:
        return
    c = feature_stories.c
    if change > 0 and conn.dialect.name in ("sqlite", "postgresql"):
        insert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
        upsert = insert(feature_stories)
        conn.execute(upsert.on_conflict_do_update(index_elements=[c.key],
                                                  set_={"stories": c.stories + upsert.excluded.stories}),
                     [{"key": k, "stories": change} for k in keys])
        return
    for chunk in _chunks(keys):
        known = set(conn.execute(select(c.key).where(c.key.in_(chunk))).scalars())
        if known:
            conn.execute(feature_stories.update().where(c.key.in_(sorted(known))).values(stories=c.stories + change))
        new = [k for k in chunk if k not in known]
        if new and change > 0:
            conn.execute(feature_stories.insert(), [{"key": k, "stories": change} for k in new])
        conn.execute(delete(feature_stories).where(c.key.in_(chunk), c.stories <= 0))


def postings(conn: Connection, keys: Sequence[str], doc_ids: Sequence[str] | None = None) -> list[Posting]:
    """Every stored article's weight for each of ``keys`` (only those of ``doc_ids``, when given)."""
    out: list[Posting] = []
    for chunk in _chunks(keys):
        q = select(features.c.doc_id, features.c.story_id, features.c.key, features.c.weight, features.c.label)
        q = q.where(features.c.key.in_(chunk))
        if doc_ids is not None:
            q = q.where(features.c.doc_id.in_(doc_ids))
        out.extend(Posting(r.doc_id, int(r.story_id), r.key, float(r.weight), r.label) for r in conn.execute(q))
    return out


def want(conn: Connection, weights: Mapping[str, float]) -> None:
    """Hold the weights of the article being matched in a temporary table of the connection.

    The queries that read it (:func:`wanted_counts`, :func:`ranked_wanted`, :func:`wanted_postings`)
    are then the same text for every article, compiled once, and bind no list of keys.
    """
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_wanted.name} (key VARCHAR(200) PRIMARY KEY, w FLOAT)")
    conn.execute(delete(_wanted))
    if weights:
        conn.execute(_wanted.insert(), [{"key": k, "w": w} for k, w in weights.items()])


def unwant(conn: Connection, keys: Sequence[str]) -> None:
    """Leave ``keys`` out of the wanted weights (keys too common in the store to count)."""
    for chunk in _chunks(keys):
        conn.execute(delete(_wanted).where(_wanted.c.key.in_(chunk)))


def wanted_counts(conn: Connection) -> dict[str, int]:
    """:func:`story_counts` of the wanted keys."""
    c = feature_stories.c
    q = select(c.key, c.stories).where(c.key.in_(select(_wanted.c.key)))
    return {k: int(n) for k, n in conn.execute(q)}


def ranked_wanted(conn: Connection, *, offset: int = 0, limit: int = 32) -> list[tuple[str, float]]:
    """Stored articles by the dot product of their weights with the wanted ones, highest first.

    The database adds the products, so only the nearest articles travel: ``(doc_id, score)``
    for ranks ``offset`` to ``offset + limit``, ties by document id. Scores are summed in the
    database's order; a caller that needs them to the last bit sums the postings itself.
    """
    # "key IN (the article's keys)" with the weight looked up per posting: SQLite then walks the
    # key index from the article's side (a join of the two tables had it scan every posting)
    mine = select(_wanted.c.w).where(_wanted.c.key == features.c.key).scalar_subquery()
    score = func.sum(features.c.weight * mine).label("score")
    q = (select(features.c.doc_id, score).where(features.c.key.in_(select(_wanted.c.key)))
         .group_by(features.c.doc_id).order_by(score.desc(), features.c.doc_id)
         .offset(bindparam("offset")).limit(bindparam("limit")))
    rows = conn.execute(q, {"offset": offset, "limit": limit}).all()
    return [(r.doc_id, float(r.score)) for r in rows]


def wanted_postings(conn: Connection, doc_ids: Sequence[str]) -> list[Posting]:
    """:func:`postings` of the wanted keys in the articles ``doc_ids``.

    A join read from the articles' side: each article's keys (the primary key's prefix) looked up
    among the wanted ones, instead of every pair of article and wanted key probed.
    """
    out: list[Posting] = []
    f = features.c
    for chunk in _chunks(doc_ids):
        q = (select(f.doc_id, f.story_id, f.key, f.weight, f.label)
             .select_from(features.join(_wanted, _wanted.c.key == f.key)).where(f.doc_id.in_(chunk)))
        out.extend(Posting(r.doc_id, int(r.story_id), r.key, float(r.weight), r.label) for r in conn.execute(q))
    return out


# The weights of the article being matched, for one query (a table of the connection only,
# made on first use; not part of the stored schema).
_wanted = Table("newsledger_wanted", MetaData(), Column("key", String(200), primary_key=True), Column("w", Float))


def story_counts(conn: Connection, keys: Sequence[str]) -> dict[str, int]:
    """For each key, in how many stories an article has it (keys found in none are left out)."""
    out: dict[str, int] = {}
    c = feature_stories.c
    for chunk in _chunks(keys):
        out.update((k, int(n)) for k, n in conn.execute(select(c.key, c.stories).where(c.key.in_(chunk))))
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


def read_groups(conn: Connection, story_id: int) -> list[Group]:
    """A story's groups of comparable claims, in the order they were written (without its entities)."""
    grps = [r.data for r in conn.execute(select(story_groups.c.data).where(story_groups.c.story_id == story_id))]
    grps.sort(key=lambda d: d.get("position", 0))
    return [codec.group_from_dict(d) for d in grps]


def entity_names(conn: Connection, story_id: int) -> list[tuple[str, str, str]]:
    """(id, canonical name, type) of a story's entities, without decoding their mentions."""
    q = (select(story_entities.c.id, story_entities.c.canonical, story_entities.c.type)
         .where(story_entities.c.story_id == story_id))
    return [(r.id, r.canonical, r.type) for r in conn.execute(q)]


def entity_stories(conn: Connection, entity_id: str) -> list[tuple[int, Entity]]:
    """Every story that names an entity, with the entity as that story resolved it, by story id.

    A full name ("Mara Ellison") has one id in every story (see ``stories.update``), so a
    person's page gathers them all.
    """
    q = (select(story_entities.c.story_id, story_entities.c.data).where(story_entities.c.id == entity_id)
         .order_by(story_entities.c.story_id))
    return [(int(r.story_id), codec.entity_from_dict(r.data)) for r in conn.execute(q)]


def _chunks(keys: Sequence[str], size: int = 400) -> list[Sequence[str]]:
    keys = list(dict.fromkeys(keys))
    return [keys[i:i + size] for i in range(0, len(keys), size)]
