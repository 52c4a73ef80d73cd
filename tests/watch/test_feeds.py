"""Feeds: RSS and Atom items, full content or a link, dates with their zone, malformed XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import FetchError
from newsledger.watch.feeds import FULL_CONTENT_MIN_WORDS, html_text, normalise_link, parse_feed

from .conftest import atom, rss

FEED = "https://news.example.org/rss"
LONG = " ".join(["The quay was quiet again on Friday."] * (FULL_CONTENT_MIN_WORDS // 7 + 1))


def test_parse_feed_rss_items_in_feed_order_with_their_metadata() -> None:
    data = rss("Velmora Courier", [
        {"title": "Bridge &amp; river", "link": "https://news.example.org/a#comments", "date": "2025-05-06"},
        {"title": "Second", "link": "https://news.example.org/b", "guid": "tag:b"},
    ])
    feed = parse_feed(data, FEED)
    assert feed.title == "Velmora Courier"
    first, second = feed.items
    assert (first.title, first.link, first.key) == ("Bridge &amp; river", "https://news.example.org/a#comments",
                                                     "https://news.example.org/a")
    assert first.published == "2025-05-06T09:00:00+02:00"  # the feed's own zone, not UTC
    assert first.content is None  # a summary is not the article: the page is read
    assert (second.published, second.feed) == (None, FEED)


def test_parse_feed_atom_resolves_relative_links_against_the_feed_address() -> None:
    data = atom("Tarrow Post", [{"title": "E", "id": "urn:1", "link": "/news/e", "updated": "2025-05-06T07:30:00Z"}])
    [item] = parse_feed(data, FEED, final_url="https://cdn.example.org/feeds/atom.xml").items
    assert item.link == "https://cdn.example.org/news/e"
    assert item.published == "2025-05-06T07:30:00+00:00"


@pytest.mark.parametrize(("words", "carried"), [(FULL_CONTENT_MIN_WORDS, True), (FULL_CONTENT_MIN_WORDS - 1, False)])
def test_parse_feed_full_content_only_when_it_is_the_article(words: int, carried: bool) -> None:
    body = "<p>" + " ".join(["word"] * words) + "</p>"
    [item] = parse_feed(rss("F", [{"title": "T", "link": "https://x.example/a", "content": body}]), FEED).items
    assert (item.content is not None) is carried


def test_parse_feed_item_without_link_uses_what_the_feed_gives() -> None:
    data = rss("F", [{"title": "No link", "guid": "tag:9", "summary": "Two ferries collided at the quay."},
                     {"title": "Nothing", "guid": "tag:10", "summary": ""}])
    items = parse_feed(data, FEED).items
    assert [(i.link, i.content) for i in items] == [(None, "Two ferries collided at the quay.")]
    assert items[0].key.startswith(f"id:{FEED}#") and items[0].key.endswith("tag:9")


@pytest.mark.parametrize("link", ["file:///etc/passwd", "javascript:alert(1)", "ftp://x.example/a"])
def test_parse_feed_never_takes_a_link_that_is_not_http(link: str) -> None:
    data = rss("F", [{"title": "T", "link": link, "content": "<p>" + LONG + "</p>"}])
    [item] = parse_feed(data, FEED).items
    assert item.link is None and item.content  # the feed's own text is read; the link never is


def test_parse_feed_bounds_the_items() -> None:
    data = rss("F", [{"title": str(i), "link": f"https://x.example/{i}"} for i in range(10)])
    assert [i.title for i in parse_feed(data, FEED, max_items=3).items] == ["0", "1", "2"]


@pytest.mark.parametrize(("data", "reason"), [
    (rss("F", [{"title": "T", "link": "https://x.example/a"}])[:-30], "malformed XML: unclosed token (line 1"),
    (b'<rss version="2.0"><channel><title>A &nbsp; B</title></channel></rss>', "malformed XML: undefined entity"),
    (b"<html><body><p>Not a feed</p></body></html>", "not an RSS or Atom feed"),
])
def test_parse_feed_refuses_what_is_not_a_well_formed_feed(data: bytes, reason: str) -> None:
    with pytest.raises(FetchError) as err:
        parse_feed(data, FEED)
    assert err.value.source == FEED and err.value.reason.startswith(reason)


def test_parse_feed_never_opens_a_file_the_bytes_name(tmp_path: Path) -> None:
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes(rss("Local", [{"title": "T", "link": "https://x.example/a"}]))
    with pytest.raises(FetchError, match="malformed XML"):
        parse_feed(str(feed_file).encode(), FEED)


@pytest.mark.parametrize(("fragment", "text"), [
    ("<p>Fire at the <b>quay</b>.</p><p>Two hurt.</p>", "Fire at the quay.\nTwo hurt."),
    ("Line one<br>Line&nbsp;two &amp; more", "Line one\nLine two & more"),
    ("<p>Kept</p><script>var x = 1;</script><style>p {}</style>", "Kept"),
    ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
    ("plain text", "plain text"),
])
def test_html_text_one_line_per_block(fragment: str, text: str) -> None:
    assert html_text(fragment) == text


@pytest.mark.parametrize(("link", "key"), [
    ("HTTPS://News.Example.org/a?id=3#top", "https://news.example.org/a?id=3"),
    ("https://news.example.org", "https://news.example.org/"),
])
def test_normalise_link(link: str, key: str) -> None:
    assert normalise_link(link) == key
