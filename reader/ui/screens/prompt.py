"""One line to type in a small modal: a highlight's note, the command ``|`` pipes to.

Enter answers with the text, Esc with None; given a ``History``, up and down walk the
earlier answers (newest first) and Enter remembers the new one; given a ``Suggester``,
the rest of a word is offered as it is typed (right arrow takes it). What is shown of the
article (a quote) is plain text: never read as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from reader.ui.history import History


class Prompt(ModalScreen[str | None]):
    """Ask for one line of text; dismissed with it, or None on Esc."""

    DEFAULT_CSS = """
    Prompt {
        align: center middle;
        #dialog {
            width: 76; max-width: 95%; height: auto;
            border: thick $primary; background: $surface; padding: 1 2;
        }
        #question { margin-bottom: 1; }
        #detail { color: $text-muted; margin-bottom: 1; max-height: 6; }
        #hint { color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt_cancel"),
        Binding("up", "older", "Older", show=False, id="prompt_older"),
        Binding("down", "newer", "Newer", show=False, id="prompt_newer"),
    ]

    def __init__(
        self,
        question: str,
        value: str = "",
        *,
        detail: str = "",
        hint: str = "Enter: done · Esc: cancel",
        history: History | None = None,
        suggester: Suggester | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.detail = detail
        self.hint = hint
        self.history = history
        self.suggester = suggester
        self._position = len(history.entries) if history else 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question, style="bold"), id="question")
            if self.detail:
                yield Static(Text(self.detail), id="detail")
            yield Input(self.value, id="answer", suggester=self.suggester)
            yield Static(Text(self.hint), id="hint")

    def on_mount(self) -> None:
        """Type at once, after what is there."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: answer with the text (remembered, with a history)."""
        event.stop()
        if self.history is not None:
            self.history.add(event.value)
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Esc: no answer."""
        self.dismiss(None)

    def action_older(self) -> None:
        """Up: the answer given before."""
        if self.history is not None and self._position > 0:
            self._position -= 1
            self._recall()

    def action_newer(self) -> None:
        """Down: the answer given after (or empty)."""
        if self.history is not None and self._position < len(self.history.entries):
            self._position += 1
            self._recall()

    def _recall(self) -> None:
        entries = self.history.entries if self.history else []
        answer = self.query_one(Input)
        answer.value = entries[self._position] if self._position < len(entries) else ""
        answer.cursor_position = len(answer.value)
