"""Where a text is inside quotation marks: a small helper for extractors that only need to
know whether a word was quoted (not who said it; that is the quote extractor's work).

Pairs are looked for within one line: “…”, «…», "…" and ‘…’. A ’ between letters is an
apostrophe ("don’t"), and a ’ after a letter with no ‘ open is a possessive ("workers’").
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n\r]+")
_OPEN_CLOSE = {"“": "”", "«": "»", "‘": "’", '"': '"'}


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted passage of ``text``, quotation marks excluded, in order.

    Args:
        text (str): any text.
    Returns:
        list[tuple[int, int]]: sorted, non-overlapping ranges; an unclosed mark quotes to
        the end of its line.

    Example: ``quoted_ranges('He said: "We act today."')`` → ``[(10, 23)]``.
    """
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        open_at: int | None = None
        close = ""
        for i in range(line.start(), line.end()):
            ch = text[i]
            if open_at is None:
                if ch in _OPEN_CLOSE and _may_open(text, i, line.start()):
                    open_at, close = i + 1, _OPEN_CLOSE[ch]
            elif ch == close and (ch != "’" or not _inside_word(text, i, line.end())):
                out.append((open_at, i))
                open_at = None
        if open_at is not None and open_at < line.end():
            out.append((open_at, line.end()))
    return out


def _may_open(text: str, i: int, line_start: int) -> bool:
    """A mark that can open a quotation: not inside a word (‘ and " after a letter close or
    are an inch sign, never open)."""
    return i == line_start or not text[i - 1].isalnum()


def _inside_word(text: str, i: int, line_end: int) -> bool:
    return i + 1 < line_end and text[i - 1].isalpha() and text[i + 1].isalpha()
