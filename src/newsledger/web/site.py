"""What every page of the web ledger shares: the store, the settings, stories' ledgers, responses.

A story's ledger is read from the store once and kept while the story stays unchanged (its
row's ``updated``, ``stale`` and counts are the key), so browsing one story reads its articles
once; :data:`CACHED_STORIES` of them are kept, the least recently used dropped first.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..budget import DEFAULT_TIME_BUDGET
from ..model import Entity, Ledger
from ..store.repository import Store, read_documents, read_findings
from ..store.stories import StoryRow, entity_names, list_stories, read_groups, story_members
from .claims import LedgerIndex, WebLinks
from .render import render

CACHED_STORIES = 8


@dataclass(frozen=True, slots=True)
class Settings:
    """How ``newsledger serve`` was started.

    ``token`` is required for any write, and writes happen only with ``allow_writes``;
    ``allow_private_urls`` lets an added URL be on loopback or a private network (the same
    rule as ``analyze --allow-private-urls``).
    """

    allow_writes: bool = False
    token: str | None = None
    allow_private_urls: bool = False
    max_bytes: int = 5_000_000  # the largest article a write accepts (text or page)
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds to read and analyse an added article
    # How many of the most recently changed stories are read into the cache when the server
    # starts, so that their first readers do not wait for the store (``newsledger serve``: 4).
    read_ahead: int = 0


class NotFound(Exception):
    """A story, article or person the store does not hold; the message says which."""


class BadRequest(Exception):
    """A request the server cannot act on (a malformed write); the message says why."""


class Site:
    """The web ledger over one store."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.links = WebLinks()
        self._cache: OrderedDict[int, tuple[tuple[Any, ...], LedgerIndex]] = OrderedDict()
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()  # one article analysed at a time

    def story_row(self, story_id: int) -> StoryRow:
        with self.store.reading() as conn:
            rows = list_stories(conn, [story_id])
        if not rows:
            raise NotFound(f"no story {story_id}")
        return rows[0]

    def story_index(self, row: StoryRow) -> LedgerIndex:
        """The story's ledger with its lookups, from the cache while the story is unchanged."""
        key = (row.updated, row.stale, row.articles, row.groups)
        with self._lock:
            hit = self._cache.get(row.id)
            if hit is not None and hit[0] == key:
                self._cache.move_to_end(row.id)
                return hit[1]
        with collector_paused():
            index = LedgerIndex(load_story(self.store, row.id))
        # The story stays in the cache, read only: the collector need not walk it on every full
        # collection (that cost a cached page up to 400 ms now and then), so it is frozen out of
        # the collector's walks. Its objects hold no cycles: reference counting frees them when
        # the cache drops them. The cyclic garbage made while the collector was paused (some
        # tens of objects per read) is collected first, so that freezing keeps none of it; the
        # collection walks only what is not frozen yet (about 3 ms after a 200-article story).
        gc.collect()
        gc.freeze()
        with self._lock:
            self._cache[row.id] = (key, index)
            self._cache.move_to_end(row.id)
            while len(self._cache) > CACHED_STORIES:
                self._cache.popitem(last=False)
        return index

    def recent(self, count: int) -> list[StoryRow]:
        """The ``count`` most recently changed stories (at most as many as the cache holds)."""
        with self.store.reading() as conn:
            rows = sorted(list_stories(conn), key=lambda r: (r.updated, r.id), reverse=True)
        return rows[:min(count, CACHED_STORIES)]

    def cached(self) -> list[int]:
        """The stories whose ledgers are in the cache, least recently used first."""
        with self._lock:
            return list(self._cache)

    def forget(self, story_id: int) -> None:
        """Drop a story from the cache (after a write changed it)."""
        with self._lock:
            self._cache.pop(story_id, None)


_paused = 0
_paused_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a story is read and its page first made.

    Reading a story makes tens of thousands of objects that all live on in the cache; the
    collector, triggered by those allocations, would walk them again and again (a fifth of the
    time of a 200-article story). Nested and concurrent pauses are counted, so the last one out
    turns the collector back on.
    """
    global _paused
    with _paused_lock:
        if _paused == 0 and gc.isenabled():
            gc.disable()
            _paused = 1
        elif _paused:
            _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            if _paused:
                _paused -= 1
                if _paused == 0:
                    gc.enable()


def load_story(store: Store, story_id: int) -> Ledger:
    """A story's ledger as the pages show it: articles (in file order, as ``story_ledger``),
    quotes, figures, events and groups; its entities by name only (their mentions are read by
    the person pages, :func:`newsledger.store.stories.entity_stories`)."""
    with store.reading() as conn:
        ids = [doc_id for doc_id, _ in story_members(conn, story_id)]
        docs = sorted(read_documents(conn, ids), key=lambda d: (d.file, d.id))
        found = read_findings(conn, [d.id for d in docs], kinds=("quote", "quantity", "event"))
        groups = read_groups(conn, story_id)
        names = entity_names(conn, story_id)
    ledger = Ledger(documents=docs, groups=groups,
                    entities=[Entity(i, canonical, kind, (), ()) for i, canonical, kind in names])
    for d in docs:
        ledger.add_claims(found[d.id])
    return ledger


def site_of(request: Request) -> Site:
    site = request.app.state.site
    assert isinstance(site, Site)
    return site


def page(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page rendered with the context every template expects (query, writes allowed)."""
    site = site_of(request)
    context.setdefault("query", "")
    context.setdefault("report", False)
    return HTMLResponse(render(template, writes=site.settings.allow_writes, links=site.links, **context),
                        status_code=status_code)


def api(data: Any, *, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(data, status_code=status_code, headers=headers)


def story_record(row: StoryRow, links: WebLinks) -> dict[str, Any]:
    """A story as listed: what ``newsledger stories --format json`` gives, with its links."""
    return {"id": row.id, "name": row.name, "title": row.title, "articles": row.articles, "groups": row.groups,
            "conflicts": row.conflicts, "created": row.created, "updated": row.updated, "stale": row.stale,
            "link": links.story(row.id), "timeline": links.timeline(row.id), "api": f"/api/stories/{row.id}"}
