"""The update run: every feed asked for at once (politely), new entries stored as they come.

Downloads run in one asyncio loop (``reader.net.http``: at most 8 connections, 2 per
host, conditional requests); reading feeds and cleaning pages run in worker processes,
so both cores work while the network waits; articles are stored in batches from one
thread, each batch one ``Library.add``. Callable from a thread worker of the app:
progress, new articles and failures are reported through callbacks, and ``cancel`` (a
``threading.Event``) stops the run, keeping what was stored.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from reader.feeds.entries import FeedEntries, Known, stored_entries
from reader.feeds.work import (
    FeedJob,
    FeedResult,
    PageJob,
    clean_page,
    read_feed_job,
    with_note,
    without_note,
)
from reader.ingest.formats.items import Failure
from reader.net.http import DEADLINE, Downloader, Fetched, FetchError
from reader.store.library import now_iso
from reader.store.records import NewArticle
from reader.store.subscriptions import Subscription, Subscriptions

#: Size caps: a feed like any saved feed file, a page like a saved HTML page.
FEED_MAX_BYTES = 20 * 1024 * 1024
PAGE_MAX_BYTES = 8 * 1024 * 1024
#: Below this many feeds worker processes cost more than they save.
POOL_THRESHOLD = 4
#: Pages downloaded but not yet cleaned, at most (bounds the memory a run holds).
PAGES_IN_FLIGHT = 24
#: Articles are stored in batches, one at a time: a batch starts once the last one is
#: done and this many articles wait (or BATCH_SECONDS have passed), so batches grow while
#: the store is busy. Each batch rewrites every metadata shard it touches: few large
#: batches store 10,000 articles more than twice as fast as ten of 1,000 (2.0 s, 4.9 s).
BATCH_SECONDS = 5.0
BATCH_START = 4000
BATCH_ARTICLES = 20000
#: Failures in a row before a feed waits between tries (doubling, up to a day).
FAILURES_BEFORE_BACKOFF = 3
FIRST_BACKOFF = timedelta(hours=1)
LONGEST_BACKOFF = timedelta(days=1)
#: How many updates try again to download a page that failed.
PAGE_ATTEMPTS = 5

if TYPE_CHECKING:
    from reader.store.library import Library

T = TypeVar("T")


@dataclass
class FeedFailure:
    """A feed that could not be updated, and why (one line)."""

    feed: Subscription
    reason: str

    def __str__(self) -> str:
        return f"{self.feed.url}: {self.reason}"


@dataclass
class UpdateReport:
    """The tally ``reader update`` prints."""

    feeds: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failures: list[FeedFailure] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        """The one summary line."""
        articles = "article" if self.new == 1 else "articles"
        feeds = "feed" if self.feeds == 1 else "feeds"
        line = (
            f"updated {self.feeds} {feeds}: {self.new} new {articles}, "
            f"{self.unchanged} unchanged, {len(self.failures)} failed"
        )
        return line + (" (stopped early)" if self.cancelled else "")


@dataclass
class UpdateSettings:
    """How an update runs; the defaults suit a person's subscriptions."""

    deadline: float = DEADLINE
    connections: int = 8
    per_host: int = 2
    workers: int | None = None


#: Progress: feeds done, feeds in the run.
Progress = Callable[[int, int], None]


def due(feed: Subscription, moment: datetime | None = None) -> bool:
    """Whether an update of every feed asks for this one now (not gone, not waiting)."""
    if feed.gone:
        return False
    if not feed.retry_at:
        return True
    try:
        wait_until = datetime.fromisoformat(feed.retry_at)
    except ValueError:
        return True
    return (moment or datetime.now(UTC)) >= wait_until


def update_feeds(
    library: Library,
    feeds: Sequence[Subscription] | None = None,
    *,
    settings: UpdateSettings | None = None,
    on_progress: Progress | None = None,
    on_new: Callable[[list[str]], None] | None = None,
    on_failure: Callable[[FeedFailure], None] | None = None,
    cancel: threading.Event | None = None,
) -> UpdateReport:
    """Update ``feeds`` (default: every feed that is due) and store what is new.

    Named feeds are asked for even while they wait after failures. Returns the tally;
    ``on_new`` gets the IDs of new articles each time a batch is stored.
    """
    subscriptions = Subscriptions(library)
    chosen = list(feeds) if feeds is not None else [f for f in subscriptions.all() if due(f)]
    run = _Run(
        library,
        subscriptions,
        chosen,
        settings or UpdateSettings(),
        on_progress=on_progress,
        on_new=on_new,
        on_failure=on_failure,
        cancel=cancel,
    )
    return run.start()


