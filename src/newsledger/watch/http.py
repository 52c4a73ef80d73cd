"""HTTP for the watcher: feeds fetched with conditional requests, events posted to a webhook.

Every exchange goes through URL ingest's client (:func:`newsledger.ingest.url.request`), so a
feed is held to the rules a page is: one deadline for the whole exchange (a server that trickles
a byte at a time is cut off), the size cap while the body streams in, and the private-address
rule checked on every hop of a redirect, the connection going to the address that was checked.
Feeds are fetched here, not by feedparser (which would fetch a URL itself, with none of these);
feedparser only ever gets the bytes.

A feed on a loopback, private or link-local address is refused unless ``allow_private`` is set
(``--allow-private-urls``). The webhook is the operator's own address, given on the command line
and never taken from a feed, so it may be private; its redirects are not followed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from .. import __version__
from ..errors import FetchError, IngestError
from ..ingest.address import IPAddress, Resolver, is_refused, resolve
from ..ingest.files import DEFAULT_MAX_BYTES
from ..ingest.url import Policy, Response, make_policy, request

__all__ = ["DEFAULT_TIMEOUT_S", "MAX_REDIRECTS", "HttpClient", "Response"]

USER_AGENT = f"newsledger/{__version__} (feed watcher)"
DEFAULT_TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


class HttpClient:
    """GET feeds and POST JSON under one deadline per exchange, a size limit and the private-address rule.

    Args:
        allow_private (bool): also fetch feeds from loopback and private addresses (``--allow-private-urls``).
        timeout (float): seconds for a whole exchange: connecting, redirects, the answer and its body.
        max_bytes (int): a larger body is refused.
        refused, resolver: the private-address rule and the name lookup (tests swap them).
    """

    def __init__(self, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT_S,
                 max_bytes: int = DEFAULT_MAX_BYTES, refused: Callable[[IPAddress], bool] = is_refused,
                 resolver: Resolver = resolve) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._feeds = make_policy(allow_private=allow_private, max_bytes=max_bytes, deadline=timeout,
                                  refused=refused, resolver=resolver)
        self._hooks = make_policy(allow_private=True, max_bytes=max_bytes, deadline=timeout, resolver=resolver)

    def close(self) -> None:
        """Nothing is kept open between exchanges; kept for callers that close what they open."""

    def get_feed(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET a feed, conditionally when ``etag`` or ``last_modified`` is known from the last read.

        Returns:
            Response: status 2xx (a body) or 304 (not modified since the last read, no body).
        Raises:
            FetchError: refused address, timeout, connection error, too many redirects, a body too
                large, or any other status ("HTTP 503 (Service Unavailable)").
        """
        headers = {"Accept": _FEED_ACCEPT, "User-Agent": USER_AGENT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._exchange(url, self._feeds, "GET", headers, None, MAX_REDIRECTS)
        if response.status == 304 or 200 <= response.status < 300:
            return response
        raise FetchError(url, f"HTTP {response.status} ({response.reason})")

    def post_json(self, url: str, payload: Mapping[str, Any]) -> Response:
        """POST ``payload`` as JSON; any 2xx answer is success.

        Raises:
            FetchError: the receiver could not be reached in time, or answered another status.
        """
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
        response = self._exchange(url, self._hooks, "POST", headers, body, 0)
        if not 200 <= response.status < 300:
            raise FetchError(url, f"HTTP {response.status} ({response.reason})")
        return response

    @staticmethod
    def _exchange(url: str, policy: Policy, method: str, headers: Mapping[str, str], body: bytes | None,
                  redirects: int) -> Response:
        try:
            return request(url, policy, method=method, headers=headers, body=body, max_redirects=redirects)
        except IngestError as exc:
            raise FetchError(url, exc.reason) from exc

