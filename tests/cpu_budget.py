"""Caps on the time a piece of code may take, for inputs that once made reader hang.

``cpu_budget`` counts this process's CPU time, so a test does not fail because other
work shares the machine; ``wall_budget`` counts the clock. Either stops the code (a
regular expression included: ``re`` checks for signals while it matches) instead of
letting a regression hang the suite.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import FrameType


class OverBudget(BaseException):
    """Raised when a cap is reached; a BaseException so no ``except Exception`` hides it."""


def cpu_budget(seconds: float) -> AbstractContextManager[None]:
    """Run the body with at most ``seconds`` of this process's CPU time, or raise OverBudget."""
    return _capped(seconds, signal.ITIMER_PROF, signal.SIGPROF, "of CPU time")


def wall_budget(seconds: float) -> AbstractContextManager[None]:
    """Run the body for at most ``seconds`` by the clock, or raise OverBudget."""
    return _capped(seconds, signal.ITIMER_REAL, signal.SIGALRM, "by the clock")


@contextmanager
def _capped(seconds: float, timer: int, signum: int, measure: str) -> Iterator[None]:
    def expire(number: int, frame: FrameType | None) -> None:
        raise OverBudget(f"took more than {seconds} s {measure}")

    previous = signal.signal(signum, expire)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)
