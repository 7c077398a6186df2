"""The articles the app holds in memory: views, sort orders and live counts.

Plain Python (no Textual), so it is cheap to test and fast at 100k articles: a view's rows
are one pass over a presorted list, and a read or bookmark change adjusts the counts
instead of recounting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.config import SortOrder
from reader.store import Article

ALL, UNREAD, BOOKMARKED = "all", "unread", "bookmarked"
#: Started and not finished; and the entry that opens the Highlights view.
READING, HIGHLIGHTS = "reading", "highlights"
SOURCE_PREFIX = "source:"
NO_SOURCE = "(no source)"


@dataclass(frozen=True)
class View:
    """One entry of the view list: what it shows and how many articles that is."""

    key: str
    label: str
    #: None while only the newest articles are loaded and the count is not known yet.
    count: int | None


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


class Catalog:
    """Every article's row, with per-view counts kept up to date as flags change."""

    def __init__(self, articles: Sequence[Article], *, partial: bool = False) -> None:
        #: True when this holds only the newest articles, shown while the rest load.
        self.partial = partial
        self.by_id: dict[str, Article] = {a.id: a for a in articles}
        self._newest_first: list[Article] = list(articles)
        self._sorted: dict[SortOrder, list[Article]] = {"date": self._newest_first}
        self._titles: list[tuple[str, str]] | None = None
        self.unread = 0
        self.bookmarked = 0
        #: Bookmarked articles not read yet: the count the Bookmarked view shows.
        self.unread_bookmarked = 0
        self.per_source: Counter[str] = Counter()
        self.unread_per_source: Counter[str] = Counter()
        #: Articles started and not finished, and highlights in all.
        self.reading = 0
        self.highlights = 0
        per_source, unread_per_source = self.per_source, self.unread_per_source
        for article in articles:
            if article.position and started(article):
                self.reading += 1
            if article.highlights:
                self.highlights += len(article.highlights)
            source = article.source or NO_SOURCE
            per_source[source] += 1
            if not article.read:
                unread_per_source[source] += 1
            if article.bookmarked:
                self.bookmarked += 1
                if not article.read:
                    self.unread_bookmarked += 1
        self.unread = sum(unread_per_source.values())

    def __len__(self) -> int:
        return len(self._newest_first)

    def get(self, article_id: str) -> Article | None:
        """The article with this ID, if held."""
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
        """The articles a view shows, in ``order``."""
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
        if view.startswith(SOURCE_PREFIX):
            source = view[len(SOURCE_PREFIX) :]
            return [a for a in everything if source_of(a) == source]
        return []

    def views(self) -> list[View]:
        """All, Unread, Bookmarked, then one view per source (A to Z), each with its unread count.

        Every view counts the same thing, so the numbers side by side compare; the
        header gives the total.
        """
        known = not self.partial
        views = [
            View(ALL, "All", self.unread if known else None),
            View(UNREAD, "Unread", self.unread if known else None),
            View(BOOKMARKED, "Bookmarked", self.unread_bookmarked if known else None),
            # These two count what they hold: started articles are mostly read already.
            View(READING, "Reading", self.reading if known else None),
            View(HIGHLIGHTS, "Highlights", self.highlights if known else None),
        ]
        for source in sorted(self.per_source, key=str.casefold):
            count = self.unread_per_source[source] if known else None
            views.append(View(source_view(source), source, count))
        return views

    def view_label(self, view: str) -> str:
        """The name of a view, for the list's title."""
        if view.startswith(SOURCE_PREFIX):
            return view[len(SOURCE_PREFIX) :]
        labels = {
            ALL: "All",
            UNREAD: "Unread",
            BOOKMARKED: "Bookmarked",
            READING: "Reading",
            HIGHLIGHTS: "Highlights",
        }
        return labels.get(view, view)

    def has_view(self, view: str) -> bool:
        """False for a source view whose source no longer has articles."""
        if view.startswith(SOURCE_PREFIX):
            return view[len(SOURCE_PREFIX) :] in self.per_source
        return view in (ALL, UNREAD, BOOKMARKED, READING, HIGHLIGHTS)

    def set_read(self, ids: Iterable[str], read: bool) -> list[str]:
        """Flip the read flag in memory; returns the IDs that changed."""
        changed = []
        for article_id in ids:
            article = self.by_id.get(article_id)
            if article is None or article.read == read:
                continue
            article.read = read
            delta = -1 if read else 1
            self.unread += delta
            self.unread_per_source[source_of(article)] += delta
            if article.bookmarked:
                self.unread_bookmarked += delta
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
            self.bookmarked += 1 if flag else -1
            if not article.read:
                self.unread_bookmarked += 1 if flag else -1
            changed.append(article_id)
        return changed

    def set_position(self, article_id: str, position: dict[str, Any] | None) -> None:
        """Keep a new reading position in memory, and the Reading view's count with it."""
        article = self.by_id.get(article_id)
        if article is None:
            return
        before = started(article)
        article.position = position
        self.reading += int(started(article)) - int(before)

    def set_highlights(
        self, article_id: str, highlights: tuple[dict[str, Any], ...]
    ) -> Article | None:
        """Keep an article's highlights as written; returns the article."""
        article = self.by_id.get(article_id)
        if article is not None:
            self.highlights += len(highlights) - len(article.highlights)
            article.highlights = highlights
        return article

    def with_highlights(self) -> list[Article]:
        """The articles that have highlights."""
        return [article for article in self._newest_first if article.highlights]

    def lowered_titles(self) -> list[tuple[str, str]]:
        """``(casefolded title, id)`` newest first: what the title filter scans."""
        if self._titles is None:
            self._titles = [(a.title.casefold(), a.id) for a in self._newest_first]
        return self._titles
