"""Make the README's screenshots: the real app, headless, on the sample library.

    python tests/bench/export_screenshots.py [OUT_DIR]      # default: screenshots/

The samples in ``articles/`` are imported into a temporary library; the app runs with a
fixed clock and the default theme, and each view is saved as an SVG.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from reader.samples import seed  # noqa: E402
from reader.store import Library  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.catalog import BOOKMARKED  # noqa: E402
from reader.ui.screens.main import MainScreen  # noqa: E402

SIZE = (120, 36)
NOW = datetime(2026, 12, 1, 9, 30)
Step = Callable[[Pilot[None], MainScreen], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> MainScreen:
    """Wait until rows are loaded, articles rendered and writes done."""
    app = pilot.app
    while True:
        await pilot.pause(0.05)
        screen = app.screen_stack[1] if len(app.screen_stack) > 1 else None
        if isinstance(screen, MainScreen) and screen.catalog is not None:
            break
    await app.workers.wait_for_complete()
    screen.writer.flush()
    await pilot.pause(0.1)
    return screen


async def press(pilot: Pilot[None], screen: MainScreen, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def shoot(library: Library, config_dir: Path, out: Path, name: str, step: Step) -> None:
    """Run the app, do ``step``, save ``out/name.svg``."""
    app = ReaderApp(
        library, config_path=config_dir / "config.toml", history_path=None, clock=lambda: NOW
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await step(pilot, screen)
        await settle(pilot)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    print(out / f"{name}.svg")


async def list_view(pilot: Pilot[None], screen: MainScreen) -> None:
    await press(pilot, screen, "j", "j", "j")


async def open_article(pilot: Pilot[None], screen: MainScreen) -> None:
    await press(pilot, screen, "j", "j", "j", "enter")


async def help_screen(pilot: Pilot[None], screen: MainScreen) -> None:
    await press(pilot, screen, "question_mark")


async def bookmarked(pilot: Pilot[None], screen: MainScreen) -> None:
    await press(pilot, screen, "b", "j", "j", "j", "b")
    screen.switch_view(BOOKMARKED)


async def removed_text(pilot: Pilot[None], screen: MainScreen) -> None:
    await press(pilot, screen, "enter", "x")


async def search(pilot: Pilot[None], screen: MainScreen) -> None:
    await press(pilot, screen, "slash", *"night train")


async def highlights(pilot: Pilot[None], screen: MainScreen) -> None:
    """Two highlights, the second with a note and current, with only the article shown."""
    await press(pilot, screen, "j", "j", "j", "enter", "z", "v", "enter")
    await press(pilot, screen, "v", "l", "l", "l", "l", "l", "j", "enter", "a")
    pilot.app.screen.query_one(Input).value = "Die Eismaschine gleich vormerken!"
    await press(pilot, screen, "enter")
    pilot.app.clear_notifications()


async def links(pilot: Pilot[None], screen: MainScreen) -> None:
    article = next(i for i, a in enumerate(screen.article_list.rows) if "Night" in a.title)
    screen.article_list.move_to(article)
    await press(pilot, screen, "enter", "f")


def main() -> int:
    """Import the samples, take each picture."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, Step]] = [
        ("list", list_view),
        ("article", open_article),
        ("help", help_screen),
        ("bookmarked", bookmarked),
        ("removed", removed_text),
        ("search", search),
        ("highlights", highlights),
        ("links", links),
    ]
    for name, step in shots:
        with tempfile.TemporaryDirectory() as folder:
            library = Library.open(Path(folder) / "library")
            seed(library)
            asyncio.run(shoot(library, Path(folder), out, name, step))
    return 0


if __name__ == "__main__":
    sys.exit(main())
