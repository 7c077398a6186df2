"""The `?` screen: every key, grouped, with the binding id a keymap uses to remap it."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.commands import ALL_COMMANDS, Command, keys_of

QUERY_LANGUAGE: tuple[tuple[str, str], ...] = (
    ("night trains", "Every word must match (the last one as a prefix while typing)"),
    ('"exact phrase"', "The words side by side"),
    ("-word", 'Leave out articles with the word (or -"a phrase")'),
    ("a OR b", "Either of the two"),
    ("title: source: author:", "The word in that field, e.g. title:budget"),
    ("is:unread is:read", "Only unread, or only read, articles"),
    ("is:bookmarked", "Only bookmarked articles"),
    ("before: after:", "A date: YYYY-MM-DD, or relative: 7d, 2w, 3m, 1y ago"),
    ("sort:date sort:relevance", "Newest first, or best match first (the default)"),
    ("café = Cafe", "Case and accents do not matter"),
)
"""The query language of the `/` prompt, as the help screen explains it."""


def help_table(keymap: dict[str, str], key_display: dict[str, str]) -> Table:
    """The table of every command: keys, what it does, its id."""
    table = Table(box=None, padding=(0, 2, 0, 0), expand=True, show_header=False)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("does", ratio=1)
    table.add_column("id", style="dim", no_wrap=True)

    def group_of(command: Command) -> str:
        return command.group

    for group, commands in groupby(ALL_COMMANDS, key=group_of):
        table.add_row(Text(group, style="bold underline"), "", "")
        for command in commands:
            keys = ", ".join(key_display.get(key, key) for key in keys_of(command, keymap))
            table.add_row(Text(keys), Text(command.help), Text(command.id))
        table.add_row("", "", "")
    table.add_row(Text("Search queries", style="bold underline"), "", "")
    for example, meaning in QUERY_LANGUAGE:
        table.add_row(Text(example), Text(meaning), "")
    table.add_row("", "", "")
    table.add_row(
        Text("ctrl+p", style="bold"), Text("Command palette: every action, themes, settings"), ""
    )
    table.add_row(
        Text("mouse", style="bold"),
        Text("Click a row or view; double-click opens; wheel scrolls"),
        "",
    )
    return table


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

    def compose(self) -> ComposeResult:
        keymap: dict[str, str] = getattr(self.app, "keymap_config", {})
        display = {
            key: self.app.get_key_display(Binding(key, ""))
            for command in ALL_COMMANDS
            for key in keys_of(command, keymap)
        }
        with VerticalScroll(id="help"):
            yield Static(
                Text("Keys  (remap them with [keymap] in the config file, by id)"), id="help-title"
            )
            yield Static(help_table(keymap, display))

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
