"""What a time expression belongs to, read on the dependency parse.

Shared by the time finder (is the clause about the future?) and the events extractor (what
happened then?). A time modifies a word directly ("voted Thursday", "a 1987 coup") or
through the preposition that introduces it ("signed in October 2023", "since 1996").
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

# how many steps up the tree a noun that names no happening is left for its clause
_MAX_CLIMB = 6
# how far from a word its dependents are looked for: spaCy walks a token's whole subtree to
# list its children, which on a long run of text without a verb costs the square of its length
NEAR = 24
_PREDICATES = frozenset({"VERB", "AUX"})


def near_children(word: Token, *, before: int = NEAR, after: int = NEAR) -> list[Token]:
    """The dependents of ``word`` within ``before``/``after`` tokens of it, in text order."""
    doc = word.doc
    lo, hi = max(0, word.i - before), min(len(doc), word.i + after + 1)
    return [t for t in doc[lo:hi] if t.head.i == word.i and t.i != word.i]


def attachment(span: Span) -> Token | None:
    """The word the time expression ``span`` modifies, through its preposition; None at a root.

    Example: in "The pact was signed in October 2023.", "October 2023" → "signed".
    """
    root = span.root
    head = root.head
    if head.i == root.i:
        return None
    if root.dep_ in ("pobj", "pcomp") and head.pos_ in ("ADP", "SCONJ"):
        return None if head.head.i == head.i else head.head
    return head


def is_predicate(word: Token) -> bool:
    """A verb, or an adjective that stands as one ("were stranded", "is due")."""
    return word.pos_ in _PREDICATES or (word.pos_ == "ADJ" and word.dep_ in ("ROOT", "acomp", "conj", "advcl", "ccomp"))


def clause_head(span: Span, happenings: Collection[str]) -> Token | None:
    """The verb whose clause the time belongs to, or the noun of a happening it dates.

    A noun that names no happening ("rockets at Dunmore Tuesday") is left for the word it
    depends on, up to a verb.

    Args:
        span (Span): the time expression's tokens.
        happenings (Collection[str]): lemmas of nouns that name a happening ("coup").
    Returns:
        Token | None: the verb or noun; None for a time that stands alone.

    Example: "a 1987 coup" → "coup"; "has governed the island since 1987" → "governed".
    """
    word = attachment(span)
    inside = range(span.start, span.end)
    for _ in range(_MAX_CLIMB):
        if word is None or word.i in inside:
            return None
        if is_predicate(word) or (word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in happenings):
            return word
        up = word.head
        if up.i == word.i:  # the root of a line without a verb ("AP members count votes Thursday")
            return word if word.pos_ in ("NOUN", "PROPN") else None
        if word.dep_ in ("pobj", "pcomp") and up.pos_ in ("ADP", "SCONJ") and up.head.i != up.i:
            up = up.head
        word = up
    return None


def is_future(word: Token | None, future_words: Collection[str]) -> bool:
    """True when the clause of ``word`` speaks of the future.

    An auxiliary "will/would/shall" ("said it would send a team on Wednesday"), a verb under
    "due/set/expected/plan to" ("is set to resume on Monday"), or a passive of one of those
    ("is scheduled for Friday").
    """
    if word is None:
        return False
    auxiliaries = [c for c in near_children(word, after=0) if c.dep_ in ("aux", "auxpass")]
    if any(c.lemma_.lower() in future_words for c in auxiliaries):
        return True
    if word.dep_ == "xcomp" and word.head.lemma_.lower() in future_words:
        return True
    passive = any(c.lemma_.lower() == "be" for c in auxiliaries)
    return (passive or word.pos_ == "ADJ") and word.lemma_.lower() in future_words
