"""The watch loop against feeds served on 127.0.0.1 that change between polls."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsledger.ingest.url import make_fetcher
from newsledger.store.repository import Store
from newsledger.store.schema import watch_feeds, watch_items
from newsledger.stories import story_rows
from newsledger.watch import HttpClient, Problem, Watcher, WatchEvent, event_line, problem_line
from newsledger.watch.loop import MAX_ITEM_TRIES, retry_delay

from .conftest import ARTICLES, FeedServer, atom, page_html, rss


class Recorder:
    """What a watcher told: event lines and problem lines."""

    def __init__(self) -> None:
        self.events: list[WatchEvent] = []
        self.problems: list[Problem] = []

    def event(self, e: WatchEvent) -> None:
        self.events.append(e)

    def problem(self, p: Problem) -> None:
        self.problems.append(p)

    def lines(self, kind: str | None = None) -> list[str]:
        return [event_line(e) for e in self.events if kind is None or e.kind == kind]


def _watcher(store: Store, feeds: list[str], rec: Recorder, **options: object) -> Watcher:
    allow = bool(options.pop("allow_private", True))
    timeout = float(options.pop("timeout", 2.0))  # type: ignore[arg-type]
    return Watcher(store, feeds, client=HttpClient(allow_private=allow, timeout=timeout),
                   fetch=make_fetcher(allow_private=allow), on_event=rec.event, on_problem=rec.problem,
                   **options)  # type: ignore[arg-type]


def _items(server: FeedServer, *slugs: str) -> list[dict[str, str]]:
    return [{"title": ARTICLES[s][0], "link": server.url(f"/news/{s}"), "date": ARTICLES[s][1]} for s in slugs]


def _serve_pages(server: FeedServer) -> None:
    for slug in ARTICLES:
        server.serve(f"/news/{slug}", page_html(slug))


def _stored(store: Store) -> int:
    return store.count_documents()


def test_watch_new_items_are_stored_once_and_a_304_costs_no_fetch(feed_server: FeedServer) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")))
    store, rec = Store("sqlite://"), Recorder()
    watcher = _watcher(store, [feed_server.url("/feed.xml")], rec)
    watcher.run(once=True)
    assert _stored(store) == 1 and feed_server.page_hits() == 1
    assert rec.lines("article") == ["story 1 (new) · Velmora Courier · Footbridge collapses over the Tarrow in Velmora"]
    # unchanged: the server answers 304 and nothing else is fetched
    watcher.run(once=True)
    assert feed_server.not_modified["/feed.xml"] == 1
    assert feed_server.page_hits() == 1 and _stored(store) == 1 and len(rec.events) == 1
    # a new item on top of the old one: only the new page is fetched
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "vigil", "bridge-collapse")))
    watcher.run(once=True)
    assert feed_server.count("/news/bridge-collapse") == 1 and feed_server.count("/news/vigil") == 1
    assert _stored(store) == 2
    assert [e.story for e in rec.events if e.kind == "article"] == [1, 1]
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(watch_items)).scalar_one() == 2


def test_watch_restart_stores_nothing_twice(feed_server: FeedServer, tmp_path: Path) -> None:
    _serve_pages(feed_server)
    # the feed supports no conditional request: the items themselves must be known
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse", "vigil")),
                      etag=False)
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    first = Recorder()
    store = Store(db)
    assert _watcher(store, [feed_server.url("/feed.xml")], first).run(once=True).articles == 2
    store.close()
    again = Recorder()
    store = Store(db)
    stats = _watcher(store, [feed_server.url("/feed.xml")], again).run(once=True)
    assert stats.articles == 0 and again.events == [] and again.problems == []
    assert feed_server.count("/feed.xml") == 2 and feed_server.page_hits() == 2  # no page fetched again
    assert _stored(store) == 2
    store.close()


def test_watch_restart_asks_with_the_stored_validators(feed_server: FeedServer, tmp_path: Path) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")), etag=False,
                      last_modified=True)
    db = f"sqlite:///{tmp_path / 'watch.db'}"
    for _ in range(2):
        store = Store(db)
        _watcher(store, [feed_server.url("/feed.xml")], Recorder()).run(once=True)
        store.close()
    assert feed_server.not_modified["/feed.xml"] == 1  # Last-Modified kept across the restart
    with Store(db).reading() as conn:
        row = conn.execute(select(watch_feeds)).one()
    assert row.last_modified and row.failures == 0 and row.title == "Velmora Courier"


def test_watch_malformed_and_dead_feeds_each_get_one_line_while_the_good_feed_is_read(
        feed_server: FeedServer, dead_url: str) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/good.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")))
    broken = rss("Tarrow Post", _items(feed_server, "vigil"))[:-40]  # cut off mid-item
    feed_server.serve("/broken.xml", broken)
    feeds = [feed_server.url("/broken.xml"), dead_url, feed_server.url("/good.xml")]
    store, rec = Store("sqlite://"), Recorder()
    stats = _watcher(store, feeds, rec).run(once=True)
    lines = [problem_line(p) for p in rec.problems]
    assert len(lines) == 2 and stats.feed_failures == 2
    assert lines[0].startswith(f"feed {feeds[0]}: malformed XML") and "line 1" in lines[0]
    assert lines[1].startswith(f"feed {dead_url}: could not connect")
    assert rec.lines("article") == ["story 1 (new) · Velmora Courier · Footbridge collapses over the Tarrow in Velmora"]
    assert feed_server.count("/news/vigil") == 0
    with store.reading() as conn:
        errors = {r.url: (r.failures, r.error) for r in conn.execute(select(watch_feeds))}
    assert errors[dead_url][0] == 1 and errors[feeds[2]] == (0, None)


def test_watch_a_slow_feed_times_out_in_one_line(feed_server: FeedServer) -> None:
    feed_server.serve("/slow.xml", rss("Slow", []))
    feed_server.routes["/slow.xml"].delay = 1.0
    rec = Recorder()
    _watcher(Store("sqlite://"), [feed_server.url("/slow.xml")], rec, timeout=0.2).run(once=True)
    assert [problem_line(p) for p in rec.problems] == [f"feed {feed_server.url('/slow.xml')}: timed out waiting for an answer (the deadline is 0.2 s)"]


def test_watch_a_failing_feed_is_retried_with_backoff_while_the_others_go_on(feed_server: FeedServer) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/good.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")))
    feed_server.serve("/flaky.xml", rss("Tarrow Post", _items(feed_server, "vigil")))
    feed_server.routes["/flaky.xml"].status = 503
    rec = Recorder()
    watcher = _watcher(Store("sqlite://"), [feed_server.url("/flaky.xml"), feed_server.url("/good.xml")], rec,
                       every=0.2)

    def on_problem(p: Problem) -> None:
        rec.problem(p)
        if len(rec.problems) == 2:  # failed twice: the server recovers
            feed_server.routes["/flaky.xml"].status = 200

    def on_event(e: WatchEvent) -> None:
        rec.event(e)
        if len(rec.lines("article")) == 2:
            watcher.stop()

    watcher.on_problem, watcher.on_event = on_problem, on_event
    watcher.run()
    first, second = rec.problems
    assert problem_line(first) == f"feed {feed_server.url('/flaky.xml')}: HTTP 503 (Service Unavailable); next try in 200 ms"
    assert second.retry_in == pytest.approx(0.4)  # doubled
    assert feed_server.count("/flaky.xml") == 3
    assert {e.article.title for e in rec.events} == {ARTICLES["bridge-collapse"][0], ARTICLES["vigil"][0]}


@pytest.mark.parametrize(("failures", "every", "delay"), [
    (1, 900.0, 60.0), (2, 900.0, 120.0), (6, 900.0, 1920.0), (7, 900.0, 3600.0), (12, 900.0, 3600.0),
    (1, 10.0, 10.0), (3, 10.0, 40.0), (1, 7200.0, 60.0), (20, 7200.0, 7200.0),
])
def test_retry_delay_doubles_up_to_a_cap(failures: int, every: float, delay: float) -> None:
    assert retry_delay(failures, every) == delay


def test_watch_a_new_conflicting_figure_gives_one_alert_line_and_one_webhook_post(feed_server: FeedServer) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")))
    store, rec = Store("sqlite://"), Recorder()
    watcher = _watcher(store, [feed_server.url("/feed.xml")], rec, notify=feed_server.url("/hook"))
    watcher.run(once=True)
    assert rec.lines("conflict") == [] and [p["event"] for p in feed_server.posts] == ["article"]
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "engineers-inspect", "bridge-collapse")))
    watcher.run(once=True)
    alerts = rec.lines("conflict")
    assert alerts == ["story 1 · new conflict · injured: 12 and 5 cannot both hold for 'people injured'; "
                      "both rest on one original source, Velmora Fire Brigade: one independent source, two outlets"]
    hooks = [p for p in feed_server.posts if p["event"] == "conflict"]
    assert len(hooks) == 1 and len(feed_server.posts) == 3  # two articles, one conflict
    hook = hooks[0]
    assert hook["line"] == alerts[0] and hook["change"] == "new" and hook["story"] == 1
    assert hook["group"]["status"] == "conflict" and hook["group"]["previous_status"] is None
    assert [c["text"] for c in hook["group"]["claims"]] == ["Twelve people", "Five people"]
    assert {c["url"] for c in hook["group"]["claims"]} == {feed_server.url("/news/bridge-collapse"),
                                                           feed_server.url("/news/engineers-inspect")}
    assert hook["article"]["title"] == ARTICLES["engineers-inspect"][0]
    # nothing new: no line, no POST
    watcher.run(once=True)
    assert len(rec.lines("conflict")) == 1 and len(feed_server.posts) == 3


def test_watch_a_failed_webhook_gets_one_line_and_the_watch_goes_on(feed_server: FeedServer, dead_url: str) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")))
    rec = Recorder()
    stats = _watcher(Store("sqlite://"), [feed_server.url("/feed.xml")], rec, notify=dead_url).run(once=True)
    assert stats.articles == 1
    [line] = [problem_line(p) for p in rec.problems]
    assert line.startswith(f"notify {dead_url}: could not connect")


def test_watch_stops_after_the_current_article_and_reads_the_rest_next_time(feed_server: FeedServer) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse", "vigil")))
    store, rec = Store("sqlite://"), Recorder()
    watcher = _watcher(store, [feed_server.url("/feed.xml")], rec)

    def stop_at_first(e: WatchEvent) -> None:
        rec.event(e)
        watcher.stop()

    watcher.on_event = stop_at_first
    watcher.run()
    assert _stored(store) == 1 and feed_server.count("/news/vigil") == 0
    [row] = story_rows(store)
    assert not row.stale  # the article was compared in its story before the watch stopped
    # the half-read version of the feed is not taken as read: the next run reads it again
    rest = Recorder()
    _watcher(store, [feed_server.url("/feed.xml")], rest).run(once=True)
    assert "/feed.xml" not in feed_server.not_modified
    assert [e.article.title for e in rest.events if e.kind == "article"] == [ARTICLES["vigil"][0]]
    assert _stored(store) == 2


def test_watch_full_content_feed_needs_no_page(feed_server: FeedServer) -> None:
    title, _day, paragraphs = ARTICLES["bridge-collapse"]
    more = ("Residents of the old quarter said the footbridge had swayed at busy times for months, and a petition "
            "asking the town council to close it at night gathered more than four hundred names last winter. "
            "The council said it had asked the Kessing Works to check the cables in March and had been told they "
            "were sound. The concert at the riverside stage had drawn a larger crowd than in earlier years, and "
            "stewards had tried to send people home by the road bridge instead.")
    content = "".join(f"<p>{p}</p>" for p in [*paragraphs, more])
    feed_server.serve("/atom.xml", atom("Tarrow Post", [{"title": title, "id": "urn:tarrow:1", "link": "/news/full",
                                                         "updated": "2025-05-06T07:30:00+02:00",
                                                         "content": content}]),
                      content_type="application/atom+xml")
    store, rec = Store("sqlite://"), Recorder()
    _watcher(store, [feed_server.url("/atom.xml")], rec).run(once=True)
    assert feed_server.page_hits() == 0
    [doc] = store.load_ledger().documents
    assert doc.text.startswith("Velmora – A footbridge over the river Tarrow") and "stewards" in doc.text
    assert doc.meta.url == feed_server.url("/news/full")  # the relative link, resolved against the feed
    assert (doc.meta.outlet, doc.meta.published) == ("Tarrow Post", "2025-05-06T07:30:00+02:00")
    assert rec.lines("article") == [f"story 1 (new) · Tarrow Post · {title}"]


def test_watch_reads_at_most_max_items_per_feed(feed_server: FeedServer) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/feed.xml", rss("Velmora Courier", _items(feed_server, "vigil", "engineers-inspect",
                                                                 "bridge-collapse")))
    store = Store("sqlite://")
    _watcher(store, [feed_server.url("/feed.xml")], Recorder(), max_items=2).run(once=True)
    assert _stored(store) == 2 and feed_server.count("/news/bridge-collapse") == 0


def test_watch_the_same_text_from_two_feeds_is_stored_once(feed_server: FeedServer) -> None:
    _serve_pages(feed_server)
    feed_server.serve("/news/copy-of-collapse", page_html("bridge-collapse"))
    feed_server.serve("/a.xml", rss("Velmora Courier", _items(feed_server, "bridge-collapse")))
    feed_server.serve("/b.xml", rss("Velmora Courier", [{"title": "Copy", "link": feed_server.url("/news/copy-of-collapse")}]))
    store, rec = Store("sqlite://"), Recorder()
    stats = _watcher(store, [feed_server.url("/a.xml"), feed_server.url("/b.xml")], rec).run(once=True)
    assert stats.articles == 1 and _stored(store) == 1 and len(rec.events) == 1
    with store.reading() as conn:
        statuses = sorted(r.status for r in conn.execute(select(watch_items)))
    assert statuses == ["known", "stored"]


def test_watch_a_missing_page_is_tried_again_then_given_up(feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss("Velmora Courier", [{"title": "Gone", "link": feed_server.url("/news/gone")}]))
    store, rec = Store("sqlite://"), Recorder()
    watcher = _watcher(store, [feed_server.url("/feed.xml")], rec)
    for _ in range(MAX_ITEM_TRIES + 1):
        watcher.run(once=True)
    assert feed_server.count("/news/gone") == MAX_ITEM_TRIES
    lines = [problem_line(p) for p in rec.problems]
    assert len(lines) == MAX_ITEM_TRIES
    assert lines[0] == (f"item {feed_server.url('/news/gone')} (feed {feed_server.url('/feed.xml')}): HTTP 404 "
                        "(Not Found); will try again")
    assert lines[-1].endswith("; given up")
    # given up: the feed's version now counts as read, and the next poll is a 304
    assert feed_server.not_modified["/feed.xml"] == 1


def test_watch_refuses_a_feed_on_a_private_address_by_default(feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", rss("Velmora Courier", []))
    rec = Recorder()
    _watcher(Store("sqlite://"), [feed_server.url("/feed.xml")], rec, allow_private=False).run(once=True)
    [line] = [problem_line(p) for p in rec.problems]
    assert line == (f"feed {feed_server.url('/feed.xml')}: refused: 127.0.0.1 is a private or local "
                    "address (127.0.0.1); --allow-private-urls allows it")
    assert feed_server.count("/feed.xml") == 0  # refused before anything was sent


@pytest.mark.parametrize(("problem", "line"), [
    (Problem("feed", "https://a.example/rss", "HTTP 404 Not Found", retry_in=120.0),
     "feed https://a.example/rss: HTTP 404 Not Found; next try in 2 min"),
    (Problem("feed", "https://a.example/rss", "HTTP 404 Not Found"), "feed https://a.example/rss: HTTP 404 Not Found"),
    (Problem("item", "https://a.example/1", "no text", feed="https://a.example/rss", given_up=True),
     "item https://a.example/1 (feed https://a.example/rss): no text; given up"),
    (Problem("article", "https://a.example/1", "quotes extractor failed: ValueError: x"),
     "article https://a.example/1: quotes extractor failed: ValueError: x"),
    (Problem("notify", "notify http://localhost:9000/hook", "HTTP 500 Internal Server Error"),
     "notify http://localhost:9000/hook: HTTP 500 Internal Server Error"),
])
def test_problem_line(problem: Problem, line: str) -> None:
    assert problem_line(problem) == line
