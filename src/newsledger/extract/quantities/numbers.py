"""Numbers in a sentence's tokens: digits, number words, vague counts, fractions and multiples.

Each number is read into a value and the interval it stands for alone ("3.5 million",
"two dozen", "hundreds" → 200–999, "two-thirds" → 0.6667, "two and a half" → 2.5). Whether a
number is a claim at all (a year, a score, a model name) is decided later
(:mod:`.nonclaims`); units, ranges and bounds are read around it (:mod:`.figures`).

Only token texts are read here, through the parse's own tokenization; the one regular
expression reads the digits inside a token ("1,212", "-0.3", "1.2bn", "3.25%-3.5").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from .lexicon import QuantityLexicons, Unit
from .qualifiers import bound_words_before

__all__ = ["Number", "NumberKind", "read_numbers"]

NumberKind = Literal["count", "vague", "fraction", "multiple"]

# A number written in digits, alone in its token or with a glued suffix ("1.2bn", "10km").
# Whole numbers longer than this are identifiers, not figures (and would overflow a float).
_MAX_DIGITS = 15
_DIGITS = re.compile(r"([-+−]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)([^\W\d_]*)")
# two numbers the tokenizer left in one token: "3.25%-3.5", "6-1", "2012–13"
_GLUED_PAIR = re.compile(r"(\d[\d,]*(?:\.\d+)?)(%?)([-–—])(\d[\d,]*(?:\.\d+)?)")
_HYPHENS = frozenset(["-", "–", "—"])
_ARTICLES = frozenset(["a", "an"])
# words before a fraction that make it a part of time or a game, not of a whole ("the third quarter")
_ORDINAL_BEFORE = frozenset(["the", "first", "second", "third", "fourth", "last", "final", "opening", "next"])
_ORDINALS = _ORDINAL_BEFORE - {"the"}  # "the first three quarters"; but "the three-fifths majority" is a share


@dataclass(frozen=True, slots=True)
class Number:
    """One number as written: its tokens, characters and the interval it stands for alone.

    Attributes:
        first, last: the first and last token (inclusive) of the number's words.
        start, end: its characters (a glued pair "3.25%-3.5" gives two numbers in one token).
        value: the number as written (None for a vague count such as "hundreds").
        low, high: the interval the words allow alone.
        kind: count, vague ("hundreds"), fraction ("two-thirds") or multiple ("twice").
        word: written in words.
        scale: the scale word or suffix written with it ("3 million" → 1e6; 1 when none).
        unit: a unit glued to the digits ("10km", "3.25%-…").
    """

    first: int
    last: int
    start: int
    end: int
    value: float | None
    low: float
    high: float
    kind: NumberKind = "count"
    word: bool = False
    scale: float = 1.0
    unit: Unit | None = None

    @property
    def scaled(self) -> bool:
        """A scale word or suffix is part of it ("3 million", "1.2bn", "a dozen")."""
        return self.scale != 1.0

    @property
    def small(self) -> bool:
        """A count written in words of ten or less ("three", "several"): a claim only with a noun."""
        return self.word and self.kind in ("count", "vague") and self.high <= 10


def _float(digits: str) -> float | None:
    """The value of "1,735" or "3.5"; None when it is too long to be a figure."""
    whole = digits.replace(",", "").split(".")[0]
    if len(whole) > _MAX_DIGITS:
        return None
    value = float(digits.replace(",", ""))
    return value if math.isfinite(value) else None


def _exact(first: int, last: int, start: int, end: int, value: float, *, kind: NumberKind = "count",
           word: bool = False, scale: float = 1.0, unit: Unit | None = None) -> Number:
    return Number(first, last, start, end, value, value, value, kind, word, scale, unit)


def read_numbers(doc: Doc, lo: int, hi: int, lex: QuantityLexicons, *,
                 starts: Iterable[int] | None = None) -> list[Number]:
    """The numbers among tokens ``lo``..``hi`` (exclusive) of a parse, in order.

    Example: in "Some 3.5 million voters and two-thirds of members" the numbers are
    "3.5 million" (3,500,000) and "two-thirds" (0.6667, a fraction).

    Args:
        doc (Doc): the parse.
        lo, hi (int): the token range, usually one sentence.
        lex (QuantityLexicons): the number words.
        starts (Iterable[int] | None): the only tokens that may begin a number, in order, when
            the caller knows them (a digit first or a number word); every token otherwise.
    Returns:
        list[Number]: one per number, in text order.
    """
    out: list[Number] = []
    after = lo
    for i in range(lo, hi) if starts is None else starts:
        if i < after or not lo <= i < hi:
            continue
        got = _read_at(doc, i, hi, lex)
        if got:
            out.extend(got)
            after = got[-1].last + 1
    return out


def _read_at(doc: Doc, i: int, hi: int, lex: QuantityLexicons) -> list[Number]:
    tok = doc[i]
    if tok.text[:1].isdigit() or (tok.text[:1] in "-+−." and tok.text[1:2].isdigit()):
        return _read_digits(doc, i, hi, lex)
    if tok.lower_ in lex.starters:
        got = _read_words(doc, i, hi, lex)
        return [got] if got else []
    return []


# ---------------------------------------------------------------------------- digits


def _read_digits(doc: Doc, i: int, hi: int, lex: QuantityLexicons) -> list[Number]:
    tok = doc[i]
    if i > 0 and not doc[i - 1].whitespace_ and (doc[i - 1].text[-1:].isalnum() or doc[i - 1].text[-1:] in "_@#/\\"):
        return []  # "page2", "#1", "@user_22": part of a name or handle
    pair = _GLUED_PAIR.fullmatch(tok.text)
    if pair:
        return _glued_pair(doc, i, pair, lex)
    m = _DIGITS.fullmatch(tok.text)
    if m is None:
        return []
    sign, digits, glued = m.group(1), m.group(2), m.group(3).lower()
    value = _float(digits)
    if value is None:
        return []
    if sign in ("-", "−"):
        value = -value
    scale, unit, last = 1.0, None, i
    if glued:
        if glued in lex.suffixes and not (glued in lex.units_glued and not _money_scale(doc, i, i, lex)):
            scale = lex.suffixes[glued]
        elif glued in lex.units_glued:
            unit = lex.units_glued[glued]
        else:
            return []  # "1990s", "3rd", "5pm": a decade, an ordinal, a time
    elif not tok.whitespace_ and i + 1 < hi:
        nxt = doc[i + 1].lower_
        if nxt in lex.suffixes and not (nxt in lex.units_glued and not _money_scale(doc, i, i + 1, lex)):
            scale, last = lex.suffixes[nxt], i + 1
        elif nxt in lex.units_glued:
            unit, last = lex.units_glued[nxt], i + 1
        elif doc[i + 1].text[:1].isalnum() and nxt not in lex.scales:
            return []  # "2008s" split oddly, "5am": not a figure
    end_tok = last
    while glued == "" and last == i and end_tok + 1 < hi and doc[end_tok + 1].lower_ in lex.scales:
        scale *= lex.scales[doc[end_tok + 1].lower_]  # "3.5 million", "two hundred thousand"
        end_tok += 1
    split = _split_thousands(doc, i, hi, value, lex) if scale == 1.0 and end_tok == i else None
    if split is not None:
        return [split]
    value *= scale
    start, end = tok.idx, doc[end_tok].idx + len(doc[end_tok].text)
    return [_exact(i, end_tok, start, end, value, scale=scale, unit=unit)]


def _money_scale(doc: Doc, first: int, last: int, lex: QuantityLexicons) -> bool:
    """Whether a glued "m"/"b" is a scale ("$5m", "40m people") rather than a unit ("1500m")."""
    before = doc[first - 1].text if first > 0 else ""
    if before in lex.units_pre:
        return True
    if last + 1 < len(doc):
        nxt = doc[last + 1]
        money = lex.units_post.get((nxt.lower_,))
        return nxt.tag_ in ("NNS", "NNPS") or nxt.lower_ == "of" or (money is not None and money.dimension == "money")
    return False


def _glued_pair(doc: Doc, i: int, m: re.Match[str], lex: QuantityLexicons) -> list[Number]:
    """Two numbers in one token ("3.25%-3.5", "6-1"): two Numbers with offsets inside the token."""
    tok = doc[i]
    a, b = _float(m.group(1)), _float(m.group(4))
    if a is None or b is None:
        return []
    unit = lex.units_post.get(("%",)) if m.group(2) else None
    first = _exact(i, i, tok.idx + m.start(1), tok.idx + m.end(2), a, unit=unit)
    second = _exact(i, i, tok.idx + m.start(4), tok.idx + m.end(4), b)
    return [first, second]


def _split_thousands(doc: Doc, i: int, hi: int, value: float, lex: QuantityLexicons) -> Number | None:
    """ "4, 512": thousands split by a stray space after the comma, read as 4,512.

    Only a lone group of one to three digits, a comma with one space, then exactly three
    digits that end the number (not a list "4, 512, 600", not a date "May 4, 512").
    """
    tok = doc[i]
    if (i + 2 >= hi or not re.fullmatch(r"\d{1,3}", tok.text) or doc[i + 1].text != "," or doc[i + 1].whitespace_ != " "
            or tok.whitespace_):
        return None
    third = doc[i + 2]
    if not re.fullmatch(r"\d{3}", third.text) or (i > 0 and doc[i - 1].text == ","):
        return None
    if i > 0 and doc[i - 1].lower_.rstrip(".") in lex.months:
        return None
    if i + 4 < hi and doc[i + 3].text == "," and doc[i + 4].text[:1].isdigit():
        return None
    return _exact(i, i + 2, tok.idx, third.idx + 3, value * 1000 + float(third.text))


# ---------------------------------------------------------------------------- words


def _read_words(doc: Doc, i: int, hi: int, lex: QuantityLexicons) -> Number | None:
    low = doc[i].lower_
    vague = _read_vague(doc, i, hi, lex)
    if vague:
        return vague
    if low in lex.multiples:
        nxt = doc[i + 1] if i + 1 < hi else None
        if nxt is not None and (nxt.lower_ in ("as", "the", "that", "this", "what") or nxt.tag_ in ("JJR", "RBR")):
            return _exact(i, i, doc[i].idx, doc[i].idx + len(doc[i].text), lex.multiples[low], kind="multiple",
                          word=True)
        return None
    if low in lex.fractions or (low in _ARTICLES and i + 1 < hi and doc[i + 1].lower_ in lex.fractions):
        return _read_fraction(doc, i, hi, lex)
    if low in _ARTICLES and i + 1 < hi and doc[i + 1].lower_ in lex.durations and (
            bound_words_before(doc, i, 0, lex) is not None):
        # "more than an hour", "for over a year": one unit of time under a bound is a figure
        return _exact(i, i, doc[i].idx, doc[i].idx + len(doc[i].text), 1.0, word=True)
    return _read_cardinal(doc, i, hi, lex)



def _read_vague(doc: Doc, i: int, hi: int, lex: QuantityLexicons) -> Number | None:
    """ "hundreds", "tens of thousands", "several", "a couple"; "several hundred" multiplies the band."""
    best: tuple[int, tuple[float, float]] | None = None
    for n in range(min(lex.max_words, hi - i), 0, -1):
        words = tuple(doc[k].lower_ for k in range(i, i + n))
        if words in lex.vague:
            best = (i + n - 1, lex.vague[words])
            break
    if best is None:
        return None
    last, (low, high) = best
    scale = 1.0
    if high <= 10:
        k = last + 1
        if k + 1 < hi and doc[k].lower_ == "of" and doc[k + 1].lower_ in lex.scales:
            k += 1  # "a couple of thousand"
        if k < hi and doc[k].lower_ in lex.scales:
            scale = lex.scales[doc[k].lower_]
            low, high, last = low * scale, high * scale, k
    start, end = doc[i].idx, doc[last].idx + len(doc[last].text)
    return Number(i, last, start, end, None, low, high, kind="vague", word=True, scale=scale)


def _read_fraction(doc: Doc, i: int, hi: int, lex: QuantityLexicons) -> Number | None:
    """ "a third of", "half of", "half a million", "a half dozen", "a half-point cut"."""
    if i > 0 and doc[i - 1].lower_ in _ORDINAL_BEFORE:
        return None  # "the third quarter", "the first half"
    k = i + 1 if doc[i].lower_ in _ARTICLES else i
    part = lex.fractions[doc[k].lower_]
    after = doc[k + 1].lower_ if k + 1 < hi else ""
    after2 = doc[k + 2].lower_ if k + 2 < hi else ""
    start = doc[i].idx
    if after in lex.scales:  # "a half dozen" = 6
        return _exact(i, k + 1, start, doc[k + 1].idx + len(doc[k + 1].text), part * lex.scales[after], word=True,
                      scale=lex.scales[after])
    if after in _ARTICLES and after2 in lex.scales:  # "half a million" = 500,000
        return _exact(i, k + 2, start, doc[k + 2].idx + len(doc[k + 2].text), part * lex.scales[after2], word=True,
                      scale=lex.scales[after2])
    if after == "of" or (after in _HYPHENS and after2 and (after2,) in lex.units_post):
        return _exact(i, k, start, doc[k].idx + len(doc[k].text), part, kind="fraction", word=True)
    return None


def _read_cardinal(doc: Doc, i: int, hi: int, lex: QuantityLexicons) -> Number | None:
    """ "twenty-five", "two hundred and fifty", "a dozen", "three dozen", "two and a half", "two-thirds"."""
    total, current, k, last = 0.0, 0.0, i, -1
    scale = 1.0
    while k < hi:
        low = doc[k].lower_
        if low in lex.cardinals:
            if last >= 0 and doc[last].lower_ in lex.cardinals and not (
                    lex.cardinals[doc[last].lower_] >= 20 and lex.cardinals[low] < 10):
                break  # "two three": two numbers
            current += lex.cardinals[low]
        elif low in lex.scales:
            factor = lex.scales[low]
            base = current or 1.0
            if factor >= 1000:
                total += base * factor
                current = 0.0
            else:
                current = base * factor
            scale = factor
        elif low in _ARTICLES and last < 0 and k + 1 < hi and doc[k + 1].lower_ in lex.scales:
            current = 0.0  # "a dozen", "a million": the scale alone is one of it
        elif low in _HYPHENS and last >= 0 and k + 1 < hi and doc[k + 1].lower_ in lex.cardinals and not doc[
                k].whitespace_:
            pass  # "twenty-five"
        elif low == "and" and last >= 0 and doc[last].lower_ in ("hundred",) and k + 1 < hi and doc[
                k + 1].lower_ in lex.cardinals:
            pass  # "two hundred and fifty"
        else:
            break
        if low not in _HYPHENS and low != "and" and low not in _ARTICLES:
            last = k
        k += 1
    if last < 0:
        return None
    value = total + current
    start = doc[i].idx
    end_tok = last
    # "two and a half" = 2.5; "two-thirds" = 2 x 1/3; "one third"; "one in five" = 0.2
    nxt = doc[end_tok + 1].lower_ if end_tok + 1 < hi else ""
    if nxt == "and" and end_tok + 3 < hi and doc[end_tok + 2].lower_ in _ARTICLES and doc[end_tok + 3].lower_ == "half":
        half = doc[end_tok + 3]
        return _exact(i, end_tok + 3, start, half.idx + len(half.text), value + 0.5, word=True)
    k = end_tok + 1
    if k < hi and doc[k].lower_ in _HYPHENS and not doc[end_tok].whitespace_:
        k += 1
    if (k < hi and doc[k].lower_ in lex.fractions and scale == 1.0 and value < 20
            and not (i > 0 and doc[i - 1].lower_ in _ORDINALS)):
        fraction = value * lex.fractions[doc[k].lower_]
        return _exact(i, k, start, doc[k].idx + len(doc[k].text), round(fraction, 4), kind="fraction", word=True)
    ratio = _one_in(doc, end_tok, hi, value, lex)
    if ratio is not None:
        last_tok, share = ratio
        return _exact(i, last_tok, start, doc[last_tok].idx + len(doc[last_tok].text), round(share, 4),
                      kind="fraction", word=True)
    return _exact(i, end_tok, start, doc[end_tok].idx + len(doc[end_tok].text), value, word=True, scale=scale)


def _one_in(doc: Doc, k: int, hi: int, value: float, lex: QuantityLexicons) -> tuple[int, float] | None:
    """ "one in five", "one in every five", "three out of four": (last token, share)."""
    j = k + 1
    if j < hi and doc[j].lower_ == "in":
        j += 1
        if j < hi and doc[j].lower_ == "every":
            j += 1
    elif j + 1 < hi and doc[j].lower_ == "out" and doc[j + 1].lower_ == "of":
        j += 2
    else:
        return None
    if j >= hi:
        return None
    low = doc[j].lower_
    whole = lex.cardinals.get(low) or (_float(low) if re.fullmatch(r"\d+", low) else None)
    if not whole or whole <= value:
        return None
    return j, value / whole
