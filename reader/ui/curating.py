"""Editing an article's tags and the saved searches: the tag prompt's completion, and
writes shown once they are on disk.

The prompt holds the tags as one line (``news, long read``); the store splits it at the
commas and keeps each tag in its one form (``tags.normalised``), so what the prompt gives
is what is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.message import Message
from textual.message_pump import MessagePump
from textual.suggester import Suggester

from reader.store import Library
from reader.store.tags import spelt_as_known
from reader.store.views import SavedView
from reader.ui.writer import StoreWriter


class TagSuggester(Suggester):
    """Completes the tag being typed (the text after the last comma) from ``tags``."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = sorted(tags, key=str.casefold)
        self._folded = [tag.casefold() for tag in self.tags]

    async def get_suggestion(self, value: str) -> str | None:
        """``value`` with its last part completed to the first tag it starts (spelt as the
        tag is: the prompt shows only the rest, and takes the whole)."""
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        start = typed.casefold()
        given = {part.strip().casefold() for part in head.split(",")}
        for tag, folded in zip(self.tags, self._folded, strict=True):
            if folded.startswith(start) and folded != start and folded not in given:
                return value[: len(value) - len(typed)] + tag
        return None


@dataclass
class TagsWritten(Message):
    """An article's new tags reached the disk (or failed to)."""

    article_id: str
    tags: list[str]
    ok: bool


def write_tags(
    host: MessagePump, writer: StoreWriter, article_id: str, answer: str, known: Sequence[str]
) -> None:
    """Queue giving the article the tags typed in ``answer`` (commas between them), each
    spelt as the library's ``known`` tags spell it."""
    tags = spelt_as_known([answer], known)

    def write(library: Library) -> None:
        library.set_tags(article_id, tags)

    def done(ok: bool) -> None:
        host.post_message(TagsWritten(article_id, tags, ok))

    writer.submit("change the tags", write, done)


@dataclass
class ViewsChanged(Message):
    """The saved searches as they are on disk after a change; ``show`` is the view key to
    show (a search just saved)."""

    views: list[SavedView]
    show: str | None = None


def change_views(
    host: MessagePump,
    writer: StoreWriter,
    what: str,
    change: Callable[[Library], object],
    show: str | None = None,
) -> None:
    """Queue a change to the saved searches (``what`` names it in an error message); the
    views as they then are come back in ``ViewsChanged``."""
    saved: list[list[SavedView]] = []

    def write(library: Library) -> None:
        change(library)
        saved.append(library.views())

    def done(ok: bool) -> None:
        if ok and saved:
            host.post_message(ViewsChanged(saved[0], show))

    writer.submit(what, write, done)
