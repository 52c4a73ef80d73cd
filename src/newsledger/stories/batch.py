"""``add_articles``: analyse inputs into a store, story by story (what ``newsledger analyze`` does).

Articles come as a stream, in input order (:func:`newsledger.pipeline.iter_findings`, or the
workers of a Dask cluster, :mod:`newsledger.scale.cluster`); each joins its story, one after
another, in transactions of ``ASSIGN_BATCH`` articles (:func:`assign_stories`), so a run that is
interrupted keeps every batch it finished. Joining is done here, in input order: where an article
goes depends on the articles before it, and so a run gives the same stories however many
processes extract. When all are in, each story that articles joined is compared again
(:func:`update_stories`; stories in parallel on a cluster). A story left uncompared (by an
interrupted run, or by the upgrade of a store made before stories) is compared first, so that
its articles can be matched.

Memory: what a run keeps per article is its id (to know a text seen before) and, when asked
(``keep=True``, for the summary of a small run), where it went.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..budget import DEFAULT_TIME_BUDGET
from ..ingest.files import DEFAULT_MAX_BYTES, Fetcher
from ..model import Failure
from ..pipeline import Findings, iter_findings
from ..scale.sources import Outcome, Plan, plan_inputs
from ..store.repository import Store
from ..store.stories import stale_stories
from .assign import Assignment, assign_stories
from .profile import Profile
from .update import compare_new_stories, update_stories

# Articles stored per transaction: a run that is stopped loses the analysis of at most this many
# (never anything stored), and the store's pages and search index are written once per batch.
ASSIGN_BATCH = 16


@dataclass(frozen=True, slots=True)
class Counts:
    """What the extractors found in one article (statements, figures, events)."""

    quotes: int
    figures: int
    events: int


@dataclass(slots=True)
class BatchResult:
    """Where each article went, what failed, and the stories compared again (in order).

    ``assignments`` and ``counts`` are kept only when the run was asked to keep them; ``articles``
    and ``new_stories`` always count.
    """

    assignments: list[Assignment] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)
    articles: int = 0
    new_stories: int = 0


class Runner(Protocol):
    """Where a run's work is done: in this process (:class:`LocalRunner`) or on a Dask cluster."""

    def articles(self, plan: Plan, *, max_bytes: int,
                 budget: float | None) -> Iterator[tuple[Findings, Profile | None] | Outcome]:
        """Each article's findings (and its matcher profile, when made already), in input order,
        with the outcomes of inputs (failures, skips, warnings); a text seen before in the run
        is a Skipped. An article has ``budget`` seconds of analysis."""
        ...

    def compare(self, store: Store, story_ids: Sequence[int]) -> Iterator[int]:
        """Compare the given stories again and store them; yields each id once it is stored."""
        ...


class LocalRunner:
    """The run in this process: the pipeline's stream, then one story after another."""

    def articles(self, plan: Plan, *, max_bytes: int,
                 budget: float | None) -> Iterator[tuple[Findings, Profile | None] | Outcome]:
        for item in iter_findings(plan, max_bytes=max_bytes, budget=budget):
            yield (item, None) if isinstance(item, Findings) else item

    def compare(self, store: Store, story_ids: Sequence[int]) -> Iterator[int]:
        yield from update_stories(store, story_ids)


def add_articles(store: Store, inputs: Iterable[str] | Plan, *, story: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None,
                 budget: float | None = DEFAULT_TIME_BUDGET,
                 on_item: Callable[[Findings | Outcome, Assignment | None], None] | None = None,
                 on_story: Callable[[int], None] | None = None, keep: bool = True,
                 runner: Runner | None = None) -> BatchResult:
    """Analyse ``inputs`` and add every article to its story in ``store``; compare those stories.

    Args:
        store (Store): where the stories are.
        inputs: files, folders, URLs, "-", or a plan made of them (:func:`~..scale.sources.plan_inputs`).
        story (str | None): put every article in this story (an id or a name; a new name starts one).
        max_bytes (int): inputs larger than this are refused; fetch: how URLs are fetched.
        budget (float | None): seconds of analysis one article may take (None: no limit).
        on_item: called after each article is stored (or fails, or is skipped) and with each
            warning, e.g. to print its outcome line and advance a progress bar;
            on_story: after each story is compared again.
        keep (bool): keep each article's assignment and counts in the result (a summary of a
            small run lists them); a run of a million articles keeps only counts.
        runner (Runner | None): where the work is done; this process by default.
    Returns:
        BatchResult: e.g. five articles of one event → five assignments to one story, ``stories == [1]``.
    """
    runner = runner or LocalRunner()
    plan = inputs if isinstance(inputs, Plan) else plan_inputs(inputs, max_bytes=max_bytes, fetch=fetch)
    result = BatchResult()
    with store.reading() as conn:
        left = stale_stories(conn)
    for sid in runner.compare(store, left):
        if on_story is not None:
            on_story(sid)
    touched: dict[int, None] = {}
    pending: list[tuple[Findings, Profile | None] | Outcome] = []

    def flush() -> None:
        articles = [x for x in pending if isinstance(x, tuple)]
        assigned = assign_stories(store, articles, story=story) if articles else []
        made = sorted({a.story_id for a in assigned if a.new_story})
        if made:  # the batch made them: compared now from its findings, unless an article joins later
            compare_new_stories(store, [f for f, _ in articles], made)
        done = iter(assigned)
        for item in pending:
            if not isinstance(item, tuple):
                if isinstance(item, Failure):
                    result.failures.append(item)
                if on_item is not None:
                    on_item(item, None)
                continue
            found, assignment = item[0], next(done)
            result.failures.extend(found.failures)
            touched.setdefault(assignment.story_id)
            result.articles += 1
            result.new_stories += assignment.new_story
            if keep:
                result.assignments.append(assignment)
                result.counts[found.doc.id] = Counts(sum(q.kind == "statement" for q in found.quotes),
                                                     len(found.quantities), len(found.events))
            if on_item is not None:
                on_item(found, assignment)
        pending.clear()

    waiting = 0  # articles in ``pending``
    for item in runner.articles(plan, max_bytes=max_bytes, budget=budget):
        pending.append(item)
        waiting += isinstance(item, tuple)
        # an outcome with no article before it to wait for is told at once
        if waiting >= ASSIGN_BATCH or not waiting:
            flush()
            waiting = 0
    flush()
    with store.reading() as conn:
        stale = set(stale_stories(conn))
    for sid in runner.compare(store, [sid for sid in touched if sid in stale]):
        if on_story is not None:
            on_story(sid)
    result.stories = list(touched)
    return result
