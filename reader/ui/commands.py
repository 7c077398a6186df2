"""Every user command, once: its key, footer label, palette entry, help line and when it applies.

Bindings, the footer, the command palette, the help screen and ``check_action`` are all made
from this table, so they never disagree; a ``[keymap]`` entry in the config remaps a command
by its ``id``, which is also the name of the action it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Focus = Literal["list", "pane", "views", "search"]


@dataclass(frozen=True)
class Situation:
    """What decides which commands apply: the screen's state as the commands see it.

    Equal situations offer the same commands, so the footer is rebuilt only when this changes.
    """

    #: An article is under the list's cursor.
    article: bool = False
    focus: Focus = "list"
    #: The reading pane shows an article.
    reading: bool = False
    searching: bool = False
    #: Reading a search result: n and N walk the matches instead of the articles.
    matching: bool = False
    #: Some rows are loaded.
    loaded: bool = False
    #: The whole library is loaded (not only the newest rows).
    complete: bool = False
    #: The list has rows.
    rows: bool = False
    #: A passage is being selected: only the selection's keys (and help, quit) apply.
    selecting: bool = False
    #: A highlight of the open article is current (after ``'``, or just made).
    current_highlight: bool = False
    #: Only the article is on screen (``z``).
    zen: bool = False
    #: The list shows the Deleted view, or a saved search.
    deleted_view: bool = False
    saved_view: bool = False


def _always(_: Situation) -> bool:
    return True


@dataclass(frozen=True)
class Command:
    """One thing a user can ask for; ``id`` names both the action and the binding.

    A command without ``keys`` is offered in the palette (and help) only.
    """

    id: str
    keys: str
    title: str
    help: str
    show: bool = True
    group: str = "Reading"
    #: When the command applies (it is then offered in the footer and palette).
    when: Callable[[Situation], bool] = _always

    def binding(self) -> Binding:
        """The key binding that runs this command."""
        return Binding(self.keys, self.id, self.title, show=self.show, id=self.id)


NAVIGATION, ARTICLE, HIGHLIGHTS, SELECTING, LIBRARY, SEARCH, FEEDS, APP = (
    "Moving",
    "This article",
    "Highlights and notes",
    "Selecting (after v)",
    "The list",
    "Search",
    "Feeds",
    "The app",
)


def _has_article(s: Situation) -> bool:
    return s.article


def _stepping(s: Situation) -> bool:
    """n, N (and p) step through articles, unless they are walking a search's matches."""
    return s.article and not s.matching


def _reading(s: Situation) -> bool:
    return s.reading


def _complete(s: Situation) -> bool:
    return s.complete


def _selecting(s: Situation) -> bool:
    return s.selecting


def _current_highlight(s: Situation) -> bool:
    return s.current_highlight


