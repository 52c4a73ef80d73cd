"""Two ``analyze`` processes adding to one store at once: nothing lost, nothing twice, one story per event.

Each process gets articles of both invented bundles (the first four of each), interleaved
differently, plus one article both get; ten runs into SQLite and ten into PostgreSQL (the throwaway cluster of
``test_postgres.py``). The processes are forked from the test process, so each run costs no
interpreter start.
"""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.store.repository import Store
from newsledger.stories import story_ledger, story_rows

REPO = Path(__file__).resolve().parents[2]
BUNDLES = ["harbor-fire", "mine-strike"]
RUNS = 10


def _inputs(tmp: Path) -> tuple[list[str], list[str], dict[str, str]]:
    """Two interleaved halves of the bundles' articles (one article in both) and file → bundle."""
    owner: dict[str, str] = {}
    a, b = [], []
    for name in BUNDLES:
        for i, src in enumerate(sorted((REPO / "examples" / name).glob("*.txt"))[:4]):
            copy = tmp / f"{name}-{i}.txt"
            shutil.copyfile(src, copy)
            owner[copy.name] = name
            (a if i % 2 == 0 else b).append(str(copy))
    b.append(a[0])  # the same article from both processes: stored once
    return a, list(reversed(b)), owner


def _run(argv: list[str]) -> None:
    raise SystemExit(main(argv))


def _race(url: str, a: list[str], b: list[str]) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_run, args=(["analyze", "-q", "--db", url, *inputs],)) for inputs in (a, b)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
        assert p.exitcode == 0


def _check(url: str, owner: dict[str, str]) -> None:
    store = Store(url, create=False)
    files = sorted(d.file for d in store.load_ledger().documents)
    assert files == sorted(owner)  # nothing lost, nothing twice
    rows = story_rows(store)
    members = [sorted({owner[d.file] for d in story_ledger(store, r.id).documents}) for r in rows]
    assert sorted(members) == [[name] for name in BUNDLES], members
    assert all(not r.stale and r.groups for r in rows)
    store.close()


@pytest.mark.slow
def test_two_writers_into_sqlite(tmp_path: Path) -> None:
    a, b, owner = _inputs(tmp_path)
    for run in range(RUNS):
        url = f"sqlite:///{tmp_path / f'race-{run}.db'}"
        _race(url, a, b)
        _check(url, owner)


@pytest.mark.slow
def test_two_writers_into_postgresql(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    from sqlalchemy import create_engine, text

    a, b, owner = _inputs(tmp_path)
    for _run_no in range(RUNS):
        engine = create_engine(pg_url)
        with engine.begin() as conn:  # an empty database for each run
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        _race(pg_url, a, b)
        _check(pg_url, owner)
