"""Time left in a long import, estimated so that it can be read.

Inputs finish in bursts: the worker pool hands back eight at a time, a large archive
takes a while and then yields hundreds of articles. An estimate from the last few
updates (what the progress bar's stock column does) jumped from 0:00:01 to 0:00:10 to
0:00:04. This one takes the rate over the last ``WINDOW`` seconds, shows nothing until
it has ``WARMUP`` seconds of it, and between estimates counts down second by second,
easing towards each new estimate instead of leaping to it.
"""

from __future__ import annotations

import math
from collections import deque

from rich.progress import ProgressColumn, Task
from rich.text import Text

#: Seconds of progress the rate is measured over.
WINDOW = 20.0
#: Seconds of progress needed before any estimate is shown.
WARMUP = 3.0
#: Seconds over which the shown estimate moves most of the way to a new one.
EASE = 5.0
#: Seconds without progress after the countdown ran out before the time left is shown as
#: unknown: the last few inputs (a slow feed) can take any time, and "0:00:01" for half a
#: minute says something false.
OVERDUE = 3.0


class Eta:
    """Seconds left for one task, from its progress over time."""

    def __init__(self) -> None:
        self.samples: deque[tuple[float, float]] = deque()
        self.shown: float | None = None
        self.shown_at = 0.0
        #: When the countdown reached zero with work left (None: it has not).
        self.ran_out_at: float | None = None

    def update(self, now: float, done: float, total: float) -> float | None:
        """The estimate at ``now`` with ``done`` of ``total`` finished; None while unknown."""
        samples = self.samples
        if not samples or samples[-1][1] != done:
            samples.append((now, done))
        while len(samples) > 2 and samples[1][0] <= now - WINDOW:
            samples.popleft()  # keep one sample at or before the window's start
        start, done_then = samples[0]
        if done >= total:
            self.shown = 0.0
        elif now - start >= WARMUP and done > done_then:
            measured = (total - done) * (now - start) / (done - done_then)
            if self.shown is None:
                self.shown = measured
            else:
                counted = max(0.0, self.shown - (now - self.shown_at))
                weight = 1.0 - math.exp(-(now - self.shown_at) / EASE)
                self.shown = counted + weight * (measured - counted)
        elif self.shown is not None:
            self.shown = max(0.0, self.shown - (now - self.shown_at))
        self.shown_at = now
        if self.shown is None or done >= total or self.shown >= 1.0:
            self.ran_out_at = None
        elif self.ran_out_at is None:
            self.ran_out_at = now
        elif now - self.ran_out_at >= OVERDUE:
            return None  # overdue: what is left takes longer than the rate said
        return self.shown


class TimeLeftColumn(ProgressColumn):
    """The progress bar's time-left column, estimated by ``Eta``."""

    max_refresh = 0.5

    def __init__(self) -> None:
        super().__init__()
        self.estimates: dict[int, Eta] = {}

    def render(self, task: Task) -> Text:
        """``H:MM:SS`` left, or ``-:--:--`` while unknown."""
        if task.total is None:
            return Text("", style="progress.remaining")
        eta = self.estimates.setdefault(task.id, Eta())
        left = eta.update(task.get_time(), task.completed, task.total)
        if left is None:
            return Text("-:--:--", style="progress.remaining")
        minutes, seconds = divmod(round(left), 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"{hours:d}:{minutes:02d}:{seconds:02d}", style="progress.remaining")
