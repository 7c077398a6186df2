"""An import run: read inputs on every core, store them in batches, count what happened.

Callable from a thread worker: progress and failures are reported through callbacks, and
``cancel`` (a ``threading.Event``) stops the run between batches, keeping what was stored.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from reader.ingest.prepare import (
    Failure,
    ImportedArticle,
    Item,
    LeftOut,
    Link,
    Skipped,
    prepare_input,
    prepare_link,
    resolve_offline,
)
from reader.ingest.workers import die_with_parent
from reader.passages.finding import anchored_marks, plain_of
from reader.store import Library, NewArticle
from reader.store.errors import StoreError
from reader.store.identity import url_key
from reader.store.library import now_iso
from reader.store.records import AddOutcome

#: Below this many inputs a worker pool costs more than it saves.
POOL_THRESHOLD = 24
#: Downloads wait on the network, so they run in more processes than there are cores.
FETCH_WORKERS = 8
#: Articles are committed at least this often, so a long import saves progress as it goes
#: and holds the write lock only briefly.
BATCH_ARTICLES = 500
BATCH_SECONDS = 2.0

T = TypeVar("T")


@dataclass(frozen=True)
class Duplicate:
    """An article found already stored, and what it duplicated: a line for the user."""

    #: The input it came from (a file, an archive, an export, a URL) and its title there.
    source: str
    title: str
    #: The stored article it is, and that article's title when it was found.
    id: str
    stored_title: str
    #: What the two share: ``address`` (the same URL) or ``text`` (the same words).
    same: str
    #: The input of this same import the stored article came from, if it did.
    earlier: str | None = None

    def __str__(self) -> str:
        named = (
            f'{self.source} ("{self.title}")' if self.title != self.stored_title else self.source
        )
        where = f" as {self.earlier}, imported just before" if self.earlier else "; already stored"
        return f'{named}: duplicate of {self.id} "{self.stored_title}" (same {self.same}{where})'


@dataclass
class ImportReport:
    """The tally an import prints at the end."""

    added: list[AddOutcome] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: Inputs left out on purpose (links inside archives, and what the caller adds).
    skipped: list[Skipped] = field(default_factory=list)
    #: Entries left out on purpose (bookmarklets, a browser's own queries): no failures.
    left: list[LeftOut] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        """The one summary line."""
        line = (
            f"imported {len(self.added)}, duplicates {len(self.duplicates)}, "
            f"failed {len(self.failures)}"
        )
        if self.left:
            line += f", left out {len(self.left)}"
        return line + (" (stopped early)" if self.cancelled else "")


#: Progress: inputs done, inputs known so far (grows when a list's links are fetched).
Progress = Callable[[int, int], None]


def _mapped(
    function: Callable[[T], list[Item]], inputs: Sequence[T], workers: int, threshold: int
) -> Iterator[list[Item]]:
    """``function`` over ``inputs``, in worker processes when there are enough to pay for them."""
    if workers <= 1 or len(inputs) < threshold:
        yield from map(function, inputs)
        return
    pool: Executor
    with ProcessPoolExecutor(
        max_workers=min(workers, len(inputs)),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(function, inputs, chunksize=8 if threshold > 1 else 1)


def prepared(
    paths: Sequence[str], workers: int | None = None
) -> Iterator[NewArticle | Failure | Skipped]:
    """Each input's articles and failures, links left undownloaded."""
    for items in _mapped(prepare_input, paths, workers or os.cpu_count() or 1, POOL_THRESHOLD):
        yield from resolve_offline(items)


