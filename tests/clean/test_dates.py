"""Publication dates: every form a page writes them in, with zones and offsets; negatives included."""

from __future__ import annotations

import pytest

from newsledger.clean.dates import (
    DatePart,
    complete_year,
    date_from_url,
    find_date,
    find_date_prefix,
    find_yearless_date,
    parse_date,
    starts_with_date_label,
    strip_date_label,
    year_from_url,
)
from newsledger.lexicons import table


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Nov.19 - 2024 6:45 PM CET", "2024-11-19T18:45:00+01:00"),
        ("March 14, 2025 09:12 GMT", "2025-03-14T09:12:00+00:00"),
        ("Published: March 14, 2025", "2025-03-14"),
        ("Updated 3 March 2025", "2025-03-03"),
        ("2025-03-04", "2025-03-04"),
        ("3 Jun 2023 14:05", "2023-06-03T14:05:00"),  # a time without a zone: no offset is made up
        ("Published: 09:12 BST, 3 June 2023", "2023-06-03T09:12:00+01:00"),
        ("Mon 3 Jun 2023 14.05 BST", "2023-06-03T14:05:00+01:00"),
        ("Monday, June 3, 2023", "2023-06-03"),
        ("2023-05-17T14:05:00Z", "2023-05-17T14:05:00+00:00"),
        ("2023-05-17T14:05:00+02:00", "2023-05-17T14:05:00+02:00"),
        ("2023-05-17 14:05", "2023-05-17T14:05:00"),
        ("Wednesday 21 June 2023 18:04 GMT+1", "2023-06-21T18:04:00+01:00"),
        ("17 May 2023, 10:00 UTC+3", "2023-05-17T10:00:00+03:00"),
        ("Apr.2 - 2025 6:45 PM CEST", "2025-04-02T18:45:00+02:00"),
        ("14/09/2024", "2024-09-14"),
        ("03.06.2023", "2023-06-03"),  # dotted: day first, and "03.06" is no time of day
        ("Published 04.07.2023 16.40", "2023-07-04T16:40:00"),
        ("Last updated on June 4, 2023 at 11:40 a.m. ET", "2023-06-04T11:40:00-04:00"),
    ],
)
def test_find_date_whole_line(line: str, value: str) -> None:
    found = find_date(line, whole=True)
    assert found is not None and found.value == value
    assert (found.start, found.end) == (0, len(line))


@pytest.mark.parametrize(
    ("words", "value"),
    [
        # a US zone is the region's local time: daylight time in summer, standard time in winter
        ("July 3, 2023 9:40 a.m. ET", "2023-07-03T09:40:00-04:00"),
        ("Jan 3, 2023 9:40 AM ET", "2023-01-03T09:40:00-05:00"),
        ("July 3, 2023 9:40 AM EST", "2023-07-03T09:40:00-04:00"),
        ("Sept. 14, 2024 at 10:05 a.m. PT", "2024-09-14T10:05:00-07:00"),
        ("Dec. 14, 2024 at 10:05 a.m. PT", "2024-12-14T10:05:00-08:00"),
        ("21 June 2023, 6 p.m. CT", "2023-06-21T18:00:00-05:00"),
        ("July 3, 2023 9:40 AM MST", "2023-07-03T09:40:00-07:00"),  # fixed all year (Arizona)
        ("July 3, 2023 9:40 AM MT", "2023-07-03T09:40:00-06:00"),
        ("Dec 03, 2020, 20:35 IST", "2020-12-03T20:35:00+05:30"),  # India Standard Time
        ("3 June 2023 09:12 BST", "2023-06-03T09:12:00+01:00"),
        ("3 June 2023", "2023-06-03"),
        ("June 3", None),  # no year: never guessed
        ("the hottest day", None),
    ],
)
def test_parse_date_zone_offsets(words: str, value: str | None) -> None:
    assert parse_date(words) == value


def test_find_date_label_and_kind() -> None:
    line = "Published: 09:12 BST, 3 June 2023 | Updated: 11:40 BST, 3 June 2023"
    assert find_date(line, whole=True) is None  # two dates: the line is split by the caller
    first = find_date(line)
    assert first == DatePart(0, 33, "2023-06-03T09:12:00+01:00", "published", True)
    assert line[first.start : first.end] == "Published: 09:12 BST, 3 June 2023"
    later = find_date(line[36:])
    assert later == DatePart(0, 31, "2023-06-03T11:40:00+01:00", "updated", True)


