"""Sentences: spaCy's sentencizer per line, with news-text repairs; linear on long lines."""

from __future__ import annotations

import pytest

from newsledger.clean.sentences import find_paragraphs, find_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ('He left. "Go now," she said.', ["He left.", '"Go now," she said.']),
        ("Dr. Mara Lind said the fire was out. Gen. Tom Bell agreed.",
         ["Dr. Mara Lind said the fire was out.", "Gen. Tom Bell agreed."]),
        ("Headline without stop\nBody sentence one. Body two.", ["Headline without stop", "Body sentence one.", "Body two."]),
    ],
)
def test_find_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in find_sentences(text)] == expected


def test_find_paragraphs_strips_and_skips_blank_lines() -> None:
    text = "  One line. \n\n\tTwo\r\n"
    assert [text[s:e] for s, e in find_paragraphs(text)] == ["One line.", "Two"]


def test_find_sentences_on_one_long_line() -> None:
    big = '"Yes," he said. ' * 5000
    found = find_sentences(big)
    assert len(found) == 5000
    assert big[found[-1][0]:found[-1][1]] == '"Yes," he said.'
