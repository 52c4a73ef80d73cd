"""Turn raw text into a :class:`Document` (the one place document ids are made)."""

from __future__ import annotations

import hashlib

from ..model import Document, Metadata


def content_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_from_text(text: str, source: str = "<string>", meta: Metadata | None = None) -> Document:
    """A Document for ``text`` as given (nothing is normalised: offsets stay valid).

    Example: ``document_from_text("Kyiv – Troops moved.", "a.txt").file`` → ``"a.txt"``.
    """
    return Document(id=content_id(text), source=source, text=text, meta=meta or Metadata())
