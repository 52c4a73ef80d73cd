"""Word helpers shared by the compare stage: content words, light lemmas, synonyms.

Everything here is deliberately cheap (one regex pass, set lookups): grouping runs on every
claim of every article, and the whole analysis must stay within a few tokenizer passes.
What is worked out per word is kept (words recur across stories); what is worked out per text
(a claim's measure, a sentence) is kept for one comparison and let go by :func:`forget_texts`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import table, word_list
from ..meaning import forget_claims

# Words: letters with inner apostrophes or hyphens ("Fort-Selby", "Ostria's").
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s$")
# Words and names whose light forms are kept: a stream of news brings new names without end,
# and a full cache of 65,536 words held some 15 MB for the rest of a long run.
_CACHED_WORDS = 1 << 15


@cache
def synonyms() -> dict[str, str]:
    """Word → canonical form, from the one-word rows of ``measure_synonyms.tsv``."""
    return {row[0].lower(): row[1].lower() for row in table("measure_synonyms.tsv")
            if len(row) >= 2 and " " not in row[0].strip()}


@cache
def phrasal_synonyms() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """First word → (pattern of the whole phrase, canonical form), from the phrase rows of
    ``measure_synonyms.tsv`` ("moved out" → ``evacuated``)."""
    out: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for row in table("measure_synonyms.tsv"):
        parts = row[0].lower().split()
        if len(row) >= 2 and len(parts) > 1:
            pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, parts)) + r"\b", re.IGNORECASE)
            out.setdefault(parts[0], []).append((pattern, row[1].lower()))
    return {k: tuple(v) for k, v in out.items()}


def phrasal_measure_words(measure: str, clause: str) -> list[tuple[str, str]]:
    """Measure words that are the verb of a phrasal synonym the article spells out in full.

    Args:
        measure (str): the figure's measure, e.g. ``"villagers moved"``.
        clause (str): the article's words from the figure on, e.g.
            ``"About 600 villagers were moved out of the lowlands"``.
    Returns:
        list[tuple[str, str]]: (lemma of the measure word, canonical form), e.g.
        ``[("moved", "evacuated")]``; empty when no phrase applies.
    """
    out = []
    for w, patterns in phrasal_verbs_in(measure):
        for pattern, canonical in patterns:
            if pattern.search(measure) or pattern.search(clause):
                out.append((lemma(w), canonical))
                break
    return out


def compound_measure_words(measure: str) -> list[tuple[frozenset[str], str]]:
    """Several-word synonyms spelled out in the measure itself, folded whole.

    Args:
        measure (str): e.g. ``"rescue workers taken"``.
    Returns:
        list[tuple[frozenset[str], str]]: (lemmas of the phrase's words, canonical form), e.g.
        ``[({"rescue", "worker"}, "rescuers")]``; empty when no phrase is spelled out.
    """
    out = []
    for _, patterns in phrasal_verbs_in(measure):
        for pattern, canonical in patterns:
            m = pattern.search(measure)
            if m:
                out.append((frozenset(lemma(x) for x in words(m.group(0))), canonical))
                break
    return out


@lru_cache(maxsize=1 << 14)
def phrasal_verbs_in(measure: str) -> tuple[tuple[str, tuple[tuple[re.Pattern[str], str], ...]], ...]:
    """The words of ``measure`` that may begin a phrasal synonym, with the phrases (cheap test first)."""
    table_ = phrasal_synonyms()
    return tuple((w, table_[w.lower()]) for w in words(measure) if w.lower() in table_)


@cache
def money_words() -> frozenset[str]:
    """Lemmas of the words that name a sum of money (``money_measures.txt``): damage, cost, claim."""
    return frozenset(lemma(w) for w in word_list("money_measures.txt"))


@cache
def currency_units() -> frozenset[str]:
    """Units that are money (``currency_units.txt``), folded like :func:`normalise_name` folds units."""
    return frozenset(normalise_name(u) or u for u in word_list("currency_units.txt"))


_Families = dict[str, tuple[tuple[tuple[str, ...], str], ...]]


@cache
def _event_families() -> tuple[_Families, _Families, _Families]:
    """(happening nouns, onset phrases, whole phrases) from ``event_families.tsv``: first word → (words, canonical)."""
    roles: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {"happening": {}, "onset": {}, "whole": {}}
    for row in table("event_families.tsv"):
        if len(row) < 3:
            continue
        toks = tuple(words(row[0].lower()))
        target = roles.get(row[2].lower(), roles["onset"])
        target.setdefault(toks[0], []).append((toks, row[1].lower()))
    # Longest phrase first, so "broke out" is tried before a one-word entry.
    nouns, onsets, wholes = (
        {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in roles[r].items()}
        for r in ("happening", "onset", "whole"))
    return nouns, onsets, wholes


# Words at most between a happening noun and its onset verb: "fire that broke out", "the
# quake, which struck". They must all be function words (compare_stopwords.txt), so that
# "opened fire on protesters, who began to run" names no fire.
_HAPPENING_GAP = 4


def _match(toks: list[str], i: int, table_: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
           ) -> tuple[int, str] | None:
    for phrase, canonical in table_.get(toks[i], ()):
        if tuple(toks[i: i + len(phrase)]) == phrase:
            return len(phrase), canonical
    return None


def happening_noun(word: str) -> str | None:
    """The canonical happening a one-word noun names ("walkout" → "strike"), from ``event_families.tsv``."""
    for phrase, canonical in _event_families()[0].get(word.lower(), ()):
        if len(phrase) == 1:
            return canonical
    return None


def happening_of(text: str) -> tuple[str, str] | None:
    """The happening a clause reports: a happening noun with an onset verb a few words after it.

    Args:
        text (str): an event's words, e.g. ``"the flood that swept through the valley on Monday"``.
    Returns:
        tuple[str, str] | None: (canonical noun, canonical onset), e.g. ``("flood", "began")``;
        None when the clause names no happening noun followed by an onset (``"flood declared over"``).
    """
    nouns, onsets, wholes = _event_families()
    stop = stopwords()
    toks = [w.lower() for w in words(text)]
    noun: tuple[int, str] | None = None  # (index after the noun, canonical)
    i = 0
    while i < len(toks):
        if noun is not None and i - noun[0] <= _HAPPENING_GAP:
            onset = _match(toks, i, onsets)
            if onset is not None:
                return noun[1], onset[1]
            if toks[i] not in stop:
                noun = None  # a content word between them: the onset would tell of something else
        if noun is None:
            whole = _match(toks, i, wholes)
            if whole is not None:  # "miners walked out": the strike and its start in one phrase
                noun_word, _, onset_word = whole[1].partition("/")  # "inspection/carried out"
                return noun_word, onset_word or "began"
        found = _match(toks, i, nouns)
        if found is not None:
            noun = (i + found[0], found[1])
            i += found[0]
            continue
        i += 1
    return None


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


@lru_cache(maxsize=_CACHED_WORDS)
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


@lru_cache(maxsize=_CACHED_WORDS)
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


def forget_texts() -> None:
    """Let go of what was worked out per text (kept while one comparison runs): a stream of
    stories compared one after another then holds at most the texts of the largest story."""
    content_lemmas.cache_clear()
    casualty_set_of.cache_clear()
    phrasal_verbs_in.cache_clear()
    forget_claims()
