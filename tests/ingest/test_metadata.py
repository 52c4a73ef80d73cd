"""Metadata read from the line roles: title, byline, publication time with zone, dateline, credits."""

from __future__ import annotations

import json

import pytest

from newsledger.ingest.metadata import extract_metadata
from newsledger.model import Metadata

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


@pytest.mark.parametrize("bundle", ["kursk", "boeing-strike-2024", "iran-missile-attack-2024", "myanmar-earthquake-2025"])
def test_real_bundles_metadata_matches_key(bundle: str) -> None:
    from tests.conftest import SHARED, read_article, require_shared

    folder = require_shared(SHARED / "examples" / bundle)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for meta in gold["documents"].values():
        m = extract_metadata(read_article(folder / meta["file"]))
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


STORY = "A fire tore through a warehouse on the quay overnight, forcing hundreds of residents from their homes, officials said."


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Published: 09:12 BST, 3 June 2023 | Updated: 11:40 BST, 4 June 2023", "2023-06-03T09:12:00+01:00"),
        ("Updated: 11:40 BST, 4 June 2023 | Published: 09:12 BST, 3 June 2023", "2023-06-03T09:12:00+01:00"),
        ("Updated 4 June 2023", "2023-06-04"),
        ("Posted on June 3, 2023 by Jane Doe", "2023-06-03"),
        ("3 Jun 2023 14:05", "2023-06-03T14:05:00"),
        ("2023-05-17T14:05:00Z", "2023-05-17T14:05:00+00:00"),
        ("July 3, 2023 9:40 a.m. ET", "2023-07-03T09:40:00-04:00"),
        ("Monday, Jan. 9, 2023 9:40 a.m. ET", "2023-01-09T09:40:00-05:00"),
    ],
)
def test_published_forms(head: str, published: str) -> None:
    m = extract_metadata(f"Fire guts warehouse on the quay\n{head}\n{STORY}\n")
    assert m.published == published
    assert m.title == "Fire guts warehouse on the quay"


def test_published_run_into_first_paragraph() -> None:
    text = f" date 2023-06-21 {STORY}\n"
    m = extract_metadata(text)
    assert (m.published, m.title, m.published_text) == ("2023-06-21", None, "date 2023-06-21")
    assert m.published_span is not None and (m.published_span.start, m.published_span.end) == (1, 16)


def test_wire_dateline_takes_year_from_the_page_or_address() -> None:
    text = f"LONDON, June 3 (Wire) - {STORY}\n"
    assert extract_metadata(text).published is None  # no year anywhere: never guessed
    m = extract_metadata(text, base=Metadata(url="https://example.org/2023/06/04/quay-fire/"))
    assert (m.published, m.dateline, m.published_text) == ("2023-06-03", "LONDON", "June 3")
    m = extract_metadata(f"Updated 4 June 2023\nJune 3 (Wire) - {STORY}\n")
    assert m.published == "2023-06-04"  # a full date on the page wins over the wire day


def test_published_from_address_only() -> None:
    m = extract_metadata(f"{STORY}\n", base=Metadata(url="https://example.org/2024/09/14/quay-fire/"))
    assert (m.published, m.published_span) == ("2024-09-14", None)
    assert extract_metadata(f"{STORY}\n", base=Metadata(url="https://example.org/news/quay-fire/")).published is None


def test_author_from_author_box_and_title_skips_address() -> None:
    text = (
        "Postal Address\n304 Quay St.\nEastvale, NS 04512\n"
        "Shed Fire Kills Dock Worker: What We Know\n"
        f"Jane Doe is the transport correspondent at the Harbour Herald\n{STORY}\n"
    )
    m = extract_metadata(text)
    assert (m.title, m.author, m.published) == ("Shed Fire Kills Dock Worker: What We Know", "Jane Doe", None)


def test_credits_and_source_line() -> None:
    m = extract_metadata(f"{STORY}\nSource: Harbour Herald\n")
    assert (m.outlet, m.credits) == ("Harbour Herald", ("Harbour Herald",))


def test_day_without_year_takes_the_year_of_the_address() -> None:
    text = f"Tuesday, May 15\nQuay shed sold to a rival\n{STORY}\n"
    m = extract_metadata(text, base=Metadata(url="http://example.blogspot.com/2007/05/quay-shed.html"))
    assert (m.published, m.published_text, m.title) == ("2007-05-15", "Tuesday, May 15", "Quay shed sold to a rival")
    assert extract_metadata(text).published is None
