"""Runs the stages in order: ingest → clean → extract → resolve → compare."""

from __future__ import annotations

from .clean import clean_document
from .ingest.metadata import extract_metadata
from .ingest.read import document_from_text
from .model import Document, Metadata


def prepare(doc: Document) -> Document:
    """Metadata from the text (where the source gave none) and the clean stage."""
    import dataclasses

    meta = extract_metadata(doc.text, base=doc.meta)
    return clean_document(dataclasses.replace(doc, meta=meta))


def prepare_text(text: str, *, source: str = "<string>", published: str | None = None) -> Document:
    """A ready-to-extract Document from a string (tests and the Python API use this).

    Example: ``prepare_text("Kyiv – Troops moved.", published="2025-01-11").sentences``.
    """
    return prepare(document_from_text(text, source, Metadata(published=published)))
