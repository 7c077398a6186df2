"""Each user action, checked on the screen and in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button
from ui_support import HOSTILE_TITLE, AppFactory, settle

from reader.cli.main import main as cli_main
from reader.config import Config, load_config
from reader.store import Library, NewArticle
from reader.ui import browser
from reader.ui.catalog import BOOKMARKED, UNREAD, Catalog
from reader.ui.screens.confirm import Confirm
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.view_list import ViewList

SIZE = (120, 35)


def screen_lines(screen: object) -> list[str]:
    """The list's visible rows as text."""
    article_list = screen.article_list  # type: ignore[attr-defined]
    return [article_list.render_line(y).text for y in range(article_list.size.height)]


def pane_text(screen: object) -> str:
    """Every line of the reading pane's document as text."""
    document = screen.pane.document  # type: ignore[attr-defined]
    return "\n".join(line.text for line in document.lines) if document else ""


async def test_list_shows_newest_first_with_markers(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        lines = screen_lines(screen)
        assert "Harbour reopens after storm" in lines[0]
        assert "●" in lines[0]
        assert [a.title for a in screen.article_list.rows][-1] == "An article from last year"
        assert "Jun 2025" in lines[5]
        assert "30 Nov" in lines[0]


async def test_hostile_title_is_shown_literally(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("j")
        screen = await settle(pilot)
        assert "[@click=app.quit]Read[/]" in screen_lines(screen)[1]
        assert "\x1b" not in pane_text(screen)
        assert "[@click=app.quit]Read[/] me" in pane_text(screen)
        await pilot.click("#articles", offset=(10, 1))
        assert pilot.app.is_running


async def test_enter_opens_and_marks_read(make_app: AppFactory, library: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        first = screen.article_list.rows[0]
        await pilot.press("enter")
        screen = await settle(pilot)
        assert pilot.app.focused is screen.pane
        assert screen.pane.article_id == first.id
        assert "Harbour reopens" in pane_text(screen)
        assert library.get(first.id).read
        assert screen.catalog is not None and screen.catalog.unread == 5
        await pilot.press("h")
        # mypy keeps the focus narrowed from the check above, though "h" moved it.
        assert pilot.app.focused is screen.article_list  # type: ignore[comparison-overlap]


async def test_mark_read_never_leaves_articles_unread(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app(Config(mark_read="never")).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert not library.get(screen.article_list.rows[0].id).read


async def test_m_toggles_read(make_app: AppFactory, library: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        article_id = screen.article_list.rows[0].id
        await pilot.press("m")
        screen = await settle(pilot)
        assert library.get(article_id).read
        assert "●" not in screen_lines(screen)[0]
        await pilot.press("m")
        await settle(pilot)
        assert not library.get(article_id).read


async def test_b_bookmarks_and_bookmarked_view_lists_it(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("j", "b")
        screen = await settle(pilot)
        article_id = screen.article_list.rows[1].id
        assert library.get(article_id).bookmarked
        assert "★" in screen_lines(screen)[1]
        screen.switch_view(BOOKMARKED)
        await pilot.pause()
        assert [a.id for a in screen.article_list.rows] == [article_id]
        assert screen.catalog is not None and screen.catalog.views()[2].count == 1


async def test_mark_all_read_asks_and_u_undoes(make_app: AppFactory, library: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        screen = await settle(pilot)
        assert all(a.read for a in library.articles())
        assert screen.catalog is not None and screen.catalog.unread == 0
        await pilot.press("u")
        await settle(pilot)
        assert not any(a.read for a in library.articles())


async def test_mark_all_read_can_be_declined(make_app: AppFactory, library: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert not any(a.read for a in library.articles())


async def test_navigation_keys(make_app: AppFactory, library: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("G")
        assert screen.article_list.cursor == 5
        await pilot.press("g")
        assert screen.article_list.cursor == 0
        await pilot.press("n")
        screen = await settle(pilot)
        assert screen.article_list.cursor == 1
        assert library.get(screen.article_list.rows[1].id).read
        await pilot.press("p")
        await settle(pilot)
        assert screen.article_list.cursor == 0
        await pilot.press("N")
        await settle(pilot)
        assert screen.article_list.cursor == 2
        assert screen.pane.article_id == screen.article_list.rows[2].id


async def test_unread_view_and_live_counts(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("right_square_bracket")
        assert screen.view == UNREAD
        await pilot.press("m")
        await settle(pilot)
        assert screen.catalog is not None
        unread = next(v for v in screen.catalog.views() if v.key == UNREAD)
        assert unread.count == 5


async def test_every_view_counts_what_it_says_it_counts(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        views = screen.query_one(ViewList)

        def shown() -> dict[str, str]:
            lines = [views.render_line(y).text for y in range(views.size.height)]
            return {line[2:].rsplit(" ", 1)[0].strip(): line.rsplit(" ", 1)[1] for line in lines}

        catalog = screen.catalog
        assert catalog is not None
        unread = catalog.unread
        assert shown()["All"] == shown()["Unread"] == f"●{unread:,}"
        first = screen.article_list.rows[0]
        assert not first.read
        await pilot.press("b", "m")
        screen = await settle(pilot)
        counts = shown()
        assert counts["All"] == counts["Unread"] == f"●{unread - 1:,}"
        # Bookmarked counts what it holds: one article, read or not (not "0").
        assert counts["Bookmarked"] == "1"
        assert f"{unread - 1:,} unread of {len(catalog):,}" in str(screen.sub_title)


async def test_search_flow_with_history(make_app: AppFactory, tmp_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"council")
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows] == ["Council approves floating solar"]
        await pilot.press("enter")
        assert pilot.app.focused is screen.article_list
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.article_list.rows) == 6
        assert screen.search is None
        await pilot.press("slash", "up")
        assert screen.search_bar.value == "council"
        await pilot.press("escape")
    assert (tmp_path / "config" / "search_history").read_text().strip() == "council"


async def test_enter_ranks_the_last_word_whole_but_keeps_prefix_results(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", *"floating sol")
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows] == ["Council approves floating solar"]
        await pilot.press("enter")  # "sol" as a whole word matches nothing: keep what was shown
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows] == ["Council approves floating solar"]
        await pilot.press("escape", "slash", *"council")
        screen = await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.search is not None and screen.search.found is not None
        assert screen.search.found.terms == ["council"]  # whole word now, not council*


async def test_search_without_matches_says_so(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzzz")
        screen = await settle(pilot)
        assert screen.article_list.rows == []
        assert "No matches." in "".join(screen_lines(screen))


async def test_sort_cycles_and_persists(make_app: AppFactory, tmp_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("s")
        sources = [(a.source or "(no source)").casefold() for a in screen.article_list.rows]
        assert sources == sorted(sources)
        assert "by source" in str(screen.query_one("#list-title").render())
        await pilot.press("s")
        titles = [a.title.casefold() for a in screen.article_list.rows]
        assert titles == sorted(titles)
    config, _ = load_config(tmp_path / "config" / "config.toml")
    assert config.sort == "title"


async def test_open_url_shows_it_first(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = make_app()
    monkeypatch.setattr(browser, "open_in_browser", lambda url: opened.append(url) or True)  # type: ignore[func-returns-value]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.detail == "https://news.example.com/1"
        await pilot.press("n")
        assert opened == []
        await pilot.press("o")
        await pilot.pause()
        await pilot.click(Button, offset=(2, 0))
        await pilot.pause()
        assert opened == ["https://news.example.com/1"]


async def test_unsafe_link_in_body_is_refused(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = make_app()
    monkeypatch.setattr(browser, "open_in_browser", lambda url: opened.append(url) or True)  # type: ignore[func-returns-value]
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.offer_link("javascript:alert(1)", allow_mail=True)
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        screen.offer_link("https://ferries.example.com/times", allow_mail=True)
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
    assert opened == []


async def test_y_copies_url(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == "https://news.example.com/1"


async def test_x_shows_removed_text_with_reasons(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        index = next(
            i for i, a in enumerate(screen.article_list.rows) if a.title.startswith("Council")
        )
        screen.article_list.move_to(index)
        screen = await settle(pilot)
        assert "Subscribe to our newsletter" not in pane_text(screen)
        await pilot.press("x")
        text = pane_text(screen)
        flat = " ".join(text.split())
        assert "[boilerplate: call to action] Subscribe to our newsletter!" in flat
        assert screen.pane.removed_shown
        screen.article_list.move_to(0 if index else 1)
        screen = await settle(pilot)
        assert not screen.pane.removed_shown
        screen.article_list.move_to(index)
        screen = await settle(pilot)
        assert not screen.pane.removed_shown  # x is a look at one article, not a setting
        assert "Subscribe to our newsletter" not in pane_text(screen)


async def test_open_says_when_no_browser_could_start(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser, "open_in_browser", lambda url: False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click(Button, offset=(2, 0))
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages[-1].startswith("No web browser could be started")


async def test_reading_position_is_remembered(make_app: AppFactory, library: Library) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.article_list.move_to(2)
        await pilot.press("enter")
        screen = await settle(pilot)
        article_id = screen.pane.article_id
        assert article_id is not None
        for _ in range(4):
            await pilot.press("space")
        block = screen.pane.top_block()
        assert block > 3
        await pilot.press("escape", "k")
        await settle(pilot)
        position = library.get(article_id).position
        assert position is not None and position["block"] == block
        assert 0 < position["percent"] < 100
        await pilot.press("j", "enter")
        screen = await settle(pilot)
        assert screen.pane.top_block() == block


async def test_changes_from_other_processes_appear(
    make_app: AppFactory, library: Library, tmp_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        other = Library.open(tmp_path / "library")
        other.add(
            [
                NewArticle(
                    title="Fresh from a cron import",
                    body="New.",
                    raw="New.",
                    raw_format="text",
                    date="2026-12-01",
                    url="https://news.example.com/new",
                )
            ]
        )
        screen.poll_library()
        screen = await settle(pilot)
        assert screen.article_list.rows[0].title == "Fresh from a cron import"
        assert screen.article_list.cursor == 1


async def test_help_lists_every_binding(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_scrolls_a_line_per_key_however_fast_they_come(
    make_app: AppFactory,
) -> None:
    """Keys arriving in a burst (a held key, a fast typist) each scroll one line: ten
    actions before the next screen refresh move the list ten lines, not one."""
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        for _ in range(10):
            help_screen.action_scroll("down")
        assert help_screen.query_one("#help").scroll_y == 10


async def test_keymap_from_config_remaps(make_app: AppFactory, library: Library) -> None:
    async with make_app(Config(keymap={"toggle_bookmark": "B"})).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert library.get(screen.article_list.rows[0].id).bookmarked


async def test_setting_mistakes_are_shown_in_the_app(make_app: AppFactory) -> None:
    """An unknown theme, a binding name no command has and a key given to two commands
    are said on screen, where the user is looking, not only on stderr before it opens."""
    config = Config(theme="nosuchtheme", keymap={"toggle_bookmarks": "f", "quit": "j"})
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = [notification.message for notification in app._notifications]
    assert any("theme 'nosuchtheme' is not one of the themes" in text for text in shown)
    assert any("toggle_bookmarks: no such command" in text for text in shown)
    assert any("j is given to cursor_down and sentence_more and quit" in text for text in shown)


async def test_empty_library(make_app: AppFactory, tmp_path: Path) -> None:
    empty = Library.open(tmp_path / "empty")
    async with make_app(lib=empty).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert "The library is empty" in "".join(screen_lines(screen))
        await pilot.press("enter", "m", "b", "n")
        assert pilot.app.is_running


def test_second_app_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = Library.open(tmp_path / "locked")
    lock = library.app_lock()
    lock.acquire()
    try:
        status = cli_main(["--library", str(tmp_path / "locked")])
    finally:
        lock.release()
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 1 and "already open" in err[0]


def test_hostile_title_constant_has_markup() -> None:
    assert "[@click" in HOSTILE_TITLE


async def test_first_screen_shows_newest_rows_then_the_whole_library(
    make_app: AppFactory, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.articles()  # writes the newest-rows cache
    first_page = library.newest()
    assert first_page is not None
    shown: list[tuple[bool, int]] = []
    original = MainScreen.watch_catalog

    def recording(self: MainScreen, old: Catalog | None, catalog: Catalog | None) -> None:
        if catalog is not None:
            shown.append((catalog.partial, len(catalog)))
        original(self, old, catalog)

    monkeypatch.setattr(MainScreen, "watch_catalog", recording)
    app = make_app()
    app.first_page = first_page[:2]  # a cache smaller than the library, to see the swap
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert len(screen.article_list.rows) == len(library.articles())
        assert "unread of" in str(screen.sub_title)
    assert shown == [(True, 2), (False, len(library.articles()))]


async def test_full_text_search_highlights_and_n_walks_matches(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", *"word3x")
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows] == [
            "Long read: the railway at the end of the line"
        ]
        lines = screen_lines(screen)
        assert "Paragraph 3." in lines[1]  # the snippet line under the title
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert pilot.app.focused is screen.pane
        assert screen.pane.match_count > 1
        await pilot.press("n")
        assert screen.pane.document is not None
        assert screen.pane.document.current_match == 0
        await pilot.press("n", "n", "N")
        assert screen.pane.document.current_match == 1
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert screen.search is None
        assert len(screen.article_list.rows) == 6
        assert screen.pane.terms == []


async def test_body_words_are_found_and_malformed_query_gives_hint(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"volunteers")
        screen = await settle(pilot)
        assert [a.title for a in screen.article_list.rows] == ["Bird count sets a record"]
        # A phrase being typed is searched for as if closed, with no complaint yet...
        await pilot.press(*' "sets a record')
        screen = await settle(pilot)
        title = str(screen.query_one("#list-title").render())
        assert "quote" not in title
        assert [a.title for a in screen.article_list.rows] == ["Bird count sets a record"]
        # ...and Enter with the quote still open says so, keeping the results.
        await pilot.press("enter")
        screen = await settle(pilot)
        title = str(screen.query_one("#list-title").render())
        assert "Search:" in title and "·" in title
        assert [a.title for a in screen.article_list.rows] == ["Bird count sets a record"]
        await pilot.press("escape", "escape")
        await pilot.press("slash", *"before:notadate")
        screen = await settle(pilot)
        assert screen.search is not None and screen.search.found is not None
        assert screen.search.found.hint


async def test_links_kept_apart_by_the_cleaner_render_as_links(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "linked")
    body = "The light festival in [Amsterdam] opens on Friday.\n\nCanal boats run [late]."
    library.add(
        [
            NewArticle(
                title="Light festival",
                body=body,
                raw=body,
                raw_format="html",
                links="[Amsterdam]: <https://example.org/ams>\n[late]: <https://example.org/l>",
                words=14,
            )
        ]
    )
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = await settle(pilot)
        text = " ".join(pane_text(screen).split())
        assert "The light festival in Amsterdam opens on Friday." in text
        assert "Canal boats run late." in text
        assert "[" not in text and "example.org" not in text


async def test_an_article_without_address_or_date_says_so(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "plain")
    body = "Notes from the harbour meeting, typed up the same evening by the secretary."
    library.add(
        [NewArticle(title="Meeting notes", body=body, raw=body, raw_format="text", words=13)]
    )
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        row = screen_lines(screen)[0]
        assert "Meeting notes" in row and "—" in row  # no publication date to show
        await pilot.press("o")
        await pilot.press("y")
        await pilot.pause()
        messages = [n.message for n in pilot.app._notifications]
        assert messages.count("This article has no web address.") == 2
        await pilot.press("enter")
        screen = await settle(pilot)
        assert "saved " in pane_text(screen).splitlines()[2]


async def test_x_on_an_article_nothing_was_removed_from_says_so(
    make_app: AppFactory, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "clean")
    body = "Every word of this short note was kept by the cleaner, so x has nothing to show."
    library.add([NewArticle(title="Kept whole", body=body, raw=body, raw_format="text", words=16)])
    async with make_app(lib=library).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "x")
        screen = await settle(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert messages[-1] == "Cleaning removed nothing from this article."
        assert screen.pane.document is not None and not screen.pane.document.show_removed


async def test_reading_keys_scroll_the_help(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_list = pilot.app.screen.query_one("#help")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert help_list.scroll_y == 3
        await pilot.press("G")
        await pilot.pause()
        assert help_list.scroll_y == help_list.max_scroll_y > 3
        await pilot.press("g")
        await pilot.pause()
        assert help_list.scroll_y == 0
