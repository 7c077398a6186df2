"""The main screen: views, the article list and the reading pane, and every command on them.

The screen owns the state (which view, which sort, which search, what is open) and the
in-memory catalog; widgets draw and report. Loading, reading bodies and searching run in
workers; writes go to the store through a single background writer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from reader.config import SORT_ORDERS, SortOrder
from reader.search import SearchIndex
from reader.store import Article, Library, StoreError
from reader.ui.catalog import ALL, BOOKMARKED, UNREAD, Catalog
from reader.ui.commands import SCREEN_COMMANDS
from reader.ui.finder import Finder, Found, engine_finder
from reader.ui.links import check_link
from reader.ui.screens.confirm import Confirm
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.view_list import ViewList
from reader.ui.writer import StoreWriter

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

NARROW = 100
#: What o and y say on an article saved without its web address (a text dump, a note).
NO_ADDRESS = "This article has no web address."
#: The reading pane of an empty library: how to fill it.
EMPTY_LIBRARY_HELP = (
    "The library is empty. Add articles from a terminal with reader import FILE... "
    "(text or HTML pages, Markdown, RSS and Atom feeds, wallabag, Pocket and Omnivore "
    "exports, zip archives, or a web address)."
)
RAPID_MOVE_SECONDS = 0.12
POLL_SECONDS = 2.0


@dataclass
class SearchState:
    """A search in progress: its query and the view to return to on Esc."""

    query: str
    came_from: str
    cursor_id: str | None
    found: Found | None = None


class MainScreen(Screen[None]):
    """Views on the left, the list in the middle, the article on the right."""

    DEFAULT_CSS = """
    MainScreen {
        #panes { height: 1fr; }
        #list-column { width: 42%; min-width: 30; }
        #list-title {
            height: 1; padding: 0 1; background: $panel; color: $text-muted; text-style: bold;
        }
        ArticleList { height: 1fr; }
        ReadingPane { width: 1fr; border-left: vkey $panel-lighten-2; scrollbar-size-vertical: 1; }
        &.-narrow {
            #panes { layout: vertical; }
            ViewList { display: none; }
            #list-column { width: 1fr; height: 40%; }
            ReadingPane { height: 1fr; border-left: none; border-top: hkey $panel-lighten-2; }
        }
    }
    """
    BINDINGS = [command.binding() for command in SCREEN_COMMANDS]

    def __init__(
        self,
        library: Library,
        finder: Callable[[Catalog], Finder],
        open_index: Callable[[Library], SearchIndex] | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.catalog: Catalog | None = None
        self.view = ALL
        self.search: SearchState | None = None
        self.opened = False
        self.undo_ids: list[str] = []
        self.known_token: tuple[int, int] | None = None
        self.own_token: tuple[int, int] | None = None
        self._make_finder = finder
        self._finder: Finder | None = None
        self._open_index = open_index
        self._index: SearchIndex | None = None
        self._engine: Finder | None = None
        self._last_move = 0.0
        self._first_rows_shown = False
        self.writer = StoreWriter(library, self._write_failed, self._written)
        self._widgets: tuple[ArticleList, ReadingPane, ViewList, SearchBar]
        self._binding_state: tuple[object, ...] = ()

    @property
    def reader(self) -> ReaderApp:
        """The app, with its settings."""
        return cast("ReaderApp", self.app)

    # ----- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ViewList(id="views")
            with Vertical(id="list-column"):
                yield Static("Loading…", id="list-title", markup=False)
                yield ArticleList(
                    today=self._today,
                    words_per_minute=self.reader.config.words_per_minute,
                    id="articles",
                )
                yield SearchBar(self.reader.history, id="search")
            yield ReadingPane(id="pane")
        yield ReaderFooter()

    def on_mount(self) -> None:
        """Start loading the library; watch it for changes made elsewhere."""
        self._widgets = (
            self.query_one("#articles", ArticleList),
            self.query_one("#pane", ReadingPane),
            self.query_one("#views", ViewList),
            self.query_one("#search", SearchBar),
        )
        self.article_list.focus()
        first_page, self.reader.first_page = self.reader.first_page, None
        if first_page:
            # The newest rows now; the whole library once they are on screen, so reading
            # it does not compete with the first paint.
            self.show_catalog(Catalog(first_page, partial=True), self.library.change_token())
            self.call_after_refresh(self.load_catalog)
        else:
            self.load_catalog()
        self.set_interval(POLL_SECONDS, self.poll_library)
        self.watch(self.pane, "scroll_y", self._pane_scrolled, init=False)

    def on_resize(self, event: Resize) -> None:
        """Stack the list over the article on narrow terminals."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def _today(self) -> date:
        return self.reader.clock().date()

    @property
    def article_list(self) -> ArticleList:
        """The article list widget."""
        return self._widgets[0]

    @property
    def pane(self) -> ReadingPane:
        """The reading pane widget."""
        return self._widgets[1]

    @property
    def view_list(self) -> ViewList:
        """The view list widget."""
        return self._widgets[2]

    @property
    def search_bar(self) -> SearchBar:
        """The `/` prompt."""
        return self._widgets[3]

    @property
    def sort(self) -> SortOrder:
        """The list's sort order (a setting)."""
        return self.reader.config.sort

    # ----- loading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", description="Reading the library")
    def load_catalog(self) -> None:
        """Read every article's row from the store, then show them."""
        token = self.library.change_token()
        preload, self.reader.preload = self.reader.preload, None
        try:
            articles = preload.result() if preload is not None else self.library.articles()
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        catalog = Catalog(articles)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_catalog, catalog, token)

    def show_catalog(self, catalog: Catalog, token: tuple[int, int]) -> None:
        """Swap in a freshly loaded catalog, keeping the cursor on the same article."""
        current = self.article_list.current
        self.catalog = catalog
        self.known_token = token
        self._finder = None
        if not catalog.has_view(self.view):
            self.view = ALL
        if self.search is not None and self.search.found is not None:
            self.run_search(self.search.query)
        else:
            self.show_rows(keep=current.id if current else None)
        self.refresh_views()
        if not self._first_rows_shown:
            self._first_rows_shown = True
            self.call_after_refresh(self.reader.first_rows_shown)
            if self._open_index is not None:
                self.open_search_index()

    @work(thread=True, exclusive=True, group="index", description="Opening the search index")
    def open_search_index(self) -> None:
        """Open (and bring up to date) the full-text index; the title filter serves until then,
        and for good if it cannot be opened."""
        if self._open_index is None:
            return
        try:
            index = self._open_index(self.library)
        except Exception as error:  # any failure leaves the title filter in charge
            message = f"Full-text search unavailable ({error}); searching titles only."
            self.app.call_from_thread(self.notify, message, severity="warning", markup=False)
            return
        self._index, self._engine = index, engine_finder(index)
        for notice in index.notices:
            self.app.call_from_thread(self.notify, notice, timeout=6, markup=False)

    def poll_library(self) -> None:
        """Reload when another process (an import, a script) changed the library.

        Not while our own write is under way: its change is on disk before the writer
        reports the token it made, and reloading the whole catalog for it costs a second
        copy of every row.
        """
        if self.catalog is None or self.writer.busy:
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
        self.load_catalog()

    def _written(self, token: tuple[int, int]) -> None:
        """Called by the writer thread: our own writes do not need a reload."""
        self.own_token = token

    def _write_failed(self, message: str) -> None:
        """Called by the writer thread: say what failed and reload the truth."""
        self.app.call_from_thread(self.notify, message, severity="error", markup=False)
        self.app.call_from_thread(self.load_catalog)

    # ----- showing rows and views ----------------------------------------------------

    def show_rows(self, keep: str | None = None) -> None:
        """Fill the list from the current view or search."""
        catalog = self.catalog
        if catalog is None:
            return
        article_list = self.article_list
        found = self.search.found if self.search is not None else None
        if found is not None:
            rows = [a for a in map(catalog.get, found.ids) if a is not None]
            article_list.empty_text = found.hint or found.empty
            article_list.show_rows(rows, keep=keep, matches=found.matches)
        else:
            rows = catalog.rows(self.view, self.sort)
            article_list.empty_text = self._empty_text(catalog)
            article_list.show_rows(rows, keep=keep)
        self.pane.highlight(found.terms if found is not None else [])
        if not rows:
            self.pane.clear(EMPTY_LIBRARY_HELP if not len(catalog) else "Nothing to read here.")
        self.refresh_title()

    def _empty_text(self, catalog: Catalog) -> str:
        if not len(catalog):
            return "The library is empty."
        return {
            UNREAD: "All read. Nothing new here.",
            BOOKMARKED: "No bookmarks yet: b bookmarks an article.",
        }.get(self.view, "No articles here.")

    def refresh_views(self) -> None:
        """Redraw the view list with current counts."""
        if self.catalog is not None:
            self.view_list.show_views(self.catalog.views(), self.view)

    def refresh_title(self) -> None:
        """The line above the list and the header's subtitle: what is shown, how sorted."""
        catalog = self.catalog
        if catalog is None:
            return
        count = len(self.article_list.rows)
        if self.search is not None:
            what = f"Search: {' '.join(self.search.query.split())}"
            found = self.search.found
            if found is not None and found.hint:
                what += f" · {found.hint}"
            elif found is not None and found.partial:
                what += " · showing the newest matches"
        else:
            what = catalog.view_label(self.view)
        plural = "" if count == 1 else "s"
        if catalog.partial:
            line = f"{what} · newest {count:,} · loading the rest…"
            self.sub_title = "loading…"
        else:
            order = "best first" if self.search is not None else f"by {self.sort}"
            line = f"{what} · {count:,} article{plural} · {order}"
            self.sub_title = f"{catalog.unread:,} unread of {len(catalog):,}"
        self.query_one("#list-title", Static).update(line)

    def counts_changed(self, *ids: str) -> None:
        """Redraw what depends on read and bookmark flags."""
        for article_id in ids:
            self.article_list.refresh_article(article_id)
        self.refresh_views()
        self.refresh_title()
        self.refresh_bindings()

    @on(ViewList.Chosen)
    def view_chosen(self, event: ViewList.Chosen) -> None:
        """Show the chosen view."""
        self.switch_view(event.key)

    def switch_view(self, view: str) -> None:
        """Show ``view`` (leaving any search)."""
        self.view = view
        if self.search is not None:
            self.search = None
            self.search_bar.close()
        self.show_rows()
        self.refresh_views()
        self.refresh_bindings()

    # ----- the reading pane ----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def article_highlighted(self, event: ArticleList.Highlighted) -> None:
        """Show the article under the cursor."""
        self.refresh_bindings()
        if event.article_id is None:
            return
        if event.article_id != self.pane.article_id:
            now = time.monotonic()
            rapid = now - self._last_move < RAPID_MOVE_SECONDS
            self._last_move = now
            self.save_position()
            self.render_article(event.article_id, rapid)

    @work(exclusive=True, group="article", description="Rendering an article")
    async def render_article(self, article_id: str, rapid: bool = False) -> None:
        """Read the body off the UI thread and render it; a newer request cancels this one."""
        if rapid:
            await asyncio.sleep(RAPID_MOVE_SECONDS)
        catalog = self.catalog
        article = catalog.get(article_id) if catalog else None
        if article is None:
            return
        try:
            content = await asyncio.to_thread(self.library.content, article_id)
        except StoreError as error:
            self.pane.clear(str(error))
            return
        pane = self.pane
        pane.show(article, content, self.reader.config.words_per_minute)
        position = article.position or {}
        block = position.get("block")
        if isinstance(block, int) and block > 0:
            pane.scroll_to_block(block)
        self.refresh_bindings()
        self.reader.article_shown(article_id)
        if self.opened:
            self.call_after_refresh(self._check_read_at_end)

    def save_position(self) -> None:
        """Remember where the reader is in the article being left (the paragraph at the top)."""
        pane, catalog = self.pane, self.catalog
        if pane.article_id is None or not pane.rendered or catalog is None:
            return
        article = catalog.get(pane.article_id)
        if article is None:
            return
        block = pane.top_block()
        position: dict[str, Any] | None = {"block": block} if block > 0 else None
        if position != article.position:
            article.position = position
            article_id = article.id
            self.writer.submit(
                "save the reading position",
                lambda library: library.set_position(article_id, position),
            )

    def _pane_scrolled(self) -> None:
        if self.opened and self.reader.config.mark_read == "end":
            self._check_read_at_end()

    def _check_read_at_end(self) -> None:
        pane = self.pane
        if (
            self.reader.config.mark_read == "end"
            and self.opened
            and pane.at_end
            and pane.article_id
        ):
            self.set_read([pane.article_id], True)

    @on(ReadingPane.LinkClicked)
    def link_clicked(self, event: ReadingPane.LinkClicked) -> None:
        """A link in an article: show it and ask before opening; refuse unsafe ones."""
        event.stop()
        self.offer_link(event.href, allow_mail=True)

    def offer_link(self, href: str, *, allow_mail: bool = False) -> None:
        """Ask before opening ``href`` in the browser; refuse what is not a web link."""
        verdict = check_link(href, allow_mail=allow_mail)
        if verdict.problem:
            self.notify(verdict.problem, severity="warning", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.open_url(verdict.url)

        self.app.push_screen(
            Confirm("Open this link in your browser?", verdict.url, yes="Open"), answered
        )

    # ----- commands: availability ----------------------------------------------------

    def refresh_bindings(self) -> None:
        """Redraw the footer, but only when what the commands depend on changed (it is slow)."""
        current = self.article_list.current if self.is_mounted else None
        state = (
            current is not None,
            bool(current and current.url),
            id(self.focused),
            self.search is not None,
            self._matching() if self.is_mounted else False,
            bool(self.undo_ids),
            self.pane.article_id is not None if self.is_mounted else False,
            self.catalog is not None,
            bool(self.is_mounted and self.article_list.rows),
        )
        if state != self._binding_state:
            self._binding_state = state
            super().refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer (in the footer and palette) only the commands that make sense now."""
        current = self.article_list.current
        focus = self.focused
        in_pane = focus is self.pane
        loaded = self.catalog is not None
        if action == "open":
            return current is not None and focus is self.article_list
        if action == "back":
            return in_pane or self.search is not None or focus is self.view_list
        matching = self._matching()
        if action in ("next_match", "previous_match"):
            return matching
        if action in ("next_article", "next_unread") and matching:
            return False
        if action in ("next_article", "previous_article", "toggle_read", "toggle_bookmark"):
            return current is not None
        if action == "next_unread":
            return loaded and current is not None
        if action in ("open_url", "copy_url"):
            return current is not None  # without a URL they say so
        if action in ("toggle_removed", "page_down", "page_up"):
            return self.pane.article_id is not None
        if action == "undo":
            return bool(self.undo_ids)
        complete = loaded and self.catalog is not None and not self.catalog.partial
        if action == "mark_all_read":
            return complete and bool(self.article_list.rows)
        if action in ("search", "cycle_sort", "next_view", "previous_view", "set_sort"):
            return complete
        return True

    def _matching(self) -> bool:
        """True while reading an article opened from search results: n/N then walk matches."""
        found = self.search.found if self.search is not None else None
        return (
            found is not None
            and bool(found.terms)
            and self.focused is self.pane
            and self.pane.article_id is not None
        )

    # ----- commands: moving ----------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Next row, or scroll the article."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """Previous row, or scroll the article."""
        self._move(-1)

    def _move(self, delta: int) -> None:
        focus = self.focused
        if focus is self.pane:
            self.pane.scroll_relative(y=delta * 2, animate=False)
        elif focus is self.view_list:
            if delta > 0:
                self.view_list.action_cursor_down()
            else:
                self.view_list.action_cursor_up()
        else:
            self.article_list.move_by(delta)

    def action_first(self) -> None:
        """Top of the list or of the article."""
        if self.focused is self.pane:
            self.pane.scroll_home(animate=False)
        else:
            self.article_list.move_to(0)

    def action_last(self) -> None:
        """End of the list or of the article."""
        if self.focused is self.pane:
            self.pane.scroll_end(animate=False)
        else:
            self.article_list.move_to(len(self.article_list.rows) - 1)

    def action_page_down(self) -> None:
        """A page down the article (the list pages with pagedown when it has focus)."""
        if self.focused is self.article_list and self.pane.article_id is None:
            self.article_list.page(1)
        else:
            self.pane.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """A page up the article."""
        self.pane.scroll_page_up(animate=False)

    def action_open(self) -> None:
        """Read the highlighted article: focus the pane and (by setting) mark it read."""
        current = self.article_list.current
        if current is None:
            return
        self.open_article(current)

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        """Double click on a row opens it."""
        current = self.article_list.current
        if current is not None and current.id == event.article_id:
            self.open_article(current)

    def open_article(self, article: Article) -> None:
        """Open ``article`` in the pane."""
        self.opened = True
        self.pane.focus()
        if self.reader.config.mark_read == "open":
            self.set_read([article.id], True)
        elif self.reader.config.mark_read == "end" and self.pane.article_id == article.id:
            self.call_after_refresh(self._check_read_at_end)
        self.refresh_bindings()

    def action_back(self) -> None:
        """Back from the article to the list; from search results to the view."""
        if self.focused is self.pane or self.focused is self.view_list:
            self.save_position()
            self.opened = False
            self.article_list.focus()
        elif self.search is not None:
            self.end_search()
        self.refresh_bindings()

    def action_next_article(self) -> None:
        """Open the next article in the list."""
        self._step(1)

    def action_previous_article(self) -> None:
        """Open the previous article in the list."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        article_list = self.article_list
        index = article_list.cursor + delta
        if not 0 <= index < len(article_list.rows):
            self.notify("No more articles here.", timeout=2)
            return
        article_list.move_to(index)
        self.open_article(article_list.rows[index])

    def action_next_match(self) -> None:
        """n while reading a search result: the next match in the article."""
        self._step_match(1)

    def action_previous_match(self) -> None:
        """N while reading a search result: the previous match in the article."""
        self._step_match(-1)

    def _step_match(self, delta: int) -> None:
        index = self.pane.step_match(delta)
        if index is None:
            self.notify("No matches in this article.", timeout=2)
        else:
            self.notify(f"Match {index + 1} of {self.pane.match_count}.", timeout=1.5)

    def action_next_unread(self) -> None:
        """Open the next unread article after the cursor (wrapping once round)."""
        rows = self.article_list.rows
        start = self.article_list.cursor
        order = [*range(start + 1, len(rows)), *range(0, start)]
        for index in order:
            if not rows[index].read:
                self.article_list.move_to(index, center=True)
                self.open_article(rows[index])
                return
        self.notify("No unread articles in this list.", timeout=2)

    # ----- commands: read state, bookmarks -------------------------------------------

    def set_read(self, ids: list[str], read: bool) -> list[str]:
        """Change read flags now on screen, then in the store."""
        if self.catalog is None:
            return []
        changed = self.catalog.set_read(ids, read)
        if changed:
            self.counts_changed(*changed)
            self.writer.submit(
                "mark read" if read else "mark unread",
                lambda library: library.set_read(changed, read),
            )
        return changed

    def action_toggle_read(self) -> None:
        """m: read becomes unread and back."""
        current = self.article_list.current
        if current is not None:
            self.set_read([current.id], not current.read)

    def action_toggle_bookmark(self) -> None:
        """b: add or remove a bookmark."""
        current = self.article_list.current
        if current is None or self.catalog is None:
            return
        flag = not current.bookmarked
        changed = self.catalog.set_bookmarked([current.id], flag)
        if changed:
            self.counts_changed(*changed)
            self.writer.submit(
                "change the bookmark",
                lambda library: library.set_bookmarked(changed, flag),
            )
            self.notify("Bookmarked." if flag else "Bookmark removed.", timeout=2)

    def action_mark_all_read(self) -> None:
        """M: mark every unread article of this list read, after asking."""
        ids = [a.id for a in self.article_list.rows if not a.read]
        if not ids:
            self.notify("Nothing unread here.", timeout=2)
            return
        what = self.query_one("#list-title", Static).render()
        plural = "" if len(ids) == 1 else "s"

        def answered(yes: bool | None) -> None:
            if yes:
                self.undo_ids = self.set_read(ids, True)
                self.notify(f"Marked {len(self.undo_ids):,} read. u undoes it.", timeout=4)
                self.refresh_bindings()

        self.app.push_screen(
            Confirm(f"Mark {len(ids):,} article{plural} read?", str(what), yes="Mark read"),
            answered,
        )

    def action_undo(self) -> None:
        """u: make the articles the last 'mark all read' changed unread again."""
        if self.undo_ids:
            restored = self.set_read(self.undo_ids, False)
            self.undo_ids = []
            self.notify(f"{len(restored):,} marked unread again.", timeout=3)
            self.refresh_bindings()

    # ----- commands: the article's page ----------------------------------------------

    def action_open_url(self) -> None:
        """o: show the URL and ask before opening it in the browser."""
        current = self.article_list.current
        if current is not None and current.url:
            self.offer_link(current.url)
        elif current is not None:
            self.notify(NO_ADDRESS, timeout=3)

    def action_copy_url(self) -> None:
        """y: copy the URL."""
        current = self.article_list.current
        if current is not None and current.url:
            self.app.copy_to_clipboard(current.url)
            self.notify("URL copied.", timeout=2)
        elif current is not None:
            self.notify(NO_ADDRESS, timeout=3)

    def action_toggle_removed(self) -> None:
        """x: show or hide what cleaning removed."""
        document = self.pane.document
        if document is not None and not document.removed:
            self.notify("Cleaning removed nothing from this article.", timeout=3)
            return
        shown = self.pane.toggle_removed()
        self.notify(
            "Showing what cleaning removed." if shown else "Removed text hidden.", timeout=2
        )

    # ----- commands: views, sorting --------------------------------------------------

    def action_cycle_sort(self) -> None:
        """s: date → source → title."""
        index = SORT_ORDERS.index(self.sort)
        self.action_set_sort(SORT_ORDERS[(index + 1) % len(SORT_ORDERS)])

    def action_set_sort(self, order: str) -> None:
        """Sort the list by ``order`` (remembered in the config)."""
        if order not in SORT_ORDERS:
            return
        self.reader.change_config(sort=order)
        current = self.article_list.current
        if self.search is None or self.search.found is None:
            self.show_rows(keep=current.id if current else None)
        self.notify(f"Sorted by {order}.", timeout=2)

    def action_next_view(self) -> None:
        """]: the next view in the view list."""
        self._step_view(1)

    def action_previous_view(self) -> None:
        """[: the previous view in the view list."""
        self._step_view(-1)

    def _step_view(self, delta: int) -> None:
        if self.catalog is None:
            return
        keys = [view.key for view in self.catalog.views()]
        index = keys.index(self.view) if self.view in keys else 0
        self.switch_view(keys[(index + delta) % len(keys)])

    # ----- search --------------------------------------------------------------------

    def action_search(self) -> None:
        """/: open the prompt; results follow each keystroke."""
        if self.search is None:
            current = self.article_list.current
            self.search = SearchState("", self.view, current.id if current else None)
        self.search_bar.open()
        self.refresh_bindings()

    @on(SearchBar.Changed)
    def search_typed(self, event: SearchBar.Changed) -> None:
        """Search again as the query changes."""
        event.stop()
        if self.search is None:
            return
        self.search.query = event.value
        if not event.value.strip():
            self.search.found = None
            self.show_rows(keep=self.search.cursor_id)
            return
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", description="Searching")
    def run_search(self, query: str, final: bool = False) -> None:
        """Ask the finder (off the UI thread) and show what it found; ``final`` on Enter."""
        catalog = self.catalog
        if catalog is None:
            return
        finder = self._engine
        if finder is None:
            if self._finder is None:
                self._finder = self._make_finder(catalog)
            finder = self._finder
        # While a phrase is being typed its closing quote is not there yet: search for it
        # as if it were, instead of saying the quote is missing at every key.
        asked = query + '"' if not final and query.count('"') % 2 else query
        found = finder(asked, self._today(), final)
        if final and not found.ids and not found.hint:
            return  # the word as typed so far matched; keep those results
        if not found.stale and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_found, query, found)

    def _show_found(self, query: str, found: Found) -> None:
        """Show what a search found, unless the query has changed since (stale results)."""
        search = self.search
        if search is None or search.query != query:
            return
        previous = search.found
        if found.hint and not found.ids and previous is not None and previous.ids:
            # An unreadable query keeps the last results, with the hint in the title line.
            found = Found(previous.ids, found.hint, found.empty, previous.matches, previous.terms)
        current = self.article_list.current
        search.found = found
        self.show_rows(keep=current.id if current else None)
        self.refresh_bindings()

    @on(SearchBar.Submitted)
    def search_submitted(self, event: SearchBar.Submitted) -> None:
        """Enter: keep the results, go to them, remember the query."""
        event.stop()
        self.reader.history.add(event.value)
        if self.search is not None and not event.value.strip():
            self.end_search()
            return
        if self.search is not None:
            # The last word was a prefix while typing; now it is the whole word, ranked
            # as `reader search` ranks it.
            self.run_search(event.value, final=True)
        self.article_list.focus()
        self.refresh_bindings()

    @on(SearchBar.Cancelled)
    def search_cancelled(self) -> None:
        """Esc in the prompt: back to the view you came from."""
        self.end_search()

    def end_search(self) -> None:
        """Leave search: the view and cursor from before it."""
        search, self.search = self.search, None
        self.search_bar.close()
        self.article_list.focus()
        if search is not None:
            self.view = search.came_from
            self.show_rows(keep=search.cursor_id)
            self.refresh_views()
        self.refresh_bindings()

    # ----- leaving -------------------------------------------------------------------

    def on_unmount(self) -> None:
        """Save where the reader was and finish queued writes."""
        self.save_position()
        self.writer.close()
        if self._index is not None:
            self._index.close()
