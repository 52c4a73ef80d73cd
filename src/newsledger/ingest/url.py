"""Fetching a page over HTTP(S), with a total deadline, a size cap and the private-address rule.

The standard library's ``http.client`` does the protocol; this module adds what a batch
of URLs from anywhere needs, and what trafilatura's downloader lacks:

- one **deadline per URL** for everything (resolving, connecting, the first byte, the
  whole body, redirects and waits): a watchdog shuts the socket when it passes, so a
  server that sends a byte every few seconds is cut off like one that never answers;
- the **size cap** (``--max-bytes``) applied while the body streams in, to the bytes on
  the wire and to what gzip or deflate makes of them (a small gzip bomb stops at the cap);
- the **private-address rule** checked at every hop: each redirect target is resolved
  and checked before it is requested, and the connection goes to the checked address;
- **Retry-After** (429, 503) honoured only when the wait ends before the deadline;
- one message per kind of failure: refused address, HTTP status, timeout, too large,
  not an article (that last one from :mod:`.files`, which reads the page).

The fetch function is passed into ingest (``fetch=``), so tests and callers can swap it.
The exchange underneath (:func:`request`) also serves the feed watcher: conditional GETs
of feeds and POSTs to a webhook (``watch/http.py``).
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..errors import IngestError
from .address import IPAddress, Resolver, is_refused, resolve
from .limits import DEFAULT_MAX_BYTES, describe_size

__all__ = ["DEFAULT_URL_DEADLINE", "Page", "Policy", "Response", "fetch_page", "make_fetcher", "make_policy", "request"]

DEFAULT_URL_DEADLINE = 30.0
_MAX_REDIRECTS = 5
_MAX_RETRIES = 2
_CHUNK = 65536
_REDIRECTS = {301, 302, 303, 307, 308}
_USER_AGENT = "newsledger/0.1 (+https://github.com/newsledger)"


@dataclass(frozen=True, slots=True)
class Page:
    """What a server sent: the final URL (after redirects), the body (decompressed) and its
    media type and charset from ``Content-Type`` (None when not given)."""

    url: str
    body: bytes
    media_type: str | None = None
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """The rules of one fetch: private addresses, the size cap, the deadline (see :func:`make_fetcher`)."""

    allow_private: bool
    max_bytes: int
    deadline: float
    refused: Callable[[IPAddress], bool]
    resolver: Resolver


def make_policy(*, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                deadline: float = DEFAULT_URL_DEADLINE, refused: Callable[[IPAddress], bool] = is_refused,
                resolver: Resolver = resolve) -> Policy:
    """The rules one fetch follows (see :func:`make_fetcher` for the arguments), for :func:`request`."""
    return Policy(allow_private, max_bytes, deadline, refused, resolver)


def make_fetcher(*, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                 deadline: float = DEFAULT_URL_DEADLINE, refused: Callable[[IPAddress], bool] = is_refused,
                 resolver: Resolver = resolve) -> Callable[[str], Page]:
    """A fetch function: URL → :class:`Page`, raising :class:`IngestError` with the reason.

    Args:
        allow_private (bool): fetch loopback and private addresses too (a local mirror, a test).
        max_bytes (int): the most bytes a body may have, compressed or not.
        deadline (float): seconds for the whole fetch of one URL, redirects and waits included.
        refused (Callable): the private-address rule (tests narrow it to reach 127.0.0.1).
        resolver (Callable): host, port, timeout → addresses.
    """
    policy = Policy(allow_private, max_bytes, deadline, refused, resolver)

    def fetch(url: str) -> Page:
        return fetch_page(url, policy)

    return fetch


def fetch_page(url: str, policy: Policy) -> Page:
    """Fetch ``url`` under ``policy`` (see :func:`make_fetcher`)."""
    response = request(url, policy)
    if response.status >= 300:
        raise IngestError(url, f"HTTP {response.status} ({response.reason})")
    media, charset = _content_type(response.headers.get("content-type"))
    return Page(response.url, response.body, media, charset)


@dataclass(frozen=True, slots=True)
class Response:
    """One answer: the final URL (after redirects), the status and its reason, the headers
    (lower-case names) and the body, decompressed (read for a 2xx answer only)."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


