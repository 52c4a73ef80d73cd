"""The model's two rule components, the attribute ruler and the lemmatizer, applied from memos.

``en_core_web_sm`` ends its tagging with two rule components: the attribute ruler (179 token
patterns that give each tag its part of speech and morphology, and a few exceptions) and
the rule lemmatizer. Both run once per token in Python: over news text they cost about a
quarter of the model's time, more than the tagger and the parser together. Their answer for
a token depends on little: the ruler's on the token's tag, its dependency label, whether it
is a space and, for a few hundred words the patterns name, its lower-case form; the
lemmatizer's on the word, its part of speech and its morphology. ``ModelRules`` asks spaCy's
own components once per such signature and applies the remembered answer to every token
with it, a column at a time (``Doc.from_array``).

The result is the stock components' own: the ruler's single-token patterns are run by its
own ``Matcher`` on a one-token document of the signature, its multi-token patterns ("gon
na", "let 's") by a ``Matcher`` of their own on the text, in the stock order (later
patterns win); missed lemmas come from the lemmatizer's ``lemmatize``. Where the ruler's
patterns test anything else (a model other than ``en_core_web_sm`` 3.8), :func:`supported`
is false and the stock components run.

Example: ``load_model()("They said so.")[1].lemma_`` is "say" either way; ``tests/clean/
test_rules.py`` compares every token of the examples' articles with the stock pipeline.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["ModelRules", "forget_words", "supported"]

# The token attributes a single-token ruler pattern may test for the memo to stand in for it.
_SIGNATURE_KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})
# A word no ruler pattern names, standing for every word the patterns do not name.
_OTHER_WORD = "qzxv"


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What the ruler does to a token of one signature: the patterns that match it (in the
    order they apply) and the part of speech, morphology and lemma they leave (None: untouched)."""

    ids: tuple[int, ...]
    pos: int | None
    morph: int | None
    lemma: int | None
    other: bool  # a pattern sets something beyond those three (a tag, a label)


def _named(value: Any) -> tuple[set[str], list[str]] | None:
    """What a test of a pattern names: words or labels ("said", {"IN": [...]}, {"NOT_IN": [...]})
    and regular expressions ({"REGEX": ...}); None for any other test."""
    if isinstance(value, (str, bool)):
        return {str(value)}, []
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            return {str(v) for v in arg}, []
        if op == "REGEX" and isinstance(arg, str):
            return set(), [arg]
    return None


@dataclass(frozen=True, slots=True)
class _Tests:
    """What the ruler's single-token patterns look at besides a token's tag and spaceness."""

    words: frozenset[str]  # lower-case forms named
    regexes: tuple[re.Pattern[str], ...]  # lower-case forms matched
    deps: frozenset[str]  # dependency labels named


def _single_token_tests(patterns: list[dict[str, Any]]) -> _Tests | None:
    """The words, expressions and labels the single-token patterns test; None when one of them
    tests something a signature does not hold."""
    words: set[str] = set()
    regexes: list[str] = []
    deps: set[str] = set()
    for row in patterns:
        for pattern in row["patterns"]:
            if len(pattern) != 1:
                continue
            for key, value in pattern[0].items():
                if key in ("TAG", "IS_SPACE"):  # held whole by the signature
                    continue
                named = _named(value)
                if named is None or key not in ("LOWER", "DEP") or (key == "DEP" and named[1]):
                    return None
                (words if key == "LOWER" else deps).update(named[0])
                regexes += named[1]
    return _Tests(frozenset(words), tuple(re.compile(r) for r in regexes), frozenset(deps))


