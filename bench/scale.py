#!/usr/bin/env python3
"""Bench: articles/s and peak memory of ``analyze`` into a store as the corpus grows; 1 vs 2 workers.

    python bench/scale.py [--sizes 1000,8000,32000] [--corpus ../shared/bench/bbc.jsonl]
    python bench/scale.py --workers 400        # the per-article phase on 1, then 2 Dask workers

Sizes: the BBC corpus (2,092 articles) is repeated with edits to reach each size. Copy ``k`` of
an article (k ≥ 1) has every rare word of four letters or more (rarer than Zipf 4.5 in
general English, capitalised or not) spelt with a suffix of its own ("Blair" → "Blairco") and
every number raised by ``k``: the copies of one
article are as far apart as two stories of different events, while the copies of one BBC story
stay one story. The corpus is one of many small stories, as a news archive is.

Each size runs in a child process of its own (its peak RSS is its own): the articles stream
from one JSONL file into an empty SQLite store, as ``newsledger analyze corpus.jsonl`` does it;
the time of the per-article phase (read, parse, extract, join a story) and of comparing the
stories are given apart, in CPU seconds of the process (on a shared machine its wall time says
more about the neighbours than about the run) as well as wall time.

``--cached 1000,8000,32000`` measures the store alone: what follows the per-article phase (each
article joining its story and being stored, then the stories compared) over a corpus made from
the analysis of 500 articles, done once: copy ``k`` of an article is its findings under a new
id, with the names, figures, days and rare words of its matcher profile spelt anew as the edits
above do, so the copies are as many separate stories. For machines where a full run of 32,000
articles does not fit in the time there is; memory and time here are those of the store's side.

``--workers N`` runs the per-article phase (read, parse, extract, profile) of N articles on a
one-worker and on a two-worker LocalCluster, one after the other, the model loaded in every
worker first, and prints the speed-up. Not a test: numbers depend on the machine and on what
else it runs (the load average is printed).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

_WORD = re.compile(r"[A-Za-z]{4,}|\d+")
_RARE_ZIPF = 4.5  # words rarer than this carry a story's identity in the matcher (see stories/profile.py)
_LETTERS = "bcdfghklmnprstvz"


@cache
def _rare(word: str) -> bool:
    """A word that names something of one story: rare in general English, capitalised or not.

    A capitalised common word ("The", "But", "Mr") is not: spelt anew in every copy, it
    would be a word no other text has that all the copies of one round share, and the copies
    of different stories would be joined by it.
    """
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") < _RARE_ZIPF


def _suffix(k: int) -> str:
    out = ""
    while k:
        k, r = divmod(k, len(_LETTERS))
        out += _LETTERS[r] + "o"
    return out


def edited(text: str, k: int) -> str:
    """Copy ``k`` of a text: its rare and capitalised words suffixed, its numbers raised by ``k``."""
    if k == 0:
        return text
    suffix = _suffix(k)

    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.isdigit():
            return str(int(w) + k)
        return w + suffix if _rare(w) else w

    return _WORD.sub(swap, text)


def corpus_rows(corpus: Path, n: int) -> Iterator[dict[str, str]]:
    """The first ``n`` articles of the corpus repeated with edits."""
    rows = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines() if x.strip()]
    for i in range(n):
        k, row = divmod(i, len(rows))
        r = rows[row]
        yield {**r, "id": f"{r['id']}-{k}", "title": edited(r.get("title", ""), k), "text": edited(r["text"], k)}


def write_corpus(corpus: Path, n: int, out: Path) -> Path:
    with open(out, "w", encoding="utf-8") as f:
        for r in corpus_rows(corpus, n):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return out


# ------------------------------------------------------------------ one size, in a child process
def child(feed: Path, db: Path) -> dict[str, object]:
    from newsledger.store.repository import Store
    from newsledger.stories.batch import add_articles

    store = Store(f"sqlite:///{db}")
    progress = os.environ.get("SCALE_PROGRESS", os.devnull)
    marks: dict[str, float] = {}
    rates: list[float] = []
    wall, cpu = time.perf_counter(), time.process_time()

    def on_item(_item: object, _assignment: object) -> None:
        marks["wall"], marks["cpu"] = time.perf_counter(), time.process_time()
        marks["n"] = marks.get("n", 0) + 1
        if marks["n"] % 1000 == 0:  # the pace by thousand (CPU): does an article cost more as the store grows?
            rates.append(1000 / (marks["cpu"] - marks.get("thousand", cpu)))
            marks["thousand"] = marks["cpu"]
            with open(progress, "a", encoding="utf-8") as f:  # what a run stopped early still tells
                f.write(json.dumps({"articles": marks["n"], "cpu_seconds": round(marks["cpu"] - cpu, 1),
                                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
                        + "\n")

    result = add_articles(store, [str(feed)], keep=False, on_item=on_item)
    end_wall, end_cpu = time.perf_counter(), time.process_time()
    store.close()
    return {"articles": result.articles, "stories": len(result.stories), "failures": len(result.failures),
            "seconds": end_wall - wall, "cpu_seconds": end_cpu - cpu,
            "article_cpu_seconds": marks.get("cpu", end_cpu) - cpu,
            "compare_cpu_seconds": end_cpu - marks.get("cpu", end_cpu),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "cpu_rates_by_thousand": [round(r, 1) for r in rates]}


def run_size(corpus: Path, n: int, tmp: Path) -> dict[str, Any]:
    feed = write_corpus(corpus, n, tmp / f"corpus-{n}.jsonl")
    db = tmp / f"scale-{n}.db"
    load = os.getloadavg()[0]
    done = subprocess.run([sys.executable, __file__, "--child", str(feed), str(db)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {n} articles failed:\n{done.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    out["load_before"] = load
    out["load_after"] = os.getloadavg()[0]
    feed.unlink()
    for p in tmp.glob(f"scale-{n}.db*"):
        p.unlink()
    return out


# ------------------------------------------------------------------ the store alone, from a cached analysis
CACHED_BASE = int(os.environ.get("SCALE_CACHED_BASE", "500"))


def analyse_base(corpus: Path, tmp: Path) -> Path:
    """The findings and matcher profiles of the corpus's first CACHED_BASE articles, pickled."""
    feed = write_corpus(corpus, CACHED_BASE, tmp / "base.jsonl")
    out = tmp / "base.pickle"
    done = subprocess.run([sys.executable, __file__, "--analyse-child", str(feed), str(out)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: analysing the base failed:\n{done.stderr[-3000:]}")
    return out


def analyse_child(feed: Path, out: Path) -> None:
    from newsledger.pipeline import Findings, iter_findings
    from newsledger.stories.profile import article_profile

    found = [(f, article_profile(f.doc, f.mentions, f.quantities, f.events))
             for f in iter_findings([str(feed)], budget=None) if isinstance(f, Findings)]
    with open(out, "wb") as fh:
        pickle.dump(found, fh)


def _with_doc(value: Any, old: str, new: str) -> Any:
    """``value`` with every span of document ``old`` moved to document ``new``."""
    if isinstance(value, list):
        return [_with_doc(v, old, new) for v in value]
    if isinstance(value, tuple):
        return tuple(_with_doc(v, old, new) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _with_doc(getattr(value, f.name), old, new) for f in dataclasses.fields(value)
                   if f.name != "doc"}
        if any(f.name == "doc" for f in dataclasses.fields(value)) and value.doc == old:
            changes["doc"] = new
        return dataclasses.replace(value, **changes)
    return value


def _key_copy(key: str, k: int) -> str:
    kind, _, rest = key.partition(":")
    if kind in ("n", "f", "d") or (kind in ("h", "w") and _rare(rest)):
        return f"{key}{_suffix(k)}"
    return key


def article_copy(found: Any, profile: Any, k: int) -> tuple[Any, Any]:
    """Copy ``k`` of an analysed article: findings under a new id, the profile's identity spelt anew."""
    if k == 0:
        return found, profile
    doc = found.doc
    new_id = hashlib.blake2b(f"{doc.id}-{k}".encode(), digest_size=len(doc.id) // 2).hexdigest()
    findings = dataclasses.replace(_with_doc(found, doc.id, new_id),
                                   doc=dataclasses.replace(doc, id=new_id, source=f"{doc.source}~{k}"))
    weights = {_key_copy(key, k): w for key, w in profile.weights.items()}
    labels = {_key_copy(key, k): v for key, v in profile.labels.items()}
    return findings, dataclasses.replace(profile, weights=weights, labels=labels)


def cached_child(base: Path, n: int, db: Path) -> dict[str, object]:
    from newsledger.scale.sources import Plan
    from newsledger.store.repository import Store
    from newsledger.stories.batch import LocalRunner, add_articles

    with open(base, "rb") as fh:
        analysed = pickle.load(fh)

    class CachedRunner(LocalRunner):
        def articles(self, plan: Plan, *, max_bytes: int, budget: float | None) -> Iterator[Any]:
            for i in range(n):
                k, row = divmod(i, len(analysed))
                yield article_copy(*analysed[row], k)

    store = Store(f"sqlite:///{db}")
    marks: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()

    def on_item(_item: object, _assignment: object) -> None:
        marks["cpu"] = time.process_time()

    result = add_articles(store, Plan(), keep=False, on_item=on_item, runner=CachedRunner())
    end_wall, end_cpu = time.perf_counter(), time.process_time()
    store.close()
    return {"articles": result.articles, "stories": len(result.stories), "seconds": end_wall - wall,
            "cpu_seconds": end_cpu - cpu, "article_cpu_seconds": marks.get("cpu", end_cpu) - cpu,
            "compare_cpu_seconds": end_cpu - marks.get("cpu", end_cpu),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_cached(base: Path, n: int, tmp: Path) -> dict[str, Any]:
    db = tmp / f"cached-{n}.db"
    done = subprocess.run([sys.executable, __file__, "--cached-child", str(base), str(n), str(db)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {n} cached articles failed:\n{done.stderr[-3000:]}")
    for p in tmp.glob(f"cached-{n}.db*"):
        p.unlink()
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


# ------------------------------------------------------------------ 1 vs 2 workers
def workers_compare(corpus: Path, n: int, tmp: Path) -> None:
    from distributed import Client, LocalCluster

    from newsledger.scale.cluster import DaskRunner, warm_workers
    from newsledger.scale.sources import plan_inputs

    feed = write_corpus(corpus, n, tmp / f"workers-{n}.jsonl")
    plan = plan_inputs([str(feed)])
    seconds = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=40) as cluster, Client(cluster) as client:
            warm_workers(client)
            load = os.getloadavg()[0]
            t = time.perf_counter()
            done = sum(1 for _ in DaskRunner(client).parts(plan.parts, max_bytes=20_000_000))
            seconds[workers] = time.perf_counter() - t
            print(f"{workers} worker{'s' if workers > 1 else ''}: {done} articles in {seconds[workers]:.1f} s "
                  f"({done / seconds[workers]:.1f} articles/s), load average {load:.2f} → {os.getloadavg()[0]:.2f}",
                  flush=True)
    print(f"speed-up of 2 workers over 1: {seconds[1] / seconds[2]:.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "bench" / "bbc.jsonl")
    ap.add_argument("--sizes", default="1000,8000,32000", help="corpus sizes, comma-separated")
    ap.add_argument("--workers", type=int, metavar="N", help="compare 1 and 2 Dask workers on N articles instead")
    ap.add_argument("--cached", metavar="SIZES", help="the store alone, from a cached analysis, at these sizes")
    ap.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--analyse-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cached-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    if args.analyse_child:
        analyse_child(*args.analyse_child)
        return 0
    if args.cached_child:
        base, n, db = args.cached_child
        print(json.dumps(cached_child(Path(base), int(n), Path(db))))
        return 0
    if not args.corpus.is_file():
        print(f"bench: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.workers:
            workers_compare(args.corpus, args.workers, Path(tmp))
            return 0
        if args.cached:
            base = analyse_base(args.corpus, Path(tmp))
            ref: dict[str, Any] | None = None
            for n in (int(x) for x in args.cached.split(",")):
                r = run_cached(base, n, Path(tmp))
                ref = ref or r
                rate = r["articles"] / r["cpu_seconds"]
                print(f"{n:>6,} articles, store alone: {r['cpu_seconds']:6.1f} s CPU ({rate:6.1f} articles/s; "
                      f"joining and storing {r['article_cpu_seconds']:.1f} s, comparing stories "
                      f"{r['compare_cpu_seconds']:.1f} s), {r['seconds']:6.1f} s wall; {r['stories']:,} stories; "
                      f"peak RSS {r['peak_rss_mb']:.0f} MB ({r['peak_rss_mb'] / ref['peak_rss_mb']:.2f}x of the first);"
                      f" CPU time {r['cpu_seconds'] / ref['cpu_seconds']:.1f}x", flush=True)
            return 0
        first: dict[str, Any] | None = None
        for n in (int(x) for x in args.sizes.split(",")):
            r = run_size(args.corpus, n, Path(tmp))
            first = first or r
            print(f"{n:>6,} articles: {r['cpu_seconds']:6.0f} s CPU ({r['articles'] / r['cpu_seconds']:5.1f} "
                  f"articles/s; per article {r['article_cpu_seconds']:.0f} s, comparing stories "
                  f"{r['compare_cpu_seconds']:.0f} s), {r['seconds']:6.0f} s wall "
                  f"({r['articles'] / r['seconds']:5.1f} articles/s); {r['stories']:,} stories; "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB ({r['peak_rss_mb'] / first['peak_rss_mb']:.2f}x of the first); "
                  f"CPU time {r['cpu_seconds'] / first['cpu_seconds']:.1f}x; "
                  f"load average {r['load_before']:.1f} → {r['load_after']:.1f}", flush=True)
            if r["cpu_rates_by_thousand"]:
                print(f"        articles per CPU second, by thousand: {r['cpu_rates_by_thousand']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
