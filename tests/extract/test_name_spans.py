"""Candidate names from the parse: the model's entities and the runs it left, edges corrected."""

from __future__ import annotations

import pytest

from newsledger.extract.name_lexicons import default_lexicons
from newsledger.extract.name_spans import find_candidates, span_text
from newsledger.pipeline import prepare_text


def _candidates(text: str) -> list[tuple[str, str | None, str | None]]:
    parse = prepare_text(text).parse
    assert parse is not None
    return [(span_text(parse, c.i, c.j), c.label, c.title) for c in find_candidates(parse, default_lexicons())]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the model's entity without its determiner, with the title read back
        ("Gen. Tomas Varga met the Norwegian Refugee Council.",
         [("Tomas Varga", "PERSON", "Gen."), ("Norwegian Refugee Council", "ORG", None)]),
        # a run the model left: cut at its titles, the titles kept for the name after them
        ("Delegates heard Senior Minister Chit Aye Ko.", [("Chit Aye Ko", "PERSON", "Senior Minister")]),
        # a region word, a designation
        ("Fighting spread in the Ostrava region.", [("Ostrava region", "PERSON", None)]),
        ("Members of Carpenters Local 45 voted on Friday.", [("Carpenters Local 45", None, None)]),
        # "and" inside an organisation's name; two names of their own stay two
        ("Officials of the Union of Dock and Harbour Workers met.",
         [("Union of Dock and Harbour Workers", "ORG", None)]),
        ("The Red Cross and Red Crescent Movement sent aid.",
         [("Red Cross", "ORG", None), ("Red Crescent Movement", "ORG", None)]),
        # a title word after "of" is part of the name
        ("The Association of Chief Fire Officers met.", [("Association of Chief Fire Officers", "ORG", None)]),
        # a region word after a country's name is no part of it
        ("Officials of an EU state objected.", [("EU", "ORG", None)]),
    ],
)
def test_name_spans_candidates(sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _candidates(sentence) == expected


def test_name_spans_never_cross_a_line_break() -> None:
    found = _candidates("Officials met on Monday.\nThe report was read by Tomas\nVarga, who said nothing.\n")
    assert all("\n" not in text for text, _label, _title in found)
