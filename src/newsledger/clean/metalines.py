"""Byline and date lines: the parts of a line that say who wrote a page and when.

"By Jane Doe | Published: 09:12 BST, 3 June 2023 | 4 min read" is a byline, a date line and
furniture; "Posted on June 3, 2023 by Jane Doe" a date line and a byline; "February 3,
2011 in World" a date line. Every part between separators must be one of these (or a short
tag), else the line is not a byline or date line at all.
"""

from __future__ import annotations

import re

from .bylines import byline_cues, find_author
from .dates import find_date, find_yearless_date, starts_with_date_label
from .junk import is_tag, match_junk
from .roles import Line

_META_MAX_CHARS = 240  # a byline or date line, with all its parts, is no longer than this
_META_MAX_WORDS = 30
_PART = re.compile(r"[^|·•]+")


def meta_parts(line: str, offset: int, *, unlabelled_dates: bool) -> list[Line] | None:
    """The parts of a byline or date line ("By Jane Doe | Published: 3 June 2023"), or None.

    Every part between separators must be a date, a byline, or furniture ("4 min read"); a
    date without a label ("3 June 2023") only counts where ``unlabelled_dates`` allows it
    (near the top or outside the story), so a live report's "3 June 2023" heading stays.

    Args:
        line (str): one line of a page.
        offset (int): where the line starts in the page's text.
        unlabelled_dates (bool): whether a date without a label may make a date line here.
    Returns:
        list[Line] | None: the parts, with spans in the page's text.

    Example: ``meta_parts("By Jane Doe | 3 June 2023", 0, unlabelled_dates=True)[1].value`` → ``"2023-06-03"``.
    """
    if len(line) > _META_MAX_CHARS or len(line.split()) > _META_MAX_WORDS:
        return None
    whole = find_date(line.strip(), whole=True) if _PART.fullmatch(line) is None else None
    if whole is not None and (whole.labelled or unlabelled_dates):
        # a date and its time on either side of a separator ("03.06.2023 | 09:12 CEST"): one date line
        start = offset + len(line) - len(line.lstrip())
        return [Line(start, start + len(line.strip()), "date line", date_reason(whole.kind), whole.value)]
    out: list[Line] = []
    for m in _PART.finditer(line):
        raw = m.group()
        part = raw.strip()
        if not part:
            continue
        ps = offset + m.start() + (len(raw) - len(raw.lstrip()))
        found = _meta_part(part, ps, unlabelled_dates=unlabelled_dates)
        if found is None:
            return None
        out.extend(found)
    return out if any(p.role in ("date line", "byline") for p in out) else None


_PLACE_AND_DAY = re.compile(r"(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}),\s(?P<day>.+)$")
_AFTER_DATE = re.compile(r"\s*,?\s*(?:(?P<by>by\s.+)|(?:in|under)\s+[A-Z][\w/&'’ -]{0,40})$", re.IGNORECASE)


def _meta_part(part: str, ps: int, *, unlabelled_dates: bool) -> list[Line] | None:
    """One part of a byline or date line as Lines, or None when it is something else."""
    pe = ps + len(part)
    d = find_date(part, whole=True)
    if d is not None and (d.labelled or unlabelled_dates):
        return [Line(ps, pe, "date line", date_reason(d.kind), d.value)]
    d = find_date(part)
    if d is not None and d.labelled and d.end == len(part) and is_tag(part[: d.start].strip()):
        return [Line(ps, pe, "date line", date_reason(d.kind), d.value)]  # "world Updated: Oct 12, 2008"
    if d is not None and d.start > 0 and d.end == len(part) and (unlabelled_dates or d.labelled):
        lead = match_junk(part[: d.start])
        if lead is not None and not lead.margin:  # "4 min readJun 7, 2024"
            return [Line(ps, ps + len(part[: d.start].rstrip()), lead.role, lead.reason),
                    Line(ps + d.start, pe, "date line", date_reason(d.kind), d.value)]
    if d is not None and d.start == 0 and (d.labelled or unlabelled_dates):
        # "Posted on June 3, 2023 by Jane Doe", "February 3, 2011 in World"
        after = _AFTER_DATE.match(part, d.end)
        if after is not None and not after.group("by"):
            return [Line(ps, pe, "date line", date_reason(d.kind), d.value)]
        if after is not None and (name := find_author(after.group("by"))):
            return [Line(ps, ps + d.end, "date line", date_reason(d.kind), d.value),
                    Line(ps + after.start("by"), pe, "byline", "byline", name)]
    if find_yearless_date(part) is not None and (unlabelled_dates or starts_with_date_label(part)):
        return [Line(ps, pe, "date line", "yearless date")]  # "Tuesday, May 15": the year is elsewhere
    placed = _PLACE_AND_DAY.match(part)
    if placed and unlabelled_dates and (day := find_yearless_date(placed.group("day"))) is not None:
        # "Eastvale, October 9" on its own line, above the story
        at = ps + placed.start("day")
        return [Line(ps, ps + placed.end("place"), "dateline", "dateline", placed.group("place")),
                Line(at + day[0], at + day[1], "date line", "yearless date")]
    if (name := find_author(part)) is not None:
        return [Line(ps, pe, "byline", "byline", name)]
    if part.lower().rstrip(":") in byline_cues():  # "by | Nov 26, 2014 | Updates": a byline left empty
        return [Line(ps, pe, "junk", "byline")]
    junk = match_junk(part)
    if junk is not None and not junk.margin:
        return [Line(ps, pe, junk.role, junk.reason, junk.outlet)]
    if is_tag(part):
        return [Line(ps, pe, "junk", "section tag")]
    return None


def date_reason(kind: str) -> str:
    """The reason of a date line by the kind of its label: "date line" or "update line"."""
    return "date line" if kind == "published" else "update line"
