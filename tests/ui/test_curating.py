"""Curating in the app: delete with undo, the Deleted view, tags, saved searches as views,
the grouped sidebar (folding, the picker) and the Feeds group."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input
from ui_support import AppFactory, settle

from reader.cli.main import main as cli_main
from reader.config import Config, load_config
from reader.search import SearchIndex
from reader.store import Library, NewArticle
from reader.store.subscriptions import Subscription, Subscriptions, feed_id_for
from reader.ui.catalog import ALL, DELETED, SOURCES, feed_view, saved_view, source_view
from reader.ui.finder import RESULT_LIMIT
from reader.ui.loading import POLL_SECONDS
from reader.ui.screens.main import COUNT_AFTER_SECONDS, MainScreen
from reader.ui.screens.picker import ViewPicker
from reader.ui.screens.prompt import Prompt
from reader.ui.widgets.view_list import ViewList

SIZE = (120, 35)


def sidebar(screen: MainScreen) -> list[str]:
    """The sidebar's visible lines, right spaces trimmed."""
    views = screen.view_list
    return [views.render_line(y).text.rstrip() for y in range(views.size.height)]


def title_line(screen: MainScreen) -> str:
    return str(screen.query_one("#list-title").render())


# ----- delete, undo, restore -------------------------------------------------------------


