"""Following feeds in the app: R updates in the background, Add feed and Remove feed in the
palette, and no network at all until the user asks. Every feed is served from 127.0.0.1."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from ui_support import AppFactory, fixture_articles, settle

from reader.feeds import update
from reader.feeds.subscribe import articles_by_feed
from reader.store import Library
from reader.store.subscriptions import Subscription, Subscriptions, feed_id_for
from reader.ui.commands import keymap_problems
from reader.ui.feed_updating import ALREADY_RUNNING, NO_FEEDS
from reader.ui.screens.confirm import Confirm
from reader.ui.screens.feed_picker import FeedPicker
from reader.ui.screens.help import help_rows
from reader.ui.screens.main import MainScreen
from reader.ui.screens.prompt import Prompt
from reader.ui.widgets.footer import ReaderFooter

FEED_TESTS = Path(__file__).resolve().parents[1] / "feeds"
if str(FEED_TESTS) not in sys.path:
    sys.path.insert(0, str(FEED_TESTS))

from feed_builder import Item, prose, rss  # noqa: E402
from feed_server import Route, TestServer, serving  # noqa: E402

RSS = "application/rss+xml"
#: Newer than every fixture article: new entries go to the top of the list, above the cursor.
FRESH = "Tue, 01 Dec 2026 08:00:00 GMT"


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestServer]:
    """A web server on 127.0.0.1 (no proxy in the way)."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    with serving() as server:
        yield server


def feed(name: str, count: int = 2) -> Route:
    """A feed of ``count`` full-text entries."""
    items = [
        Item(f"{name} news {n}", f"http://example.org/{name}/{n}", f"{name}-{n}",
             content=f"<p>{prose(f'{name} {n}', 12)}</p>", date=FRESH)
        for n in range(count)
    ]  # fmt: skip
    return Route(rss(f"The {name} feed", items), content_type=RSS)


def follow(library: Library, *urls: str) -> None:
    """Subscribe without asking the network (as ``feeds add --no-update`` would leave it)."""
    taken: set[str] = set()
    feeds = []
    for n, url in enumerate(urls):
        feeds.append(Subscription(feed_id_for(url, taken), url, added=f"2026-11-0{n + 1}"))
        taken.add(feeds[-1].id)
    Subscriptions(library).save(feeds)


def said(pilot: Pilot[None]) -> list[str]:
    return [notification.message for notification in pilot.app._notifications]


async def until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 10) -> None:
    """Let the app run until ``done()`` (an update runs in a thread)."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


async def answer(pilot: Pilot[None], text: str) -> None:
    """Answer the prompt (pasted, rather than typed key by key: quicker)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, Prompt))
    await until(pilot, lambda: bool(pilot.app.screen.query(Input)))
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")


def titles(screen: MainScreen) -> list[str]:
    return [article.title for article in screen.article_list.rows]


