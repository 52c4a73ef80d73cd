"""One pass over a page's lines decides the role of each; metadata and boilerplate read it.

Roles:

- ``headline``: the article's title (at most one);
- ``byline``: "By Jane Doe", or an author box ("Jane Doe is the energy reporter for …");
- ``date line``: the publication date ("Published: 09:12 BST, 3 June 2023", "date
  2023-05-17" run into a paragraph, the "June 3" of a wire dateline);
- ``dateline``: the place that opens the story ("EASTVALE – …", "EASTVALE, June 3 (Wire) -");
- ``credit``: photo credits and captions, and the outlet a copy credits ("Read the original
  article on X", "Source: X");
- ``junk``: other page furniture (share rows, newsletter prompts, section tags, addresses…);
- ``body``: story text, headings included.

A line can hold several parts: "By Jane Doe | June 3, 2023" is a byline and a date line, and
"EASTVALE – Crews …" a dateline and body text; each part is one :class:`.roles.Line` with its
own span.

The evidence, cheapest first: the line's own words (:mod:`.junk`, :mod:`.metalines`,
:mod:`.bylines`, :mod:`.dates`); then its place on the page. The story's paragraphs are the long lines that
read as prose; "above the first" and "below the last" of them are the page's margins, where
a short tag line ("War", "Markets"), a street address or a masthead is furniture and where
the headline is looked for. A line inside the story is never furniture by place alone.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import table, word_list
from .bylines import find_bare_name, match_author_line
from .dates import find_date, find_date_prefix, month_pattern
from .junk import (
    QUOTE_MARKS,
    JunkMatch,
    has_figure,
    has_quotation,
    is_masthead,
    is_other_script,
    is_tag,
    latin_share,
    match_junk,
)
from .metalines import date_reason, meta_parts
from .roles import BOILERPLATE_ROLES, ROLES, STORY_ROLES, Line
from .sentences import find_paragraphs

__all__ = ["BOILERPLATE_ROLES", "ROLES", "STORY_ROLES", "Line", "classify_lines"]

_BODY_MIN_WORDS = 12  # a paragraph of the story: this long and ending like a sentence,
_BODY_LONG_WORDS = 25  # or this long whatever its end (scraped texts are cut mid-sentence)
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 25
_SITE_NAME_MAX_WORDS = 4  # a capitalised line this short above a longer headline is the site's name
_LIST_HEADER_MAX_WORDS = 4
_ADDRESS_MAX_WORDS = 6  # a line of a postal address ("Eastvale, Nova Scotia B4A 1E2")
_LIST_ITEM_MAX_WORDS = 15
_EMBED_MAX_CHARS = 320
_CAPTION_MIN_CHARS = 20
_LATIN_PAGE = 0.8  # a page whose letters are this Latin: a line in another script is an embed
_LIST_HEADERS = frozenset({"trending", "related"})


@lru_cache(maxsize=16)
def classify_lines(text: str) -> tuple[Line, ...]:
    """The role of every line of a page, in text order.

    The result is cached for the last few texts, so the metadata and the boilerplate of one
    document are read from one pass.

    Args:
        text (str): the article text as read.
    Returns:
        tuple[Line, ...]: at least one part per non-blank line, sorted by start.

    Example: ``classify_lines("Fire at the quay\\nBy Jane Doe\\n…")[1].role`` → ``"byline"``.
    """
    spans = find_paragraphs(text)
    page = _Page(text, spans)
    parts: list[list[Line] | None] = [page.own_role(i) for i in range(len(spans))]
    page.mark_names_by_dates(parts)
    page.mark_embeds(parts)
    page.mark_caption_copies(parts)
    page.mark_address_blocks(parts)
    page.mark_lists(parts)
    page.mark_head(parts)
    page.mark_foot(parts)
    page.mark_dateline(parts)
    out: list[Line] = []
    for i, (s, e) in enumerate(spans):
        out.extend(parts[i] or [Line(s, e, "body", "text")])
    return tuple(out)


def _body_like(line: str) -> bool:
    words = len(line.split())
    return words >= _BODY_LONG_WORDS or (words >= _BODY_MIN_WORDS and line.rstrip()[-1:] in ".!?\"”’:)")


def _not_furniture(junk: JunkMatch | None) -> bool:
    """No pattern takes the line for furniture anywhere on a page (a margin-only one may)."""
    return junk is None or junk.margin


def _is_nav_bar(line: str) -> bool:
    """A row of three or more short links ("Home > World > Asia", "News | Sport | Weather")."""
    parts = [p.strip() for p in re.split(r"\s[|/·•]\s|\s?[>›»❯]\s?", line) if p.strip()]
    return len(parts) >= 3 and all(is_tag(p) for p in parts)


def _title_like(line: str, first: bool) -> bool:
    """A headline: short, no sentence-final period; Title Case unless it is the first content line."""
    words = line.split()
    if not _TITLE_MIN_WORDS <= len(words) <= _TITLE_MAX_WORDS or line.endswith((".", ",", ";", ":")):
        return False
    if first:  # sentence-case headlines ("Fire guts warehouse as smoke forces evacuations")
        return True
    long_words = [w.strip("\"“”‘’'()[]:") for w in words]
    long_words = [w for w in long_words if len(w) > 3]
    if not long_words:
        return False
    return sum(1 for w in long_words if w[:1].isupper()) / len(long_words) >= 0.6


def _site_name_shape(line: str) -> bool:
    """A short name in capitals and no figure ("The Eastvale Star", "Harbour & Tin Review")."""
    words = line.split()
    return (
        len(words) <= _SITE_NAME_MAX_WORDS
        and not any(c.isdigit() or c in QUOTE_MARKS for c in line)
        and all(w[:1].isupper() or w.lower() in {"of", "the", "and", "&", "on", "de"} for w in words)
    )


def _list_item(line: str) -> bool:
    return (
        0 < len(line.split()) <= _LIST_ITEM_MAX_WORDS
        and line[-1:] not in ".!?:;,\"”"
        and not has_quotation(line)
        and not has_figure(line)
    )


@cache
def _dateline_res() -> tuple[re.Pattern[str], ...]:
    slots = {
        "{place}": r"[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}",
        "{caps}": r"[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+){0,3}",
        "{month}": month_pattern(),
        "{agency}": r"\((?P<agency>[A-Z][^()]{0,30})\)",
    }
    out = []
    for _kind, rx, _example in table("dateline_patterns.tsv"):
        for slot, fill in slots.items():
            rx = rx.replace(slot, fill)
        out.append(re.compile(rx))
    return tuple(out)


class _Page:
    """The lines of one page and where its story paragraphs lie (built once, read-only)."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.lines = [text[s:e] for s, e in spans]
        self.latin = latin_share(text) >= _LATIN_PAGE
        # a line the patterns take for furniture is no story paragraph, however long
        self.own = [match_junk(line) for line in self.lines]
        body = [i for i, line in enumerate(self.lines) if _body_like(line) and _not_furniture(self.own[i])]
        n = len(spans)
        self.first = body[0] if body else n
        self.last = body[-1] if body else -1
        self.second = body[1] if len(body) > 1 else n
        self.body = body

    def margin(self, i: int) -> bool:
        return i < self.first or i > self.last

    def own_role(self, i: int) -> list[Line] | None:
        """The parts of line ``i`` by its own words, or None when they do not say."""
        line, (s, e) = self.lines[i], self.spans[i]
        top = self.margin(i) or i < self.second
        meta = meta_parts(line, s, unlabelled_dates=top)
        if meta is not None:
            return meta
        if top and (self.margin(i) or not line.rstrip().endswith(".")) and (box := match_author_line(line)):
            return [Line(s, e, "byline", box[0], box[1])]
        junk = self.own[i]
        if junk is not None and (not junk.margin or self.margin(i)):
            return [Line(s, e, junk.role, junk.reason, junk.outlet)]
        if self.latin and is_other_script(line):
            return [Line(s, e, "junk", "other script")]
        return None

    def mark_embeds(self, parts: list[list[Line] | None]) -> None:
        """The text of an embedded post: the line above its signature ("— Name (@handle) Date").

        Embeds render as the post's text, an optional media line, then the signature; the
        text is the first line above that is not furniture, and no longer than a post.
        """
        for i, line in enumerate(self.lines):
            p = parts[i]
            if not (p and p[0].reason == "social_embed" and line[:1] in "—–-"):
                continue
            j = i - 1
            while j >= 0 and parts[j] is not None:
                j -= 1
            if j >= 0 and len(self.lines[j]) <= _EMBED_MAX_CHARS:
                s, e = self.spans[j]
                parts[j] = [Line(s, e, "junk", "social embed")]

    def mark_caption_copies(self, parts: list[list[Line] | None]) -> None:
        """A caption shown twice, once bare and once with its credit: both copies are captions."""
        for i in range(len(self.lines) - 1):
            nxt = parts[i + 1]
            line = self.lines[i]
            copy = nxt is not None and nxt[0].reason == "caption" and self.lines[i + 1].startswith(line)
            if parts[i] is None and copy and len(line) >= _CAPTION_MIN_CHARS:
                s, e = self.spans[i]
                parts[i] = [Line(s, e, "credit", "caption")]

    def mark_address_blocks(self, parts: list[list[Line] | None]) -> None:
        """The short lines that continue a street address outside the story ("Eastvale, Nova Scotia")."""
        for i in range(1, len(self.lines)):
            prev = parts[i - 1]
            if parts[i] is not None or not self.margin(i) or not (prev and prev[0].reason == "address"):
                continue
            line, (s, e) = self.lines[i], self.spans[i]
            joined = "\n\n" not in self.text[self.spans[i - 1][1] : s].replace("\r", "")
            if joined and len(line.split()) <= _ADDRESS_MAX_WORDS and "," in line and line[-1:] not in ".!?":
                parts[i] = [Line(s, e, "junk", "address")]

    def mark_lists(self, parts: list[list[Line] | None]) -> None:
        """The headlines under a "Trending now" or "Related" header line are furniture too."""
        reason: str | None = None
        for i, line in enumerate(self.lines):
            p = parts[i]
            own = p[0].reason if p else None
            if own in _LIST_HEADERS and len(line.split()) <= _LIST_HEADER_MAX_WORDS:
                reason = own
            elif reason is not None and p is None and _list_item(line):
                s, e = self.spans[i]
                parts[i] = [Line(s, e, "junk", reason)]
            elif own != reason:
                reason = None

    def mark_head(self, parts: list[list[Line] | None]) -> None:
        """Above the story: a date run into the first text, the masthead, the headline, tags."""
        for i in range(min(self.first + 1, len(self.lines))):
            if parts[i] is None and (d := find_date_prefix(self.lines[i])) is not None:
                s, e = self.spans[i]
                reason = date_reason(d.kind)
                tail = self.lines[i][d.end :]
                rest = s + d.end + len(tail) - len(tail.lstrip())
                # "date 2023-06-16 Get the free Morning email … Sign up …": a prompt runs after the date
                junk = match_junk(tail)
                after = Line(rest, e, "body", "text")
                if junk is not None and not junk.margin:
                    after = Line(rest, e, junk.role, junk.reason)
                elif i < self.first and _title_like(tail.strip(), True) and not any(parts[:i]):
                    after = Line(rest, e, "headline", "headline")  # "date 2023-05-17 Fire guts warehouse"
                parts[i] = [Line(s + d.start, s + d.end, "date line", reason, d.value), after]
                break
        titled = any(p.role == "headline" for line_parts in parts[: self.first] if line_parts for p in line_parts)
        first_content = not titled
        for i in range(self.first):
            if parts[i] is not None:
                continue
            line, (s, e) = self.lines[i], self.spans[i]
            if i == 0 and is_masthead(line):
                parts[i] = [Line(s, e, "junk", "masthead", line)]
                continue
            if _is_nav_bar(line):
                parts[i] = [Line(s, e, "junk", "navigation")]
                continue
            if not titled and _title_like(line, first_content):
                parts[i] = [Line(s, e, "headline", "headline")]
                titled = True
                if _site_name_shape(line) and self._later_headline(i, parts):
                    # "The Eastvale Star" above "Fire guts warehouse as smoke forces evacuations"
                    parts[i] = [Line(s, e, "junk", "site name", line)]
                    titled = False
                    continue
                if (j := self._headline_again(i, parts)) is not None:
                    # the page's title bar "Fire guts warehouse | News | Eastvale Star", then the headline
                    kept = has_quotation(line) or has_figure(line)  # its words are the headline's: keep them
                    parts[i] = [Line(s, e, "body", "text") if kept else Line(s, e, "junk", "page title")]
                    parts[j] = [Line(*self.spans[j], "headline", "headline")]
            elif is_tag(line):
                parts[i] = [Line(s, e, "junk", "section tag")]
                continue
            first_content = False

    def _headline_again(self, i: int, parts: list[list[Line] | None]) -> int | None:
        """The later line above the story that repeats the first part of a title bar ("A | B | C")."""
        head = re.split(r"\s[|]\s", self.lines[i])[0].strip()
        if head == self.lines[i]:
            return None
        return next((j for j in range(i + 1, self.first) if parts[j] is None and self.lines[j] == head), None)

    def _later_headline(self, i: int, parts: list[list[Line] | None]) -> bool:
        """Whether a longer headline-like line follows line ``i`` above the story."""
        return any(
            parts[j] is None and len(self.lines[j].split()) > _SITE_NAME_MAX_WORDS and _title_like(self.lines[j], True)
            for j in range(i + 1, self.first)
        )

    def mark_foot(self, parts: list[list[Line] | None]) -> None:
        """Below the story: tags, link rows and the masthead."""
        last = len(self.lines) - 1
        for i in range(self.last + 1, len(self.lines)):
            if parts[i] is not None:
                continue
            line, (s, e) = self.lines[i], self.spans[i]
            if is_tag(line):
                parts[i] = [Line(s, e, "junk", "section tag")]
            elif _is_nav_bar(line):
                parts[i] = [Line(s, e, "junk", "navigation")]
            elif i == last and is_masthead(line):
                parts[i] = [Line(s, e, "junk", "masthead", line)]

    def mark_names_by_dates(self, parts: list[list[Line] | None]) -> None:
        """A name alone on its line right above or below the page's date line is its byline.

        Only under a headline-like line: a short headline in capitals ("Quay Shed Sold")
        right above the date line is the headline, not a name.
        """
        for i in range(min(self.second, len(self.lines))):
            if parts[i] is not None or (name := find_bare_name(self.lines[i])) is None:
                continue
            if not any(parts[j] is None and _title_like(self.lines[j], True) for j in range(i)):
                continue
            near = [parts[j] or [] for j in (i - 1, i + 1) if 0 <= j < len(parts)]
            if any(p.role == "date line" and p.value for line_parts in near for p in line_parts):
                s, e = self.spans[i]
                parts[i] = [Line(s, e, "byline", "byline", name)]

    def mark_dateline(self, parts: list[list[Line] | None]) -> None:
        """The place (and a wire dateline's day) that opens one of the first story paragraphs."""
        skip = word_list("dateline_not_places.txt")
        for i in self.body[:2]:
            before: list[Line] = []
            s, e = self.spans[i]
            if parts[i] is not None:  # a date run into the paragraph: the dateline may follow it
                p = parts[i] or []
                if len(p) != 2 or p[1].role != "body":
                    continue
                before, s = [p[0]], p[1].start
            line = self.text[s:e]
            for rx in _dateline_res():
                m = rx.match(line)
                if m is None:
                    continue
                place = (m.group("place") or "").rstrip(" ,")
                if place.lower().strip(".") in skip or len(place) > 40:
                    continue
                out = []
                if place:
                    at = s + m.start("place")
                    out.append(Line(at, at + len(place), "dateline", "dateline", place))
                if m.groupdict().get("date"):
                    full = find_date(m.group("date"), whole=True)
                    value = full.value if full else None
                    out.append(Line(s + m.start("date"), s + m.end("date"), "date line", "wire date", value))
                out.append(Line(s + m.end(), e, "body", "text"))
                parts[i] = before + out
                return
