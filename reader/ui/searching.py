"""The `/` search behind the screen: its state, and answering queries off the UI thread.

The full-text index is opened in a worker after the first rows are shown (bringing it up to
date can take a moment); until it is open, or if it cannot be, the title filter answers.
Each query runs in an exclusive worker, so a new keystroke drops the answer to the last one,
and answers come back to the screen as ``SearchAnswered`` messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from reader.search import QueryError, SearchIndex
from reader.store import Library
from reader.ui.catalog import Catalog
from reader.ui.finder import Finder, Found, engine_finder, more


@dataclass(frozen=True)
class SearchState:
    """A search in progress: its query, its answer, and the view to return to on Esc."""

    query: str
    came_from: str
    cursor_id: str | None
    found: Found | None = None

    def typed(self, query: str) -> SearchState:
        """The state once ``query`` is typed; an empty prompt shows the view again."""
        return replace(self, query=query, found=None if not query.strip() else self.found)

    def answered(self, found: Found) -> SearchState:
        """The state once ``found`` came back; a query that cannot be read keeps the last
        results, with its hint in the title line."""
        previous = self.found
        if found.hint and not found.ids and previous is not None and previous.ids:
            found = Found(
                previous.ids,
                found.hint,
                found.empty,
                previous.matches,
                previous.terms,
                best_first=previous.best_first,
            )
        return replace(self, found=found)


@dataclass
class SearchAnswered(Message):
    """What ``query`` found."""

    query: str
    found: Found


@dataclass
class ViewAnswered(Message):
    """What the saved search shown as view ``view`` found."""

    view: str
    found: Found


@dataclass
class SavedCounts(Message):
    """The unread count of each saved search, by view key."""

    counts: dict[str, int]


@dataclass
class IndexReady(Message):
    """The full-text index is open: saved searches can be counted and shown."""


@dataclass
class SearchNotice(Message):
    """Something to tell the user about the search index."""

    text: str
    warning: bool = False


class Searcher:
    """Answers queries for ``host`` (which receives the messages above)."""

    def __init__(
        self,
        host: DOMNode,
        library: Library,
        title_filter: Callable[[Catalog], Finder],
        open_index: Callable[[Library], SearchIndex] | None,
        today: Callable[[], date],
    ) -> None:
        self.host = host
        self.library = library
        self._title_filter = title_filter
        self._open_index = open_index
        self._today = today
        self._index: SearchIndex | None = None
        self._engine: Finder | None = None
        self._filter: Finder | None = None

    def open_index(self) -> None:
        """Open (and bring up to date) the full-text index, in a worker."""
        if self._open_index is not None:
            self.host.run_worker(
                self._opening,
                thread=True,
                exclusive=True,
                group="index",
                description="Opening the search index",
            )

    def _opening(self) -> None:
        if self._open_index is None:
            return
        try:
            index = self._open_index(self.library)
        except Exception as error:  # any failure leaves the title filter in charge
            message = f"Full-text search unavailable ({error}); searching titles only."
            self.host.post_message(SearchNotice(message, warning=True))
            return
        self._index, self._engine = index, engine_finder(index)
        for notice in index.notices:
            self.host.post_message(SearchNotice(notice))
        self.host.post_message(IndexReady())

    @property
    def ready(self) -> bool:
        """True once the full-text index answers (saved searches need it)."""
        return self._engine is not None

    def ask_view(self, view: str, query: str) -> None:
        """Find what a saved search's ``query`` finds, ranked as on Enter, in a worker."""
        finder = self._engine
        if finder is None:
            return

        def find() -> None:
            found = finder(query, self._today(), True)
            if not found.stale and not get_current_worker().is_cancelled:
                self.host.post_message(ViewAnswered(view, found))

        self.host.run_worker(
            find, thread=True, exclusive=True, group="view", description="Listing a view"
        )

    def more(self, found: Found, query: str, view: str | None = None) -> None:
        """Read the next page of ``found`` in a worker (the list nears its end); it comes
        back as the answer to ``query`` (a search), or to the saved search ``view``."""
        index = self._index
        if index is None or found.complete:
            return

        def read() -> None:
            try:
                longer = more(index, found)
            except Exception:  # the next page only extends the list: keep what is shown
                return
            if get_current_worker().is_cancelled:
                return
            if view is None:
                self.host.post_message(SearchAnswered(query, longer))
            else:
                self.host.post_message(ViewAnswered(view, longer))

        self.host.run_worker(
            read, thread=True, exclusive=True, group="more", description="Reading more results"
        )

    def count_views(self, queries: dict[str, str]) -> None:
        """Count the unread matches of each saved search (by view key), in a worker; the
        index keeps counts until it changes, so asking again after each mark is cheap."""
        index = self._index
        if index is None or not queries:
            return

        def count() -> None:
            counts: dict[str, int] = {}
            for key, query in queries.items():
                try:
                    counts[key] = index.count_matches(query, unread_only=True, today=self._today())
                except QueryError:
                    continue  # a query that no longer parses shows no count
                except Exception:  # a count only informs: a failing index leaves none
                    return
            if not get_current_worker().is_cancelled:
                self.host.post_message(SavedCounts(counts))

        self.host.run_worker(
            count, thread=True, exclusive=True, group="counts", description="Counting views"
        )

    def catalog_changed(self) -> None:
        """The title filter must read the new catalog."""
        self._filter = None

    def ask(self, query: str, catalog: Catalog, final: bool = False) -> None:
        """Search for ``query`` in a worker; ``final`` on Enter (the last word whole)."""
        self.host.run_worker(
            lambda: self._find(query, catalog, final),
            thread=True,
            exclusive=True,
            group="search",
            description="Searching",
        )

    def _find(self, query: str, catalog: Catalog, final: bool) -> None:
        finder = self._engine
        if finder is None:
            if self._filter is None:
                self._filter = self._title_filter(catalog)
            finder = self._filter
        # While a phrase is being typed its closing quote is not there yet: search for it
        # as if it were, instead of saying the quote is missing at every key.
        asked = query + '"' if not final and query.count('"') % 2 else query
        found = finder(asked, self._today(), final)
        if final and not found.ids and not found.hint:
            return  # the word as typed so far matched; keep those results
        if not found.stale and not get_current_worker().is_cancelled:
            self.host.post_message(SearchAnswered(query, found))

    def close(self) -> None:
        """Close the index."""
        if self._index is not None:
            self._index.close()