def request(url: str, policy: Policy, *, method: str = "GET", headers: Mapping[str, str] | None = None,
            body: bytes | None = None, max_redirects: int = _MAX_REDIRECTS) -> Response:
    """One HTTP exchange under ``policy``: redirects followed (up to ``max_redirects``; 0 returns
    the redirect itself), Retry-After honoured within the deadline. Any status is returned; the
    caller says which ones it accepts. ``headers`` are added to the request's own (``Accept`` among
    them may be replaced).

    Raises:
        IngestError: refused address, timeout, connection failure, too many redirects, a body
            too large.
    """
    end = time.monotonic() + policy.deadline
    current = url
    hops = retries = 0
    while True:
        response = _get(url, current, policy, end, redirected=hops > 0, method=method,
                        extra=headers or {}, body=body)
        if response.status in _REDIRECTS and max_redirects:
            location = response.headers.get("location")
            if not location:
                raise IngestError(url, f"HTTP {response.status} ({response.reason}) without a Location to follow")
            hops += 1
            if hops > max_redirects:
                raise IngestError(url, f"more than {max_redirects} redirects")
            current = urljoin(current, location.strip())
            if response.status == 303:  # "see other": fetched with GET, without the body
                method, body = "GET", None
            continue
        if response.status in (429, 503) and retries < _MAX_RETRIES:
            wait = _retry_after(response.headers.get("retry-after"))
            if wait is not None:
                left = end - time.monotonic()
                if wait >= left:
                    raise IngestError(url, f"HTTP {response.status} ({response.reason}); the server asks to retry "
                                           f"in {wait:g} s, past the {policy.deadline:g} s deadline")
                time.sleep(wait)
                retries += 1
                continue
        return response


