"""``add_articles``: analyse inputs into a store, story by story (what ``newsledger analyze`` does).

Each article is extracted, then joins its story in a transaction of its own
(:func:`assign_story`), so a run that is interrupted keeps every article it finished. When all
are in, each story that articles joined is compared again (:func:`update_story`). A story left
uncompared (by an interrupted run, or by the upgrade of a store made before stories) is
compared first, so that its articles can be matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..budget import DEFAULT_TIME_BUDGET
from ..ingest.files import DEFAULT_MAX_BYTES, Fetcher
from ..model import Failure, Notice, Skipped
from ..pipeline import Findings, iter_findings
from ..store.repository import Store
from ..store.stories import stale_stories
from .assign import Assignment, assign_story
from .update import update_story


@dataclass(frozen=True, slots=True)
class Counts:
    """What the extractors found in one article (statements, figures, events)."""

    quotes: int
    figures: int
    events: int


@dataclass(slots=True)
class BatchResult:
    """Where each article went, what failed, and the stories compared again (in order)."""

    assignments: list[Assignment] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)


def add_articles(store: Store, inputs: Iterable[str], *, story: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                 budget: float | None = DEFAULT_TIME_BUDGET,
                 on_item: Callable[[Findings | Failure | Skipped | Notice, Assignment | None], None] | None = None,
                 ) -> BatchResult:
    """Analyse ``inputs`` and add every article to its story in ``store``; compare those stories.

    Args:
        store (Store): where the stories are.
        inputs (Iterable[str]): files, folders, URLs, "-".
        story (str | None): put every article in this story (an id or a name; a new name starts one).
        max_bytes (int): inputs larger than this are refused; fetch: how URLs are fetched.
        budget (float | None): seconds of analysis one article may take (None: no limit).
        on_item: called after each article is stored (or fails, or is skipped) and with each
            warning, e.g. to print its outcome line and advance a progress bar.
    Returns:
        BatchResult: e.g. five articles of one event → five assignments to one story, ``stories == [1]``.
    """
    result = BatchResult()
    with store.reading() as conn:
        left = stale_stories(conn)
    for sid in left:
        update_story(store, sid)
    for item in iter_findings(inputs, max_bytes=max_bytes, fetch=fetch, budget=budget):
        if isinstance(item, Failure | Skipped | Notice):
            if isinstance(item, Failure):
                result.failures.append(item)
            if on_item is not None:
                on_item(item, None)
            continue
        result.failures.extend(item.failures)
        assignment = assign_story(store, item, story=story)
        result.assignments.append(assignment)
        result.counts[item.doc.id] = Counts(sum(q.kind == "statement" for q in item.quotes), len(item.quantities),
                                            len(item.events))
        if on_item is not None:
            on_item(item, assignment)
    touched = list(dict.fromkeys(a.story_id for a in result.assignments))
    with store.reading() as conn:
        stale = set(stale_stories(conn))
    for sid in touched:
        if sid in stale:
            update_story(store, sid)
    result.stories = touched
    return result
