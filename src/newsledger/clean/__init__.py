"""Clean: mark structure and page junk on a Document without touching its text."""

from __future__ import annotations

import dataclasses

from ..model import Document
from .boilerplate import find_boilerplate
from .sentences import find_paragraphs, find_sentences

__all__ = ["clean_document", "find_boilerplate", "find_paragraphs", "find_sentences"]


def clean_document(doc: Document) -> Document:
    """Return ``doc`` with paragraphs, sentences and boilerplate spans filled in."""
    paragraphs = find_paragraphs(doc.text)
    sentences = find_sentences(doc.text, paragraphs)
    boilerplate = find_boilerplate(doc)
    return dataclasses.replace(
        doc, paragraphs=tuple(paragraphs), sentences=tuple(sentences), boilerplate=tuple(boilerplate)
    )
