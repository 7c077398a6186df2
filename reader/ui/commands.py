"""Every user command, once: its key, its footer label, its palette entry and its help line.

Bindings, the footer, the command palette and the help screen are all made from this table,
so they never disagree; a ``[keymap]`` entry in the config remaps a command by its ``id``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    """One thing a user can ask for."""

    id: str
    keys: str
    action: str
    title: str
    help: str
    show: bool = True
    group: str = "Reading"

    def binding(self) -> Binding:
        """The key binding that runs this command."""
        return Binding(self.keys, self.action, self.title, show=self.show, id=self.id)


NAVIGATION, ARTICLE, LIBRARY, SEARCH, APP = (
    "Moving",
    "This article",
    "The list",
    "Search",
    "The app",
)

SCREEN_COMMANDS: tuple[Command, ...] = (
    Command(
        "cursor_down",
        "down,j",
        "cursor_down",
        "Down",
        "Next row, or scroll the article down",
        False,
        NAVIGATION,
    ),
    Command(
        "cursor_up",
        "up,k",
        "cursor_up",
        "Up",
        "Previous row, or scroll the article up",
        False,
        NAVIGATION,
    ),
    Command(
        "first", "g,home", "first", "Top", "First row, or the top of the article", False, NAVIGATION
    ),
    Command(
        "last", "G,end", "last", "Bottom", "Last row, or the end of the article", False, NAVIGATION
    ),
    Command(
        "page_down",
        "space,pagedown",
        "page_down",
        "Page",
        "Page the article down",
        False,
        NAVIGATION,
    ),
    Command("page_up", "pageup", "page_up", "Page up", "Page the article up", False, NAVIGATION),
    Command("open", "enter", "open", "Open", "Read the highlighted article", True, NAVIGATION),
    Command(
        "back",
        "escape,h",
        "back",
        "Back",
        "Back to the list (or out of search results)",
        True,
        NAVIGATION,
    ),
    Command("next_article", "n", "next_article", "Next", "Open the next article", True, NAVIGATION),
    Command(
        "previous_article",
        "p",
        "previous_article",
        "Prev",
        "Open the previous article",
        False,
        NAVIGATION,
    ),
    Command(
        "next_unread",
        "N",
        "next_unread",
        "Next unread",
        "Open the next unread article",
        True,
        NAVIGATION,
    ),
    Command(
        "toggle_read", "m", "toggle_read", "Read", "Mark the article read or unread", True, ARTICLE
    ),
    Command(
        "toggle_bookmark",
        "b",
        "toggle_bookmark",
        "Bookmark",
        "Add or remove a bookmark",
        True,
        ARTICLE,
    ),
    Command(
        "open_url",
        "o",
        "open_url",
        "Browser",
        "Open the article's web page (after showing its URL)",
        False,
        ARTICLE,
    ),
    Command("copy_url", "y", "copy_url", "Copy URL", "Copy the article's URL", False, ARTICLE),
    Command(
        "toggle_removed",
        "x",
        "toggle_removed",
        "Removed",
        "Show or hide what cleaning removed",
        False,
        ARTICLE,
    ),
    Command(
        "mark_all_read",
        "M",
        "mark_all_read",
        "All read",
        "Mark every article in this view read (asks first)",
        False,
        LIBRARY,
    ),
    Command("undo", "u", "undo", "Undo", "Undo marking the view read", False, LIBRARY),
    Command(
        "cycle_sort", "s", "cycle_sort", "Sort", "Sort by date, source or title", False, LIBRARY
    ),
    Command(
        "next_view",
        "right_square_bracket",
        "next_view",
        "Next view",
        "Show the next view",
        False,
        LIBRARY,
    ),
    Command(
        "previous_view",
        "left_square_bracket",
        "previous_view",
        "Prev view",
        "Show the previous view",
        False,
        LIBRARY,
    ),
    Command(
        "search",
        "slash",
        "search",
        "Search",
        "Search every article (type: results follow; Enter: go to them; Esc: back; "
        "up/down: past queries)",
        True,
        SEARCH,
    ),
    Command(
        "next_match",
        "n",
        "next_match",
        "Next match",
        "Next match of the search in the open article (else n opens the next article)",
        True,
        SEARCH,
    ),
    Command(
        "previous_match",
        "N",
        "previous_match",
        "Prev match",
        "Previous match of the search in the open article (else N: next unread)",
        True,
        SEARCH,
    ),
)

APP_COMMANDS: tuple[Command, ...] = (
    Command("help", "question_mark", "help", "Help", "List every key", True, APP),
    Command("quit", "q", "quit", "Quit", "Leave reader", True, APP),
)

ALL_COMMANDS = SCREEN_COMMANDS + APP_COMMANDS


def keys_of(command: Command, keymap: dict[str, str]) -> list[str]:
    """The keys that run ``command`` once the user's keymap is applied."""
    keys = keymap.get(command.id, command.keys)
    return [key.strip() for key in keys.split(",") if key.strip()]


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """What is wrong with the user's ``[keymap]``: names no command has, and keys that
    a remapping gives to two commands (Textual would silently pick one)."""
    known = {command.id for command in ALL_COMMANDS}
    problems = [
        f"[keymap] {name}: no such command (known: {', '.join(sorted(known))})"
        for name in keymap
        if name not in known
    ]
    owners, default = _owners(keymap), _owners({})
    for key, ids in owners.items():
        # n and N are shared on purpose (a match in the open article, else an article).
        if len(ids) > 1 and ids != default.get(key):
            problems.append(f"[keymap] {key} is given to {' and '.join(ids)}; only one can run")
    return problems


def _owners(keymap: dict[str, str]) -> dict[str, list[str]]:
    """Each key and the commands it runs once ``keymap`` is applied."""
    owners: dict[str, list[str]] = {}
    for command in ALL_COMMANDS:
        for key in keys_of(command, keymap):
            owners.setdefault(key, []).append(command.id)
    return owners
