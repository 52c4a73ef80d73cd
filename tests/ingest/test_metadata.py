"""Metadata from the text: title, byline, publication time with zone, dateline, credits."""

from __future__ import annotations

import json

import pytest

from newsledger.ingest.metadata import extract_metadata, find_author, parse_published
from newsledger.model import Metadata


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Written by Kathrine Frich", "Kathrine Frich"),
        ("By Jane Roe", "Jane Roe"),
        ("By Jane Roe, Coastline Courier", "Jane Roe"),
        ("By Jane Roe and Tom Bell", "Jane Roe and Tom Bell"),
        ("Reporting by Ana de la Cruz", "Ana de la Cruz"),
        ("By the end of the week the fire was out.", None),
        ("Bystanders watched the fire.", None),
    ],
)
def test_find_author(line: str, expected: str | None) -> None:
    assert find_author(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jan.11 - 2025 7:06 PM CET", ("2025-01-11T19:06:00+01:00", True)),
        ("March 14, 2025 09:12 GMT", ("2025-03-14T09:12:00+00:00", True)),
        ("Published: March 14, 2025", ("2025-03-14", False)),
        ("Updated 3 March 2025", ("2025-03-03", False)),
        ("2025-03-04", ("2025-03-04", False)),
        ("War", None),
        ("Trending Now", None),
        ("The fire started in March.", None),
    ],
)
def test_parse_published(line: str, expected: tuple[str, bool] | None) -> None:
    assert parse_published(line) == expected


ARTICLE = """Harbour Fire Spreads to Second Warehouse

Written by Jane Roe

Mar.14 - 2025 9:12 AM CET

News
Port Alden – A fire that broke out at a harbour warehouse late on Tuesday spread to a second building overnight, officials said.
Crews from three towns fought the blaze until dawn, and some 300 workers were sent home.
Read the original article on Coastline Courier
"""


def test_extract_metadata_from_scraped_header() -> None:
    m = extract_metadata(ARTICLE)
    assert m.title == "Harbour Fire Spreads to Second Warehouse"
    assert m.author == "Jane Roe"
    assert m.published == "2025-03-14T09:12:00+01:00"
    assert m.published_text == "Mar.14 - 2025 9:12 AM CET"
    assert m.dateline == "Port Alden"
    assert m.outlet == "Coastline Courier"
    assert m.credits == ("Coastline Courier",)
    assert m.author_span is not None and ARTICLE[m.author_span.start:m.author_span.end] == "Written by Jane Roe"
    assert m.published_span is not None
    assert ARTICLE[m.published_span.start:m.published_span.end] == "Mar.14 - 2025 9:12 AM CET"


def test_extract_metadata_none_when_unsaid() -> None:
    text = ("In a startling turn, crews at the harbour worked through the night to keep the fire from the fuel "
            "depot, and by morning the smoke had thinned.\nResidents returned home on Wednesday.\n")
    m = extract_metadata(text)
    assert (m.title, m.author, m.published, m.dateline, m.outlet) == (None, None, None, None, None)


def test_source_metadata_wins_over_text() -> None:
    m = extract_metadata(ARTICLE, base=Metadata(title="Given title", published="2025-03-15"))
    assert m.title == "Given title" and m.published == "2025-03-15"
    assert m.author == "Jane Roe"


def test_kursk_metadata_matches_key(kursk_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import read_article

    gold = json.loads((kursk_dir / "gold.json").read_text(encoding="utf-8"))
    for meta in gold["documents"].values():
        m = extract_metadata(read_article(kursk_dir / meta["file"]))
        assert m.title == meta["title"], meta["file"]
        assert m.author == meta["author"], meta["file"]
        assert m.published == meta["published"], meta["file"]
        if "dateline" in meta:
            assert m.dateline == meta["dateline"]


def test_sentence_case_headline_on_first_line() -> None:
    text = ("Fire guts quay warehouse as smoke forces evacuations\nBy Jane Roe\n"
            "A fire tore through a warehouse on the quay overnight, forcing hundreds of residents from homes.\n")
    m = extract_metadata(text)
    assert m.title == "Fire guts quay warehouse as smoke forces evacuations"
    assert m.author == "Jane Roe"
