"""Clean: mark structure and page junk on a Document without touching its text."""

from __future__ import annotations

import dataclasses

from ..model import Document
from .boilerplate import find_boilerplate
from .sentences import find_paragraphs

__all__ = ["clean_document", "find_boilerplate", "find_paragraphs"]


def clean_document(doc: Document) -> Document:
    """Return ``doc`` with its paragraphs (non-empty lines) and boilerplate spans filled in.

    Sentences come with the parse (``clean.parse``), which runs after this, in batches.
    """
    paragraphs = find_paragraphs(doc.text)
    boilerplate = find_boilerplate(dataclasses.replace(doc, paragraphs=tuple(paragraphs)))
    return dataclasses.replace(doc, paragraphs=tuple(paragraphs), boilerplate=tuple(boilerplate))
