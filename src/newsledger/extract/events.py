"""Events: what happened at each time the article gives, read on the dependency parse.

An event is the clause a time expression modifies (:func:`clause_head`): its verb and the
verb's arguments, or the noun of a happening the time dates ("a 1987 coup", "the rebels'
Oct. 19 attacks"). Its label is plain and comes from the parse: the lemma of the verb (with its
particle) and the head of its object ("signing a fuel contract last summer" → "sign fuel
contract"; a passive subject is the object: "hikers were flown" → "fly hiker"), else
its subject before it ("the tremor occurred on Sunday" → "tremor occur"); a noun
of a happening is its own label ("coup"). Compound nouns stay with their head ("fuel
contract"), articles, numbers and adjectives do not, so two outlets telling the same happening
get close labels. The span runs from the first to the last of the event's words and time.

The article's date line is the event "publication" (FORMAT.md).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ..lexicons import table
from ..model import Document, Event, TimeExpr
from ._clauses import clause_head, near_children

# an argument further than this many tokens from its verb is named in the label but left
# out of the span, which would otherwise take in a whole clause between them
_MAX_ARG_GAP = 12
# the words before a time on a date line that make it the article's update: "Updated: 09:12
# GMT, 21 October 2026", "Last updated on 3 May 2025 at 14:10"
_UPDATED = re.compile(r"(?i)\b(?:last\s+)?updated(?:\s+(?:on|at))?\s*:?\s*$")
_OBJECTS = ("dobj", "nsubjpass", "attr", "oprd")
_SUBJECTS = ("nsubj", "csubj")


@dataclass(frozen=True, slots=True)
class EventLexicons:
    """Nouns that name a happening (``event_nouns.tsv``)."""

    happenings: frozenset[str]


@cache
def default_lexicons() -> EventLexicons:
    """The packaged word lists (cached)."""
    return EventLexicons(frozenset(r[0].lower() for r in table("event_nouns.tsv")))


def _word(tok: Token) -> str:
    return tok.text if tok.pos_ == "PROPN" else tok.lemma_.lower()


def _label(words: list[Token]) -> str:
    """The label words, those with a letter ("4.1 percent" gives "percent")."""
    return " ".join(_word(t) for t in words if any(c.isalpha() for c in t.text))


def _noun_words(head: Token, timed: Collection[int]) -> list[Token]:
    """A noun with the compound nouns right before it ("fuel contract"), in text order; not
    the words of a time ("the January incident" → "incident")."""
    words = [head]
    while words[0].i > 0:
        child = head.doc[words[0].i - 1]
        if child.head.i != head.i or child.dep_ != "compound" or not child.is_alpha or child.i in timed:
            break
        if child.i > 0 and head.doc[child.i - 1].text in ("-", "–"):
            break  # the end of a hyphenated modifier ("large-scale"), not a noun of its own
        words.insert(0, child)
    return words


def _argument(verb: Token, timed: Collection[int]) -> tuple[list[Token], bool] | None:
    """The verb's object (True) or, failing one, its subject (False), with compounds; never
    a word of a time expression (token indices ``timed``: "It was 31 February 2024")."""
    by_dep: dict[str, Token] = {}
    for child in near_children(verb):
        if child.i not in timed:
            by_dep.setdefault(child.dep_, child)
    for dep in _OBJECTS:
        arg = by_dep.get(dep)
        if arg is not None and arg.pos_ in ("NOUN", "PROPN"):
            return _noun_words(arg, timed), True
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "a trade accord signed between the two ports": the noun is what was signed
        return _noun_words(verb.head, timed), verb.dep_ == "acl" or "nsubjpass" in by_dep
    for dep in _SUBJECTS:
        arg = by_dep.get(dep)
        if arg is not None and arg.pos_ in ("NOUN", "PROPN"):
            return _noun_words(arg, timed), False
    return None


def describe(head: Token, timed: Collection[int] = ()) -> tuple[str, list[Token]]:
    """The label of the event a clause head names, and the words that state it.

    Args:
        head (Token): a verb, a predicate adjective, or a noun of a happening.
        timed (Collection[int]): indices of the tokens of time expressions (never arguments).
    Returns:
        tuple[str, list[Token]]: "sign fuel contract", [signing, fuel, contract].

    Example: in "Talks over pay have stalled since last spring.", "stalled" →
    ("talk stall", [Talks, stalled]).
    """
    if head.pos_ in ("NOUN", "PROPN"):
        words = _noun_words(head, timed)
        return _label(words), words
    verb = [head] + [c for c in near_children(head, before=0, after=3) if c.dep_ == "prt"]
    arg = _argument(head, timed)
    if arg is None:
        return _label(verb), verb
    nouns, is_object = arg
    if head.lemma_ == "be":  # "the collapse was on Tuesday": what was, not "be"
        return _label(nouns), [*nouns, head]
    label = [*verb, *nouns] if is_object else [*nouns, *verb]
    lo, hi = sorted((nouns[-1].i, head.i))
    # "Minister Jon Ek, who toured the hospital on Monday night, repeated on Tuesday …": words
    # set off by commas between the two are another clause, with a time of its own
    near = hi - lo <= _MAX_ARG_GAP and not any(t.text == "," for t in head.doc[lo + 1:hi])
    shown = [*verb, *nouns] if near else verb
    return _label(label), shown


def _publication(doc: Document, times: list[TimeExpr]) -> Event | None:
    """The date line as the event "publication": the time found on it, else its words."""
    meta = doc.meta
    if meta.published_span is None or not meta.published:
        return None
    start, end, day = meta.published_span.start, meta.published_span.end, meta.published[:10]
    try:
        month = dt.date.fromisoformat(day).month
    except ValueError:  # a publication date given by the caller that is no ISO date
        return None
    on_line = [t for t in times if t.start < end and start < t.end]
    if on_line:
        start, end = on_line[0].start, on_line[-1].end
    words = doc.text[start:end]
    clock = on_line[0].time if on_line else None
    return Event(doc.id, start, end, words, "publication", words, day, day, (month,), start, end,
                 time=clock)


def extract_events(doc: Document, times: list[TimeExpr], *, lexicons: EventLexicons | None = None) -> list[Event]:
    """Events the article places in time: one per time expression of its body, plus its date line.

    Args:
        doc (Document): a parsed document.
        times (list[TimeExpr]): the document's time expressions (:func:`extract_times`).
        lexicons (EventLexicons | None): nouns of happenings; the packaged ones by default.
    Returns:
        list[Event]: sorted by start; span = event words and time; ``event`` = the label.

    Example: "Both firms signed a fuel contract last summer." → event "sign fuel contract",
    time_text "last summer".
    """
    lex = lexicons or default_lexicons()
    out: list[Event] = []
    pub = _publication(doc, times)
    if pub is not None:
        out.append(pub)
    parse = doc.parse
    seen: set[tuple[int, int]] = {(pub.start, pub.end)} if pub else set()
    junk = sorted((b.start, b.end) for b in doc.boilerplate)
    junk_starts = [s for s, _ in junk]
    described: dict[int, tuple[str, list[Token]]] = {}
    spans = [parse.char_span(t.start, t.end, alignment_mode="expand") for t in times] if parse is not None else []
    timed = {i for sp in spans if sp is not None for i in range(sp.start, sp.end)}
    for n, t in enumerate(times):
        if pub is not None and t.start < pub.end and pub.start < t.end:
            continue
        junk_line = _in_lines(junk, junk_starts, t)
        if junk_line or (pub is not None and t.start >= pub.end and _same_line(doc, pub.end, t)):
            # "Published: … | Updated: …": a date line's update (a line that only starts with the
            # date runs on into the story: " date 2024-09-13 Members voted Thursday …")
            updated = _update(doc, t)
            if updated is not None and (updated.start, updated.end) not in seen:
                seen.add((updated.start, updated.end))
                out.append(updated)
            if junk_line or updated is not None:
                continue
        span: Span | None = spans[n] if spans else None
        head = clause_head(span, lex.happenings) if span is not None else None
        if head is None:
            continue  # a date standing alone ("1999-2000") says nothing happened
        if head.i not in described:  # a head may govern many times: read its arguments once
            described[head.i] = describe(head, timed)
        label, words = described[head.i]
        if not label:
            continue
        start = min([t.start, *(w.idx for w in words)])
        end = max([t.end, *(w.idx + len(w.text) for w in words)])
        if (start, end) in seen:
            continue
        seen.add((start, end))
        out.append(Event(doc.id, start, end, doc.text[start:end], label, t.text, t.date_start, t.date_end,
                         t.months, t.start, t.end, t.estimated, t.time))
    out.sort(key=lambda e: (e.start, e.end))
    return out


def _same_line(doc: Document, offset: int, t: TimeExpr) -> bool:
    return "\n" not in doc.text[offset:t.start]


def _update(doc: Document, t: TimeExpr) -> Event | None:
    """A time on a date line after "Updated:" as the event "article updated"."""
    line_start = doc.text.rfind("\n", 0, t.start) + 1
    before = doc.text[line_start:t.start].rsplit("|", 1)[-1]
    m = _UPDATED.search(before)
    if m is None or t.date_start is None:
        return None
    start = t.start - len(before) + m.start()
    return Event(doc.id, start, t.end, doc.text[start:t.end], "article updated", t.text, t.date_start, t.date_end,
                 t.months, t.start, t.end, t.estimated, t.time)


def _in_lines(lines: list[tuple[int, int]], starts: list[int], t: TimeExpr) -> bool:
    """True when the time overlaps one of the (whole, non-overlapping) boilerplate lines."""
    i = bisect.bisect_right(starts, t.start) - 1
    return any(0 <= k < len(lines) and lines[k][0] < t.end and t.start < lines[k][1] for k in (i, i + 1))


def event_dates(event: Event) -> tuple[str | None, str | None]:
    """The inclusive ("YYYY-MM-DD", "YYYY-MM-DD") interval of an event, or (None, None).

    An event known only by its months (no publication date to give the year) has no dates:
    writing a year would be a guess.
    """
    if event.date_start and event.date_end:
        return event.date_start, event.date_end
    return None, None