class _Committer:
    """Stores articles in batches and restores the state exports carry."""

    #: A batch is also committed once its bodies and raw texts reach this many characters,
    #: so that an import of many large documents holds about this much text at most waiting
    #: to be stored (500 articles of a few MB each would be gigabytes).
    BATCH_CHARS = 32 * 1024 * 1024

    def __init__(self, library: Library, report: ImportReport, update: bool) -> None:
        self.library, self.report, self.update = library, report, update
        self.pending: list[NewArticle] = []
        #: The input each pending article came from.
        self.sources: list[str] = []
        self.pending_chars = 0
        self.last = time.monotonic()
        self.touched: set[str] = set()
        #: The input each article stored by this run came from, by ID.
        self.stored_from: dict[str, str] = {}

    def add(self, article: NewArticle, source: str) -> None:
        self.pending.append(article)
        self.sources.append(source)
        self.pending_chars += len(article.body) + len(article.raw)
        if (
            len(self.pending) >= BATCH_ARTICLES
            or self.pending_chars >= self.BATCH_CHARS
            or time.monotonic() - self.last > BATCH_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        """Store the batch. An import is the user asking for these articles: one they had
        deleted comes back (counted as imported), with its tags, read state and bookmark."""
        if not self.pending:
            return
        outcomes = self.library.add(self.pending, revive_deleted=True)
        for outcome, source in zip(outcomes, self.sources, strict=True):
            if not outcome.duplicate:
                self.report.added.append(outcome)
                self.stored_from.setdefault(outcome.id, source)
        for item, outcome, source in zip(self.pending, outcomes, self.sources, strict=True):
            if not outcome.duplicate:
                continue
            if self.update and item.raw and not self._stored_raw(outcome.id):
                # a link saved without its page (link-only), now downloaded: imported now
                self.report.added.append(outcome)
                continue
            earlier = self.stored_from.get(outcome.id)  # named before an update replaces it
            self.report.duplicates.append(
                duplicate(self.library, item, source, outcome.id, earlier)
            )
        if self.update:
            self._update_existing(self.pending, outcomes)
        self._restore_state(self.pending, outcomes)
        self.pending = []
        self.sources = []
        self.pending_chars = 0
        self.last = time.monotonic()

    def _stored_raw(self, article_id: str) -> bool:
        """Whether the stored article keeps the input it was made from: a link-only one,
        saved without its page, has none."""
        try:
            return bool(self.library.content(article_id).raw)
        except StoreError:
            return True  # unreadable: not one to count as newly imported

    def _update_existing(self, items: list[NewArticle], outcomes: list[AddOutcome]) -> None:
        """Articles stored before this run get the new metadata and text (state stays).

        Within one run the first copy wins, so two inputs of the same article in a folder
        do not overwrite each other.
        """
        self.touched.update(outcome.id for outcome in outcomes if not outcome.duplicate)
        again: dict[str, NewArticle] = {}
        for item, outcome in zip(items, outcomes, strict=True):
            if outcome.duplicate and outcome.id not in self.touched and outcome.id not in again:
                again[outcome.id] = item
        self.touched.update(outcome.id for outcome in outcomes)
        if again:
            self.library.add(list(again.values()), update_existing=True)

    def _restore_state(self, items: list[NewArticle], outcomes: list[AddOutcome]) -> None:
        """Read state, bookmarks (with their times), positions and highlights from
        exports, added to what the library has, in one change.

        Re-importing never loses the read state, bookmark, position or highlights the
        library has (a highlight it has already is not added twice); a position comes
        only with an article new to the library.
        """
        states: dict[str, dict[str, object]] = {}
        for item, outcome in zip(items, outcomes, strict=True):
            if not isinstance(item, ImportedArticle):
                continue
            wanted = states.setdefault(outcome.id, {})
            if item.read:
                wanted.setdefault("read", True)
                wanted.setdefault("read_at", item.read_at)
            if item.bookmarked:
                wanted.setdefault("bookmarked", True)
                wanted.setdefault("bookmarked_at", item.bookmarked_at)
            if item.position and not outcome.duplicate:
                wanted.setdefault("position", item.position)
            if item.highlights:
                wanted.setdefault("highlights", anchored_highlights(item))
        states = {article_id: wanted for article_id, wanted in states.items() if wanted}
        if states:
            self.library.restore_state(states)


def anchored_highlights(item: ImportedArticle) -> list[dict[str, object]]:
    """An import's highlights as the store keeps them, anchored in its body
    (``passages.finding.anchored_marks``)."""
    return anchored_marks(plain_of(item.body, item.links), item.highlights, now_iso())


def duplicate(
    library: Library, item: NewArticle, source: str, article_id: str, earlier: str | None
) -> Duplicate:
    """How ``item``, from ``source``, duplicates the stored article ``article_id``."""
    stored = library.get(article_id)
    address = url_key(item.url)
    same = "address" if address and address == url_key(stored.url) else "text"
    return Duplicate(source, item.title, article_id, stored.title, same, earlier)


def import_files(
    library: Library,
    paths: Sequence[str],
    *,
    workers: int | None = None,
    fetch: bool = False,
    update: bool = True,
    on_item: Callable[[NewArticle | Failure | Skipped], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import files, folders' files and URLs into ``library``; a bad item fails alone.

    With ``fetch``, the links that Pocket exports, OPML lists and the like name are
    downloaded; otherwise pages are stored as link-only articles and feeds reported.
    With ``update``, an article already stored gets the new metadata and text; its read
    state, bookmark and reading position stay.
    """
    report = ImportReport()
    committer = _Committer(library, report, update)
    count = workers or os.cpu_count() or 1
    links: list[Link] = []
    done, total = 0, len(paths)

    def take(items: Iterable[NewArticle | Failure | Skipped], source: str) -> None:
        for item in items:
            if isinstance(item, Failure):
                if isinstance(item, LeftOut):
                    report.left.append(item)
                else:
                    report.failures.append(item)
                if on_failure:
                    on_failure(item)
            elif isinstance(item, Skipped):
                report.skipped.append(item)
            else:
                committer.add(item, source)
            if on_item:
                on_item(item)

    def step() -> bool:
        nonlocal done
        done += 1
        if on_progress:
            on_progress(done, total)
        return bool(cancel and cancel.is_set())

    prepared_inputs = _mapped(prepare_input, paths, count, POOL_THRESHOLD)
    for source, items in zip(paths, prepared_inputs, strict=True):
        found = [item for item in items if isinstance(item, Link)]
        if fetch:
            links.extend(found)
            total += len(found)
            take((item for item in items if not isinstance(item, Link)), source)
        else:
            take(resolve_offline(items), source)
        if step():
            report.cancelled = True
            break
    if links and not report.cancelled:
        fetchers = max(count, min(FETCH_WORKERS, len(links)))
        for link, items in zip(links, _mapped(prepare_link, links, fetchers, 2), strict=True):
            take(resolve_offline(items), link.name)
            if step():
                report.cancelled = True
                break
    committer.commit()
    library.save_row_cache()  # the next listing, in any process, skips the JSON
    return report
