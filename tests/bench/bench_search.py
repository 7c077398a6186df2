"""Search figures at 100k synthetic articles: build rate, index size, query and keystroke
latency, complete answers, tags and saved views, and ``reader search`` as a whole process.

    python tests/bench/bench_search.py [--library /tmp/bench100k] [--n 100000] [--reuse-index]

The library is built once with ``synth.py`` (minutes) and reused; the index is rebuilt
unless ``--reuse-index``. The first run gives every 7th article the tag "work" and every
50th "watch" (in its state document, as tagging does). Latencies are medians and p95 over
seeded query sets, by the clock and in CPU time (which a loaded machine does not stretch);
the build rate is given per wall second and per CPU second. Load average is printed because
it moves every figure.

"Complete" is checked, not assumed: each phrase query's ``total`` is compared with a count
of the same query made directly in SQL, the phrase matched word by word by FTS5 and the
filters on the stored flags and dates.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from synth import build_library  # noqa: E402

from reader.search import SearchIndex  # noqa: E402
from reader.search.answer import RankedAnswer  # noqa: E402
from reader.store import Library  # noqa: E402
from reader.ui.finder import RESULT_LIMIT as APP_LIMIT  # noqa: E402

SCREEN = 50
"""Result rows a tall screen shows: the first page the app needs."""
Timing = tuple[float, float]


def figures(values: list[Timing]) -> str:
    walls = sorted(w for w, _ in values)
    cpus = sorted(c for _, c in values)

    def p95(ordered: list[float]) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]

    return (
        f"median {statistics.median(walls) * 1000:6.1f} ms  p95 {p95(walls) * 1000:6.1f} ms  "
        f"max {walls[-1] * 1000:6.1f} ms  (CPU: median {statistics.median(cpus) * 1000:5.1f}, "
        f"p95 {p95(cpus) * 1000:5.1f})"
    )


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (a bulk build's helper process)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def measure(work: Callable[[], object]) -> Timing:
    began, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - began, time.process_time() - cpu


def timed(index: SearchIndex, query: str, limit: int = 20, **kwargs: object) -> Timing:
    def run() -> None:
        result = index.search(query, limit, **kwargs)  # type: ignore[arg-type]
        assert result.error is None, (query, result.error)

    return measure(run)


def tag_library(root: Path) -> int:
    """Give every 7th article the tag "work" and every 50th "watch", in its state document
    (the form tagging writes); returns how many are tagged. Done once per library."""
    tagged = 0
    for meta in sorted((root / "meta").glob("*.json")):
        keys = sorted(json.loads(meta.read_bytes()).get("articles", {}), key=int)
        state_path = root / "state" / meta.name
        data = json.loads(state_path.read_bytes()) if state_path.exists() else {"state": {}}
        table = data.setdefault("state", {})
        for key in keys:
            number = int(key)
            tags = [tag for tag, every in (("work", 7), ("watch", 50)) if number % every == 0]
            if tags:
                table.setdefault(key, {})["tags"] = tags
                tagged += 1
        temp = state_path.with_suffix(".tmp")
        temp.write_text(json.dumps(data))
        temp.replace(state_path)
    return tagged


def every_nth(index: SearchIndex, column: str, step: int) -> list[Any]:
    """A column of every ``step``-th article in date order (the same articles whatever the
    row numbers are)."""
    sql = (
        f"SELECT value FROM (SELECT {column} AS value, row_number() OVER (ORDER BY rowid) AS n "
        "FROM docs JOIN bodies USING (rowid)) WHERE n % ? = 0"
    )
    return [value for (value,) in index._connection.execute(sql, (step,))]


def direct_count(index: SearchIndex, phrase: tuple[str, str], excluded: str) -> int:
    """The phrase query counted in plain SQL: FTS5 checks the phrase word by word, the
    filters read the stored flag and date."""
    match = f'"{phrase[0]} {phrase[1]}" NOT "{excluded}"'
    sql = (
        "SELECT count(*) FROM fts JOIN docs AS d ON d.rowid = fts.rowid "
        "WHERE fts MATCH ? AND d.read = 0 AND d.day >= '2020-01-01'"
    )
    return int(index._connection.execute(sql, (match,)).fetchone()[0])


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
    if not any(b'"tags"' in p.read_bytes() for p in (root / "state").glob("*.json")):
        print(f"tagged {tag_library(root)} articles")
        library = Library.open(root)

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
        f"index size: {size / 1e6:.0f} MB for {body_bytes / 1e6:.0f} MB of body text = "
        f"{size / body_bytes:.2f}x"
    )

    with open(index.path, "rb") as whole:  # in the OS's cache, as after a few searches
        while whole.read(1 << 24):
            pass
    rng = random.Random(5)
    titles = every_nth(index, "title", 997)
    title_words = [w for t in titles for w in t.lower().split() if not w.isdigit()]
    pairs = [f"{rng.choice(title_words)} {rng.choice(title_words)}" for _ in range(60)]
    index.search("warm up")
    print(
        f"2-word queries (title words of random articles, 60): {figures([timed(index, q) for q in pairs])}"
    )
    common = ["minister election", "climate market", "council energy", "river school", "the of"]
    print(
        f"2-word queries, both in nearly every article (5): {figures([timed(index, q) for q in common])}"
    )

    bodies = [zlib.decompress(b).decode() for b in every_nth(index, "body", 1999)]
    phrases: list[tuple[tuple[str, str], str]] = []
    for body in bodies[:40]:
        words = body.lower().replace(".", "").split()
        start = rng.randrange(len(words) - 2)
        phrases.append(((words[start], words[start + 1]), rng.choice(title_words)))
    queries = [f'"{a} {b}" is:unread after:2020-01-01 -{x}' for (a, b), x in phrases]
    phrase_times = [timed(index, q) for q in queries]
    results = [index.search(q, 20) for q in queries]
    complete = sum(
        r.total == direct_count(index, phrase, x)
        for r, (phrase, x) in zip(results, phrases, strict=True)
    )
    ranked = sum(isinstance(r.answer, RankedAnswer) for r in results)
    print(
        f"phrase + filters (40): {figures(phrase_times)}; {complete}/40 complete (total equal "
        f"to a direct count); {ranked} ranked, {40 - ranked} of common words newest first"
    )
    for took, query in sorted(zip(phrase_times, queries, strict=True), reverse=True)[:3]:
        print(f"    slowest: {took[0] * 1000:6.1f} ms  {query}")

    rare = [
        str(term)
        for (term,) in conn.execute(
            "SELECT term FROM terms WHERE length(term) > 5 AND term GLOB '[a-z]*' "
            "ORDER BY df, term LIMIT 300"
        )
    ]
    rare = rng.sample(rare, min(30, len(rare)))
    for limit in (SCREEN, APP_LIMIT):
        print(
            f"rare word, Enter (first {limit} ranked hits with snippets + the count, 30): "
            f"{figures([timed(index, w, limit) for w in rare])}"
        )

    tag_queries = [
        "tag:watch",
        "tag:work is:unread",
        "tag:work climate",
        "tag:watch minister election",
        "-tag:work lummibri",
        "tag:work sort:date",
        '"the minister" tag:work',
        "tag:watch after:2024-01-01",
    ]
    print(f"tag: queries (8): {figures([timed(index, q) for q in tag_queries])}")
    views = [*tag_queries, "source:herald", "is:bookmarked", "climate", "lummibri"]
    index._counts.clear()
    fresh = [measure(partial(index.count_matches, view, unread_only=True)) for view in views]
    cached = [measure(partial(index.count_matches, view, unread_only=True)) for view in views]
    print(f"saved views' unread counts (12 views), counted: {figures(fresh)}")
    print(f"  the same, the index unchanged since (a sidebar refresh): {figures(cached)}")

    (fifth,) = conn.execute(
        "SELECT term FROM terms WHERE term GLOB '[a-z]*' ORDER BY abs(df * 5 - ?) LIMIT 1",
        (index.count(),),
    ).fetchone()
    for word in (fifth, "council"):
        broad = index.search(word, SCREEN)
        order = "ranked" if isinstance(broad.answer, RankedAnswer) else "newest-first"
        pages = [
            measure(partial(index.page, broad, start, SCREEN))
            for start in range(SCREEN, 6 * SCREEN, SCREEN)
        ]
        print(
            f"next 5 pages of {SCREEN} of a {broad.total}-match {order} answer ({word}): "
            f"{figures(pages)}"
        )

    typed = [*rng.sample(pairs, 8), "minister election", "the climate"]
    for limit in (20, APP_LIMIT):
        slowest = []
        for query in typed:
            steps = [timed(index, query[:i], limit, typing=True) for i in range(1, len(query) + 1)]
            slowest.append(max(steps))
        print(
            f"slowest keystroke typing a query letter by letter (10 queries, {limit} rows): {figures(slowest)}"
        )

    runs = []
    for query in pairs[:6]:
        began, cpu = time.perf_counter(), cpu_seconds()
        command = [sys.executable, "-m", "reader", "--library", str(root), "search", *query.split()]
        subprocess.run(command, capture_output=True)
        runs.append((time.perf_counter() - began, cpu_seconds() - cpu))
    print(f"`reader search` whole process (6): {figures(runs)}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
