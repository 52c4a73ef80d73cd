"""The phrase reader on parses made by hand: what it reads off a token's children, and when it will not."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsledger.clean.parse import load_model
from newsledger.lexicons import table
from newsledger.pipeline import analyze_texts
from newsledger.resolve.phrases import children, noun_phrase


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Doc:
    return Doc(load_model().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=[w.lower() for w in words])


def test_description_takes_its_modifiers() -> None:
    doc = _doc(["the", "harbour", "spokesman", "said"], [2, 2, 3, 3], ["det", "compound", "nsubj", "ROOT"],
               ["DET", "NOUN", "NOUN", "VERB"], ["DT", "NN", "NN", "VBD"])
    phrase = noun_phrase(doc[2])
    assert phrase is not None and (phrase.text, phrase.start, phrase.end) == ("harbour spokesman", 4, 21)


def test_token_with_hundreds_of_children_is_read_alone() -> None:
    # a degenerate parse (a run of words hung on one noun) is not walked for every quotation near it
    n = 300
    words = [*(["big"] * n), "figures", "said"]
    heads = [*([n] * n), n + 1, n + 1]
    deps = [*(["amod"] * n), "nsubj", "ROOT"]
    doc = _doc(words, heads, deps, [*(["ADJ"] * n), "NOUN", "VERB"], [*(["JJ"] * n), "NNS", "VBD"])
    phrase = noun_phrase(doc[n])
    assert phrase is not None and (phrase.text, phrase.start) == ("figures", 4 * n)
    few = _doc(["big", "figures", "said"], [1, 2, 2], ["amod", "nsubj", "ROOT"], ["ADJ", "NOUN", "VERB"],
               ["JJ", "NNS", "VBD"])
    phrase = noun_phrase(few[1])
    assert phrase is not None and phrase.text == "big figures"


def test_children_of_a_degenerate_parse_are_not_walked() -> None:
    n = 300
    many = _doc([*(["1"] * n), "said"], [*([n] * n), n], [*(["dep"] * n), "ROOT"], [*(["NUM"] * n), "VERB"],
                [*(["CD"] * n), "VBD"])
    assert list(children(many[n])) == []
    few = _doc(["Ana", "said"], [1, 1], ["nsubj", "ROOT"], ["PROPN", "VERB"], ["NNP", "VBD"])
    assert [t.text for t in children(few[1])] == ["Ana"]


@pytest.mark.parametrize("row", table("speaker_modifiers.tsv"), ids=lambda r: r[0])
def test_description_keeps_what_it_knows(row: tuple[str, ...]) -> None:
    _word, _prep, phrase, sentence = row
    quotes = [q for q in analyze_texts([sentence]).quotes if q.speaker]
    assert [q.speaker.lower() for q in quotes] == [phrase.lower()], sentence


def test_description_knows_only_up_to_a_comma_or_a_relative_clause() -> None:
    text = ("Officials involved in the negotiations, who spoke on condition of anonymity, said the deal was close. "
            "Residents close to the plant that burned said the smoke lasted days.")
    assert [q.speaker for q in analyze_texts([text]).quotes] == ["Officials involved in the negotiations",
                                                                 "Residents close to the plant"]
    # an adjective with another preposition says nothing of what the speaker knows
    quotes = analyze_texts(["Workers angry at the decision said they would strike."]).quotes
    assert [q.speaker for q in quotes] == ["Workers"]