async def test_d_deletes_the_cursor_row_and_u_brings_it_back(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        rows = [a.id for a in screen.article_list.rows]
        await pilot.press("j", "d")
        screen = await settle(pilot)
        assert [a.id for a in screen.article_list.rows] == [rows[0], *rows[2:]]
        assert screen.article_list.current is not None
        assert screen.article_list.current.id == rows[2]  # the next row
        assert library.get(rows[1]).deleted_at is not None
        assert rows[1] not in {a.id for a in library.articles()}
        assert any(line.startswith("  Deleted") and line.endswith("1") for line in sidebar(screen))
        await pilot.press("u")
        screen = await settle(pilot)
        assert [a.id for a in screen.article_list.rows] == rows
        assert library.get(rows[1]).deleted_at is None


async def test_a_run_of_deletions_leaves_the_sidebar_counting_them_all(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        total = len(screen.article_list.rows)
        await pilot.press("d", "d", "d")
        screen = await settle(pilot)
        assert len(screen.article_list.rows) == total - 3
        lines = sidebar(screen)
        assert any(line.startswith("  Deleted") and line.endswith(" 3") for line in lines)
        assert any(line.startswith("  All") and line.endswith(f"●{total - 3}") for line in lines)


async def test_one_undo_stack_for_deleting_and_marking_all_read(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        first = screen.article_list.rows[0].id
        await pilot.press("M", "y")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("u")  # the deletion first
        await settle(pilot)
        assert library.get(first).deleted_at is None
        assert all(a.read for a in library.articles())
        await pilot.press("u")  # then the marking
        await settle(pilot)
        assert not any(a.read for a in library.articles())


async def test_deleted_view_lists_newest_deletion_first_and_r_restores(
    make_app: AppFactory, library: Library
) -> None:
    ids = [a.id for a in library.articles()]
    library.delete([ids[3]])
    library.delete([ids[0]])
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.switch_view(DELETED)
        await pilot.pause()
        assert {a.id for a in screen.article_list.rows} == {ids[0], ids[3]}
        assert "days left at the right" in title_line(screen)
        rows = screen.article_list
        drawn = [rows.render_line(y).text.rstrip() for y in range(len(rows.rows))]
        deleted_on = date.fromisoformat(str(library.get(ids[0]).deleted_at)[:10])
        left = f" {(deleted_on - rows.today()).days + 30}d"
        assert [line.endswith(left) for line in drawn] == [True, True], "each row's days left"
        await pilot.press("d")  # already deleted: d does nothing here
        await pilot.press("r")
        screen = await settle(pilot)
        restored = {ids[0], ids[3]} - {a.id for a in screen.article_list.rows}
        assert len(restored) == 1 and library.get(restored.pop()).deleted_at is None
        assert len(screen.article_list.rows) == 1


async def test_articles_deleted_over_30_days_ago_are_purged_at_start(
    make_app: AppFactory, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.library as store_library

    old, recent = (a.id for a in library.articles()[:2])
    monkeypatch.setattr(store_library, "now_iso", lambda: "2020-01-01T00:00:00+00:00")
    library.delete([old])
    monkeypatch.undo()
    library.delete([recent])
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await settle(pilot)
        assert [a.id for a in library.articles(deleted=True)] == [recent]
        assert screen.catalog is not None
        assert [a.id for a in screen.catalog.deleted] == [recent]


# ----- the sidebar -----------------------------------------------------------------------


async def test_a_folded_group_shows_its_heading_only_and_is_remembered(
    make_app: AppFactory, tmp_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        views = screen.query_one(ViewList)
        assert "  Coastal Courier" in " ".join(sidebar(screen))
        heading = next(i for i, e in enumerate(views.entries) if e.group == SOURCES)
        views.focus()
        views.cursor = heading
        await pilot.press("enter")
        await pilot.pause()
        lines = sidebar(screen)
        assert "▸ Sources (4)" in lines
        assert not any("Coastal Courier" in line for line in lines)
        config, _ = load_config(tmp_path / "config" / "config.toml")
        assert config.folded == (SOURCES,)
        screen.article_list.focus()
        screen.switch_view(ALL)
        for _ in range(10):  # ] never lands in a folded group
            await pilot.press("right_square_bracket")
            assert not screen.view.startswith("source:")
    async with make_app(Config(folded=(SOURCES,))).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert "▸ Sources (4)" in sidebar(screen)


async def test_moving_through_the_sidebar_crosses_groups(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.view_list.focus()
        for _ in range(7):  # All, five more views, the Sources heading, its first view
            await pilot.press("j")
        await pilot.pause()
        assert screen.view == source_view("(no source)")
        await pilot.press("left_square_bracket")
        assert screen.view == DELETED


async def test_a_failing_feed_is_marked_and_its_view_says_why(
    make_app: AppFactory, library: Library
) -> None:
    Subscriptions(library).save(
        [
            Subscription(
                feed_id_for("https://harbour.example.com/feed"),
                "https://harbour.example.com/feed",
                title="Harbour news",
            ),
            Subscription(
                broken := feed_id_for("https://broken.example.com/feed"),
                "https://broken.example.com/feed",
                title="Broken feed",
                error="HTTP 500 Internal Server Error",
                failures=3,
            ),
        ]
    )
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        lines = sidebar(screen)
        assert "▾ Feeds" in lines
        assert any(line.startswith(" !Broken feed") for line in lines)
        assert any(line.startswith("  Harbour news") for line in lines)
        screen.switch_view(feed_view(broken))
        await pilot.pause()
        assert "Feed: Broken feed · ! HTTP 500 Internal Server Error" in title_line(screen)


# ----- tags ------------------------------------------------------------------------------


async def test_a_tag_typed_in_another_case_takes_the_spelling_the_library_has(
    make_app: AppFactory, library: Library
) -> None:
    tagged, other = (a.id for a in library.articles()[:2])
    library.tag([other], add=["Long read", "news"])
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"NEWS, long READ, fresh", "enter")
        await settle(pilot)
        assert library.get(tagged).tags == ("fresh", "Long read", "news")


async def test_t_edits_tags_with_completion_and_the_header_shows_them(
    make_app: AppFactory, library: Library
) -> None:
    tagged, other = (a.id for a in library.articles()[:2])
    library.tag([other], add=["Long read", "news"])
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert screen.article_list.rows[0].id == tagged
        await pilot.press("t")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, Prompt)
        answer = prompt.query_one(Input)
        assert answer.value == ""
        await pilot.press("l", "o")
        await pilot.pause(0.05)
        await pilot.press("right")  # takes the suggestion
        assert answer.value == "Long read"
        await pilot.press("comma", "space", *"solar", "enter")
        screen = await settle(pilot)
        assert library.get(tagged).tags == ("Long read", "solar")
        lines = sidebar(screen)
        assert "▾ Tags" in lines
        assert any(line.startswith("  Long read") and line.endswith("●2") for line in lines)
        assert any(line.startswith("  solar") for line in lines)
        await pilot.press("enter")
        screen = await settle(pilot)
        document = screen.pane.document
        assert document is not None and isinstance(document.header, Text)
        assert "tags: Long read, solar" in document.header.plain
        await pilot.press("t")
        await pilot.pause()
        answer = pilot.app.screen.query_one(Input)
        assert answer.value == "Long read, solar"  # the prompt holds the tags as they are
        answer.value = "solar"
        await pilot.press("enter")
        screen = await settle(pilot)
        assert library.get(tagged).tags == ("solar",)


# ----- saved searches --------------------------------------------------------------------


async def test_a_saved_search_becomes_a_view_with_its_unread_count(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", *"harbour OR solar")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Prompt)
        await pilot.press(*"Coast", "enter")
        screen = await settle(pilot)
        await pilot.pause(COUNT_AFTER_SECONDS + 0.2)
        await settle(pilot)
        assert [(v.name, v.query) for v in library.views()] == [("Coast", "harbour OR solar")]
        assert screen.search is None and screen.view == saved_view("Coast")
        titles = {a.title for a in screen.article_list.rows}
        assert titles == {"Harbour reopens after storm", "Council approves floating solar"}
        lines = sidebar(screen)
        assert "▾ Saved searches" in lines
        assert any(line.startswith("  Coast") and line.endswith("●2") for line in lines)
        await pilot.press("enter")  # reading one: the count follows, once changes pause
        await settle(pilot)
        await pilot.pause(COUNT_AFTER_SECONDS + 0.2)
        await settle(pilot)
        assert any(line.startswith("  Coast") and line.endswith("●1") for line in sidebar(screen))


async def test_saved_searches_keep_the_users_order_and_can_be_removed(
    make_app: AppFactory, library: Library
) -> None:
    library.save_view("First", "harbour")
    library.save_view("Second", "solar")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        screen.switch_view(saved_view("Second"))
        await pilot.press("ctrl+up")
        screen = await settle(pilot)
        assert [v.name for v in library.views()] == ["Second", "First"]
        lines = sidebar(screen)
        second, first = (
            next(i for i, line in enumerate(lines) if line.startswith(f"  {name}"))
            for name in ("Second", "First")
        )
        assert first == second + 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        screen = await settle(pilot)
        assert [v.name for v in library.views()] == ["First"]
        assert screen.view == ALL


async def test_ctrl_s_does_not_save_a_search_it_cannot_read(
    make_app: AppFactory, library: Library
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"title:")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, Prompt)
        said = [n.message for n in pilot.app._notifications]
        assert "This search cannot be saved: title: needs a value, e.g. title:word" in said
        await settle(pilot)
        assert library.views() == []


async def test_a_stored_view_whose_query_cannot_be_read_says_why(
    make_app: AppFactory, library: Library
) -> None:
    library.save_view("Broken", '"unterminated')  # as a version that did not check saved it
    library.save_view("Fine", "harbour")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.pause(COUNT_AFTER_SECONDS + 0.2)
        screen = await settle(pilot)
        lines = sidebar(screen)
        assert " !Broken" in lines  # marked as a failing feed is, with no count to wait for
        assert any(line.startswith("  Fine") and line.endswith("●1") for line in lines)
        screen.switch_view(saved_view("Broken"))
        screen = await settle(pilot)
        assert screen.article_list.rows == []
        assert screen.article_list.render_line(1).text.startswith("  This saved search cannot")
        assert screen.article_list.empty_text == (
            'This saved search cannot be read: closing quote missing: "exact phrase". '
            "The delete key removes it."
        )
        assert 'Broken · ! closing quote missing: "exact phrase"' in title_line(screen)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        screen = await settle(pilot)
        assert [v.name for v in library.views()] == ["Fine"]


async def until(pilot: Pilot[None], seen: Callable[[], bool], seconds: float) -> None:
    """Let the app run until ``seen()`` holds, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while not seen() and time.monotonic() < deadline:
        await pilot.pause(0.1)


async def test_views_and_feeds_changed_by_commands_reach_the_sidebar(
    make_app: AppFactory, library: Library, tmp_path: Path
) -> None:
    feed = "https://harbour.example.com/feed"
    Subscriptions(library).save([Subscription(feed_id_for(feed), feed, title="Harbour news")])
    root = str(tmp_path / "library")

    def titles(screen: MainScreen) -> set[str]:
        return {article.title for article in screen.article_list.rows}

    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        catalog = screen.catalog
        assert "  Harbour news" in sidebar(screen)
        assert cli_main(["--library", root, "views", "add", "Ferries", "harbour"]) == 0
        # Nothing but the saved views changed: the watcher's next look finds it.
        await until(pilot, lambda: "  Ferries" in " ".join(sidebar(screen)), POLL_SECONDS + 3)
        lines = sidebar(screen)
        assert "▾ Saved searches" in lines
        assert any(line.startswith("  Ferries") for line in lines)
        assert screen.catalog is catalog, "the articles are not read again for a view"
        screen.switch_view(saved_view("Ferries"))
        screen = await settle(pilot)
        assert titles(screen) == {"Harbour reopens after storm"}
        assert cli_main(["--library", root, "views", "add", "ferries", "solar"]) == 0
        screen.poll_library()  # the watcher's look, without waiting for it
        screen = await settle(pilot)
        assert titles(screen) == {"Council approves floating solar"}
        assert cli_main(["--library", root, "feeds", "remove", "Harbour"]) == 0
        assert cli_main(["--library", root, "views", "remove", "ferries"]) == 0
        screen.poll_library()
        screen = await settle(pilot)
        joined = " ".join(sidebar(screen))
        assert "Harbour news" not in joined and "Ferries" not in joined
        assert screen.view == ALL and screen.catalog is catalog
        # A feed subscribed elsewhere may have brought articles already here: read again.
        other = "https://lantern.example.com/feed"
        elsewhere = Subscriptions(Library.open(tmp_path / "library"))
        elsewhere.save([Subscription(feed_id_for(other), other, title="Lantern feed")])
        screen.poll_library()
        screen = await settle(pilot)
        assert "  Lantern feed" in sidebar(screen)
        assert screen.catalog is not catalog


# ----- the picker ------------------------------------------------------------------------


async def test_the_picker_jumps_to_a_view_by_part_of_its_name(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("colon")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, ViewPicker)
        await pilot.press(*"lantern")
        await pilot.pause()
        assert [v.label for v in picker.shown] == ["The Lantern Review"]
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.view == source_view("The Lantern Review")
        assert [a.source for a in screen.article_list.rows] == ["The Lantern Review"]
        await pilot.press("colon", *"cc")  # letters in order: Coastal Courier
        await pilot.pause()
        assert isinstance(pilot.app.screen, ViewPicker)
        assert pilot.app.screen.shown[0].label == "Coastal Courier"
        await pilot.press("escape")
        assert screen.view == source_view("The Lantern Review")


# ----- search: the real total, the list filling in ---------------------------------------


async def test_search_counts_every_match_and_reads_more_as_the_cursor_nears_the_end(
    make_app: AppFactory, tmp_path: Path
) -> None:
    big = Library.open(tmp_path / "big")
    big.add(
        NewArticle(
            title=f"Ferry timetable {n}",
            body=f"The ferry number {n} leaves the harbour at dawn.",
            raw="",
            raw_format="markdown",
            source="Harbour desk",
            url=f"https://ferries.example.com/{n}",
            date=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
            words=9,
        )
        for n in range(260)
    )
    SearchIndex.open(big).close()
    async with make_app(lib=big).run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("slash", *"timetable", "enter")
        screen = await settle(pilot)
        assert len(screen.article_list.rows) == RESULT_LIMIT
        assert "260 articles" in title_line(screen)
        await pilot.press("G")
        screen = await settle(pilot)
        assert len(screen.article_list.rows) == 260
        assert len({a.id for a in screen.article_list.rows}) == 260


async def test_a_feed_view_lists_what_the_feed_brought_with_its_unread_count(
    make_app: AppFactory, library: Library
) -> None:
    url = "https://harbour.example.com/feed"
    feed = feed_id_for(url)
    Subscriptions(library).save([Subscription(feed, url, title="Harbour news")])
    library.add(
        NewArticle(
            title=f"Ferry news {n}",
            body=f"Ferry {n} runs again.",
            raw="",
            raw_format="markdown",
            source="Harbour desk",
            url=f"https://harbour.example.com/{n}",
            date="2026-11-29",
            words=4,
            feed_entry={"feed": feed, "key": f"entry-{n}"},
        )
        for n in range(2)
    )
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert any(
            line.startswith("  Harbour news") and line.endswith("●2") for line in sidebar(screen)
        )
        screen.switch_view(feed_view(feed))
        await pilot.pause()
        assert {a.title for a in screen.article_list.rows} == {"Ferry news 0", "Ferry news 1"}
        assert "Feed: Harbour news · 2 articles" in title_line(screen)
        await pilot.press("enter")
        screen = await settle(pilot)
        assert any(
            line.startswith("  Harbour news") and line.endswith("●1") for line in sidebar(screen)
        )
