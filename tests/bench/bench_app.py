"""How fast the app is at 100k articles: start-up to titles, first paint of an article, memory.

    python tests/bench/bench_app.py [LIBRARY_DIR] [N] [RUNS]

Defaults: /tmp/reader-bench-100k, 100000 articles (built once with synth.py, then reused), 5 runs.

* start-up: the real ``reader`` command in a subprocess, headless, with
  ``READER_EXIT_AFTER_FIRST_ROWS=1``: the app prints the wall-clock time at which its first
  list of titles was painted; the figure is that time minus the moment before the process
  was spawned (interpreter start, imports, loading all rows, first paint).
* first paint of a 2,000-word article: in-process (``App.run_test``), from the cursor
  landing on the article to the pane's first frame with it (read body, render, paint).
* memory: peak RSS of the start-up process, as it reports it.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import build_library  # noqa: E402

from reader.store import Library, NewArticle  # noqa: E402
from reader.textstats import count_words  # noqa: E402


def start_up(library: Path, config_dir: Path) -> tuple[float, float]:
    """Seconds from spawning ``reader`` to its first painted titles, and its peak RSS in MB."""
    env = dict(os.environ)
    env.update(
        READER_EXIT_AFTER_FIRST_ROWS="1",
        READER_CONFIG=str(config_dir / "config.toml"),
        TEXTUAL_ANIMATIONS="none",
    )
    command = [sys.executable, "-m", "reader", "--library", str(library)]
    began = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    for line in (done.stderr + done.stdout).splitlines():
        if "first_rows_at=" in line:
            fields = dict(part.split("=") for part in line.strip().split())
            return float(fields["first_rows_at"]) - began, float(fields["peak_rss_mb"])
    raise RuntimeError(f"no timing printed: {done.stderr[-2000:]}")


def long_article(library: Library) -> str:
    """The ID of a 2,000-word article in ``library`` (added once)."""
    paragraphs = [
        " ".join(f"word{(p * 97 + w) % 1000}" for w in range(100)).capitalize() + "."
        for p in range(20)
    ]
    body = "\n\n".join(paragraphs)
    outcome = library.add(
        [
            NewArticle(
                title="A two-thousand-word article for the benchmark",
                body=body,
                raw=body,
                raw_format="text",
                source="Bench",
                date="2099-01-01",
                url="https://bench.example.com/long",
                words=count_words(body),
            )
        ]
    )
    return outcome[0].id


async def article_paint(library: Library, article_id: str, runs: int) -> list[float]:
    """Seconds from the cursor landing on the long article to its first painted frame."""
    from reader.ui.app import ReaderApp
    from reader.ui.screens.main import MainScreen

    times: list[float] = []
    shown: asyncio.Event = asyncio.Event()

    def article_shown(_app: object, shown_id: str) -> None:
        if shown_id == article_id:  # not the neighbour shown just before
            shown.set()

    app = ReaderApp(library, on_article_shown=article_shown)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        while screen.catalog is None:
            await pilot.pause(0.05)
        rows = screen.article_list.rows
        index = next(i for i, a in enumerate(rows) if a.id == article_id)
        for _ in range(runs):
            screen.article_list.move_to(index + 1)
            await pilot.pause(0.3)
            shown.clear()
            began = time.perf_counter()
            screen.article_list.move_to(index)
            await asyncio.wait_for(shown.wait(), timeout=30)
            times.append(time.perf_counter() - began)
    return times


def main() -> int:
    """Build or reuse the library, measure, print medians with the command."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/reader-bench-100k")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    library = build_library(root, n)
    article_id = long_article(library)
    total = len(library.articles())
    print(f"command: python tests/bench/bench_app.py {root} {n} {runs}")
    print(f"library: {root} ({total:,} articles)")
    with tempfile.TemporaryDirectory() as config_dir:
        results = [start_up(root, Path(config_dir)) for _ in range(runs)]
    starts = [seconds for seconds, _ in results]
    print(
        f"start-up to first titles: median {statistics.median(starts):.3f} s "
        f"(min {min(starts):.3f}, max {max(starts):.3f}; target <= 1.0 s)"
    )
    print(
        f"peak RSS at first titles: median {statistics.median(m for _, m in results):.0f} MB (target <= 400 MB)"
    )
    paints = asyncio.run(article_paint(library, article_id, runs))
    print(
        f"first paint of a 2,000-word article: median {statistics.median(paints) * 1000:.0f} ms "
        f"(min {min(paints) * 1000:.0f}, max {max(paints) * 1000:.0f}; target <= 150 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
