"""Time expressions on the parse: found token by token, then resolved to dates.

Every token of a sentence gets a one-letter role from the time words of ``data/en``
(``time_words.tsv``, ``months.tsv``, ``seasons.tsv``, ``timezones.tsv``) and its shape
(a year, a day number, a clock time, an ISO date). A time expression is a run of roles
that forms one of the shapes of ``time_shapes.tsv`` ("late last month", "Sunday, June 22",
"noon PT", "the early hours of Tuesday", "Nov.19 - 2024 6:45 PM CET"); the longest
run wins. The grammar fixes each expression's extent; the parse decides whether an
ambiguous word is a time at all:

- a bare year needs a cue word ("in 2019", "since 1996") or the parse's DATE entity, and
  never counts inside another entity or as a modifier of a noun that names no happening
  ("a 1987 coup" is a time, "the 2024 model" and "Vision 2030" are not);
- a bare month name needs a cue word or a happening it dates ("the January incident"),
  so "May" the verb and "The March for Peace" are not dates;
- a weekday in a name ("Good Friday") is not a day;
- a clock time without "a.m./p.m." or a zone needs a cue word or the parse's TIME entity.

A leading "in"/"on"/"at" is left out of the span (the article's words for the time are
"October 2023" in "in October 2023"); "since" is kept, and "since X" gets X's own
interval. Times resolve against the article's date (its metadata, else its date line),
else the batch's reference date (flagged ``estimated``); an article with neither reads a
bare weekday against a date it writes with its weekday ("Sunday, June 22"). A clock time
takes the day of another time of its clause ("on Sunday afternoon …, around 4:25 pm
local time"), else of a day named before it in its paragraph, else the article's date.
"today", "tonight", "this week" inside a quotation belong to when the words were said: a
day the sentence gives outside the quotation, else the article's date, never later.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc as Parse
from spacy.tokens import Token

from ..lexicons import table
from ..model import Document, TimeExpr
from ..resolve.times import Resolved, count_words, month_numbers, parse_base, resolve_parts, time_words
from ._clauses import clause_head, is_future
from .quotes.marks import find_marked

# The role letters and the shapes they form are data: ``time_shapes.tsv`` (one row per shape,
# with an example). A sentence without one of these roles holds no time expression:
_HEADS = re.compile(r"[IMKYRWdckqrSgU]")
# prepositions before "the weekend" that make it a time ("over the weekend", "at the weekend")
_WEEKEND_PREPS = frozenset({"at", "over", "during", "on", "throughout"})
_KIND_OF_WORD = {"day": "d", "daypart": "p", "clockword": "c", "approx": "x", "count": "n", "recent": "r",
                 "ago": "g", "since": "i", "part": "P", "shift": "S", "unit": "U", "joiner": "j"}
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_PART_YEAR = re.compile(r"(?i)(early|mid|late)-((?:1[89]|20)\d\d)")  # one token: "mid-2023"
_YEAR_RANGE = re.compile(r"((?:1[89]|20)\d\d)[-–]((?:1[89]|20)?\d\d)")
_DECADE = re.compile(r"((?:1[89]|20)\d)0[’']?s")  # "the 1990s": a year range of its own
_DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_CLOCK_DIGITS = re.compile(r"(\d{1,2}):(\d\d)")
_CLOCK_HALF = re.compile(r"(?i)\d{1,2}(?:[:.]\d\d)?(?:am|pm|a\.m\.|p\.m\.)")
_MONTH_DAY = re.compile(r"([A-Z][a-z]{2,8})\.?(\d{1,2})")
_ISO_ZONE = re.compile(r"T.*([+-]\d\d):?(\d\d)$")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")
# entity types of names: a year or weekday inside one is part of the name ("Vision 2030")
# how a number modifies the noun after it ("a 1987 coup", "2000 people")
_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "npadvmod"})
_NAME_ENTS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC", "PERSON", "GPE", "LOC", "NORP"})


@dataclass(frozen=True, slots=True)
class TimeLexicons:
    """The time words, by the role they give a token, and the nouns of happenings."""

    words: dict[str, dict[str, str]]  # lower-case word → {kind: value} (time_words.tsv)
    weekdays: frozenset[str]  # as written: "Friday"
    months: dict[str, int]  # lower-case name or abbreviation → number
    full_months: frozenset[str]  # lower-case full names: a bare month must be one ("Jan" may be a name)
    seasons: frozenset[str]
    zones: frozenset[str]  # upper case: "PT", "GMT"
    happenings: frozenset[str]  # event_nouns.tsv
    future: frozenset[str]  # words that put a clause after the article's date
    counts: frozenset[str]  # count words before a unit and "ago" ("two weeks ago")
    shapes: tuple[tuple[str, re.Pattern[str]], ...]
    exact: dict[str, str]  # word as written → role letter (weekdays, months, zones)
    lower: dict[str, str]  # lower-case word → role letter (every other time word)

    def kinds(self, word: str) -> dict[str, str]:
        """The kinds (and values) of a time word; empty for any other word."""
        return self.words.get(word.lower(), {})


@cache
def default_lexicons() -> TimeLexicons:
    """The packaged time words (cached)."""
    words = time_words()
    weekdays = frozenset(w.capitalize() for w, k in words.items() if "weekday" in k)
    months = month_numbers()
    seasons = frozenset(r[0].lower() for r in table("seasons.tsv"))
    zones = frozenset(r[0].upper() for r in table("timezones.tsv") if " " not in r[0])
    counts = frozenset(count_words())
    return TimeLexicons(
        words=words, weekdays=weekdays, months=months,
        full_months=frozenset(r[0].lower() for r in table("months.tsv")), seasons=seasons, zones=zones,
        happenings=frozenset(r[0].lower() for r in table("event_nouns.tsv")),
        future=frozenset(w for w, k in words.items() if "future" in k), counts=counts, shapes=shapes(),
        exact=_exact_roles(weekdays, months, zones), lower=_lower_roles(words, seasons, counts),
    )


def _exact_roles(weekdays: frozenset[str], months: dict[str, int], zones: frozenset[str]) -> dict[str, str]:
    """Roles of words that are times only as written: "Friday", "March" (not "march"), "PT"."""
    out = dict.fromkeys(zones, "z") | dict.fromkeys(weekdays, "W")
    for name in months:
        # capitalised, or in capitals when long enough not to be another word ("MARCH", not "MAR")
        forms = [name.capitalize()] + ([name.upper()] if len(name) >= 4 or name == "may" else [])
        for form in forms:
            out[form] = out[form + "."] = "M"
    return out


def _lower_roles(words: dict[str, dict[str, str]], seasons: frozenset[str], counts: frozenset[str]) -> dict[str, str]:
    """Roles of the other time words, by their lower-case form."""
    out = dict.fromkeys(counts, "n")
    for word, kinds in words.items():
        letter = next((letter for kind, letter in _KIND_OF_WORD.items() if kind in kinds), None)
        if "ampm" in kinds:
            letter = "a"
        if letter is not None and "weekday" not in kinds:
            out[word] = letter
    out |= dict.fromkeys(seasons, "s") | {"the": "t", ",": ",", "-": "-", "–": "-", "local": "L"}
    return out


def shapes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The shapes of ``time_shapes.tsv`` as (kind, compiled pattern), in order of preference."""
    pieces: dict[str, str] = {}
    out = []
    for row in table("time_shapes.tsv"):
        name, pattern = row[0], row[1]
        for piece, rx in pieces.items():
            pattern = pattern.replace("{" + piece + "}", rx)
        if name.startswith("@"):
            pieces[name[1:]] = pattern
        else:
            out.append((name, re.compile(pattern)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class FoundTime:
    """One time expression on the parse: tokens [first, last), its shape and named parts."""

    first: int
    last: int
    kind: str
    parts: dict[str, str | None]
    sentence: int = 0  # index of its sentence's first token


def _roles(parse: Parse, text: str, lex: TimeLexicons) -> str:
    """One role letter per token of the parse (see ``time_shapes.tsv``); ``text`` is its text."""
    out: list[str] = []
    skip_to = -1
    for tok in parse:
        if tok.i < skip_to:
            out.append("~")
            continue
        out.append(_role(tok, text, lex, out[-1] if out else "."))
        if out[-1] == "I":
            m = _ISO.match(text, tok.idx)
            end = m.end() if m else tok.idx
            skip_to = tok.i + 1
            while skip_to < len(parse) and parse[skip_to].idx < end:
                skip_to += 1
        elif out[-1] == "L":
            skip_to = tok.i + 2
    return "".join(out)


def _role(tok: Token, text: str, lex: TimeLexicons, before: str) -> str:
    t = tok.text
    if t[:1].isdigit():
        return _number_role(tok, text)
    role = lex.exact.get(t) or lex.lower.get(t.lower())
    if role is None:
        if t[:1].isalpha() and t[-1:].isdigit():  # one token: "Nov.19", "mid-2023"
            if _PART_YEAR.fullmatch(t):
                return "Y"
            md = _MONTH_DAY.fullmatch(t)
            if md and lex.exact.get(md.group(1)) == "M":
                return "K"
        return "."
    if role == "a":  # "a.m." only after a clock number ("I am" is no time)
        return role if before in ("N", "k") else "."
    if role == "L":
        return role if tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "time" else "."
    return role


def _number_role(tok: Token, text: str) -> str:
    t = tok.text
    if _YEAR.fullmatch(t):
        iso = _ISO.match(text, tok.idx)
        return "I" if iso and iso.end() > tok.idx + len(t) else "Y"
    if _YEAR_RANGE.fullmatch(t) or _DECADE.fullmatch(t):
        return "R"
    if _DAY_NUMBER.fullmatch(t):
        return "N"
    if _CLOCK_DIGITS.fullmatch(t):
        return "k"
    return "q" if _CLOCK_HALF.fullmatch(t) else "."


def find_times(parse: Parse, *, text: str | None = None, lexicons: TimeLexicons | None = None) -> list[FoundTime]:
    """Every time expression of a parse: token ranges, shapes and parts, in text order.

    Args:
        parse (Doc): the document's parse.
        text (str | None): the parse's text when the caller has it (``Document.text``);
            spaCy builds it anew from the tokens on every access.
        lexicons (TimeLexicons | None): the time words; the packaged ones by default.
    Returns:
        list[FoundTime]: non-overlapping expressions; of overlapping shapes the longest wins.

    Example: in "Members voted late Thursday to strike." → "late Thursday" (weekday).
    """
    lex = lexicons or default_lexicons()
    text = parse.text if text is None else text
    # the whole text at once, not sentence by sentence: the parser sometimes ends a sentence
    # inside a date line ("Nov.19 - 2024 6:45 PM | CET"); punctuation and line breaks have no
    # role, so no shape runs across a real sentence end
    roles = _roles(parse, text, lex)
    if not _HEADS.search(roles):
        return []
    candidates: list[tuple[int, int, int, str]] = []
    for rank, (kind, rx) in enumerate(lex.shapes):
        candidates.extend((m.start(), m.end(), rank, kind) for m in rx.finditer(roles) if m.end() > m.start())
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = bytearray(len(roles))
    found: list[FoundTime] = []
    for first, last, _rank, kind in candidates:
        if any(taken[first:last]):
            continue
        parts = _parts(parse, text, first, last, kind, roles[first:last], lex)
        if kind == "rel" and first > 0 and parse[first - 1].lower_ == "the":
            anaphoric = lex.kinds(parts.get("shift") or "").get("anaphoric")
            if anaphoric is not None:
                parts["anaphoric"] = "1"
        if not _valid(parse, first, last, kind, parts, lex):
            continue
        taken[first:last] = b"\x01" * (last - first)
        found.append(FoundTime(first, last, kind, parts))
    found.sort(key=lambda f: f.first)
    if found:
        sentence_of = _sentence_starts(parse)
        found = [FoundTime(f.first, f.last, f.kind, f.parts, sentence_of[f.first]) for f in found]
    return found


def _sentence_starts(parse: Parse) -> list[int]:
    """For every token, the index of its sentence's first token."""
    out = [0] * len(parse)
    for sent in parse.sents:
        out[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
    return out


def _cue_before(parse: Parse, first: int, lex: TimeLexicons, *, year: bool) -> bool:
    if first == 0:
        return False
    cue = lex.kinds(parse[first - 1].lower_).get("cue")
    if cue == "after-year":  # "from 2019 to 2022", "between 2014 and 2016"
        return year and first >= 2 and _YEAR.fullmatch(parse[first - 2].text) is not None
    if cue == "weak" and year:  # "the end of 2023", not "one of 2000 people"
        word = parse[first]
        return not (word.head.i > word.i and word.dep_ in _MODIFIER_DEPS
                    and word.head.lemma_.lower() not in lex.happenings)
    return cue is not None


def _valid(parse: Parse, first: int, last: int, kind: str, parts: dict[str, str | None], lex: TimeLexicons) -> bool:
    """Whether a bare year, month, weekday, day number or clock reads as a time here."""
    toks = parse[first:last]
    anchored = bool(parts.get("since") or parts.get("part"))  # "since 1996", "late 2023"
    if kind == "year":
        year = next(t for t in toks if _YEAR.fullmatch(t.text) or _PART_YEAR.fullmatch(t.text))
        return year.ent_type_ not in _NAME_ENTS and (
            anchored or _cue_before(parse, first, lex, year=True) or _dated_thing(year, lex))
    if kind == "month":
        month = toks[-1]
        happening = month.head.i > month.i and month.head.lemma_.lower() in lex.happenings
        return month.text.rstrip(".").lower() in lex.full_months and not _named(month, lex) and (
            anchored or happening or _cue_before(parse, first, lex, year=False))
    if any(_named(t, lex) for t in toks if t.text in lex.weekdays):
        return False
    if kind in ("monthday", "full") and not 1 <= int(parts.get("day") or 0) <= 31:
        return False
    if kind == "monrel":  # "September last year"; not "June this week"
        return (parts.get("what") or "") == "year"
    if kind == "weekend":  # "over the weekend", "at the weekend"; not "the week", "the weekend edition"
        return (parts.get("what") or "") == "weekend" and first > 0 and \
            parse[first - 1].lower_ in _WEEKEND_PREPS and not (last < len(parse) and parse[last].pos_ == "NOUN")
    if kind == "offset":  # "five days later", not "five days late"
        return lex.kinds(parts.get("part") or "").get("offset") is not None
    if kind == "rel" and lex.kinds(parts.get("shift") or "").get("anaphoric") == "only":
        return bool(parts.get("anaphoric"))  # "the following day", not "following weeks of talks"
    if kind == "clock" and not parts.get("tz") and not any(c in (parts.get("clock") or "") for c in "apAP"):
        # "4:25" alone is a time only after "at", "by"... or where the parse says TIME
        return bool(parts.get("since")) or _cue_before(parse, first, lex, year=False) or any(
            t.ent_type_ == "TIME" for t in toks) or (parts.get("clock") or "") in ("00:00", "12:00")
    return True


def _dated_thing(year: Token, lex: TimeLexicons) -> bool:
    """A year with no cue: a time when it dates a happening ("a 1987 coup") or stands as a
    date of its own in the parse, never when it names a thing ("the 2024 model", "Euro 2024")."""
    head = year.head
    if head.i != year.i and head.pos_ in ("NOUN", "PROPN"):
        if head.i > year.i and year.dep_ in _MODIFIER_DEPS:
            return head.lemma_.lower() in lex.happenings
        if head.i < year.i and head.text[:1].isupper():
            return False
    return year.ent_type_ == "DATE"


def _named(word: Token, lex: TimeLexicons) -> bool:
    """A weekday or month name inside a name: "Good Friday", "Theresa May", a name entity."""
    if word.ent_type_ in _NAME_ENTS:
        return True
    if word.i == 0:
        return False
    prev = word.doc[word.i - 1]
    return (prev.is_alpha and prev.text[:1].isupper() and prev.head.i == word.i
            and prev.dep_ in ("compound", "amod") and not lex.kinds(prev.text))


def _parts(parse: Parse, text: str, first: int, last: int, kind: str, roles: str,
           lex: TimeLexicons) -> dict[str, str | None]:
    """The named pieces of one expression, for :func:`resolve_parts`."""
    toks = parse[first:last]
    parts: dict[str, str | None] = {}
    clock: list[int] = []
    for n, (tok, r) in enumerate(zip(toks, roles, strict=True)):
        t, after = tok.text, roles[n + 1 : n + 2]
        if r == "M":
            parts["mon"] = t.rstrip(".")
            parts.setdefault("what", parts["mon"])  # "last August": the month is what is shifted
        elif r == "K":
            md = _MONTH_DAY.fullmatch(t)
            parts["mon"], parts["day"] = (md.group(1), md.group(2)) if md else (None, None)
        elif r == "N" and after == "a" or r in "kq" or (r == "a" and clock):
            clock.append(n)
        elif r == "N" and after == "U":
            parts["n"] = t
        elif r == "N" and kind == "yearrange":
            parts["y2"] = t
        elif r == "N":
            day = _DAY_NUMBER.fullmatch(t)
            parts.setdefault("day", day.group(1) if day else None)
        elif r == "Y" and (py := _PART_YEAR.fullmatch(t)):
            parts["part"], parts["year"] = py.group(1), py.group(2)
        elif r == "Y":
            parts["y2" if kind == "yearrange" and "y1" in parts else "y1" if kind == "yearrange" else "year"] = t
        elif r == "R" and (decade := _DECADE.fullmatch(t)):
            parts["y1"], parts["y2"] = decade.group(1) + "0", decade.group(1) + "9"
        elif r == "R":
            yr = _YEAR_RANGE.fullmatch(t)
            parts["y1"], parts["y2"] = (yr.group(1), yr.group(2)) if yr else (None, None)
        elif r == "I":
            iso = _ISO.match(text, tok.idx)
            parts["text"] = iso.group() if iso else t
            if iso and "T" in iso.group():
                parts["clock"] = iso.group()[11:16]
                zone = _ISO_ZONE.search(iso.group())
                parts["tz"] = "+00:00" if iso.group().endswith("Z") else (
                    f"{zone.group(1)}:{zone.group(2)}" if zone else None)
        elif r == "W":
            parts["wd"] = t
            parts.setdefault("what", t)
        else:
            _word_part(parts, r, t, lex)
    if clock:
        parts["clock"] = toks[clock[0] : clock[-1] + 1].text
    if kind == "full":  # the date words as written, for dateparser
        start = next(n for n, r in enumerate(roles) if r in "WMNK")
        parts["text"] = toks[start:].text
    if kind == "dayphrase":
        parts["offset"] = lex.kinds(parts.get("shift") or "this").get("shift", "0")
    return parts


def _word_part(parts: dict[str, str | None], role: str, t: str, lex: TimeLexicons) -> None:
    kinds = lex.kinds(t)
    if role == "d":
        parts["offset"] = kinds.get("day", "0")
    elif role == "c":
        parts["clock"] = kinds.get("clockword")
    elif role in "zL":
        parts["tz"] = t if role == "z" else "local time"
    elif role == "U":
        parts["what"] = kinds.get("unit", t)
    elif role == "s":
        parts["what"] = t.lower()
    else:
        name = {"P": "part", "S": "shift", "n": "n", "i": "since"}.get(role)
        if name:
            parts[name] = t


def _base(doc: Document) -> tuple[dt.date | None, bool]:
    """The date relative times resolve against, and whether it is the batch's estimate."""
    if doc.meta.published:
        return parse_base(doc.meta.published), False
    return parse_base(doc.meta.reference), doc.meta.reference is not None


def extract_times(doc: Document, *, lexicons: TimeLexicons | None = None) -> list[TimeExpr]:
    """Every time expression of a document, resolved against the article's date.

    Args:
        doc (Document): a parsed document; ``meta.published`` (else ``meta.reference``) is
            the base for relative expressions.
        lexicons (TimeLexicons | None): the time words; the packaged ones by default.
    Returns:
        list[TimeExpr]: sorted by start; ``date_start``/``date_end`` inclusive "YYYY-MM-DD",
        or None with ``months`` when the words only say which months; ``estimated`` when
        the dates rest on the batch's reference date.

    Example: in "The lease was signed last summer." published 2025-01-14, "last summer"
    → 2024-06-01..2024-08-31.
    """
    if doc.parse is None:
        return []
    lex = lexicons or default_lexicons()
    parse = doc.parse
    found = find_times(parse, text=doc.text, lexicons=lex)
    base, estimated = _base(doc)
    resolved: list[Resolved] = []
    future: dict[int, bool] = {}  # clause head → its tense, read once (a head may govern many times)
    for f in found:
        if f.kind in ("weekday", "monthday", "month", "weekend"):
            head = clause_head(parse[f.first : f.last], lex.happenings)
            if head is not None and future.setdefault(head.i, is_future(head, lex.future)):
                f.parts["future"] = "1"
        resolved.append(resolve_parts(_resolver_kind(f.kind), f.parts, base))
    if base is None or estimated:
        _anchor_weekdays(found, resolved, lex)
    by_sentence = _by_sentence(found)
    if base is not None and any(_said_word(f) for f in found):
        quoted = [(m.start, m.end) for m in find_marked(doc.text, list(doc.paragraphs))]
        _said_times(parse, found, resolved, by_sentence, quoted, base)
    _context_days(doc, found, resolved, by_sentence, lex)
    out = []
    for f, res in zip(found, resolved, strict=True):
        start, end = parse[f.first].idx, parse[f.last - 1].idx + len(parse[f.last - 1].text)
        if f.kind == "iso":
            end = start + len(f.parts.get("text") or "")
        months, guessed = res.months, False
        if estimated and res.date_start is not None:
            # the dates rest on the batch's date, not the words (a yearless date took its year)
            alone = resolve_parts(_resolver_kind(f.kind), f.parts, None)
            if alone.date_start is None or f.kind == "monthday":
                guessed, months = True, alone.months
        ds, de = res.iso()
        out.append(TimeExpr(doc.id, start, end, doc.text[start:end], ds, de, months, guessed, res.time))
    return out


def _resolver_kind(kind: str) -> str:
    return "day" if kind == "dayphrase" else kind


def _by_sentence(found: list[FoundTime]) -> list[list[int]]:
    """Indices of ``found``, grouped by sentence (in order)."""
    groups: list[list[int]] = []
    last_sent = -1
    for i, f in enumerate(found):
        if f.sentence != last_sent:
            groups.append([])
            last_sent = f.sentence
        groups[-1].append(i)
    return groups


def _single_day(r: Resolved) -> dt.date | None:
    return r.date_start if r.date_start is not None and r.date_start == r.date_end else None


def _anchor_weekdays(found: list[FoundTime], resolved: list[Resolved], lex: TimeLexicons) -> None:
    """In an article without a date of its own, a bare weekday is the day of that weekday
    nearest to a date the article writes with its weekday ("on Sunday, June 22")."""
    anchors = [_single_day(r) for f, r in zip(found, resolved, strict=True)
               if f.kind in ("monthday", "full") and f.parts.get("wd")]
    known = [a for a in anchors if a is not None]
    if not known:
        return
    anchor = max(known)
    for i, f in enumerate(found):
        value = lex.kinds(f.parts.get("wd") or "").get("weekday")
        if f.kind == "weekday" and value is not None:
            day = anchor + dt.timedelta(days=(int(value) - anchor.weekday() + 3) % 7 - 3)
            resolved[i] = Resolved(day, day)


def _said_times(parse: Parse, found: list[FoundTime], resolved: list[Resolved], by_sentence: list[list[int]],
                quoted: list[tuple[int, int]], base: dt.date) -> None:
    """"today", "tonight", "this week" in a quotation: when the words were said, never later
    than the article. The saying's day is a day the sentence gives outside the quotation."""
    if not quoted:
        return
    starts = [s for s, _ in quoted]

    def inside(i: int) -> bool:
        at = parse[found[i].first].idx
        q = bisect.bisect_right(starts, at) - 1
        return q >= 0 and at < quoted[q][1]

    for group in by_sentence:
        said_of = [i for i in group if _said_word(found[i]) and inside(i)]
        if not said_of:
            continue
        days = [_single_day(resolved[j]) for j in group if not _said_word(found[j]) and not inside(j)]
        said = min([d for d in days if d is not None][-1:] or [base])
        said = min(said, base)
        for i in said_of:
            res = resolve_parts(_resolver_kind(found[i].kind), found[i].parts, said)
            if res.date_start is not None and res.date_end is not None:
                res = Resolved(min(res.date_start, base), min(res.date_end, base), res.months, res.time)
            resolved[i] = res


def _said_word(f: FoundTime) -> bool:
    """A time counted from the moment of speaking: "today", "tonight", "this week"."""
    if f.kind in ("day", "dayphrase"):
        return True
    return f.kind == "rel" and (f.parts.get("shift") or "").lower() in ("this", "current")


def _context_days(doc: Document, found: list[FoundTime], resolved: list[Resolved], by_sentence: list[list[int]],
                  lex: TimeLexicons) -> None:
    """Times that count from the story's own days rather than the article's date.

    A clock time alone takes the day of the nearest other time of its clause ("sank on
    Sunday afternoon …, around 4:25 pm local time"), else of the last day named before it
    in its paragraph ("… late on Tuesday. The blaze started shortly after 9:40 p.m."), else
    stays on the article's date. "the next day", "the previous week" count from the last day
    named in their paragraph or the one before.
    """
    parse = doc.parse
    if parse is None:
        return
    same_clause: set[int] = set()
    for group in by_sentence:
        if not any(found[i].kind == "clock" for i in group):
            continue
        heads = {i: clause_head(parse[found[i].first : found[i].last], lex.happenings) for i in group}
        days: dict[int, list[tuple[int, dt.date]]] = {}  # clause head → (token, day), in text order
        for i in group:
            head, day = heads[i], _single_day(resolved[i])
            if found[i].kind != "clock" and head is not None and day is not None:
                days.setdefault(head.i, []).append((found[i].first, day))
        for i in group:
            head = heads[i]
            if found[i].kind != "clock" or head is None or head.i not in days:
                continue
            near = days[head.i]
            k = bisect.bisect_left(near, (found[i].first, dt.date.min))
            _pos, day = min((near[c] for c in (k - 1, k) if 0 <= c < len(near)),
                            key=lambda p: abs(p[0] - found[i].first))
            resolved[i] = resolve_parts("clock", found[i].parts, day)
            same_clause.add(i)
    last: tuple[int, dt.date] | None = None  # (paragraph, day) of the last day named
    para_starts = [p for p, _ in doc.paragraphs]
    for i, f in enumerate(found):
        para = bisect.bisect_right(para_starts, parse[f.first].idx)
        if f.kind == "clock":
            if i not in same_clause and last is not None and last[0] == para:
                resolved[i] = resolve_parts("clock", f.parts, last[1])
            continue
        if f.parts.get("anaphoric") and last is not None and para - last[0] <= 1:
            # "arrested on Oct. 31 and charged the next day": counted from the story's last day
            resolved[i] = resolve_parts("rel", f.parts, last[1])
        elif f.kind == "offset":
            # "began on 3 March and ended five days later": from that day, never from the article's
            anchor = last[1] if last is not None and para - last[0] <= 1 else None
            resolved[i] = resolve_parts("offset", f.parts, anchor) if anchor is not None else Resolved()
        day = _single_day(resolved[i])
        if day is not None:
            last = (para, day)
