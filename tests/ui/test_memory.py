"""A long session must not keep what it no longer shows (the soak measures RSS; this finds why)."""

from __future__ import annotations

import gc
import weakref

from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from ui_support import AppFactory, settle

from reader.ui import styles_cache

SIZE = (120, 35)


def removed_widgets() -> int:
    """Widgets still in memory that are no longer on any screen."""
    gc.collect()
    return sum(
        1 for thing in gc.get_objects() if isinstance(thing, Widget) and not thing.is_attached
    )


async def test_opening_and_leaving_articles_leaves_no_widgets_behind(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "escape")
        await pilot.pause()
        before = removed_widgets()
        # Each focus change rebuilds the footer's keys: the old keys must be freed.
        for _ in range(20):
            await pilot.press("enter", "escape", "j")
        await pilot.pause()
        assert removed_widgets() <= before


def styles_caches_of_removed_widgets() -> int:
    """Line caches (each holding every line its widget drew) whose widget is gone."""
    gc.collect()
    things = gc.get_objects()
    owned = {id(thing._styles_cache) for thing in things if isinstance(thing, Widget)}
    return sum(1 for thing in things if isinstance(thing, StylesCache) and id(thing) not in owned)


async def test_closed_dialogs_and_notifications_leave_no_drawn_lines_behind(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The help screen, notifications (b, s) and footer rebuilds all make widgets that go.
        for _ in range(5):
            await pilot.press("question_mark")
            await pilot.pause()
            await pilot.press("escape", "b", "s", "enter", "escape", "j")
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()
        assert styles_caches_of_removed_widgets() == 0


# ----- the upstream bugs these workarounds exist for: each test fails once Textual is fixed,
# ----- and the workaround (reader/ui/styles_cache.py, reader/ui/widgets/footer.py) can go.


def test_textual_still_pins_every_styles_cache_it_draws_with() -> None:
    """Textualize/textual#6665: ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a
    method, so it keeps the last 1024 ``StylesCache`` objects (each with its widget's lines)
    alive. Fails when upstream fixes it: then delete ``reader/ui/styles_cache.py``."""
    textual_method = styles_cache.TEXTUAL_GET_INNER_OUTER
    assert textual_method is not None, "StylesCache.get_inner_outer is gone upstream"
    cache = StylesCache()
    alive = weakref.ref(cache)
    textual_method.__get__(cache, StylesCache)(Color(10, 20, 30), Color(40, 50, 60, 0.5))
    del cache
    gc.collect()
    assert alive() is not None, "fixed upstream: remove reader/ui/styles_cache.py"


async def test_textual_footer_still_keeps_the_keys_it_removed() -> None:
    """Textualize/textual#6666: each key of Textual's footer watches ``Footer.compact``,
    and a watcher is dropped only when that value changes, so every rebuild of the keys
    leaves the old ones reachable. Fails when upstream fixes it: then ``ReaderFooter`` can
    go back to being Textual's ``Footer``."""

    class Plain(App[None]):
        BINDINGS = [("x", "bell", "Ring")]

        def compose(self) -> ComposeResult:
            yield Footer()

    app = Plain()
    async with app.run_test() as pilot:
        await pilot.pause()
        first_keys = [weakref.ref(key) for key in app.query(FooterKey)]
        assert first_keys
        app.screen.refresh_bindings()  # the footer rebuilds its keys
        await pilot.pause()
        gc.collect()
        kept = [key for key in (ref() for ref in first_keys) if key is not None]
        assert all(not key.is_attached for key in kept)  # they were replaced
        assert kept, "fixed upstream: ReaderFooter can be Textual's Footer again"
