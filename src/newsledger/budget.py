"""A time budget for the analysis of one article.

No extractor should need more than a fraction of a second per kilobyte, but odd text can
find a slow path that tests have not; a batch must not stall on it. :func:`time_budget`
gives a block of work a deadline:

- in the main thread of a process (the command line, and each worker of a process pool,
  which runs its tasks in its main thread), a real-time interval timer (``setitimer``)
  interrupts the work when the deadline passes, wherever it is;
- elsewhere (a thread pool, a platform without ``SIGALRM``), the work is checked at the
  points where it calls :meth:`Deadline.check` (between extractors).

Either way :class:`BudgetExceeded` is raised, and the caller records the article as
failed. It derives from ``BaseException`` so that an ``except Exception`` inside the
interrupted code cannot swallow it.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["DEFAULT_TIME_BUDGET", "BudgetExceeded", "Deadline", "time_budget"]

# Seconds for one article, cleaning and every extractor together. An article of 1 MB
# takes a few seconds; a minute leaves room for slow machines and long texts.
DEFAULT_TIME_BUDGET = 60.0


class BudgetExceeded(BaseException):
    """The work ran past its deadline. ``stage`` names what was running then."""

    def __init__(self, seconds: float, stage: str) -> None:
        super().__init__(f"ran past its {seconds:g} s time budget (in {stage})")
        self.seconds = seconds
        self.stage = stage


class Deadline:
    """When a budget runs out, and what is running (``stage``, for the message)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.stage = "analysis"
        self.active = True

    def left(self) -> float:
        return self.end - time.monotonic()

    def check(self) -> None:
        """Raise :class:`BudgetExceeded` if the deadline has passed."""
        if self.active and time.monotonic() >= self.end:
            raise BudgetExceeded(self.seconds, self.stage)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Deadline]:
    """Run the block with a deadline ``seconds`` from now (None or infinity: no deadline).

    Example::

        with time_budget(60) as deadline:
            deadline.stage = "quotes"
            extract_quotes(doc)

    Raises:
        BudgetExceeded: the block ran past the deadline.
    """
    if seconds is None or math.isinf(seconds):
        deadline = Deadline(math.inf)
        deadline.active = False
        yield deadline
        return
    deadline = Deadline(max(seconds, 0.0))
    use_timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not use_timer:
        try:
            yield deadline
        finally:
            deadline.active = False
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        if deadline.active:
            raise BudgetExceeded(deadline.seconds, deadline.stage)

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))
    try:
        yield deadline
    finally:
        deadline.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:  # someone else's timer: give it back what it had left
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), previous_interval)
