"""Small things a newcomer hit in the first hour: each is shown here the way they met it."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.widgets import Static
from ui_support import AppFactory, settle

from reader.store import Library
from reader.ui.commands import ALL_COMMANDS
from reader.ui.describe import EMPTY_LIBRARY_HELP
from reader.ui.screens.help import WIDE, HelpScreen


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_u_with_nothing_to_undo_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert messages and messages[-1].startswith("Nothing to undo")


async def test_help_at_40_columns_shows_what_every_key_does(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help").query(Static).last()
        assert table.content_region.width < WIDE
        lines = table.render_lines(Region(0, 0, *table.size))
        shown = flat(" ".join(line.text for line in lines))
    for command in ALL_COMMANDS:
        assert flat(command.help) in shown, command.id
        assert command.id in shown


async def test_the_empty_library_hint_is_whole_at_every_width(
    make_app: AppFactory, tmp_path: Path
) -> None:
    empty = Library.open(tmp_path / "empty")
    app = make_app(lib=empty)
    async with app.run_test(size=(150, 30)) as pilot:
        screen = await settle(pilot)
        for width in (150, 120, 100, 80, 40):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            pane = screen.pane
            lines = [pane.render_line(y).text for y in range(pane.size.height)]
            assert flat(EMPTY_LIBRARY_HELP) in flat(" ".join(lines)), width
