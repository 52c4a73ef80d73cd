"""Metadata from the article text (placeholder until the metadata extractor lands)."""

from __future__ import annotations

from ..model import Metadata


def extract_metadata(text: str, *, base: Metadata | None = None) -> Metadata:
    return base or Metadata()
