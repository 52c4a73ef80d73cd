"""Attribution cues: the speech verbs of a parse with who speaks and what they say.

The constructions are data (``data/en/patterns/attribution.jsonl``): spaCy
``DependencyMatcher`` patterns, one row per construction with an example. A row names the
cue token and one slot: ``speaker`` (the head of who said it) or ``content`` (the head of
what was said). This module only runs them; ``resolve/attribution.py`` interprets the slots.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import LexiconError
from ..lexicons import word_list
from ._depmatch import SharedNodeMatcher

__all__ = ["CueLexicons", "CueMatch", "CuePattern", "find_cues", "load_cue_lexicons", "load_cue_patterns"]

PATTERN_FILE = "data/en/patterns/attribution.jsonl"
# sentences longer than this many tokens are matched in windows of this size
LONG_SENTENCE = 200
# more runs of sentences with cue words than this: the whole text is matched at once
MAX_PIECES = 24


@dataclass(frozen=True, slots=True)
class CuePattern:
    """One construction: its id, slot, example sentence, expected finds and the pattern."""

    id: str
    slot: str  # "speaker" or "content"
    example: str
    expect: dict[str, str]
    pattern: list[dict[str, Any]]
    rank: int  # file order: lower is tried first


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue token and the token heading its slot, as one construction found them."""

    pattern: str
    slot: str
    cue: int
    target: int
    rank: int


@dataclass(frozen=True, slots=True)
class CueLexicons:
    """The word lists the patterns name ("$speech_verbs" …), lower-case lemmas."""

    speech_verbs: frozenset[str]
    that_verbs: frozenset[str]
    evaluative_verbs: frozenset[str]
    figure_verbs: frozenset[str]
    report_nouns: frozenset[str]
    # verbs of voice ("shouted", "tweeted"): they attribute a quotation they follow, no pattern
    voice_verbs: frozenset[str] = frozenset()

    def lists(self) -> dict[str, list[str]]:
        return {
            "speech_verbs": sorted(self.speech_verbs),
            "that_verbs": sorted(self.that_verbs),
            "any_verbs": sorted(self.speech_verbs | self.that_verbs),
            "cue_verbs": sorted(self.speech_verbs | self.that_verbs | self.evaluative_verbs | self.figure_verbs),
            "evaluative_verbs": sorted(self.evaluative_verbs),
            "figure_verbs": sorted(self.figure_verbs),
            "report_nouns": sorted(self.report_nouns),
        }


@cache
def load_cue_lexicons() -> CueLexicons:
    """The cue word lists of ``data/en`` (cached)."""
    return CueLexicons(
        speech_verbs=word_list("speech_verbs.txt"),
        that_verbs=word_list("speech_verbs_that.txt"),
        evaluative_verbs=word_list("evaluative_verbs.txt"),
        figure_verbs=word_list("figure_report_verbs.txt"),
        report_nouns=word_list("report_nouns.txt"),
        voice_verbs=word_list("voice_verbs.txt"),
    )


def _expand(value: Any, lists: dict[str, list[str]]) -> Any:
    """Replace "$name" strings by the word list they name."""
    if isinstance(value, str) and value.startswith("$"):
        try:
            return lists[value[1:]]
        except KeyError:
            raise LexiconError(f"{PATTERN_FILE}: unknown word list {value!r}; known: {sorted(lists)}") from None
    if isinstance(value, dict):
        return {k: _expand(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, lists) for v in value]
    return value


@cache
def load_cue_patterns() -> tuple[CuePattern, ...]:
    """The attribution constructions of the data file ("$name" word lists not yet filled in)."""
    raw = resources.files("newsledger").joinpath(PATTERN_FILE).read_text(encoding="utf-8")
    out: list[CuePattern] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
            out.append(CuePattern(row["id"], row["slot"], row["example"], dict(row.get("expect", {})),
                                  row["pattern"], len(out)))
        except (ValueError, KeyError) as exc:
            raise LexiconError(f"{PATTERN_FILE} line {n}: {exc}") from exc
    return tuple(out)


@cache
def _matcher(nlp: Language, lexicons: CueLexicons) -> tuple[SharedNodeMatcher, dict[int, CuePattern]]:
    matcher = SharedNodeMatcher(nlp.vocab)
    lists = lexicons.lists()
    by_key: dict[int, CuePattern] = {}
    for p in load_cue_patterns():
        matcher.add(p.id, [_expand(p.pattern, lists)])
        by_key[nlp.vocab.strings[p.id]] = p
    matcher.share_nodes()
    return matcher, by_key


@cache
def _trigger_hashes(nlp: Language, lexicons: CueLexicons) -> npt.NDArray[np.uint64]:
    """Hashes of every word a pattern's cue node may be: the lists' lemmas and the literal words."""
    words: set[str] = set()
    for values in lexicons.lists().values():
        words.update(values)
    for p in load_cue_patterns():
        attrs = p.pattern[0]["RIGHT_ATTRS"]
        for key in ("LEMMA", "LOWER"):
            value = attrs.get(key)
            if isinstance(value, str) and not value.startswith("$"):
                words.add(value)
    return np.array(sorted(nlp.vocab.strings.add(w) for w in words), dtype=np.uint64)


