"""Boilerplate: whole lines of page junk, flagged as spans (the text is never altered).

Three kinds of evidence, cheapest first:

1. the line itself matches a junk pattern (``data/en/boilerplate_lines.tsv``: "Trending
   Now", "Photo: …", "Read the original article on …", share and follow lines);
2. the line is a metadata line the ingest stage found (byline, date line);
3. its place: a short tag line ("War", "Source") above the first or below the last
   paragraph of the story, and the text of an embedded social post, i.e. the line right
   above a post's signature line ("— Name (@handle) January 10, 2024").

A line that reads as a sentence of the story (long, sentence-final punctuation) is never
flagged by place, so a story sentence cannot be lost to a rule of kind 3.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import table, word_list
from ..model import Boilerplate, Document
from .sentences import find_paragraphs

_TAG_MAX_WORDS = 3
_MASTHEAD_MAX_WORDS = 5
_SEPARATORS = re.compile(r"\s[|·•]\s")
_EMBED_MAX_CHARS = 320
_BODY_MIN_WORDS = 12
_HEADLINE_MAX_WORDS = 15
# lines that open a list of links to other stories: the headlines below them are junk too
_LIST_HEADERS = {"trending", "related"}


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((reason, re.compile(rx, re.IGNORECASE)) for reason, rx in table("boilerplate_lines.tsv"))


def junk_line_reason(line: str) -> str | None:
    """The reason a line is page junk by its own words, or None.

    Example: ``junk_line_reason("Trending Now")`` → ``"trending"``.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 400:
        return None
    for reason, rx in _patterns():
        if rx.fullmatch(stripped):
            return reason
    # "Share on Facebook | Share on X | Email": a bar of links, every one of them junk
    parts = [p.strip() for p in _SEPARATORS.split(stripped) if p.strip()]
    if len(parts) > 1:
        reasons = [junk_line_reason(p) for p in parts]
        if all(reasons):
            return reasons[0]
    return None


def is_masthead(line: str) -> bool:
    """The outlet's name alone on a line ("Eastvale Gazette", "Copper & Tin Review").

    Example: ``is_masthead("Radio Norde News")`` → True; ``is_masthead("Fire in the docks")`` → False.
    """
    words = line.strip().split()
    if not 1 <= len(words) <= _MASTHEAD_MAX_WORDS or line.strip()[-1:] in ".!?:,;\"”’":
        return False
    if any(not (w[:1].isupper() or w in {"&", "and", "of", "the"}) for w in words):
        return False
    return words[-1].lower() in word_list("outlet_words.txt")


def _is_body(line: str) -> bool:
    return len(line.split()) >= _BODY_MIN_WORDS and line.rstrip()[-1:] in ".!?\"”’:)"


def _is_tag(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _TAG_MAX_WORDS and line[-1:] not in ".!?\"”’" and not any(
        c.isdigit() for c in line
    )


def _is_headline(line: str) -> bool:
    return 0 < len(line.split()) <= _HEADLINE_MAX_WORDS and line[-1:] not in ".!?:;,\"”"


def _flag_embed_text(text: str, lines: list[tuple[int, int]], sig: int, flagged: dict[int, Boilerplate]) -> None:
    """Flag the text of an embedded post whose signature line is ``lines[sig]``.

    Embeds render as: the post's text, an optional media link line, then
    "— Name (@handle) Date". The text is the first line above that is not itself junk,
    and no longer than a post can be.
    """
    j = sig - 1
    while j >= 0 and (lines[j][0] in flagged or junk_line_reason(text[lines[j][0]:lines[j][1]]) == "social_embed"):
        j -= 1
    if j >= 0 and lines[j][1] - lines[j][0] <= _EMBED_MAX_CHARS:
        flagged[lines[j][0]] = Boilerplate(lines[j][0], lines[j][1], "social embed")


def find_boilerplate(doc: Document) -> list[Boilerplate]:
    """Flag the junk lines of a document.

    Args:
        doc (Document): a document whose ``meta`` came from ingest.
    Returns:
        list[Boilerplate]: whole-line spans with a reason, sorted by start.
    """
    text = doc.text
    lines = list(doc.paragraphs) or find_paragraphs(text)
    flagged: dict[int, Boilerplate] = {}
    meta_spans = {
        "byline": doc.meta.author_span,
        "date line": doc.meta.published_span,
    }
    for label, span in meta_spans.items():
        if span is not None:
            flagged[span.start] = Boilerplate(span.start, span.end, label)
    body_idx = [i for i, (s, e) in enumerate(lines) if _is_body(text[s:e])]
    first_body = body_idx[0] if body_idx else len(lines)
    last_body = body_idx[-1] if body_idx else -1
    title = doc.meta.title_span
    list_reason: str | None = None  # inside a "Trending Now" / "Related" list of headlines
    for i, (s, e) in enumerate(lines):
        if s in flagged:
            continue
        line = text[s:e]
        reason = junk_line_reason(line)
        if reason == "social_embed" and line[:1] in "—–-":
            _flag_embed_text(text, lines, i, flagged)
        in_margin = i < first_body or i > last_body
        is_title = title is not None and title.start == s
        if reason is None and in_margin and not is_title and _is_tag(line):
            reason = "section tag"
        if reason is None and in_margin and not is_title and (i == 0 or i == len(lines) - 1) and is_masthead(line):
            reason = "masthead"
        if reason is None and list_reason is not None and _is_headline(line):
            reason = list_reason
        list_reason = reason if reason in _LIST_HEADERS else (list_reason if reason == list_reason else None)
        if reason is not None:
            flagged[s] = Boilerplate(s, e, reason)
    return sorted(flagged.values(), key=lambda b: b.start)
