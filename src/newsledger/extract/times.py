"""Time expressions: find them with our own patterns, then resolve them to dates.

Patterns are built once from the data files (``months.tsv``, ``seasons.tsv``,
``time_words.tsv``, ``timezones.tsv``). ``dateparser.search_dates`` is not used to find
spans: it misses "last summer", drops "late" from "late last month" and takes "may" or
"Now" for dates. Month names count only when capitalised and, alone, only after a cue word
("in June"), so "May" the verb and "March" the noun are not dates.

A leading "in"/"on"/"at"/"during" is left out of the span (the article's words for the time
are "October 2023" in "in October 2023"); "since" is kept in the span, and "since X" dates
the start of what it describes, so it gets X's own interval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import table
from ..model import Document, TimeExpr
from ..resolve.times import Resolved, parse_absolute, parse_base, resolve_parts


@dataclass(frozen=True, slots=True)
class TimePatterns:
    """Compiled time patterns, each with its kind (see :func:`resolve_parts`).

    ``trigger`` finds the head words every time expression contains (a month, weekday,
    season, calendar unit, day word or year); the patterns run only in windows around them,
    which keeps the cost of a long article close to one regex pass.
    """

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    trigger: re.Pattern[str] | None = None
    # per pattern: the kinds of head word it contains (group names of ``trigger``)
    heads: tuple[frozenset[str], ...] = ()
    head_kind: dict[str, str] = field(default_factory=dict)  # head word as written → its kind


def _alt(words: list[str]) -> str:
    """An alternation of ``words`` factored as a trie ("J(?:an(?:uary)?|u(?:ly|ne))").

    Python's regex engine tries the branches of a flat alternation one by one at every
    position; a trie rejects a position on its first character. Longer words win because
    each optional tail is greedy.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@cache
