"""Read, bookmark and delete changes: on disk first, on screen after; and their undo.

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
from reader.store.library import now_iso
from reader.ui.catalog import Catalog
from reader.ui.writer import StoreWriter

Flag = Literal["read", "bookmarked", "deleted"]
READ: Flag = "read"
BOOKMARKED: Flag = "bookmarked"
DELETED: Flag = "deleted"
#: What ``u`` says when there is nothing to undo.
NOTHING_TO_UNDO = (
    "Nothing to undo: u undoes deleting (d), restoring (r) or marking a view read (M)."
)
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
    #: A change ``u`` can take back (a deletion, a "mark all read").
    undoable: bool = False
    #: When a deletion was written (as the store keeps it).
    when: str | None = None


@dataclass(frozen=True)
class Undo:
    """What ``u`` takes back: ``flag`` was set to ``value`` on these articles."""

    flag: Flag
    ids: list[str]
    value: bool


@dataclass
class WriteFailed(Message):
    """A write failed (nothing of it was shown); ``error`` says what and why."""

    error: str


@dataclass
class Marks:
    """Queues flag changes, remembers the ones on their way, and what ``u`` can undo."""

    host: MessagePump
    writer: StoreWriter
    #: The changes ``u`` can take back, the latest last.
    undo_stack: list[Undo] = field(default_factory=list)
    #: How many changes have been shown so far.
    shown: int = 0
    _pending: dict[tuple[Flag, str], bool] = field(default_factory=dict)
    #: The latest changes shown, for a catalog that was being read while they were written.
    _recent: deque[FlagsWritten] = field(default_factory=lambda: deque(maxlen=RECENT))

    def value(self, article: Article, flag: Flag) -> bool:
        """The flag as it will be once queued changes are written (a second quick ``m``
        undoes the first even before the first is on screen)."""
        if flag == DELETED:
            return self._pending.get((flag, article.id), article.deleted_at is not None)
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
        written: list[str] = []

        def write(library: Library) -> None:
            if flag == READ:
                library.set_read(ids, value)
            elif flag == BOOKMARKED:
                library.set_bookmarked(ids, value)
            elif value:
                written.append(now_iso())
                library.delete(ids)
            else:
                library.restore(ids)

        def done(ok: bool) -> None:
            when = written[0] if written else None
            host.post_message(FlagsWritten(flag, ids, value, ok, notice, undoable, when))

        what = {
            READ: "mark read" if value else "mark unread",
            BOOKMARKED: "change the bookmark",
            DELETED: "delete" if value else "restore",
        }
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
        changed = _apply(written, catalog)
        if written.undoable and changed:
            self.undo_stack.append(Undo(written.flag, changed, written.value))
        return changed

    def undo(self, catalog: Catalog | None) -> str | None:
        """Take back the last undoable change (queued like any other); returns what to
        say when there was nothing to take back."""
        while self.undo_stack:
            last = self.undo_stack.pop()
            articles = [a for a in map(catalog.get, last.ids) if a is not None] if catalog else []
            notice = {
                READ: "{count:,} marked unread again.",
                BOOKMARKED: "Bookmarks changed back.",
                DELETED: "{count:,} restored." if last.value else "{count:,} deleted again.",
            }[last.flag]
            if self.change(last.flag, articles, not last.value, notice=notice):
                return None
        return NOTHING_TO_UNDO

    def catch_up(self, catalog: Catalog, shown: int) -> None:
        """Apply to a freshly read ``catalog`` the changes shown since ``shown`` (the count
        when its reading began): it may have been read before they reached the disk."""
        missed = min(self.shown - shown, len(self._recent))
        for written in list(self._recent)[len(self._recent) - missed :]:
            _apply(written, catalog)

    def save_position(self, article_id: str, position: dict[str, Any] | None) -> None:
        """Write where the reader is in an article (shown at once: a lost position costs
        only the place, and the list's percent is redrawn by the next save)."""
        self.writer.submit(
            "save the reading position",
            lambda library: library.set_position(article_id, position),
        )


def _apply(written: FlagsWritten, catalog: Catalog) -> list[str]:
    """Show a written change in ``catalog``; returns the IDs that changed."""
    if written.flag == READ:
        return catalog.set_read(written.ids, written.value)
    if written.flag == BOOKMARKED:
        return catalog.set_bookmarked(written.ids, written.value)
    return catalog.set_deleted(written.ids, (written.when or now_iso()) if written.value else None)
