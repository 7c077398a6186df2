"""Links by keyboard: f lists them numbered; a number or letters pick one; Enter opens it
after its address is shown (in reader, for an article of the library); y copies it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import OptionList, Static
from ui_support import AppFactory, settle

from reader.store import Library, NewArticle
from reader.ui import browser
from reader.ui.screens.links import LinksScreen

SIZE = (120, 35)
BODY = (
    "The [timetable](https://ferries.example.com/times) changed. Ask the "
    "[harbour office](mailto:office@harbour.example.org) or read about the "
    "[bird count](https://www.news.example.com/5/?utm_source=feed), our own story, "
    "and [an odd one](ssh://example.org/x). See the [timetable](https://ferries.example.com/times) "
    "again."
)


@pytest.fixture
def linked(library: Library) -> Library:
    """The fixture library with one more article, linking to one of the others."""
    library.add(
        [
            NewArticle(
                title="Links everywhere",
                body=BODY,
                raw=BODY,
                raw_format="markdown",
                url="https://news.example.com/links",
                date="2026-12-01",
                words=len(BODY.split()),
            )
        ]
    )
    return library


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses handed to the browser."""
    handed: list[str] = []

    def record(url: str) -> bool:
        handed.append(url)
        return True

    monkeypatch.setattr(browser, "open_in_browser", record)
    return handed


async def test_f_lists_each_link_once_numbered(make_app: AppFactory, linked: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f")
        await settle(pilot)
        links = pilot.app.screen
        assert isinstance(links, LinksScreen)
        assert [(link.number, link.text) for link in links.links] == [
            (1, "timetable"),
            (2, "harbour office"),
            (3, "bird count"),
            (4, "an odd one"),
        ]
        await pilot.pause(0.2)
        await settle(pilot)
        assert set(links.stored) == {3}  # the bird count is in the library


async def test_a_number_shows_the_address_and_enter_opens_it(
    make_app: AppFactory, linked: Library, opened: list[str]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f", "1")
        await settle(pilot)
        links = pilot.app.screen
        assert isinstance(links, LinksScreen)
        assert links.chosen is not None and links.chosen.number == 1
        shown = str(links.query_one("#chosen").render())
        assert "https://ferries.example.com/times" in shown
        assert "Enter opens it in your browser" in shown
        assert opened == []  # shown first, not opened
        await pilot.press("enter")
        await settle(pilot)
    assert opened == ["https://ferries.example.com/times"]


async def test_letters_pick_a_link_and_y_copies_it(
    make_app: AppFactory, linked: Library, opened: list[str]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f", *"harb")
        await settle(pilot)
        links = pilot.app.screen
        assert isinstance(links, LinksScreen)
        assert links.chosen is not None and links.chosen.text == "harbour office"
        await pilot.press("y")
        await settle(pilot)
        assert pilot.app.clipboard == "mailto:office@harbour.example.org"
    assert opened == []


async def test_a_link_that_may_not_open_says_why(
    make_app: AppFactory, linked: Library, opened: list[str]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f", "4")
        await settle(pilot)
        links = pilot.app.screen
        assert isinstance(links, LinksScreen)
        assert "only http, https and mailto links open" in str(links.query_one("#chosen").render())
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any("only http, https and mailto links open" in text for text in said)
    assert opened == []


async def test_a_link_to_an_article_of_the_library_opens_it_here(
    make_app: AppFactory, linked: Library, opened: list[str]
) -> None:
    bird = next(a for a in linked.articles() if a.title == "Bird count sets a record")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "f")
        await pilot.pause(0.2)
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        links = pilot.app.screen
        assert isinstance(links, LinksScreen)
        assert "Enter reads it here, in reader: Bird count" in str(
            links.query_one("#chosen").render()
        )
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.pane.article_id == bird.id
        assert screen.article_list.current is not None
        assert screen.article_list.current.id == bird.id
        assert screen.focused is screen.pane
    assert opened == []


async def test_escape_steps_back_and_an_article_without_links_says_so(
    make_app: AppFactory, linked: Library, tmp_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f", "2", "escape")
        links = pilot.app.screen
        assert isinstance(links, LinksScreen) and links.chosen is None
        assert links.typed == "2"
        await pilot.press("escape")
        assert links.typed == "" and pilot.app.screen is links
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, LinksScreen)
        await pilot.press("escape", "G", "enter", "f")  # the last article has no links
        await settle(pilot)
        assert not isinstance(pilot.app.screen, LinksScreen)
        said = [n.message for n in pilot.app._notifications]
        assert "This article has no links." in said


async def test_many_links_at_80x24_leave_the_hint_and_long_addresses_wrap_under_themselves(
    make_app: AppFactory, library: Library
) -> None:
    """Fifteen links at 80×24: the list scrolls inside the dialog and the line saying how
    to pick one stays on screen; an address too long for a line continues under itself,
    not under the link's number."""
    long_url = "https://archive.example.org/" + "very-long-path-segment/" * 6 + "end.html"
    body = " ".join(f"Read [part {n}](https://example.org/part/{n})." for n in range(1, 15))
    body += f" And [the archive]({long_url})."
    library.add(
        [
            NewArticle(
                title="A link-heavy page",
                body=body,
                raw=body,
                raw_format="markdown",
                url="https://news.example.com/many",
                date="2026-12-01",
                words=len(body.split()),
            )
        ]
    )
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f")
        await settle(pilot)
        links = pilot.app.screen
        assert isinstance(links, LinksScreen)
        dialog, hint = links.query_one("#dialog"), links.query_one("#typed", Static)
        assert "Type a number or a few letters" in str(hint.render())
        assert hint.region.height >= 1 and dialog.region.contains_region(hint.region)
        await pilot.press("end")  # the last link, the long address, in view
        await settle(pilot)
        options = links.query_one("#links", OptionList)
        lines = [line.text for line in options.render_lines(Region(0, 0, *options.size))]
        starts = [line.index("https://archive") for line in lines if "https://archive" in line]
        assert len(starts) == 1
        [rest] = [line for line in lines if "end.html" in line]
        assert rest[: starts[0]].strip() == "" and rest[starts[0]] != " "
