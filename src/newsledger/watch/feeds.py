"""RSS and Atom feeds → the items to read, through feedparser.

feedparser is given the bytes the watcher fetched (:mod:`.http`), wrapped in a stream: given a
URL it would fetch it itself, and given bytes that happen to name a local file it would read
that file. The feed's own address goes with them, so relative links resolve against it.

A feed whose XML is not well formed is refused, not read leniently: feedparser's loose parser
can recover items from broken XML, but they may be cut short or run together, and a fact-checker
is better told that the feed is broken. A well-formed document that is neither RSS nor Atom (an
HTML page at the feed's address) is refused too.

An item is read from its page (its link) unless the feed carries the whole article: an Atom
``content`` or RSS ``content:encoded`` of at least :data:`FULL_CONTENT_MIN_WORDS` words. A summary
is never taken for the article, except for an item with no link, which has nothing else.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import time
import xml.sax
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import feedparser

from ..errors import FetchError
from ..ingest.read import content_id
from .http import HttpClient

# A feed's newest items come first; a feed of hundreds of items (an archive) is read this far.
DEFAULT_MAX_ITEMS = 30
# News summaries run to one or two sentences (under 60 words); an article, even a brief, is longer.
FULL_CONTENT_MIN_WORDS = 120
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "pre", "table", "tr", "section", "article", "header", "footer", "figure", "figcaption",
                         "hr", "dd", "dt"})
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed: where the article is, what the feed says of it, and its text when carried whole.

    Attributes:
        key: what identifies the item across reads: its link without the fragment, else the feed
            and the item's id (``"id:https://example.org/feed#tag:1"``).
        link: the article's http(s) address, or None.
        published: ISO-8601 as the feed gives it, with its UTC offset ("2025-03-12T09:12:00+01:00"),
            or a bare date when the feed gives no zone; None when the feed gives no date.
        content: the article's text when the feed carries it whole (or the item has no link).
    """

    feed: str
    key: str
    link: str | None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    content: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed as read: its address, its title (the outlet's name, as the feed gives it) and items."""

    url: str
    title: str | None
    items: tuple[FeedItem, ...]


@dataclass(frozen=True, slots=True)
class FeedRead:
    """The answer to one conditional request for a feed.

    ``feed`` is None when the server said the feed has not changed since ``etag``/``last_modified``
    (HTTP 304): nothing was downloaded and nothing is to be read.
    """

    url: str
    feed: Feed | None
    etag: str | None
    last_modified: str | None


def read_feed(client: HttpClient, url: str, *, etag: str | None = None, last_modified: str | None = None,
              max_items: int = DEFAULT_MAX_ITEMS) -> FeedRead:
    """Fetch a feed conditionally and parse it.

    Args:
        client (HttpClient): the HTTP client (private-address rule, deadlines).
        url (str): the feed's address.
        etag, last_modified: the validators of the last read (None the first time).
        max_items (int): at most this many items, in the feed's order.
    Returns:
        FeedRead: e.g. ``FeedRead(url, None, '"v7"', None)`` when the server answered 304.
    Raises:
        FetchError: the feed could not be fetched, or is not a well-formed RSS or Atom feed.
    """
    response = client.get_feed(url, etag=etag, last_modified=last_modified)
    if response.status == 304:
        return FeedRead(url, None, etag, last_modified)
    feed = parse_feed(response.body, url, final_url=response.url, headers=response.headers, max_items=max_items)
    return FeedRead(url, feed, response.headers.get("etag"), response.headers.get("last-modified"))


def parse_feed(data: bytes, url: str, *, final_url: str | None = None, headers: Mapping[str, str] | None = None,
               max_items: int = DEFAULT_MAX_ITEMS) -> Feed:
    """The items of an RSS or Atom document.

    Args:
        data (bytes): the document as served.
        url (str): the feed's address as the user gave it (items name it as their feed).
        final_url (str | None): where the document was found after redirects (links resolve against it).
        headers: the response's headers (lower-case names); the content type helps decoding.
    Raises:
        FetchError: malformed XML (with its line and column), or a document that is no feed.
    """
    response_headers = {"content-location": final_url or url}
    if headers and headers.get("content-type"):
        response_headers["content-type"] = headers["content-type"]
    try:
        parsed: Any = feedparser.parse(io.BytesIO(data), response_headers=response_headers, sanitize_html=True,
                                       resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - whatever a hostile feed makes the parser do, the watch goes on
        raise FetchError(url, f"could not be parsed ({type(exc).__name__}: {exc})") from exc
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXParseException):
        raise FetchError(url, f"malformed XML: {problem.getMessage()} (line {problem.getLineNumber()}, "
                              f"column {problem.getColumnNumber()})")
    if isinstance(problem, xml.sax.SAXException):
        raise FetchError(url, f"malformed XML: {problem.getMessage()}")
    if not parsed.get("version"):
        raise FetchError(url, "not an RSS or Atom feed")
    items: list[FeedItem] = []
    for entry in parsed.entries:
        if len(items) >= max_items:
            break
        item = _item(entry, url)
        if item is not None:
            items.append(item)
    return Feed(url, _clean(parsed.feed.get("title")), tuple(items))


def _item(entry: Any, feed_url: str) -> FeedItem | None:
    link = _http_link(entry.get("link"))
    guid = _clean(entry.get("id"))
    content = _full_text(entry, has_link=link is not None)
    if link is None and content is None:
        return None  # nothing to read
    key = normalise_link(link) if link else f"id:{feed_url}#{guid or content_id(content or '')}"
    return FeedItem(feed=feed_url, key=key, link=link, title=_clean(entry.get("title")),
                    published=_entry_date(entry), author=_clean(entry.get("author")), content=content)


def normalise_link(link: str) -> str:
    """A link as a key: scheme and host in lower case, no fragment ("HTTP://Example.org/a#top" → "http://example.org/a")."""
    parts = urlsplit(link)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _http_link(value: object) -> str | None:
    """An http(s) address, or None: a feed's link may be anything, and only the web is fetched."""
    if not isinstance(value, str):
        return None
    link = value.strip()
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    return link if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _full_text(entry: Any, *, has_link: bool) -> str | None:
    """The article as the feed carries it, when it does (see the module docstring)."""
    texts = [_text_of(c) for c in entry.get("content") or []]
    best = max(texts, key=len, default="")
    if len(best.split()) >= FULL_CONTENT_MIN_WORDS:
        return best
    if has_link:
        return None
    summary = _text_of(entry.get("summary_detail") or {"value": entry.get("summary") or ""})
    return best or summary or None


def _text_of(part: Any) -> str:
    value = part.get("value") if hasattr(part, "get") else None
    if not isinstance(value, str):
        return ""
    kind = str(part.get("type") or "text/html")
    return html_text(value) if "html" in kind else _lines(value)


def _entry_date(entry: Any) -> str | None:
    """The item's date as the feed writes it (published, else updated), with its zone; see FeedItem."""
    for name in ("published", "updated"):
        raw = entry.get(name)
        if isinstance(raw, str) and raw.strip():
            parsed = _parse_date(raw.strip())
            if parsed:
                return parsed
        struct = entry.get(f"{name}_parsed")
        if isinstance(struct, time.struct_time):  # feedparser read a date we could not: it gives UTC
            return dt.datetime(*struct[:6], tzinfo=dt.UTC).isoformat()
    return None


def _parse_date(raw: str) -> str | None:
    """RFC 822 (RSS) or RFC 3339 (Atom) → ISO-8601, the zone kept; a bare date when no zone is given."""
    when: dt.datetime | None = None
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        try:
            when = dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None
    if when.tzinfo is None:
        return when.date().isoformat()
    return when.isoformat()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


class _TextParser(HTMLParser):
    """Collects the text of an HTML fragment, one line per block (paragraph, heading, list item)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment: one line per paragraph, spaces collapsed, entities decoded.

    Example: ``html_text("<p>Fire at the <b>quay</b>.</p><p>Two hurt.</p>")`` → ``"Fire at the quay.\\nTwo hurt."``.
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return _lines("".join(parser.parts))


def _lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
