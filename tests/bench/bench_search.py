"""Search figures at 100k synthetic articles: build rate, index size, query and keystroke
latency, and ``reader search`` as a whole process.

    python tests/bench/bench_search.py [--library /tmp/bench100k] [--n 100000] [--reuse-index]

The library is built once with ``synth.py`` (minutes) and reused; the index is rebuilt
unless ``--reuse-index``. Latencies are medians and p95 over seeded query sets; the build
rate is given per wall second and per CPU second, since a shared machine stretches the
first. Load average is printed because it moves every figure.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from synth import build_library  # noqa: E402

from reader.search import SearchIndex  # noqa: E402
from reader.store import Library  # noqa: E402
from reader.ui.finder import RESULT_LIMIT as APP_LIMIT  # noqa: E402


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  max {ordered[-1] * 1000:6.1f} ms"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (a bulk build's helper process)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def timed(index: SearchIndex, query: str, limit: int = 20, **kwargs: object) -> float:
    began = time.perf_counter()
    result = index.search(query, limit, **kwargs)  # type: ignore[arg-type]
    assert result.error is None, (query, result.error)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", default="/tmp/bench100k")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--reuse-index", action="store_true")
    args = parser.parse_args()
    root = Path(args.library)
    print(f"command: python tests/bench/bench_search.py --library {root} --n {args.n}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    library = Library.open(root)
    meta_count = sum(
        len(re.findall(rb'"body_hash"', p.read_bytes())) for p in (root / "meta").glob("*.json")
    )
    if meta_count < args.n:
        print(f"building the synthetic library ({meta_count} -> {args.n} articles) ...")
        library = build_library(root, args.n)

    index = SearchIndex.open(library, sync=False)
    if not args.reuse_index:
        began, cpu0 = time.perf_counter(), cpu_seconds()
        count = index.rebuild()
        wall = time.perf_counter() - began
        cpu = cpu_seconds() - cpu0
        print(
            f"index build: {count} articles in {wall:.1f} s = {count / wall:.0f} articles/s "
            f"(wall); {count / cpu:.0f} articles per CPU-second"
        )
    index.sync()
    conn = index._connection
    body_bytes = sum(len(zlib.decompress(b)) for (b,) in conn.execute("SELECT body FROM bodies"))
    size = sum(
        os.path.getsize(f"{index.path}{s}")
        for s in ("", "-wal")
        if os.path.exists(f"{index.path}{s}")
    )
    print(
        f"index size: {size / 1e6:.0f} MB for {body_bytes / 1e6:.0f} MB of body text = {size / body_bytes:.2f}x"
    )

    rng = random.Random(5)
    titles = [t for (t,) in conn.execute("SELECT title FROM docs WHERE rowid % 997 = 0")]
    title_words = [w for t in titles for w in t.lower().split() if not w.isdigit()]
    pairs = [f"{rng.choice(title_words)} {rng.choice(title_words)}" for _ in range(60)]
    index.search("warm up")
    print(
        f"2-word queries (title words of random articles, 60): {ms([timed(index, q) for q in pairs])}"
    )
    common = ["minister election", "climate market", "council energy", "river school", "the of"]
    print(
        f"2-word queries, both in nearly every article (5): {ms([timed(index, q) for q in common])}"
    )

    bodies = [
        zlib.decompress(b).decode()
        for (b,) in conn.execute("SELECT body FROM bodies WHERE rowid % 1999 = 0")
    ]
    phrases = []
    for body in bodies[:40]:
        words = body.lower().replace(".", "").split()
        start = rng.randrange(len(words) - 2)
        phrases.append(
            f'"{words[start]} {words[start + 1]}" is:unread after:2020-01-01 -{rng.choice(title_words)}'
        )
    phrase_times = [timed(index, q) for q in phrases]
    partial = sum(index.search(q, 20).partial for q in phrases)
    print(f"phrase + filters (40): {ms(phrase_times)}; {partial} answered partial (newest first)")
    for took, query in sorted(zip(phrase_times, phrases, strict=True), reverse=True)[:3]:
        print(f"    slowest: {took * 1000:6.1f} ms  {query}")

    typed = [*rng.sample(pairs, 8), "minister election", "the climate"]
    slowest = []
    for query in typed:
        slowest.append(max(timed(index, query[:i], typing=True) for i in range(1, len(query) + 1)))
    print(f"slowest keystroke typing a query letter by letter (10 queries): {ms(slowest)}")
    slowest = []
    for query in typed:
        slowest.append(
            max(timed(index, query[:i], APP_LIMIT, typing=True) for i in range(1, len(query) + 1))
        )
    print(f"  the same with the app's {APP_LIMIT} result rows: {ms(slowest)}")

    runs = []
    for query in pairs[:6]:
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "--library", str(root), "search", *query.split()],
            check=True,
            capture_output=True,
        )
        runs.append(time.perf_counter() - began)
    print(f"`reader search` whole process (6): {ms(runs)}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
