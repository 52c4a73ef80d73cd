"""HTTP for the watcher: feeds fetched with conditional requests, events posted to a webhook.

Feeds are fetched here, not by feedparser (which would fetch a URL itself, with no deadline and
no address rule); feedparser only ever gets the bytes. Every request has a deadline: connecting
and each wait for data are limited to ``timeout`` seconds, and a body that is still arriving
when ``timeout`` seconds have passed since the headers is cut off, so a server that trickles a
byte at a time cannot hold the watcher. A body over ``max_bytes`` (after decompression) is refused.

The private-address rule is the one URL ingest follows (``ingest/url.py``): a feed on a loopback,
private, link-local or otherwise non-public address is refused unless ``allow_private`` is set
(``--allow-private-urls``). The peer's address is checked once the connection is made, on every
hop of a redirect, so a name that resolves to a public address when looked up and to a private
one when used (DNS rebinding) is refused too. The webhook is the operator's own address, given
on the command line and never taken from a feed, so it may be private; its redirects are not
followed.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from .. import __version__
from ..errors import FetchError
from ..ingest.files import DEFAULT_MAX_BYTES

USER_AGENT = f"newsledger/{__version__} (feed watcher)"
DEFAULT_TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
_CHUNK = 65_536
_CONNECTION_PREFIX = re.compile(r"^(<[^>]*>|HTTPS?Connection\([^)]*\)): ")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True, slots=True)
class Response:
    """What a server answered: the final URL (after redirects), status, headers (lower-case names), body."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


class _NonPublicAddress(NewConnectionError):
    """The connection reached an address the private-address rule refuses."""

    def __init__(self, conn: HTTPConnection, why: str) -> None:
        super().__init__(conn, why)
        self.why = why


