"""SVG snapshots of what a user sees (update with ``pytest --snapshot-update``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from ui_support import AppFactory, settle

from reader.config import Config
from reader.store import Library, NewArticle
from reader.store.subscriptions import Subscription, Subscriptions, feed_id_for
from reader.ui.catalog import BOOKMARKED
from reader.ui.screens.main import COUNT_AFTER_SECONDS

SIZE = (120, 35)
Snap = Callable[..., bool]


def steps(
    *keys: str, then: Callable[[Any], None] | None = None
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A ``run_before`` that settles, presses ``keys``, optionally acts on the screen, settles."""

    async def run(pilot: Pilot[None]) -> None:
        screen = await settle(pilot)
        if keys:
            await pilot.press(*keys)
        if then is not None:
            then(screen)
        await settle(pilot)
        await pilot.pause()

    return run


def test_list(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps())


def test_open_article(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("j", "j", "enter"))


def test_help(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("question_mark"))


def test_bookmarked_view(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=SIZE,
        run_before=steps(
            "b", "j", "j", "j", "b", then=lambda screen: screen.switch_view(BOOKMARKED)
        ),
    )


def test_removed_text_view(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(), terminal_size=SIZE, run_before=steps("j", "j", "j", "enter", "x")
    )


def test_empty_library(snap_compare: Snap, make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(lib=Library.open(tmp_path / "empty"))
    assert snap_compare(app, terminal_size=SIZE, run_before=steps())


def test_narrow_terminal_stacks_panes(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 30), run_before=steps("j"))


def test_search_results(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(), terminal_size=SIZE, run_before=steps("slash", *"council", "enter", "enter")
    )


def test_highlights_in_the_pane(snap_compare: Snap, make_app: AppFactory, library: Library) -> None:
    """Two highlights, one spanning two paragraphs; the second is current (after ')."""
    first = library.articles()[0]
    for number, quote, note in (
        (1, "The harbour reopened on Monday.\nFerries run again", "Check the timetable"),
        (2, "Cafés open", None),
    ):
        library.add_highlight(
            first.id,
            {
                "id": f"mark{number}",
                "quote": quote,
                "prefix": "",
                "suffix": "",
                "note": note,
                "created": f"2026-11-30T1{number}:00:00+00:00",
            },
        )
    assert snap_compare(
        make_app(),
        terminal_size=SIZE,
        run_before=steps(
            "enter",
            "apostrophe",
            "apostrophe",
            then=lambda screen: screen.app.clear_notifications(),
        ),
    )


def test_links_list(snap_compare: Snap, make_app: AppFactory, library: Library) -> None:
    body = (
        "Read the [timetable](https://ferries.example.com/times), write to the "
        "[harbour office](mailto:office@harbour.example.org), see our own "
        "[bird count](https://news.example.com/5) and [an odd one](ssh://example.org/x)."
    )
    library.add(
        [
            NewArticle(
                title="Links everywhere",
                body=body,
                raw=body,
                raw_format="markdown",
                url="https://news.example.com/links",
                date="2026-12-01",
                words=20,
            )
        ]
    )
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steps("enter", "f"))


def test_grouped_sidebar(snap_compare: Snap, make_app: AppFactory, library: Library) -> None:
    """Every group of the sidebar: a saved search, tags, a failing feed, sources, a
    deleted article; the Sources group folded."""
    ids = [article.id for article in library.articles()]
    library.tag(ids[:3], add=["news"])
    library.tag([ids[2]], add=["long read"])
    library.save_view("Harbour and solar", "harbour OR solar")
    library.delete([ids[5]])
    url = "https://broken.example.com/feed"
    Subscriptions(library).save(
        [Subscription(feed_id_for(url), url, title="Broken feed", error="HTTP 500", failures=3)]
    )
    marked = steps("b", "m")

    async def run_before(pilot: Pilot[None]) -> None:
        await marked(pilot)
        await pilot.pause(COUNT_AFTER_SECONDS + 0.2)  # the saved search counted again
        await settle(pilot)

    assert snap_compare(
        make_app(Config(folded=("Sources",))), terminal_size=SIZE, run_before=run_before
    )
