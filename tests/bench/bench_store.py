"""Store figures at scale: mark/bookmark, delete/restore and tag latency, open + list,
`reader mark` as a process.

    python tests/bench/bench_store.py                  # 100k articles in /tmp/bench100k
    python tests/bench/bench_store.py --n 10000 --library /tmp/bench10k

Prints one line per figure: the median (and spread) of several runs, with its target.
The library is built once by synth.py and reused. Import rates: bench_import.py.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synth import build_library  # noqa: E402

from reader.store import Library  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "scrapinghub"


def reader_command() -> list[str]:
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def report(name: str, values: list[float], unit: str, target: str, scale: float = 1.0) -> None:
    shown = sorted(v * scale for v in values)
    median = statistics.median(shown)
    print(
        f"{name}: median {median:.1f} {unit} (min {shown[0]:.1f}, max {shown[-1]:.1f}, n={len(shown)})  target {target}"
    )


def bench_mark(root: Path, runs: int = 60) -> None:
    library = Library.open(root)
    ids = [a.id for a in library.articles()]
    rng = random.Random(5)
    marks, bookmarks = [], []
    for _ in range(runs):
        target = rng.choice(ids)
        began = time.perf_counter()
        library.set_read([target], read=not library.get(target).read)
        marks.append(time.perf_counter() - began)
        began = time.perf_counter()
        library.set_bookmarked([target], bookmarked=not library.get(target).bookmarked)
        bookmarks.append(time.perf_counter() - began)
    report("mark read one article, durable (library API)", marks, "ms", "<= 10 ms", 1000)
    report("bookmark one article, durable (library API)", bookmarks, "ms", "<= 10 ms", 1000)


def bench_curate(root: Path, runs: int = 60) -> None:
    """Delete one article, restore it, tag it (and untag it): the store calls the app
    makes for ``d``, ``u`` and ``t``, in a session that listed the library first.

    Each is one state shard written durably, so on a disk others are busy with the clock
    time is mostly the wait for fsync; the CPU time is printed beside it.
    """
    library = Library.open(root)
    ids = [a.id for a in library.articles()]
    rng = random.Random(7)
    calls: dict[str, Callable[[str], object]] = {
        "delete": lambda target: library.delete([target]),
        "restore": lambda target: library.restore([target]),
        "tag": lambda target: library.tag([target], add=["bench"]),
        "untag": lambda target: library.tag([target], remove=["bench"]),
    }
    clock: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        target = rng.choice(ids)
        for name, call in calls.items():
            began, began_cpu = time.perf_counter(), time.process_time()
            call(target)
            clock[name].append(time.perf_counter() - began)
            cpu[name].append(time.process_time() - began_cpu)
    for name in ("delete", "restore", "tag"):
        report(f"{name} one article, durable (library API)", clock[name], "ms", "<= 10 ms", 1000)
        report("  the same, CPU time", cpu[name], "ms", "<= 10 ms", 1000)


OPEN_AND_LIST = """
import sys, time
from pathlib import Path
began = time.perf_counter()
from reader.store import Library
rows = Library.open(Path(sys.argv[1])).articles()
print(time.perf_counter() - began, len(rows))
"""


def open_and_list(root: Path) -> tuple[float, str]:
    """Seconds to open the library and list it all in a fresh process, and the row count."""
    out = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST, str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, count = out.stdout.split()
    return float(seconds), count


def bench_open_list(root: Path, runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        seconds, count = open_and_list(root)
        times.append(seconds)
    report(
        f"open library + list all metadata ({count} articles, in a fresh process)",
        times,
        "s",
        "<= 0.5 s",
    )


def bench_list_after_import(root: Path, runs: int = 3, per_run: int = 64) -> None:
    """The first listing in a fresh process right after ``reader import`` added articles.

    The import touches nearly every metadata shard; the listing after it is the one a
    user waits for when opening the app after a cron import. Adds ``runs * per_run``
    small articles to the library (they stay).
    """
    times = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            for n in range(per_run):
                body = " ".join(f"w{run}x{n}x{k}" for k in range(80))
                Path(folder, f"p{n}.md").write_text(f"# After import {run}.{n}\n\n{body}.\n")
            subprocess.run(
                [*reader_command(), "--library", str(root), "import", "-q", folder],
                check=True,
                capture_output=True,
            )
        seconds, count = open_and_list(root)
        times.append(seconds)
    report(f"open + list all right after an import ({count} articles)", times, "s", "<= 0.5 s")


def bench_mark_process(root: Path, runs: int = 7) -> None:
    ids = [a.id for a in Library.open(root).articles()[:runs]]
    times = []
    for article_id in ids:
        began = time.perf_counter()
        subprocess.run([*reader_command(), "--library", str(root), "mark", article_id], check=True)
        times.append(time.perf_counter() - began)
    report("`reader mark ID` as a whole process", times, "s", "<= 0.5 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n", type=int, default=100_000, help="articles in the library (default 100000)"
    )
    parser.add_argument("--library", type=Path, default=None, help="where to build/reuse it")
    args = parser.parse_args()
    root = args.library or Path(f"/tmp/bench{args.n // 1000}k")
    print(f"# python tests/bench/bench_store.py --n {args.n} --library {root}")
    began = time.perf_counter()
    build_library(root, args.n)
    print(f"library ready: {args.n} articles at {root} ({time.perf_counter() - began:.0f} s)")
    bench_mark(root)
    bench_curate(root)
    bench_open_list(root)
    bench_list_after_import(root)
    bench_mark_process(root)
    print("import rates: python tests/bench/bench_import.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
