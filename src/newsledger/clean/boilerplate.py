"""Boilerplate: whole lines of page furniture, flagged as spans (the text is never altered).

The roles come from the one pass of :func:`.lines.classify_lines`: a line is boilerplate when
every part of it has a role of :data:`.lines.BOILERPLATE_ROLES` (byline, date line, credit,
junk). A line that also holds story text (a dateline, or a date run into the first
paragraph) stays, whole: a boilerplate span never covers the story's words.
"""

from __future__ import annotations

from ..model import Boilerplate, Document
from .lines import BOILERPLATE_ROLES, classify_lines
from .sentences import find_paragraphs


def find_boilerplate(doc: Document) -> list[Boilerplate]:
    """Flag the furniture lines of a document.

    Args:
        doc (Document): a document; only its text is read.
    Returns:
        list[Boilerplate]: whole-line spans with the reason of the line's first part, sorted by start.

    Example: a page whose second line is "Share on Facebook | Share on X" gets that line
    flagged with reason "share".
    """
    text = doc.text
    lines = list(doc.paragraphs) or find_paragraphs(text)
    parts = classify_lines(text)
    out: list[Boilerplate] = []
    k = 0
    for s, e in lines:
        mine = []
        while k < len(parts) and parts[k].start < e:
            if parts[k].end > s:
                mine.append(parts[k])
            k += 1
        if mine and all(p.role in BOILERPLATE_ROLES for p in mine):
            out.append(Boilerplate(s, e, mine[0].reason))
    return out
