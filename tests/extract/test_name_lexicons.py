"""The gazetteer and word lists behind mentions and entities."""

from __future__ import annotations

import pytest

from newsledger.extract.name_lexicons import (
    MentionLexicons,
    default_lexicons,
    demonym_place,
    fold_accents,
    gazetteer_entry,
    name_key,
)


@pytest.mark.parametrize(
    ("name", "place"), [("Mongolian", "Mongolia"), ("Mongolians", "Mongolia"), ("Swiss", "Switzerland"),
                        ("Soldier", None)],
)
def test_name_lexicons_demonym_place(name: str, place: str | None) -> None:
    assert demonym_place(name) == place


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("Oslo", ("Norway", "GPE")),
        ("OSLO", ("Norway", "GPE")),  # a shouted capital
        ("IAEA", ("International Atomic Energy Agency", "ORG")),
        ("Who", None),  # the word is not the acronym
        ("Tilden", None),
    ],
)
def test_name_lexicons_gazetteer_entry(name: str, entry: tuple[str, str] | None) -> None:
    assert gazetteer_entry(default_lexicons(), name) == entry


def test_name_lexicons_fold_accents() -> None:
    assert fold_accents("César Vásquez, Zürich") == "Cesar Vasquez, Zurich"


def test_name_lexicons_name_key() -> None:
    assert name_key(" Côte  d’Ivoire ") == "côte d'ivoire"
    assert name_key("NATO") == "NATO"


def test_name_lexicons_first_word_index() -> None:
    lex = MentionLexicons(gazetteer={"european union": ("European Union", "ORG")}, titles=frozenset({"prime minister"}))
    assert lex.firsts["gazetteer"] == {"european": 2}
    assert lex.firsts["titles"] == {"prime": 2}
    assert lex.is_title("Prime  Minister")
