"""Word helpers shared by the compare stage: content words, light lemmas, synonyms.

Everything here is deliberately cheap (one regex pass, set lookups): grouping runs on every
claim of every article, and the whole analysis must stay within a few tokenizer passes.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import table, word_list

# Words: letters with inner apostrophes or hyphens ("Port-Alden", "Ostria's").
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s$")


@cache
def synonyms() -> dict[str, str]:
    """Word → canonical form, from ``measure_synonyms.tsv``."""
    return {row[0].lower(): row[1].lower() for row in table("measure_synonyms.tsv") if len(row) >= 2}


@cache
def casualty_components() -> dict[str, frozenset[str]]:
    """Canonical casualty word → the components it covers, from ``casualty_terms.tsv``."""
    return {row[0].lower(): frozenset(row[1].lower().split()) for row in table("casualty_terms.tsv")
            if len(row) >= 2}


_COORDINATORS = frozenset({"or", "and", "nor"})


@lru_cache(maxsize=1 << 14)
def casualty_set_of(text: str) -> frozenset[str]:
    """The casualty components a measure counts: "killed or wounded" → {killed, wounded}.

    Casualty words joined by "or"/"and" count together. A casualty word right before a
    noun describes who is counted rather than what happened to them: in "capture of
    injured soldiers" the count is of captures, so such a modifier only counts when
    nothing else in the measure is a casualty word ("wounded soldiers treated" → {wounded}).

    Args:
        text (str): a measure, e.g. ``"captured injured soldiers"``.
    Returns:
        frozenset[str]: components from ``casualty_terms.tsv``, e.g. ``{"captured"}``; empty if none.
    """
    comps = casualty_components()
    toks = words(text)
    lem = [lemma(w) for w in toks]
    stop = stopwords()
    runs: list[tuple[set[str], bool]] = []  # (components, is a modifier)
    i = 0
    while i < len(toks):
        if lem[i] not in comps:
            i += 1
            continue
        found = set(comps[lem[i]])
        j = i
        while True:
            # "killed, wounded or missing": a list (commas are gone from the words) or "or"/"and".
            if j + 1 < len(toks) and lem[j + 1] in comps:
                j += 1
            elif j + 2 < len(toks) and toks[j + 1].lower() in _COORDINATORS and lem[j + 2] in comps:
                j += 2
            else:
                break
            found |= comps[lem[j]]
        nxt = toks[j + 1].lower() if j + 1 < len(toks) else None
        runs.append((found, nxt is not None and nxt not in stop and nxt not in _COORDINATORS))
        i = j + 1
    actions = [f for f, modifier in runs if not modifier] or [f for f, _ in runs]
    return frozenset().union(*actions) if actions else frozenset()


@cache
def stopwords() -> frozenset[str]:
    """Words that never decide whether two claims match (``compare_stopwords.txt``)."""
    return word_list("compare_stopwords.txt")


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """A light lemma: lower case, no possessive, synonyms folded, plural ``-s`` stripped.

    Args:
        word (str): one word as written, e.g. ``"Soldiers"``.
    Returns:
        str: its canonical form, e.g. ``"troops"``.
    """
    w = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
    syn = synonyms()
    if w in syn:
        return syn[w]
    # Plural stripping only on longer words, so "gas", "bus" or "news" are not mangled.
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ws")):
        w = w[:-1]
    return syn.get(w, w)


def stem(word: str) -> str:
    """A lemma with ``-ing``/``-ed``/``-ion`` cut as well, for event labels ("signed" ~ "signing")."""
    w = lemma(word)
    # "inspection" ~ "inspected", "evacuation" ~ "evacuated", "signing" ~ "signed".
    for suffix in ("ing", "ed", "ion"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2]:
                w = w[:-1]  # "planned" → "plann" → "plan"
            break
    return w


def words(text: str) -> list[str]:
    """The words of ``text`` as written (no numbers, no punctuation)."""
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 16)
def content_lemmas(text: str, *, keep_names: bool = True) -> frozenset[str]:
    """The lemmas of the content words of ``text``.

    Args:
        text (str): any text, e.g. ``"some 6,000 of its troops"``.
        keep_names (bool): keep capitalised words (names of actors); when False they are
            left out, which keeps a measure to what is counted.
    Returns:
        frozenset[str]: e.g. ``{"troops"}`` (cached: the same measure recurs across articles).
    """
    stop = stopwords()
    out = set()
    for w in words(text):
        if not keep_names and w[0].isupper() and not w.isupper() and w.lower() not in synonyms():
            continue
        if not keep_names and w.isupper() and len(w) > 1:
            continue  # acronyms ("OSCE") name actors, not what is counted
        lw = w.lower()
        if lw in stop or len(lw) < 2:
            continue
        out.add(lemma(w))
    return frozenset(out)


def names_in(text: str) -> set[str]:
    """Capitalised words of ``text`` (lower-cased), a stand-in for actors when no entities are known."""
    stop = stopwords()
    return {w.lower() for w in words(text) if w[0].isupper() and w.lower() not in stop}


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """A name folded for comparison: case, curly quotes, spaces and outer punctuation."""
    n = name.replace("’", "'").casefold()
    n = re.sub(r"\s+", " ", n).strip(" \t\n.,;:'\"“”‘()[]-")
    return n


def jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0.0 for two empty sets."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def overlap_coefficient(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """|a ∩ b| / min(|a|, |b|): high when the shorter text is contained in the longer."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
