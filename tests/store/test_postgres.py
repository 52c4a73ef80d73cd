"""The store on PostgreSQL: the same code through a postgresql:// URL.

The server is the throwaway cluster of the ``pg_url`` fixture (``tests/conftest.py``); the test
is skipped where no PostgreSQL server binaries or no psycopg driver are installed (``.ci/run``
installs both).
"""

from __future__ import annotations

from newsledger.pipeline import extract_document, prepare_text
from newsledger.store.repository import Store

TEXT = ("Quay Fire Spreads\nBy Jane Roe\nMarch 14, 2025\nPort Alden – “We are doing everything we can,” said fire "
        "chief Mara Lind on Tuesday. Some 300 workers were sent home last week, the port said.\n")


def test_store_round_trip_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url)
    found = extract_document(prepare_text(TEXT, source="a.txt"))
    items = [*found.quotes, *found.quantities, *found.events]
    assert items
    assert store.save_document(found.doc, items) is True
    assert store.save_document(found.doc, items) is False  # stored once
    second = Store(pg_url)
    ledger = second.load_ledger()
    second.close()
    assert ledger.documents == [found.doc]
    assert sorted(ledger.quotes + ledger.quantities + ledger.events, key=repr) == sorted(items, key=repr)  # type: ignore[operator]
    store.close()


def test_watch_state_on_postgresql(pg_url: str) -> None:
    from newsledger.watch.state import feed_state, item_states, record_item, save_feed_failure, save_feed_read

    store = Store(pg_url)
    feed = "https://news.example.org/" + "long/" * 300 + "rss"  # addresses may be long
    assert save_feed_failure(store, feed, "HTTP 503 Service Unavailable") == 1
    save_feed_read(store, feed, title="Velmora Courier", changed=True, etag='"v2"', last_modified=None)
    state = feed_state(store, feed)
    assert (state.etag, state.failures, state.error, state.title) == ('"v2"', 0, None, "Velmora Courier")
    link = "https://news.example.org/a?" + "x" * 3000
    record_item(store, item=link, feed=feed, url=link, status="pending", reason="no response", tries=1)
    record_item(store, item=link, feed=feed, url=link, status="stored", doc_id="abc", story_id=1, tries=1)
    [(key, seen)] = item_states(store, [link, "https://news.example.org/b"]).items()
    assert key == link and (seen.status, seen.doc_id, seen.tries) == ("stored", "abc", 1)
    store.close()
