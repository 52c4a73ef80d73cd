"""Paragraphs (clean/sentences.py) and the parse's sentences (clean/parse.py): linear on long lines."""

from __future__ import annotations

import pytest

from newsledger.clean.parse import parse_document, sentence_spans
from newsledger.clean.sentences import find_paragraphs
from newsledger.ingest.read import document_from_text


def _sentences(text: str) -> list[str]:
    doc = parse_document(document_from_text(text, "s.txt"))
    assert doc.parse is not None and doc.parse.text == text
    return [text[s:e] for s, e in sentence_spans(doc.parse)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ('He left. "Go now," she said.', ["He left.", '"Go now," she said.']),
        ("Dr. Mara Lind said the fire was out. Gen. Tom Bell agreed.",
         ["Dr. Mara Lind said the fire was out.", "Gen. Tom Bell agreed."]),
        # a line break always ends a sentence
        ("Headline without stop\nBody sentence one. Body two.", ["Headline without stop", "Body sentence one.", "Body two."]),
        ("By Ana Reyes\n\nThe quay reopened", ["By Ana Reyes", "The quay reopened"]),
    ],
)
def test_parse_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_find_paragraphs_strips_and_skips_blank_lines() -> None:
    text = "  One line. \n\n\tTwo\r\n"
    assert [text[s:e] for s, e in find_paragraphs(text)] == ["One line.", "Two"]


def test_parse_keeps_exact_text_of_a_long_text_in_chunks() -> None:
    """Texts over the chunk size are parsed in pieces cut at line breaks and joined exactly."""
    from newsledger.clean import parse as parse_module

    text = "\n".join(f"Line {i} says the pier is open." for i in range(40))
    old = parse_module.CHUNK_CHARS
    parse_module.CHUNK_CHARS = 200
    try:
        doc = parse_document(document_from_text(text, "long.txt"))
    finally:
        parse_module.CHUNK_CHARS = old
    assert doc.parse is not None and doc.parse.text == text
    assert len(doc.sentences) == 40
