"""The article's date line: a publication date written near the top of the text.

Metadata (``ingest/metadata.py``) reads date lines that stand alone; scraped pages also
run the date into the next words ("date 2024-10-02 What happened", a label and an ISO
date fused onto a heading or the first paragraph). This module finds both, from the text
alone (it runs before the parse, so that the batch's reference date can count every
dated article): a full date that fills one of the first lines apart from a label word
("Published", "Updated", "date": ``dateline_labels.txt``), or a full date right after such
a label at the start of a line, whatever follows it. ``dateparser`` reads the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import ordered_list, table
from ..model import Document
from ..resolve.times import parse_absolute

# only the first lines of an article carry its date line
_MAX_LINE = 8
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"


@dataclass(frozen=True, slots=True)
class DateLine:
    """The date words of a date line: offsets into the text and the calendar day."""

    start: int
    end: int
    day: str  # "YYYY-MM-DD"


@cache
def _date_re() -> re.Pattern[str]:
    months = table("months.tsv")
    names = sorted({r[0] for r in months} | {a.strip() for r in months if len(r) > 2 for a in r[2].split(",") if a},
                   key=len, reverse=True)
    mon = "(?:" + "|".join(re.escape(n) for n in names) + r")\.?"
    weekday = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    zones = "|".join(re.escape(r[0]) for r in table("timezones.tsv") if r[0].isupper())
    clock = rf"\d{{1,2}}[:.]\d{{2}}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:{zones})\b)?"
    # "Mar.4 - 2025 8:30 AM CET", "09:12 BST, 3 June 2023", "Friday, June 6, 2025"
    date = (rf"(?:{_ISO}|(?:{clock},?\s*)?{weekday}(?:{mon}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*[-–,/]?\s*\d{{4}}"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{mon},?\s+\d{{4}})(?:,?\s*(?:at\s+)?{clock})?)")
    labels = "|".join(re.escape(x) for x in sorted(ordered_list("dateline_labels.txt"), key=len, reverse=True))
    return re.compile(rf"(?i:(?P<label>{labels})\s*:?\s*)?(?P<date>{date})(?![\w:])")


def find_date_line(doc: Document) -> DateLine | None:
    """The date line among the first lines of ``doc``, or None.

    Args:
        doc (Document): a document with its lines (``paragraphs``) found by clean.
    Returns:
        DateLine | None: the date words and their day.

    Example: in "date 2024-10-02 What happened\\n…" the date line is "2024-10-02".
    """
    pattern = _date_re()
    for start, end in doc.paragraphs[:_MAX_LINE]:
        m = pattern.match(doc.text, start, end)
        if m is None:
            continue
        rest = doc.text[m.end() : end].strip(" |·•:-–—,")
        if rest and not m.group("label"):
            continue  # a date that opens a sentence of the story is no date line
        words = m.group("date")
        day = parse_absolute(words[:10] if re.match(_ISO, words) else words)
        if day is not None:
            return DateLine(m.start("date"), m.end("date"), day.isoformat())
    return None


def document_date(doc: Document) -> str | None:
    """The article's own date ("YYYY-MM-DD"): its metadata's, else its date line's."""
    if doc.meta.published and len(doc.meta.published) >= 10:
        return doc.meta.published[:10]
    line = find_date_line(doc)
    return line.day if line else None
