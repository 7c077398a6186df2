"""Subscribing and unsubscribing, and what each feed holds: the calls behind
``reader feeds`` that the app can make too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.feeds.discover import Found, discover, opml_feeds
from reader.ingest.fetch import is_url
from reader.net.http import DEADLINE
from reader.store.subscriptions import Subscription, Subscriptions, feed_id_for

if TYPE_CHECKING:
    from reader.store.library import Library


@dataclass
class Subscribed:
    """What ``subscribe`` did with each input."""

    added: list[Subscription] = field(default_factory=list)
    already: list[Subscription] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def _found_in(given: str, deadline: float) -> list[Found]:
    if is_url(given):
        return discover(given, deadline=deadline)
    path = Path(given).expanduser()
    try:
        data = path.read_bytes()
    except OSError as error:
        return [Found(given, problem=error.strerror or str(error))]
    if b"<opml" not in data[:4096].lower():
        return [Found(given, problem="not a URL or an OPML file")]
    return opml_feeds(given, data)


def subscribe(
    library: Library,
    inputs: Sequence[str],
    *,
    full_text: str = "auto",
    deadline: float = DEADLINE,
) -> Subscribed:
    """Subscribe to the feeds that ``inputs`` (URLs, pages, OPML files) lead to."""
    from reader.store.library import now_iso

    subscriptions = Subscriptions(library)
    outcome = Subscribed()
    taken = {sub.id for sub in subscriptions.all()}
    for given in inputs:
        for found in _found_in(given, deadline):
            if found.url is None:
                outcome.failures.append((found.given, found.problem or "no feed found"))
                continue
            existing = subscriptions.subscribed(found.url) or next(
                (sub for sub in outcome.added if sub.url == found.url), None
            )
            if existing is not None:
                outcome.already.append(existing)
                continue
            feed = Subscription(
                id=feed_id_for(found.url, taken),
                url=found.url,
                title=found.title,
                added=now_iso(),
                full_text=full_text,
            )
            taken.add(feed.id)
            outcome.added.append(feed)
    subscriptions.save(outcome.added)
    return outcome


@dataclass
class FeedCounts:
    """How many articles a feed brought, and how many of them are unread."""

    articles: int = 0
    unread: int = 0


def articles_by_feed(library: Library) -> dict[str, set[str]]:
    """The IDs of the articles each feed brought, by feed ID (see the library's own)."""
    return library.articles_by_feed()


def feed_counts(library: Library) -> dict[str, FeedCounts]:
    """Articles and unread articles of each feed, by feed ID."""
    unread = {article.id for article in library.articles() if not article.read}
    return {
        feed_id: FeedCounts(len(ids), len(ids & unread))
        for feed_id, ids in articles_by_feed(library).items()
    }


def feed_json(feed: Subscription, counts: FeedCounts) -> dict[str, Any]:
    """The stable JSON shape of a feed in ``reader feeds --json``."""
    return {
        "id": feed.id,
        "title": feed.title,
        "url": feed.url,
        "site": feed.site,
        "articles": counts.articles,
        "unread": counts.unread,
        "checked": feed.checked,
        "status": feed.status,
        "error": feed.error,
    }
