"""The articles the app holds in memory: views, sort orders and live counts.

Plain Python (no Textual), so it is cheap to test and fast at 100k articles: a view's rows
are one pass over a presorted list, and a read or bookmark change adjusts the counts
instead of recounting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.config import SortOrder
from reader.search.query import parse_problem
from reader.search.text import without_joiners
from reader.store import Article
from reader.store.listing import insert_newest_first
from reader.store.subscriptions import Subscription
from reader.store.views import SavedView

ALL, UNREAD, BOOKMARKED = "all", "unread", "bookmarked"
#: Started and not finished; and the entry that opens the Highlights view.
READING, HIGHLIGHTS = "reading", "highlights"
#: What was deleted and can still be restored.
DELETED = "deleted"
SOURCE_PREFIX = "source:"
TAG_PREFIX = "tag:"
FEED_PREFIX = "feed:"
SAVED_PREFIX = "saved:"
NO_SOURCE = "(no source)"
#: The sidebar's groups, in their order.
LIBRARY, SAVED, TAGS, FEEDS, SOURCES = "Library", "Saved searches", "Tags", "Feeds", "Sources"
GROUPS = (LIBRARY, SAVED, TAGS, FEEDS, SOURCES)
_LIBRARY_LABELS = {
    ALL: "All",
    UNREAD: "Unread",
    BOOKMARKED: "Bookmarked",
    READING: "Reading",
    HIGHLIGHTS: "Highlights",
    DELETED: "Deleted",
}


@dataclass(frozen=True)
class View:
    """One entry of the sidebar: what it shows and how many articles that is.

    A view of a stream of articles (All, Unread, a saved search, a tag, a feed, a source)
    counts its unread articles (``unread`` True, drawn after a ●); a collection (Bookmarked,
    Reading, Highlights, Deleted) counts everything it holds, read or not.
    """

    key: str
    label: str
    #: None while only the newest articles are loaded and the count is not known yet.
    count: int | None
    group: str = LIBRARY
    unread: bool = True
    #: A feed whose last update failed (its error is in ``Catalog.feed_error``), or a saved
    #: search whose query cannot be read (``Catalog.saved_error`` says why).
    failing: bool = False


def progress_of(article: Article) -> int | None:
    """How far into the article the reader got, in percent, when it says (see
    ``MainScreen.save_position``); None when it was never scrolled or does not say."""
    percent = (article.position or {}).get("percent")
    return percent if isinstance(percent, int) and not isinstance(percent, bool) else None


def started(article: Article) -> bool:
    """In the Reading view: scrolled into, not read to the end (a position from before
    positions said how far counts as started)."""
    position = article.position
    if not position:
        return False
    percent = progress_of(article)
    return percent < 100 if percent is not None else bool(position.get("block"))


def source_of(article: Article) -> str:
    """The source name an article is filed under."""
    return article.source or NO_SOURCE


def source_view(source: str) -> str:
    """The view key of one source."""
    return SOURCE_PREFIX + source


def tag_view(tag: str) -> str:
    """The view key of one tag (case aside, as tags compare)."""
    return TAG_PREFIX + tag.casefold()


def feed_view(feed_id: str) -> str:
    """The view key of one subscription."""
    return FEED_PREFIX + feed_id


def saved_view(name: str) -> str:
    """The view key of one saved search (case aside, as view names compare)."""
    return SAVED_PREFIX + name.casefold()


class Catalog:
    """Every article's row, with per-view counts kept up to date as flags change.

    ``deleted`` are the articles deleted and not yet purged (the Deleted view, newest
    deletion first); ``feeds`` the subscriptions and ``feed_of`` which feed brought each
    article; ``saved`` the saved searches, whose unread counts the search index gives
    (``saved_counts``, by view key, filled in as they come).
    """

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        partial: bool = False,
        deleted: Sequence[Article] = (),
        feeds: Sequence[Subscription] = (),
        feed_of: Mapping[str, str] | None = None,
        saved: Sequence[SavedView] = (),
    ) -> None:
        #: True when this holds only the newest articles, shown while the rest load.
        self.partial = partial
        self.by_id: dict[str, Article] = {a.id: a for a in articles}
        self.by_id.update((a.id, a) for a in deleted)
        self._newest_first: list[Article] = list(articles)
        self._sorted: dict[SortOrder, list[Article]] = {"date": self._newest_first}
        self._titles: list[tuple[str, str]] | None = None
        self.deleted: list[Article] = sorted(
            deleted, key=lambda a: a.deleted_at or "", reverse=True
        )
        self.feeds = list(feeds)
        self.feed_of: dict[str, str] = dict(feed_of or {})
        self.saved = list(saved)
        self.saved_counts: dict[str, int] = {}
        self.unread = 0
        self.bookmarked = 0
        #: How many articles each source, tag and feed view holds, and how many are unread.
        self.total_in: Counter[str] = Counter()
        self.unread_in: Counter[str] = Counter()
        #: Each tag's label (its first spelling met), by view key.
        self.tag_labels: dict[str, str] = {}
        #: The tag and source view keys in the sidebar's order, until one comes or goes.
        self._sidebar_keys: tuple[list[str], list[str]] | None = None
        #: Articles started and not finished, and highlights in all.
        self.reading = 0
        self.highlights = 0
        total_in, unread_in = self.total_in, self.unread_in
        for article in articles:
            if article.position and started(article):
                self.reading += 1
            if article.highlights:
                self.highlights += len(article.highlights)
            if article.bookmarked:
                self.bookmarked += 1
            keys = self.members(article)
            total_in.update(keys)
            if not article.read:
                self.unread += 1
                unread_in.update(keys)
            for tag in article.tags:
                self.tag_labels.setdefault(tag_view(tag), tag)

    def __len__(self) -> int:
        return len(self._newest_first)

    def members(self, article: Article) -> list[str]:
        """The source, tag and feed views an article is in."""
        keys = [source_view(source_of(article))]
        keys.extend(tag_view(tag) for tag in article.tags)
        feed = self.feed_of.get(article.id)
        if feed is not None:
            keys.append(feed_view(feed))
        return keys

    def get(self, article_id: str) -> Article | None:
        """The article with this ID, if held (deleted ones too, for the Deleted view)."""
        return self.by_id.get(article_id)

    def sorted(self, order: SortOrder) -> list[Article]:
        """All articles in ``order`` (date: newest first; source, title: A to Z, then newest)."""
        rows = self._sorted.get(order)
        if rows is None:
            if order == "source":
                rows = sorted(self._newest_first, key=lambda a: source_of(a).casefold())
            else:
                rows = sorted(self._newest_first, key=lambda a: a.title.casefold())
            self._sorted[order] = rows
        return rows

    def rows(self, view: str, order: SortOrder) -> list[Article]:
        """The articles a view shows, in ``order`` (the Deleted view: newest deletion
        first; a saved search's rows come from the search index, not from here)."""
        everything = self.sorted(order)
        if view == ALL:
            return list(everything)
        if view == UNREAD:
            return [a for a in everything if not a.read]
        if view == BOOKMARKED:
            return [a for a in everything if a.bookmarked]
        if view == READING:
            return [a for a in everything if a.position and started(a)]
        if view == HIGHLIGHTS:
            return [a for a in everything if a.highlights]
        if view == DELETED:
            return list(self.deleted)
        if view.startswith(SOURCE_PREFIX):
            source = view[len(SOURCE_PREFIX) :]
            return [a for a in everything if source_of(a) == source]
        if view.startswith(TAG_PREFIX):
            return [a for a in everything if any(tag_view(t) == view for t in a.tags)]
        if view.startswith(FEED_PREFIX):
            feed, feed_of = view[len(FEED_PREFIX) :], self.feed_of
            return [a for a in everything if feed_of.get(a.id) == feed]
        return []

    def views(self) -> list[View]:
        """Every view of the sidebar, group by group: the library's own, the saved searches
        (in the user's order), tags, feeds and sources (A to Z), each with its count."""
        known = not self.partial

        def count(value: int) -> int | None:
            return value if known else None

        views = [
            View(ALL, "All", count(self.unread)),
            View(UNREAD, "Unread", count(self.unread)),
            View(BOOKMARKED, "Bookmarked", count(self.bookmarked), unread=False),
            View(READING, "Reading", count(self.reading), unread=False),
            View(HIGHLIGHTS, "Highlights", count(self.highlights), unread=False),
            View(DELETED, "Deleted", count(len(self.deleted)), unread=False),
        ]
        for saved in self.saved:
            key = saved_view(saved.name)
            if parse_problem(saved.query) is None:
                views.append(View(key, saved.name, self.saved_counts.get(key), SAVED))
            else:  # nothing to count: marked, as a failing feed is
                views.append(View(key, saved.name, 0, SAVED, failing=True))
        tags, sources = self._ordered_keys()
        for key in tags:
            views.append(View(key, self.tag_labels[key], count(self.unread_in[key]), TAGS))
        for feed in sorted(self.feeds, key=lambda f: feed_title(f).casefold()):
            key = feed_view(feed.id)
            failing = feed.status == "error"
            views.append(
                View(key, feed_title(feed), count(self.unread_in[key]), FEEDS, failing=failing)
            )
        for key in sources:
            label = key[len(SOURCE_PREFIX) :]
            views.append(View(key, label, count(self.unread_in[key]), SOURCES))
        return views

    def _ordered_keys(self) -> tuple[list[str], list[str]]:
        """The tags and the sources that have articles, A to Z: sorted once, not at every
        redraw (a thousand sources take milliseconds to sort)."""
        if self._sidebar_keys is None:
            held = [key for key, n in self.total_in.items() if n]
            tags = [key for key in held if key.startswith(TAG_PREFIX)]
            tags.sort(key=lambda key: self.tag_labels[key].casefold())
            sources = [key for key in held if key.startswith(SOURCE_PREFIX)]
            sources.sort(key=str.casefold)
            self._sidebar_keys = tags, sources
        return self._sidebar_keys

    def view_label(self, view: str) -> str:
        """The name of a view, for the list's title."""
        if view.startswith(SOURCE_PREFIX):
            return view[len(SOURCE_PREFIX) :]
        if view.startswith(TAG_PREFIX):
            return "Tag: " + self.tag_labels.get(view, view[len(TAG_PREFIX) :])
        feed = self.feed(view)
        if feed is not None:
            return "Feed: " + feed_title(feed)
        saved = self.saved_search(view)
        if saved is not None:
            return saved.name
        return _LIBRARY_LABELS.get(view, view)

    def feed(self, view: str) -> Subscription | None:
        """The subscription a feed view shows."""
        if view.startswith(FEED_PREFIX):
            feed_id = view[len(FEED_PREFIX) :]
            return next((feed for feed in self.feeds if feed.id == feed_id), None)
        return None

    def saved_search(self, view: str) -> SavedView | None:
        """The saved search a view shows."""
        if view.startswith(SAVED_PREFIX):
            return next((s for s in self.saved if saved_view(s.name) == view), None)
        return None

    def saved_error(self, view: str) -> str | None:
        """Why the saved search a view shows cannot be run (its query no longer reads, or
        was saved by an older version that did not check); None when it can."""
        saved = self.saved_search(view)
        return parse_problem(saved.query) if saved is not None else None

    def has_view(self, view: str) -> bool:
        """False for a view whose source or tag no longer has articles, or whose feed or
        saved search is gone."""
        if view.startswith((SOURCE_PREFIX, TAG_PREFIX)):
            return self.total_in[view] > 0
        if view.startswith(FEED_PREFIX):
            return self.feed(view) is not None
        if view.startswith(SAVED_PREFIX):
            return self.saved_search(view) is not None
        return view in _LIBRARY_LABELS

    def set_read(self, ids: Iterable[str], read: bool) -> list[str]:
        """Flip the read flag in memory; returns the IDs that changed."""
        changed = []
        for article_id in ids:
            article = self.by_id.get(article_id)
            if article is None or article.read == read:
                continue
            article.read = read
            if article.deleted_at is None:
                delta = -1 if read else 1
                self.unread += delta
                for key in self.members(article):
                    self.unread_in[key] += delta
            changed.append(article_id)
        return changed

    def set_bookmarked(self, ids: Iterable[str], flag: bool) -> list[str]:
        """Flip the bookmark flag in memory; returns the IDs that changed."""
        changed = []
        for article_id in ids:
            article = self.by_id.get(article_id)
            if article is None or article.bookmarked == flag:
                continue
            article.bookmarked = flag
            if article.deleted_at is None:
                self.bookmarked += 1 if flag else -1
            changed.append(article_id)
        return changed

    def set_deleted(self, ids: Iterable[str], when: str | None) -> list[str]:
        """Delete articles in memory (``when``: the moment, as the store keeps it), or
        restore them (None); returns the IDs that changed. Every count follows."""
        articles = [
            article
            for article in map(self.by_id.get, ids)
            if article is not None and (article.deleted_at is None) == (when is not None)
        ]
        if not articles:
            return []
        for article in articles:
            self._count(article, -1 if when is not None else 1)
            article.deleted_at = when
        gone = {id(article) for article in articles}
        if when is not None:
            self._newest_first[:] = [a for a in self._newest_first if id(a) not in gone]
            self.deleted[:0] = articles
        else:
            self.deleted[:] = [a for a in self.deleted if id(a) not in gone]
            for article in articles:
                insert_newest_first(self._newest_first, article)
        self._sorted = {"date": self._newest_first}
        self._titles = None
        return [article.id for article in articles]

    def _count(self, article: Article, delta: int) -> None:
        """Add (1) or take away (-1) an article's share of every count."""
        keys = self.members(article)
        for key in keys:
            self.total_in[key] += delta
            if self.total_in[key] == (1 if delta > 0 else 0):
                self._sidebar_keys = None  # a view came or went
        if not article.read:
            self.unread += delta
            for key in keys:
                self.unread_in[key] += delta
        if article.bookmarked:
            self.bookmarked += delta
        if article.position and started(article):
            self.reading += delta
        self.highlights += delta * len(article.highlights)

    def set_tags(self, article_id: str, tags: Sequence[str]) -> Article | None:
        """Give an article these tags in memory, its tag views' counts with them."""
        article = self.by_id.get(article_id)
        if article is None:
            return None
        live = article.deleted_at is None
        if live:
            self._count(article, -1)
        article.tags = tuple(tags)
        for tag in tags:
            self.tag_labels.setdefault(tag_view(tag), tag)
        if live:
            self._count(article, 1)
        return article

    def set_position(self, article_id: str, position: dict[str, Any] | None) -> None:
        """Keep a new reading position in memory, and the Reading view's count with it."""
        article = self.by_id.get(article_id)
        if article is None:
            return
        before = started(article)
        article.position = position
        if article.deleted_at is None:
            self.reading += int(started(article)) - int(before)

    def set_highlights(
        self, article_id: str, highlights: tuple[dict[str, Any], ...]
    ) -> Article | None:
        """Keep an article's highlights as written; returns the article."""
        article = self.by_id.get(article_id)
        if article is not None:
            if article.deleted_at is None:
                self.highlights += len(highlights) - len(article.highlights)
            article.highlights = highlights
        return article

    def all_tags(self) -> list[str]:
        """Every tag of a live article, A to Z: what the tag prompt completes from."""
        keys = [key for key, n in self.total_in.items() if n and key.startswith(TAG_PREFIX)]
        return sorted((self.tag_labels[key] for key in keys), key=str.casefold)

    def with_highlights(self) -> list[Article]:
        """The articles that have highlights."""
        return [article for article in self._newest_first if article.highlights]

    def lowered_titles(self) -> list[tuple[str, str]]:
        """``(casefolded title, id)`` newest first: what the title filter scans (without
        the invisible characters inside words, as the index keeps them: "Tech\u00adnik" is
        found by "technik")."""
        if self._titles is None:
            self._titles = [(without_joiners(a.title).casefold(), a.id) for a in self._newest_first]
        return self._titles


def feed_title(feed: Subscription) -> str:
    """A feed's name in the sidebar: its title, else its address."""
    return feed.title or feed.url
