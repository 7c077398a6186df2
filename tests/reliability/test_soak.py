"""Soak: random keys in the app on a big library, killed with SIGKILL now and then.

A child process runs the app (``ReaderApp.run_test``) and presses keys drawn from its
bindings (moving, opening, paging, marking, bookmarks, removed text, sorting, views,
searching, copy and open URL with the question answered no) in a loop. Whenever the app
changes a read or bookmark flag (``m``, ``b``, opening an article) the child appends
``B flag id`` to an acknowledgement file and, once the write is on disk,
``A flag id value``; every 10 keys it appends its RSS. The parent kills it at random
moments, then the library must pass ``check()`` and hold every acknowledged flag, and RSS
may grow at most 10% from warm-up to the end of each run.

    python tests/reliability/test_soak.py LIBRARY SEED ACK_FILE   # the child, by hand

The long version (a 10k library, minutes) is ``tests/bench/reliability_soak.py``.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from reader.store import Library  # noqa: E402

#: Keys and how often each is pressed; "/" types a query, "o" gets its question answered no.
KEYS = {
    "j": 14,
    "k": 8,
    "g": 2,
    "G": 2,
    "enter": 8,
    "escape": 6,
    "space": 6,
    "n": 6,
    "p": 4,
    "N": 3,
    "m": 8,
    "b": 8,
    "x": 3,
    "s": 2,
    "right_square_bracket": 2,
    "left_square_bracket": 2,
    "slash": 2,
    "y": 1,
    "o": 1,
    "question_mark": 1,
}
RSS_EVERY = 10
WARM_UP = 30
WORDS = ("harbour", "council", "rail", "solar", "bird", "zzqx", "the", "a")


class Acknowledger:
    """Whole lines appended with one system call each, so a kill never leaves half a line."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def line(self, text: str) -> None:
        os.write(self.fd, (text + "\n").encode())


