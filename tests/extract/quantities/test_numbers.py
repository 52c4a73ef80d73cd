"""Reading numbers from the parse's tokens: digits, words, vague counts, fractions, multiples."""

from __future__ import annotations

import pytest

from newsledger.extract.quantities.lexicon import load_quantity_lexicons
from newsledger.extract.quantities.numbers import Number, read_numbers
from newsledger.pipeline import prepare_text


def _numbers(text: str) -> list[Number]:
    doc = prepare_text(text)
    assert doc.parse is not None
    return read_numbers(doc.parse, 0, len(doc.parse), load_quantity_lexicons())


@pytest.mark.parametrize(
    ("text", "words", "value", "low", "high", "kind"),
    [
        ("It cost 1,735 crowns.", "1,735", 1735, 1735, 1735, "count"),
        ("Rates fell -0.3% in May.", "-0.3", -0.3, -0.3, -0.3, "count"),
        ("Sales were 1.2bn in May.", "1.2bn", 1.2e9, 1.2e9, 1.2e9, "count"),
        ("It raised 40k in a day.", "40k", 40000, 40000, 40000, "count"),
        ("It hired 3.5 million people.", "3.5 million", 3.5e6, 3.5e6, 3.5e6, "count"),
        ("It hired twenty-five guards.", "twenty-five", 25, 25, 25, "count"),
        ("It hired two hundred and fifty guards.", "two hundred and fifty", 250, 250, 250, "count"),
        ("It hired a dozen guards.", "a dozen", 12, 12, 12, "count"),
        ("It hired a half dozen guards.", "a half dozen", 6, 6, 6, "count"),
        ("It hired half a million people.", "half a million", 5e5, 5e5, 5e5, "count"),
        ("It took two and a half days.", "two and a half", 2.5, 2.5, 2.5, "count"),
        ("Hundreds fled.", "Hundreds", None, 200, 999, "vague"),
        ("Tens of thousands fled.", "Tens of thousands", None, 20000, 99999, "vague"),
        ("A couple thousand fans came.", "A couple thousand", None, 2000, 3000, "vague"),
        ("Two-thirds of members agreed.", "Two-thirds", 0.6667, 0.6667, 0.6667, "fraction"),
        ("A third of voters stayed home.", "A third", 1 / 3, 1 / 3, 1 / 3, "fraction"),
        ("One in five adults smokes.", "One in five", 0.2, 0.2, 0.2, "fraction"),
        ("Three out of four adults agree.", "Three out of four", 0.75, 0.75, 0.75, "fraction"),
        ("Twice as many came.", "Twice", 2, 2, 2, "multiple"),
        ("It damaged 4, 512 homes.", "4, 512", 4512, 4512, 4512, "count"),
    ],
)
def test_numbers_values(text: str, words: str, value: float | None, low: float, high: float, kind: str) -> None:
    (n,) = [n for n in _numbers(text) if text[n.start:n.end] == words]
    assert n.value == (None if value is None else pytest.approx(value, rel=1e-3))
    assert (n.low, n.high) == (pytest.approx(low, rel=1e-3), pytest.approx(high, rel=1e-3))
    assert n.kind == kind


def test_numbers_glued_pair_gives_two() -> None:
    text = "The rate is 3.25%-3.5% now."
    got = [(text[n.start:n.end], n.value) for n in _numbers(text)]
    assert got == [("3.25%", 3.25), ("3.5", 3.5)]


@pytest.mark.parametrize(
    "text",
    [
        "The third quarter was weak.",  # an ordinal before a fraction word
        "He visited twice.",  # "twice" without a comparison
        "It was the 1990s, the 3rd time, at 5pm.",  # a decade, an ordinal, a time
        "A list: 4, 512, 600.",  # a list, not a split thousand
    ],
)
def test_numbers_not_read(text: str) -> None:
    words = [text[n.start:n.end] for n in _numbers(text)]
    assert not any(w in ("third", "twice", "1990s", "3rd", "4, 512") for w in words)


@pytest.mark.parametrize("text", ["9" * 5000 + " people", "inf and nan 1e400 people", "1" * 400 + ".5 troops",
                                  "-" * 3000 + "5", "½ ⅓ 1⁄2 ٣"])
def test_numbers_odd_text_never_raises(text: str) -> None:
    for n in _numbers(text):
        assert n.value is None or abs(n.value) < 1e16
