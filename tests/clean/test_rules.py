"""The model's attribute ruler and lemmatizer from memos: the same annotations as the stock ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsledger.clean.parse import MODEL_PACKAGES, load_model, memory_zone
from newsledger.clean.rules import ModelRules, supported

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SENTENCES = [
    # the ruler's multi-token exceptions and its single-token ones
    "They're gonna say it ain't so, y'all. Let's go! C'mon, we gotta leave. There is a dog; there were two.",
    "Nothin' doin', he said. I'm not sure you'd've known.\n\n  \nThe officials said 3 blorfs flimbled.",
    # words the model has never seen, in every part of speech
    "Zorvexian quaddlers vrammed the tremmulite gorps more blintily than Vaskon's snorbier ones.",
    "",
    "   \n\t ",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    name = next(p for p in MODEL_PACKAGES if spacy.util.get_package_version(p))
    nlp = spacy.load(name)
    nlp.add_pipe("newsledger_line_sentences", before="parser")
    return nlp


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in doc]


def test_model_rules_replace_the_stock_components() -> None:
    nlp = load_model()
    assert "newsledger_model_rules" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert supported(spacy.load(next(p for p in MODEL_PACKAGES if spacy.util.get_package_version(p))))


@pytest.mark.parametrize("text", SENTENCES)
def test_model_rules_give_the_stock_annotations(stock: Language, text: str) -> None:
    assert _annotations(load_model()(text)) == _annotations(stock(text))


def test_model_rules_give_the_stock_annotations_on_the_examples(stock: Language) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*/*.txt"))]
    assert len(texts) >= 10
    ours = load_model()
    for text in texts:
        assert _annotations(ours(text)) == _annotations(stock(text))


def test_model_rules_contractions_take_the_ruler_exceptions() -> None:
    doc = load_model()("They're gonna leave. Let's see.")
    assert [(t.text, t.lemma_) for t in doc][2:4] == [("gon", "go"), ("na", "to")]
    assert [(t.text, t.lemma_) for t in doc][6:8] == [("Let", "let"), ("'s", "us")]


def test_model_rules_forget_the_lemmas_of_words_new_to_a_zone() -> None:
    nlp = load_model()
    rules = nlp.get_pipe("newsledger_model_rules")
    assert isinstance(rules, ModelRules)
    with memory_zone():
        doc = nlp("The snorbles were glimmering, officials said.")
        assert [t.lemma_ for t in doc][:4] == ["the", "snorble", "be", "glimmer"]
        words_inside = {nlp.vocab.strings[key[0]] for key in rules.lemmas}
        assert {"snorbles", "glimmering", "said"} <= words_inside
    words_after = {nlp.vocab.strings[key[0]] for key in rules.lemmas}
    assert "snorbles" not in words_after and "glimmering" not in words_after
    assert "said" in words_after
    again = nlp("The snorbles were glimmering.")  # the forgotten words are lemmatized anew
    assert [t.lemma_ for t in again][:4] == ["the", "snorble", "be", "glimmer"]


def test_model_rules_not_used_where_a_ruler_pattern_tests_something_else() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert not supported(nlp)
    ruler_only = spacy.blank("en")
    ruler_only.add_pipe("attribute_ruler")
    assert not supported(ruler_only)
