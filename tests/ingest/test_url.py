"""Fetching against hostile servers on 127.0.0.1: every case ends within its deadline with its own message."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from newsledger.errors import IngestError
from newsledger.ingest.address import IPAddress, is_refused
from newsledger.ingest.files import load_source
from newsledger.ingest.limits import parse_size
from newsledger.ingest.url import make_fetcher

DEADLINE = 1.5
SLACK = 2.0  # a loaded 2-core machine may take this long to notice and unwind
LOOPBACK = ipaddress.ip_address("127.0.0.1")
PAGE = (
    b"<!DOCTYPE html><html><head><title>Ferry delayed by storm</title></head><body><article>"
    b"<p>Vessel operators said on Monday that the morning ferry would sail four hours late after a storm"
    b" closed the crossing overnight, stranding some 200 passengers at the terminal.</p>"
    b"<p>\xe2\x80\x9cWe will not sail until the wind drops,\xe2\x80\x9d the harbour master said.</p>"
    b"</article></body></html>"
)
PLAIN = b"<html> is how the page begins, the reporter wrote.\nThe ferry sailed late, officials said.\n"


def _head(status: str, *headers: str) -> bytes:
    return ("HTTP/1.1 " + status + "\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()
        self.hits: dict[str, int] = {}
        self.bomb = gzip.compress(b"\0" * 20_000_000, compresslevel=9)


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            data += chunk
        path = data.split(b" ", 2)[1].decode()
        self.server.hits[path] = self.server.hits.get(path, 0) + 1
        route = getattr(self, "route_" + path.strip("/").replace("-", "_").replace(".", "_"), self.route_missing)
        with contextlib.suppress(OSError):  # the client hung up: that is what most cases are about
            route()

    def send(self, data: bytes) -> None:
        self.request.sendall(data)

    def idle(self, seconds: float = 60.0) -> None:
        self.server.stop.wait(seconds)

    def route_story_html(self) -> None:
        self.send(_head("200 OK", "Content-Type: text/html; charset=utf-8", f"Content-Length: {len(PAGE)}") + PAGE)

    def route_story_txt(self) -> None:
        self.send(_head("200 OK", "Content-Type: text/html", f"Content-Length: {len(PLAIN)}") + PLAIN)

    def route_plain(self) -> None:
        self.send(_head("200 OK", "Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(PLAIN)}") + PLAIN)

    def route_drip(self) -> None:
        self.send(_head("200 OK", "Content-Type: text/html", f"Content-Length: {len(PAGE)}"))
        for b in PAGE:
            if self.server.stop.wait(0.4):
                return
            self.send(bytes([b]))

    def route_drip_headers(self) -> None:
        for b in _head("200 OK", "Content-Type: text/html"):
            if self.server.stop.wait(0.4):
                return
            self.send(bytes([b]))

    def route_silent(self) -> None:
        self.idle()

    def route_busy(self) -> None:
        self.send(_head("503 Service Unavailable", "Retry-After: 30", "Content-Length: 0"))

    def route_busy_once(self) -> None:
        if self.server.hits["/busy-once"] == 1:
            self.send(_head("503 Service Unavailable", "Retry-After: 1", "Content-Length: 0"))
        else:
            self.route_story_html()

    def route_endless(self) -> None:
        self.send(_head("200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked"))
        block = b"<p>" + b"more " * 13000 + b"</p>"
        while not self.server.stop.is_set():
            self.send(f"{len(block):x}\r\n".encode() + block + b"\r\n")

    def route_huge_length(self) -> None:
        self.send(_head("200 OK", "Content-Type: text/html", "Content-Length: 1000000000000") + b"<html>")
        self.idle()

    def route_gzip_bomb(self) -> None:
        bomb = self.server.bomb
        self.send(_head("200 OK", "Content-Type: text/html", "Content-Encoding: gzip",
                        f"Content-Length: {len(bomb)}") + bomb)

    def route_to_private(self) -> None:
        self.send(_head("302 Found", "Location: http://10.255.255.1/story.html", "Content-Length: 0"))

    def route_to_loopback_name(self) -> None:
        port = self.server.server_address[1]
        self.send(_head("302 Found", f"Location: http://localhost:{port}/story.html", "Content-Length: 0"))

    def route_loop(self) -> None:
        self.send(_head("301 Moved Permanently", "Location: /loop", "Content-Length: 0"))

    def route_image(self) -> None:
        self.send(_head("200 OK", "Content-Type: image/png", "Content-Length: 8") + b"\x89PNG\r\n\x1a\n")

    def route_empty_page(self) -> None:
        body = b"<html><body></body></html>"
        self.send(_head("200 OK", "Content-Type: text/html", f"Content-Length: {len(body)}") + body)

    def route_missing(self) -> None:
        self.send(_head("404 Not Found", "Content-Length: 0"))


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


def _only_loopback_allowed(ip: IPAddress) -> bool:
    """The real rule, except for the test server's own address."""
    return ip != LOOPBACK and is_refused(ip)


