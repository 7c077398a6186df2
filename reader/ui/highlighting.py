"""Highlight changes (made, noted, removed): on disk first, on screen after, as marks are.

A change is queued on the store writer; once it is durable, the article's highlights as
the store now has them come back in a ``HighlightsWritten`` message, and only then does
the pane draw them: a highlight that was shown survives any crash.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from reader.store import Library
from reader.ui.writer import StoreWriter


@dataclass
class HighlightsWritten(Message):
    """An article's highlights after a change reached the disk (``ok``) or failed."""

    article_id: str
    highlights: tuple[dict[str, Any], ...]
    ok: bool
    #: The highlight to make current (a new one), and what to tell the user.
    current: str | None = None
    notice: str | None = None


def new_highlight(
    quote: str, prefix: str, suffix: str, now: datetime | None = None
) -> dict[str, Any]:
    """A highlight of ``quote`` with its context, made now, with a fresh ID."""
    made = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return {
        "id": secrets.token_hex(4),
        "quote": quote,
        "prefix": prefix,
        "suffix": suffix,
        "note": None,
        "created": made.isoformat(),
    }


class HighlightWrites:
    """Queues highlight changes for ``host``, which receives ``HighlightsWritten``."""

    def __init__(
        self, host: MessagePump, writer: StoreWriter, now: Callable[[], datetime] = datetime.now
    ) -> None:
        self.host = host
        self.writer = writer
        #: The app's clock: when a highlight is made.
        self.now = now

    def add(self, article_id: str, passage: tuple[str, str, str]) -> None:
        """Keep a new highlight of ``passage`` (quote, text before, text after); it becomes
        the current one."""
        mark = new_highlight(*passage, now=self.now())
        self._submit(
            "keep the highlight",
            article_id,
            lambda library: library.add_highlight(article_id, mark),
            current=mark["id"],
            notice="Highlighted: a adds a note, d removes it.",
        )

    def note(self, article_id: str, highlight_id: str, note: str | None) -> None:
        """Give a highlight a note (or take it away)."""
        self._submit(
            "save the note",
            article_id,
            lambda library: library.set_note(article_id, highlight_id, note),
            current=highlight_id,
            notice="Note saved." if note else "Note removed.",
        )

    def remove(self, article_id: str, highlight_id: str) -> None:
        """Remove a highlight."""
        self._submit(
            "remove the highlight",
            article_id,
            lambda library: library.remove_highlight(article_id, highlight_id),
            notice="Highlight removed.",
        )

    def _submit(
        self,
        what: str,
        article_id: str,
        change: Callable[[Library], None],
        *,
        current: str | None = None,
        notice: str | None = None,
    ) -> None:
        after: list[tuple[dict[str, Any], ...]] = []

        def write(library: Library) -> None:
            change(library)
            after.append(tuple(library.highlights(article_id)))

        def done(ok: bool) -> None:
            marks = after[0] if after else ()
            self.host.post_message(HighlightsWritten(article_id, marks, ok, current, notice))

        self.writer.submit(what, write, done)
