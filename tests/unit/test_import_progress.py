"""The time left that ``reader import`` shows can be read: it counts down, it does not leap.

Inputs finish in bursts (the worker pool hands back eight at a time, at uneven moments);
the stock estimate followed each burst and jumped from 0:00:01 to 0:00:10 to 0:00:04.
"""

from __future__ import annotations

import itertools
import random

from rich.progress import Progress, ProgressColumn, Task
from rich.text import Text

from reader.cli.import_cmd import progress_columns


def shown_text(column: ProgressColumn, task: Task) -> str:
    """What the column shows for the task (the time columns render to a Text)."""
    rendered = column.render(task)
    assert isinstance(rendered, Text)
    return rendered.plain


def seconds(shown: str) -> int:
    hours, minutes, secs = shown.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + int(secs)


def time_left_each_second(column: ProgressColumn, seed: int, total: int = 400) -> list[int]:
    """What the column shows once a second while ``total`` inputs finish eight at a time."""
    clock = [0.0]
    progress = Progress(column, get_time=lambda: clock[0], auto_refresh=False, disable=True)
    task = progress.add_task("import", total=total)
    rng = random.Random(seed)
    done, next_burst, shown = 0, 0.4, []
    for tick in range(1, 10_000):
        clock[0] = tick / 10
        if clock[0] >= next_burst:
            done = min(total, done + 8)
            progress.update(task, completed=done)
            next_burst = clock[0] + rng.choice([0.1, 0.2, 0.2, 0.3, 0.5, 1.2, 1.5])
        if tick % 10 == 0:
            text = shown_text(column, progress.tasks[0])
            if text != "-:--:--":
                shown.append(seconds(text))
            if done >= total:
                return shown
    raise AssertionError("the simulated import never finished")


def test_the_time_left_counts_down_without_leaping() -> None:
    for seed in range(5):
        shown = time_left_each_second(progress_columns()[-1], seed)
        assert len(shown) > 10 and shown[-1] == 0
        # one second later it shows about one second less: never more than 8 s off that
        leaps = [after - (before - 1) for before, after in itertools.pairwise(shown)]
        assert max(map(abs, leaps)) <= 8, (seed, shown)


def test_nothing_is_guessed_before_there_is_progress_to_go_on() -> None:
    column = progress_columns()[-1]
    clock = [0.0]
    progress = Progress(column, get_time=lambda: clock[0], auto_refresh=False, disable=True)
    task = progress.add_task("import", total=100)
    for tick in range(20):
        clock[0] = tick / 10
        progress.update(task, completed=tick)
        assert shown_text(column, progress.tasks[0]) == "-:--:--"


def test_a_straggler_shows_the_time_left_as_unknown_not_one_second_for_ever() -> None:
    """199 feeds in two seconds, then one slow feed for half a minute: the rate says a
    fraction of a second is left; after the countdown has run out the column says it
    does not know, and shows 0 once all is done."""
    column = progress_columns()[-1]
    clock = [0.0]
    progress = Progress(column, get_time=lambda: clock[0], auto_refresh=False, disable=True)
    task = progress.add_task("update", total=200)
    shown: list[str] = []
    for tick in range(1, 301):
        clock[0] = tick / 10
        progress.update(task, completed=min(199, tick * 10) if tick < 300 else 200)
        shown.append(shown_text(column, progress.tasks[0]))
    assert "0:00:00" in shown[30:60] or "0:00:01" in shown[30:60]
    assert set(shown[100:299]) == {"-:--:--"}
    assert shown[-1] == "0:00:00"
