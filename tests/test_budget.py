"""The per-article time budget: interrupts in a main thread (of the process or of a pool worker),
checks between stages elsewhere, and makes a slow article a failure of that article only."""

from __future__ import annotations

import re
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from newsledger.budget import BudgetExceeded, time_budget
from newsledger.model import Document, Failure
from newsledger.pipeline import EXTRACTORS, Findings, extractors, iter_findings

ARTICLE = ("Ferry Sails Late\nBy Ana Reyes\n“We will not sail until the wind drops,” the harbour master said on"
           " Monday, as some 200 passengers waited at the terminal.\n")


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _over_budget_in_worker(seconds: float) -> str:
    """Runs in a process pool worker: its main thread gets the interval timer."""
    try:
        with time_budget(seconds) as deadline:
            deadline.stage = "a worker"
            _spin(30)
    except BudgetExceeded as exc:
        return str(exc)
    return "not interrupted"


@pytest.mark.parametrize(
    "work",
    [lambda: _spin(30), lambda: time.sleep(30), lambda: re.match(r"(a+)+$", "a" * 60 + "b")],
    ids=["python loop", "sleep", "backtracking regex"],
)
def test_time_budget_interrupts_the_main_thread(work: object) -> None:
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as info, time_budget(0.2) as deadline:
        deadline.stage = "the test"
        work()  # type: ignore[operator]
    assert str(info.value) == "ran past its 0.2 s time budget (in the test)"
    assert time.monotonic() - started < 2.0


def test_time_budget_leaves_no_timer_and_restores_the_handler() -> None:
    def mine(_s: int, _f: object) -> None:
        return None

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with time_budget(5):
            pass
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_time_budget_in_a_thread_is_checked_between_stages() -> None:
    def in_thread() -> str:
        with time_budget(0.1) as deadline:
            time.sleep(0.3)  # not interrupted: no signal reaches this thread
            try:
                deadline.check()
            except BudgetExceeded as exc:
                return str(exc)
        return "not checked"

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(in_thread).result(timeout=10) == "ran past its 0.1 s time budget (in analysis)"
    assert threading.current_thread() is threading.main_thread()


def test_time_budget_in_a_process_pool_worker() -> None:
    started = time.monotonic()
    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(_over_budget_in_worker, 0.3).result(timeout=60) == (
            "ran past its 0.3 s time budget (in a worker)")
    assert time.monotonic() - started < 30


def test_iter_findings_slow_article_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow, quick = tmp_path / "slow.txt", tmp_path / "quick.txt"
    slow.write_text(ARTICLE + "Stall here.\n", encoding="utf-8")
    quick.write_text(ARTICLE, encoding="utf-8")

    def stalling(doc: Document) -> list[object]:
        if "Stall here." in doc.text:
            time.sleep(30)
        return []

    extractors()
    monkeypatch.setitem(EXTRACTORS, "stalling", stalling)
    started = time.monotonic()
    got = list(iter_findings([str(slow), str(quick)], budget=1.0))
    assert time.monotonic() - started < 10
    assert got[0] == Failure(str(slow), "analysis ran past its 1 s time budget (in the stalling extractor); "
                                        "not stored")
    assert isinstance(got[1], Findings) and got[1].doc.source == str(quick) and got[1].quotes
    assert len(got) == 2
