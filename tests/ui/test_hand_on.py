"""Handing the article on: | pipes its Markdown to a command (asked for, with history, the
config's default first); e opens it read-only in $PAGER; the app comes back as it was.

Textual's test driver cannot hand the terminal over, so where a program must run the
tests let ``App.suspend`` step aside without doing anything; one test keeps the real one
and checks what the user is told when the terminal cannot be handed over.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input
from ui_support import AppFactory, settle

from reader.config import Config
from reader.store import Library
from reader.ui.app import ReaderApp
from reader.ui.screens.prompt import Prompt

SIZE = (120, 35)


@pytest.fixture
def handed_over(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each time the app stepped aside for a program."""
    times: list[int] = []

    @contextlib.contextmanager
    def suspend(self: ReaderApp) -> Iterator[None]:
        times.append(1)
        yield

    monkeypatch.setattr(ReaderApp, "suspend", suspend)
    return times


async def test_pipe_gives_the_article_as_markdown_to_the_command(
    make_app: AppFactory, library: Library, tmp_path: Path, handed_over: list[int]
) -> None:
    out = tmp_path / "piped.md"
    command = f"cat > {shlex.quote(str(out))}"
    app = make_app(Config(pipe_command="wc -w"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "space")
        screen = await settle(pilot)
        before = (screen.pane.article_id, screen.pane.scroll_y, screen.focused)
        await pilot.press("vertical_line")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, Prompt)
        assert prompt.query_one(Input).value == "wc -w"  # the config's default
        prompt.query_one(Input).value = command
        await pilot.press("enter")
        screen = await settle(pilot)
        assert handed_over == [1]
        assert (screen.pane.article_id, screen.pane.scroll_y, screen.focused) == before
        await pilot.press("vertical_line")  # the last command comes back first
        await settle(pilot)
        assert pilot.app.screen.query_one(Input).value == command
        await pilot.press("escape")
    text = out.read_text(encoding="utf-8")
    first = library.articles()[0]
    assert text.startswith(f"# {first.title}\n")
    assert "The harbour **reopened** on Monday." in text
    assert (tmp_path / "config" / "pipe_history").read_text().splitlines() == [command]


async def test_a_failing_command_is_said_in_one_line(
    make_app: AppFactory, handed_over: list[int]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "vertical_line")
        await settle(pilot)
        pilot.app.screen.query_one(Input).value = "exit 3"
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
    assert "exit 3 ended with status 3" in said


async def test_e_opens_a_read_only_copy_in_the_pager(
    make_app: AppFactory,
    library: Library,
    tmp_path: Path,
    handed_over: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen, mode = tmp_path / "seen.md", tmp_path / "mode"
    pager = f'sh -c \'cat "$0" > {seen}; stat -c %a "$0" > {mode}\''
    monkeypatch.setenv("PAGER", pager)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "e")
        screen = await settle(pilot)
        assert handed_over == [1]
        assert screen.focused is screen.pane
    assert seen.read_text(encoding="utf-8").startswith("# Harbour reopens after storm\n")
    assert mode.read_text().strip() == "400"


async def test_without_a_terminal_to_hand_over_nothing_runs_and_it_says_so(
    make_app: AppFactory, tmp_path: Path
) -> None:
    out = tmp_path / "never.md"
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "vertical_line")
        await settle(pilot)
        pilot.app.screen.query_one(Input).value = f"cat > {out}"
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
    assert "This terminal cannot be handed to another program." in said
    assert not out.exists()


async def test_ctrl_c_stops_the_program_not_the_app(
    make_app: AppFactory, tmp_path: Path, handed_over: list[int]
) -> None:
    """An interrupt while a program has the terminal reaches reader too (the terminal sends
    it to both): reader lets it pass, the program stops."""
    after = tmp_path / "after"
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("enter", "vertical_line")
        await settle(pilot)
        pilot.app.screen.query_one(Input).value = f"kill -INT $PPID; kill -INT $$; touch {after}"
        await pilot.press("enter")
        screen = await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any(text.endswith("was stopped (SIGINT)") for text in said)
        assert screen.pane.article_id is not None  # the app goes on
    assert not after.exists()  # the program stopped at the interrupt


class Keyboard:
    """A terminal's standard input that counts the lines the app waits for."""

    def __init__(self) -> None:
        self.waits = 0

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        self.waits += 1
        return "\n"


@pytest.mark.parametrize(
    ("command", "waits"),
    [
        ("wc -w", 1),
        ("LANG=C grep -c harbour", 1),
        ("glow -", 1),
        ("less", 0),
        ("/usr/bin/less -R", 0),
        ("glow -p -", 0),
    ],
)
async def test_what_a_command_prints_stays_until_enter_but_a_pager_returns_at_once(
    make_app: AppFactory,
    handed_over: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    command: str,
    waits: int,
) -> None:
    """`| wc -w` printed its count and the app took the screen back at once, so the count
    was never seen: after a command that prints, the app waits for Enter; a pager or an
    editor leaves nothing to read, and the app comes back when it ends."""
    import sys

    keyboard = Keyboard()
    monkeypatch.setattr(sys, "stdin", keyboard)
    async with make_app(Config(pipe_command=command)).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "vertical_line")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert handed_over == [1]
    assert keyboard.waits == waits
    assert ("press Enter to return" in capfd.readouterr().out) == bool(waits)
