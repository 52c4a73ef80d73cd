"""Quoted passages: which parts of a text stand inside quotation marks."""

from __future__ import annotations

import pytest

from newsledger.extract.quoted import quoted_ranges


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        ('He said: "We act today." Then he left.', ["We act today."]),
        ("“Tonight we mourn,” she said, “and tomorrow we build.”", ["Tonight we mourn,", "and tomorrow we build."]),
        ("She told them: ‘Pumps don’t go on strike.’ The workers’ union agreed.", ["Pumps don’t go on strike."]),
        ("The workers’ union met on the 5\" pipe.", []),
        ("«Nous restons» et “never closed\nThe next line", ["Nous restons", "never closed"]),
        ("", []),
    ],
)
def test_quoted_ranges(text: str, passages: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_ranges(text)] == passages