def is_public_address(address: str) -> bool:
    """True for a global address ("93.184.216.34"); False for loopback, private, link-local, reserved ones.

    An IPv4 address written as IPv6 ("::ffff:127.0.0.1") is judged as the IPv4 address.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone id is not part of the address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global


class _VettedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        peer = str(sock.getpeername()[0])
        if not is_public_address(peer):
            sock.close()
            where = peer if peer == self.host else f"{self.host} ({peer})"
            raise _NonPublicAddress(self, f"{where} is not a public address")
        return sock


class _VettedHTTPSConnection(_VettedHTTPConnection, HTTPSConnection):
    pass


class _VettedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _VettedHTTPConnection


class _VettedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _VettedHTTPSConnection


class HttpClient:
    """GET feeds and POST JSON with deadlines, a size limit and the private-address rule.

    Args:
        allow_private (bool): also connect to loopback and private addresses (``--allow-private-urls``).
        timeout (float): seconds allowed to connect, for each wait for data, and for the whole body.
        max_bytes (int): a larger body is refused.
    """

    def __init__(self, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT_S,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._pool = urllib3.PoolManager(num_pools=20)
        if not allow_private:
            self._pool.pool_classes_by_scheme = {"http": _VettedHTTPConnectionPool,
                                                 "https": _VettedHTTPSConnectionPool}
        # the webhook: the operator's own address (see the module docstring)
        self._hooks = urllib3.PoolManager(num_pools=4)

    def close(self) -> None:
        self._pool.clear()
        self._hooks.clear()

    def get_feed(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET a feed, conditionally when ``etag`` or ``last_modified`` is known from the last read.

        Returns:
            Response: status 200 (a body) or 304 (not modified since the last read, no body).
        Raises:
            FetchError: refused address, timeout, connection error, too many redirects, a body too
                large, or any other status (e.g. "HTTP 503 Service Unavailable").
        """
        headers = {"Accept": _FEED_ACCEPT, "User-Agent": USER_AGENT,
                   **urllib3.util.make_headers(accept_encoding=True)}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._request(self._pool, "GET", url, headers=headers, redirects=MAX_REDIRECTS)
        if response.status == HTTPStatus.NOT_MODIFIED or 200 <= response.status < 300:
            return response
        raise FetchError(url, _status_text(response.status))

    def post_json(self, url: str, payload: Mapping[str, Any]) -> Response:
        """POST ``payload`` as JSON; any 2xx answer is success.

        Raises:
            FetchError: the receiver could not be reached in time, or answered another status.
        """
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
        response = self._request(self._hooks, "POST", url, headers=headers, body=body, redirects=0)
        if not 200 <= response.status < 300:
            raise FetchError(url, _status_text(response.status))
        return response

    def _request(self, pool: urllib3.PoolManager, method: str, url: str, *, headers: Mapping[str, str],
                 body: bytes | None = None, redirects: int) -> Response:
        """One request, following up to ``redirects`` redirects itself (so the final URL is known)."""
        current = url
        for _hop in range(redirects + 1):
            if _scheme(current) not in ("http", "https"):
                raise FetchError(url, f"redirected to {current}, not an http(s) URL" if current != url
                                 else "not a valid http(s) URL")
            try:
                raw = pool.request(method, current, headers=dict(headers), body=body, retries=False, redirect=False,
                                   preload_content=False,
                                   timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout))
            except (HTTPError, ValueError) as exc:
                raise FetchError(url, self._why(exc)) from exc
            location = raw.headers.get("Location")
            if raw.status in _REDIRECTS and location and redirects:
                raw.close()  # a redirect's body is not read: it could be endless
                current = urljoin(current, location)
                continue
            try:
                data = self._read_body(raw, url)
            finally:
                raw.release_conn()
            return Response(current, raw.status, {k.lower(): v for k, v in raw.headers.items()}, data)
        raise FetchError(url, f"more than {redirects} redirects")

    def _read_body(self, raw: urllib3.BaseHTTPResponse, url: str) -> bytes:
        """The body, decompressed, within the deadline and the size limit."""
        too_slow = FetchError(url, f"took longer than {self.timeout:g} s")
        cut = threading.Event()

        def cut_off() -> None:  # a server trickling bytes passes every per-read timeout
            cut.set()
            raw.shutdown()

        watchdog = threading.Timer(self.timeout, cut_off)
        watchdog.daemon = True
        watchdog.start()
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := raw.read1(_CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"response over the {self.max_bytes / 1e6:.1f} MB limit")
                chunks.append(chunk)
        except (HTTPError, OSError) as exc:
            raise (too_slow if cut.is_set() else FetchError(url, self._why(exc))) from exc
        finally:
            watchdog.cancel()
        if cut.is_set():  # the connection was shut: what came is not the whole body
            raise too_slow
        return b"".join(chunks)

    def _why(self, exc: BaseException) -> str:
        """One line saying what went wrong, in a reader's words."""
        if isinstance(exc, _NonPublicAddress):
            return f"refused: {exc.why} (loopback and private addresses need --allow-private-urls)"
        if isinstance(exc, NewConnectionError):  # before timeouts: urllib3 derives it from ConnectTimeoutError
            return f"cannot connect ({_last_words(exc)})"
        if isinstance(exc, (ConnectTimeoutError, ReadTimeoutError, TimeoutError)):
            return f"no answer within {self.timeout:g} s"
        if isinstance(exc, SSLError):
            return f"TLS error ({_last_words(exc)})"
        if isinstance(exc, ProtocolError):
            return f"connection broken ({_last_words(exc)})"
        if isinstance(exc, (LocationParseError, ValueError)):
            return f"not a valid URL ({_last_words(exc)})"
        return _last_words(exc)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:  # "http://[::1/feed": an unclosed IPv6 bracket
        return ""


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _last_words(exc: BaseException) -> str:
    """The useful part of an exception's message: urllib3 starts it with the connection object."""
    text = _CONNECTION_PREFIX.sub("", " ".join(str(exc).split()))
    return text.removeprefix("Failed to establish a new connection: ") or type(exc).__name__
