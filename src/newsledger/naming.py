"""How articles are named to a reader: by their outlet, never by a file name alone.

An article names its outlet in its metadata (a credit line, a JSONL field, the page's own
metadata); failing that, the address it was fetched from names the site; failing both, the
reader is told that the outlet is not named, and the file tells which article it is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .model import Document

UNNAMED_OUTLET = "outlet not named"


def url_of(doc: Document) -> str | None:
    """The article's address: the one its metadata gives, else the URL it was fetched from."""
    if doc.meta.url:
        return doc.meta.url
    return doc.source if doc.source.startswith(("http://", "https://")) else None


def outlet_name(doc: Document) -> str:
    """The outlet's name: ``"Coastline Courier"``, ``"kuow.org"`` (from the URL), or "outlet not named"."""
    if doc.meta.outlet:
        return doc.meta.outlet
    url = url_of(doc)
    if url:
        host = urlsplit(url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return UNNAMED_OUTLET


def article_name(doc: Document) -> str:
    """Outlet and file together: ``"Coastline Courier (000_courier.txt)"``."""
    outlet = outlet_name(doc)
    return outlet if outlet == doc.file else f"{outlet} ({doc.file})"


def paragraph_number(doc: Document, offset: int) -> int | None:
    """1-based number of the paragraph (non-empty line) where ``offset`` falls, None outside any.

    Example: in ``"Title\\n\\nFirst line.\\nSecond."`` offset 8 is in paragraph 2.
    """
    import bisect

    starts = [s for s, _ in doc.paragraphs]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < doc.paragraphs[i][1]:
        return i + 1
    return None
