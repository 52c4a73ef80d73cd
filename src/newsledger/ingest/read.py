"""Turn raw text into a :class:`Document` (the one place document ids are made).

It is also the one place where strings from outside are made storable (see
:mod:`.strings`): the text, the source name and every metadata string get U+FFFD for a
lone surrogate (same length, so offsets hold).
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from ..model import Document, Metadata
from .strings import storable


def content_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _storable_meta(meta: Metadata) -> Metadata:
    changed: dict[str, Any] = {
        f.name: storable(v)
        for f in dataclasses.fields(meta)
        if isinstance(v := getattr(meta, f.name), str) and storable(v) != v
    }
    if any(storable(c) != c for c in meta.credits):
        changed["credits"] = tuple(storable(c) for c in meta.credits)
    return dataclasses.replace(meta, **changed) if changed else meta


def document_from_text(text: str, source: str = "<string>", meta: Metadata | None = None) -> Document:
    """A Document for ``text`` as given (nothing is normalised: offsets stay valid).

    Example: ``document_from_text("Lorn – Ferries sailed.", "a.txt").file`` → ``"a.txt"``.
    """
    text = storable(text)
    return Document(id=content_id(text), source=storable(source), text=text,
                    meta=_storable_meta(meta or Metadata()))
