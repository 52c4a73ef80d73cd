"""The Dask runner: a part that fails is tried again; an article that fails alone is a Failure, not lost.

The cluster runs in this process (threads), so that a test can make a part fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsledger.model import Failure
from newsledger.scale import cluster as cluster_module
from newsledger.scale.cluster import DaskRunner
from newsledger.scale.sources import Part, plan_inputs

distributed = pytest.importorskip("distributed")

TEXTS = {
    "a.txt": "Dock fire\nMarch 3, 2031\nDunmore – A fire broke out at the Varn dock, officials said.\n",
    "b-bad.txt": "Mill strike\nMarch 3, 2031\nOrrow – Some 300 bakers walked out on Monday.\n",
    "c.txt": "Ferry found\nMarch 4, 2031\nDunmore – Divers found the ferry Saint Odile on Tuesday.\n",
}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs=40) as local, distributed.Client(local) as c:
        yield c


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _sources(items: list[Any]) -> list[str]:
    return [x.source.rsplit("/", 1)[1] if isinstance(x, Failure) else x[0].doc.file for x in items]


def test_runner_part_that_fails_once_is_tried_again(client: Any, folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = cluster_module.extract_part
    calls: list[Part] = []

    def flaky(part: Part, **kw: Any) -> Any:
        calls.append(part)
        if len(calls) == 1:
            raise RuntimeError("worker lost its disk")
        return real(part, **kw)

    monkeypatch.setattr(cluster_module, "extract_part", flaky)
    got = list(DaskRunner(client).parts(plan_inputs([str(folder)]).parts, max_bytes=100_000))
    assert len(calls) == 2
    assert _sources(got) == ["a.txt", "b-bad.txt", "c.txt"]


def test_runner_article_that_always_fails_is_a_failure_in_its_place(client: Any, folder: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = cluster_module.extract_part

    def broken(part: Part, **kw: Any) -> Any:
        if any("bad" in f for f in part.files):
            raise MemoryError("the parser ran out of memory")
        return real(part, **kw)

    monkeypatch.setattr(cluster_module, "extract_part", broken)
    got = list(DaskRunner(client, retries=1).parts(plan_inputs([str(folder)]).parts, max_bytes=100_000))
    assert _sources(got) == ["a.txt", "b-bad.txt", "c.txt"]
    failure = got[1]
    assert isinstance(failure, Failure) and failure.reason == "failed on a worker: MemoryError: the parser ran out of memory"