def default_patterns() -> TimePatterns:
    """The patterns built from the packaged data files (cached)."""
    months = table("months.tsv")
    full = [r[0] for r in months]
    abbrs = [a.strip() for r in months if len(r) > 2 and r[2] for a in r[2].split(",")]
    words = table("time_words.tsv")
    weekdays = [r[0] for r in words if r[1] == "weekday"]
    shifts = [r[0] for r in words if r[1] == "shift"]
    parts = [r[0] for r in words if r[1] == "part"]
    units = [r[0] for r in words if r[1] == "unit"]
    days = [r[0] for r in words if r[1] == "day"]
    seasons = [r[0] for r in table("seasons.tsv")]
    tzs = [r[0] for r in table("timezones.tsv")]

    mon = rf"(?P<mon>(?:{_alt(full)})|(?:{_alt(abbrs)})\.?)"
    mon_full = rf"(?P<mon>{_alt(full)})"
    season = rf"(?P<what>(?i:{_alt(seasons)}))"
    part = rf"(?:(?P<part>(?i:{_alt(parts)}))(?:\s+|(?<=-)))"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    since = r"(?:(?P<since>(?i:since))\s+)?"
    prep = r"(?:(?i:in|on|at|during|from|by|until|of|before|after)\s+)"
    wd = rf"(?P<what>{_alt(weekdays)})"
    num = r"(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few))"
    clock = (
        rf"(?:\s*[-–,@|]?\s*(?P<hh>\d{{1,2}})[:.](?P<mm>\d{{2}})\s*(?P<ampm>(?i:am|pm|a\.m\.|p\.m\.))?"
        rf"(?:\s*(?P<tz>{_alt(tzs)})\b)?)?"
    )
    specs = [
        # "March 3, 2023", "Feb.3 - 2025 9:15 AM CET" (a date line with a clock time)
        ("full", rf"(?P<t>{since}\b{mon}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b\s*[-–,/]?\s*{year}\b{clock})"),
        # "10 January 2024"
        ("full", rf"(?P<t>{since}\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{mon}\s*,?\s+{year}\b)"),
        # "late October 2023", "October 2023", "November of 2024"
        ("monyear", rf"(?P<t>{since}(?:\b{part})?\b{mon}\s+(?:of\s+)?{year}\b)"),
        # "summer 2024", "the summer of 2024", "late summer 2024"
        ("seasonyear", rf"(?P<t>{since}(?:\b{part})?(?:\bthe\s+)?\b{season}\s+(?:of\s+)?{year}\b)"),
        # "late last month", "earlier this month", "last summer", "since last August", "next Friday"
        (
            "rel",
            rf"(?P<t>{since}(?:\b{part}(?:(?i:in|on)\s+)?)?\b(?P<shift>(?i:{_alt(shifts)}))\s+"
            rf"(?P<what>(?i:{_alt(units)}|{_alt(seasons)})|{_alt(full)}|{_alt(weekdays)})\b)",
        ),
        # "in recent weeks"
        ("recent", r"(?P<t>\b(?i:recent)\s+(?P<what>(?i:days|weeks|months|years)))\b"),
        # "two weeks ago"
        ("ago", rf"(?P<t>\b{num}\s+(?P<what>(?i:days?|weeks?|months?|years?))\s+(?i:ago))\b"),
        # "(1914-18)", "2014–2016": a year range
        (
            "yearrange",
            r"(?P<t>\(?\b(?P<y1>(?:1[89]|20)\d\d)\s*[-–]\s*(?P<y2>\d\d|(?:1[89]|20)\d\d)(?![\d%]|[,.]\d)\)?)",
        ),
        # "1 April" without a year
        ("monthday", rf"(?P<t>{since}\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{mon})\b(?!\s*[,.]?\s*\d)"),
        # "shortly after 4 a.m. yesterday", "at 9pm today": a clock time on a day word
        (
            "day",
            rf"(?P<t>{since}(?:(?i:shortly|just|soon)\s+)?(?:(?i:after|before|around|about|at)\s+)?"
            rf"\d{{1,2}}(?:[:.]\d\d)?\s*(?i:a\.m\.|p\.m\.|am|pm)\s+(?P<what>{_alt(days)}))\b",
        ),
        # "March 3" without a year
        ("monthday", rf"(?P<t>{since}\b{mon}\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?)\b(?!\s*[,.]?\s*\d)"),
        # "in June", "since June", "early June": a month alone only after a cue word
        ("month", rf"(?:{prep}|(?<=\b))(?P<t>{since}(?:\b{part})?\b{mon_full})\b(?!\s*,?\s*\d)"),
        # "in 2022", "since 2014", "late 2023": a year only after a cue word
        ("year", rf"(?:\b{prep})(?P<t>{since}(?:\b{part})?{year})\b(?![\d%]|[,.]\d|\s*[-–]\s*\d)"),
        ("year", rf"(?P<t>{since}\b{part}{year})\b(?![\d%]|[,.]\d)"),
        ("year", rf"(?P<t>(?P<since>(?i:since))\s+{year})\b(?![\d%]|[,.]\d)"),
        # "on Friday", "Sunday"
        ("weekday", rf"(?P<t>\b{wd})\b"),
        ("day", rf"(?P<t>\b(?P<what>{_alt(days + [d.capitalize() for d in days])}))\b"),
    ]
    loose = [*units, *(u + "s" for u in units), "days", "recent", "ago"]
    # head word → its kind; the trigger is case-sensitive (both spellings listed), which lets
    # the regex engine skip positions fast
    head_kind = {w: "h_mon" for w in full + abbrs} | {w: "h_wd" for w in weekdays}
    for kind, group in (("h_season", seasons), ("h_unit", loose), ("h_day", days)):
        for w in group:
            head_kind[w.lower()] = kind
            head_kind[w.capitalize()] = kind
    first_chars = re.escape("".join(sorted({w[0] for w in head_kind} | {"1", "2"})))
    # the lookahead on first letters lets the engine skip most positions before trying words
    trigger = re.compile(rf"(?=[{first_chars}])\b(?:{_alt(list(head_kind))}|(?:1[89]|20)\d\d)\b")
    heads = {
        "full": {"h_mon", "h_year"},
        "monyear": {"h_mon"},
        "seasonyear": {"h_season"},
        "rel": {"h_unit", "h_season", "h_mon", "h_wd"},
        "recent": {"h_unit"},
        "ago": {"h_unit"},
        "yearrange": {"h_year"},
        "monthday": {"h_mon"},
        "month": {"h_mon"},
        "year": {"h_year"},
        "weekday": {"h_wd"},
        "day": {"h_day"},
    }
    return TimePatterns(
        tuple((kind, re.compile(rx)) for kind, rx in specs),
        trigger,
        tuple(frozenset(heads[kind]) for kind, _rx in specs),
        head_kind,
    )


# how far a time expression reaches from its head word: "since early last" before "month",
# "- 2025 9:15 AM CET" after "Feb.3"
_WINDOW_BEFORE = 48
_WINDOW_AFTER = 48


