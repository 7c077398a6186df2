"""Shared pieces of the app tests: the fixture articles, the app factory type, ``settle``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.pilot import Pilot

from reader.clean.model import Removed
from reader.store import NewArticle
from reader.textstats import count_words
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

FIXED_NOW = datetime(2026, 12, 1, 9, 30)
HOSTILE_TITLE = "[@click=app.quit]Read[/] me \x1b]0;pwned\x07now"


def _article(
    index: int, title: str, source: str | None, day: str, body: str, **extra: object
) -> NewArticle:
    return NewArticle(
        title=title,
        body=body,
        raw=body,
        raw_format="markdown",
        source=source,
        url=f"https://news.example.com/{index}",
        date=day,
        author=f"Writer {index}",
        language="en",
        words=count_words(body),
        **extra,  # type: ignore[arg-type]
    )


def long_body(paragraphs: int = 40) -> str:
    """Many numbered paragraphs: enough to scroll."""
    return "\n\n".join(
        f"Paragraph {n}. " + " ".join(f"word{n}x{w}" for w in range(40)) for n in range(paragraphs)
    )


def fixture_articles() -> list[NewArticle]:
    """Six articles over three sources, newest first by date."""
    return [
        _article(
            1,
            "Harbour reopens after storm",
            "Coastal Courier",
            "2026-11-30",
            "The harbour **reopened** on Monday.\n\n- Ferries run again\n- Cafés open\n\n"
            "See [the timetable](https://ferries.example.com/times) or [this](javascript:alert(1)).",
        ),
        _article(
            2,
            HOSTILE_TITLE,
            "Meridian Wire",
            "2026-11-28",
            "Body with [markup](not-a-link) and [b]brackets[/b] and \x1b[31mred\x1b[0m escapes.",
        ),
        _article(
            3,
            "Long read: the railway at the end of the line",
            "The Lantern Review",
            "2026-11-20",
            long_body(),
        ),
        _article(
            4,
            "Council approves floating solar",
            "Coastal Courier",
            "2026-11-10",
            "The council voted 7 to 2.\n\nWork starts in spring.",
            removed=[
                Removed("Subscribe to our newsletter!", "boilerplate: call to action"),
                Removed("Share on social media", "boilerplate: sharing links"),
            ],
        ),
        _article(
            5,
            "Bird count sets a record",
            "Meridian Wire",
            "2026-10-02",
            "Volunteers logged 214 species.",
        ),
        _article(
            6, "An article from last year", None, "2025-06-01", "Old news, still worth reading."
        ),
    ]


AppFactory = Callable[..., ReaderApp]


async def settle(pilot: Pilot[None]) -> MainScreen:
    """Wait for loading, rendering and writes; returns the main screen."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        screen = app.screen_stack[1] if len(app.screen_stack) > 1 else None
        if isinstance(screen, MainScreen) and screen.catalog is not None:
            break
        await pilot.pause(0.02)
    await app.workers.wait_for_complete()
    await pilot.pause()
    main = app.screen_stack[1]
    assert isinstance(main, MainScreen)
    main.writer.flush()
    await pilot.pause()
    return main
