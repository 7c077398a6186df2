"""Following feeds from the app: updating them, subscribing and unsubscribing, off the UI thread.

The app touches the network only here, and only when the user asks (``R``, Add feed). The
work is the command line's own (``update_feeds``, ``subscribe``, ``Subscriptions.remove``):
this module runs it off the UI thread and turns its callbacks into messages for the screen.
Quitting sets the update's cancel event, so the run stops at once and keeps what it stored.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.worker import Worker

from reader.sanitize import one_line
from reader.store import Library
from reader.store.subscriptions import Subscription, Subscriptions

# The update and discovery bring the feed reader and the cleaners: loaded when first used,
# not at start-up, where the first screen waits for every import.
if TYPE_CHECKING:
    from reader.feeds.subscribe import Subscribed
    from reader.feeds.update import UpdateReport

#: Said when R is pressed while an update runs.
ALREADY_RUNNING = "The feeds are already being updated."
#: Said when there is nothing to update.
NO_FEEDS = "No feeds yet: Add feed (ctrl+p) subscribes to one."
NOTHING_DUE = "No feed is due: those that failed wait before they are asked again."
#: The longest quitting waits for an update to stop.
STOP_SECONDS = 30.0


@dataclass
class UpdateProgress(Message):
    """``done`` of ``total`` feeds are updated, bringing ``new`` articles so far."""

    done: int
    total: int
    new: int

    def text(self) -> str:
        """What the footer shows."""
        return f"Updating feeds {self.done}/{self.total} · {self.new} new"


@dataclass
class ArticlesArrived(Message):
    """New articles are stored: the list should show them."""

    ids: list[str]


@dataclass
class UpdateFinished(Message):
    """The update ended; ``report`` is its tally."""

    report: UpdateReport


@dataclass
class FeedsSubscribed(Message):
    """What Add feed did with ``given``."""

    given: str
    outcome: Subscribed


@dataclass
class FeedsListed(Message):
    """The subscriptions, to pick one to remove."""

    feeds: list[Subscription]


@dataclass
class FeedRemoved(Message):
    """``feed`` is no longer followed."""

    feed: Subscription


@dataclass
class FeedNotice(Message):
    """Something to tell the user (plain text)."""

    text: str
    severity: SeverityLevel = "information"


def feed_label(feed: Subscription) -> str:
    """A feed's name for a notification or a picker: its title, else its address."""
    return one_line(feed.title or "") or one_line(feed.url)


def finished_notice(report: UpdateReport) -> FeedNotice:
    """The one notification at the end of an update: counts, and failures as a count."""
    feeds = "feed" if report.feeds == 1 else "feeds"
    articles = "article" if report.new == 1 else "articles"
    text = f"Updated {report.feeds} {feeds}: {report.new} new {articles}"
    if not report.failures:
        return FeedNotice(text + ".")
    # The reasons are kept with each feed: one notification, however many failed.
    text += f", {len(report.failures)} failed (reader feeds says why)."
    return FeedNotice(text, "warning")


def subscribed_notices(given: str, outcome: Subscribed) -> list[FeedNotice]:
    """What Add feed says: the feeds added or already followed, else why none was found."""
    notices = [FeedNotice(f"Subscribed to {feed_label(feed)}.") for feed in outcome.added]
    notices += [FeedNotice(f"Already subscribed to {feed_label(f)}.") for f in outcome.already]
    notices += [
        FeedNotice(f"No feed found at {one_line(where)}: {one_line(reason)}", "error")
        for where, reason in outcome.failures
    ]
    return notices or [FeedNotice(f"No feed found at {one_line(given)}.", "error")]


