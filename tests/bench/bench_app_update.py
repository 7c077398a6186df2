"""R in the app: how long an update of many feeds takes, and whether the list stays quick.

    python tests/bench/bench_app_update.py [--articles 1000] [--feeds 200] [--entries 20]

Builds a library of ``--articles`` synthetic articles (reused from a temp folder), serves
``--feeds`` feeds of ``--entries`` full-content entries from 4 loopback sites, and drives
the app in-process (``App.run_test``): it presses R, then moves the cursor up and down
until the summary notification comes. It prints:

1. the time from R to the summary, and the articles added (all of them are new), beside
   the same update run on its own (``update_feeds``, what ``reader update`` calls);
2. the time each cursor key's action takes, and how long the UI thread was busy with
   other work between keys (the lateness of a 50 ms pause), median, p95 and worst,
   during the update and, for comparison, before it;
3. whether the cursor's article stayed the same through the whole update.

Targets: the update in the app about as fast as ``reader update`` on the same feeds (the
same run in a thread); keys during the update as quick as before it (well under 100 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for extra in (ROOT, HERE, HERE.parent / "feeds"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from bench_update import Corpus  # noqa: E402
from feed_server import TestServer  # noqa: E402
from synth import build_library  # noqa: E402

from reader.config import Config  # noqa: E402
from reader.feeds.update import update_feeds  # noqa: E402
from reader.store import Library  # noqa: E402
from reader.store.subscriptions import Subscription, Subscriptions, feed_id_for  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.screens.main import MainScreen  # noqa: E402


def follow(library_dir: Path, urls: list[str]) -> None:
    """Subscribe to ``urls`` without asking the network."""
    library = Library.open(library_dir)
    taken: set[str] = set()
    feeds = []
    for n, url in enumerate(urls):
        feed = Subscription(feed_id_for(url, taken), url, added=f"2026-01-01T00:{n % 60:02d}")
        taken.add(feed.id)
        feeds.append(feed)
    Subscriptions(library).save(feeds)


async def keys_timed(
    app: ReaderApp, count: int, done: Callable[[], bool] = lambda: False
) -> tuple[list[float], list[float]]:
    """For ``count`` cursor keys (j and k in turn, until ``done()``): seconds each took to
    be handled, and how late a 50 ms pause after it ended (the time the UI thread was busy
    with other work)."""
    keys, late = [], []
    for n in range(count):
        if done():
            break
        started = time.perf_counter()
        await app.screen.run_action("cursor_down" if n % 2 == 0 else "cursor_up")
        keys.append(time.perf_counter() - started)
        started = time.perf_counter()
        await asyncio.sleep(0.05)
        late.append(time.perf_counter() - started - 0.05)
    return keys, late


def spread(values: list[float]) -> str:
    """Median, 95th percentile and worst, in ms."""
    ms = sorted(value * 1000 for value in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):.1f} / p95 {p95:.1f} / worst {ms[-1]:.1f} ms"


def summary_said(app: ReaderApp) -> str | None:
    return next((n.message for n in app._notifications if n.message.startswith("Updated")), None)


async def run(library_dir: Path, articles: int) -> None:
    library = Library.open(library_dir)
    app = ReaderApp(library, config=Config(), open_index=None)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            screen = app.screen
            if isinstance(screen, MainScreen) and screen.catalog and not screen.catalog.partial:
                break
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("j", "j", "j")
        before = await keys_timed(app, 40)
        current = screen.article_list.current
        began = time.monotonic()
        await pilot.press("R")
        during: tuple[list[float], list[float]] = ([], [])
        while summary_said(app) is None and time.monotonic() - began < 900:
            keys, late = await keys_timed(app, 20, lambda: summary_said(app) is not None)
            during[0].extend(keys)
            during[1].extend(late)
        took = time.monotonic() - began
        if len(during[0]) % 2:  # the keys alternate j and k: the last j had no k after it
            await app.screen.run_action("cursor_up")
        stayed = screen.article_list.current == current or (
            current is not None
            and screen.article_list.current is not None
            and screen.article_list.current.id == current.id
        )
        print(f"library of {articles:,} articles; {summary_said(app)}")
        print(f"R to the summary: {took:.1f} s")
        for name, (keys, late) in (("before the update", before), ("during it", during)):
            print(f"{name}: cursor key {spread(keys)}; UI thread busy {spread(late)}")
        print(f"cursor stayed on its article: {stayed}")
    print(f"library check: {Library.open(library_dir).check() or 'good'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-app-update-") as folder:
        library_dir = Path(folder) / "library"
        build_library(library_dir, args.articles)
        webs = [TestServer(f"127.0.0.{n + 1}") for n in range(4)]
        try:
            corpus = Corpus(webs, args.feeds, args.entries, teasers=False, seed=7)
            alone_dir = Path(folder) / "alone"
            build_library(alone_dir, args.articles)
            follow(alone_dir, corpus.urls())
            started = time.monotonic()
            report = update_feeds(Library.open(alone_dir))
            print(
                f"the same update without the app: {time.monotonic() - started:.1f} s "
                f"({report.summary()})"
            )
            follow(library_dir, corpus.urls())
            asyncio.run(run(library_dir, args.articles))
        finally:
            for web in webs:
                web.close()


if __name__ == "__main__":
    main()
