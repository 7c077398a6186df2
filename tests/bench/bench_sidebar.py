"""The sidebar at scale: 1,000 sources and 200 tags; the picker; delete and tag in the app.

    python tests/bench/bench_sidebar.py [RUNS]

A library of its own: 5,000 articles, five from each of 1,000 sources, each with one of
200 tags, and 20 saved searches. In-process (``App.run_test``), after the whole library is
loaded, it times (medians of RUNS, default 20):

- the sidebar drawn again: every view and its count made from the catalog, laid out in
  groups, and the lines on screen rendered (target: at most 50 ms); by the clock and in
  CPU time, which other work on the machine does not change;
- one keystroke in the `:` picker over the 1,226 views: the matches found and drawn, up
  to the next painted frame (target: at most 16 ms);
- `d` on the cursor's article until its row has left the list (the durable write
  included), then `u`; and tags written until the catalog shows them (target: at most
  10 ms each); the actions are called as the keys call them, without the test
  driver's own pauses.

"To the next frame" goes through the test driver's pause, which costs time of its own
even when nothing changed (printed first, for comparison).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.config import Config  # noqa: E402
from reader.ingest.formats.items import ImportedArticle  # noqa: E402
from reader.search import SearchIndex  # noqa: E402
from reader.store import Library  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.curating import write_tags  # noqa: E402
from reader.ui.screens.main import MainScreen  # noqa: E402
from reader.ui.screens.picker import ViewPicker  # noqa: E402

SOURCES, TAGS, PER_SOURCE, SAVED = 1000, 200, 5, 20
TYPED = ["c", "co", "cou", "cour", "couri", "s", "so", "sou", "tag 1", "tag 19", "x", "wire"]


def build(root: Path) -> Library:
    """The library: 5,000 articles over 1,000 sources and 200 tags, 20 saved searches."""
    library = Library.open(root)
    names = ["Courier", "Wire", "Review", "Gazette", "Post", "Times", "Herald", "Journal"]
    library.add(
        ImportedArticle(
            title=f"Article {n} of source {n % SOURCES}",
            body=f"Body of article {n}, about harbours and ferries number {n % 37}.",
            raw="",
            raw_format="markdown",
            source=f"{names[n % SOURCES % len(names)]} {n % SOURCES}",
            url=f"https://news{n % SOURCES}.example.com/{n}",
            date=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
            words=12,
            tags=(f"tag {n % TAGS}",),
        )
        for n in range(SOURCES * PER_SOURCE)
    )
    for n in range(SAVED):
        library.save_view(f"Saved {n}", f"ferries {n}")
    SearchIndex.open(library).close()
    return library


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


async def wait_until(done: Callable[[], bool]) -> None:
    """Let the app run (the writer thread, the messages) until ``done``; half-millisecond
    steps, so the wait adds little to what is measured."""
    for _ in range(20000):
        if done():
            return
        await asyncio.sleep(0.0005)
    raise TimeoutError("the change never showed")


Times = tuple[float, float, float, float, float, float]


async def curate_once(screen: MainScreen, run: int) -> Times:
    """Delete the cursor's article, undo it, then tag it: how long each took to show, by
    the clock, then in CPU time (of the whole process: both the screen and the writer)."""
    cursor = screen.article_list
    assert cursor.current is not None and screen.catalog is not None
    first = cursor.current.id
    started, cpu = time.perf_counter(), time.process_time()
    screen.action_delete_article()
    await wait_until(lambda: cursor.current is not None and cursor.current.id != first)
    deleted, deleted_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    screen.action_undo()
    await wait_until(lambda: cursor.current is not None and cursor.current.id == first)
    restored, restored_cpu = time.perf_counter() - started, time.process_time() - cpu
    article = screen.catalog.by_id[first]
    wanted = {f"bench {run}", "tag 1"}
    started, cpu = time.perf_counter(), time.process_time()
    write_tags(screen, screen.writer, first, ", ".join(sorted(wanted)), screen.catalog.all_tags())
    await wait_until(lambda: set(article.tags) == wanted)
    tagged, tagged_cpu = time.perf_counter() - started, time.process_time() - cpu
    return deleted, restored, tagged, deleted_cpu, restored_cpu, tagged_cpu


async def measure(library: Library, runs: int) -> None:
    app = ReaderApp(library, config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            screen = app.screen
            if isinstance(screen, MainScreen) and screen.catalog and not screen.catalog.partial:
                break
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.catalog is not None
        catalog, sidebar = screen.catalog, screen.view_list
        views = catalog.views()
        print(f"{len(catalog):,} articles, {len(views):,} views in the sidebar")
        idle = []
        for _ in range(runs):
            started = time.perf_counter()
            await pilot.pause()
            idle.append(time.perf_counter() - started)
        print(f"an idle pause of the test driver, for comparison: median {median_ms(idle)}")

        clock, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            sidebar.show_views(catalog.views(), screen.view)
            for y in range(sidebar.size.height):
                sidebar.render_line(y)
            cpu.append(time.process_time() - started_cpu)
            await pilot.pause()
            clock.append(time.perf_counter() - started)
        print(
            f"sidebar drawn: median {median_ms(clock)} to the next frame, "
            f"{median_ms(cpu)} of CPU (target <= 50 ms)"
        )

        picker = ViewPicker(views)
        await app.push_screen(picker)
        await pilot.pause()
        clock, cpu = [], []
        for _ in range(max(1, runs // len(TYPED))):
            for typed in TYPED:
                started, started_cpu = time.perf_counter(), time.process_time()
                picker.show_matches(typed)
                cpu.append(time.process_time() - started_cpu)
                await pilot.pause()
                clock.append(time.perf_counter() - started)
        worst = max(clock) * 1000
        print(
            f"picker keystroke: median {median_ms(clock)} to the next frame "
            f"(max {worst:.1f}), {median_ms(cpu)} of CPU (target <= 16 ms)"
        )
        picker.dismiss(None)
        await pilot.pause()
        screen.article_list.focus()
        await pilot.pause()

        rounds = [await curate_once(screen, run) for run in range(runs)]
        deleting, restoring, tagging, *cpu_times = (
            list(column) for column in zip(*rounds, strict=True)
        )
        print(
            f"d until the row is gone: median {median_ms(deleting)}; u until it is back: "
            f"{median_ms(restoring)}; tags until shown: {median_ms(tagging)}; in CPU time "
            + " / ".join(median_ms(column) for column in cpu_times)
            + " (target <= 10 ms; each a durable write)"
        )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        library = build(Path(folder) / "library")
        print(f"library built in {time.perf_counter() - started:.1f} s")
        asyncio.run(measure(library, runs))


if __name__ == "__main__":
    main()
