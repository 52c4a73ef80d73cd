"""Boilerplate lines (placeholder until the line classifier lands)."""

from __future__ import annotations

from ..model import Boilerplate, Document


def find_boilerplate(doc: Document) -> list[Boilerplate]:
    return []
