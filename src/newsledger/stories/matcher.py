"""Which stored story an article belongs to: its nearest stored article, if near enough.

The article's :class:`~.profile.Profile` is compared with every stored article that shares a
key with it (the store's ``features`` table is the inverted index): the similarity is the
dot product of the two unit vectors over the keys they share. The article joins the story
of its nearest article when that similarity reaches :data:`JOIN_SIMILARITY`; otherwise it
starts a story of its own.

Two rules keep stories to one event rather than one topic:

- a key found in many stories already is no evidence (:data:`COMMON_STORY_SHARE`): in a store
  of a year of politics, a party leader's name is in every other story and says nothing, while
  in a store of three stories the same name still counts;
- a stored article cannot be the nearest when the two are dated more than
  :data:`DATE_WINDOW_DAYS` apart, or when one outlet filed them under different sections.

Calibration (``bench/stories.py`` and ``tests/stories/test_bundles.py``): the six answer-keyed
bundles fed one article at a time, in 40 shuffled orders, and the 2,092 BBC articles. Within a
bundle every pair of articles scores 0.20 or more; articles of different bundles score under
0.12. At 0.15 every order gives exactly six stories; at 0.18 one order in 40 splits a bundle,
at 0.22 one in four. Without the story-share rule, topics snowball in the BBC corpus (at 0.15 one
"story" gathers 150 business articles); with it, the 2,092 articles make 1,312 stories, the
largest 33 articles of one running political row. Without the section rule, 10 of those
stories span two BBC sections; read by hand they are mostly one event told by two desks (a
football club takeover in business and in sport, a budget row in business and in politics):
the section rule keeps them apart, since no story may span two sections.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..store.stories import Posting
from .profile import Profile

# Similarity (0–1) of the nearest stored article at and above which an article joins its story.
JOIN_SIMILARITY = 0.15
# A key found in more than this share of the stored stories (and in more than COMMON_STORY_MIN
# of them) is common in this store and no evidence either way.
COMMON_STORY_SHARE = 0.02
COMMON_STORY_MIN = 3
# Two dated articles further apart than this are not one story's news (a strike that runs for
# months still gets an article every few weeks, each near the one before).
DATE_WINDOW_DAYS = 30
# How many shared names or figures, and words, the reason given to the reader lists.
_REASON_NAMES = 4
_REASON_WORDS = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that shares keys with the new one: what the matcher needs of it."""

    doc_id: str
    story_id: int
    name: str  # how the reader is told which article: its outlet or file
    date: str | None  # its publication date as stored ("2025-03-14…"), if any
    outlet: str | None
    section: str | None


@dataclass(frozen=True, slots=True)
class Match:
    """The matcher's answer: a story to join (None: start one) and why."""

    story_id: int | None
    similarity: float
    nearest: str | None  # the nearest stored article, as the reader knows it
    shared: tuple[str, ...]  # names and figures shared with it, as written
    shared_words: tuple[str, ...]

    @property
    def reason(self) -> str:
        """One line for the summary: "shares Halden Corp, Ana Rivas, 4,000 workers; words …"."""
        if self.nearest is None:
            return "no stored article shares its names, figures or rare words"
        parts = []
        if self.shared:
            parts.append("shares " + ", ".join(self.shared))
        if self.shared_words:
            parts.append(("words " if parts else "shares the words ") + ", ".join(self.shared_words))
        what = "; ".join(parts) or "shares a few common words"
        verdict = f"with {self.nearest}, similarity {self.similarity:.2f}"
        if self.story_id is None:
            return f"nearest stored article too far ({verdict} < {JOIN_SIMILARITY}): {what}"
        return f"{what} ({verdict})"


def common_limit(n_stories: int) -> float:
    """The number of stories above which a key is common in a store of ``n_stories``."""
    return max(COMMON_STORY_MIN, COMMON_STORY_SHARE * n_stories)


def match_story(profile: Profile, postings: Sequence[Posting], story_counts: Mapping[str, int], n_stories: int,
                candidates: Mapping[str, Candidate]) -> Match:
    """The story an article joins: that of its nearest stored article, when near enough.

    Args:
        profile (Profile): the new article.
        postings (Sequence[Posting]): stored weights of the article's keys (from the store).
        story_counts (Mapping[str, int]): in how many stories each key is found.
        n_stories (int): how many stories the store holds.
        candidates (Mapping[str, Candidate]): the stored articles named in ``postings``.
    Returns:
        Match: e.g. ``Match(3, 0.34, "Velmora Courier (001_courier.txt)", ("Ana Rivas", "4,000"), ("strike",))``;
        ``story_id`` None when no stored article is near enough.
    """
    limit = common_limit(n_stories)
    best = nearest_compatible(profile, similarities(profile, postings, story_counts, n_stories), candidates)
    if best is None:
        return Match(None, 0.0, None, (), ())
    doc_id, score = best
    cand = candidates[doc_id]
    shared = sorted(((profile.weights[p.key] * p.weight, p.key, p.label or p.key[2:]) for p in postings
                     if p.doc_id == doc_id and p.key in profile.weights and story_counts.get(p.key, 0) <= limit),
                    reverse=True)
    names = tuple(dict.fromkeys(label for _, k, label in shared if k[0] in "nfd"))[:_REASON_NAMES]
    words_ = tuple(dict.fromkeys(label for _, k, label in shared if k[0] in "hw" and label not in names))
    return Match(cand.story_id if score >= JOIN_SIMILARITY else None, score, cand.name, names,
                 words_[:_REASON_WORDS])


def similarities(profile: Profile, postings: Sequence[Posting], story_counts: Mapping[str, int],
                 n_stories: int) -> dict[str, float]:
    """Each stored article's similarity with the new one: the dot product over the keys they
    share that are not common in the store, added in the order of the keys."""
    limit = common_limit(n_stories)
    scores: dict[str, float] = defaultdict(float)
    for p in sorted(postings, key=lambda p: p.key):
        mine = profile.weights.get(p.key)
        if mine is None or story_counts.get(p.key, 0) > limit:
            continue
        scores[p.doc_id] += mine * p.weight
    return scores


def nearest_compatible(profile: Profile, scores: Mapping[str, float],
                       candidates: Mapping[str, Candidate]) -> tuple[str, float] | None:
    """The most similar stored article that may be of one story with the new one (ties: by id)."""
    for doc_id, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        cand = candidates.get(doc_id)
        if cand is not None and _compatible(profile, cand):
            return doc_id, score
    return None


def _compatible(profile: Profile, cand: Candidate) -> bool:
    """False when dates or sections say the two articles cannot be one story."""
    if profile.date is not None and cand.date:
        other = _day(cand.date)
        if other is not None and abs((profile.date - other).days) > DATE_WINDOW_DAYS:
            return False
    return not (profile.section and cand.section and _same(profile.outlet, cand.outlet)
                and not _same(profile.section, cand.section))


def _day(published: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()
