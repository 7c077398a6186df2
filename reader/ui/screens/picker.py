"""Jump to any view by typing part of its name: the `:` picker.

Names are matched ignoring case, best first: those that start with what is typed, then
those with a word starting with it, then those holding it anywhere, then those holding its
letters in order (``cc`` finds Coastal Courier). Only the best ``SHOWN`` are drawn, so a
keystroke costs the same with ten views or twelve hundred.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.catalog import View
from reader.ui.formatting import safe

#: How many matches are drawn at most.
SHOWN = 30


def matching(views: Sequence[View], typed: str, most: int = SHOWN) -> list[View]:
    """The views whose names match ``typed``, best first (see the module's docstring)."""
    wanted = typed.casefold().strip()
    if not wanted:
        return list(views[:most])
    tiers: list[list[View]] = [[], [], [], []]
    for view in views:
        name = view.label.casefold()
        at = name.find(wanted)
        if at == 0:
            tiers[0].append(view)
        elif at > 0:
            tiers[1 if not name[at - 1].isalnum() else 2].append(view)
        elif _in_order(wanted, name):
            tiers[3].append(view)
        if len(tiers[0]) >= most:
            break
    return [view for tier in tiers for view in tier][:most]


def _in_order(letters: str, name: str) -> bool:
    """True when ``name`` holds every character of ``letters``, in order."""
    rest = iter(name)
    return all(letter in rest for letter in letters if letter != " ")


class ViewPicker(ModalScreen[str | None]):
    """Type part of a view's name, Enter goes there; Esc goes nowhere."""

    DEFAULT_CSS = """
    ViewPicker {
        align: center top;
        #picker {
            width: 60; max-width: 95%; height: auto; max-height: 80%; margin-top: 3;
            border: thick $primary; background: $surface; padding: 0 1;
        }
        #picker-hint { color: $text-muted; }
        OptionList { height: auto; max-height: 20; border: none; padding: 0; }
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker_cancel"),
        Binding("down", "move(1)", show=False, id="picker_down"),
        Binding("up", "move(-1)", show=False, id="picker_up"),
    ]

    def __init__(self, views: Sequence[View]) -> None:
        super().__init__()
        self.views = list(views)
        self.shown: list[View] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Input(placeholder="Go to view: type part of its name", id="picker-input")
            yield OptionList(id="picker-list")
            yield Static(Text("Enter: go there · up/down: choose · Esc: cancel"), id="picker-hint")

    def on_mount(self) -> None:
        """Type at once; every view is offered until something is typed."""
        self.query_one(Input).focus()
        self.show_matches("")

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        """Narrow the list at each keystroke."""
        event.stop()
        self.show_matches(event.value)

    def show_matches(self, typed: str) -> None:
        """Offer the views matching ``typed``, the best highlighted."""
        self.shown = matching(self.views, typed)
        options = self.query_one(OptionList)
        options.set_options(Option(self._prompt(view), id=view.key) for view in self.shown)
        if self.shown:
            options.highlighted = 0

    @staticmethod
    def _prompt(view: View) -> Text:
        text = Text(safe(view.label), no_wrap=True, overflow="ellipsis")
        text.append(f"  {view.group}", style="dim")
        return text

    def action_move(self, delta: int) -> None:
        """Up and down choose among the matches while typing."""
        options = self.query_one(OptionList)
        if self.shown:
            index = (options.highlighted or 0) + delta
            options.highlighted = max(0, min(index, len(self.shown) - 1))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter: the highlighted match."""
        event.stop()
        index = self.query_one(OptionList).highlighted
        if self.shown and index is not None:
            self.dismiss(self.shown[index].key)

    @on(OptionList.OptionSelected)
    def clicked(self, event: OptionList.OptionSelected) -> None:
        """A click on a match goes there."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Esc: stay where you were."""
        self.dismiss(None)