async def test_no_network_at_start_then_r_updates_in_the_background(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/a"], web.routes["/b"] = feed("alpha"), feed("beta")
    follow(library, web.url("/a"), web.url("/b"))
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        await pilot.pause(0.3)
        assert web.hits == []  # the first screen, loading and the index: no request at all
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        reading, cursor_row = screen.pane.article_id, screen.article_list.cursor
        current = screen.article_list.current
        assert reading is not None and current is not None and current.id == reading
        await pilot.press("R")
        await until(pilot, lambda: any(m.startswith("Updated") for m in said(pilot)))
        await until(pilot, lambda: "alpha news 0" in titles(screen))
        assert web.count("/a") == 1 and web.count("/b") == 1
        assert "Updated 2 feeds: 4 new articles." in said(pilot)
        assert {"alpha news 0", "alpha news 1", "beta news 0", "beta news 1"} <= set(titles(screen))
        # Four rows came in above: the cursor and the open article stayed on their article.
        assert screen.article_list.current is not None
        assert screen.article_list.current.id == reading
        assert screen.article_list.cursor == cursor_row + 4
        assert screen.pane.article_id == reading
        assert screen.query_one(ReaderFooter).progress == ""
    assert len(library.articles()) == 10 and library.check() == []


async def test_failing_feeds_give_one_notification_with_the_count(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/good"] = feed("good")
    follow(library, web.url("/good"), web.url("/gone-missing"), web.url("/broken"))
    web.routes["/broken"] = Route(b"not a feed at all", content_type="text/plain")
    async with make_app().run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await until(pilot, lambda: any(m.startswith("Updated") for m in said(pilot)))
        summary = [n for n in pilot.app._notifications if n.message.startswith("Updated")]
        assert len(summary) == 1
        assert summary[0].message == (
            "Updated 3 feeds: 2 new articles, 2 failed (reader feeds says why)."
        )
        assert summary[0].severity == "warning"
        assert len(said(pilot)) == 1  # no notification per failure
    failed = {sub.url: sub.error for sub in Subscriptions(library).all() if sub.error}
    assert set(failed) == {web.url("/gone-missing"), web.url("/broken")}


async def test_add_feed_from_the_palette_subscribes_and_updates_it(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/feed.xml"] = feed("[b]added[/b]")  # a title is text, never markup
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"add feed")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await answer(pilot, web.url("/feed.xml"))
        await until(pilot, lambda: "[b]added[/b] news 1" in titles(screen))
        await until(pilot, lambda: any(m.startswith("Updated") for m in said(pilot)))
        assert "Subscribed to The [b]added[/b] feed." in said(pilot)
        assert "Updated 1 feed: 2 new articles." in said(pilot)
    (followed,) = Subscriptions(library).all()
    assert followed.url == web.url("/feed.xml") and followed.title == "The [b]added[/b] feed"


async def test_r_without_feeds_says_how_to_add_one(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        await pilot.press("R")
        await until(pilot, lambda: bool(said(pilot)))
        await until(pilot, lambda: not screen.feeds.running)
        assert said(pilot) == [NO_FEEDS]
        assert screen.query_one(ReaderFooter).progress == ""
    assert web.hits == []


async def test_add_feed_where_there_is_none_says_so_once(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/page"] = Route(b"<html><body><p>No feed here.</p></body></html>")
    async with make_app().run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.app.screen.run_action("add_feed")
        await answer(pilot, web.url("/page"))
        await until(pilot, lambda: any(m.startswith("No feed found") for m in said(pilot)))
        errors = [n for n in pilot.app._notifications if n.severity == "error"]
        assert [n.message for n in errors] == [
            f"No feed found at {web.url('/page')}: neither a feed nor a page that names one"
        ]
    assert Subscriptions(library).all() == []


async def test_remove_feed_from_the_palette_asks_and_keeps_the_articles(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/a"], web.routes["/b"] = feed("alpha"), feed("beta")
    follow(library, web.url("/a"), web.url("/b"))
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        await pilot.press("R")
        await until(pilot, lambda: any(m.startswith("Updated") for m in said(pilot)))
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"remove feed")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, FeedPicker))
        await pilot.press("down", "enter")  # the second feed: beta
        await until(pilot, lambda: isinstance(pilot.app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: any(m.startswith("Removed") for m in said(pilot)))
        assert "Removed The beta feed; its articles stay." in said(pilot)
        assert "beta news 0" in titles(screen)
    (left,) = Subscriptions(library).all()
    assert left.url == web.url("/a")
    assert len(library.articles()) == 10
    assert len(articles_by_feed(library)) == 2  # the removed feed's articles are still there


async def test_articles_arrive_during_the_update_and_quitting_stops_it(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/quick"] = feed("quick")
    # A feed that takes over twenty seconds to arrive: quitting must not wait for it.
    web.routes["/slow"] = Route(feed("slow").body, content_type=RSS, drip_body=0.01)
    follow(library, web.url("/quick"), web.url("/slow"))
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        await pilot.press("R")
        footer = screen.query_one(ReaderFooter)
        # The quick feed's articles are stored in the first batch (after a few seconds),
        # and shown while the slow one is still coming.
        await until(pilot, lambda: "quick news 0" in titles(screen), seconds=15)
        await until(pilot, lambda: footer.progress == "Updating feeds 1/2 · 2 new")
        assert footer.query_one("#progress").display
        await pilot.press("R")
        assert ALREADY_RUNNING in said(pilot)
        assert screen.feeds.running
        quit_at = time.monotonic()
        await pilot.press("q")
    assert time.monotonic() - quit_at < 5
    assert library.check() == []
    new = {a.title for a in library.articles()} - {a.title for a in fixture_articles()}
    assert new == {"quick news 0", "quick news 1"}
    slow = next(sub for sub in Subscriptions(library).all() if sub.url.endswith("/slow"))
    assert slow.checked is None  # never finished, so not recorded as checked


def test_palette_only_commands_show_in_help_and_refuse_a_key() -> None:
    rows = {row[2]: row[0] for row in help_rows({}, {}) if isinstance(row, tuple)}
    assert rows["update_feeds"] == "R"
    assert rows["add_feed"] == rows["remove_feed"] == "ctrl+p"
    assert keymap_problems({"add_feed": "A"}) == [
        "[keymap] add_feed: offered in the command palette only (ctrl+p); no key runs it"
    ]


async def test_quitting_before_the_update_has_started_does_not_wait(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/a"] = feed("alpha")
    follow(library, web.url("/a"))
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        # R, then the app closing in the same moment: its worker has not started yet.
        assert screen.feeds.update()
        stopping = time.monotonic()
        screen.feeds.stop()
        assert time.monotonic() - stopping < 1
        await pilot.press("q")
    assert library.check() == []
    assert len(library.articles()) == len(fixture_articles())  # the run never began
    assert web.hits == []


async def test_an_update_that_fails_as_a_whole_says_why_without_a_traceback(
    web: TestServer, library: Library, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    web.routes["/a"] = feed("alpha")
    follow(library, web.url("/a"))

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(update, "update_feeds", full_disk)
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await settle(pilot)
        await pilot.press("R")
        await until(pilot, lambda: bool(said(pilot)))
        await until(pilot, lambda: not screen.feeds.running)
        assert said(pilot) == ["The update stopped: [Errno 28] No space left on device"]
        assert screen.query_one(ReaderFooter).progress == ""
        await pilot.press("R")  # and R works again
        await until(pilot, lambda: len(said(pilot)) == 2)
        assert pilot.app.is_running


async def test_quitting_while_add_feed_waits_on_a_slow_server_does_not_wait(
    web: TestServer, library: Library, make_app: AppFactory
) -> None:
    web.routes["/slow"] = Route(feed("slow").body, content_type=RSS, drip_headers=0.2)
    async with make_app().run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.app.screen.run_action("add_feed")
        await answer(pilot, web.url("/slow"))
        await until(pilot, lambda: web.count("/slow") == 1)
        await pilot.press("q")
    # What the app leaves running when it ends: the loop waits for its worker threads.
    leaving = time.monotonic()
    await asyncio.get_running_loop().shutdown_default_executor()
    assert time.monotonic() - leaving < 2
    assert library.check() == []
