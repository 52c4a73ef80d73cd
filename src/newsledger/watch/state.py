"""What the watcher has read, kept in the store (``watch_feeds``, ``watch_items``) across restarts.

A feed keeps the validators (ETag, Last-Modified) of the last version whose items were all
handled, so a restart asks "changed since?" and a 304 costs nothing. An item is known by its link
(or, without one, by its feed and id) and by the hash of its text, which is its document's id
in the store: an item seen before is not fetched again, and an article whose text is stored
already (from another feed, another address, or ``newsledger analyze``) is not stored twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from ..store.repository import Store
from ..store.schema import watch_feeds, watch_items
from ..store.stories import now

ItemStatus = Literal["stored", "known", "pending", "failed"]
# an item in one of these states is not read again
DONE: frozenset[str] = frozenset({"stored", "known", "failed"})


@dataclass(frozen=True, slots=True)
class FeedState:
    """A watched feed as stored: validators for the next request, and its failures since the last good read."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ItemState:
    """A feed item as stored: what became of it and how many reads of its page failed."""

    item: str
    status: str
    tries: int
    doc_id: str | None
    story_id: int | None


def item_key(item: str) -> str:
    """The stored key of an item: the SHA-256 of its link (or feed and id), which may be long."""
    return hashlib.sha256(item.encode("utf-8", "surrogatepass")).hexdigest()


def feed_state(store: Store, url: str) -> FeedState:
    """The stored state of a feed (an empty one for a feed never read)."""
    with store.reading() as conn:
        row = conn.execute(select(watch_feeds).where(watch_feeds.c.url == url)).first()
    if row is None:
        return FeedState(url)
    return FeedState(url, row.title, row.etag, row.last_modified, int(row.failures), row.error)


def save_feed_read(store: Store, url: str, *, title: str | None, changed: bool, etag: str | None = None,
                   last_modified: str | None = None, complete: bool = True) -> None:
    """Record a good read: the feed answered (``changed``: with a new version).

    The validators are kept only when ``complete`` (every item of the version was handled), so that
    a version left half read (stopped, or items to try again) is fetched whole next time.
    """
    when = now()
    values: dict[str, object] = {"checked": when, "failures": 0, "error": None}
    if changed:
        values["changed"] = when
        if title:
            values["title"] = title
        if complete:
            values.update(etag=etag, last_modified=last_modified)
    _upsert_feed(store, url, values)


def save_feed_failure(store: Store, url: str, reason: str) -> int:
    """Record a failed read; returns the number of failed reads in a row."""
    failures = feed_state(store, url).failures + 1
    _upsert_feed(store, url, {"failures": failures, "error": reason})
    return failures


def _upsert_feed(store: Store, url: str, values: dict[str, object]) -> None:
    with store.writing() as conn:
        found = conn.execute(select(watch_feeds.c.url).where(watch_feeds.c.url == url)).first()
        if found is None:
            conn.execute(watch_feeds.insert().values(url=url, **values))
        else:
            conn.execute(watch_feeds.update().where(watch_feeds.c.url == url).values(**values))


def item_states(store: Store, items: Sequence[str]) -> dict[str, ItemState]:
    """The stored state of each of ``items`` that was seen before (by its link, or feed and id)."""
    keys = {item_key(i): i for i in items}
    out: dict[str, ItemState] = {}
    with store.reading() as conn:
        chunk = list(keys)
        for start in range(0, len(chunk), 400):
            q = select(watch_items).where(watch_items.c.key.in_(chunk[start:start + 400]))
            for r in conn.execute(q):
                out[r.item] = ItemState(r.item, r.status, int(r.tries), r.doc_id, r.story_id)
    return out


def record_item(store: Store, *, item: str, feed: str, url: str | None, status: ItemStatus,
                doc_id: str | None = None, story_id: int | None = None, reason: str | None = None,
                tries: int = 0) -> None:
    """Record what became of an item (a new row, or the item's row updated)."""
    key = item_key(item)
    when = now()
    values = {"item": item, "feed": feed, "url": url, "status": status, "doc_id": doc_id, "story_id": story_id,
              "reason": reason, "tries": tries, "last_seen": when}
    with store.writing() as conn:
        found = conn.execute(select(watch_items.c.key).where(watch_items.c.key == key)).first()
        if found is None:
            conn.execute(watch_items.insert().values(key=key, first_seen=when, **values))
        else:
            conn.execute(watch_items.update().where(watch_items.c.key == key).values(**values))


def text_seen(store: Store, doc_id: str) -> bool:
    """True when an article with this text (this document id) is in the store already."""
    return store.has_document(doc_id)
