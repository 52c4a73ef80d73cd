"""A run on a Dask cluster: the per-article work on many processes, stories compared in parallel.

``newsledger analyze --workers N`` starts a ``distributed.LocalCluster`` of N worker processes
(one thread each) on this machine; ``--scheduler tcp://HOST:PORT`` uses a running cluster. Dask
is an optional dependency (the ``scale`` extra); nothing here is imported by a run without it.

1. Articles: each part of the inputs (:mod:`.sources`: files, runs of JSONL lines, runs of
   Parquet rows) is a task; a worker reads it, parses and extracts its articles and makes their
   matcher profiles (:func:`analyze_part`). Each worker process loads the model once, before the
   run starts (:func:`warm_workers`). A part that fails is retried; one that still fails is cut
   into single articles, and an article that fails alone is a Failure of that article.
2. Stories: the results come back to this process in input order, a few parts ahead at most,
   and each article joins its story here, one after another (where it goes depends on the
   articles before it: so the stories are those of a run in one process).
3. Comparing: each story that articles joined is compared again on a worker
   (:func:`compare_story`), stories in parallel. With SQLite (one machine) the workers only read
   the store, and this process writes each story's result; with PostgreSQL each worker writes
   the story it compared (the workers may then be on several machines).
"""

from __future__ import annotations

import socket
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cache
from typing import Any

from ..errors import NewsledgerError
from ..model import Failure, Skipped
from ..pipeline import Findings, extract_part, warm_up
from ..store.repository import Store
from ..stories.batch import LocalRunner
from ..stories.profile import Profile, article_profile
from ..stories.update import StoryUpdate, compute_story, update_story, write_story
from .sources import Outcome, Part, Plan, split_part

# Tries of a task beyond the first before its part is cut into single articles.
RETRIES = 2
# Parts in flight per worker thread: enough to keep every worker busy while the oldest part's
# results are awaited, few enough that results waiting for their turn stay few.
PARTS_PER_THREAD = 3

Article = tuple[Findings, Profile]


def _distributed() -> Any:
    """The ``distributed`` package (untyped: it is used through this one name).

    Raises:
        NewsledgerError: Dask is not installed.
    """
    try:
        import distributed
    except ImportError as exc:
        raise NewsledgerError("--workers and --scheduler need Dask: pip install 'newsledger[scale]'") from exc
    return distributed


