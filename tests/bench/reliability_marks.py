"""Marks, long run: ``kill -9`` the app the moment a ★ or ● it drew appears; is it on disk?

    python tests/bench/reliability_marks.py [--trials 100] [--articles 10000]
        [--cache /tmp/reader-marks-10k] [--write-delay 0] [--settle 0]

Each trial starts the real app in a pseudo-terminal on a library where every article is read
and none is bookmarked, presses ``b`` (bookmark the first row) or ``m`` (mark it unread),
reads the terminal until the ★ or ● is drawn, and kills the process at once. The library
must then hold the change, and pass ``check()``. ``--write-delay`` slows every flag write
(a slow disk); the suite's short version uses it, see ``tests/ui/test_marks_survive_kill.py``.
``--settle`` waits that long after the first screen before the key, to time a mark alone.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, ROOT / "tests" / "ui", HERE):
    sys.path.insert(0, str(extra))

from pty_app import PtyApp  # noqa: E402
from synth import build_library  # noqa: E402

from reader.store import Library  # noqa: E402

KEYS = (("b", "★", "bookmarked", True), ("m", "●", "read", False))


def run_trial(
    root: Path, home: Path, title: str, key: str, mark: str, args: argparse.Namespace
) -> float | str:
    """Start the app, press ``key``, kill it once ``mark`` is drawn: the seconds from the key
    to the mark, or what went wrong."""
    app = PtyApp(root, home, write_delay=args.write_delay)
    try:
        if not app.wait_for(title[:12], timeout=120):
            return f"no first screen: {app.screen[-300:]!r}"
        if args.settle:
            app.read(args.settle)  # the app has finished starting: what a key costs alone
        pressed = time.perf_counter()
        app.press(key)
        if not app.wait_for(mark, timeout=30):
            return f"{mark} never drawn: {app.screen[-300:]!r}"
        return time.perf_counter() - pressed
    finally:
        app.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-marks-10k"))
    parser.add_argument("--write-delay", type=float, default=0.0)
    parser.add_argument(
        "--settle", type=float, default=0.0, help="seconds between the first screen and the key"
    )
    args = parser.parse_args()
    build_library(args.cache, args.articles)
    lost: list[str] = []
    damaged: list[str] = []
    drawn_after: list[float] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-marks-") as folder:
        root = Path(folder) / "lib"
        shutil.copytree(args.cache, root)
        library = Library.open(root)
        ids = [article.id for article in library.articles()]
        library.set_read(ids, True)
        library.set_bookmarked(ids, False)
        first = library.get(ids[0])
        for trial in range(args.trials):
            key, mark, flag, value = KEYS[trial % len(KEYS)]
            outcome = run_trial(root, Path(folder) / "home", first.title, key, mark, args)
            after = Library.open(root)
            if isinstance(outcome, str):
                damaged.append(f"trial {trial}: {outcome}")
                said = outcome[:60]
            else:
                drawn_after.append(outcome)
                said = f"drawn after {outcome * 1000:.0f} ms"
                if getattr(after.get(first.id), flag) is not value:
                    lost.append(f"trial {trial}: {key} shown, {flag} not on disk")
                    said += ", LOST"
            damaged.extend(f"trial {trial}: {problem}" for problem in after.check())
            # Back to every article read and none bookmarked, for the next trial.
            after.set_read([first.id], True)
            after.set_bookmarked([first.id], False)
            print(f"  trial {trial}: {key}, {said}", flush=True)
    seconds = time.perf_counter() - began
    shown = len(drawn_after)
    print(
        f"command: python tests/bench/reliability_marks.py --trials {args.trials} "
        f"--articles {args.articles} --write-delay {args.write_delay} --settle {args.settle}"
    )
    print(
        f"trials {args.trials} in {seconds:.0f} s, marks drawn then killed {shown}, "
        f"lost {len(lost)}, other failed checks {len(damaged)}"
    )
    if drawn_after:
        print(
            f"key to mark drawn: median {statistics.median(drawn_after) * 1000:.0f} ms, "
            f"max {max(drawn_after) * 1000:.0f} ms"
        )
    for problem in (lost + damaged)[:20]:
        print(f"  {problem}")
    return 1 if lost or damaged else 0


if __name__ == "__main__":
    sys.exit(main())