def supported(nlp: Language) -> bool:
    """Whether :class:`ModelRules` can stand in for this pipeline's ruler and lemmatizer."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
        return False
    if lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return False
    tests = _single_token_tests(ruler.patterns)
    return (
        tests is not None
        and _OTHER_WORD not in tests.words
        and not any(r.search(_OTHER_WORD) for r in tests.regexes)
        and not any(w.isspace() for w in tests.words)
    )


class ModelRules:
    """The attribute ruler and the lemmatizer of a pipeline, applied from memos (see module)."""

    def __init__(self, nlp: Language) -> None:
        self.ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
        self.lemmatizer = cast(Lemmatizer, nlp.get_pipe("lemmatizer"))
        self.vocab = nlp.vocab
        tests = _single_token_tests(self.ruler.patterns)
        assert tests is not None, "ModelRules needs supported(nlp)"
        strings = nlp.vocab.strings
        self._words = {strings.add(w) for w in tests.words}
        self._regexes = tests.regexes
        self._deps = np.array(sorted(strings.add(d) for d in tests.deps if d), dtype=np.uint64)
        parser = nlp.get_pipe("parser") if "parser" in nlp.pipe_names else None
        labels = [str(x) for x in getattr(parser, "labels", ())]
        self._other_dep = next((x for x in [*labels, "dep"] if x not in tests.deps), "dep")
        self._is_named: dict[int, bool] = {}  # lower-case form → named by a pattern
        self._multi = Matcher(nlp.vocab)
        rows: list[dict[str, Any]] = list(self.ruler.patterns)
        for row_id, row in enumerate(rows):
            long = [p for p in row["patterns"] if len(p) > 1]
            if long:  # the ruler's own key: the number of the pattern row (see AttributeRuler.add)
                self._multi.add(str(row_id), long)
        self._outcomes: dict[tuple[int, int, int, bool], _Outcome] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self._apply_ruler(doc):  # a token the memo cannot stand for: the stock components
            self.ruler(doc)
            self.lemmatizer(doc)
            return doc
        self._apply_lemmatizer(doc)
        return doc

    def pipe(self, docs: Iterator[Doc], batch_size: int = 128) -> Iterator[Doc]:  # noqa: ARG002 - spaCy's API
        for doc in docs:
            yield self(doc)

    # ---------------------------------------------------------------- the attribute ruler
    def _named_word(self, lower: int) -> bool:
        found = self._is_named.get(lower)
        if found is None:
            found = lower in self._words or (
                bool(self._regexes) and any(r.search(self.vocab.strings[lower]) for r in self._regexes)
            )
            if len(self._is_named) > 100_000:
                self._is_named.clear()
            self._is_named[lower] = found
        return found

    def _outcome(self, word: int, tag: int, dep: int, space: bool) -> _Outcome:
        """``dep``: the token's label where a pattern names it, 0 where it has none, else 1."""
        key = (word, tag, dep, space)
        found = self._outcomes.get(key)
        if found is None:
            strings = self.vocab.strings
            text = " " if space else (strings[word] if word else _OTHER_WORD)
            if dep == 0:  # no label: the one-token document has none either
                one = Doc(self.vocab, words=[text], spaces=[False], tags=[strings[tag]])
            else:
                one = Doc(
                    self.vocab,
                    words=[text],
                    spaces=[False],
                    tags=[strings[tag]],
                    deps=[strings[dep] if dep != 1 else self._other_dep],
                    heads=[0],
                )
            ids = sorted(int(strings[m]) for m, _s, _e in self.ruler.matcher(one, allow_missing=True, as_spans=False))
            values: dict[int, int] = {}
            for i in ids:
                values.update(self.ruler.attrs[i])
            found = _Outcome(
                tuple(ids),
                values.get(POS),
                values.get(MORPH),
                values.get(LEMMA),
                any(a not in (POS, MORPH, LEMMA) for a in values),
            )
            self._outcomes[key] = found
        return found

    def _apply_ruler(self, doc: Doc) -> bool:
        """Set what the ruler would; False (nothing set) where a token has no tag."""
        arr = doc.to_array([LOWER, TAG, DEP, IS_SPACE, POS, MORPH, LEMMA]).astype(np.uint64)
        if not arr[:, 1].all():
            return False
        lowers, where = np.unique(arr[:, 0], return_inverse=True)
        named = np.array([self._named_word(h) for h in lowers.tolist()], dtype=bool)
        words = np.where(named[where.reshape(-1)], arr[:, 0], 0)
        deps = np.where(np.isin(arr[:, 2], self._deps) | (arr[:, 2] == 0), arr[:, 2], 1)
        out = arr[:, 4:7].copy()
        outcomes: list[_Outcome] = []
        for i, (word, tag, dep, space) in enumerate(
            zip(words.tolist(), arr[:, 1].tolist(), deps.tolist(), arr[:, 3].tolist(), strict=True)
        ):
            o = self._outcome(word, tag, dep, bool(space))
            outcomes.append(o)
            if o.pos is not None:
                out[i, 0] = o.pos
            if o.morph is not None:
                out[i, 1] = o.morph
            if o.lemma is not None:
                out[i, 2] = o.lemma
        doc.from_array([POS, MORPH, LEMMA], cast(Any, out))
        self._apply_slow(doc, outcomes)
        return True

    def _apply_slow(self, doc: Doc, outcomes: list[_Outcome]) -> None:
        """Tokens that multi-token patterns reach, or whose patterns set a tag or label: every
        pattern of theirs applied in the ruler's order, as the ruler does it."""
        extra: dict[int, list[int]] = {}
        strings = self.vocab.strings
        for m_id, start, end in self._multi(doc, allow_missing=True, as_spans=False):
            row = int(strings[m_id])
            extra.setdefault(doc[start:end][self.ruler.indices[row]].i, []).append(row)
        for i, o in enumerate(outcomes):
            if o.other:
                extra.setdefault(i, [])
        for i, rows in extra.items():
            for row in sorted([*outcomes[i].ids, *rows]):
                set_token_attrs(doc[i], self.ruler.attrs[row])

    # ---------------------------------------------------------------- the lemmatizer
    def _apply_lemmatizer(self, doc: Doc) -> None:
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA]).astype(np.uint64)
        todo = np.flatnonzero(arr[:, 3] == 0)
        if not len(todo):
            return
        lemmas = arr[:, 3].copy()
        memo = self.lemmas
        strings = self.vocab.strings
        for i, orth, pos, morph in zip(
            todo.tolist(), arr[todo, 0].tolist(), arr[todo, 1].tolist(), arr[todo, 2].tolist(), strict=True
        ):
            key = (orth, pos, morph)
            lemma = memo.get(key)
            if lemma is None:
                lemma = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                memo[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], cast(Any, lemmas))

    def forget(self, known: int) -> None:
        """Drop the lemmas remembered after the first ``known`` whose word or lemma the
        vocabulary no longer holds (both were new to a memory zone that has closed)."""
        forget_words(self.lemmas, known, cast("Container[int]", self.vocab.strings), values=True)


def forget_words(table: dict[Any, Any], known: int, strings: Container[int], *, values: bool = False) -> None:
    """Drop the entries added to ``table`` after its first ``known`` whose word (the key's first
    hash) the vocabulary no longer holds, or, with ``values``, whose value it no longer holds.

    Example: after a memory zone that parsed "Zorblax said", a cache keyed by (word, part of
    speech, morphology) loses the entry of "Zorblax" and keeps that of "said".
    """
    for key in list(itertools.islice(table, known, None)):
        if key[0] not in strings or (values and table[key] not in strings):
            del table[key]
