"""Time ``group_claims`` on a synthetic corpus: ``python bench/grouping.py``.

The corpus imitates a news archive: stories of about ten articles each, every article with
a handful of figures (varied measures, sources and intervals; some sums in one currency, some
parts of others' wholes), quotes (paraphrases of a story's statements) and dated events (some
naming a happening), and entities mentioned around them. All names are
made up. Grouping must stay near-linear in the number of articles.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from dataclasses import dataclass

from newsledger.compare import group_claims
from newsledger.model import Document, Entity, Event, Mention, Metadata, Quantity, Quote

ARTICLES_PER_STORY = 10
_MEASURES = [
    "troops sent", "people killed", "killed or wounded", "civilians injured", "homes destroyed",
    "people displaced", "tons of grain exported", "dollars in aid", "votes cast", "jobs lost",
    "cases reported", "patients treated", "prisoners released", "vehicles destroyed", "schools closed",
    "workers on strike", "flights cancelled", "arrests made", "drones launched", "villages captured",
    "cost of the damage", "insurance claim", "families moved out",
]
# Measures counted in money: their figures carry a currency unit, so sums of every story meet in
# one currency block (see candidates._keys), which blocking must still keep near-linear.
_MONEY = {"cost of the damage", "insurance claim"}
_SOURCES = [None, None, "the health ministry", "intelligence officials", "the army", "a spokesperson",
            "the election commission", "local authorities", "the central bank", "witnesses"]
_EVENTS = ["treaty signed", "ceasefire announced", "election held", "summit opened", "bridge reopened",
           "strike began", "curfew imposed", "minister resigned", "fire broke out", "flood swept through"]
_SYLLABLES = ["ka", "lo", "mer", "tan", "vi", "dor", "sel", "pra", "nu", "rek", "ost", "bal", "fin", "gar"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


@dataclass
class _Story:
    """What the articles of one story share: actors, words, measures, statements, an event."""

    actors: list[str]
    context: list[str]
    measures: list[str]
    values: list[int]
    statements: list[str]
    event: str
    month: int


class _Writer:
    """Builds one article's text sentence by sentence, remembering offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[tuple[int, int]] = []

    def sentence(self, *chunks: str) -> list[tuple[int, int]]:
        """Append one sentence made of chunks; return each chunk's (start, end)."""
        spans, start = [], self.pos
        for i, chunk in enumerate(chunks):
            if i:
                self._add(" ")
            spans.append((self.pos, self.pos + len(chunk)))
            self._add(chunk)
        self._add(". ")
        self.sentences.append((start, self.pos - 1))
        return spans

    def _add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def build_corpus(
    n_articles: int, seed: int = 7
) -> tuple[list[Document], list[Quote], list[Quantity], list[Event], list[Entity]]:
    """A synthetic corpus of ``n_articles`` articles' claims (see the module docstring)."""
    rng = random.Random(seed)
    docs: list[Document] = []
    quotes: list[Quote] = []
    quantities: list[Quantity] = []
    events: list[Event] = []
    mentions: dict[str, list[Mention]] = {}
    names: dict[str, str] = {}
    n_stories = max(1, n_articles // ARTICLES_PER_STORY)
    stories = []
    for s in range(n_stories):
        actors = [f"e{s}-{k}" for k in range(4)]
        for a in actors:
            names[a] = _word(rng).capitalize() + " " + _word(rng).capitalize()
        stories.append(_Story(
            actors=actors,
            context=[_word(rng) for _ in range(12)],
            measures=rng.sample(_MEASURES, 5),
            values=[rng.choice([15, 45, 350, 1400, 8500, 27000]) for _ in range(5)],
            statements=[" ".join(_word(rng) for _ in range(12)) for _ in range(3)],
            event=rng.choice(_EVENTS),
            month=rng.randint(1, 12),
        ))
    for i in range(n_articles):
        story = stories[i % n_stories]
        doc_id = f"d{i:06d}"
        w = _Writer()
        ms: list[Mention] = []

        def mention(span: tuple[int, int], actor: str, doc_id: str = doc_id, ms: list[Mention] = ms) -> None:
            ms.append(Mention(doc_id, span[0], span[1], names[actor], "PERSON"))

        for _ in range(3):  # background sentences
            words = rng.sample(story.context, 6) + [_word(rng) for _ in range(6)]
            w.sentence(*words)
        for k in rng.sample(range(5), 4):
            actor = rng.choice(story.actors)
            value = story.values[k] * rng.choice([1, 1, 1.1, 0.9, 2])
            q = rng.choice(["exact", "approximate", "more_than", "at_least"])
            low = value * 0.9 if q == "approximate" else value
            high = value * 1.1 if q == "approximate" else value if q == "exact" else None
            figure = f"{'about ' if q == 'approximate' else ''}{value:,.0f} {story.measures[k]}"
            spans = w.sentence(names[actor], "reported", figure, *rng.sample(story.context, 4))
            mention(spans[0], actor)
            source = rng.choice(_SOURCES)
            unit = "$" if story.measures[k] in _MONEY else None
            quantities.append(Quantity(doc_id, spans[2][0], spans[2][1], figure, value, low, high, q,  # type: ignore[arg-type]
                                       story.measures[k], unit=unit, source=source))
        for k in range(2):
            actor = story.actors[k]
            words = story.statements[k].split()
            said = " ".join(x for x in words if rng.random() > 0.2)
            spans = w.sentence(names[actor], "said", said)
            mention(spans[0], actor)
            quotes.append(Quote(doc_id, spans[2][0], spans[2][1], said, True, speaker=names[actor]))
        month = story.month if rng.random() > 0.1 else rng.randint(1, 12)
        when = f"2030-{month:02d}"
        spans = w.sentence(story.event, "in", when, *rng.sample(story.context, 3))
        text = w.text()
        events.append(Event(doc_id, spans[0][0], spans[2][1], text[spans[0][0]:spans[2][1]],
                            story.event, when, f"{when}-01", f"{when}-28"))
        docs.append(Document(id=doc_id, source=f"synthetic/{doc_id}.txt", text=text,
                             meta=Metadata(published=f"2031-01-{1 + i % 28:02d}"), sentences=tuple(w.sentences)))
        mentions[doc_id] = ms
    # One entity per actor name (every mention of an actor is written the same way).
    by_actor: dict[str, list[Mention]] = {}
    for ms in mentions.values():
        for m in ms:
            by_actor.setdefault(m.text, []).append(m)
    entities = [Entity(id=f"ent-{k}", canonical=name, type="PERSON", aliases=(name,), mentions=tuple(ms))
                for k, (name, ms) in enumerate(sorted(by_actor.items()))]
    return docs, quotes, quantities, events, entities


def time_grouping(n_articles: int) -> float:
    """Seconds ``group_claims`` takes on a synthetic corpus of ``n_articles`` articles.

    Args:
        n_articles (int): corpus size, e.g. 1000.
    Returns:
        float: wall-clock seconds for grouping alone (building the corpus is not timed).
    """
    corpus = build_corpus(n_articles)
    # The corpus stays alive for the whole run: move it out of the collector's sight so that
    # what is timed is grouping, not repeated scans of the input objects.
    gc.collect()
    gc.freeze()
    try:
        t0 = time.perf_counter()
        group_claims(*corpus)
        return time.perf_counter() - t0
    finally:
        gc.unfreeze()


def main(argv: list[str]) -> int:
    """Print grouping times for 1,000 and 10,000 articles (or the sizes given)."""
    sizes = [int(a) for a in argv] or [1000, 10000]
    base = None
    for n in sizes:
        t = time_grouping(n)
        per = t / n * 1000
        ratio = "" if base is None else f"  ({t / base:.1f}× the first size for {n / sizes[0]:.0f}× the articles)"
        base = base or t
        print(f"{n:>7,} articles: {t:7.2f} s  ({per:.2f} ms per article){ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
