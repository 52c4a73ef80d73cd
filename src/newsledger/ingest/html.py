"""HTML pages → Documents, through trafilatura (main text and its metadata).

The Document's text is the extracted main text (offsets point into it); the page's own
metadata (title, author, date, site name, URL) is kept as the source-given metadata,
which the text's own lines may complete but never override.
"""

from __future__ import annotations

import re

import trafilatura

from ..errors import IngestError
from ..model import Document, Metadata
from .read import document_from_text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def document_from_html(html: str, source: str) -> Document:
    """The main text of an HTML page and its metadata.

    Raises:
        IngestError: trafilatura finds no main text.
    """
    url = source if source.startswith(("http://", "https://")) else None
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError) as exc:
        raise IngestError(source, f"HTML could not be parsed ({exc})") from exc
    if result is None:
        raise IngestError(source, "no article text found in the HTML page")
    data = result if isinstance(result, dict) else result.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise IngestError(source, "no article text found in the HTML page")
    date = data.get("date")
    meta = Metadata(
        title=_clean(data.get("title")),
        author=_clean(data.get("author")),
        published=date if isinstance(date, str) and _ISO_DATE.match(date) else None,
        outlet=_clean(data.get("sitename")),
        url=_clean(data.get("url")) or url,
    )
    return document_from_text(text, source, meta)


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