def _windows(text: str, pats: TimePatterns) -> dict[str, list[tuple[int, int]]]:
    """Windows of text around each kind of head word, overlapping ones merged."""
    out: dict[str, list[tuple[int, int]]] = {}
    assert pats.trigger is not None
    for m in pats.trigger.finditer(text):
        kind = pats.head_kind.get(m.group(), "h_year")
        s, e = max(0, m.start() - _WINDOW_BEFORE), min(len(text), m.end() + _WINDOW_AFTER)
        spans = out.setdefault(kind, [])
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def find_time_spans(
    text: str, *, patterns: TimePatterns | None = None
) -> list[tuple[int, int, str, dict[str, str | None]]]:
    """Non-overlapping time spans of ``text``: (start, end, kind, parts), sorted by start.

    Earlier patterns in the list win over later ones, and longer spans over shorter ones
    ("late last month" over "last month"; "March 3, 2023" over "March 3").
    """
    pats = patterns or default_patterns()
    found: list[tuple[int, int, int, str, dict[str, str | None]]] = []
    by_head = _windows(text, pats) if pats.trigger is not None else {}
    for rank, (kind, rx) in enumerate(pats.patterns):
        if pats.trigger is None:
            windows = [(0, len(text))]
        else:
            heads = pats.heads[rank]
            present = [w for h in heads for w in by_head.get(h, ())]
            windows = present if len(heads) == 1 else _merge(present)
        for ws, we in windows:
            for m in rx.finditer(text, ws, we):
                s, e = m.span("t")
                if e > s:
                    found.append((s, e, rank, kind, m.groupdict()))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, str, dict[str, str | None]]] = []
    for s, e, _rank, kind, parts in found:
        if kind == "month" and parts.get("part") is None and _bare_month_ambiguous(text, s, e, parts):
            continue
        if all(e <= ts or s >= te for ts, te, _k, _p in taken):
            taken.append((s, e, kind, parts))
    return sorted(taken, key=lambda t: t[0])


def _bare_month_ambiguous(text: str, s: int, e: int, parts: dict[str, str | None]) -> bool:
    """A month name with no cue word before it ("May", "March" at a sentence start)."""
    before = text[max(0, s - 12) : s].lower().split()
    cue = before[-1] if before else ""
    return not (
        parts.get("since")
        or cue
        in {"in", "on", "during", "from", "by", "until", "of", "before", "after", "since", "early", "late", "mid"}
    )


def find_publication_line(
    doc: Document, spans: list[tuple[int, int, str, dict[str, str | None]]]
) -> tuple[int, int, Resolved] | None:
    """The date line of the article among found spans: a full date alone on its line.

    The metadata extractor's ``published_span`` wins when it is set; otherwise a full date
    that fills a line (apart from "Published"/"Updated" words) near the top counts.
    """
    meta = doc.meta
    lines = doc.paragraphs
    for s, e, kind, parts in spans:
        if kind != "full":
            continue
        if meta.published_span is not None and meta.published_span.overlaps(s, e):
            return s, e, resolve_parts(kind, parts, None)
        para = doc.paragraph_at(s)
        if para is None or lines.index(para) > 8:
            continue
        rest = (doc.text[para[0] : s] + doc.text[e : para[1]]).strip(" :|-–—").lower()
        if rest in ("", "published", "updated", "posted", "published on", "posted on", "updated on"):
            return s, e, resolve_parts(kind, parts, None)
    return None


def publication_base(doc: Document, spans: list[tuple[int, int, str, dict[str, str | None]]]) -> str | None:
    """The instant to resolve against: ``meta.published``, else the date line, else
    ``meta.reference`` (the date the other articles of the batch give)."""
    if doc.meta.published:
        return doc.meta.published
    line = find_publication_line(doc, spans)
    if line is None:
        return doc.meta.reference
    res = line[2]
    return res.instant or (res.date_start.isoformat() if res.date_start else None)


# a future verb earlier in the clause ("said it would send a team on Wednesday") makes a bare
# weekday the next one, not the last; the clause ends at a sentence or clause mark
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|is due to|are due to|plans? to|is set to|are set to|is expected to|are expected to"
    r"|[Ii]t['’]ll|[Tt]hey['’]ll|[Ww]e['’]ll)\b[^.;:!?\n]*$"
)


def extract_times(doc: Document, *, lexicons: TimePatterns | None = None) -> list[TimeExpr]:
    """Every time expression of a document, resolved against its publication date.

    Args:
        doc (Document): a prepared document; ``meta.published`` (or a date line in the text)
            is the base for relative expressions.
        lexicons (TimePatterns | None): compiled patterns; the packaged data by default.
    Returns:
        list[TimeExpr]: sorted by start; ``date_start``/``date_end`` inclusive "YYYY-MM-DD",
        or None with ``months`` when the words only say which months.

    Example: in "The pact was signed last summer." published 2025-01-11, "last summer"
    → 2024-06-01..2024-08-31.
    """
    spans = find_time_spans(doc.text, patterns=lexicons)
    base = parse_base(publication_base(doc, spans))
    out = []
    for s, e, kind, parts in spans:
        if kind == "weekday" and _FUTURE_BEFORE.search(doc.text, max(0, s - 60), s):
            parts = {**parts, "future": "1"}
        res = resolve_parts(kind, parts, base)
        if res.date_start is None and not res.months and kind == "full":
            day = parse_absolute(doc.text[s:e])
            res = Resolved(day, day) if day else res
        ds, de = res.iso()
        out.append(TimeExpr(doc.id, s, e, doc.text[s:e], ds, de, res.months))
    return out
