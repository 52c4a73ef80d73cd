"""Could two articles tell one story? A gate before any of their claims are compared.

Grouping runs per story, but a story may hold an article that joined it by mistake, and a
batch analysed at once may hold several stories: "fourth quarter sales rose 2%" of one firm
must never meet the same words about another firm in another article. Two articles may have
their claims compared only when

- they share enough of what they are about: the actors named around their claims and the
  content words of those claims' sentences, each weighted by its rarity in general English
  (wordfreq), as unit vectors whose dot product reaches :data:`MIN_AFFINITY`;
- they are dated at most :data:`DATE_WINDOW_DAYS` apart, and one outlet did not file them
  under two different sections (the story matcher's rules, ``stories/matcher.py``).

An article with little to go by (a few sentences, findings built by hand) passes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence

from ..model import Document
from ..rarity import rarity
from .claims import Claim

__all__ = ["Affinity", "MIN_AFFINITY"]

# Calibrated on the six answer-keyed bundles analysed together: every pair of articles of one
# bundle scores 0.12 or more, articles of different bundles under 0.05 (see bench/grouping_bbc.py
# for unrelated stories).
MIN_AFFINITY = 0.08
DATE_WINDOW_DAYS = 30
# Names count at least this much (a name that is also a common word: "Bank", "Apple").
_NAME_MIN_RARITY = 2.0
_NAME_WEIGHT = 1.5
# An article whose claims' sentences give fewer words and actors than this is too short to judge.
_MIN_KEYS = 25
# Keys kept per article (its rarest words and names).
_MAX_KEYS = 80


def _day(published: str | None) -> dt.date | None:
    if not published or len(published) < 10:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


class Affinity:
    """Per-article vectors built once; :meth:`allows` answers for a pair of articles (cached).

    Args:
        documents (Sequence[Document]): the articles (dates, outlets, sections).
        claims (Sequence[Claim]): their claims (context words and actors).
        entity_names (dict[str, str]): entity id → canonical name, for the rarity of a name.
    """

    def __init__(self, documents: Sequence[Document], claims: Sequence[Claim],
                 entity_names: dict[str, str] | None = None) -> None:
        names = entity_names or {}
        raw: dict[str, dict[str, float]] = defaultdict(dict)
        for c in claims:
            vec = raw[c.doc]
            for w in c.context:
                if w not in vec:
                    vec[w] = rarity(w)
            for a in c.actors:
                key = "@" + a
                if key not in vec:
                    name = names.get(a, a)
                    vec[key] = _NAME_WEIGHT * max(rarity(name.lower()), _NAME_MIN_RARITY)
        self.vectors: dict[str, dict[str, float]] = {}
        for doc_id, vec in raw.items():
            if len(vec) < _MIN_KEYS:
                continue
            # the heaviest keys say what an article is about; the rest only cost time
            top = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_KEYS])
            norm = math.sqrt(sum(w * w for w in top.values()))
            if norm > 0:
                self.vectors[doc_id] = {k: w / norm for k, w in top.items() if w > 0}
        self.docs = {d.id: d for d in documents}
        self._cache: dict[tuple[str, str], bool] = {}

    def similarity(self, a: str, b: str) -> float | None:
        """The dot product of two articles' vectors; None when one has nothing to go by."""
        va, vb = self.vectors.get(a), self.vectors.get(b)
        if not va or not vb:
            return None
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(k, 0.0) for k, w in va.items())

    def allows(self, a: str, b: str) -> bool:
        """True when articles ``a`` and ``b`` may tell one story (see the module docstring)."""
        key = (a, b) if a < b else (b, a)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._allows(a, b)
        return found

    def _allows(self, a: str, b: str) -> bool:
        da, db = self.docs.get(a), self.docs.get(b)
        if da is not None and db is not None:
            ma, mb = da.meta, db.meta
            if ma.section and mb.section and (ma.outlet or "").casefold() == (mb.outlet or "").casefold() and (
                    ma.section.casefold() != mb.section.casefold()):
                return False
            pa, pb = _day(ma.published), _day(mb.published)
            if pa is not None and pb is not None and abs((pa - pb).days) > DATE_WINDOW_DAYS:
                return False
        sim = self.similarity(a, b)
        return sim is None or sim >= MIN_AFFINITY
