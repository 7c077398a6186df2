"""Comfort and progress: a readable measure, z for the article alone, how far each article
is read (in the list and the Reading view), and room for the article at 80x24."""

from __future__ import annotations

from textual.widgets import Header
from ui_support import AppFactory, settle

from reader.config import Config
from reader.store import Library
from reader.ui.catalog import READING
from reader.ui.widgets.footer import ReaderFooter

SIZE = (120, 35)


async def test_z_shows_only_the_article_and_brings_everything_back(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "z")
        screen = await settle(pilot)
        assert screen.pane.region.width == SIZE[0]
        assert screen.pane.region.height == SIZE[1]
        for hidden in (screen.article_list, screen.view_list, screen.query_one(Header)):
            assert not hidden.display or hidden.region.width == 0
        await pilot.press("z")
        screen = await settle(pilot)
        assert screen.article_list.region.width > 0
        assert screen.view_list.region.width > 0
        assert screen.pane.region.width < SIZE[0]
        assert screen.focused is screen.pane


async def test_a_wide_pane_keeps_the_text_to_its_measure(make_app: AppFactory) -> None:
    async with make_app(Config(text_width=60)).run_test(size=(200, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "z")
        screen = await settle(pilot)
        pane = screen.pane
        assert pane.document is not None
        assert pane.document.column == 64  # 60 columns and the margins
        body = pane.document.block_starts[0]
        line = pane.render_line(body - int(pane.scroll_y)).text
        width = pane.scrollable_content_region.width
        assert len(line) == width
        margin = (width - 64) // 2  # the column, centred
        assert line[: margin + 2] == " " * (margin + 2)
        assert line[margin + 2 :].startswith("The harbour reopened")
    async with make_app(Config(text_width=0)).run_test(size=(200, 40)) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "z")
        screen = await settle(pilot)
        assert screen.pane.document is not None
        assert screen.pane.document.column == screen.pane.scrollable_content_region.width


async def test_how_far_an_article_is_read_shows_in_the_list_and_reading_view(
    make_app: AppFactory, library: Library
) -> None:
    long_read = next(a for a in library.articles() if a.title.startswith("Long read"))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.article_list.move_to(2)
        await pilot.press("enter", "space", "space", "escape")
        screen = await settle(pilot)
        position = library.get(long_read.id).position
        assert position is not None
        percent = position["percent"]
        assert 0 < percent < 100
        row = screen.article_list.render_line(2).text
        assert row.rstrip().endswith(f"{percent}%")
        assert screen.catalog is not None
        assert next(v for v in screen.catalog.views() if v.key == READING).count == 1
        screen.switch_view(READING)
        screen = await settle(pilot)
        assert [a.id for a in screen.article_list.rows] == [long_read.id]
        await pilot.press("enter", "G", "escape")  # read to the end: finished
        screen = await settle(pilot)
        assert library.get(long_read.id).position["percent"] == 100  # type: ignore[index]
        assert screen.catalog is not None
        assert next(v for v in screen.catalog.views() if v.key == READING).count == 0
        assert "7 min" in screen.article_list.render_line(0).text


async def test_at_80x24_the_article_has_most_of_the_screen_and_q_stays(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.pane.region.height > 24 // 2
        footer = screen.query_one(ReaderFooter)
        keys = [key for key in footer.children if getattr(key, "action", None) == "quit"]
        assert keys and keys[0].region.right <= 80 and keys[0].region.width > 0


async def test_a_place_changes_only_when_the_reader_moves_in_the_article(
    make_app: AppFactory, library: Library
) -> None:
    """Read to the end, the article is finished; deleting and bringing it back shows it
    again at its place, and passing it under the cursor is no reading: neither may turn
    it into a 94% article in Reading."""
    long_read = next(a for a in library.articles() if a.title.startswith("Long read"))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.article_list.move_to(2)
        await pilot.press("enter", "G", "escape")
        screen = await settle(pilot)
        finished = library.get(long_read.id).position
        assert finished is not None and finished["percent"] == 100
        await pilot.press("d")
        screen = await settle(pilot)
        await pilot.press("u")
        screen = await settle(pilot)
        await pilot.press("k", "j", "j", "k")  # over it and back, without opening it
        screen = await settle(pilot)
        await pilot.press("k")
        screen = await settle(pilot)
        assert library.get(long_read.id).position == finished
        assert screen.catalog is not None
        assert next(v for v in screen.catalog.views() if v.key == READING).count == 0
        # moving in it is reading: the new place is kept
        rows = screen.article_list.rows
        screen.article_list.move_to(next(i for i, a in enumerate(rows) if a.id == long_read.id))
        await pilot.press("enter", "g", "space", "escape")
        await settle(pilot)
        moved = library.get(long_read.id).position
        assert moved is not None and 0 < moved["percent"] < 100


async def test_at_100_columns_the_list_stands_over_the_article_with_whole_titles(
    make_app: AppFactory, library: Library
) -> None:
    """Three columns at 100 left list titles of about 20 characters (six feed items all
    read "Harbour story number…") and an article 30 columns wide."""
    longest = max((a.title for a in library.articles()), key=len)
    async with make_app().run_test(size=(100, 32)) as pilot:
        screen = await settle(pilot)
        assert not screen.view_list.display or screen.view_list.region.width == 0
        assert screen.article_list.region.width == 100
        drawn = [screen.article_list.render_line(y).text for y in range(len(library.articles()))]
        assert any(longest[:50] in line for line in drawn), "titles are not cut to 20"
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.pane.region.width == 100
    async with make_app().run_test(size=(120, 35)) as pilot:
        screen = await settle(pilot)
        assert screen.view_list.region.width > 0, "wide enough for the sidebar"
