"""A local HTTP server for the watch tests: feeds and pages that change between polls, and a webhook.

Everything here is invented: the Tarrow footbridge in the town of Velmora, its outlets and feeds.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime, formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

import pytest

# Two reports of one event that disagree on a figure (12 injured, then 5), and a third that adds none.
ARTICLES = {
    "bridge-collapse": (
        "Footbridge collapses over the Tarrow in Velmora", "2025-05-06",
        ["Velmora – A footbridge over the river Tarrow collapsed on Monday evening as a crowd crossed it after a "
         "concert, the Velmora Fire Brigade said. Twelve people were injured, the brigade said.",
         "“The deck simply gave way under them,” said brigade commander Ilse Marrow. The Kessing Works, which "
         "built the bridge in 2019, said it would send engineers on Tuesday."]),
    "engineers-inspect": (
        "Velmora bridge: engineers inspect the Tarrow span", "2025-05-07",
        ["Velmora – Engineers from the Kessing Works inspected the wreck of the Tarrow footbridge on Tuesday. Five "
         "people were injured when the bridge collapsed on Monday, the Velmora Fire Brigade said.",
         "Commander Ilse Marrow said the crowd had been larger than the bridge was built for."]),
    "vigil": (
        "Velmora mourns after Tarrow footbridge collapse", "2025-05-08",
        ["Velmora – The town of Velmora held a vigil on Wednesday for the victims of the Tarrow footbridge "
         "collapse. Commander Ilse Marrow of the Velmora Fire Brigade thanked the volunteers who pulled people "
         "from the river.",
         "The Kessing Works said its engineers had found a broken cable."]),
}


def page_html(slug: str, outlet: str = "Velmora Courier") -> str:
    """An article page as an outlet serves it (title, date and site name in its metadata)."""
    title, day, paragraphs = ARTICLES[slug]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html><head><title>{escape(title)}</title>'
            f'<meta property="og:site_name" content="{escape(outlet)}">'
            f'<meta property="article:published_time" content="{day}T08:00:00+02:00"></head>'
            f"<body><nav>Home | News | Sport</nav><article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>© {escape(outlet)}</footer></body></html>")


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed; each item: title, link, guid?, date (YYYY-MM-DD)?, content? (full text, HTML)."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
           f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
           f"<link>http://example.invalid/</link><description>news</description>"]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{escape(it['title'])}</title>")
        if "link" in it:
            out.append(f"<link>{escape(it['link'])}</link>")
        out.append(f"<guid>{escape(it.get('guid') or it.get('link', ''))}</guid>")
        if "date" in it:
            when = dt.datetime.fromisoformat(it["date"] + "T09:00:00+02:00")
            out.append(f"<pubDate>{format_datetime(when)}</pubDate>")
        out.append(f"<description>{escape(it.get('summary', 'A short summary.'))}</description>")
        if "content" in it:
            out.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom feed; each entry: title, link (relative links allowed), id, updated, content? (HTML)."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
           f"<title>{escape(title)}</title><id>urn:feed</id><updated>2025-05-08T10:00:00Z</updated>"]
    for e in entries:
        out.append(f"<entry><title>{escape(e['title'])}</title><id>{escape(e['id'])}</id>"
                   f"<updated>{e['updated']}</updated>")
        if "link" in e:
            out.append(f'<link rel="alternate" href="{escape(e["link"])}"/>')
        if "content" in e:
            out.append(f'<content type="html">{escape(e["content"])}</content>')
        out.append("</entry>")
    out.append("</feed>")
    return "".join(out).encode("utf-8")


@dataclass
class Route:
    """What the server answers at a path: a body with validators, a status, or a delay."""

    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    location: str | None = None  # a redirect's target
    trickle: float = 0.0  # seconds between two bytes of the body


@dataclass
class FeedServer:
    """Routes by path, counts of requests by path (and of 304s), and the webhook's JSON bodies."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    not_modified: dict[str, int] = field(default_factory=dict)
    posts: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    version: int = 0

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def serve(self, path: str, body: bytes | str, *, content_type: str | None = None, etag: bool = True,
              last_modified: bool = False) -> None:
        """Serve ``body`` at ``path`` with a new ETag (and Last-Modified) each time it changes."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        kind = content_type or ("text/html; charset=utf-8" if isinstance(body, str) else
                                "application/rss+xml; charset=utf-8")
        with self.lock:
            self.version += 1
            self.routes[path] = Route(data, kind, etag=f'"v{self.version}"' if etag else None,
                                      last_modified=formatdate(1_900_000_000 + self.version, usegmt=True)
                                      if last_modified else None)

    def count(self, path: str) -> int:
        with self.lock:
            return self.hits.get(path, 0)

    def page_hits(self) -> int:
        """Requests for article pages (paths under /news/)."""
        with self.lock:
            return sum(n for p, n in self.hits.items() if p.startswith("/news/"))


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = self.path.split("?", 1)[0]
            with server.lock:
                server.hits[path] = server.hits.get(path, 0) + 1
                route = server.routes.get(path)
            if route is None:
                self._answer(404, b"not found", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            fresh = ((route.etag and self.headers.get("If-None-Match") == route.etag)
                     or (route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified))
            if fresh:
                with server.lock:
                    server.not_modified[path] = server.not_modified.get(path, 0) + 1
                self.send_response(304)
                self.end_headers()
                return
            extra = {"Location": route.location} if route.location else {}
            if route.etag:
                extra["ETag"] = route.etag
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
            self._answer(route.status, route.body, route.content_type, extra, trickle=route.trickle)

        def do_POST(self) -> None:  # noqa: N802
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with server.lock:
                server.posts.append(json.loads(data))
            self._answer(204, b"", "text/plain")

        def _answer(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None, *,
                    trickle: float = 0.0) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if not trickle:
                    self.wfile.write(body)
                for i in range(len(body) if trickle else 0):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(trickle)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a deadline test)
                pass

    return Handler


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A server on 127.0.0.1 (the watcher needs allow_private=True to read it)."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def dead_url() -> str:
    """An address on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"
