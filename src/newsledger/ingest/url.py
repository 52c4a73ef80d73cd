"""Fetching pages over HTTP(S) with trafilatura's downloader.

The fetch function is passed into ingest (``fetch=``), so tests and callers can swap it;
the default one goes through :func:`trafilatura.fetch_url`.
"""

from __future__ import annotations

import trafilatura


def fetch_url(url: str) -> str | None:
    """The page's HTML as text, or None when nothing usable came back."""
    try:
        return trafilatura.fetch_url(url)
    except (ValueError, OSError):
        return None
