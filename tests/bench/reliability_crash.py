"""Crash consistency, long run: kill -9 a writer at random moments, many times over.

    python tests/bench/reliability_crash.py --kills 1000                  # small library, fresh interpreters
    python tests/bench/reliability_crash.py --kills 300 --n 10000 --fork  # 10k library (built once by synth.py)
    python tests/bench/reliability_crash.py --kills 0 --import-kills 50   # whole `reader import` processes

Each trial starts a writer doing random marks, bookmarks, positions, deletions and
restores, removals for good, tag changes and imports (large ones into packs), kills
it with SIGKILL after a random delay, then opens the library and checks it: it opens
without damage, ``check()`` finds nothing, and every acknowledged write is there (the
write in flight whole or absent). Prints the counts; any failure is listed.

With ``--import-kills N``, N whole ``reader import`` processes of a folder big enough for
the worker pool are killed the same way (at a random moment after their workers start):
each must leave no worker running a second later (orphans are counted, then killed) and
a library that opens without damage and passes ``check()``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, HERE, ROOT / "tests" / "reliability"):
    sys.path.insert(0, str(extra))

from crash_check import kill_writer, leftover_temps, model_of, verify_after_kill  # noqa: E402
from crash_driver import crash_article  # noqa: E402
from import_kill import GRACE_SECONDS, kill_import, make_inputs  # noqa: E402
from synth import build_library  # noqa: E402

from reader.store import Library  # noqa: E402


def prepare(work: Path, n: int, cache: Path) -> Path:
    """A library of ``n`` articles to kill writers on: small ones made here, big ones copied."""
    root = work / "lib"
    if n <= 1000:
        Library.open(root).add([crash_article(0, k) for k in range(n)])
        return root
    if not (cache / "library.json").exists():
        build_library(cache, n)
    subprocess.run(["cp", "-a", str(cache), str(root)], check=True)
    return root


def import_kills(work: Path, kills: int, rng: random.Random, max_delay: float) -> int:
    """Kill ``kills`` whole imports; print the orphans and damage found; returns failures."""
    folder = make_inputs(work / "import-inputs", 400)
    library = work / "import-lib"
    workers = orphans = damaged = 0
    endings: list[float] = []
    began = time.perf_counter()
    for trial in range(kills):
        outcome = kill_import(library, folder, rng.uniform(0.0, max_delay))
        workers += len(outcome.workers)
        orphans += len(outcome.orphans)
        endings.append(outcome.seconds_to_end)
        if outcome.orphans:
            print(f"FAIL import kill {trial}: {len(outcome.orphans)} workers still running")
        if library.exists():
            opened = Library.open(library)
            if opened.warnings or opened.check():
                damaged += 1
                print(f"FAIL import kill {trial}: {opened.warnings or opened.check()}")
    elapsed = time.perf_counter() - began
    print(
        f"import kills: {kills} in {elapsed:.0f} s; workers running at the kill: {workers}; "
        f"still running {GRACE_SECONDS:.0f} s later: {orphans}; damaged libraries: {damaged}"
    )
    print(
        f"time for every worker to end after a kill: median "
        f"{statistics.median(endings) * 1000:.0f} ms, max {max(endings) * 1000:.0f} ms"
    )
    return orphans + damaged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--n", type=int, default=40, help="articles in the library")
    parser.add_argument(
        "--fork", action="store_true", help="fork writers instead of new interpreters"
    )
    parser.add_argument(
        "--max-delay", type=float, default=0.3, help="longest wait before a kill (s)"
    )
    parser.add_argument(
        "--import-kills",
        type=int,
        default=0,
        help="also kill this many whole `reader import` processes",
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "rel10k" / "lib"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="reader-crash-"))
    root = prepare(work, args.n, args.cache)
    model = model_of(Library.open(root))
    rng = random.Random(args.seed)
    acknowledged = in_flight = applied = 0
    failures: list[str] = []
    verify_times: list[float] = []
    began = time.perf_counter()
    for trial in range(args.kills):
        outcome = kill_writer(
            root,
            args.seed * 100_000 + trial,
            work / "ack",
            rng,
            spawn=not args.fork,
            max_delay=args.max_delay,
        )
        started = time.perf_counter()
        try:
            verdict = verify_after_kill(root, model, outcome)
            model = verdict.model
            applied += bool(verdict.in_flight_applied)
        except Exception as error:  # count it, resynchronise, keep going
            failures.append(f"trial {trial}: {type(error).__name__}: {error}")
            model = model_of(Library.open(root))
        verify_times.append(time.perf_counter() - started)
        acknowledged += len(outcome.acknowledged)
        in_flight += outcome.in_flight is not None
    elapsed = time.perf_counter() - began
    temps = leftover_temps(root)

    how = "forked writers" if args.fork else "fresh interpreters"
    print(f"library: {args.n} articles at start, {len(model.states)} at end; writers: {how}")
    print(f"kills: {args.kills} in {elapsed:.0f} s; failed checks: {len(failures)}")
    print(
        f"acknowledged writes checked: {acknowledged}; kills mid-operation: {in_flight} "
        f"(found applied {applied}, absent {in_flight - applied}, never half)"
    )
    if verify_times:
        print(
            f"open+check+compare after a kill: median {statistics.median(verify_times) * 1000:.0f} ms, "
            f"max {max(verify_times) * 1000:.0f} ms"
        )
    print(f"temp files left among article files and packs by killed writers: {len(temps)}")
    for failure in failures[:10]:
        print("FAIL", failure)
    import_failures = (
        import_kills(work, args.import_kills, rng, args.max_delay) if args.import_kills else 0
    )
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures or import_failures else 0


if __name__ == "__main__":
    sys.exit(main())