class _Run:
    """One update: its feeds, executors, pending articles and tally."""

    def __init__(
        self,
        library: Library,
        subscriptions: Subscriptions,
        feeds: list[Subscription],
        settings: UpdateSettings,
        *,
        on_progress: Progress | None,
        on_new: Callable[[list[str]], None] | None,
        on_failure: Callable[[FeedFailure], None] | None,
        cancel: threading.Event | None,
    ) -> None:
        self.library = library
        self.subscriptions = subscriptions
        self.feeds = feeds
        self.settings = settings
        self.on_progress = on_progress
        self.on_new = on_new
        self.on_failure = on_failure
        self.cancel = cancel
        self.report = UpdateReport(feeds=len(feeds))
        self.pending: list[NewArticle] = []
        self.changed_feeds: dict[str, Subscription] = {}
        #: The feeds read without an error, and those that brought new or changed articles.
        self.fetched: set[str] = set()
        self.brought: set[str] = set()
        self.done = 0
        self.last_commit = time.monotonic()
        self.pool: Executor | None = None
        self.store = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-store")
        self.commit_lock: asyncio.Lock | None = None
        self.finished = False

    def start(self) -> UpdateReport:
        if not self.feeds:
            return self.report
        workers = self.settings.workers or os.cpu_count() or 1
        if len(self.feeds) >= POOL_THRESHOLD and workers > 1:
            pool = ProcessPoolExecutor(max_workers=workers)
            # Start the workers now, before the network's threads exist.
            list(pool.map(_ready, range(workers)))
            self.pool = pool
        else:
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-work")
        try:
            known = stored_entries(self.library.metadata())
            asyncio.run(self._main(known))
        finally:
            self.pool.shutdown(cancel_futures=True)
            self.store.shutdown()
        return self.report

    async def _main(self, known: dict[str, FeedEntries]) -> None:
        self.commit_lock = asyncio.Lock()
        self.pages = asyncio.Semaphore(PAGES_IN_FLIGHT)
        settings = self.settings
        async with Downloader(
            connections=settings.connections,
            per_host=settings.per_host,
            deadline=settings.deadline,
        ) as downloader:
            self.downloader = downloader
            tasks = [
                asyncio.create_task(self._feed(feed, known.get(feed.id) or FeedEntries()))
                for feed in self.feeds
            ]
            watcher = asyncio.create_task(self._watch(tasks))
            await asyncio.gather(*tasks, return_exceptions=True)
            self.finished = True
            await watcher  # never cancelled: a batch it is storing must be counted
        await self._commit()
        await self._in_store(self.subscriptions.update, list(self.changed_feeds.values()))
        # Unchanged: read well and nothing new or changed stored from it (an entry that
        # turned out to be an article already stored brings nothing).
        self.report.unchanged = len(self.fetched - self.brought)

    async def _watch(self, tasks: list[asyncio.Task[None]]) -> None:
        """Stop the feeds' tasks when asked to; start storing a batch when the store is
        free and enough articles wait."""
        assert self.commit_lock is not None
        storing: asyncio.Task[None] | None = None
        while not self.finished:
            await asyncio.sleep(0.05)
            if self.cancel is not None and self.cancel.is_set():
                self.report.cancelled = True
                for task in tasks:
                    task.cancel()
                break
            if storing is not None and storing.done():
                storing.result()  # a failed store (a full disk) ends the run with its error
                storing = None
            waited = time.monotonic() - self.last_commit
            if (
                storing is None
                and self.pending
                and not self.commit_lock.locked()
                and (len(self.pending) >= BATCH_START or waited > BATCH_SECONDS)
            ):
                storing = asyncio.create_task(self._commit())
        if storing is not None:
            await storing  # a batch being stored is counted before the run ends

    async def _in_store(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.store, function, *args)

    async def _work(self, function: Callable[..., T], *args: Any) -> T:
        assert self.pool is not None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, function, *args)

    # ----- one feed ---------------------------------------------------------------------

    async def _feed(self, feed: Subscription, known: FeedEntries) -> None:
        try:
            await self._update_feed(feed, known)
        except FetchError as error:
            self._failed(feed, str(error), error)
        except Exception as error:  # a bug in one feed's update must not stop the others
            self._failed(feed, f"could not be updated ({type(error).__name__}: {error})")
        finally:
            self.done += 1
            if self.on_progress:
                self.on_progress(self.done, len(self.feeds))

    async def _update_feed(self, feed: Subscription, known: FeedEntries) -> None:
        host = urlsplit(feed.url).hostname or ""
        fetched = await self.downloader.get(
            feed.url,
            named_hosts={host},
            etag=feed.etag,
            last_modified=feed.last_modified,
            max_bytes=FEED_MAX_BYTES,
        )
        result = FeedResult()
        if fetched.status != 304:
            job = FeedJob(feed.id, fetched.url, fetched.data, feed.full_text, known)
            result = await self._work(read_feed_job, job)
            if result.error:
                self._failed(feed, result.error)
                return
        self._succeeded(feed, fetched, result)
        await self._store(result.articles, feed)
        retries = [self._retry_job(item) for item in known.pending()]
        pages = result.pages + [job for job in retries if job is not None]
        if pages:
            # The feed's host (and where it redirected) count as named: its pages live there.
            named = {host, urlsplit(fetched.url).hostname or host}
            await asyncio.gather(*(self._page(job, named, feed) for job in pages))

    def _succeeded(self, feed: Subscription, fetched: Fetched, result: FeedResult) -> None:
        feed.checked = now_iso()
        feed.error, feed.failures, feed.retry_at = None, 0, None
        if fetched.moved_to:
            feed.url = fetched.moved_to
        if fetched.status != 304:
            feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
            feed.title = result.title or feed.title
            feed.site = result.site or feed.site
        self.changed_feeds[feed.id] = feed
        self.fetched.add(feed.id)

    def _failed(self, feed: Subscription, reason: str, error: FetchError | None = None) -> None:
        feed.checked = now_iso()
        feed.failures += 1
        feed.error = reason
        wait = timedelta(0)
        if feed.failures >= FAILURES_BEFORE_BACKOFF:
            doublings = min(feed.failures - FAILURES_BEFORE_BACKOFF, 10)
            wait = min(FIRST_BACKOFF * (2**doublings), LONGEST_BACKOFF)
        if error is not None and error.retry_after:
            wait = max(wait, timedelta(seconds=error.retry_after))
        if error is not None and error.status == 410:
            feed.gone = True
            feed.error = f"{reason}: the feed is gone, no longer updated"
        feed.retry_at = (
            (datetime.now(UTC) + wait).replace(microsecond=0).isoformat() if wait else None
        )
        self.changed_feeds[feed.id] = feed
        failure = FeedFailure(feed, feed.error)
        self.report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)

    # ----- whole articles ---------------------------------------------------------------

    def _retry_job(self, known: Known) -> PageJob | None:
        """A page job for an article whose page failed before, from what is stored."""
        if known.attempts >= PAGE_ATTEMPTS or not known.url:
            return None
        try:
            row = self.library.get(known.article_id)
            content = self.library.content(known.article_id)
        except Exception:  # removed or damaged meanwhile: nothing to retry
            return None
        body = without_note(content.body)
        feed_entry = {"feed": "", "key": known.key, "hash": known.hash}
        article = NewArticle(
            title=row.title,
            body=body,
            raw=content.raw,
            raw_format=content.raw_format,
            source=row.source,
            url=row.url,
            date=row.date,
            author=row.author,
            origin=row.origin,
            words=row.words,
            links=content.links,
            feed_entry=feed_entry,
            replaces=known.article_id,
        )
        return PageJob(article, known.url, attempts=known.attempts)

    async def _page(self, job: PageJob, named: set[str], feed: Subscription) -> None:
        if not job.article.feed_entry or not job.article.feed_entry.get("feed"):
            job.article.feed_entry = {**(job.article.feed_entry or {}), "feed": feed.id}
        async with self.pages:
            try:
                fetched = await self.downloader.get(
                    job.page_url, named_hosts=named, max_bytes=PAGE_MAX_BYTES
                )
                cleaned = await self._work(clean_page, job, fetched.data)
            except FetchError as error:
                cleaned = Failure(job.page_url, str(error))
        article = cleaned if isinstance(cleaned, NewArticle) else with_note(job, cleaned.reason)
        await self._store([article], feed)

    # ----- storing ----------------------------------------------------------------------

    async def _store(self, articles: list[NewArticle], feed: Subscription) -> None:
        for article in articles:
            article.feed_entry = {**(article.feed_entry or {}), "feed": feed.id}
        self.pending.extend(articles)
        if len(self.pending) >= BATCH_ARTICLES:
            await self._commit()

    async def _commit(self) -> None:
        assert self.commit_lock is not None
        async with self.commit_lock:
            batch, self.pending = self.pending, []
            self.last_commit = time.monotonic()
            if not batch:
                return
            outcomes = await self._in_store(self._add, batch)
        fresh: list[str] = []
        for article, (article_id, is_new) in zip(batch, outcomes, strict=True):
            feed_id = (article.feed_entry or {}).get("feed", "")
            if is_new or article.replaces:
                self.brought.add(feed_id)
            if is_new:
                fresh.append(article_id)
                if feed_id in self.changed_feeds:
                    self.changed_feeds[feed_id].last_new = now_iso()
            elif article.replaces:
                self.report.changed += 1
        self.report.new += len(fresh)
        self.report.new_ids.extend(fresh)
        if fresh and self.on_new:
            self.on_new(fresh)

    def _add(self, batch: list[NewArticle]) -> list[tuple[str, bool]]:
        """Store a batch: new entries as new articles, changed ones over their old
        version (read state, bookmark and position stay). Returns (ID, is new) each."""
        changed = [article for article in batch if article.replaces]
        fresh = [article for article in batch if not article.replaces]
        results: dict[int, tuple[str, bool]] = {}
        if fresh:
            for article, outcome in zip(fresh, self.library.add(fresh), strict=True):
                results[id(article)] = (outcome.id, not outcome.duplicate)
        if changed:
            outcomes = self.library.add(changed, update_existing=True)
            for article, outcome in zip(changed, outcomes, strict=True):
                results[id(article)] = (outcome.id, not outcome.duplicate)
        return [results[id(article)] for article in batch]


def _ready(_: int) -> None:
    """A task that does nothing: makes a worker process start."""
