#!/usr/bin/env python3
"""Bench: the web ledger's server time on a story of 200 articles.

    python bench/serve.py [--articles 200] [--db bench-serve.db] [--repeat 20]

Builds (or, with ``--db`` naming a store that has it, reuses) one story of N articles made from
the invented harbour-fire bundle: each article is one of the five, under an outlet, date and
address of its own, with a closing paragraph of its own figures and a quote, so that every
article is distinct and the story has many groups. They go through the whole pipeline into
the story ``bench-N`` (minutes, the first time). Then, in this process, without a network:

- the ledger page ``/stories/{id}``: the first request of the process, then with the story read
  anew from the store each time (a fresh application, as after a change to the story), then
  read ahead when the server started (as ``newsledger serve`` does for its most recent
  stories), then served from the application's cache (the story unchanged);
- the ledger filtered to conflicts, the timeline, an article, a person, a search, the JSON.

Each figure is the server's own time (its ``Server-Timing`` header: routing, store, rendering),
median and slowest of ``--repeat`` requests, beside the CPU time the request took (the server
and the in-process client; on a busy machine the server's time grows with the other processes'
load, its CPU time does not). The last line says whether the ledger page, its story read from
the store, stays under 300 ms (median). Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SOURCE = REPO / "examples" / "harbor-fire"
BUDGET_MS = 300.0
_OUTLETS = ["Harbour Wire", "Alden Daily", "Quay Radio", "Port Ledger", "Bay Courier", "North Sea Post",
            "Tidewater News", "Kessel Gazette", "Dockside Report", "Coastal Herald"]
_PEOPLE = ["Mara Ellison", "Aleksandr Volkov", "Lena Ortiz", "Karin Holm", "Jonas Pike", "Teodora Brandt"]


def build_feed(n: int, path: Path) -> None:
    """N distinct articles on the harbour fire, as a JSONL feed with their own metadata."""
    bases = []
    for p in sorted(SOURCE.glob("*.txt")):
        with open(p, encoding="utf-8", newline="") as f:
            bases.append(f.read())
    rows = []
    for i in range(n):
        outlet = f"{_OUTLETS[i % len(_OUTLETS)]} {i // len(_OUTLETS) + 1}"
        day = 12 + i % 6
        extra = (f"\n\nUpdate {i + 1}: some {180 + 7 * i} residents were still away from their homes on "
                 f"March {day}, and {8 + i % 9} fire engines stayed at the quay, officials said. "
                 f"“We are watching the quay closely,” said {_PEOPLE[i % len(_PEOPLE)]}.\n")
        rows.append({"text": bases[i % len(bases)].rstrip("\n") + extra, "outlet": outlet,
                     "url": f"https://news{i % len(_OUTLETS)}.example/{i + 1}", "published": f"2025-03-{day}",
                     "id": f"article-{i + 1:03d}"})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def story_of_size(db: str, n: int) -> int:
    """The id of the story ``bench-N`` in ``db``, made first when it is not there."""
    from newsledger.store.repository import Store
    from newsledger.store.stories import find_story, list_stories
    from newsledger.stories.batch import add_articles

    store = Store(db)
    with store.reading() as conn:
        sid = find_story(conn, f"bench-{n}")
        rows = list_stories(conn, [sid]) if sid is not None else []
    if rows and rows[0].articles == n and not rows[0].stale:
        store.close()
        return rows[0].id
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        build_feed(n, feed)
        print(f"analysing {n} articles into story bench-{n} (once; reused with --db) …", flush=True)
        t = time.perf_counter()
        result = add_articles(store, [str(feed)], story=f"bench-{n}")
        print(f"  {time.perf_counter() - t:.0f} s, {len(result.failures)} failures", flush=True)
    store.close()
    return result.stories[0]


def server_ms(response: object) -> float:
    header = getattr(response, "headers", {}).get("server-timing", "")
    return float(header.split("dur=")[1]) if "dur=" in header else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--db", default=None, help="the store to build or reuse (default: a temporary one)")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    from starlette.testclient import TestClient

    from newsledger.store.repository import Store
    from newsledger.web import Settings, create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench-serve.db")
        sid = story_of_size(db, args.articles)
        store = Store(db, create=False)

        cpu: dict[str, list[float]] = {}

        def get(client: TestClient, url: str, name: str) -> tuple[float, int]:
            started = time.process_time()
            r = client.get(url)
            cpu.setdefault(name, []).append((time.process_time() - started) * 1000)
            assert r.status_code == 200, (url, r.status_code)
            return server_ms(r), len(r.content)

        results: list[tuple[str, list[float], int]] = []
        with TestClient(create_app(store)) as client:
            name = "ledger, the process's first request"
            first, size = get(client, f"/stories/{sid}", name)
            results.append((name, [first], size))
            view = client.get(f"/api/stories/{sid}").json()
        from_store = []
        name = "ledger, story read from the store"
        for _ in range(max(5, args.repeat // 2)):
            with TestClient(create_app(store)) as fresh:
                ms, size = get(fresh, f"/stories/{sid}", name)
                from_store.append(ms)
        results.append((name, from_store, size))
        name = "ledger, story read ahead at start"  # what `newsledger serve` does for recent stories
        ahead = []
        for _ in range(max(5, args.repeat // 2)):
            with TestClient(create_app(store, Settings(read_ahead=1))) as warm:
                while any(t.name == "newsledger-read-ahead" and t.is_alive() for t in threading.enumerate()):
                    time.sleep(0.01)
                ms, size = get(warm, f"/stories/{sid}", name)
                ahead.append(ms)
        results.append((name, ahead, size))
        with TestClient(create_app(store)) as client:
            get(client, f"/stories/{sid}", "warm-up")
            article = view["articles"][0]["link"]
            person = next((v["claim"]["who_link"] for g in view["groups"] for v in g["variants"]
                           if v["claim"]["who_link"]), None)
            biggest = max(view["groups"], key=lambda g: g["size"])
            pages = [("ledger, story cached", f"/stories/{sid}"),
                     ("ledger, conflicts only", f"/stories/{sid}?status=conflict"),
                     (f"one group, all {biggest['size']} claims", biggest["link"]),
                     ("ledger JSON", f"/api/stories/{sid}"), ("timeline", f"/stories/{sid}/timeline"),
                     ("article", article), ("search 'rubber'", "/search?q=rubber"), ("stories", "/")]
            if person:
                pages.append(("person", person))
            for name, url in pages:
                timings = []
                for _ in range(args.repeat):
                    ms, size = get(client, url, name)
                    timings.append(ms)
                results.append((name, timings, size))
        store.close()

    counts = view["counts"]
    print(f"story {sid}: {counts['articles']} articles, {counts['groups']} groups ({counts['conflict']} conflict), "
          f"{counts['quotes']} quotes, {counts['figures']} figures, {counts['events']} events")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"server time (Server-Timing) and CPU time of the request; {os.cpu_count()} cores, load average {load:.1f}")
    print(f"{'page':44} {'median ms':>10} {'max ms':>8} {'CPU ms':>7} {'KB':>6}")
    for name, timings, size in results:
        print(f"{name:44} {statistics.median(timings):10.1f} {max(timings):8.1f} "
              f"{statistics.median(cpu[name]):7.1f} {size / 1024:6.0f}")
    median = statistics.median(from_store)
    verdict = "under" if median < BUDGET_MS else "OVER"
    print(f"ledger page of {counts['articles']} articles: {statistics.median(ahead):.0f} ms when read ahead or cached; "
          f"{median:.0f} ms median when its story is read from the store ({max(from_store):.0f} ms slowest, "
          f"{statistics.median(cpu['ledger, story read from the store']):.0f} ms of CPU): {verdict} the "
          f"{BUDGET_MS:.0f} ms budget even then")
    return 0 if median < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
