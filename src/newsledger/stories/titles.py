"""A story's title: the headline most like the others, and its main actors.

Example: three headlines on a port fire and its inquiry → "Fire guts quay warehouse as smoke
forces evacuations — Mara Ellison, Greyfield Logistics".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..compare._words import lemma, stopwords, words
from ..model import Document, Entity

MAX_TITLE = 110  # characters; a longer headline is cut at a word
_ACTORS = 2
_ACTOR_TYPES = ("PERSON", "ORG")


def story_title(docs: Sequence[Document], entities: Sequence[Entity]) -> str:
    """The title of a story made of ``docs``, with the ``entities`` resolved across them.

    Args:
        docs (Sequence[Document]): the story's articles, in the order they joined.
        entities (Sequence[Entity]): its actors.
    Returns:
        str: the central headline (the one sharing most words with the others; the first on a
        tie), then up to two actors named in the most articles that it does not name already.
        Without any headline, the first words of the first article.
    """
    headline = _central_headline(docs)
    if headline is None:
        first = docs[0].text.strip().splitlines()[0] if docs and docs[0].text.strip() else "untitled story"
        headline = first
    headline = _cut(" ".join(headline.split()), MAX_TITLE)
    spread = [(len({m.doc for m in e.mentions}), len(e.mentions), -i, e.canonical)
              for i, e in enumerate(entities) if e.type in _ACTOR_TYPES and len(e.canonical) > 2]
    low = headline.casefold()
    actors = [name for n_docs, _n, _i, name in sorted(spread, reverse=True)
              if name.casefold() not in low and n_docs >= min(2, len(docs))][:_ACTORS]
    return f"{headline} — {', '.join(actors)}" if actors else headline


def _central_headline(docs: Sequence[Document]) -> str | None:
    titles = [d.meta.title for d in docs if d.meta.title and d.meta.title.strip()]
    if not titles:
        return None
    bags = [frozenset(lemma(w.lower()) for w in words(t) if w.lower() not in stopwords()) for t in titles]
    counts = Counter(w for bag in bags for w in bag)
    best = max(range(len(titles)), key=lambda i: (sum(counts[w] - 1 for w in bags[i]), -i))
    return titles[best]


def _cut(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    return text[: n - 1].rsplit(" ", 1)[0] + "…"