@contextmanager
def open_client(*, workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: of a new local cluster of ``workers`` processes, or of the cluster at ``scheduler``.

    Raises:
        NewsledgerError: Dask is not installed, or the scheduler cannot be reached.
    """
    dask = _distributed()
    if scheduler is not None:
        try:
            client = dask.Client(scheduler, timeout="30s")
        except OSError as exc:
            raise NewsledgerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    if workers is None or workers < 1:
        raise NewsledgerError(f"--workers needs a number of processes of at least 1, not {workers}")
    with dask.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=_dashboard(), silence_logs=40) as cluster, dask.Client(cluster) as client:
        yield client


def _dashboard() -> str | None:
    """The local cluster's dashboard on a free port when bokeh is installed (none otherwise)."""
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return None
    return ":0"


def dashboard_link(client: Any) -> str | None:
    """The address of the cluster's dashboard, when its scheduler serves one."""
    services = client.scheduler_info().get("services", {})
    return str(client.dashboard_link) if "dashboard" in services else None


def warm_workers(client: Any) -> int:
    """Load the model (and build the extractors' matchers) in every worker process; returns
    how many workers there are.

    Raises:
        NewsledgerError: the cluster has no workers, or they cannot import or run newsledger.
    """
    addresses = list(client.scheduler_info()["workers"])
    if not addresses:
        raise NewsledgerError("the Dask cluster has no workers")
    futures = [client.submit(_warm, pure=False, workers=[a], allow_other_workers=False) for a in addresses]
    try:
        client.gather(futures)
    except Exception as exc:  # noqa: BLE001 - whatever a worker raised, the run cannot start
        raise NewsledgerError(f"the Dask workers cannot run newsledger (is it installed there?): "
                              f"{type(exc).__name__}: {exc}") from exc
    return len(addresses)


def _warm() -> bool:
    warm_up()
    return True


def check_store(client: Any, store: Store) -> None:
    """Refuse a SQLite file when workers run on other machines (they could not read it).

    Raises:
        NewsledgerError: a worker is not on this machine and the store is a SQLite file.
    """
    if store.engine.dialect.name != "sqlite" or _in_memory(store):
        return
    local = _local_addresses()
    far = [a for a in client.scheduler_info()["workers"] if _host(a) not in local]
    if far:
        raise NewsledgerError(f"workers on other machines ({_host(far[0])}) cannot read a SQLite file: "
                              "store the run in PostgreSQL (--db postgresql+psycopg://…)")


def _in_memory(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite" and store.engine.url.database in (None, "", ":memory:")


def _host(address: str) -> str:
    hostport = address.split("://", 1)[-1]
    return hostport.rsplit(":", 1)[0].strip("[]")


def _local_addresses() -> set[str]:
    names = {"127.0.0.1", "localhost", "::1", socket.gethostname()}
    with suppress(OSError):
        names |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    return names


class DaskRunner:
    """The work of a run on a Dask cluster (see the module docstring); a :class:`~..stories.batch.Runner`."""

    def __init__(self, client: Any, *, retries: int = RETRIES) -> None:
        self.client = client
        self.retries = retries
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        self.window = max(2, PARTS_PER_THREAD * max(1, threads))
        self.run = uuid.uuid4().hex[:12]  # task keys of this run, apart from another run's on the cluster

    def articles(self, plan: Plan, *, max_bytes: int,
                 budget: float | None) -> Iterator[tuple[Findings, Profile | None] | Outcome]:
        """Each article's findings and profile, in input order, from the workers, with the
        outcomes of inputs; a text seen before in the run (in another part) is a Skipped."""
        seen: dict[str, str] = {}
        for item in self.parts(plan.parts, max_bytes=max_bytes, budget=budget):
            if not isinstance(item, tuple):
                yield item
            elif item[0].doc.id in seen:  # the same text twice in one run is one document
                yield Skipped(item[0].doc.source, f"same text as {seen[item[0].doc.id]}")
            else:
                seen[item[0].doc.id] = item[0].doc.source
                yield item

    def parts(self, parts: Sequence[Part], *, max_bytes: int,
              budget: float | None = None) -> Iterator[Article | Outcome]:
        """The results of every part, in order, with at most ``window`` parts in flight."""
        pending: deque[tuple[Part, Any]] = deque()
        todo = iter(parts)

        def fill() -> None:
            while len(pending) < self.window and (part := next(todo, None)) is not None:
                # what planning found to say about inputs needs no worker
                pending.append((part, None if part.kind == "outcomes" else self._submit(part, max_bytes, budget)))

        fill()
        while pending:
            part, future = pending.popleft()
            results: list[Article | Outcome] = list(part.outcomes)
            if future is not None:
                try:
                    results = future.result()
                except Exception as exc:  # noqa: BLE001 - a part that fails on every try is cut up, not lost
                    results = self._salvage(part, exc, max_bytes, budget)
                future.release()
            fill()
            yield from results

    def _submit(self, part: Part, max_bytes: int, budget: float | None) -> Any:
        return self.client.submit(analyze_part, part, max_bytes, budget, pure=False, retries=self.retries)

    def _salvage(self, part: Part, exc: BaseException, max_bytes: int,
                 budget: float | None) -> list[Article | Outcome]:
        """A failed part's articles, each tried alone; one that fails alone is a Failure."""
        singles = split_part(part) if part.articles > 1 else []
        if len(singles) <= 1:
            return [Failure(part.label, f"failed on a worker: {type(exc).__name__}: {exc}")]
        out: list[Article | Outcome] = []
        futures = [(p, self._submit(p, max_bytes, budget)) for p in singles]
        for single, future in futures:
            try:
                out += future.result()
            except Exception as err:  # noqa: BLE001
                out.append(Failure(single.label, f"failed on a worker: {type(err).__name__}: {err}"))
            future.release()
        return out

    def compare(self, store: Store, story_ids: Sequence[int]) -> Iterator[int]:
        """Compare the stories on the workers, in parallel; yields each id once it is stored."""
        if _in_memory(store):  # the workers cannot see this process's memory
            yield from LocalRunner().compare(store, story_ids)
            return
        workers_write = store.engine.dialect.name != "sqlite"
        url = store.engine.url.render_as_string(hide_password=False)
        todo = iter(story_ids)
        running = _distributed().as_completed()
        for sid in todo:
            running.add(self._compare(url, sid, workers_write))
            if running.count() >= self.window:
                break
        for future in running:
            sid, update = self._story_result(future, store)
            future.release()
            if update is not None and not write_story(store, update):
                update_story(store, sid)  # an article joined it meanwhile: compare it again here
            yield sid
            nxt = next(todo, None)
            if nxt is not None:
                running.add(self._compare(url, nxt, workers_write))

    def _compare(self, url: str, story_id: int, workers_write: bool) -> Any:
        return self.client.submit(compare_story, url, story_id, workers_write, pure=False, retries=self.retries,
                                  key=f"newsledger-story-{story_id}-{self.run}")

    def _story_result(self, future: Any, store: Store) -> tuple[int, StoryUpdate | None]:
        story_id = int(str(future.key).split("-")[2])
        try:
            result = future.result()
        except Exception:  # noqa: BLE001 - the workers could not compare it: this process does
            update_story(store, story_id)
            return story_id, None
        return (story_id, None) if isinstance(result, int) else (story_id, result)


def analyze_part(part: Part, max_bytes: int, budget: float | None) -> list[Article | Outcome]:
    """On a worker: a part's articles read, parsed and extracted, each with its matcher profile
    (within a part, a text seen twice is a Skipped already)."""
    out: list[Article | Outcome] = []
    for item in extract_part(part, max_bytes=max_bytes, budget=budget):
        if not isinstance(item, Findings):
            out.append(item)
        else:
            out.append((item, article_profile(item.doc, item.mentions, item.quantities, item.events)))
    return out


def compare_story(url: str, story_id: int, write: bool) -> StoryUpdate | int:
    """On a worker: one story compared again; stored here when ``write`` (PostgreSQL), else returned."""
    store = _worker_store(url)
    if write:
        update_story(store, story_id)
        return story_id
    return compute_story(store, story_id)


@cache
def _worker_store(url: str) -> Store:
    """The store, opened once per worker process."""
    return Store(url, create=False)
