"""Numeric claims: figures with the interval their words allow, what they count and who gives them.

The extractor works sentence by sentence with precompiled regular expressions; every word
list and band width is data (``data/en/number_words.tsv``, ``qualifiers.tsv``,
``units.tsv``, ``hedges.txt``, ``quantity_context.tsv`` and the shared
``speech_verbs.txt``/``titles.txt``).

Number words are read from our own small table rather than a library: the candidates on
PyPI (``word2number``, unmaintained since 2017; ``text2num``) turn whole strings into
numbers but give no character offsets and know nothing of "a dozen", "dozens" or "tens of
thousands" as intervals, which are the cases the ledger needs; the table is a few dozen
lines a linguist can edit.

Steps for one sentence:

1. find numbers (digits with separators and scales, number words) where one pass over the
   whole text found digits or number words, and drop those that are not claims (dates,
   times, ages, phone numbers, URLs, handles, names such as "F-16" or "Article 5", years
   and year spans such as "2012–13");
2. join ranges, read the qualifier in front and the unit;
3. read what is counted (the noun phrase after the number and the verb that governs it);
4. keep small number words ("two") only where they count something that happened;
5. find who gives the figure (according to X, X said/estimates/confirmed, remarks by X,
   the speaker of the quotation it sits in) and whether the article hedges it.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import get_args

from .. import lexicons as lx
from ..errors import LexiconError
from ..model import Document, Qualifier, Quantity

__all__ = ["QuantityLexicons", "extract_quantities", "load_quantity_lexicons"]

_QUOTES_CLOSE = '"”»’'

# words before an unqualified duration that make it a time window
_WINDOW_WORDS = (" in", " within", " after", " every", " per", " for", " past", " last", " next", " the", " than")
_QUALIFIERS = frozenset(get_args(Qualifier))
_ARTICLES = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "this", "that"])
_SPLIT = re.compile(r"[ -]+")
_HEAD_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTED = re.compile(r'[“"][^"”]*(?:["”]|$)')
_WORD = re.compile(r"[^\W\d_][\w'’.-]*[\w]|[^\W\d_]|\d[\d,.]*\d|\d|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class _Num:
    """One number as found: its span and the interval it stands for alone."""

    start: int
    end: int
    value: float | None
    low: float
    high: float
    word: bool  # written in words ("two", "hundreds")
    vague: bool  # "hundreds", "several": no single value
    mult: float = 1.0  # the scale written with it ("3 million" → 1e6)


@dataclass
class QuantityLexicons:
    """Word lists and tables the quantity extractor reads, with the patterns built from them.

    Build one with :func:`load_quantity_lexicons` (the shipped data) or pass small tables
    to the constructor in a test.
    """

    cardinals: dict[str, float]
    scales: dict[str, float]
    suffixes: dict[str, float]
    vague: dict[str, tuple[float, float]]
    qualifiers: dict[str, tuple[Qualifier, float | None, float | None]]
    units: list[tuple[str, str, str]]  # (surface, "pre"|"post", unit)
    hedges: frozenset[str]
    speech_verbs: frozenset[str]
    titles: frozenset[str]
    context: dict[str, frozenset[str]]
    _re: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)
    _forms: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._compile()

    def words(self, kind: str) -> frozenset[str]:
        """Lower-cased context words of one kind (see ``quantity_context.tsv``)."""
        return self.context.get(kind, frozenset())

    def _compile(self) -> None:
        def alt(words: Iterable[str]) -> str:
            return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

        card = alt(self.cardinals)
        scale = alt(self.scales)
        tens = alt(w for w, v in self.cardinals.items() if v >= 20 and v % 10 == 0)
        units_small = alt(w for w, v in self.cardinals.items() if 1 <= v <= 9)
        # a small vague count times a scale: "several hundred", "a couple thousand"
        small_vague = alt(w for w, (_lo, hi) in self.vague.items() if hi <= 10)
        word_num = (
            rf"(?:{small_vague})(?:[ -]of)?[ -](?:{scale})(?![\w-])"
            rf"|(?:{alt(self.vague)})"
            rf"|(?:(?:(?:{tens})[- ](?:{units_small}))|{card}|an?)(?:[ -](?:{scale}))+"
            rf"|(?:{tens})[- ](?:{units_small})"
            rf"|{card}"
        )
        # One pass over the lower-cased text finds digits and number words. The pattern is
        # a trie of the words without boundary checks (those are done on the few hits):
        # an alternation led by a lookbehind costs far more, and this pass sees every
        # character of the article.
        starters = [w for w in self.vague if not w.startswith(("a ", "an "))] + list(self.cardinals)
        starters += list(self.scales) + [w.split()[-1] for w in self.vague if w.startswith(("a ", "an "))]
        # It is led by a non-letter so that the engine skips quickly to word starts.
        self._re["trigger"] = re.compile(r"[^a-z0-9](?:[0-9]+|" + _trie({w.split()[0] for w in starters}) + ")")
        self._re["word_num"] = re.compile(rf"(?<![\w'’-])(?:{word_num})(?![\w-])", re.IGNORECASE)
        suffix = alt(self.suffixes)
        self._re["digit_num"] = re.compile(
            r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
            rf"(?:({suffix})(?![\w])|[ \u00a0]+({scale})(?![\w])|(?![\w]))"
        )
        self._re["qualifier"] = re.compile(
            rf"(?:^|(?<=[\s(\"“‘]))({alt(self.qualifiers)})[\s\u00a0]+[\"“‘]?$", re.IGNORECASE
        )
        pre = [u for u in self.units if u[1] == "pre"]
        post = [u for u in self.units if u[1] == "post"]
        self._re["unit_pre"] = re.compile(rf"(?:^|(?<=\W))({alt(u[0] for u in pre)})\s?$")
        self._re["unit_post"] = re.compile(rf"[ \u00a0]?({alt(u[0] for u in post)})(?![\w])", re.IGNORECASE)
        self._re["hedge"] = re.compile(rf"\b(?:{alt(self.hedges)})\b", re.IGNORECASE)
        # capitalised only: "march" and "may" are verbs too ("troops march 40 km")
        months = alt({m.capitalize() for m in self.words("month")})
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        sp = r"[ \u00a0]"
        # Not claims, read from the first digit of a number (``match`` at that digit): a
        # date, time of day, age, phone number or year; the match end says how far the
        # non-claim runs ("2012–13" covers its "13").
        self._re["not_claim"] = re.compile(
            "|".join(
                [
                    rf"{day}{sp}+(?:of{sp}+)?(?:{months})\b(?:,?{sp}*\d{{4}})?",  # "10 January 2025"
                    r"\d{4}-\d{2}-\d{2}\b|\d{1,2}/\d{1,2}/\d{2,4}\b",  # "2025-01-11", "10/01/2025"
                    rf"\d{{1,2}}(?::\d{{2}})+(?:{sp}*(?:[ap]\.?m\.?|[AP]\.?M\.?))?",  # "7:06 PM"
                    rf"\d{{1,2}}\.\d{{2}}{sp}*(?:[ap]\.?m\b\.?|[AP]\.?M\b)",  # "5.30pm"
                    rf"\d{{1,2}}{sp}*(?:[ap]\.m\.|[AP]M\b|[ap]m\b)|\d{{1,2}}{sp}+o['’]clock\b",  # "7 p.m."
                    r"\d{1,3}[- ](?:year|month|week|day)s?[- ]old\b",  # "41-year-old"
                    # a number inside a compound adjective: "a 10-year sentence", "the 27-member bloc"
                    # ("an 8,000-strong force" is a count and stays)
                    r"[\d,.]+-(?!strong\b)[^\W\d_]",
                    # a street address: "10 Downing Street"
                    rf"\d+[a-z]?(?:{sp}[A-Z][\w'’.-]*)+{sp}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Lane|Square|Place)\b",
                    rf"\d{{3}}\)?[ .-]\d{{3}}[ .-]\d{{4}}\b|\d{{3}}-\d{{4}}\b|\d{{2,4}}(?:{sp}\d{{2,4}}){{2,}}\b",
                    rf"(?:1[5-9]|20)\d\d{sp}*[-–—/]{sp}*(?:\d{{4}}|\d\d)\b(?!,\d)",  # "2012–13", "(1961-64)"
                    r"(?:1[5-9]|20)\d\d(?:s|['’]s)?\b(?![,.]\d)",  # "2024", "the 1990s"
                ]
            )
        )
        # Not claims, read from the words before the first digit: "March 4", "Feb.3",
        # "aged 41", "age of 41".
        ages = alt(self.words("age_word"))
        self._re["not_claim_before"] = re.compile(rf"(?:\b(?:{months})\.?{sp}*|\b(?:{ages}){sp}+(?:of{sp}+)?)$")
        speech = set()
        for verb in self.speech_verbs | self.words("find_verb"):
            speech |= _inflections(verb)
        self._forms["speech"] = frozenset(w for w in speech if " " not in w)
        self._forms["speech_first"] = frozenset(w.split()[0] for w in speech if " " in w)
        self._re["speech"] = re.compile(rf"(?<![\w'’-])(?:{alt(speech)})(?![\w'’-])")
        events = set()
        for verb in self.words("event_verb"):
            events |= _inflections(verb)
        self._forms["event"] = frozenset(events)
        self._forms["participle"] = frozenset(self.words("participle")) | frozenset(events)
        cues = alt(self.words("source_cue"))
        self._re["by_cue"] = re.compile(
            rf"\b(?:according[ \u00a0]+to|(?:{cues})(?:[ \u00a0]+(?:{alt(self.words('cue_participle'))}))?"
            rf"[ \u00a0]+(?:by|in|from))[ \u00a0]+",
            re.IGNORECASE,
        )

    def pattern(self, name: str) -> re.Pattern[str]:
        """A compiled pattern built from the tables (``word_num``, ``digit_num``, ``not_claim``…)."""
        return self._re[name]

    def forms(self, name: str) -> frozenset[str]:
        """Generated word forms: ``speech`` (speech and finding verbs), ``event``, ``participle``."""
        return self._forms[name]


def _trie(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, factored by prefix ("t(?:wo|en|…)")."""
    groups: dict[str, list[str]] = {}
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for c, rest in sorted(groups.items()):
        tails = [r for r in rest if r]
        if tails:
            parts.append(re.escape(c) + "(?:" + _trie(tails) + ")" + ("?" if "" in rest else ""))
        else:
            parts.append(re.escape(c))
    return "|".join(parts)


