"""The date line: a publication date near the top, alone on its line or run into the text."""

from __future__ import annotations

import pytest

from newsledger.extract.date_line import document_date, find_date_line
from newsledger.ingest.read import document_from_text
from newsledger.model import Metadata
from newsledger.pipeline import prepare_lines


def _doc(text: str, published: str | None = None):  # type: ignore[no-untyped-def]
    return prepare_lines(document_from_text(text, "a.txt", Metadata(published=published)))


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("Storm hits coast\nMarch 12, 2025\nThe storm hit the coast.", "March 12, 2025", "2025-03-12"),
        ("Storm hits coast\n17 March 2025\nThe storm hit.", "17 March 2025", "2025-03-17"),
        ("Storm hits coast\nMar.4 - 2025 8:30 AM CET\nThe storm hit.", "Mar.4 - 2025 8:30 AM CET", "2025-03-04"),
        ("date 2024-10-02 What happened\nThe storm hit.", "2024-10-02", "2024-10-02"),
        ("Published: 2024-10-02T09:12:00+01:00\nThe storm hit.", "2024-10-02T09:12:00+01:00", "2024-10-02"),
        ("Posted on Friday, June 6, 2025 The mayor spoke.", "Friday, June 6, 2025", "2025-06-06"),
        ("Storm hits coast\nPublished: 09:12 BST, 3 June 2023 | Updated: 10:40 BST, 3 June 2023\nThe storm hit.",
         "09:12 BST, 3 June 2023", "2023-06-03"),
        ("Storm hits coast\n3 Jun 2023 14:05\nThe storm hit.", "3 Jun 2023 14:05", "2023-06-03"),
    ],
)
def test_date_line_found(text: str, words: str, day: str) -> None:
    doc = _doc(text)
    line = find_date_line(doc)
    assert line is not None
    assert (doc.text[line.start : line.end], line.day) == (words, day)
    assert document_date(doc) == day


@pytest.mark.parametrize(
    "text",
    [
        "Storm hits coast\nMarch 12, 2025 was the day the storm hit the coast.\nIt was bad.",
        "Storm hits coast\nThe storm hit on March 12, 2025.",
        "Storm hits coast\nPublished: yesterday\nThe storm hit.",
        "Storm hits coast\nFebruary 30, 2025\nThe storm hit.",
        "",
    ],
)
def test_date_line_not_found(text: str) -> None:
    assert find_date_line(_doc(text)) is None


def test_document_date_prefers_metadata() -> None:
    assert document_date(_doc("date 2024-10-02 What happened", published="2024-10-03T08:00:00+00:00")) == "2024-10-03"
