"""Boilerplate: whole lines of page furniture, flagged as spans (the text is never altered).

The roles come from the one pass of :func:`.lines.classify_lines`: a line is boilerplate when
no part of it is the story's text (:data:`.lines.STORY_ROLES`: body, headline), so a byline,
a date line, a credit, furniture, or a lone "Eastvale, October 9" above the story. A line that
also holds story text (a dateline before the first paragraph, a date run into it) stays,
whole: a boilerplate span never covers the story's words.
"""

from __future__ import annotations

from ..model import Boilerplate, Document
from .lines import STORY_ROLES, classify_lines
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
        if mine and not any(p.role in STORY_ROLES for p in mine):
            out.append(Boilerplate(s, e, mine[0].reason))
    return out
