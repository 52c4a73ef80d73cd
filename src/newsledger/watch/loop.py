"""The watch loop: read feeds in rounds, put each new article in its story, tell what changed.

Each round reads every feed that is due (conditionally: a 304 costs no other request), and each
new item of a feed in the feed's order, up to ``max_items``:

1. its page is fetched through URL ingest (the private-address rule, ``--allow-private-urls``),
   unless the feed carries the whole article;
2. an article whose text is stored already is recorded and left (its story has it);
3. otherwise it is analysed, joins the story it matches best (:func:`assign_story`), the story is
   compared again (:func:`update_story`), and the watcher tells of the article and of each
   group it made or changed (:mod:`.notify`).

A feed that fails (timeout, HTTP error, malformed XML) is reported in one line and tried again
after :func:`retry_delay`, doubling with each failure in a row; the other feeds go on. A page that
cannot be read is tried again when its feed is next read, :data:`MAX_ITEM_TRIES` times in all.
:meth:`Watcher.stop` (Ctrl-C) ends the loop once the current article is done: an article is
stored whole or not at all, and a feed left half read is read again from the start next time.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..errors import FetchError, IngestError
from ..ingest.files import DEFAULT_MAX_BYTES, Fetcher, load_source
from ..ingest.read import document_from_text
from ..model import Document, Metadata
from ..naming import outlet_name, url_of
from ..pipeline import extract_document, prepare_lines
from ..store.repository import Store
from ..store.stories import now, read_results, stale_stories
from ..stories import assign_story, story_rows, update_story
from .feeds import DEFAULT_MAX_ITEMS, Feed, FeedItem, read_feed
from .http import HttpClient
from .notify import Article, Notifier, WatchEvent, claim_records, group_changes
from .state import DONE, feed_state, item_states, record_item, save_feed_failure, save_feed_read, text_seen

DEFAULT_EVERY_S = 15 * 60.0
# A page that cannot be read is tried this many times (once per read of its feed), then left.
MAX_ITEM_TRIES = 3
# A failing feed is tried again after a minute (or --every, when shorter), twice as long after
# each failure in a row, and at least once an hour (or once per --every, when longer).
FIRST_RETRY_S = 60.0
MAX_RETRY_S = 3600.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Seconds in a duration: "15m" → 900.0, "30s", "2h", "250ms", "1d"; a bare number is seconds.

    Raises:
        ValueError: not a positive duration (the message says what is allowed).
    """
    m = _DURATION.match(text)
    seconds = float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()] if m else 0.0
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a duration: give a positive number with ms, s, m, h or d (\"15m\")")
    return seconds


def retry_delay(failures: int, every: float) -> float:
    """Seconds before a feed that failed ``failures`` times in a row is tried again.

    Example: with ``every`` = 15 min: 1, 2, 4, 8, 16, 32, then 60 min.
    """
    first = min(every, FIRST_RETRY_S)
    return float(min(first * 2 ** max(0, failures - 1), max(every, MAX_RETRY_S)))