def _inflections(base: str) -> set[str]:
    """Regular inflections of a verb or noun ("capture" → captures, captured, capturing)."""
    base = base.lower()
    out = {base, base + "s", base + "es", base + "ed", base + "ing"}
    if base.endswith("e"):
        out |= {base + "d", base[:-1] + "ing"}
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return out


def _num(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


@cache
def load_quantity_lexicons() -> QuantityLexicons:
    """The shipped quantity lexicons from ``data/en`` (read once, cached).

    Returns:
        QuantityLexicons: tables and compiled patterns for :func:`extract_quantities`.
    """
    cardinals: dict[str, float] = {}
    scales: dict[str, float] = {}
    suffixes: dict[str, float] = {}
    vague: dict[str, tuple[float, float]] = {}
    qualifiers: dict[str, tuple[Qualifier, float | None, float | None]] = {}
    context: dict[str, set[str]] = {}
    try:
        for row in lx.table("number_words.tsv"):
            word, kind, low = row[0].lower(), row[1], float(row[2])
            {"cardinal": cardinals, "scale": scales, "suffix": suffixes}.get(kind, {})[word] = low
            if kind == "vague":
                vague[word] = (low, float(row[3]))
        for row in lx.table("qualifiers.tsv"):
            cells = [*row, "", ""][:4]
            if cells[1] not in _QUALIFIERS:
                raise ValueError(f"unknown qualifier {cells[1]!r}")
            qualifiers[cells[0].lower()] = (cells[1], _num(cells[2]), _num(cells[3]))  # type: ignore[assignment]
        units = [(r[0], r[1], r[2]) for r in lx.table("units.tsv")]
        for kind, word, *_ in lx.table("quantity_context.tsv"):
            context.setdefault(kind, set()).add(word.lower())
    except (IndexError, ValueError) as exc:
        raise LexiconError(f"a quantity lexicon in data/en is malformed: {exc}") from exc
    return QuantityLexicons(
        cardinals=cardinals,
        scales=scales,
        suffixes=suffixes,
        vague=vague,
        qualifiers=qualifiers,
        units=units,
        hedges=lx.word_list("hedges.txt"),
        speech_verbs=lx.word_list("speech_verbs.txt"),
        titles=lx.word_list("titles.txt"),
        context={k: frozenset(v) for k, v in context.items()},
    )


# ---------------------------------------------------------------------------- numbers


def _word_value(words: str, lex: QuantityLexicons) -> tuple[float | None, float, float, bool]:
    """(value, low, high, vague) of a number written in words ("two dozen" → 24)."""
    key = " ".join(words.lower().split())
    if key in lex.vague:
        low, high = lex.vague[key]
        return None, low, high, True
    *head, last = _SPLIT.split(key)
    stem = " ".join(w for w in head if w != "of")
    if stem in lex.vague and last in lex.scales:  # "several hundred" → 300..900
        low, high = lex.vague[stem]
        return None, low * lex.scales[last], high * lex.scales[last], True
    value = 0.0
    for part in _SPLIT.split(key):
        if part in ("a", "an"):
            value = 1.0
        elif part in lex.cardinals:
            value += lex.cardinals[part]
        elif part in lex.scales:
            value = (value or 1.0) * lex.scales[part]
    return value, value, value, False


_NEAR = 200


def _not_claim(text: str, p: int, end: int, value: float, lex: QuantityLexicons) -> int:
    """Where a non-claim that starts with the digit at ``p`` ends, or -1 when it is a claim.

    ``end`` is the end of the number read at ``p``. Non-claims: dates, times of day, ages,
    phone numbers, years and year spans, and numbers that belong to a name, handle or
    address ("F-16", "@user_22", "www.example.com/page2", "+44 20 …").
    """
    # each look is bounded (a non-claim, the token holding the number) so that a run of
    # thousands of numbers without a space ("1,1,1,…") costs linear time
    m = lex.pattern("not_claim").match(text, p, p + _NEAR)
    if m:
        return m.end()
    if lex.pattern("not_claim_before").search(text, max(0, p - 12), p):
        return end
    before = text[p - 1] if p > 0 else " "
    if before == " " and p > 1:
        ws = max(text.rfind(" ", 0, p - 1), text.rfind("\n", 0, p - 1)) + 1
        word = text[ws : p - 1]
        if word.lower().rstrip(".") in lex.words("label"):
            return end  # "Article 5", "Flight 370", "No. 10": a number that names something
        if (
            word[:1].isupper()
            and word.isalpha()
            and ws > 0
            and text[ws - 1] == " "
            and text[ws - 2 : ws - 1] not in (".", "!", "?", ":")
            and "," not in text[p:end]
            and word.lower() not in lex.words("month")
            and word.lower() not in lex.words("function")  # "on Monday 300 people …"
        ):
            # a capitalised word inside a sentence right before a short number names a
            # thing: "Warehouse 7", "Gate 12", "Brigade 155" (a count follows its qualifier
            # or stands alone: "Police found 40 …" has a verb before the number)
            return end
    if before == "+" or (before == "-" and p > 1 and text[p - 2].isalpha()):
        return end  # "+44 …", "F-16", "COVID-19"
    # a token with a slash, an at sign or "www." is an address or a handle
    ws = max(text.rfind(" ", max(0, p - _NEAR), p), text.rfind("\n", max(0, p - _NEAR), p), p - _NEAR - 1) + 1
    we = min(len(text), p + _NEAR) if (f := text.find(" ", p, p + _NEAR)) < 0 else f
    chunk = text[ws:we]
    if "/" in chunk or "@" in chunk or "www." in chunk:
        return end
    # an age after a name: "Marta Ilves, 45, said", "Ilves (45)"
    after = text[end : end + 1]
    if value <= 125 and p >= 3 and text[p - 3].isalpha():
        if text[p - 2 : p] == ", " and after == ",":
            return end
        if text[p - 2 : p] == " (" and after == ")":
            return end
    return -1


def _find_numbers(text: str, hits: list[int], lex: QuantityLexicons, e0: int) -> list[_Num]:
    """Numbers of one sentence that are claims, in order; ``hits`` are trigger offsets."""
    found: list[_Num] = []
    skip_to = -1
    digit_num, word_num = lex.pattern("digit_num"), lex.pattern("word_num")
    for p in hits:
        if p < skip_to or (found and p < found[-1].end):
            continue
        c = text[p]
        if c.isdigit():
            if p > 0 and (text[p - 1].isalnum() or text[p - 1] in "_@#/\\"):
                continue  # "Corva71", "@user_22", "page2": part of a name
            m = digit_num.match(text, p, e0)
            if m is None:
                continue
            digits, suffix, scale = m.group(1), m.group(2), m.group(3)
            value = float(digits.replace(",", ""))
            mult = lex.suffixes[suffix.lower()] if suffix else lex.scales[scale.lower()] if scale else 1.0
            value *= mult
            if not _countable(value):
                skip_to = m.end()
                continue  # a run of hundreds of digits is no figure anybody gives
            stop = _not_claim(text, p, m.end(), value, lex)
            if stop >= 0:
                skip_to = max(stop, m.end())
                continue
            found.append(_Num(m.start(), m.end(), value, value, value, False, False, mult))
            continue
        # "a dozen", "an hundred": the trigger is the scale word, the number starts at "a"
        starts = [q for q in (p - 3, p - 2) if q >= 0] + [p]
        for q in starts:
            if q < p and text[q:p].lower() not in ("an ", "a "):
                continue
            if q < p and q > 0 and text[q - 1].isalnum():
                continue
            m = word_num.match(text, q, e0)
            if m is not None:
                w_value, w_low, w_high, vague = _word_value(m.group(), lex)
                if not _countable(w_high):
                    break  # "a million million million …" past any float
                found.append(_Num(m.start(), m.end(), w_value, w_low, w_high, True, vague))
                break
    return found


# Figures above this are no count of anything; the bound keeps every band (value × 1.5) and
# range scale (value × 10^12) a finite float, so intervals never hold "inf".
_MAX_VALUE = 1e100


def _countable(value: float) -> bool:
    return math.isfinite(value) and value <= _MAX_VALUE


_RANGE_JOIN = re.compile(r"^[ \u00a0]*(?:to|-|–|—|and)[ \u00a0]*$")
_BETWEEN = re.compile(r"(?:^|(?<=\W))(between|from)[ \u00a0]+$", re.IGNORECASE)


# ---------------------------------------------------------------------------- phrases


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


# words looked at before a figure: the lead (five words and the one before), "a crew of",
# the adverbs between an event word and its figure
_LOOK_BACK = 32


class _Toks:
    """The words of one sentence, tokenized once; ``between`` slices them by offsets."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.toks = _tokens(text, start, end)
        self.starts = [t[0] for t in self.toks]

    def between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        out = self.toks[i:j]
        return out[:-1] if out and out[-1][1] > end else out

    def last(self, start: int, end: int, n: int) -> list[tuple[int, int, str]]:
        """The last ``n`` words of ``between(start, end)``: a look a few words back costs the
        same in a sentence of any length (a sentence of 10,000 figures stays linear)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        out = self.toks[max(i, j - n - 1) : j]
        out = out[:-1] if out and out[-1][1] > end else out
        return out[-n:]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _plural(word: str, lex: QuantityLexicons) -> bool:
    low = word.lower().rstrip("’'")
    if low in lex.words("plural") or low.endswith(("men", "people")):  # "fishermen", "townspeople"
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2


def _participle(word: str, lex: QuantityLexicons) -> bool:
    low = word.lower()
    return (low.endswith("ed") and len(low) > 3) or low in lex.forms("participle")


@dataclass
class _Phrase:
    """What a figure counts: the noun phrase after it and the verb that governs it."""

    np: str = ""
    np_start: int = -1
    np_end: int = -1
    head: str = ""
    verb: str = ""  # participle or past verb after the noun phrase, with its complement
    verb_end: int = -1
    verb_is_pp: bool = False  # the "verb" part is only a place or time ("arrivals in 2019")
    aux: bool = False  # an auxiliary stood between the noun phrase and the verb
    before: str = ""  # event verb or noun right before the figure ("captured", "capture of")
    partitive: bool = False  # "two of them …", "six of the injured …": a part of people named before


def _read_phrase(
    text: str, st: _Toks, pos: int, s_end: int, s_start: int, num_start: int, lex: QuantityLexicons
) -> _Phrase:
    """The counted noun phrase after ``pos`` and its verb; the event word before ``num_start``."""
    ph = _Phrase()
    fn, aux = lex.words("function"), lex.words("auxiliary")
    toks = st.between(pos, min(s_end, pos + 200))  # a counted phrase is short
    i = 0
    # "hundreds of its injured sailors", "7,000 of its troops", "“hundreds” of nurses"
    while i < len(toks) and toks[i][2] in _QUOTES_CLOSE:
        i += 1
    if i < len(toks) and toks[i][2].lower() in ("more", "others"):
        i += 1  # "dozens more are missing": the count goes on to the verb
    if i + 1 < len(toks) and toks[i][2] == "-" and toks[i + 1][2].lower() == "strong":
        i += 2  # "an 8,000-strong force"
    if i < len(toks) and toks[i][2].lower() == "of":
        j = i + 1
        while j < len(toks) and toks[j][2].lower() in {"the", "its", "their", "his", "her", "our", "these", "those"}:
            j += 1
        ph.partitive = j > i + 1
        if j < len(toks) and toks[j][2].lower() in lex.words("partitive_pronoun"):
            # "two of them remain in a serious condition": what is said of them is the measure
            ph.partitive = True
            _read_predicate(text, toks, j + 1, ph, lex)
            return ph
        i = j
    np: list[tuple[int, int, str]] = []
    while i < len(toks):
        w = toks[i][2]
        low = w.lower()
        if low in ("and", "or") and np and _is_cap(np[-1][2]) and i + 1 < len(toks) and _is_cap(toks[i + 1][2]):
            np.append(toks[i])
            i += 1
            continue
        if not (w[0].isalpha()) or low in fn:
            break
        if (
            np
            and _participle(w, lex)
            and not _is_cap(w)
            and (
                i + 1 >= len(toks)
                or toks[i + 1][2].lower() in fn
                or not toks[i + 1][2][0].isalpha()
                or _plural(np[-1][2], lex)
            )
        ) or (np and low.endswith("ing") and _plural(np[-1][2], lex)):
            break  # "troops deployed to…", "voters stayed home": the participle starts the verb
        np.append(toks[i])
        i += 1
        if len(np) >= 6:
            break
    # "2,700 killed or wounded": a lone participle is the verb, not the counted thing
    if len(np) == 1 and _participle(np[0][2], lex) and not _is_cap(np[0][2]):
        i -= 1
        np = []
    if np:
        ph.np = text[np[0][0] : np[-1][1]]
        ph.np_start, ph.np_end = np[0][0], np[-1][1]
        ph.head = np[-1][2]
    # the verb: [who|that] [adverbs] [auxiliaries] participle [(or|and) participle] [place or purpose]
    j = i
    if np and j + 1 < len(toks) and toks[j][2].lower() in ("who", "that", "which"):
        j += 1  # "two dock workers who died"
    while j < len(toks) and (toks[j][2].lower() in aux or toks[j][2].lower().endswith("ly")):
        ph.aux = ph.aux or toks[j][2].lower() in aux
        j += 1
    if j < len(toks) and toks[j][2][0].isalpha() and _participle(toks[j][2], lex) and not _is_cap(toks[j][2]):
        vs = j
        j += 1
        while j + 1 < len(toks) and toks[j][2].lower() in ("or", "and") and _participle(toks[j + 1][2], lex):
            j += 2
        ve = toks[j - 1][1]
        if j < len(toks) and toks[j][2].lower() in lex.words("pp_opener"):
            k = j + 1
            while (
                k < len(toks)
                and k - j <= 4
                and toks[k][2][0].isalnum()
                and toks[k][2].lower()
                not in ("and", "or", "but", "while", "with", "as", "since", "which", "who", "that", "of", "so", "far")
                and toks[k][2].lower() not in aux
            ):
                k += 1
            while k > j + 1 and toks[k - 1][2].lower() in fn:
                k -= 1
            if k > j + 1:
                ve = toks[k - 1][1]
        ph.verb = text[toks[vs][0] : ve]
        ph.verb_end = ve
    elif np and ph.aux and (state := _state_after(toks, j, lex)):
        # "miners are still on strike", "passengers were in hospital": a state, a bare noun after
        # a preposition ("in the shed" is a place and stays out)
        ph.verb = text[toks[state[0]][0] : toks[state[1]][1]]
        ph.verb_end = toks[state[1]][1]
        ph.verb_is_pp = True
    elif np and j == i and j < len(toks) and toks[j][2].lower() in lex.words("pp_opener"):
        # "arrivals in 2019", "residents from the coast": a short place or time
        k = j + 1
        if k < len(toks) and toks[k][2].lower() in ("the", "a", "an"):
            k += 1
        while k < len(toks) and k - j <= 3 and toks[k][2][0].isalnum() and toks[k][2].lower() not in fn:
            k += 1
        if k > j + 1:
            ph.verb = text[toks[j][0] : toks[k - 1][1]]
            ph.verb_end = toks[k - 1][1]
            ph.verb_is_pp = True
    # the event word before the figure: "arrested three", "the capture of three", "send some"
    left = st.last(s_start, num_start, _LOOK_BACK)
    k = len(left) - 1
    if k >= 0 and left[k][2].lower() == "of":
        k -= 1
    while k >= 0 and left[k][2].lower().endswith("ly"):
        k -= 1
    if k >= 0 and left[k][2].lower() in lex.forms("event"):
        ph.before = text[left[k][0] : left[len(left) - 1][1]] if left[-1][2].lower() == "of" else left[k][2]
    return ph


def _state_after(toks: list[tuple[int, int, str]], j: int, lex: QuantityLexicons) -> tuple[int, int] | None:
    """(first, last) token of "[still] on strike", "in hospital" at ``j``: a preposition and one bare noun."""
    while j < len(toks) and toks[j][2].lower() in lex.words("adverb"):
        j += 1
    if j + 1 >= len(toks) or toks[j][2].lower() not in lex.words("pp_opener"):
        return None
    w = toks[j + 1][2]
    if not w[0].isalpha() or _is_cap(w) or w.lower() in lex.words("function"):
        return None
    if j + 2 < len(toks) and toks[j + 2][2][0].isalpha() and toks[j + 2][2].lower() not in lex.words("function"):
        return None  # "on board ship": more than a bare noun
    return j, j + 1


_PREDICATE_WORDS = 6
_PREDICATE_STOP = frozenset(["and", "but", "while", "which", "who", "that", "as", "since", "so", "because"])


def _read_predicate(text: str, toks: list[tuple[int, int, str]], i: int, ph: _Phrase, lex: QuantityLexicons) -> None:
    """What a partitive figure says of its part: "[two of them] remain in a serious condition".

    Reads a few words after auxiliaries and adverbs, up to punctuation or a conjunction,
    into ``ph.verb`` (trailing function words dropped).
    """
    aux = lex.words("auxiliary")
    while i < len(toks) and (toks[i][2].lower() in aux or toks[i][2].lower() in lex.words("adverb")):
        i += 1
    k = i
    while (
        k < len(toks)
        and k - i < _PREDICATE_WORDS
        and toks[k][2][0].isalpha()
        and toks[k][2].lower() not in _PREDICATE_STOP
    ):
        k += 1
    while k > i and toks[k - 1][2].lower() in lex.words("function"):
        k -= 1
    if k > i:
        ph.verb = text[toks[i][0] : toks[k - 1][1]]
        ph.verb_end = toks[k - 1][1]


def _lead(text: str, st: _Toks, s0: int, start: int, lex: QuantityLexicons) -> str:
    """Up to five words before ``start`` back to the clause boundary, without determiners."""
    toks = st.last(s0, start, _LOOK_BACK)
    k = len(toks)
    while (
        k > 0
        and len(toks) - k < 5
        and toks[k - 1][2][0].isalpha()
        and toks[k - 1][2].lower() not in ("and", "but", "while", "which", "that", "as", "whereas", "who", "when")
        and not (  # a speech verb ends the lead ("said"), a noun spelled like one does not ("the claim")
            toks[k - 1][2] in lex.forms("speech") and not (k >= 2 and toks[k - 2][2].lower() in _ARTICLES)
        )
    ):
        k -= 1
    words = toks[k:]
    while words and words[0][2].lower() in lex.words("determiner") | {"a", "an"}:
        words = words[1:]
    return text[words[0][0] : words[-1][1]] if words else ""


def _measure(ph: _Phrase, unit_words: str | None, lead: str) -> str:
    """The measure in the article's words: "troops sent to assist X", "killed or injured".

    When nothing follows the figure ("The budget rose to $1.2bn."), the words that lead
    to it in its clause (``lead``) say what it measures.
    """
    if not (ph.np or ph.verb or ph.before):
        return " ".join(p for p in (lead, unit_words if unit_words and unit_words[0].isalpha() else "") if p)
    parts = []
    if unit_words:
        parts.append(unit_words + (" of" if ph.np else ""))
    if ph.before and (not ph.verb or ph.verb_is_pp):
        parts.append(ph.before)
    if ph.np:
        parts.append(ph.np)
    if ph.verb:
        parts.append(ph.verb)
    return " ".join(parts).strip()


# ---------------------------------------------------------------------------- sources


def _mask_quotes(text: str, s0: int, e0: int) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with quoted passages blanked (same length) and the quoted spans.

    An opening mark without a closing one runs to the sentence end (a quotation that
    goes on in the next paragraph).
    """
    sent = text[s0:e0]
    if '"' not in sent and "“" not in sent:
        return sent, []
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _QUOTED.finditer(sent):
        a, b = m.start(), m.end()
        inner_end = b - 1 if b - a > 1 and sent[b - 1] in '"”' else b
        parts.append(sent[last : a + 1])
        parts.append(" " * (inner_end - a - 1))
        last = inner_end
        spans.append((s0 + a, s0 + b))
    parts.append(sent[last:])
    return "".join(parts), spans


def _name_span(
    toks: list[tuple[int, int, str]], text: str, lex: QuantityLexicons, sent_start: int
) -> tuple[str, int, int] | None:
    """The name in ``toks`` without determiners and titles, with its span; None when it names nobody.

    "the Ostian government" → "Ostian government"; "Ostian President Karel Duvan" →
    "Karel Duvan"; "The Lunport Herald" keeps its article (all capitalised); "reports",
    "a recent estimate", "he", "officials" name nobody.
    """
    definite = bool(toks) and toks[0][2].lower() == "the"
    while toks and toks[0][2].lower() in ("the", "a", "an", "this", "that", "these", "those"):
        if toks[0][2] == "The" and len(toks) > 1 and all(_is_cap(t[2]) for t in toks[1:]):
            break
        toks = toks[1:]
    cut = -1
    for n, t in enumerate(toks[:-1]):
        low = t[2].lower()
        pair = f"{low} {toks[n + 1][2].lower()}"
        if (low in lex.titles or low.rstrip("s") in lex.titles or pair in lex.titles) and _is_cap(toks[n + 1][2]):
            cut = n
    if cut >= 0 and all(_is_cap(t[2]) for t in toks[cut + 1 :]):
        toks = toks[cut + 1 :]
    if not toks:
        return None
    words = [t[2].lower() for t in toks]
    if words[-1] in lex.words("generic") or words[-1] in lex.words("pronoun"):
        return None
    # "the regional emergency service said", "officials said": a body or a group of people
    # named by what they are is credited as written (things like "reports" are not)
    if (definite and words[-1] in lex.words("institution")) or words[-1] in lex.words("people"):
        s, e = toks[0][0], toks[-1][1]
        return text[s:e], s, e
    # Otherwise a name needs a capital that is more than the sentence start: "Aid groups
    # estimate" names nobody; "Duvan said" and "Lunport Herald reported" do.
    caps = [t for t in toks if _is_cap(t[2]) and (t[0] != sent_start or _name_start(toks, text, lex))]
    if not caps:
        return None
    s, e = toks[0][0], toks[-1][1]
    return text[s:e], s, e


def _name_start(toks: list[tuple[int, int, str]], text: str, lex: QuantityLexicons) -> bool:
    """Whether the capital of a sentence's first word is a name's, not just the sentence start.

    It is when the word is alone ("Duvan said"), when the next word is capitalised
    too ("Lunport Herald"), when it looks like a proper adjective ("Northern",
    "Ruritanian"), or when the article writes it with a capital inside a sentence too
    ("… in Lunport" makes "Lunport rangers said" a name; "emergency aid" makes "Aid
    groups estimate" a common noun).
    """
    word = toks[0][2]
    first = word.lower()
    if first in lex.words("people") or first in lex.words("function"):
        return False
    if len(toks) == 1 or _is_cap(toks[1][2]):
        return True
    if first.endswith(("an", "ian", "ese", "ish", "ern", "i", "ic")):
        return True
    return re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", text) is not None


# "he said …": the speaker is a person named earlier; the caller looks back for the name
_PRONOUN: tuple[str, int, int] = ("", -1, -1)
# words read back from a speech verb for its subject (auxiliaries, two asides, the name)
_SUBJECT_LOOK_BACK = 64
# speech verbs tried on each side of a figure: prose has a few per sentence; a run of
# thousands ("said said said …") must not be read once per figure
_MAX_CUES = 16
_NAME_LINK = frozenset(["of", "for", "the", "and", "de", "al", "von", "van", "on"])


def _subject_before(
    mtoks: _Toks, s0: int, verb_start: int, text: str, lex: QuantityLexicons
) -> tuple[str, int, int] | None:
    """The name right before a speech verb ("Ruritanian border officials have claimed")."""
    toks = [(a + s0, b + s0, w) for a, b, w in mtoks.last(0, verb_start - s0, _SUBJECT_LOOK_BACK)]
    i = len(toks) - 1
    while i >= 0 and (
        toks[i][2].lower() in lex.words("auxiliary")
        or (toks[i][2].lower().endswith("ly") and not _is_cap(toks[i][2]))
        or toks[i][2].lower() in ("also", "not", "still", "already", "further")
    ):
        i -= 1
    skips = 0
    while i >= 0 and toks[i][2] == "," and skips < 2:
        # skip an aside between commas: ", surveying the park," / ", a member of X,"
        j = i - 1
        while j >= 0 and toks[j][2] != ",":
            j -= 1
        if j < 0:
            return None
        first = toks[j + 1][2].lower()
        if (
            first.endswith("ing")
            or first.endswith("ed")
            or first in ("who", "which", "a", "an", "the", "whose")
            or first in lex.titles
        ):
            i = j - 1
            skips += 1
        else:
            return None
    if i >= 0 and toks[i][2].lower() in ("he", "she"):
        return _PRONOUN
    name: list[tuple[int, int, str]] = []
    role = False
    while i >= 0 and len(name) < 8:
        w = toks[i][2]
        low = w.lower()
        if w == "." and name and i > 0 and toks[i - 1][1] == toks[i][0] and _is_cap(toks[i - 1][2]) and (
            len(toks[i - 1][2]) <= 3
        ):
            name.insert(0, toks[i])  # "St. Anne's", "Mt. Ida": an abbreviation inside a name
            i -= 1
            continue
        if not w[0].isalnum():
            break
        if low in _NAME_LINK and name and _is_cap(name[0][2]) and i > 0 and _is_cap(toks[i - 1][2]):
            name.insert(0, toks[i])
            i -= 1
            continue
        if low in ("for", "of") and name and _is_cap(name[0][2]) and i > 0 and (
            toks[i - 1][2].lower() in lex.words("role_of")
        ):
            name.insert(0, toks[i])  # "a spokeswoman for X": the role and the body are one source
            i -= 1
            role = True
            continue
        if low in lex.words("function") and low not in ("the", "a", "an"):
            break
        if low in lex.forms("speech") and not _is_cap(w):
            break
        name.insert(0, toks[i])
        i -= 1
        if low in ("the", "a", "an"):
            break
    got = _name_span(name, text, lex, s0)
    if got and role and name[0][2].lower() in ("a", "an", "the"):
        return text[name[0][0] : got[2]], name[0][0], got[2]  # "a spokeswoman for X", as written
    return got


def _name_after(mtoks: _Toks, s0: int, pos: int, text: str, lex: QuantityLexicons) -> tuple[str, int, int] | None:
    """The name right after a cue ("according to Ruritanian intelligence, …")."""
    toks = [(a + s0, b + s0, w) for a, b, w in mtoks.between(pos - s0, pos - s0 + 160)]
    name: list[tuple[int, int, str]] = []
    for n, (a, b, w) in enumerate(toks):
        low = w.lower()
        if not w[0].isalnum() or len(name) >= 8:
            break
        if low in ("the",) and not name:
            name.append((a, b, w))
            continue
        if low in _NAME_LINK and name and n + 1 < len(toks) and _is_cap(toks[n + 1][2]):
            name.append((a, b, w))
            continue
        if low in lex.words("function") or (low in lex.forms("speech") and not _is_cap(w)):
            break
        if name and not _is_cap(w) and _is_cap(name[-1][2]) and low.endswith("ed"):
            break
        name.append((a, b, w))
    while name and name[-1][2].lower() in _NAME_LINK:
        name.pop()
    return _name_span(name, text, lex, s0)


@dataclass
class _SentenceCues:
    """What every figure of one sentence shares when its source is looked for."""

    masked: str  # the sentence with quoted passages blanked
    mtoks: _Toks  # its words (offsets relative to the sentence start)
    quoted: list[tuple[int, int]]  # spans of the quotations
    cues: list[tuple[int, int]]  # speech and finding verbs outside quotations (document offsets)
    by_name: tuple[str, int, int] | None  # "according to X", "reports in X", "remarks made by X"
    # the same cue is asked about for every figure of the sentence: starts for bisecting,
    # and the answers once found (a sentence of thousands of figures and cues stays linear)
    cue_starts: list[int] = field(default_factory=list)
    quoted_starts: list[int] = field(default_factory=list)
    subjects: dict[int, tuple[str, int, int] | None] = field(default_factory=dict)
    names_after: dict[int, tuple[str, int, int] | None] = field(default_factory=dict)


def _sentence_cues(text: str, s0: int, e0: int, lex: QuantityLexicons) -> _SentenceCues:
    masked, quoted = _mask_quotes(text, s0, e0)
    mtoks = _Toks(masked, 0, len(masked))
    speech, firsts = lex.forms("speech"), lex.forms("speech_first")
    cues = []
    for a, b, word in mtoks.toks:
        if word in speech:
            cues.append((s0 + a, s0 + b))
        elif word in firsts:  # "point out": a cue of two words
            m = lex.pattern("speech").match(masked, a)
            if m:
                cues.append((s0 + m.start(), s0 + m.end()))
    by_name = None
    for m in lex.pattern("by_cue").finditer(masked):
        by_name = _name_after(mtoks, s0, s0 + m.end(), text, lex)
        if by_name:
            break
    return _SentenceCues(masked, mtoks, quoted, cues, by_name, [c[0] for c in cues], [q[0] for q in quoted])


def _find_source(
    sc: _SentenceCues, s0: int, fig_start: int, text: str, lex: QuantityLexicons
) -> tuple[str, int, int] | None:
    """Who gives the figure at ``fig_start`` in its sentence, or None.

    Tried in order: "according to X" (or "reports in X", "remarks made by X") anywhere in
    the sentence; the nearest speech or finding verb before the figure (or before the
    quotation it sits in) with a name as its subject; a speech verb after it ("…, X said",
    "…, said X").
    """
    if sc.by_name:
        return sc.by_name
    q = bisect.bisect_left(sc.quoted_starts, fig_start) - 1  # quotations do not overlap: one may hold it
    inside = sc.quoted[q] if q >= 0 and fig_start < sc.quoted[q][1] else None
    anchor = inside[0] if inside else fig_start

    def subject(cs: int) -> tuple[str, int, int] | None:
        if cs not in sc.subjects:
            sc.subjects[cs] = _subject_before(sc.mtoks, s0, cs, text, lex)
        return sc.subjects[cs]

    k = bisect.bisect_left(sc.cue_starts, anchor)
    for cs, _ce in reversed(sc.cues[max(0, k - _MAX_CUES) : k]):
        got = subject(cs)
        if got:
            return got  # a name, or _PRONOUN for "he said"
    end_fig = inside[1] if inside else fig_start
    k = bisect.bisect_left(sc.cue_starts, end_fig)
    for cs, ce in sc.cues[k : k + _MAX_CUES]:
        got = subject(cs)
        if got is _PRONOUN or (got and got[1] >= end_fig):
            return got
        if ce not in sc.names_after:
            sc.names_after[ce] = _name_after(sc.mtoks, s0, ce, text, lex)
        if sc.names_after[ce]:
            return sc.names_after[ce]
    return None


def _earlier_speaker(
    text: str, sentences: tuple[tuple[int, int], ...], index: int, lex: QuantityLexicons
) -> tuple[str, int, int] | None:
    """The named speaker of one of the two sentences before ``index`` ("Maas said …. He added …")."""
    for ps, pe in reversed(sentences[max(0, index - 2) : index]):
        got = _find_source(_sentence_cues(text, ps, pe, lex), ps, pe, text, lex)
        if got is _PRONOUN:
            continue
        if got:
            return got
    # "The rescue chief, Ana Berg, came to the gate … He said …": a person introduced by role
    # and name at the start of a sentence just before
    for ps, pe in reversed(sentences[max(0, index - 3) : index]):
        m = _APPOSITION.match(text, ps, pe)
        if m:
            return m.group(1), m.start(1), m.end(1)
    return None


# "The fire chief, Ana Berg, …": a role, then a capitalised name between commas
_APPOSITION = re.compile(r"(?:The|Their|Its|A)\s+[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,3},\s+"
                         r"((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3}),")


# ---------------------------------------------------------------------------- main


def _headline(text: str, para: tuple[int, int] | None) -> bool:
    """A title-case line without closing punctuation: a headline or section head.

    Headlines restate a body figure in short ("Rangers Rescue Three Stranded Hikers"); the body
    sentence carries the claim with its source, so figures are read there only.
    """
    if para is None:
        return False
    line = text[para[0] : para[1]].rstrip()
    if not line or line[-1] in '.!?"”’:;,':
        return False
    words = [w for w in _HEAD_WORD.findall(line) if len(w) > 3]
    return bool(words) and sum(_is_cap(w) for w in words) >= 0.7 * len(words)


def _small_count_ok(
    n: _Num, qual: str | None, ph: _Phrase, text: str, st: _Toks, s0: int, lex: QuantityLexicons
) -> bool:
    """Whether a small number word ("two", "several") counts something the article claims.

    "two kingdoms long divided by a river", "the two provinces", "one climber", "one of
    the largest clinics" name things rather than count them, so a small word counts only
    when it is qualified ("for over eight months") or counts a plural noun phrase that is
    the object of an event verb ("arrested three smugglers", "the capture of three
    poachers") or the subject of one ("three miners were killed").
    """
    if qual:
        return True
    left = st.last(s0, n.start, _LOOK_BACK)
    if left and left[-1][2].lower() in lex.words("determiner"):
        return False
    if not n.vague and text[n.end : n.end + 4].lower().startswith(" of") and not ph.before:
        # "one of the largest clinics", "two of them" (but "killing two of their …"); a part
        # that opens its clause and of which something is said counts: "Two of them remain in
        # a serious condition", "Six of the injured were being treated"
        return ph.partitive and bool(ph.verb) and not ph.verb_is_pp and _opens_clause(st, s0, n.start)
    if not ph.np or not _plural(ph.head, lex):
        return False
    if ph.before:
        return True
    if not ph.verb or ph.verb_is_pp:
        return False
    first = ph.verb.split()[0].lower()
    # "three miners died", "two soldiers were killed"; not "several dockers told the paper"
    return first in lex.forms("event") or (ph.aux and _participle(first, lex))


def _collective(text: str, st: _Toks, s0: int, start: int, lex: QuantityLexicons) -> tuple[int, str] | None:
    """(start, noun) of "crew of", "a team of" right before a figure ("his crew of eight"), else None."""
    left = st.last(s0, start, _LOOK_BACK)
    if len(left) < 2 or left[-1][2].lower() != "of" or left[-2][2].lower() not in lex.words("collective"):
        return None
    k = len(left) - 2
    if k > 0 and left[k - 1][2].lower() in _ARTICLES | lex.words("determiner"):
        k -= 1
    return left[k][0], left[-2][2]


def _opens_clause(st: _Toks, s0: int, start: int) -> bool:
    """True when ``start`` begins its sentence or follows a comma, dash or "with"/"and"."""
    left = st.last(s0, start, _LOOK_BACK)
    return not left or left[-1][2] in (",", ";", "—", "–", "-") or left[-1][2].lower() in ("with", "and")


def extract_quantities(doc: Document, *, lexicons: QuantityLexicons | None = None) -> list[Quantity]:
    """Numeric claims of one article, sorted by start.

    Example: in "Ruritanian officials said at least 4,000 soldiers were killed." the
    figure is ``at least 4,000 soldiers``: value 4000, low 4000, high None, qualifier
    "at_least", measure "soldiers killed", source "Ruritanian officials", not hedged.
    ("Officials said …" alone names nobody: source None.)

    Args:
        doc (Document): a prepared document (sentences filled in by the clean stage).
        lexicons (QuantityLexicons | None): word lists and tables; the shipped ones by default.

    Returns:
        list[Quantity]: one item per figure, outside boilerplate and headlines, sorted by start.
    """
    lex = lexicons or load_quantity_lexicons()
    text = doc.text
    out: list[Quantity] = []
    title = doc.meta.title_span
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased
        lowered = "".join(c.lower()[0] for c in text)
    lowered = " " + lowered  # the trigger pattern starts on the character before a word
    triggers = []
    for m in lex.pattern("trigger").finditer(lowered):
        a, b = m.start(), m.end()  # a: the word's offset in ``text`` (one less in ``lowered``)
        if lowered[b - 1].isdigit() or b == len(lowered) or not lowered[b].isalpha():
            triggers.append(a)
    para_starts = [p[0] for p in doc.paragraphs]
    prev: tuple[int, int] | None = None
    for s_index, (s0, e0) in enumerate(doc.sentences):
        # a sentence ending with a colon introduces the next one: "Reports in X offered evidence:"
        lead_in = prev if prev and text[prev[0] : prev[1]].rstrip().endswith(":") else None
        prev = (s0, e0)
        k = bisect.bisect_left(triggers, s0)
        if k == len(triggers) or triggers[k] >= e0:
            continue
        pi = bisect.bisect_right(para_starts, s0) - 1
        para = doc.paragraphs[pi] if pi >= 0 else None
        if doc.is_boilerplate(s0, e0) or (title and title.overlaps(s0, e0)) or _headline(text, para):
            continue
        cues: _SentenceCues | None = None
        sent_source_hint = (
            _find_source(_sentence_cues(text, lead_in[0], lead_in[1], lex), lead_in[0], lead_in[1], text, lex)
            if lead_in
            else None
        )
        if sent_source_hint is _PRONOUN:
            sent_source_hint = None
        nums = _find_numbers(text, triggers[k : bisect.bisect_left(triggers, e0, k)], lex, e0)
        # "one" alone never counts a plural noun phrase ("one soldier", "one of the"): it is
        # a claim only when qualified ("more than one"); dropping it here saves the
        # sentence's closer reading in most prose
        nums = [
            n
            for n in nums
            if not (
                n.word and n.value == 1 and not lex.pattern("qualifier").search(text, max(s0, n.start - 20), n.start)
            )
        ]
        if not nums:
            continue
        used: set[int] = set()
        st = _Toks(text, s0, e0)
        last_np = ""  # "212 votes in favour and 97 against": the second counts votes too
        sentence_hedged: bool | None = None
        for idx, n in enumerate(nums):
            if idx in used:
                continue
            start, end = n.start, n.end
            second: _Num | None = None
            between = _BETWEEN.search(text, max(s0, start - 9), start)
            if idx + 1 < len(nums):
                nxt = nums[idx + 1]
                gap = text[n.end : nxt.start]
                if _RANGE_JOIN.match(gap) and (gap.strip() != "and" or between) and nxt.word == n.word:
                    if gap.strip() in "-–—" and (nxt.high or 0) < (n.low or 0) and not between:
                        used.add(idx + 1)
                        continue  # "won 3-1": a score, not a range
                    second = nxt
                    used.add(idx + 1)
                    if second.mult > 1 and n.mult == 1 and not n.word:
                        # "between 2 and 3 million": the scale of the second number is the first's too
                        n = dataclasses.replace(n, value=(n.value or 0) * second.mult, low=n.low * second.mult)
                    end = nxt.end
                    if between:
                        start = between.start(1)
            # qualifier and pre-unit in front ("about", "$", "over a dozen")
            qual_m = lex.pattern("qualifier").search(text, max(s0, start - 20), start)
            unit: str | None = None
            unit_words: str | None = None
            pre = lex.pattern("unit_pre").search(text, max(s0, start - 4), start)
            if pre:
                unit = next(u[2] for u in lex.units if u[0] == pre.group(1))
                start = pre.start(1)
                qual_m = lex.pattern("qualifier").search(text, max(s0, start - 20), start)
            qual_word = qual_m.group(1).lower() if qual_m and not (second and between) else None
            if qual_m and qual_word:
                start = qual_m.start(1)
            post = lex.pattern("unit_post").match(text, end, e0)
            if post and unit is None:
                unit = next(u[2] for u in lex.units if u[0].lower() == post.group(1).lower())
                unit_words = post.group(1)
                end = post.end()
            after_unit = end
            if unit_words and text[after_unit : after_unit + 4].lower() != " of ":
                # "45 km long", "12 nautical miles, while…": the unit is what is counted
                ph = _Phrase()
            else:
                ph = _read_phrase(text, st, after_unit, e0, s0, start, lex)
            collective = _collective(text, st, s0, start, lex)
            if (
                n.word
                and not second
                and (n.high <= 10)
                and not collective
                and not _small_count_ok(n, qual_word, ph, text, st, s0, lex)
            ):
                continue
            if ph.head.lower() in lex.words("not_counted"):
                continue  # "nearly three times the monthly average": a ratio
            if (
                ph.head.lower() in lex.words("duration")
                and not qual_word
                and not second
                and text[max(s0, start - 8) : start].lower().rstrip().endswith(_WINDOW_WORDS)
            ):
                continue  # "in 48 hours", "for 72 hours", "over the past 10 years": a time window
            if n.word and n.vague and not (ph.np or ph.verb or text[n.end : n.end + 4].startswith(("”", '"'))):
                continue  # "by the hundreds" and the like give no count of anything
            if ph.np:
                end = max(end, ph.np_end)
            elif ph.verb and ph.verb_end > 0 and not unit:
                end = max(end, ph.verb_end)
            # value and interval
            value: float | None = n.value
            low: float | None = n.low
            high: float | None = n.high
            qualifier: Qualifier = "exact"
            if second:
                qualifier, low, high = "range", n.low, second.high
                value = n.value if n.value is not None else n.low
            elif n.vague:
                # a vague count keeps its own band; a bound word keeps only its side of it
                qualifier = "approximate"
                bound = lex.qualifiers[qual_word][0] if qual_word else None
                if bound in ("more_than", "at_least", "less_than", "at_most"):
                    qualifier = lex.qualifiers[qual_word or ""][0]
                    if bound in ("more_than", "at_least"):
                        high = None
                    else:
                        low = None
            elif qual_word:
                qualifier, lo_f, hi_f = lex.qualifiers[qual_word]
                v = float(value or 0.0)
                low = round(v * lo_f, 6) if lo_f is not None else None
                high = round(v * hi_f, 6) if hi_f is not None else None
            cues = cues or _sentence_cues(text, s0, e0, lex)
            source = _find_source(cues, s0, n.start, text, lex) or sent_source_hint
            if source is _PRONOUN:
                source = _earlier_speaker(text, doc.sentences, s_index, lex)
            if source is None and ph.partitive and not cues.cues and out and out[-1].source:
                # "Six were taken to hospital, a spokeswoman said. Two of them remain …": the
                # part is of the figure just given, on the same word
                last = out[-1]
                if last.source and last.source_start is not None and last.source_end is not None and last.end <= s0:
                    source = (last.source, last.source_start, last.source_end)
            if source is None and sentence_hedged is None:  # searched once per sentence, not per figure
                sentence_hedged = bool(lex.pattern("hedge").search(text, s0, e0))
            hedged = source is None and bool(sentence_hedged)
            lead = "" if (ph.np or ph.verb or ph.before) else _lead(text, st, s0, start, lex)
            measure = _measure(ph, unit_words, lead) or last_np
            if collective and not unit and not ph.np:
                # "his crew of eight had joined": the body is what is counted
                start = collective[0]
                measure = " ".join(p for p in (collective[1], ph.np, ph.verb) if p)
            last_np = ph.np or last_np
            out.append(
                Quantity(
                    doc=doc.id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=_clean_number(value),
                    low=_clean_number(low),
                    high=_clean_number(high),
                    qualifier=qualifier,
                    measure=measure,
                    unit=unit,
                    source=source[0] if source else None,
                    source_start=source[1] if source else None,
                    source_end=source[2] if source else None,
                    hedged=hedged,
                )
            )
    return _drop_repeats(out, lex)


def _drop_repeats(found: list[Quantity], lex: QuantityLexicons) -> list[Quantity]:
    """The figures in order, each repeat of an earlier one dropped.

    A repeat ("hundreds", then "hundreds of …") has the same value, interval and qualifier
    and either a source with the same last word or, both unattributed, a content word of
    the measure in common. Earlier figures are indexed by those keys, so a long list of
    equal figures ("1, 1, 1, …") costs linear time, not one comparison per pair.
    """
    sources: dict[tuple[object, ...], set[str]] = {}
    heads: dict[tuple[object, ...], set[str]] = {}
    kept: list[Quantity] = []
    for q in sorted(found, key=lambda q: (q.start, q.end)):
        key = (q.value, q.low, q.high, q.qualifier)
        if q.source:
            last = (q.source.split() or [""])[-1].lower()
            if last in sources.get(key, ()):
                continue
            sources.setdefault(key, set()).add(last)
        else:
            words = {w.lower() for w in q.measure.split()} - lex.words("function")
            if words & heads.get(key, set()):
                continue
            heads.setdefault(key, set()).update(words)
        kept.append(q)
    return kept


def _clean_number(x: float | None) -> float | None:
    """Whole numbers as ints-in-floats stay exact; float noise from the bands is rounded."""
    if x is None or x == int(x):
        return x
    r = round(x, 6)
    return float(int(r)) if r == int(r) else r
