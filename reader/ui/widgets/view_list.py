"""The view list: All, Unread, Bookmarked and one entry per source, each with its unread count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.catalog import View
from reader.ui.formatting import safe
from reader.ui.widgets.article_list import fit

LABEL_WIDTH = 22


class ViewList(OptionList):
    """Choose what the article list shows; counts change as articles are read."""

    DEFAULT_CSS = """
    ViewList {
        width: 24;
        height: 1fr;
        border: none;
        padding: 0;
        background: $panel;
        &:focus { border: none; }
    }
    """

    @dataclass
    class Chosen(Message):
        """The user moved onto a view (``picked`` False) or picked it (Enter, a click)."""

        key: str
        picked: bool = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._quiet = False

    def show_views(self, views: Sequence[View], current: str) -> None:
        """Show ``views`` with their counts, highlighting ``current``."""
        keys = [view.key for view in views]
        prompts = [self._prompt(view) for view in views]
        self._quiet = True
        try:
            if keys == self._keys:
                for index, prompt in enumerate(prompts):
                    self.replace_option_prompt_at_index(index, prompt)
            else:
                self._keys = keys
                self.set_options(
                    Option(prompt, id=key) for prompt, key in zip(prompts, keys, strict=True)
                )
            if current in keys:
                self.highlighted = keys.index(current)
        finally:
            self.call_after_refresh(self._end_quiet)

    def _end_quiet(self) -> None:
        self._quiet = False

    @staticmethod
    def _prompt(view: View) -> Text:
        count = "…" if view.count is None else f"{view.count:,}"
        label = fit(safe(view.label), LABEL_WIDTH - len(count) - 1)
        text = Text(label + " ", no_wrap=True, overflow="ellipsis")
        text.append(count, style="dim")
        return text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving through the views shows each one."""
        event.stop()
        if not self._quiet and event.option.id is not None and self.has_focus:
            self.post_message(self.Chosen(event.option.id, picked=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a view shows it."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
