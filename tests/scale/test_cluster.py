"""Runs on a Dask cluster store exactly what a run in one process stores.

The six answer-keyed bundles go into one store three ways: in one process, with
``analyze --workers 2`` (a LocalCluster the command starts), and with ``--scheduler`` pointing
at a LocalCluster this test starts. The four real bundles live in ``../shared/examples``:
without it the tests are skipped, and under CI=true they fail (:func:`tests.conftest.require_shared`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.conftest import REPO, SHARED, require_shared

from newsledger.cli import main
from newsledger.store.repository import Store
from newsledger.store.schema import metadata

distributed = pytest.importorskip("distributed")

INVENTED = ["harbor-fire", "mine-strike"]
REAL = ["kursk", "boeing-strike-2024", "iran-missile-attack-2024", "myanmar-earthquake-2025"]
# when an article joined, when a story changed: the clock's, not the run's
_TIMES = {"created", "updated", "joined"}


def _bundles() -> list[str]:
    """The six bundles' folders (skips the test without ``../shared``; fails it under CI=true)."""
    real = [str(require_shared(SHARED / "examples" / name / "gold.json").parent) for name in REAL]
    return [str(REPO / "examples" / name) for name in INVENTED] + real


def stored_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a store (SQLite or PostgreSQL), in a fixed order, without the
    clock's columns; JSON values as sorted JSON text."""
    store = Store(url, create=False)
    out = {}
    with store.reading() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in _TIMES]
            rows = [tuple(json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v for v in r)
                    for r in conn.execute(select(*cols))]
            out[table.name] = sorted(rows, key=repr)
    store.close()
    return out


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp_path_factory.mktemp("one") / "nl.db"
    assert main(["analyze", "-q", "--db", str(db), *_bundles()]) == 0
    rows = stored_rows(str(db))
    assert len(rows["stories"]) == len(_bundles())
    return rows


@pytest.fixture
def cluster() -> Iterator[Any]:
    """A two-process LocalCluster, closed (workers, then scheduler) when the test ends."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as running:
        yield running


@pytest.mark.slow
def test_cluster_analyze_workers_stores_what_one_process_stores(
        tmp_path: Path, one_process: dict[str, list[tuple[Any, ...]]]) -> None:
    db = tmp_path / "nl.db"
    assert main(["analyze", "-q", "--workers", "2", "--db", str(db), *_bundles()]) == 0
    assert stored_rows(str(db)) == one_process


@pytest.mark.slow
def test_cluster_scheduler_stores_what_one_process_stores(
        tmp_path: Path, cluster: Any, one_process: dict[str, list[tuple[Any, ...]]],
        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "nl.db"
    assert main(["analyze", "--scheduler", cluster.scheduler_address, "--db", str(db), *_bundles()]) == 0
    assert f"Dask cluster {cluster.scheduler_address}" in capsys.readouterr().err
    assert stored_rows(str(db)) == one_process


@pytest.mark.slow
def test_cluster_workers_write_postgresql_what_one_process_stores(
        pg_url: str, one_process: dict[str, list[tuple[Any, ...]]]) -> None:
    """With PostgreSQL the workers write the stories they compare themselves."""
    import psycopg

    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE DATABASE nl_workers")
    url = pg_url.replace("@/postgres?", "@/nl_workers?")
    assert main(["analyze", "-q", "--workers", "2", "--db", url, *_bundles()]) == 0
    assert stored_rows(url) == one_process


@pytest.mark.slow
def test_cluster_outcome_lines_are_those_of_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Skips, errors naming the input (a JSONL line, a file), duplicates and warnings come from the
    workers as from one process, in the same order."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Dock fire\nMarch 3, 2031\nDunmore – A fire broke out at the Varn dock, officials said.\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    (folder / "c.txt").write_bytes(b"Mill strike\nOrrow \xff\xfe\xfd \xe2\x80\x93 Some 300 bakers walked out.\n")
    (folder / "d.jsonl").write_text('{"text": "Ferry found on Tuesday, divers said."}\n{"text": 5}\nnot json\n',
                                    encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")

    def lines(*extra: str) -> list[str]:
        main(["analyze", "-q", "--no-store", *extra, str(folder)])
        words = ("stored", "analysed", "skipped", "error", "warning")
        return [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith(words)]

    alone = lines()
    assert any(ln.startswith("skipped") and "same text as" in ln for ln in alone)
    assert any(ln.startswith("error") and "d.jsonl:2" in ln for ln in alone)
    assert lines("--workers", "2") == alone
