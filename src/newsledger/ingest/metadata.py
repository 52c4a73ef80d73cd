"""Metadata from the article text itself: title, byline, publication time, dateline, credits.

Scraped articles carry their metadata as loose lines at the top ("Written by Jane Doe",
"Mar.14 - 2025 9:12 AM CET") and credits at the bottom ("Read the original article on
X"). The clean stage's one pass over the lines (:func:`newsledger.clean.lines.classify_lines`)
decides which line is which; this module only reads its result, and adds the date in the
page's address when the text states none. Each value is None when the text does not say:
a value is never guessed. Values the source already gave (JSONL fields, HTML metadata) win
over the text's.
"""

from __future__ import annotations

import dataclasses
import re

from ..clean.dates import complete_year, date_from_url, strip_date_label, year_from_url
from ..clean.lines import Line, classify_lines
from ..model import Metadata, Span


def extract_metadata(text: str, *, base: Metadata | None = None) -> Metadata:
    """Metadata the text states about itself, laid under what the source already gave.

    Args:
        text (str): the article text as read.
        base (Metadata | None): values from the source (JSONL fields, HTML meta, the page
            address); these win.
    Returns:
        Metadata: title, author, published, dateline and credits, each None when unsaid.

    Example: a page opening "Fire guts warehouse\\nBy Jane Doe\\nMarch 12, 2025\\n…" gives
    title "Fire guts warehouse", author "Jane Doe", published "2025-03-12".
    """
    base = base or Metadata()
    lines = classify_lines(text)
    found: dict[str, object] = {}
    for ln in lines:
        if ln.role == "headline" and "title" not in found:
            found["title"], found["title_span"] = text[ln.start : ln.end], Span(ln.start, ln.end)
        elif ln.role == "byline" and ln.value and "author" not in found:
            found["author"], found["author_span"] = ln.value, Span(ln.start, ln.end)
        elif ln.role == "dateline" and ln.value and "dateline" not in found:
            found["dateline"] = ln.value
        elif ln.reason == "masthead" and ln.start == lines[0].start and ln.value:
            found["outlet"] = ln.value  # the page opens with the outlet's name
    date = _publication_line(text, lines, base.url)
    if date is not None:
        line, value = date
        if value is not None:
            found["published"] = value
        found["published_span"] = Span(line.start, line.end)
        found["published_text"] = text[line.start : line.end]
    elif (from_url := date_from_url(base.url)) is not None:
        found["published"] = from_url
    credits = tuple(ln.value for ln in lines if ln.role == "credit" and ln.value)
    if credits:
        found["credits"] = credits
        found.setdefault("outlet", credits[0])
    merged = {}
    for f in dataclasses.fields(Metadata):
        given = getattr(base, f.name)
        merged[f.name] = given if given not in (None, ()) else found.get(f.name, given)
    return Metadata(**merged)  # type: ignore[arg-type]


def _publication_line(text: str, lines: tuple[Line, ...], url: str | None) -> tuple[Line, str | None] | None:
    """The line that dates the article, and its ISO value (None for a wire "June 3" with no year anywhere).

    A "Published" date wins over an "Updated" one; a full date over a day without a year (a
    wire dateline's "June 3", a blog's "Tuesday, May 15"), which takes its year from another
    date of the page or from its address.
    """
    dated = [ln for ln in lines if ln.role == "date line"]
    for reason in ("date line", "update line", "wire date"):
        for ln in dated:
            if ln.reason == reason and ln.value:
                return ln, ln.value
    day = next((ln for ln in dated if ln.reason in ("wire date", "yearless date")), None)
    if day is None:
        return None
    years = [int(v[:4]) for v in (ln.value for ln in dated) if v and re.match(r"\d{4}", v)]
    year = years[0] if years else year_from_url(url)
    words = strip_date_label(text[day.start : day.end])
    return day, complete_year(words, year) if year is not None else None