def describe_delay(seconds: float) -> str:
    """A delay for a reader: "250 ms", "45 s", "4 min", "2 h"."""
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the watcher could not do: read a feed or an item's page, run an extractor on an article
    (which is stored without that extractor's findings), or POST to the webhook."""

    kind: Literal["feed", "item", "article", "notify"]
    source: str
    reason: str
    feed: str | None = None  # the item's feed
    retry_in: float | None = None  # the feed is tried again in this many seconds (None: not in this run)
    given_up: bool = False  # the item will not be tried again


def problem_line(p: Problem) -> str:
    """The problem as one line naming what failed, e.g. ``feed https://…/rss: HTTP 503 …; next try in 1 min``."""
    if p.kind == "feed":
        later = f"; next try in {describe_delay(p.retry_in)}" if p.retry_in is not None else ""
        return f"feed {p.source}: {p.reason}{later}"
    if p.kind == "item":
        later = "; given up" if p.given_up else "; will try again"
        return f"item {p.source} (feed {p.feed}): {p.reason}{later}"
    if p.kind == "article":  # stored, but one extractor failed on it
        return f"article {p.source}: {p.reason}"
    return f"{p.source}: {p.reason}"


@dataclass(slots=True)
class WatchStats:
    """What a watch did: rounds, new articles and their stories, alerts, failures."""

    rounds: int = 0
    articles: int = 0
    stories: set[int] = field(default_factory=set)
    alerts: int = 0
    feed_failures: int = 0
    item_failures: int = 0


class Watcher:
    """Reads feeds into a store and tells of each new article and each group it changed.

    Args:
        store (Store): the stories.
        feeds (Sequence[str]): the feeds' addresses.
        client (HttpClient): fetches the feeds (and POSTs to ``notify``).
        fetch (Fetcher): fetches an item's page (URL ingest's fetcher, with its private-address rule).
        on_event: called with each event; on_problem: called with each problem.
        notify (str | None): a URL to POST each event to, as JSON.
        every (float): seconds between two reads of a feed; max_items: items read per feed and read.
        max_bytes (int): an article larger than this is refused.
    """

    def __init__(self, store: Store, feeds: Sequence[str], *, client: HttpClient, fetch: Fetcher,
                 on_event: Callable[[WatchEvent], None], on_problem: Callable[[Problem], None],
                 notify: str | None = None, every: float = DEFAULT_EVERY_S, max_items: int = DEFAULT_MAX_ITEMS,
                 max_bytes: int = DEFAULT_MAX_BYTES, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.feeds = list(dict.fromkeys(feeds))
        self.client = client
        self.fetch = fetch
        self.on_event = on_event
        self.on_problem = on_problem
        self.notifier = Notifier(notify, client) if notify else None
        self.every = every
        self.max_items = max_items
        self.max_bytes = max_bytes
        self.clock = clock
        self.stats = WatchStats()
        self._stop = threading.Event()
        self._due = {url: 0.0 for url in self.feeds}

    def stop(self) -> None:
        """Stop once the current article is done (safe to call from a signal handler or another thread)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, *, once: bool = False) -> WatchStats:
        """Read the feeds round after round until :meth:`stop` (or after one round, ``once``)."""
        self._compare_stale()
        while not self.stopping:
            started = self.clock()
            for url in self.feeds:
                if self.stopping:
                    break
                if once or self._due[url] <= started:
                    self._read(url, once=once)
            self.stats.rounds += 1
            if once:
                break
            wait = max(0.0, min(self._due.values(), default=started + self.every) - self.clock())
            self._stop.wait(wait)
        return self.stats

    def _compare_stale(self) -> None:
        """Stories left uncompared (an interrupted run) are compared first, as ``analyze`` does."""
        with self.store.reading() as conn:
            stale = stale_stories(conn)
        for sid in stale:
            update_story(self.store, sid)

    def _read(self, url: str, *, once: bool) -> None:
        state = feed_state(self.store, url)
        try:
            read = read_feed(self.client, url, etag=state.etag, last_modified=state.last_modified,
                             max_items=self.max_items)
        except FetchError as exc:
            failures = save_feed_failure(self.store, url, exc.reason)
            delay = retry_delay(failures, self.every)
            self._due[url] = self.clock() + delay
            self.stats.feed_failures += 1
            self.on_problem(Problem("feed", url, exc.reason, retry_in=None if once else delay))
            return
        self._due[url] = self.clock() + self.every
        if read.feed is None:  # 304: nothing new since the last read
            save_feed_read(self.store, url, title=None, changed=False)
            return
        complete = self._read_items(read.feed)
        save_feed_read(self.store, url, title=read.feed.title, changed=True, etag=read.etag,
                       last_modified=read.last_modified, complete=complete)

    def _read_items(self, feed: Feed) -> bool:
        """Read the feed's new items; True when every item is handled (none left to try again)."""
        seen = item_states(self.store, [i.key for i in feed.items])
        complete = True
        for item in feed.items:
            state = seen.get(item.key)
            if state is not None and state.status in DONE:
                continue
            if self.stopping:
                return False
            tries = state.tries if state is not None else 0
            if not self._take(item, feed, tries):
                complete = False
        return complete

    def _take(self, item: FeedItem, feed: Feed, tries: int) -> bool:
        """Read one item; True when it is done with (stored, known, or given up)."""
        try:
            doc = self._document(item, feed)
        except IngestError as exc:
            given_up = tries + 1 >= MAX_ITEM_TRIES
            record_item(self.store, item=item.key, feed=feed.url, url=item.link,
                        status="failed" if given_up else "pending", reason=exc.reason, tries=tries + 1)
            self.stats.item_failures += 1
            self.on_problem(Problem("item", item.link or item.key, exc.reason, feed=feed.url, given_up=given_up))
            return given_up
        if text_seen(self.store, doc.id):
            record_item(self.store, item=item.key, feed=feed.url, url=item.link, status="known", doc_id=doc.id,
                        tries=tries)
            return True
        try:
            found = extract_document(prepare_lines(doc))
        except Exception as exc:  # noqa: BLE001 - an odd text must not stop the watch (as in analyze)
            record_item(self.store, item=item.key, feed=feed.url, url=item.link, status="failed",
                        reason=f"could not be cleaned: {type(exc).__name__}: {exc}", tries=tries + 1)
            self.stats.item_failures += 1
            self.on_problem(Problem("item", item.link or item.key, f"could not be cleaned: {exc}", feed=feed.url,
                                    given_up=True))
            return True
        for failure in found.failures:
            self.on_problem(Problem("article", item.link or item.key, failure.reason, feed=feed.url))
        assignment = assign_story(self.store, found)
        sid = assignment.story_id
        if not assignment.stored:  # stored by another process meanwhile
            record_item(self.store, item=item.key, feed=feed.url, url=item.link, status="known", doc_id=doc.id,
                        story_id=sid, tries=tries)
            return True
        with self.store.reading() as conn:
            _, before = read_results(conn, sid)
        ledger = update_story(self.store, sid)
        record_item(self.store, item=item.key, feed=feed.url, url=item.link, status="stored", doc_id=doc.id,
                    story_id=sid, tries=tries)
        self.stats.articles += 1
        self.stats.stories.add(sid)
        rows = story_rows(self.store, [sid])
        title = rows[0].title if rows else ""
        stored = assignment.doc
        article = Article(outlet=outlet_name(stored), title=stored.meta.title, url=url_of(stored),
                          published=stored.meta.published, feed=feed.url, file=stored.file)
        self._tell(WatchEvent("article", sid, title, article, now(), new_story=assignment.new_story,
                              reason=assignment.reason))
        for change in group_changes(before, ledger.groups):
            self.stats.alerts += 1
            self._tell(WatchEvent(change.kind, sid, title, article, now(), change=change,
                                  claims=claim_records(ledger, change.group)))
        return True

    def _document(self, item: FeedItem, feed: Feed) -> Document:
        """The item's article: the feed's own text, or its page read through URL ingest.

        Raises:
            IngestError: the page could not be fetched or holds no article text.
        """
        given = Metadata(title=item.title, author=item.author, published=item.published, outlet=feed.title,
                         url=item.link)
        if item.content is not None:
            if len(item.content.encode("utf-8")) > self.max_bytes:
                raise IngestError(item.link or item.key, f"over the {self.max_bytes / 1e6:.1f} MB limit")
            return document_from_text(item.content, item.link or item.key, given)
        link = item.link or ""
        if urlsplit(link).scheme not in ("http", "https"):  # a feed item's link is never read as a file
            raise IngestError(link or item.key, "not an http(s) address")
        try:
            loaded = load_source(link, max_bytes=self.max_bytes, fetch=self.fetch)
        except IngestError:
            raise
        except Exception as exc:  # noqa: BLE001 - an odd page must not stop the watch
            raise IngestError(link, f"could not be read: {type(exc).__name__}: {exc}") from exc
        doc = loaded.documents[0]
        page = doc.meta
        # the page's own metadata first; the feed fills what it does not say
        meta = dataclasses.replace(page, title=page.title or given.title, author=page.author or given.author,
                                   published=page.published or given.published,
                                   outlet=page.outlet or given.outlet, url=page.url or given.url)
        return dataclasses.replace(doc, meta=meta)

    def _tell(self, event: WatchEvent) -> None:
        self.on_event(event)
        if self.notifier is None:
            return
        try:
            self.notifier.send(event)
        except FetchError as exc:
            self.on_problem(Problem("notify", exc.source, exc.reason))
