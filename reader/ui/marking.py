"""Read and bookmark changes: on disk first, on screen after.

A kill -9 a few milliseconds after a mark appeared could lose it, because the screen changed
on the key press and the write followed. Here a key press only queues the durable write; the
catalog, the row and the counts change when the writer reports it on disk (about a
millisecond later at any library size, too soon to notice), so a change that was shown
survives any crash, and one that failed was never shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from textual.message import Message
from textual.message_pump import MessagePump

from reader.store import Article, Library
from reader.ui.catalog import Catalog
from reader.ui.writer import StoreWriter

Flag = Literal["read", "bookmarked"]
READ: Flag = "read"
BOOKMARKED: Flag = "bookmarked"
#: How many shown changes are kept for catalogs read meanwhile (a read takes about a second).
RECENT = 1000


@dataclass
class FlagsWritten(Message):
    """A flag change reached the disk (or failed): the screen may show it now."""

    flag: Flag
    ids: list[str]
    value: bool
    ok: bool
    #: What to tell the user once it is shown; ``{count}`` is the number changed.
    notice: str | None = None
    #: A "mark all read": the articles it changed are what ``u`` restores.
    undoable: bool = False


@dataclass
class WriteFailed(Message):
    """A write failed (nothing of it was shown); ``error`` says what and why."""

    error: str


@dataclass
class Marks:
    """Queues flag changes, remembers the ones on their way, and what ``u`` can undo."""

    host: MessagePump
    writer: StoreWriter
    #: Articles the last "mark all read" changed.
    undo_ids: list[str] = field(default_factory=list)
    #: How many changes have been shown so far.
    shown: int = 0
    _pending: dict[tuple[Flag, str], bool] = field(default_factory=dict)
    #: The latest changes shown, for a catalog that was being read while they were written.
    _recent: deque[FlagsWritten] = field(default_factory=lambda: deque(maxlen=RECENT))

    def value(self, article: Article, flag: Flag) -> bool:
        """The flag as it will be once queued changes are written (a second quick ``m``
        undoes the first even before the first is on screen)."""
        return self._pending.get((flag, article.id), bool(getattr(article, flag)))

    def change(
        self,
        flag: Flag,
        articles: Iterable[Article],
        value: bool,
        *,
        notice: str | None = None,
        undoable: bool = False,
    ) -> int:
        """Queue setting ``flag`` to ``value`` on ``articles``; returns how many will change."""
        ids = [article.id for article in articles if self.value(article, flag) != value]
        if not ids:
            return 0
        for article_id in ids:
            self._pending[(flag, article_id)] = value
        host = self.host

        def write(library: Library) -> None:
            if flag == READ:
                library.set_read(ids, value)
            else:
                library.set_bookmarked(ids, value)

        def done(ok: bool) -> None:
            host.post_message(FlagsWritten(flag, ids, value, ok, notice, undoable))

        what = {READ: "mark read" if value else "mark unread", BOOKMARKED: "change the bookmark"}
        self.writer.submit(what[flag], write, done)
        return len(ids)

    def apply(self, written: FlagsWritten, catalog: Catalog | None) -> list[str]:
        """Show a written change in ``catalog``; returns the IDs whose rows changed."""
        for article_id in written.ids:
            if self._pending.get((written.flag, article_id)) == written.value:
                del self._pending[(written.flag, article_id)]
        if not written.ok or catalog is None:
            return []
        self.shown += 1
        self._recent.append(written)
        if written.flag == READ:
            changed = catalog.set_read(written.ids, written.value)
        else:
            changed = catalog.set_bookmarked(written.ids, written.value)
        if written.undoable:
            self.undo_ids = changed
        return changed

    def catch_up(self, catalog: Catalog, shown: int) -> None:
        """Apply to a freshly read ``catalog`` the changes shown since ``shown`` (the count
        when its reading began): it may have been read before they reached the disk."""
        missed = min(self.shown - shown, len(self._recent))
        for written in list(self._recent)[len(self._recent) - missed :]:
            if written.flag == READ:
                catalog.set_read(written.ids, written.value)
            else:
                catalog.set_bookmarked(written.ids, written.value)

    def save_position(self, article_id: str, position: dict[str, Any] | None) -> None:
        """Write where the reader is in an article (shown at once: a lost position costs
        only the place, and the list's percent is redrawn by the next save)."""
        self.writer.submit(
            "save the reading position",
            lambda library: library.set_position(article_id, position),
        )
