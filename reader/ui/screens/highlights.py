"""The Highlights view: every highlight in the library, newest first; Enter opens its
article at the passage.

Highlights come from the rows already in memory (each carries its article's list); which
ones can no longer be found in their article's text is worked out afterwards, off the UI
thread, and marked. Quotes, notes and titles are article data: plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.sanitize import strip_controls
from reader.store import Article
from reader.ui.formatting import long_date, safe

#: The IDs of an article's highlights no longer found in its text.
DetachedFinder = Callable[[Article], set[str]]
#: The most lines of a quote shown in the list.
QUOTE_CHARS = 400


@dataclass(frozen=True)
class HighlightChoice:
    """The highlight chosen: its article and its ID."""

    article_id: str
    highlight_id: str


def newest_first(articles: Sequence[Article]) -> list[tuple[Article, dict[str, Any]]]:
    """Every highlight of ``articles`` with its article, the newest first."""
    pairs = [(article, mark) for article in articles for mark in article.highlights]
    pairs.sort(key=lambda pair: str(pair[1].get("created") or ""), reverse=True)
    return pairs


class HighlightsScreen(ModalScreen[HighlightChoice | None]):
    """Every highlight; Enter opens its article at the passage, Esc goes back."""

    DEFAULT_CSS = """
    HighlightsScreen {
        align: center middle;
        #dialog {
            width: 100; max-width: 95%; height: 90%;
            border: thick $primary; background: $surface; padding: 0 1;
        }
        #title { text-style: bold; padding: 0 1; }
        #highlights { height: 1fr; border: none; background: $surface; }
        #hint { color: $text-muted; padding: 0 1; }
    }
    """
    BINDINGS = [Binding("escape", "close", "Back", id="highlights_back")]

    def __init__(self, articles: Sequence[Article], detached: DetachedFinder | None = None) -> None:
        super().__init__()
        self.pairs = newest_first(articles)
        self.find_detached = detached
        #: IDs of highlights not found in their article's text (known once looked at).
        self.detached: set[str] = set()

    def compose(self) -> ComposeResult:
        count = len(self.pairs)
        articles = len({article.id for article, _ in self.pairs})
        with Vertical(id="dialog"):
            yield Static(
                Text(
                    f"Highlights: {count:,} in {articles:,} article{'s' if articles != 1 else ''}"
                ),
                id="title",
            )
            yield OptionList(*self._options(), id="highlights")
            hint = "Enter: read it in its article · Esc: back"
            if not count:
                hint = (
                    "No highlights yet: in an article, v selects a passage and Enter highlights it."
                )
            yield Static(Text(hint), id="hint")

    def on_mount(self) -> None:
        """Find the detached ones in the background."""
        self.query_one(OptionList).focus()
        if self.find_detached is not None and self.pairs:
            self._look_for_detached()

    @work(thread=True, exclusive=True, group="highlights", description="Finding highlights")
    def _look_for_detached(self) -> None:
        find = self.find_detached
        if find is None:
            return
        found: set[str] = set()
        for article in {article.id: article for article, _ in self.pairs}.values():
            found |= find(article)
        if found:
            self.app.call_from_thread(self._mark_detached, found)

    def _mark_detached(self, found: set[str]) -> None:
        self.detached = found
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.set_options(self._options())
        options.highlighted = highlighted

    def _options(self) -> list[Option]:
        return [
            Option(self._prompt(article, mark), id=str(index))
            for index, (article, mark) in enumerate(self.pairs)
        ]

    def _prompt(self, article: Article, mark: dict[str, Any]) -> Text:
        text = Text(safe(article.title), style="bold")
        made = long_date(mark.get("created"))
        text.append(f"  {safe(article.source)} · {made}".rstrip(" ·"), style="dim")
        quote = strip_controls(str(mark.get("quote") or ""))
        if len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS].rstrip() + "…"
        text.append("\n“" + " ".join(quote.split()) + "”", style="italic")
        if mark.get("note"):
            text.append("\nNote: " + " ".join(strip_controls(str(mark["note"])).split()))
        if mark.get("id") in self.detached:
            text.append("\n⚠ no longer found in the article's text", style="bold")
        text.append("\n")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: open the article at the passage."""
        event.stop()
        if event.option.id is not None:
            article, mark = self.pairs[int(event.option.id)]
            self.dismiss(HighlightChoice(article.id, str(mark["id"])))

    def action_close(self) -> None:
        """Esc: back where the reader was."""
        self.dismiss(None)