def _triggered(parse: Doc, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """Per token: whether it may be a cue: a verb whose lemma is a cue word, or "according"."""
    if not len(parse):
        return np.zeros(0, dtype=bool)
    arr = parse.to_array([LEMMA, LOWER, POS]).astype(np.uint64)
    verb = arr[:, 2] == parse.vocab.strings["VERB"]
    found: npt.NDArray[np.bool_] = (np.isin(arr[:, 0], hashes) & verb) | (arr[:, 1] == parse.vocab.strings["according"])
    return found


def complement_cues(parse: Doc, lexicons: CueLexicons | None = None) -> list[int]:
    """Verbs of speech the parser made a complement ("ccomp", "dep") of another word: the
    candidates for a cue that closes its report with no construction of its own ("… stolen,
    a senior official … told the Clarion" read as "had … official … told").

    Example: in a parse of "Two cranes were damaged, a senior engineer told the Post." where
    "told" hangs on "damaged" as its complement, the index of "told".
    """
    from ..clean.parse import load_model

    if not len(parse):
        return []
    nlp = load_model()
    lex = lexicons or load_cue_lexicons()
    hashes = _speech_hashes(nlp, lex)
    arr = parse.to_array([LEMMA, POS, DEP]).astype(np.uint64)
    strings = parse.vocab.strings
    found = np.isin(arr[:, 0], hashes) & (arr[:, 1] == strings["VERB"]) & np.isin(
        arr[:, 2], np.array([strings.add("ccomp"), strings.add("dep")], dtype=np.uint64))
    return [int(i) for i in np.flatnonzero(found)]


@cache
def _speech_hashes(nlp: Language, lexicons: CueLexicons) -> npt.NDArray[np.uint64]:
    return np.array(sorted(nlp.vocab.strings.add(w) for w in lexicons.speech_verbs), dtype=np.uint64)


def find_cues(parse: Doc, lexicons: CueLexicons | None = None) -> list[CueMatch]:
    """Every construction found in a parse, as (cue, slot target) pairs, in text order.

    Example: "Officials say the cause is unknown." gives the cue "say" with the speaker
    slot at "Officials" and the content slot at "is".

    The matcher's cost grows faster than a sentence's length, so a run-on "sentence" of a
    badly split page (over ``LONG_SENTENCE`` tokens) is matched in windows of that size.
    """
    from ..clean.parse import load_model, sentence_bounds

    nlp = load_model()
    lex = lexicons or load_cue_lexicons()
    matcher, by_key = _matcher(nlp, lex)
    triggered = _triggered(parse, _trigger_hashes(nlp, lex))
    bounds = sentence_bounds(parse)
    long = any(end - start > LONG_SENTENCE for start, end, _root in bounds)
    pieces: list[tuple[int, Doc | Span]] = []
    run_start: int | None = None
    run_end = 0
    for start, end, _root in bounds:
        if not triggered[start:end].any() or end - start > LONG_SENTENCE:
            # no cue word in the sentence (most sentences of a report), or a run-on one
            if run_start is not None:
                pieces.append((run_start, parse[run_start:run_end]))
                run_start = None
            for a in range(start, end, LONG_SENTENCE) if end - start > LONG_SENTENCE else ():
                if triggered[a:min(end, a + LONG_SENTENCE)].any():
                    pieces.append((a, parse[a:min(end, a + LONG_SENTENCE)].as_doc()))
            continue
        if run_start is None:
            run_start = start
        run_end = end
    if run_start is not None:
        pieces.append((run_start, parse[run_start:run_end]))
    if len(pieces) > MAX_PIECES and not long:
        # every call costs a pass over the whole document: one call for a long text
        pieces = [(0, parse)]
    out: list[CueMatch] = []
    columns: tuple[Any, Any] | None = None
    for offset, piece in pieces:
        if isinstance(piece, Span):
            # the matcher copies a span into a Doc of its own, reading the whole parse's columns
            # each time: read them once (the pieces do not overlap, so one array serves all)
            if columns is None:
                head = Doc._get_array_attrs()
                columns = (head, parse.to_array(list(head)))
            piece = cast(Any, piece).as_doc(array_head=columns[0], array=columns[1])  # not in spaCy's stubs
        for key, tokens in matcher(piece):
            p = by_key[key]
            names = [node["RIGHT_ID"] for node in p.pattern]
            slots = dict(zip(names, tokens, strict=True))
            if "cue" in slots and p.slot in slots:
                out.append(CueMatch(p.id, p.slot, slots["cue"] + offset, slots[p.slot] + offset, p.rank))
    out.sort(key=lambda m: (m.cue, m.rank, m.target))
    return out