def rss_kb() -> int:
    """Resident memory now (not the peak)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def watch_flag_changes(ack: Acknowledger) -> list[tuple[str, str, bool]]:
    """Log ``B flag id`` when the app queues a read or bookmark write, and collect each
    write it shows (once on disk) until the driver acknowledges it with an ``A`` line.

    ``B`` comes before the write can reach the disk, so a kill between the write and its
    showing leaves that flag pending (either value); each queued write is shown once.
    """
    from reader.ui.marking import BOOKMARKED, READ, FlagsWritten, Marks

    changed: list[tuple[str, str, bool]] = []
    change, apply = Marks.change, Marks.apply

    def queued(self: Marks, flag: str, articles: Any, value: bool, **options: Any) -> int:
        articles = list(articles)
        if flag in (READ, BOOKMARKED):
            for article in articles:
                if self.value(article, flag) != value:
                    ack.line(f"B {flag} {article.id}")
        return change(self, flag, articles, value, **options)  # type: ignore[arg-type]

    def shown(self: Marks, written: FlagsWritten, catalog: Any) -> list[str]:
        result = apply(self, written, catalog)
        if written.ok and catalog is not None and written.flag in (READ, BOOKMARKED):
            changed.extend((written.flag, article_id, written.value) for article_id in written.ids)
        return result

    Marks.change = queued  # type: ignore[method-assign]
    Marks.apply = shown  # type: ignore[method-assign]
    return changed


async def drive(root: Path, seed: int, ack: Acknowledger, max_keys: int) -> None:
    """Run the app on ``root`` and press random keys until killed or ``max_keys`` are done."""
    from reader.config import Config
    from reader.ui.app import ReaderApp
    from reader.ui.screens.confirm import Confirm
    from reader.ui.screens.main import MainScreen

    rng = random.Random(seed)
    keys, weights = list(KEYS), list(KEYS.values())
    flags_changed = watch_flag_changes(ack)
    work = root.parent / f"soak-config-{seed}"
    app = ReaderApp(
        Library.open(root),
        config=Config(),
        config_path=work / "config.toml",
        history_path=work / "search_history",
    )
    app.open_url = lambda url, **_: None  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            screen = app.screen_stack[1] if len(app.screen_stack) > 1 else None
            if isinstance(screen, MainScreen) and screen.catalog is not None:
                break
        await app.workers.wait_for_complete()
        main = app.screen_stack[1]
        if not isinstance(main, MainScreen):
            raise RuntimeError("the main screen did not open")
        view: MainScreen = main
        report_error = view.writer.on_error

        def on_error(message: str) -> None:
            ack.line(f"ERROR {' '.join(message.split())[:300]}")
            report_error(message)

        view.writer.on_error = on_error
        ack.line(f"R {rss_kb()}")
        for count in range(1, max_keys + 1):
            if app.return_code is not None or not app.is_running:
                ack.line("EXIT")
                return
            if isinstance(app.screen, Confirm) or app.screen_stack[-1] is not main:
                await pilot.press("escape")
            on_main = app.screen_stack[-1] is main
            key = rng.choices(keys, weights)[0]
            if key in ("m", "b") and not on_main:
                continue
            if key == "slash":
                await pilot.press("slash")
                await pilot.press(*rng.choice(WORDS))
                await pilot.press(rng.choice(("enter", "escape")))
            else:
                await pilot.press(key)
            if flags_changed:
                view.writer.flush()  # every write queued so far is on disk now
                for flag, article_id, value in flags_changed:
                    ack.line(f"A {flag} {article_id} {int(value)}")
                flags_changed.clear()
            ack.line("K")
            if count % RSS_EVERY == 0:
                ack.line(f"M {count} {rss_kb()}")
        ack.line("DONE")


def child_main(root: Path, seed: int, ack_path: Path, max_keys: int = 1_000_000) -> None:
    ack = Acknowledger(ack_path)
    try:
        asyncio.run(drive(root, seed, ack, max_keys))
    except Exception as error:  # the parent counts it as a failed check
        ack.line(f"CRASH {type(error).__name__}: {' '.join(str(error).split())[:300]}")
        raise


@dataclass
class SoakFigures:
    """What a soak run measured."""

    runs: int = 0
    kills: int = 0
    keys: int = 0
    seconds: float = 0.0
    acknowledged: int = 0
    failed_checks: list[str] = field(default_factory=list)
    growth: list[float] = field(default_factory=list)

    def line(self) -> str:
        rate = self.keys / self.seconds if self.seconds else 0.0
        worst = max(self.growth, default=0.0)
        return (
            f"runs {self.runs}, kills {self.kills}, keys {self.keys} ({rate:.1f}/s), "
            f"acknowledged writes {self.acknowledged}, failed checks {len(self.failed_checks)}, "
            f"RSS growth after warm-up: max {worst:+.1f}% over {len(self.growth)} runs"
        )


def expected_flags(lines: list[str], flags: dict[tuple[str, str], set[int]]) -> int:
    """Fold one run's lines into ``flags``: the values each (flag, id) may have now."""
    acknowledged = 0
    pending: Counter[tuple[str, str]] = Counter()
    for line in lines:
        parts = line.split()
        if parts[:1] == ["B"] and len(parts) == 3:
            pending[(parts[1], parts[2])] += 1
        elif parts[:1] == ["A"] and len(parts) == 4:
            key = (parts[1], parts[2])
            flags[key] = {int(parts[3])}
            pending[key] = max(0, pending[key] - 1)
            acknowledged += 1
    for key, count in pending.items():  # killed with a write in flight: either value, whole
        if count:
            flags[key] = {0, 1}
    return acknowledged


def check_library(root: Path, flags: dict[tuple[str, str], set[int]]) -> list[str]:
    """Damage, and acknowledged flags the library lost."""
    library = Library.open(root)
    problems = [f"check: {p}" for p in library.check()]
    for (flag, article_id), allowed in flags.items():
        value = int(getattr(library.get(article_id), flag))
        if value not in allowed:
            problems.append(f"{flag} of {article_id} is {value}, acknowledged {sorted(allowed)}")
    return problems


