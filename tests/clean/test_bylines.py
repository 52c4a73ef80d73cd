"""Bylines and author boxes: the writer's name from one line; sentences that open alike are not bylines."""

from __future__ import annotations

import pytest

from newsledger.clean.bylines import find_author, find_author_box, find_bare_name, match_author_line
from newsledger.lexicons import table


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Written by Mara Lind", "Mara Lind"),
        ("By Jane Roe", "Jane Roe"),
        ("by Jane Roe", "Jane Roe"),
        ("BY JANE ROE", "JANE ROE"),
        ("By: Jane Roe | Staff writer", "Jane Roe"),
        ("Author: Jane Roe", "Jane Roe"),
        ("By Jane Roe, Harbour Herald", "Jane Roe"),
        ("By Jane Roe and Tom Bell", "Jane Roe and Tom Bell"),
        ("By Jane Roe, Tom Bell and Ann Lee", "Jane Roe, Tom Bell and Ann Lee"),
        ("Reporting by Ana de la Cruz", "Ana de la Cruz"),
        ("Posted by Jane Roe", "Jane Roe"),
        ("By JANE ROE Harbour Wire", "JANE ROE"),  # an outlet run into the name
        ("By Jane Roe Harbour Press", "Jane Roe"),
        ("By Mary Jane Roe Harbour News", "Mary Jane Roe"),
        ("By Mary Jane Roe", "Mary Jane Roe"),
        ("By the end of the week the fire was out.", None),
        ("By Christmas Eve, crews had contained the fire at the quay.", None),
        ("By Monday Morning", None),  # a weekday is no name
        ("By Jane", None),  # one word: too little to be sure
        ("Bystanders watched the fire.", None),
    ],
)
def test_find_author(line: str, expected: str | None) -> None:
    assert find_author(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Doe is the transport correspondent at the Eastvale Herald", "Jane Doe"),
        ("Jane Doe is a freelance journalist based in Eastvale.", "Jane Doe"),
        ("Jane Doe covers courts and crime for the Eastvale Herald.", "Jane Doe"),
        ("About the author: Jane Doe is a writer.", "Jane Doe"),
        ("Jane Doe and Tom Bell are reporters for the Herald", None),  # "are": not a box form here
        ("The mayor is a former reporter for the Herald.", None),
        ("Jane Doe is the reporter who said “the quay is unsafe” last year", None),
        ("Jane Doe is the new harbour master.", None),
    ],
)
def test_find_author_box(line: str, expected: str | None) -> None:
    assert find_author_box(line) == expected


def test_author_lines_examples_match() -> None:
    for reason, _rx, example in table("author_lines.tsv"):
        assert match_author_line(example) == (reason, "Jane Doe"), example


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("— Jane Doe", ("byline", "Jane Doe")),
        ("- Jane R. Doe, Harbour Wire", ("byline", "Jane R. Doe")),
        ("— Harbour Watch (@harbourwatch) March 3, 2025", None),  # an embedded post's signature
        ("— and then the roof fell in.", None),
    ],
)
def test_dash_byline(line: str, expected: tuple[str, str] | None) -> None:
    assert match_author_line(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane R. Doe", "Jane R. Doe"),
        ("Ana de la Cruz", "Ana de la Cruz"),
        ("World News", None),  # an outlet's name
        ("Monday Morning", None),
        ("Jane", None),
        ("Fire crews at the quay", None),
        # the name, then its outlet or role after a comma or a bar
        ("Mara Lind, Quay Gazette", "Mara Lind"),
        ("Mara Lind | Transport Editor", "Mara Lind"),
        ("Mara Lind, March 3", None),  # a date line
        ("Smoke rose, crews said", None),
    ],
)
def test_find_bare_name(line: str, expected: str | None) -> None:
    assert find_bare_name(line) == expected