def test_find_date_posted_by() -> None:
    line = "Posted on June 3, 2023 by Jane Doe"
    found = find_date(line)
    assert found == DatePart(0, 22, "2023-06-03", "published", True)
    assert find_date(line, whole=True) is None


@pytest.mark.parametrize(
    "line",
    [
        "June 3, 2023 was the hottest day on record at the quay.",  # a sentence that opens with a date
        "The fire started in March.",
        "War",
        "Trending Now",
        "Crews worked from 9:40 p.m. until dawn.",
        "About 2,025 people were moved out.",
    ],
)
def test_find_date_whole_negatives(line: str) -> None:
    assert find_date(line, whole=True) is None


@pytest.mark.parametrize(
    ("line", "span", "value"),
    [
        (" date 2023-06-21 The ferry crews' guild backed the new rota.", (1, 16), "2023-06-21"),
        ("date 2023-05-17 Key points", (0, 15), "2023-05-17"),
        ("Published 09:12 BST, 3 June 2023 Crews fought the fire all night.", (0, 32), "2023-06-03T09:12:00+01:00"),
        ("Updated: June 4, 2023 “We are safe,” the mayor said.", (0, 21), "2023-06-04"),
        (" date 2020-12-03 e-paper", (1, 16), "2020-12-03"),
    ],
)
def test_find_date_prefix(line: str, span: tuple[int, int], value: str) -> None:
    found = find_date_prefix(line)
    assert found is not None and (found.start, found.end, found.value) == (*span, value)


@pytest.mark.parametrize(
    "line",
    [
        "June 3, 2023 Crews fought the fire.",  # no label: a date that opens a sentence stays
        "Posted June 3, 2023, the video shows crews at the quay.",  # a participle, not a date line
        "Updated figures on June 3, 2023 showed more damage.",
        "date 2023-05-17",  # nothing runs after it: a whole date line, not a prefix
        "Dated letters were found.",
    ],
)
def test_find_date_prefix_negatives(line: str) -> None:
    assert find_date_prefix(line) is None


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://www.example.org/2024/09/14/fire-on-the-quay/", "2024-09-14"),
        ("https://radio.example.org/2023-06-21/crews-vote", "2023-06-21"),
        ("https://example.com/articles/169/20230621/quay-fire.htm", "2023-06-21"),
        ("https://example.org/2024/09/14/fire?utm_source=x/2020/01/01/", "2024-09-14"),
        ("https://example.org/2024/13/45/fire/", None),  # not a calendar day
        ("https://example.org/news/2024/09/", None),  # a month is not a date
        ("https://example.org/story/123456", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, value: str | None) -> None:
    assert date_from_url(url) == value


def test_complete_year() -> None:
    assert complete_year("June 3", 2023) == "2023-06-03"
    assert complete_year("Sept. 14", 2024) == "2024-09-14"


def test_date_labels_examples_parse() -> None:
    for label, kind, example in table("date_labels.tsv"):
        found = find_date(example)
        assert found is not None and found.labelled and found.kind == kind, example
        assert found.start == 0 and example.lower().startswith(label), example


def test_date_zones_examples_parse() -> None:
    for abbr, _zone, example in table("date_zones.tsv"):
        value = parse_date(example)
        assert value is not None and len(value) == 25, (abbr, value)


@pytest.mark.parametrize(
    ("line", "span"),
    [
        ("Tuesday, May 15", (0, 15)),
        ("Posted May 15", (0, 13)),
        ("15 May", (0, 6)),
        ("Sept 28", (0, 7)),
        ("Tuesday, May 15 at 3:40 p.m.", (0, 27)),
        ("May 15, 2007", None),  # it has a year: a full date
        ("May 15 people came to the quay", None),
        ("The fire in May", None),
    ],
)
def test_find_yearless_date(line: str, span: tuple[int, int] | None) -> None:
    assert find_yearless_date(line) == span


@pytest.mark.parametrize(
    ("url", "year"),
    [
        ("http://example.blogspot.com/2007/05/quay-sold.html", 2007),
        ("https://example.org/2024/09/14/fire/", 2024),
        ("https://example.com/a/20230621/b.htm", 2023),
        ("https://example.org/news/fire-2024", None),
        (None, None),
    ],
)
def test_year_from_url(url: str | None, year: int | None) -> None:
    assert year_from_url(url) == year


def test_date_labels() -> None:
    assert strip_date_label("Posted May 15") == "May 15"
    assert strip_date_label("Updated: June 4") == "June 4"
    assert starts_with_date_label("Published: 3 June 2023") and not starts_with_date_label("June 3, 2023")