def memory_growth(lines: list[str]) -> float | None:
    """RSS growth in % from the first sample past warm-up to the last one."""
    samples = [(int(p[1]), int(p[2])) for p in (line.split() for line in lines) if p[:1] == ["M"]]
    warm = [rss for count, rss in samples if count >= WARM_UP]
    if len(warm) < 2:
        return None
    return 100.0 * (warm[-1] - warm[0]) / warm[0]


def soak(
    root: Path,
    seconds: float,
    seed: int,
    kill_after: tuple[float, float],
    log: bool = False,
    *,
    min_keys: int = 0,
    max_seconds: float | None = None,
) -> SoakFigures:
    """Start the child again and again on ``root`` for ``seconds``, killing each at random.

    With ``min_keys``, runs go on past ``seconds`` (up to ``max_seconds``) until that many
    keys were pressed and two runs killed: a loaded machine presses fewer keys a second,
    and a soak that pressed too few proves nothing.
    """
    cap = max(seconds, max_seconds or seconds)

    def more() -> bool:
        spent = time.monotonic() - began
        if spent < seconds:
            return True
        short = figures.keys < min_keys or figures.kills < 2
        return bool(min_keys) and short and spent < cap

    rng = random.Random(seed)
    figures = SoakFigures()
    flags: dict[tuple[str, str], set[int]] = {}
    began = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    while more():
        ack_path = root.parent / f"ack-{figures.runs}"
        ack_path.unlink(missing_ok=True)
        run_seed = seed * 1000 + figures.runs
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__)), str(root), str(run_seed), str(ack_path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # Kill only once the app is running and pressing keys.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            if ack_path.exists() and b"\nK\n" in ack_path.read_bytes():
                break
            time.sleep(0.1)
        run_started = time.monotonic()
        stop_at = run_started + rng.uniform(*kill_after)
        while child.poll() is None and time.monotonic() < stop_at:
            time.sleep(0.05)
        killed = child.poll() is None
        if killed:
            child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        figures.seconds += time.monotonic() - run_started
        figures.runs += 1
        figures.kills += killed
        lines = ack_path.read_text().splitlines() if ack_path.exists() else []
        figures.keys += sum(1 for line in lines if line == "K")
        for line in lines:
            if line.startswith(("CRASH", "EXIT", "ERROR")):
                figures.failed_checks.append(f"run {figures.runs}: {line}")
        if not killed and not any(line.startswith("CRASH") for line in lines):
            tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            figures.failed_checks.append(f"run {figures.runs}: child ended by itself: {tail[0]}")
        figures.acknowledged += expected_flags(lines, flags)
        problems = check_library(root, flags)
        figures.failed_checks.extend(f"run {figures.runs}: {p}" for p in problems)
        growth = memory_growth(lines)
        if growth is not None:
            figures.growth.append(growth)
        if log:
            print(
                f"  run {figures.runs}: {sum(1 for x in lines if x == 'K')} keys, "
                f"growth {growth if growth is None else f'{growth:+.1f}%'}, "
                f"problems {len(problems)}",
                flush=True,
            )
    return figures


@pytest.fixture(scope="session")
def soak_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from synth import build_library  # type: ignore[import-not-found,unused-ignore]

    root = tmp_path_factory.mktemp("soak-source") / "lib"
    build_library(root, CI_ARTICLES)
    return root


CI_ARTICLES = 2_000


def test_random_keys_with_kill_9_corrupt_nothing_and_do_not_leak(
    soak_library: Path, tmp_path: Path
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(soak_library, root)
    figures = soak(root, seconds=25, seed=3, kill_after=(6.0, 12.0), min_keys=100, max_seconds=120)
    print(figures.line())
    assert figures.kills >= 2 and figures.keys >= 100  # or the soak proved nothing
    assert figures.acknowledged > 0
    assert figures.failed_checks == []
    assert max(figures.growth, default=0.0) <= 10.0


if __name__ == "__main__":
    child_main(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
