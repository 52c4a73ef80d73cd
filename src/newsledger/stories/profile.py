"""What the story matcher compares: an article's names, figures, days and words, by rarity.

An article becomes a vector of keys, each weighted by how much sharing it says about two
articles being one story:

- ``n:`` a name (person, organisation, place) under its fullest form in the article
  (its own mentions merged by :func:`newsledger.resolve.entities.resolve_entities`);
- ``f:`` a figure with its unit ("4200", "71.3%"), except small counts that any story has;
- ``d:`` a calendar day an event is placed on (not the publication date line);
- ``h:`` a content word of the headline, ``w:`` of the body (light lemma, stopwords left out).

Words and names are weighted by their rarity in general English (wordfreq's Zipf scale:
"people" 6.3, "strike" 4.7, "machinists" 2.6, an unknown surname 0), so sharing a rare name
says more than sharing a common word even in a store of three articles, where the store's
own counts say nothing yet. The vector has unit length, so a long article and a short one
compare alike.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..compare._words import lemma, stopwords, words
from ..model import Document, Event, Mention, Quantity
from ..rarity import rarity
from ..resolve.entities import normalize_name, resolve_entities

# A name counts at least this much even when it is also a common word ("Bank", "Apple").
NAME_MIN_RARITY = 2.0
# Names weigh more than words of the same rarity: they are who the story is about.
NAME_WEIGHT = 1.5
# A figure or a day shared by two articles is about as telling as a rare name.
FIGURE_WEIGHT = 3.0
DAY_WEIGHT = 3.0
HEADLINE_WEIGHT = 1.0
# Whole counts below this are in every story ("two people", "12 years"); a unit keeps them ("12%").
SMALL_COUNT = 20
_MIN_WORD = 3


@dataclass(frozen=True, slots=True)
class Profile:
    """An article as the matcher sees it.

    Attributes:
        weights: key → weight, the vector of unit length.
        labels: key → how a reader is told about it ("Ana Rivas", "4,000 workers").
        date: the publication day, when the article states one.
        outlet: the outlet the article names; section: the outlet's section for it.
    """

    weights: dict[str, float]
    labels: dict[str, str]
    date: dt.date | None
    outlet: str | None
    section: str | None


def publication_day(doc: Document) -> dt.date | None:
    """The day an article states it was published (None when it states none)."""
    stated = doc.meta.published
    if not stated or len(stated) < 10:
        return None
    try:
        return dt.date.fromisoformat(stated[:10])
    except ValueError:
        return None


def article_profile(doc: Document, mentions: Sequence[Mention], quantities: Sequence[Quantity],
                    events: Sequence[Event]) -> Profile:
    """The matcher's vector of one article, from what the extractors found in it.

    Args:
        doc (Document): the prepared article.
        mentions (Sequence[Mention]): its name mentions; quantities, events: its figures and events.
    Returns:
        Profile: e.g. an article on a strike vote gets ``n:ana rivas``, ``f:4000``, ``h:strike``….
    """
    raw: dict[str, float] = {}
    labels: dict[str, str] = {}
    for entity in resolve_entities([doc], list(mentions)):
        key = normalize_name(entity.canonical)
        if len(key) < _MIN_WORD:
            continue
        raw["n:" + key] = NAME_WEIGHT * max(rarity(key), NAME_MIN_RARITY)
        labels["n:" + key] = entity.canonical
    for q in quantities:
        fig = figure_key(q)
        if fig is not None:
            raw[fig] = FIGURE_WEIGHT
            labels.setdefault(fig, q.text)
    for e in events:
        if e.event != "publication" and not e.estimated and e.date_start and e.date_start == e.date_end:
            raw["d:" + e.date_start] = DAY_WEIGHT
            labels.setdefault("d:" + e.date_start, e.date_start)
    if doc.meta.title:
        for w in words(doc.meta.title):
            low = w.lower()
            if len(low) >= _MIN_WORD and low not in stopwords():
                raw["h:" + lemma(low)] = HEADLINE_WEIGHT * rarity(low)
                labels.setdefault("h:" + lemma(low), low)
    body = Counter(w.lower() for s, e in doc.body_sentences() for w in words(doc.text[s:e]))
    for low, n in body.items():
        if len(low) >= _MIN_WORD and low not in stopwords():
            key = "w:" + lemma(low)
            raw[key] = raw.get(key, 0.0) + (1 + math.log(n)) * rarity(low)
            labels.setdefault(key, low)
    norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
    weights = {k: w / norm for k, w in raw.items() if w > 0}
    return Profile(weights, {k: labels[k] for k in weights}, publication_day(doc), doc.meta.outlet,
                   doc.meta.section)


def figure_key(q: Quantity) -> str | None:
    """The key of a figure: its number and unit ("f:71.3%"); None for small whole counts and "hundreds"."""
    if q.value is None:
        return None
    if float(q.value).is_integer() and abs(q.value) < SMALL_COUNT and not q.unit:
        return None
    return f"f:{q.value:g}{q.unit or ''}"