def _get(url: str, current: str, policy: Policy, end: float, *, redirected: bool, method: str,
         extra: Mapping[str, str], body: bytes | None) -> Response:
    """One request; the body is read for a 2xx answer only."""
    try:
        parts = urlsplit(current)
    except ValueError as exc:  # "http://[::1/feed": an unclosed IPv6 bracket
        raise IngestError(url, f"not a valid URL: {current}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        where = f"a redirect to {current}" if redirected else "the URL"
        raise IngestError(url, f"{where} is not an http(s) URL with a host")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise IngestError(url, f"not a valid port in {current}") from exc
    try:
        addresses = policy.resolver(host, port, end - time.monotonic())
    except IngestError as exc:
        raise IngestError(url, f"{exc.reason}: {host}") from exc
    if not policy.allow_private:
        bad = [a for a in addresses if policy.refused(a)]
        if bad:
            via = f"a redirect to {current}: " if redirected else ""
            raise IngestError(url, f"refused: {via}{host} is a private or local address ({bad[0]}); "
                                   "--allow-private-urls allows it")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = host if ":" not in host else f"[{host}]"
    if parts.port:
        host_header += f":{parts.port}"
    watchdog = _Watchdog(end)
    conn = _connect(url, parts.scheme, host, addresses, port, end, watchdog)
    response: http.client.HTTPResponse | None = None
    try:
        phase = "waiting for an answer"
        conn.request(method, path, body=body, headers={
            "Host": host_header, "User-Agent": _USER_AGENT, "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html, text/plain, application/json;q=0.9, */*;q=0.5", **extra,
        })
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        if not 200 <= response.status < 300:
            return Response(current, response.status, response.reason, headers)
        phase = "reading the body"
        data = _read_body(url, response, headers, policy.max_bytes, end)
        return Response(current, response.status, response.reason, headers, data)
    except IngestError:
        raise
    except (OSError, http.client.HTTPException, zlib.error) as exc:
        if watchdog.fired or time.monotonic() >= end:
            raise IngestError(url, f"timed out {phase} (the deadline is {policy.deadline:g} s)") from exc
        raise IngestError(url, f"the connection failed while {phase} ({_why(exc)})") from exc
    finally:
        watchdog.cancel()
        if response is not None:  # a response to a "Connection: close" request holds the socket itself
            response.close()
        conn.close()


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _connect(url: str, scheme: str, host: str, addresses: list[IPAddress], port: int, end: float,
             watchdog: _Watchdog) -> http.client.HTTPConnection:
    """An open connection to the first address that answers, within the deadline."""
    last: OSError | None = None
    for ip in addresses:
        left = end - time.monotonic()
        if left <= 0:
            break
        conn: http.client.HTTPConnection
        if scheme == "https":
            conn = _PinnedHTTPSConnection(str(ip), port, server_name=host, timeout=left)
        else:
            conn = http.client.HTTPConnection(str(ip), port, timeout=left)
        watchdog.watch(conn)
        try:
            conn.connect()
            return conn
        except OSError as exc:
            conn.close()
            if watchdog.fired or time.monotonic() >= end:
                break
            if isinstance(exc, ssl.SSLError):
                watchdog.cancel()
                raise IngestError(url, f"TLS error ({exc.reason or exc})") from exc
            last = exc
    watchdog.cancel()
    if last is None or isinstance(last, TimeoutError):
        raise IngestError(url, "timed out connecting")
    raise IngestError(url, f"could not connect ({last.strerror or _why(last)})")


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to an address already checked, with the host name for SNI and the certificate."""

    def __init__(self, ip: str, port: int, *, server_name: str, timeout: float) -> None:
        super().__init__(ip, port, timeout=timeout, context=ssl.create_default_context())
        self._server_name = server_name

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = sock  # the watchdog can shut it during the handshake
        self.sock = self._context.wrap_socket(sock, server_hostname=self._server_name)  # type: ignore[attr-defined]


class _Watchdog:
    """Shuts the watched connection's socket at the deadline, which ends any wait on it."""

    def __init__(self, end: float) -> None:
        self.fired = False
        self._conn: http.client.HTTPConnection | None = None
        self._timer = threading.Timer(max(end - time.monotonic(), 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, conn: http.client.HTTPConnection) -> None:
        self._conn = conn

    def _fire(self) -> None:
        self.fired = True
        sock = self._conn.sock if self._conn is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed: nothing to end
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _read_body(url: str, response: http.client.HTTPResponse, headers: dict[str, str], max_bytes: int,
               end: float) -> bytes:
    """The body, decompressed, refused as soon as it passes ``max_bytes``."""
    limit = describe_size(max_bytes, max_bytes)
    length = headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise IngestError(url, f"too large: the server announces {describe_size(int(length), max_bytes)}, "
                               f"over the {limit} limit")
    coding = headers.get("content-encoding", "identity").strip().lower()
    if coding in ("gzip", "x-gzip"):
        inflate: zlib._Decompress | None = zlib.decompressobj(wbits=31)
    elif coding == "deflate":
        inflate = zlib.decompressobj(wbits=47)
    elif coding in ("identity", ""):
        inflate = None
    else:
        raise IngestError(url, f"unsupported Content-Encoding {coding!r}")
    out = bytearray()
    wire = 0
    while True:
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        wire += len(chunk)
        if wire > max_bytes:
            raise IngestError(url, f"too large: the body passed the {limit} limit")
        out += inflate.decompress(chunk, max_bytes + 1 - len(out)) if inflate else chunk
        if len(out) > max_bytes or (inflate is not None and inflate.unconsumed_tail):
            raise IngestError(url, f"too large: the {coding} body unpacks past the {limit} limit"
                              if inflate else f"too large: the body passed the {limit} limit")
        if time.monotonic() >= end:
            raise TimeoutError("deadline passed")
    if time.monotonic() >= end:  # the watchdog shut the socket: what came is a cut-off body
        raise TimeoutError("deadline passed")
    if response.length:  # http.client's count of Content-Length bytes still due
        raise IngestError(url, "the connection closed before the whole body came")
    if inflate is not None:
        out += inflate.flush()
        if len(out) > max_bytes:
            raise IngestError(url, f"too large: the {coding} body unpacks past the {limit} limit")
    return bytes(out)


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) of a Content-Type header: ``"text/html; charset=UTF-8"`` → ("text/html", "UTF-8")."""
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for p in params:
        name, _, v = p.partition("=")
        if name.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return media.strip().lower() or None, charset


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())
