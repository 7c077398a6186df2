"""The `f` screen: an article's links, numbered, to follow by keyboard.

Typing a number or a few letters of a link's text (or address) narrows the list; when one
link is left, or on Enter, it is chosen and its address shown in full, with what Enter
will do: open it in reader when it is an article of the library, else in the browser
(http, https and mailto only); y copies it. Esc goes back a step. Link text and addresses
are article data: shown as plain text, flattened to one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.formatting import safe
from reader.ui.links import check_link

#: The stored article an address names: ``(id, title)``, or None.
Finder = Callable[[str], tuple[str, str] | None]


@dataclass(frozen=True)
class Link:
    """One link of the article: its number in the list, its text and its address."""

    number: int
    text: str
    url: str


@dataclass(frozen=True)
class LinkChoice:
    """What the reader asked for: open or copy ``link``; ``article`` is the stored article
    it names (opened in reader instead of the browser)."""

    link: Link
    action: Literal["open", "copy"]
    article: str | None = None


def numbered(links: Sequence[tuple[str, str]]) -> list[Link]:
    """Each address once (with the text it first had), numbered from 1."""
    seen: dict[str, Link] = {}
    for text, url in links:
        if url and url not in seen:
            seen[url] = Link(len(seen) + 1, text, url)
    return list(seen.values())


class LinksScreen(ModalScreen[LinkChoice | None]):
    """Pick a link by number or letters; Enter opens it, y copies it."""

    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
        #dialog {
            width: 90; max-width: 95%; height: auto; max-height: 90%;
            border: thick $primary; background: $surface; padding: 0 1;
        }
        #title { text-style: bold; padding: 0 1; }
        #links { height: auto; max-height: 60vh; border: none; background: $surface; }
        #typed { color: $text-muted; padding: 0 1; }
        #chosen { display: none; padding: 1 1; }
        &.-chosen #chosen { display: block; }
        &.-chosen #links { display: none; }
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="links_back"),
        # The list has Enter while it is shown; once a link is chosen, it is hidden.
        Binding("enter", "enter", "Open", show=False, id="links_open"),
    ]

    def __init__(self, links: Sequence[Link], find: Finder | None = None) -> None:
        super().__init__()
        self.links = list(links)
        self.find = find
        #: What has been typed to pick a link.
        self.typed = ""
        #: The chosen link (its address shown), or None while picking.
        self.chosen: Link | None = None
        #: Links found to be articles of the library: number → (id, title).
        self.stored: dict[int, tuple[str, str]] = {}
        self._shown: list[Link] = list(self.links)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            count = len(self.links)
            yield Static(Text(f"Links in this article ({count})"), id="title")
            yield OptionList(*self._options(), id="links")
            yield Static(id="chosen")
            yield Static(id="typed")

    def on_mount(self) -> None:
        """Look for the links' articles in the library (off the UI thread)."""
        self._say_typed()
        if self.find is not None and self.links:
            self._find_stored()

    @work(thread=True, exclusive=True, group="links", description="Finding linked articles")
    def _find_stored(self) -> None:
        find = self.find
        if find is None:
            return
        found = {link.number: hit for link in self.links if (hit := find(link.url)) is not None}
        if found:
            self.app.call_from_thread(self._stored_found, found)

    def _stored_found(self, found: dict[int, tuple[str, str]]) -> None:
        self.stored = found
        self._fill()
        if self.chosen is not None:
            self._show_chosen()

    # ----- picking -------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Typed characters narrow the list; y copies the chosen link."""
        if self.chosen is not None:
            if event.character == "y":
                event.stop()
                self._dismiss("copy")
            return
        if event.key == "backspace" and self.typed:
            event.stop()
            self._type(self.typed[:-1])
        elif event.character and event.character.isprintable() and event.character != " ":
            event.stop()
            self._type(self.typed + event.character)

    def _type(self, typed: str) -> None:
        self.typed = typed
        wanted = typed.casefold()
        if not wanted:
            shown = list(self.links)
        elif wanted.isdigit():
            shown = [link for link in self.links if str(link.number).startswith(wanted)]
        else:
            shown = [
                link
                for link in self.links
                if wanted in link.text.casefold() or wanted in link.url.casefold()
            ]
        self._shown = shown
        self._fill()
        self._say_typed()
        if wanted.isdigit():
            exact = [link for link in shown if str(link.number) == wanted]
            if exact and len(shown) == 1:
                self._choose(exact[0])
        elif len(shown) == 1:
            self._choose(shown[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a link chooses it (its address is shown before it opens)."""
        event.stop()
        if self.chosen is not None:
            self._dismiss("open")
        elif event.option.id is not None:
            self._choose(self.links[int(event.option.id) - 1])

    def action_enter(self) -> None:
        """Enter once a link is chosen: open it."""
        if self.chosen is not None:
            self._dismiss("open")

    def _choose(self, link: Link) -> None:
        self.chosen = link
        self.add_class("-chosen")
        self._show_chosen()
        self._say_typed()

    def action_back(self) -> None:
        """Esc: from the chosen link back to the list; from what was typed to all links;
        else out."""
        if self.chosen is not None:
            self.chosen = None
            self.remove_class("-chosen")
            self.query_one("#links", OptionList).focus()
            self._say_typed()
        elif self.typed:
            self._type("")
        else:
            self.dismiss(None)

    def _dismiss(self, action: Literal["open", "copy"]) -> None:
        link = self.chosen
        if link is not None:
            stored = self.stored.get(link.number)
            self.dismiss(LinkChoice(link, action, stored[0] if stored else None))

    # ----- drawing -------------------------------------------------------------------

    def _options(self) -> list[Option]:
        return [Option(self._prompt(link), id=str(link.number)) for link in self._shown]

    def _fill(self) -> None:
        options = self.query_one("#links", OptionList)
        options.set_options(self._options())
        if self._shown:
            options.highlighted = 0

    def _prompt(self, link: Link) -> Table:
        """The link's number beside its text and address: a long one wraps under itself."""
        text = Text(safe(link.text) or "(no text)")
        if link.number in self.stored:
            text.append("  in your library", style="italic")
        text.append("\n" + safe(link.url)[:300], style="dim")
        row = Table.grid(padding=(0, 2, 0, 0))
        row.add_column(justify="right", width=3, no_wrap=True)
        row.add_column(overflow="fold")
        row.add_row(Text(str(link.number), style="bold"), text)
        return row

    def _show_chosen(self) -> None:
        link = self.chosen
        if link is None:
            return
        text = Text(f"Link {link.number}: ", style="bold")
        text.append(safe(link.text) or "(no text)")
        text.append("\n\n" + safe(link.url) + "\n\n", style="bold underline")
        stored = self.stored.get(link.number)
        verdict = check_link(link.url, allow_mail=True)
        if stored is not None:
            text.append("Enter reads it here, in reader: ")
            text.append(safe(stored[1]), style="italic")
        elif verdict.problem:
            text.append(verdict.problem)
        else:
            text.append("Enter opens it in your browser.")
        text.append("\ny copies the address · Esc: back to the links", style="dim")
        self.query_one("#chosen", Static).update(text)

    def _say_typed(self) -> None:
        if self.chosen is not None:
            line = ""
        elif self.typed:
            line = f"Typed: {self.typed}  (Backspace: undo · Esc: all links)"
        elif self.links:
            line = "Type a number or a few letters to pick a link; Enter chooses; Esc: back"
        else:
            line = "This article has no links. Esc: back"
        self.query_one("#typed", Static).update(Text(line))