class FeedUpdater:
    """Runs updates, subscriptions and removals for ``host`` (which receives the messages
    above); ``refresh`` shows what changed in the library (the list and its counts)."""

    def __init__(
        self,
        host: DOMNode,
        library: Library,
        refresh: Callable[[], None],
    ) -> None:
        self.host = host
        self.library = library
        self.refresh = refresh
        self._cancel = threading.Event()
        #: Set while no update runs in its thread.
        self._stopped = threading.Event()
        self._stopped.set()
        self._update: Worker[None] | None = None

    @property
    def running(self) -> bool:
        """An update is under way."""
        return self._update is not None and not self._update.is_finished

    def update(self, feeds: list[Subscription] | None = None) -> bool:
        """Update ``feeds`` (None: every feed that is due) in a worker; False when an update
        is already running."""
        if self.running:
            return False
        self._cancel.clear()
        self._update = self.host.run_worker(
            lambda: self._updating(feeds),
            thread=True,
            group="feeds",
            description="Updating feeds",
            exit_on_error=False,
        )
        return True

    def _updating(self, feeds: list[Subscription] | None) -> None:
        # Running from here on: quitting waits. A quit before this line (R then q at once)
        # found nothing running, and this run then does nothing.
        self._stopped.clear()
        try:
            if not self._cancel.is_set():
                self._update_now(feeds)
        finally:
            self._stopped.set()

    def _update_now(self, feeds: list[Subscription] | None) -> None:
        from reader.feeds.update import UpdateReport, update_feeds

        post = self.host.post_message
        new: list[str] = []
        counts = [0, len(feeds) if feeds is not None else 0]  # feeds done, feeds in the run

        def progress(done: int, total: int) -> None:
            counts[:] = [done, total]
            post(UpdateProgress(done, total, len(new)))

        def arrived(ids: list[str]) -> None:
            new.extend(ids)
            post(ArticlesArrived(ids))
            if counts[1]:
                post(UpdateProgress(counts[0], counts[1], len(new)))

        try:
            if feeds is None and not Subscriptions(self.library).all():
                post(FeedNotice(NO_FEEDS))
                post(UpdateFinished(UpdateReport()))
                return
            report = update_feeds(
                self.library,
                feeds,
                on_progress=progress,
                on_new=arrived,
                cancel=self._cancel,
            )
        except Exception as error:  # a full disk, a damaged file: said, never a traceback
            post(FeedNotice(f"The update stopped: {one_line(str(error))}", "error"))
            report = UpdateReport(new=len(new), new_ids=new, cancelled=True)
        else:
            if report.feeds == 0:
                post(FeedNotice(NOTHING_DUE))
        post(UpdateFinished(report))

    def add(self, given: str) -> None:
        """Subscribe to the feed ``given`` leads to (a feed, or a page naming one) in the
        background; the screen then updates what was added.

        Finding the feed can wait on a slow server up to the download deadline and cannot
        be cancelled; a worker would make quitting wait that long (the app's loop joins its
        threads at exit). So it runs in a daemon thread that quitting abandons: the
        subscription is then not made, or made whole (its one write is atomic).
        """
        thread = threading.Thread(
            target=self._adding, args=(given,), name="reader-add-feed", daemon=True
        )
        thread.start()

    def _adding(self, given: str) -> None:
        from reader.feeds.subscribe import Subscribed, subscribe

        try:
            outcome = subscribe(self.library, [given])
        except Exception as error:  # the store refused the write
            outcome = Subscribed(failures=[(given, str(error))])
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.host.post_message(FeedsSubscribed(given, outcome))

    def list_feeds(self) -> None:
        """Read the subscriptions in a worker, for the screen to offer them."""
        self.host.run_worker(
            self._listing,
            thread=True,
            group="subscriptions",
            description="Reading the subscriptions",
            exit_on_error=False,
        )

    def _listing(self) -> None:
        try:
            feeds = Subscriptions(self.library).all()
        except Exception as error:
            self.host.post_message(FeedNotice(one_line(str(error)), "error"))
            return
        self.host.post_message(FeedsListed(feeds))

    def remove(self, feed: Subscription) -> None:
        """Stop following ``feed`` (its articles stay), in a worker."""
        self.host.run_worker(
            lambda: self._removing(feed),
            thread=True,
            group="subscriptions",
            description="Removing a feed",
            exit_on_error=False,
        )

    def _removing(self, feed: Subscription) -> None:
        try:
            Subscriptions(self.library).remove([feed.id])
        except Exception as error:
            self.host.post_message(FeedNotice(one_line(str(error)), "error"))
            return
        self.host.post_message(FeedRemoved(feed))

    def stop(self) -> None:
        """Quitting: stop the update and wait for it (a moment: the run stops within 50 ms
        and stores what it has), so the app ends with the library in its last good state."""
        self._cancel.set()
        self._stopped.wait(STOP_SECONDS)
