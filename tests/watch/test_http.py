"""The watcher's HTTP client: conditional requests, redirects, deadlines, size limit, private addresses."""

from __future__ import annotations

import time

import pytest

from newsledger.errors import FetchError
from newsledger.watch.http import HttpClient

from .conftest import FeedServer, Route


def test_get_feed_conditional_request_gets_a_304(feed_server: FeedServer) -> None:
    feed_server.serve("/f.xml", b"<rss/>", last_modified=True)
    client = HttpClient(allow_private=True, timeout=2)
    first = client.get_feed(feed_server.url("/f.xml"))
    assert first.status == 200 and first.body == b"<rss/>" and first.headers["etag"] == '"v1"'
    again = client.get_feed(feed_server.url("/f.xml"), etag=first.headers["etag"])
    assert again.status == 304 and again.body == b""
    by_date = client.get_feed(feed_server.url("/f.xml"), last_modified=first.headers["last-modified"])
    assert by_date.status == 304


def test_get_feed_follows_redirects_and_says_where_it_ended(feed_server: FeedServer) -> None:
    feed_server.serve("/new.xml", b"<rss/>")
    feed_server.routes["/old.xml"] = Route(status=301, location="/new.xml")
    feed_server.routes["/loop.xml"] = Route(status=302, location="/loop.xml")
    feed_server.routes["/away.xml"] = Route(status=302, location="file:///etc/passwd")
    client = HttpClient(allow_private=True, timeout=2)
    response = client.get_feed(feed_server.url("/old.xml"))
    assert (response.url, response.body) == (feed_server.url("/new.xml"), b"<rss/>")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        client.get_feed(feed_server.url("/loop.xml"))
    with pytest.raises(FetchError, match="a redirect to file:///etc/passwd is not an http"):
        client.get_feed(feed_server.url("/away.xml"))


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404 (Not Found)"), (503, "HTTP 503 (Service Unavailable)"),
                                                (418, "HTTP 418 (I'm a Teapot)")])
def test_get_feed_http_errors_name_the_status(feed_server: FeedServer, status: int, reason: str) -> None:
    feed_server.routes["/f.xml"] = Route(b"no", status=status)
    with pytest.raises(FetchError) as err:
        HttpClient(allow_private=True, timeout=2).get_feed(feed_server.url("/f.xml"))
    assert err.value.reason == reason


def test_get_feed_refuses_a_body_over_the_limit(feed_server: FeedServer) -> None:
    feed_server.serve("/big.xml", b"x" * 5000)
    with pytest.raises(FetchError) as err:
        HttpClient(allow_private=True, timeout=2, max_bytes=1000).get_feed(feed_server.url("/big.xml"))
    assert err.value.reason.startswith("too large:")


def test_get_feed_deadline_holds_against_a_server_that_does_not_answer(feed_server: FeedServer) -> None:
    feed_server.routes["/slow.xml"] = Route(b"<rss/>", delay=1.0)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        HttpClient(allow_private=True, timeout=0.2).get_feed(feed_server.url("/slow.xml"))
    assert err.value.reason == "timed out waiting for an answer (the deadline is 0.2 s)" and time.monotonic() - started < 0.9


def test_get_feed_deadline_holds_against_a_body_that_trickles_in(feed_server: FeedServer) -> None:
    feed_server.routes["/trickle.xml"] = Route(b"<rss>" + b" " * 60 + b"</rss>", trickle=0.02)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        HttpClient(allow_private=True, timeout=0.3).get_feed(feed_server.url("/trickle.xml"))
    assert err.value.reason == "timed out reading the body (the deadline is 0.3 s)" and time.monotonic() - started < 0.8


def test_get_feed_refuses_private_addresses_unless_allowed(feed_server: FeedServer) -> None:
    feed_server.serve("/f.xml", b"<rss/>")
    with pytest.raises(FetchError) as err:
        HttpClient().get_feed(feed_server.url("/f.xml"))
    assert err.value.reason.startswith("refused: 127.0.0.1 is a private or local address")
    # over https too: the address is checked before any connection is made
    with pytest.raises(FetchError, match="refused: 127.0.0.1 is a private or local address"):
        HttpClient().get_feed(feed_server.url("/f.xml").replace("http://", "https://"))
    assert feed_server.count("/f.xml") == 0


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "http://[::1/feed"])
def test_get_feed_only_http(url: str) -> None:
    with pytest.raises(FetchError) as err:
        HttpClient().get_feed(url)
    assert err.value.reason.startswith(("the URL is not an http(s) URL", "not a valid URL"))


def test_post_json_to_the_webhook(feed_server: FeedServer) -> None:
    # the webhook is the operator's own address: a private one is allowed without allow_private
    HttpClient(timeout=2).post_json(feed_server.url("/hook"), {"event": "article", "title": "Bro über"})
    assert feed_server.posts == [{"event": "article", "title": "Bro über"}]
