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
    Link,
    Skipped,
    prepare_input,
    prepare_link,
    resolve_offline,
)
from reader.store import Library, NewArticle
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


@dataclass
class ImportReport:
    """The tally an import prints at the end."""

    added: list[AddOutcome] = field(default_factory=list)
    duplicates: list[AddOutcome] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: Entries left out on purpose (bookmarklets, a browser's own queries): no failures.
    left: list[Skipped] = field(default_factory=list)
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
    with ProcessPoolExecutor(max_workers=min(workers, len(inputs))) as pool:
        yield from pool.map(function, inputs, chunksize=8 if threshold > 1 else 1)


def prepared(paths: Sequence[str], workers: int | None = None) -> Iterator[NewArticle | Failure]:
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
        self.pending_chars = 0
        self.last = time.monotonic()
        self.touched: set[str] = set()

    def add(self, article: NewArticle) -> None:
        self.pending.append(article)
        self.pending_chars += len(article.body) + len(article.raw)
        if (
            len(self.pending) >= BATCH_ARTICLES
            or self.pending_chars >= self.BATCH_CHARS
            or time.monotonic() - self.last > BATCH_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        if not self.pending:
            return
        outcomes = self.library.add(self.pending)
        if self.update:
            self._update_existing(self.pending, outcomes)
        for outcome in outcomes:
            (self.report.duplicates if outcome.duplicate else self.report.added).append(outcome)
        self._restore_state(self.pending, outcomes)
        self.pending = []
        self.pending_chars = 0
        self.last = time.monotonic()

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
        """Read state, bookmarks and positions from exports, added to what the library has.

        Re-importing never loses the read state, bookmark or position the library has.
        """
        read: list[str] = []
        marked: list[str] = []
        positions: dict[str, dict[str, object]] = {}
        for item, outcome in zip(items, outcomes, strict=True):
            if not isinstance(item, ImportedArticle):
                continue
            if item.read:
                read.append(outcome.id)
            if item.bookmarked:
                marked.append(outcome.id)
            if item.position and not outcome.duplicate:
                positions[outcome.id] = item.position
        if read:
            self.library.set_read(read, True)
        if marked:
            self.library.set_bookmarked(marked, True)
        for article_id, position in positions.items():
            self.library.set_position(article_id, position)


def import_files(
    library: Library,
    paths: Sequence[str],
    *,
    workers: int | None = None,
    fetch: bool = False,
    update: bool = True,
    on_item: Callable[[NewArticle | Failure], None] | None = None,
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

    def take(items: Iterable[NewArticle | Failure]) -> None:
        for item in items:
            if isinstance(item, Failure):
                if isinstance(item, Skipped):
                    report.left.append(item)
                else:
                    report.failures.append(item)
                if on_failure:
                    on_failure(item)
            else:
                committer.add(item)
            if on_item:
                on_item(item)

    def step() -> bool:
        nonlocal done
        done += 1
        if on_progress:
            on_progress(done, total)
        return bool(cancel and cancel.is_set())

    for items in _mapped(prepare_input, paths, count, POOL_THRESHOLD):
        found = [item for item in items if isinstance(item, Link)]
        if fetch:
            links.extend(found)
            total += len(found)
            take(item for item in items if not isinstance(item, Link))
        else:
            take(resolve_offline(items))
        if step():
            report.cancelled = True
            break
    if links and not report.cancelled:
        fetchers = max(count, min(FETCH_WORKERS, len(links)))
        for items in _mapped(prepare_link, links, fetchers, 2):
            take(resolve_offline(items))
            if step():
                report.cancelled = True
                break
    committer.commit()
    library.save_row_cache()  # the next listing, in any process, skips the JSON
    return report


def import_articles(library: Library, articles: Iterable[NewArticle]) -> ImportReport:
    """Store articles made elsewhere (samples, feeds) with the same tally."""
    report = ImportReport()
    for outcome in library.add(list(articles)):
        (report.duplicates if outcome.duplicate else report.added).append(outcome)
    return report
