"""The `?` screen: every key, grouped, with the binding id a keymap uses to remap it."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.search.query import SYNTAX
from reader.ui.commands import ALL_COMMANDS, Command, keys_of

#: Narrower than this, three columns leave no room for what a command does: each entry
#: then takes two lines, its keys and id over its description.
WIDE = 64
#: (keys, what they do, binding id); a row of one string is a heading, empty a gap.
Row = tuple[str, str, str] | str
#: Where a command without keys is found.
PALETTE_ONLY = "ctrl+p"


def help_rows(keymap: dict[str, str], key_display: dict[str, str]) -> list[Row]:
    """Every command, grouped, then the query language and the rest."""
    rows: list[Row] = []

    def group_of(command: Command) -> str:
        return command.group

    for group, commands in groupby(ALL_COMMANDS, key=group_of):
        rows.append(group)
        for command in commands:
            keys = ", ".join(key_display.get(key, key) for key in keys_of(command, keymap))
            rows.append((keys or PALETTE_ONLY, command.help, command.id))
        rows.append("")
    rows.append("Search queries")
    # The query language as ``reader search --help`` gives it: one table, so they agree.
    rows.extend((example, meaning[:1].upper() + meaning[1:], "") for example, meaning in SYNTAX)
    rows.append("")
    rows.append(("ctrl+p", "Command palette: every action, themes, settings", ""))
    rows.append(("mouse", "Click a row or view; double-click opens; wheel scrolls", ""))
    return rows


class HelpTable:
    """The rows as a table laid out for the width it is drawn at."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide() if options.max_width >= WIDE else self.narrow()

    def wide(self) -> Table:
        """Three columns: keys, what they do, id."""
        table = Table(box=None, padding=(0, 2, 0, 0), expand=True, show_header=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        table.add_column("id", style="dim", no_wrap=True)
        for row in self.rows:
            if isinstance(row, str):
                table.add_row(_heading(row), "", "")
            else:
                keys, does, command_id = row
                table.add_row(Text(keys), Text(does), Text(command_id))
        return table

    def narrow(self) -> Table:
        """One column: keys and id, then what they do, indented."""
        table = Table(box=None, padding=0, expand=True, show_header=False)
        table.add_column("keys and what they do", ratio=1)
        for row in self.rows:
            if isinstance(row, str):
                table.add_row(_heading(row))
                continue
            keys, does, command_id = row
            line = Text(keys, style="bold")
            if command_id:
                line.append(f"  {command_id}", style="dim")
            table.add_row(Group(line, Padding(Text(does), (0, 0, 0, 2))))
        return table


def _heading(text: str) -> Text | str:
    """A group's heading; an empty one is a gap between groups."""
    return Text(text, style="bold underline") if text else ""


class HelpScreen(ModalScreen[None]):
    """A modal listing every binding; any of Esc, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help {
            width: 90; max-width: 95%; height: 90%;
            border: thick $primary; background: $surface; padding: 0 1;
        }
        #help-title { text-style: bold; padding: 1 0; }
    }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
        # the reading keys scroll the help too, as they scroll an article
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
        Binding("g,home", "scroll('home')", show=False),
        Binding("G,end", "scroll('end')", show=False),
        Binding("space,pagedown", "scroll('page_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        #: The user's remappings (binding id → keys), shown instead of the defaults.
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        display = {
            key: self.app.get_key_display(Binding(key, ""))
            for command in ALL_COMMANDS
            for key in keys_of(command, self.keymap)
        }
        with VerticalScroll(id="help"):
            yield Static(
                Text("Keys  (remap them with [keymap] in the config file, by id)"), id="help-title"
            )
            yield Static(HelpTable(help_rows(self.keymap, display)))

    def on_mount(self) -> None:
        """The screen's keys scroll the list: the list itself takes no focus, as its own
        arrow keys would scroll once per screen refresh and drop quick repeats."""
        self.query_one("#help").can_focus = False

    def action_scroll(self, where: str) -> None:
        """Scroll the list of keys: down, up, home, end, page_down or page_up.

        Immediately: a deferred scroll starts from where the list was at the last
        refresh, so ten quick presses moved it one line.
        """
        help_list = self.query_one("#help", VerticalScroll)
        page = max(1, help_list.scrollable_content_region.height - 1)
        target = {
            "down": help_list.scroll_target_y + 1,
            "up": help_list.scroll_target_y - 1,
            "home": 0,
            "end": help_list.max_scroll_y,
            "page_down": help_list.scroll_target_y + page,
            "page_up": help_list.scroll_target_y - page,
        }[where]
        help_list.scroll_to(y=target, animate=False, immediate=True)
