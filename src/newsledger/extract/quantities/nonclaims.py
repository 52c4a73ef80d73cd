"""Numbers that are no claim: years and dates, times of day, ages, phone numbers, scores, names.

Each rule reads the parse around one number (its neighbours, the noun it modifies, the
entity it sits in) and says why the number is left out, e.g. "455 Class" (a number that
modifies a proper noun names a model), "won 6-1 5-7" (pairs of scores), "Ms Lind, 47"
(an age after a name), "in 2019" (a year), "call 555-1234" (a phone number).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import QuantityLexicons
from .numbers import Number

__all__ = ["age_of", "drop_nonclaims"]

_DASHES = frozenset(["-", "–", "—"])
_RANGE_WORDS = frozenset(["or", "to", "-", "–", "and"])
_PLURAL_TAGS = frozenset(["NNS", "NNPS"])
# a number inside a named entity of these types is part of a name ("Nokia 7610", "the Six Nations")
_NAME_ENTITIES = frozenset(["ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC"])
# a proper noun right after a number that is one of these is a group counted ("300 Varno rebels");
# any other makes the number part of a model's name ("455 Class trains", "10 Downing Street")
_GROUP_ENTITIES = frozenset(["ORG", "NORP", "GPE", "LOC"])
# prepositions before a four-digit number that make it a year ("in 1996 shuttered ports")
_YEAR_PREPS = frozenset(["in", "since", "until", "till", "by", "before", "after", "during", "from", "through", "of"])
_AGE_TAIL = (("-", "year", "-", "old"), ("year", "-", "old"), ("-", "years", "-", "old"), ("years", "old"),
             ("-", "month", "-", "old"), ("month", "-", "old"), ("months", "old"))
_AGE_MAX = 120
_SCORE_MAX = 200
_PHONE_DIGITS = 7  # a run of digit groups this long, split by spaces or hyphens, is a phone number


def drop_nonclaims(doc: Doc, numbers: list[Number], lo: int, hi: int, lex: QuantityLexicons) -> list[Number]:
    """The numbers of one sentence (tokens ``lo``..``hi``) that may be claims.

    Example: of "Nadal won 6-1 5-7 in 2008 and 3,000 fans cheered." only "3,000" stays.

    Args:
        doc (Doc): the parse.
        numbers (list[Number]): the sentence's numbers, in order (:func:`read_numbers`).
        lo, hi (int): the sentence's token range.
        lex (QuantityLexicons): context words (months, labels, score and race words...).
    Returns:
        list[Number]: the numbers left, in order.
    """
    gone: set[int] = set()
    _mark_pairs(doc, numbers, lo, lex, gone)
    _mark_phones(doc, numbers, gone)
    gone.update(k for k, n in enumerate(numbers) if _alone_nonclaim(doc, n, lo, hi, lex))
    return [n for k, n in enumerate(numbers) if k not in gone]


def age_of(doc: Doc, n: Number, lo: int, hi: int, lex: QuantityLexicons) -> tuple[int, int] | None:
    """When ``n`` is somebody's age, the token range of whom it is the age of, else None.

    "a 47-year-old nurse" → "nurse"; "Vera Holt, 47," → "Vera Holt"; "aged 41" and "Holt is
    47" → their person (or an empty range at the number when the text names nobody). An age
    is a figure like any other: two outlets giving one man two ages conflict.
    """
    before = doc[n.first - 1] if n.first > lo else None
    after = doc[n.last + 1] if n.last + 1 < hi else None
    if not _is_age(doc, n, before, after, lex):
        return None
    if _age_tail(doc, n):
        k = n.last + 1
        while k < hi and doc[k].lower_ in ("-", "year", "years", "month", "months", "old"):
            k += 1
        noun = doc[k] if k < hi else None
        while noun is not None and noun.pos_ in ("ADJ", "PROPN", "NOUN") and noun.dep_ in ("amod", "compound") \
                and noun.head.i > noun.i and noun.head.i < hi:
            noun = noun.head
        if noun is not None and noun.pos_ in ("NOUN", "PROPN"):
            return k, noun.i + 1
        return n.first, n.first
    if n.first >= 2 and before is not None and before.text in (",", "("):
        name = doc[n.first - 2]
        start = name.i
        while start > lo and doc[start - 1].pos_ == "PROPN":
            start -= 1
        return start, name.i + 1
    return n.first, n.first


def _digits_only(n: Number, doc: Doc) -> bool:
    """A whole number in plain digits, no comma, scale or unit: "455", "1996", "555"."""
    return not n.word and n.unit is None and not n.scaled and n.value is not None and n.value == int(n.value) and (
        n.first == n.last and "," not in doc[n.first].text)


def _is_year(n: Number, doc: Doc) -> bool:
    return _digits_only(n, doc) and n.end - n.start == 4 and 1500 <= (n.value or 0) <= 2100


# ---------------------------------------------------------------------------- pairs and runs


def _joined_by_dash(doc: Doc, a: Number, b: Number) -> bool:
    """ "6-1": two numbers with a dash and no space between them (one token or three)."""
    if a.last == b.first:
        return True
    return b.first == a.last + 2 and doc[a.last + 1].text in _DASHES and not doc[a.last].whitespace_ and not doc[
        a.last + 1].whitespace_


def _mark_pairs(doc: Doc, numbers: list[Number], lo: int, lex: QuantityLexicons, gone: set[int]) -> None:
    """Scores ("won 6-1 5-7", "3-1") and year spans ("2012–13", "1961-64")."""
    pairs = [k for k in range(len(numbers) - 1) if _joined_by_dash(doc, numbers[k], numbers[k + 1])]
    for k in pairs:
        a, b = numbers[k], numbers[k + 1]
        if _is_year(a, doc) and _digits_only(b, doc) and b.end - b.start in (2, 4):
            gone.update((k, k + 1))  # "2012–13": a span of years
            continue
        if not (_digits_only(a, doc) and _digits_only(b, doc)) or max(a.value or 0, b.value or 0) > _SCORE_MAX:
            continue
        neighbours = (k - 2 in pairs and numbers[k - 1].last + 2 >= a.first) or (
            k + 2 in pairs and numbers[k + 2].first <= b.last + 2)
        before = doc[max(lo, a.first - 3):a.first]
        played = any(t.lower_ in lex.kind("score") or t.head.lower_ in lex.kind("score") for t in before)
        between = a.first > lo and doc[a.first - 1].lower_ in ("between", "from")
        if neighbours or played or ((b.value or 0) < (a.value or 0) and not between):
            gone.update((k, k + 1))


def _mark_phones(doc: Doc, numbers: list[Number], gone: set[int]) -> None:
    """Digit groups split by spaces, hyphens or brackets, seven digits or more: "(555) 123-4567"."""
    k = 0
    while k < len(numbers):
        run = [k]
        while run[-1] + 1 < len(numbers):
            a, b = numbers[run[-1]], numbers[run[-1] + 1]
            if not _digits_only(b, doc) or not _digits_only(a, doc) or b.first - a.last > 3:
                break
            gap = doc[a.last].whitespace_ + "".join(t.text_with_ws for t in doc[a.last + 1:b.first])
            if len(gap) > 2 or gap.strip(" -.()") != "":
                break
            run.append(run[-1] + 1)
        digits = sum(numbers[j].end - numbers[j].start for j in run)
        first = numbers[k]
        plus = doc[first.first].text[:1] == "+" or (first.first > 0 and doc[first.first - 1].text == "(")
        if len(run) >= 2 and (digits >= _PHONE_DIGITS or plus):
            gone.update(run)
        k = run[-1] + 1


# ---------------------------------------------------------------------------- one number


def _alone_nonclaim(doc: Doc, n: Number, lo: int, hi: int, lex: QuantityLexicons) -> bool:
    before = doc[n.first - 1] if n.first > lo else None
    after = doc[n.last + 1] if n.last + 1 < hi else None
    if n.word:
        if before is not None and before.lower_ in lex.kind("label"):
            return True  # "the top five", "number one"
        # "the Six Nations", "Group of Seven": a number word with a capital inside a sentence
        return n.first > lo and doc[n.first].text[:1].isupper() and before is not None and before.is_alpha
    return (_is_date_or_time(doc, n, before, after, lex)
            or _is_name(doc, n, before, after, lex) or _is_race(doc, n, before, after, lex))


def _age_tail(doc: Doc, n: Number) -> bool:
    """ "47-year-old", "47 years old"."""
    tail = tuple(t.lower_ for t in doc[n.last + 1:n.last + 5])
    return any(tail[:len(p)] == p for p in _AGE_TAIL)


def _is_date_or_time(doc: Doc, n: Number, before: Token | None, after: Token | None, lex: QuantityLexicons) -> bool:
    """ "in 2019", "March 4", "3 March", "7 p.m.", "0900 GMT"."""
    if _is_year(n, doc):
        noun = _counted_noun(doc, n)
        plural = noun is not None and (noun.tag_ in _PLURAL_TAGS or noun.lower_ in lex.kind("plural"))
        # "in 1996 shuttered ports", "the 1993 floods": a count this size is written with a comma
        dated = before is not None and (before.lower_ in _YEAR_PREPS or before.lower_ == "the" or before.tag_ == "POS")
        return not plural or dated
    if not _digits_only(n, doc):
        return False
    value = n.value or 0
    if after is not None and after.lower_ in lex.kind("clock") and value <= 2400:
        return True
    day = 1 <= value <= 31
    if day and before is not None and before.lower_.rstrip(".") in lex.months and before.text[:1].isupper():
        return True
    if day and after is not None and after.lower_.rstrip(".") in lex.months and after.text[:1].isupper():
        return True
    return bool(day and after is not None and after.lower_ == "of" and n.last + 2 < len(doc)
                and doc[n.last + 2].lower_ in lex.months)


def _is_age(doc: Doc, n: Number, before: Token | None, after: Token | None, lex: QuantityLexicons) -> bool:
    """ "a 47-year-old", "aged 41", "at the age of 41", "Ms Lind, 47,", "Lind (47)"."""
    if (n.value or 0) > _AGE_MAX:
        return False
    if _age_tail(doc, n):
        return True  # "a 47-year-old", "a six-month-old filly"
    if not _digits_only(n, doc):
        return False
    tok = doc[n.last]
    if tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be" and not tok.n_rights and any(
            k.dep_ == "nsubj" and (k.pos_ == "PRON" or k.ent_type_ == "PERSON") for k in tok.head.lefts):
        return True  # "when I'm 74", "Lind is 47"
    if before is None:
        return False
    if before.lower_ in lex.kind("age") or (before.lower_ == "of" and n.first >= 2 and doc[n.first - 2].lower_ in
                                             lex.kind("age")):
        return True
    if n.first < 2:
        return False
    name = doc[n.first - 2]
    closes = after is None or after.text in (",", ")", ";", ".")
    person = name.pos_ == "PROPN" or name.ent_type_ == "PERSON"
    bracketed = before.text == "(" and after is not None and after.text == ")"
    return person and closes and (before.text == "," or bracketed)


def _counted_noun(doc: Doc, n: Number) -> Token | None:
    """The noun the number modifies ("455 Class" → Class; "7610 phone" → phone), else None."""
    tok = doc[n.last]
    if tok.dep_ in ("nummod", "compound", "quantmod", "nmod", "amod") and tok.head.i != tok.i and tok.head.pos_ in (
            "NOUN", "PROPN"):
        return tok.head
    return None


def _is_name(doc: Doc, n: Number, before: Token | None, after: Token | None, lex: QuantityLexicons) -> bool:
    """ "FTSE 100", "Article 5", "455 Class", "the Nokia 7610 phone", "10 Downing Street"."""
    if not _digits_only(n, doc):
        return False
    if (after is not None and after.lower_ in lex.unit_starts) or (before is not None and before.text in lex.units_pre):
        return False  # "11 per cent", "$300"
    if doc[n.first].ent_type_ in _NAME_ENTITIES:
        return True  # "the Nokia 7610 phone", "the Fokker 100"
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and (
            after.ent_type_ not in _GROUP_ENTITIES) and doc[n.last].whitespace_ != "":
        return True  # "455 Class trains", "10 Downing Street"
    if before is not None and before.is_title and before.is_alpha and not before.is_sent_start and not (
            before.is_stop or before.lower_ in lex.months or before.ent_type_ in ("DATE", "TIME")) and (
            not _counts_plural(doc, n, after, lex)) and (n.value or 0) < 1000:
        return True  # "Half-Life 2", "Warehouse 7": a capitalised word names what the number numbers
    if before is not None and before.text == "." and n.first >= 2 and not doc[n.first - 2].whitespace_:
        before = doc[n.first - 2]  # "No. 10" split as "No", "."
    if before is not None and before.text[:1].isalpha() and not before.is_sent_start:
        low = before.lower_.rstrip(".")
        if low in lex.kind("label"):
            return True
        named = before.text[:1].isupper() and before.pos_ == "PROPN" and low not in lex.months
        if named and before.ent_type_ not in ("DATE", "TIME") and not _counts_plural(doc, n, after, lex):
            return True  # "FTSE 100", "Brigade 155", "Fokker 100"
    noun = _counted_noun(doc, n)
    if noun is None or noun.i < n.last or noun.i > n.last + 4:
        return False
    if noun.pos_ == "PROPN" and noun.tag_ == "NNP":
        return True  # "455 Class", "10 Downing Street"
    singular = noun.tag_ == "NN" and noun.lower_ not in lex.kind("plural")
    if not singular or (n.value or 0) <= 1 or noun.lower_ in lex.kind("value_noun") or noun.lower_ in lex.durations:
        return False
    if noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i:
        return False  # "a 30 storey tower": a compound adjective without its hyphen
    between = doc[n.last + 1:noun.i]
    # "the Nokia 7610 phone": a number before a singular noun names a model
    return not any(t.text in _DASHES for t in between)


def _counts_plural(doc: Doc, n: Number, after: Token | None, lex: QuantityLexicons) -> bool:
    noun = _counted_noun(doc, n)
    if noun is not None and (noun.tag_ in _PLURAL_TAGS or noun.lower_ in lex.kind("plural")):
        return True
    return after is not None and (after.lower_ in ("of", "%") or after.lower_ in lex.scales)


def _is_race(doc: Doc, n: Number, before: Token | None, after: Token | None, lex: QuantityLexicons) -> bool:
    """ "the 1500m final", "won the women's 400m": a distance that names a race."""
    if n.unit is None or n.unit.dimension != "length":
        return False
    if after is not None and after.lower_ in lex.kind("race"):
        return True
    definite = before is not None and (before.lower_ == "the" or before.tag_ == "POS")
    head = doc[n.last].head
    return definite and (head.lower_ in lex.kind("score") or head.head.lower_ in lex.kind("score"))