def _fetch(**kw: object) -> Callable[[str], object]:
    options: dict[str, object] = {"deadline": DEADLINE, "refused": _only_loopback_allowed, "max_bytes": parse_size("1MB")}
    options.update(kw)
    return make_fetcher(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/drip", f"timed out reading the body (the deadline is {DEADLINE:g} s)"),
        ("/drip-headers", f"timed out waiting for an answer (the deadline is {DEADLINE:g} s)"),
        ("/silent", f"timed out waiting for an answer (the deadline is {DEADLINE:g} s)"),
        ("/busy", f"HTTP 503 (Service Unavailable); the server asks to retry in 30 s, past the {DEADLINE:g} s deadline"),
        ("/endless", "too large: the body passed the 1MB limit"),
        ("/huge-length", "too large: the server announces 1,000,000MB, over the 1MB limit"),
        ("/gzip-bomb", "too large: the gzip body unpacks past the 1MB limit"),
        ("/to-private", "refused: a redirect to http://10.255.255.1/story.html: 10.255.255.1 is a private or local "
                        "address (10.255.255.1); --allow-private-urls allows it"),
        ("/loop", "more than 5 redirects"),
        ("/missing", "HTTP 404 (Not Found)"),
        ("/image", "not an article (Content-Type image/png)"),
        ("/empty-page", "not an article: no article text found in the HTML page"),
    ],
)
def test_fetch_hostile_server_ends_within_deadline(hostile: str, path: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError) as info:
        load_source(hostile + path, fetch=_fetch())
    took = time.monotonic() - started
    assert info.value.reason == reason
    assert info.value.source == hostile + path
    assert took < DEADLINE + SLACK, took


def test_fetch_drip_is_cut_at_the_deadline_not_before(hostile: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError):
        load_source(hostile + "/drip", fetch=_fetch())
    assert time.monotonic() - started >= DEADLINE - 0.05


def test_fetch_retry_after_within_deadline_is_honoured(hostile: str) -> None:
    loaded = load_source(hostile + "/busy-once", fetch=_fetch(deadline=5.0))
    assert [d.meta.title for d in loaded.documents] == ["Ferry delayed by storm"]
    assert "“We will not sail until the wind drops,” the harbour master said." in loaded.documents[0].text


@pytest.mark.parametrize("path", ["/story.txt", "/plain"])
def test_fetch_text_url_is_read_as_text_not_html(hostile: str, path: str) -> None:
    loaded = load_source(hostile + path, fetch=_fetch())
    assert [d.text for d in loaded.documents] == [PLAIN.decode()]


def test_fetch_loopback_needs_allow_private_at_every_hop(hostile: str) -> None:
    """By default the server itself is refused; allowed, its redirect to a loopback name is followed."""
    with pytest.raises(IngestError) as info:
        load_source(hostile + "/to-loopback-name", fetch=make_fetcher(deadline=DEADLINE))
    assert info.value.reason == ("refused: 127.0.0.1 is a private or local address (127.0.0.1); "
                                 "--allow-private-urls allows it")
    page = make_fetcher(allow_private=True, deadline=DEADLINE)(hostile + "/to-loopback-name")
    assert page.body == PAGE and page.url.startswith("http://localhost:")


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://2130706433/", "127.0.0.1"),  # decimal
        ("http://0177.0.0.1/", "127.0.0.1"),  # octal
        ("http://0x7f.0.0.1/", "127.0.0.1"),  # hex
        ("http://127.1/", "127.0.0.1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),  # IPv4-mapped IPv6
        ("http://[::1]/", "::1"),
        ("http://reporter:secret@127.0.0.1/", "127.0.0.1"),  # userinfo
        ("http://news.example@10.0.0.7/", "10.0.0.7"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://100.64.0.1/", "100.64.0.1"),
        ("http://[fd00::1]/", "fd00::1"),
        ("http://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1"),  # NAT64 of 127.0.0.1
        ("http://[2002:a00:1::]/", "2002:a00:1::"),  # 6to4 of 10.0.0.1
        ("http://224.0.0.1/", "224.0.0.1"),
    ],
)
def test_fetch_private_address_forms_refused_before_any_request(url: str, address: str) -> None:
    connected: list[object] = []

    def no_connect(*_a: object, **_k: object) -> socket.socket:
        connected.append(_a)
        raise AssertionError("a refused address was contacted")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket, "create_connection", no_connect)
        with pytest.raises(IngestError) as info:
            make_fetcher(deadline=DEADLINE)(url)
    assert address in info.value.reason and info.value.reason.startswith("refused: ")
    assert info.value.reason.endswith("--allow-private-urls allows it")
    assert not connected


def test_fetch_loopback_name_from_hosts_file_refused() -> None:
    with pytest.raises(IngestError) as info:
        make_fetcher(deadline=DEADLINE)("http://localhost:9/")
    assert info.value.reason.startswith("refused: localhost is a private or local address (")


def test_analyze_prints_one_line_per_url(hostile: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Through the command line: the refused address names the option; the size cap speaks in the unit given."""
    from newsledger.cli import main

    status = main(["analyze", "-q", "--no-store", "--url-timeout", "1.5", "--max-bytes", "200k",
                   hostile + "/story.html", hostile + "/missing"])
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error {hostile}/story.html: refused: 127.0.0.1 is a private or local address (127.0.0.1); "
        "--allow-private-urls allows it",
        f"error {hostile}/missing: refused: 127.0.0.1 is a private or local address (127.0.0.1); "
        "--allow-private-urls allows it",
        "2 input(s) failed; the rest were analysed",
    ]
    status = main(["analyze", "-q", "--no-store", "--allow-private-urls", "--url-timeout", "1.5", "--max-bytes",
                   "200k", hostile + "/story.html", hostile + "/endless", hostile + "/silent"])
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [
        f"analysed {hostile}/story.html",
        f"error {hostile}/endless: too large: the body passed the 200k limit",
        f"error {hostile}/silent: timed out waiting for an answer (the deadline is 1.5 s)",
        "2 input(s) failed; the rest were analysed",
    ]
