"""A long session must not keep what it no longer shows (the soak measures RSS; this finds why)."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.widget import Widget
from ui_support import AppFactory, settle

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
