"""Byline and date lines split into their parts, with exact spans; other lines are not."""

from __future__ import annotations

import pytest

from newsledger.clean.metalines import date_reason, meta_parts
from newsledger.clean.roles import Line


def _parts(line: str, *, top: bool = True) -> list[tuple[str, str, str, str | None]] | None:
    found = meta_parts(line, 10, unlabelled_dates=top)
    if found is None:
        return None
    return [(line[p.start - 10 : p.end - 10], p.role, p.reason, p.value) for p in found]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("By Jane Doe | Published: 3 June 2023", [("By Jane Doe", "byline", "byline", "Jane Doe"),
                                                 ("Published: 3 June 2023", "date line", "date line", "2023-06-03")]),
        ("Posted on June 3, 2023 by Jane Doe", [("Posted on June 3, 2023", "date line", "date line", "2023-06-03"),
                                               ("by Jane Doe", "byline", "byline", "Jane Doe")]),
        ("February 3, 2011 in World", [("February 3, 2011 in World", "date line", "date line", "2011-02-03")]),
        ("harbour Updated: Feb 4, 2011", [("harbour Updated: Feb 4, 2011", "date line", "update line", "2011-02-04")]),
        ("4 min readJun 7, 2024", [("4 min read", "junk", "reading time", None),
                                   ("Jun 7, 2024", "date line", "date line", "2024-06-07")]),
        ("by | Nov 26, 2014 | Updates", [("by", "junk", "byline", None),
                                          ("Nov 26, 2014", "date line", "date line", "2014-11-26"),
                                          ("Updates", "junk", "section tag", None)]),
        ("Tuesday, May 15", [("Tuesday, May 15", "date line", "yearless date", None)]),
        ("Eastvale, October 9", [("Eastvale", "dateline", "dateline", "Eastvale"),
                                 ("October 9", "date line", "yearless date", None)]),
        ("Written by Jane Doe", [("Written by Jane Doe", "byline", "byline", "Jane Doe")]),
        # a date and its time either side of a separator: one date line, day first where dotted
        ("03.06.2023 | 09:12 CEST", [("03.06.2023 | 09:12 CEST", "date line", "date line",
                                      "2023-06-03T09:12:00+02:00")]),
        ("June 3, 2023 · 9:12 AM EDT", [("June 3, 2023 · 9:12 AM EDT", "date line", "date line",
                                         "2023-06-03T09:12:00-04:00")]),
    ],
)
def test_meta_parts(line: str, parts: list[tuple[str, str, str, str | None]]) -> None:
    assert _parts(line) == parts


@pytest.mark.parametrize(
    "line",
    [
        "June 3, 2023 was the hottest day on record at the quay.",
        "By the end of the week the fire was out.",
        "Fire at the quay | Harbour News",  # no byline or date in it
        "Crews worked from 9:40 p.m. until dawn on June 3, 2023.",
        "Share this article",
    ],
)
def test_meta_parts_negatives(line: str) -> None:
    assert _parts(line) is None


def test_unlabelled_date_needs_its_place() -> None:
    assert _parts("3 June 2023", top=False) is None  # inside the story: a heading, not the page's date
    assert _parts("Updated: 3 June 2023", top=False) == [
        ("Updated: 3 June 2023", "date line", "update line", "2023-06-03")
    ]
    assert _parts("Tuesday, May 15", top=False) is None


def test_date_reason_and_line_record() -> None:
    assert (date_reason("published"), date_reason("updated")) == ("date line", "update line")
    assert Line(0, 3, "junk", "share").value is None
