"""Picking one of the subscriptions (for Remove feed): each feed's title over its address.

Titles and addresses come from the feeds themselves: plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.sanitize import one_line
from reader.store.subscriptions import Subscription


def feed_option(feed: Subscription) -> Text:
    """One feed in the list: its title in bold, its address below."""
    line = Text(one_line(feed.title or "") or "(untitled)", style="bold")
    line.append("\n" + one_line(feed.url), style="dim")
    return line


class FeedPicker(ModalScreen[Subscription | None]):
    """Choose a feed; dismissed with it, or None on Esc."""

    DEFAULT_CSS = """
    FeedPicker {
        align: center middle;
        #dialog {
            width: 90; max-width: 95%; height: auto; max-height: 80%;
            border: thick $primary; background: $surface; padding: 0 1;
        }
        #question { text-style: bold; padding: 0 1; }
        #feeds { height: auto; max-height: 30; border: none; background: $surface; }
        #hint { color: $text-muted; padding: 0 1; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="feed_picker_cancel")]

    def __init__(self, question: str, feeds: Sequence[Subscription]) -> None:
        super().__init__()
        self.question = question
        self.feeds = list(feeds)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question), id="question")
            options = [Option(feed_option(feed), id=feed.id) for feed in self.feeds]
            yield OptionList(*options, id="feeds")
            yield Static(Text("Enter: choose · Esc: cancel"), id="hint")

    def on_mount(self) -> None:
        """Choose with the arrows at once."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) chooses the feed."""
        event.stop()
        chosen = next((feed for feed in self.feeds if feed.id == event.option.id), None)
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        """Esc: none."""
        self.dismiss(None)
