"""Textual's footer, without the memory it keeps for every key it ever showed.

``Footer`` rebuilds its keys whenever the screen's bindings change (focus moves, a command
turns on or off). Each ``FooterKey`` binds itself to ``Footer.compact``, which records a
watcher on the footer; Textual drops a watcher of a removed widget only when the watched
value changes, and ``compact`` never does. So every rebuild left ~20 dead keys (with their
styles and caches) reachable from the footer: about 35 KB per key press in a long session
(Textual 8.2.8, issue Textualize/textual#6666). This footer forgets them after each rebuild.

It also puts quit and help first: Textual lists the app's keys last, where a terminal 80
columns wide cut ``q`` off while reading; and it shows the progress of work under way (an
update of the feeds) at its right end.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Footer, Static

#: Where Textual keeps the watchers of an object's reactives (name → [(watching node, callback)]).
_WATCHERS = "__watchers"


#: The app's own keys, shown first: a narrow terminal cuts the footer's end off, and
#: ``q`` must stay on screen.
FIRST = ("quit", "help")


class ReaderFooter(Footer):
    """The key bar at the bottom: Textual's footer whose rebuilds do not accumulate, with
    quit and help first, and progress at the end."""

    DEFAULT_CSS = """
    ReaderFooter #progress {
        dock: right; width: auto; padding: 0 1; background: $primary-muted; color: $text;
    }
    """

    #: What is under way ("" when nothing is): kept across rebuilds of the keys.
    progress = ""

    def compose(self) -> ComposeResult:
        """Textual's keys, quit and help moved to the front; then the progress."""
        keys = list(super().compose())
        first = [key for key in keys if getattr(key, "action", None) in FIRST]
        first.sort(key=lambda key: FIRST.index(getattr(key, "action", "")))
        yield from first
        yield from (key for key in keys if key not in first)
        label = Static(Text(self.progress), id="progress")
        label.display = bool(self.progress)
        yield label

    def show_progress(self, text: str) -> None:
        """Show ``text`` (plain) as the progress; an empty text hides it."""
        self.progress = text
        for label in self.query("#progress").results(Static):
            label.update(Text(text))
            label.display = bool(text)

    async def recompose(self) -> None:
        """Rebuild the keys, then drop the watchers the removed keys left behind."""
        await super().recompose()
        self.forget_removed_watchers()

    def forget_removed_watchers(self) -> None:
        """Keep only the watchers of this footer's reactives whose widget is still on screen."""
        watchers: dict[str, list[tuple[Any, Any]]] = getattr(self, _WATCHERS, {})
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if node.is_attached]
