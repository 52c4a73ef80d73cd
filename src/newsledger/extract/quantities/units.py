"""Units written with a number: "$" before it, "%", "km", "basis points" after it.

Also :func:`with_unit`, the one way to show a value with its unit, the unit where the
article writes it ("$3", "15%", "12 km"; never "%15").
"""

from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import QuantityLexicons, Unit
from .numbers import Number

__all__ = ["unit_after", "unit_before", "with_unit"]

_HYPHENS = frozenset(["-", "–"])
# currency prefixes the tokenizer may split from "$": "US$", "A$", "HK$"
_CURRENCY_PREFIXES = frozenset(["us", "a", "c", "nz", "hk", "s"])


def unit_before(doc: Doc, n: Number, lo: int, lex: QuantityLexicons) -> tuple[int, Unit] | None:
    """The currency sign right before ``n`` ("$3 billion", "US$5"): (its first token, unit)."""
    if n.first <= lo:
        return None
    tok = doc[n.first - 1]
    unit = lex.units_pre.get(tok.text)
    if unit is None or (tok.whitespace_ and not tok.text.isalpha()):
        return None
    first = n.first - 1
    if first > lo and not doc[first - 1].whitespace_ and doc[first - 1].lower_ in _CURRENCY_PREFIXES:
        first -= 1
    return first, unit


def unit_after(doc: Doc, n: Number, hi: int, lex: QuantityLexicons) -> tuple[int, int, Unit] | None:
    """The unit words right after ``n``: (first token, last token, unit), else None.

    Examples: "15%" → "%"; "25 basis points"; "a half-point cut" → "point";
    "a quarter of a percentage point" → "percentage point" (the figure's words run to its end).
    """
    if n.unit is not None:
        return None
    k = n.last + 1
    if k < hi and doc[k].text in _HYPHENS and not doc[n.last].whitespace_:
        k += 1  # "a half-point cut", "a 50-basis-point cut"
    elif n.kind == "fraction" and k + 1 < hi and doc[k].lower_ == "of" and doc[k + 1].lower_ in ("a", "an"):
        k += 2  # "a quarter of a percentage point"
    elif n.kind == "vague" and k + 1 < hi and doc[k].lower_ == "of":
        money = lex.units_post.get((doc[k + 1].lower_,))
        # "billions of dollars": the count is of the currency
        return (k + 1, k + 1, money) if money is not None and money.dimension == "money" else None
    best: tuple[int, int, Unit] | None = None
    words: list[str] = []
    for j in range(k, min(hi, k + lex.max_words)):
        words.append(doc[j].lower_)
        if doc[j].text in _HYPHENS:
            continue  # "a 50-basis-point cut" reads through it; "20m euros - obscured" ends before it
        unit = lex.units_post.get(tuple(w for w in words if w not in _HYPHENS))
        if unit is not None:
            best = (k, j, unit)
    return best


def with_unit(number: str, unit: str | None, lex: QuantityLexicons) -> str:
    """A value shown with its unit where articles write it: "$3", "15%", "12 km", "40 percentage points".

    Args:
        number (str): the value as shown ("15", "3–3.5 billion").
        unit (str | None): ``Quantity.unit``.
        lex (QuantityLexicons): the unit table (which units stand before the number).
    Returns:
        str: the display text.
    """
    if not unit:
        return number
    if unit in {u.name for u in lex.units_pre.values()}:
        return f"{unit}{number}"
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"
