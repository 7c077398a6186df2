"""The `/` prompt: an input line that walks past queries with up and down."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from reader.ui.history import History

PLACEHOLDER = (
    'Search: words "a phrase" -not title:x is:unread after:7d  (Enter: results, Esc: back)'
)


class SearchBar(Input):
    """Type to search; Enter goes to the results, Esc goes back to the view you came from."""

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        display: none;
        border: tall $accent;
        &.-shown { display: block; }
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="search_cancel"),
        Binding("up", "older", "Older query", show=False, id="search_older"),
        Binding("down", "newer", "Newer query", show=False, id="search_newer"),
    ]

    @dataclass
    class Cancelled(Message):
        """The user left the prompt with Esc."""

    def __init__(self, history: History, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)
        self.history = history
        self._position = len(history.entries)

    def open(self) -> None:
        """Show the prompt, empty, and start typing into it."""
        self._position = len(self.history.entries)
        self.value = ""
        self.add_class("-shown")
        self.focus()

    def close(self) -> None:
        """Hide the prompt."""
        self.remove_class("-shown")

    def action_cancel(self) -> None:
        """Esc: leave the prompt and the results."""
        self.post_message(self.Cancelled())

    def action_older(self) -> None:
        """Up: the query typed before this one."""
        if self._position > 0:
            self._position -= 1
            self._recall()

    def action_newer(self) -> None:
        """Down: the query typed after this one (or an empty prompt)."""
        if self._position < len(self.history.entries):
            self._position += 1
            self._recall()

    def _recall(self) -> None:
        entries = self.history.entries
        self.value = entries[self._position] if self._position < len(entries) else ""
        self.cursor_position = len(self.value)
