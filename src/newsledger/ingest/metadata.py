"""Metadata from the article text itself: title, byline, publication time, dateline, credits.

Scraped articles carry their metadata as loose lines at the top ("Written by Jane Doe",
"Mar.14 - 2025 9:12 AM CET") and credits at the bottom ("Read the original article on
X"). Each finder returns None when the text does not say: a value is never guessed.
Values the source already gave (JSONL fields, HTML metadata) win over the text's.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from functools import cache

import dateparser

from ..clean.boilerplate import is_masthead, junk_line_reason
from ..clean.sentences import find_paragraphs
from ..lexicons import ordered_list
from ..model import Metadata, Span

# A body paragraph: long enough and ends like a sentence. The header zone (title,
# byline, date line, section tag) is everything before the first one.
_BODY_MIN_WORDS = 12
_HEADER_MAX_LINES = 15
_TITLE_MAX_WORDS = 25
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_HAS_DATE = re.compile(
    rf"(?i)\b{_MONTH}\s*\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
)
_HAS_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_HAS_TIME = re.compile(r"(?i)\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3})"
    r"(?:\s*\((?:[A-Z][\w ]{0,20})\))?\s*[–—-]{1,2}\s+(?=[A-Z\"“‘])"
)
_CREDIT = re.compile(
    r"(?i)^(?:read (?:the )?(?:full|original) (?:article|story|report)(?: on| at| in| from)?|"
    r"this (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in)|"
    r"originally published (?:on|in|by))\s+(?P<outlet>.+?)\.?$"
)
_NAME_WORD = r"[A-Z][\w'’.-]*"
_AUTHOR = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|der|al|bin|da|di|la|le)){{0,4}}"
                     rf"(?:\s+(?:and|&)\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?)"
                     r"(?:\s*[,|–—-]\s*.{0,60})?$")


@cache
def _byline_re() -> re.Pattern[str]:
    cues = sorted(ordered_list("byline_cues.txt"), key=len, reverse=True)
    return re.compile(r"(?i)^(?:" + "|".join(re.escape(c) for c in cues) + r")\s*:?\s+(?P<rest>.+)$")


@cache
def _date_label_re() -> re.Pattern[str]:
    labels = sorted(ordered_list("dateline_labels.txt"), key=len, reverse=True)
    return re.compile(r"(?i)^(?:" + "|".join(re.escape(c) for c in labels) + r")\s*:?\s*")


def is_body_line(line: str) -> bool:
    """A line that reads as a paragraph of the story (long, ends like a sentence)."""
    words = line.split()
    return len(words) >= _BODY_MIN_WORDS and line.rstrip()[-1:] in ".!?\"”’:)"


def header_lines(text: str) -> list[tuple[int, int]]:
    """The lines before the first body paragraph (at most a few)."""
    out = []
    for s, e in find_paragraphs(text)[:_HEADER_MAX_LINES]:
        if is_body_line(text[s:e]):
            break
        out.append((s, e))
    return out


def find_author(line: str) -> str | None:
    """The name in a byline line, or None.

    Example: ``find_author("Written by Jane Roe")`` → ``"Jane Roe"``.
    """
    m = _byline_re().match(line.strip())
    if not m:
        return None
    rest = m.group("rest").strip()
    a = _AUTHOR.match(rest)
    if not a:
        return None
    name = a.group("name").strip()
    if len(name.split()) < 2 and " and " not in name:
        return None
    return name


def parse_published(line: str) -> tuple[str, bool] | None:
    """An ISO-8601 publication time from a date line, and whether it had a time of day.

    Example: ``parse_published("Mar.14 - 2025 9:12 AM CET")`` →
    ``("2025-03-14T09:12:00+01:00", True)``.
    """
    raw = _date_label_re().sub("", line.strip()).strip(" |·•")
    if len(raw.split()) > 12 or not _HAS_YEAR.search(raw):
        return None
    if not (_HAS_DATE.search(raw) or re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", raw)):
        return None
    when = _parse_date(raw)
    if when is None:
        return None
    if _HAS_TIME.search(raw) or "T" in raw[10:11]:
        return when.isoformat(timespec="seconds"), True
    return when.date().isoformat(), False


@cache
def _parse_date(raw: str) -> datetime | None:
    try:
        when = dateparser.parse(raw, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    except (ValueError, OverflowError, TypeError):
        return None
    return when if isinstance(when, datetime) else None


def _looks_like_title(line: str, first: bool) -> bool:
    """A headline: short, no sentence-final period; Title Case unless it opens the text."""
    words = line.split()
    if len(words) < 3 or len(words) > _TITLE_MAX_WORDS or line.endswith((".", ",", ";", ":")):
        return False
    if junk_line_reason(line) is not None:
        return False
    if first:  # sentence-case headlines ("Fire guts warehouse as smoke forces evacuations")
        return True
    long_words = [w for w in words if len(w.strip("\"“”‘’'()[]:")) > 3]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w.strip("\"“”‘’'()[]:")[:1].isupper())
    return capitalised / len(long_words) >= 0.6


def extract_metadata(text: str, *, base: Metadata | None = None) -> Metadata:
    """Metadata the text states about itself, laid under what the source already gave.

    Args:
        text (str): the article text as read.
        base (Metadata | None): values from the source (JSONL fields, HTML meta); these win.
    Returns:
        Metadata: title, author, published, dateline and credits, each None when unsaid.
    """
    base = base or Metadata()
    found: dict[str, object] = {}
    header = header_lines(text)
    if header and is_masthead(text[header[0][0]:header[0][1]]):
        found["outlet"] = text[header[0][0]:header[0][1]]  # the page opens with the outlet's name
        header = header[1:]
    first_content = next((s for s, e in header if junk_line_reason(text[s:e]) is None), None)
    for s, e in header:
        line = text[s:e]
        if "author" not in found and (name := find_author(line)):
            found["author"], found["author_span"] = name, Span(s, e)
            continue
        if "published" not in found and (pub := parse_published(line)):
            found["published"], found["published_span"] = pub[0], Span(s, e)
            found["published_text"] = line
            continue
        if "title" not in found and "author" not in found and _looks_like_title(line, s == first_content):
            found["title"], found["title_span"] = line, Span(s, e)
    body = find_paragraphs(text)
    first_body = next(((s, e) for s, e in body if is_body_line(text[s:e])), None)
    if first_body is not None:
        m = _DATELINE.match(text[first_body[0]:first_body[1]])
        if m and len(m.group("place")) <= 40:
            found["dateline"] = m.group("place").rstrip(" ,")
    credits = []
    for s, e in body[-8:]:
        c = _CREDIT.match(text[s:e])
        if c:
            credits.append(c.group("outlet").strip())
    if credits:
        found["credits"] = tuple(credits)
        found.setdefault("outlet", credits[0])
    merged = {}
    for f in dataclasses.fields(Metadata):
        given = getattr(base, f.name)
        merged[f.name] = given if given not in (None, ()) else found.get(f.name, given)
    return Metadata(**merged)  # type: ignore[arg-type]
