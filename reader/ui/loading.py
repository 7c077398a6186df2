"""Reading the library into a ``Catalog`` off the UI thread, and noticing outside changes.

The first screen comes from the newest-rows cache when there is one; the whole library is
read after it is painted, so reading does not compete with the first paint. Every two
seconds the library's change token is compared with the one last loaded: a ``reader import``
from cron or a scripted ``reader mark`` shows up without a restart. A change to the saved
views or the subscriptions alone (``reader views add``, ``reader feeds remove``, a cron
update that found nothing new) reads those two small files again, not every article.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from reader.store import Article, Library, StoreError
from reader.store.library import ChangeToken
from reader.store.subscriptions import Subscription, Subscriptions
from reader.store.views import SavedView
from reader.ui.catalog import Catalog

POLL_SECONDS = 2.0
Token = ChangeToken


@dataclass
class CatalogLoaded(Message):
    """Every article's row, read at the library's state ``token``; ``since`` is what the
    ``progress`` callable said as the reading began."""

    catalog: Catalog
    token: Token
    since: int


@dataclass
class ListsLoaded(Message):
    """The saved views and the subscriptions, read at the library's state ``token`` (its
    articles as they were)."""

    views: list[SavedView]
    feeds: list[Subscription]
    token: Token


@dataclass
class LoadFailed(Message):
    """The library could not be read; ``error`` says why."""

    error: str


class CatalogLoader:
    """Loads the catalog for ``host`` (which receives the messages above) and polls."""

    def __init__(
        self,
        host: DOMNode,
        library: Library,
        *,
        first_page: list[Article] | None = None,
        preload: Future[tuple[list[Article], list[Article]]] | None = None,
        progress: Callable[[], int] = lambda: 0,
    ) -> None:
        self.host = host
        self.library = library
        #: How far the screen's own changes have got, recorded with each load.
        self.progress = progress
        self._first_page = first_page
        self._preload = preload
        #: The token of the catalog on screen.
        self.known_token: Token | None = None
        #: The token after our own last write (no reload needed for it).
        self.own_token: Token | None = None

    def start(self) -> Catalog | None:
        """The first page to show at once (then ``load`` once it is painted), or None after
        starting to load the whole library."""
        first_page, self._first_page = self._first_page, None
        if first_page:
            self.known_token = self.library.change_token()
            return Catalog(first_page, partial=True)
        self.load()
        return None

    def load(self) -> None:
        """Read every row in a worker; a newer load replaces one under way."""
        self.host.run_worker(
            self._read,
            thread=True,
            exclusive=True,
            group="load",
            description="Reading the library",
        )

    def _read(self) -> None:
        since = self.progress()  # changes shown after this may be missing from the read
        token = self.library.change_token()
        preload, self._preload = self._preload, None
        try:
            if preload is not None:
                articles, deleted = preload.result()
            else:
                articles, deleted = self.library.articles_and_deleted()
            catalog = self._catalog(articles, deleted)
        except StoreError as error:
            self.host.post_message(LoadFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.host.post_message(CatalogLoaded(catalog, token, since))

    def _catalog(self, articles: list[Article], deleted: list[Article]) -> Catalog:
        """The catalog of these articles, with the feeds and saved searches of the sidebar."""
        library = self.library
        feeds = Subscriptions(library).all()
        feed_of = (  # a pass over every metadata document, only worth it with feeds to show
            {
                article_id: feed_id
                for feed_id, ids in library.articles_by_feed().items()
                for article_id in ids
            }
            if feeds
            else {}
        )
        saved = library.views()
        return Catalog(articles, deleted=deleted, feeds=feeds, feed_of=feed_of, saved=saved)

    def load_lists(self) -> None:
        """Read the saved views and the subscriptions in a worker (a newer read replaces
        one under way)."""
        self.host.run_worker(
            self._read_lists,
            thread=True,
            exclusive=True,
            group="lists",
            description="Reading the saved views and feeds",
        )

    def _read_lists(self) -> None:
        token = self.library.change_token()
        try:
            views = self.library.views()
            feeds = Subscriptions(self.library).all()
        except StoreError as error:
            self.host.post_message(LoadFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.host.post_message(ListsLoaded(views, feeds, token))

    def poll(self, writing: bool) -> None:
        """Reload when another process (an import, a script) changed the library.

        Not while our own write is under way (``writing``): its change is on disk before
        the writer reports the token it made, and reloading the whole catalog for it costs
        a second copy of every row.
        """
        if self.known_token is None or writing:
            return
        try:
            token = self.library.change_token()
        except OSError:
            return
        if token == self.known_token:
            return
        if token == self.own_token:
            self.known_token = token
            return
        if self.articles_shown(token):
            self.load_lists()
        else:
            self.load()

    def articles_shown(self, token: Token) -> bool:
        """True when the articles are as the catalog on screen has them: as last read, or
        as our own last write left them (the screen shows its own writes itself)."""
        return any(
            shown is not None and shown.articles == token.articles
            for shown in (self.known_token, self.own_token)
        )

    def written(self, token: Token) -> None:
        """Our own write made ``token`` (called on the writer's thread)."""
        self.own_token = token
