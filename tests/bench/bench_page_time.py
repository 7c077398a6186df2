"""Time per page: every page of both development corpora read and cleaned as import does.

    python tests/bench/bench_page_time.py [--limit S] [--show N] [--kind html|text|both]

Each page of ../shared/corpus/scrapinghub and ../shared/corpus/trafilatura-eval (HTML pages
and text dumps) goes through import's reading code (sniffing, decompressing, decoding,
detecting the format, cleaning) in this process, one at a time, timed in CPU seconds (the
work, whatever else runs on the machine) and wall seconds. A page still running after
``--limit`` wall seconds (default 10) is stopped and counted as over. Prints the N pages
that took most CPU time and how many took over 1 s. Target: none over 1 s.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.ingest.prepare import prepare_file  # noqa: E402

SHARED_CANDIDATES = (ROOT.parent / "shared", Path("/work/shared"))
CORPORA = ("scrapinghub", "trafilatura-eval")
#: The time a page may take (seconds).
TARGET = 1.0


class Overtime(BaseException):
    """A page ran past the limit (not an Exception, which the reading code would catch)."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Overtime


def corpus_root() -> Path:
    """The shared corpus folder, or exit with a message when it is not beside the checkout."""
    for shared in SHARED_CANDIDATES:
        if (shared / "corpus" / "scrapinghub").is_dir():
            return shared / "corpus"
    sys.exit("corpus not found (../shared/corpus); nothing to measure")


def pages(root: Path, kinds: tuple[str, ...]) -> list[Path]:
    """Every page of both corpora, of the kinds asked for, in a stable order."""
    found: list[Path] = []
    for name in CORPORA:
        for kind in kinds:
            folder = root / name / ("html" if kind == "html" else "textdump")
            found.extend(sorted(p for p in folder.iterdir() if p.is_file()))
    return found


def timed(path: Path, limit: float) -> tuple[float, float, bool]:
    """CPU and wall seconds to read and clean one page, and whether it had to be stopped."""
    signal.setitimer(signal.ITIMER_REAL, limit)
    cpu, wall = time.process_time(), time.perf_counter()
    stopped = False
    try:
        prepare_file(str(path))
    except Overtime:
        stopped = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - cpu, time.perf_counter() - wall, stopped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=10.0, help="stop a page after S seconds")
    parser.add_argument("--show", type=int, default=20, help="list the N slowest pages")
    parser.add_argument("--kind", choices=("html", "text", "both"), default="both")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _stop)
    root = corpus_root()
    kinds = ("html", "text") if args.kind == "both" else (args.kind,)
    todo = pages(root, kinds)
    print(f"cores: {os.cpu_count()}; pages: {len(todo)}; command: {' '.join(sys.argv)}")
    prepare_file(str(todo[0]))  # imports the cleaners, as any running import has
    times: list[tuple[float, float, bool, Path]] = []
    started = time.perf_counter()
    for path in todo:
        times.append((*timed(path, args.limit), path))
    total = time.perf_counter() - started
    times.sort(key=lambda row: (row[2], row[0]), reverse=True)
    print(f"slowest {min(args.show, len(times))} by CPU time:")
    for cpu, wall, stopped, path in times[: args.show]:
        note = f"  (stopped after {args.limit:g} s)" if stopped else ""
        print(f"  {cpu:7.3f} s CPU  {wall:7.3f} s wall  {path.relative_to(root)}{note}")
    over_cpu = sum(1 for cpu, _, stopped, _ in times if stopped or cpu > TARGET)
    over_wall = sum(1 for _, wall, stopped, _ in times if stopped or wall > TARGET)
    stopped_count = sum(1 for row in times if row[2])
    print(
        f"over {TARGET:g} s: {over_cpu} of {len(times)} pages by CPU time, {over_wall} by wall "
        f"time ({stopped_count} stopped at {args.limit:g} s); total {total:.1f} s  "
        f"target: 0 over {TARGET:g} s"
    )


if __name__ == "__main__":
    main()
