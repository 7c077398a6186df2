"""The first screen: drawn from the newest-rows cache, then the whole list; they must agree."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot
from ui_support import AppFactory, settle

from reader.store import Article, Library, NewArticle
from reader.ui.screens.main import MainScreen

SIZE = (120, 35)


def same_day(index: int) -> NewArticle:
    body = f"Item {index} of a feed whose items all carry the same day."
    return NewArticle(
        title=f"Item {index}",
        body=body,
        raw=body,
        raw_format="text",
        date="2026-11-30",
        url=f"https://feed.example.com/{index}",
        words=12,
    )


async def test_the_app_opens_on_the_first_row_of_the_whole_list(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A feed imported in two runs, every item dated the same day: the rows cache (folded
    from the second import) and the full list must put the same article first, and the
    cursor starts there, not on the row the cache happened to put first."""
    library = Library.open(tmp_path / "feed")
    library.add([same_day(i) for i in range(12)])
    library.articles()  # the app's reading writes the newest-rows cache
    library.add([same_day(i) for i in range(12, 24)])  # folded into the cache
    first_page = library.newest()
    assert first_page is not None
    whole = [article.id for article in library.articles()]
    assert [article.id for article in first_page] == whole[: len(first_page)]
    app = make_app(lib=library)
    app.first_page = first_page
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert [article.id for article in screen.article_list.rows] == whole
        assert screen.article_list.cursor == 0
        assert screen.pane.article_id == whole[0]


async def test_a_cursor_not_moved_stays_on_the_first_row_when_the_whole_list_arrives(
    make_app: AppFactory, library: Library
) -> None:
    """Whatever order the first page came in, the user who has not moved yet is on the
    first row of the whole list, and reads its article."""
    whole = library.articles()
    app = make_app()
    app.first_page = list(reversed(whole[:3]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert [article.id for article in screen.article_list.rows] == [a.id for a in whole]
        assert screen.article_list.cursor == 0
        assert screen.pane.article_id == whole[0].id


async def test_a_bookmark_made_while_the_whole_list_loads_stays_on_screen(
    make_app: AppFactory, library: Library
) -> None:
    """b on the first page, while the whole list is still being read: the list read from
    disk before the bookmark was written must not take the ★ off the screen."""
    before = library.articles()  # read before the bookmark, arriving after it
    pending: Future[tuple[list[Article], list[Article]]] = Future()
    app = make_app()
    app.first_page, app.preload = [replace(article) for article in before[:3]], pending
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle_first_page(pilot)
        await pilot.press("b")
        await pilot.pause()
        screen.writer.flush()
        await pilot.pause()
        assert screen.catalog is not None and screen.catalog.partial
        assert "★" in screen.article_list.render_line(0).text
        pending.set_result((before, []))
        screen = await settle(pilot)
        assert screen.catalog is not None and not screen.catalog.partial
        assert "★" in screen.article_list.render_line(0).text
    assert library.get(before[0].id).bookmarked


async def settle_first_page(pilot: Pilot[None]) -> MainScreen:
    """Wait for the first page to be shown (the whole list is held back by the test)."""
    for _ in range(200):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.catalog is not None:
            return screen
        await pilot.pause(0.02)
    raise AssertionError("the first page never came")
