"""Paragraphs: the non-empty lines of a text, computed once per document.

News text puts headlines, bylines and paragraphs on lines of their own, so a line is the
unit every later stage reads; sentences come from the parse (``clean/parse.py``), which never
lets one run across a line break.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n\r]+")


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its surrounding spaces.

    Example: ``find_paragraphs("  One. \\n\\nTwo")`` → ``[(2, 6), (9, 12)]``.
    """
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
