"""What highlights cost the first paint of an article: 2,000 words with 50 highlights.

    python tests/bench/bench_highlights.py [RUNS]

Two copies of the same 2,000-word article (bench_app's), one with 50 highlights spread
through it, in a small library of their own. In-process (``App.run_test``), the cursor
lands on each in turn and the time to its first painted frame is taken, as bench_app
does (read the body, render, find the highlights, map them onto the lines, paint); the
runs alternate, so a busy machine slows both alike. The figure is the difference of the
medians (target: at most 20 ms). The highlight work alone (finding 50 highlights in the
text and mapping them onto the laid-out lines) is timed apart, in CPU time, which other
work on the machine does not change.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_app import long_article  # noqa: E402

from reader.passages.anchor import context  # noqa: E402
from reader.passages.blocks import article_text, readable_blocks  # noqa: E402
from reader.store import Library, NewArticle  # noqa: E402

HIGHLIGHTS = 50


def highlights_for(text: str) -> list[dict[str, str | None]]:
    """50 highlights of eight words each, spread evenly through ``text``."""
    words = text.split(" ")
    marks: list[dict[str, str | None]] = []
    step = len(words) // HIGHLIGHTS
    for number in range(HIGHLIGHTS):
        first = number * step + 3
        quote = " ".join(words[first : first + 8]).strip()
        start = text.index(quote, len(" ".join(words[:first])))
        before, after = context(text, start, start + len(quote))
        marks.append(
            {
                "id": f"bench{number:02d}",
                "quote": quote,
                "prefix": before,
                "suffix": after,
                "note": "A note." if number % 3 == 0 else None,
                "created": f"2026-01-01T00:{number:02d}:00+00:00",
            }
        )
    return marks


def two_copies(root: Path) -> tuple[Library, str, str]:
    """A library with the article twice: without highlights, and with 50."""
    library = Library.open(root)
    plain_id = long_article(library)
    # Two words more, or the store would take it for the same article.
    body = library.content(plain_id).body + "\n\nSecond copy."
    [marked] = library.add(
        [
            NewArticle(
                title="The same article, highlighted",
                body=body,
                raw=body,
                raw_format="text",
                source="Bench",
                date="2098-12-31",
                url="https://bench.example.com/highlighted",
                words=len(body.split()),
            )
        ]
    )
    text = article_text(readable_blocks(body))
    for mark in highlights_for(text):
        library.add_highlight(marked.id, mark)
    return library, plain_id, marked.id


Timings = dict[str, list[tuple[float, float]]]


async def paints(library: Library, ids: tuple[str, str], runs: int) -> Timings:
    """Seconds from the cursor landing on each article to its first painted frame, by the
    clock and in the process's CPU time."""
    from reader.ui.app import ReaderApp
    from reader.ui.screens.main import MainScreen

    times: Timings = {key: [] for article_id in ids for key in (article_id, f"pane:{article_id}")}
    shown = asyncio.Event()
    wanted: list[str] = []

    def article_shown(_app: object, shown_id: str) -> None:
        if wanted and shown_id == wanted[0]:
            shown.set()

    app = ReaderApp(library, on_article_shown=article_shown, open_index=None)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        while screen.catalog is None or screen.catalog.partial:
            await pilot.pause(0.05)
        rows = screen.article_list.rows
        where = {a.id: i for i, a in enumerate(rows)}
        for run in range(runs):
            for article_id in ids if run % 2 == 0 else ids[::-1]:
                other = where[ids[1]] if article_id == ids[0] else where[ids[0]]
                screen.article_list.move_to(other)
                await pilot.pause(0.3)
                shown.clear()
                wanted[:] = [article_id]
                began, cpu = time.perf_counter(), time.process_time()
                screen.article_list.move_to(where[article_id])
                await asyncio.wait_for(shown.wait(), timeout=30)
                took = (time.perf_counter() - began, time.process_time() - cpu)
                times[article_id].append(took)
                assert screen.pane.article_id == article_id
        pane = screen.pane
        assert screen.catalog is not None
        articles = [screen.catalog.by_id[article_id] for article_id in ids]
        contents = [library.content(article_id) for article_id in ids]
        height = pane.scrollable_content_region.height
        for _ in range(runs * 3):  # the pane's own work: show, draw the first screen
            for article, content in zip(articles, contents, strict=True):
                cpu = time.process_time()
                pane.show(article, content, 230)
                for y in range(height):
                    pane.render_line(y)
                times[f"pane:{article.id}"].append((0.0, time.process_time() - cpu))
        assert len(pane.highlights) == HIGHLIGHTS
        assert all(placed.span is not None for placed in pane.highlights)
    return times


def highlight_work(library: Library, article_id: str, runs: int) -> list[float]:
    """CPU seconds to find the highlights and map all of them onto laid-out lines (the app
    maps only the blocks it draws)."""
    from rich.console import Console
    from rich.markdown import Markdown
    from textual.strip import Strip

    from reader.ui.passage_layer import PassageLayer

    content = library.content(article_id)
    marks = library.highlights(article_id)
    console = Console(width=60)
    lines: list[Strip] = []
    starts: list[int] = []
    for block in readable_blocks(content.body, content.links):
        starts.append(len(lines))
        lines += [Strip(line) for line in console.render_lines(Markdown(block.markdown))]
        lines.append(Strip.blank(60))
    times = []
    for _ in range(runs):
        layer = PassageLayer(readable_blocks(content.body, content.links))
        began = time.process_time()
        layer.place(marks)
        layer.laid_out(lines, starts, len(lines))
        drawn = sum(len(layer.marked_on(line)) for line in range(len(lines)))
        times.append(time.process_time() - began)
        assert drawn >= HIGHLIGHTS
    return times


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(f"command: python tests/bench/bench_highlights.py {runs}")
    with tempfile.TemporaryDirectory() as folder:
        library, plain_id, marked_id = two_copies(Path(folder) / "lib")
        found = asyncio.run(paints(library, (plain_id, marked_id), runs))
        work = highlight_work(library, marked_id, 50)
    for what, which in (("by the clock", 0), ("in CPU time", 1)):
        plain = statistics.median(took[which] for took in found[plain_id])
        marked = statistics.median(took[which] for took in found[marked_id])
        print(
            f"first paint of 2,000 words, {what}: median {plain * 1000:.0f} ms without "
            f"highlights, {marked * 1000:.0f} ms with {HIGHLIGHTS} ({runs} runs each, "
            f"alternating): the highlights cost {(marked - plain) * 1000:+.1f} ms "
            "(target <= 20 ms)"
        )
    plain = statistics.median(took[1] for took in found[f"pane:{plain_id}"])
    marked = statistics.median(took[1] for took in found[f"pane:{marked_id}"])
    print(
        f"the pane alone (show, draw the first screen), in CPU time: median "
        f"{plain * 1000:.1f} ms without highlights, {marked * 1000:.1f} ms with "
        f"{HIGHLIGHTS} ({runs * 3} runs each): {(marked - plain) * 1000:+.1f} ms"
    )
    print(
        f"finding and mapping all {HIGHLIGHTS} highlights alone: median "
        f"{statistics.median(work) * 1000:.1f} ms of CPU (min {min(work) * 1000:.1f}, "
        f"max {max(work) * 1000:.1f}, 50 runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
