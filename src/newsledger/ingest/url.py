"""Fetching pages over HTTP(S) with trafilatura's downloader.

The fetch function is passed into ingest (``fetch=``), so tests and callers can swap it.
trafilatura refuses loopback and private addresses by default (SSRF protection); a
newsroom's intranet mirror or a local test server needs ``allow_private=True``.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG


def make_fetcher(*, allow_private: bool = False) -> Callable[[str], str | None]:
    """A fetch function: URL → HTML text, or None when nothing usable came back."""
    config = deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")

    def fetch(url: str) -> str | None:
        try:
            return trafilatura.fetch_url(url, config=config)
        except (ValueError, OSError):
            return None

    return fetch


fetch_url = make_fetcher()