SCREEN_COMMANDS: tuple[Command, ...] = (
    Command(
        "cursor_down", "down,j", "Down", "Next row, or scroll the article down", False, NAVIGATION
    ),
    Command("cursor_up", "up,k", "Up", "Previous row, or scroll the article up", False, NAVIGATION),
    Command("first", "g,home", "Top", "First row, or the top of the article", False, NAVIGATION),
    Command("last", "G,end", "Bottom", "Last row, or the end of the article", False, NAVIGATION),
    Command(
        "page_down", "space,pagedown", "Page", "Page the article down", False, NAVIGATION, _reading
    ),
    Command("page_up", "pageup", "Page up", "Page the article up", False, NAVIGATION, _reading),
    Command(
        "open",
        "enter",
        "Open",
        "Read the highlighted article",
        True,
        NAVIGATION,
        lambda s: s.article and s.focus == "list",
    ),
    Command(
        "back",
        "escape,h",
        "Back",
        "Back to the list (or out of search results)",
        True,
        NAVIGATION,
        lambda s: s.focus in ("pane", "views") or s.searching,
    ),
    Command("next_article", "n", "Next", "Open the next article", True, NAVIGATION, _stepping),
    Command(
        "previous_article",
        "p",
        "Prev",
        "Open the previous article",
        False,
        NAVIGATION,
        _has_article,
    ),
    Command(
        "next_unread",
        "N",
        "Next unread",
        "Open the next unread article",
        True,
        NAVIGATION,
        lambda s: s.loaded and _stepping(s),
    ),
    Command(
        "toggle_read", "m", "Read", "Mark the article read or unread", True, ARTICLE, _has_article
    ),
    Command(
        "toggle_bookmark", "b", "Bookmark", "Add or remove a bookmark", True, ARTICLE, _has_article
    ),
    Command(
        "open_url",
        "o",
        "Browser",
        "Open the article's web page (after showing its URL)",
        False,
        ARTICLE,
        _has_article,  # an article without an address says so
    ),
    Command("copy_url", "y", "Copy URL", "Copy the article's URL", False, ARTICLE, _has_article),
    Command(
        "toggle_removed",
        "x",
        "Removed",
        "Show or hide what cleaning removed",
        False,
        ARTICLE,
        _reading,
    ),
    Command(
        "links",
        "f",
        "Links",
        "The article's links, numbered: a number or a few letters pick one; Enter opens it "
        "(an article in the library opens here), y copies it",
        True,
        ARTICLE,
        _reading,
    ),
    Command(
        "pipe",
        "vertical_line",
        "Pipe",
        "Pipe the article as Markdown to a command (asks which; up/down: past commands)",
        False,
        ARTICLE,
        _reading,
    ),
    Command(
        "pager",
        "e",
        "Pager",
        "Open the article read-only in $PAGER (or $EDITOR); reader comes back as it was",
        False,
        ARTICLE,
        _reading,
    ),
    Command(
        "zen",
        "z",
        "Zen",
        "Show only the article, or everything again",
        False,
        ARTICLE,
        lambda s: s.reading or s.zen,
    ),
    Command(
        "start_selection",
        "v",
        "Highlight",
        "Select a passage to highlight, from the first sentence on screen",
        True,
        HIGHLIGHTS,
        _reading,
    ),
    Command(
        "next_highlight",
        "apostrophe",
        "Next highlight",
        "Go to the next highlight in the article (its note is shown)",
        False,
        HIGHLIGHTS,
        _reading,  # an article without highlights says so
    ),
    Command(
        "previous_highlight",
        "quotation_mark",
        "Prev highlight",
        "Go to the previous highlight in the article",
        False,
        HIGHLIGHTS,
        _reading,  # an article without highlights says so
    ),
    Command(
        "note",
        "a",
        "Note",
        "Write (or change, or clear) the note of the current highlight",
        True,
        HIGHLIGHTS,
        _current_highlight,
    ),
    Command(
        "remove_highlight",
        "d",
        "Remove",
        "Remove the current highlight (asks first)",
        False,
        HIGHLIGHTS,
        _current_highlight,
    ),
    Command(
        "all_highlights",
        "H",
        "Highlights",
        "Every highlight in the library; Enter opens its article at the passage",
        False,
        HIGHLIGHTS,
        lambda s: s.loaded,
    ),
    Command("sentence_more", "j,down", "Longer", "One sentence more", True, SELECTING, _selecting),
    Command("sentence_less", "k,up", "Shorter", "One sentence less", True, SELECTING, _selecting),
    Command(
        "paragraph_more",
        "right_curly_bracket",
        "Paragraph",
        "To the end of the paragraph (or of the next one)",
        False,
        SELECTING,
        _selecting,
    ),
    Command(
        "paragraph_less",
        "left_curly_bracket",
        "Paragraph less",
        "Back to the end of the paragraph before",
        False,
        SELECTING,
        _selecting,
    ),
    Command(
        "select_later",
        "l,right",
        "Later",
        "Move the selection a sentence on",
        True,
        SELECTING,
        _selecting,
    ),
    Command(
        "select_earlier",
        "h,left",
        "Earlier",
        "Move the selection a sentence back",
        True,
        SELECTING,
        _selecting,
    ),
    Command(
        "highlight",
        "enter",
        "Highlight",
        "Highlight the selected passage",
        True,
        SELECTING,
        _selecting,
    ),
    Command("stop_selecting", "escape", "Cancel", "Stop selecting", True, SELECTING, _selecting),
    Command(
        "mark_all_read",
        "M",
        "All read",
        "Mark every article in this view read (asks first)",
        False,
        LIBRARY,
        lambda s: s.complete and s.rows,
    ),
    Command(
        "edit_tags",
        "t",
        "Tags",
        "Edit the article's tags (commas between them; completes from the library's tags)",
        False,
        ARTICLE,
        _has_article,
    ),
    Command(
        "delete_article",
        "d",
        "Delete",
        "Delete the article (u brings it back; the Deleted view keeps it 30 days)",
        False,
        LIBRARY,
        lambda s: s.article and not s.current_highlight and not s.deleted_view,
    ),
    Command(
        "restore_article",
        "r",
        "Restore",
        "Bring the deleted article back, as it was (in the Deleted view)",
        True,
        LIBRARY,
        lambda s: s.article and s.deleted_view,
    ),
    # Always on: with nothing to undo, u says so rather than doing nothing.
    Command(
        "undo",
        "u",
        "Undo",
        "Undo the last delete (d), restore (r) or marking a view read (M)",
        False,
        LIBRARY,
    ),
    Command("cycle_sort", "s", "Sort", "Sort by date, source or title", False, LIBRARY, _complete),
    Command(
        "next_view",
        "right_square_bracket",
        "Next view",
        "Show the next view",
        False,
        LIBRARY,
        _complete,
    ),
    Command(
        "previous_view",
        "left_square_bracket",
        "Prev view",
        "Show the previous view",
        False,
        LIBRARY,
        _complete,
    ),
    Command(
        "pick_view",
        "colon",
        "Go to view",
        "Go to any view by typing part of its name",
        True,
        LIBRARY,
        lambda s: s.loaded,
    ),
    Command(
        "search",
        "slash",
        "Search",
        "Search every article (type: results follow; Enter: go to them; Esc: back; "
        "up/down: past queries)",
        True,
        SEARCH,
        _complete,
    ),
    Command(
        "save_search",
        "ctrl+s",
        "Save view",
        "Save this search as a view of the sidebar (asks for its name)",
        True,
        SEARCH,
        lambda s: s.searching,
    ),
    Command(
        "move_view_up",
        "ctrl+up",
        "View up",
        "Move the saved search shown one place up the sidebar",
        False,
        SEARCH,
        lambda s: s.saved_view,
    ),
    Command(
        "move_view_down",
        "ctrl+down",
        "View down",
        "Move the saved search shown one place down the sidebar",
        False,
        SEARCH,
        lambda s: s.saved_view,
    ),
    Command(
        "remove_view",
        "delete",
        "Remove view",
        "Remove the saved search shown (asks first; its articles stay)",
        False,
        SEARCH,
        lambda s: s.saved_view,
    ),
    Command(
        "next_match",
        "n",
        "Next match",
        "Next match of the search in the open article (else n opens the next article)",
        True,
        SEARCH,
        lambda s: s.matching,
    ),
    Command(
        "previous_match",
        "N",
        "Prev match",
        "Previous match of the search in the open article (else N: next unread)",
        True,
        SEARCH,
        lambda s: s.matching,
    ),
    # The only commands that touch the network, and only when asked.
    Command(
        "update_feeds",
        "R",
        "Update",
        "Update feeds: all that are due, in the background (progress in the footer)",
        False,
        FEEDS,
    ),
    Command(
        "add_feed",
        "",
        "Add feed",
        "Add feed: subscribe to a feed's address (or a page that names its feed), then update it",
        False,
        FEEDS,
    ),
    Command(
        "remove_feed",
        "",
        "Remove feed",
        "Remove feed: stop following a feed (its articles stay)",
        False,
        FEEDS,
    ),
)

APP_COMMANDS: tuple[Command, ...] = (
    Command("help", "question_mark", "Help", "List every key", True, APP),
    Command("quit", "q", "Quit", "Leave reader", True, APP),
)

ALL_COMMANDS = SCREEN_COMMANDS + APP_COMMANDS
#: Each screen command by its id (= its action's name).
SCREEN_COMMAND_BY_ID = {command.id: command for command in SCREEN_COMMANDS}


def keys_of(command: Command, keymap: dict[str, str]) -> list[str]:
    """The keys that run ``command`` once the user's keymap is applied (none for a command
    of the palette only: it has no binding to remap)."""
    if not command.keys:
        return []
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
    problems += [
        f"[keymap] {command.id}: offered in the command palette only (ctrl+p); no key runs it"
        for command in ALL_COMMANDS
        if not command.keys and command.id in keymap
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
