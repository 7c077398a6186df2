"""A cap on the CPU time a piece of code may use, for inputs that once made reader hang.

CPU time, not wall time: a test must not fail because other work shares the machine.
The cap stops the code (a regular expression included: ``re`` checks for signals while
it matches) instead of letting a regression hang the suite.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudget(BaseException):
    """Raised when the cap is reached; a BaseException so no ``except Exception`` hides it."""


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Run the body with at most ``seconds`` of this process's CPU time, or raise OverBudget."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(f"used more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
