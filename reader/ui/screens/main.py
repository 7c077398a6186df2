"""The main screen: views, the article list and the reading pane, and the commands on them.

The screen owns the state as reactives (the catalog, the view, the search) whose watchers
redraw what depends on them; widgets draw and report up in messages. Loading and polling
(``loading``), searching (``searching``) and flag changes written before they are shown
(``marking``) and following feeds (``feed_updating``) live in their own modules and answer
in messages too; the commands on the list and its articles are in ``list_commands``, those
on the open article beyond reading it (links, highlights, pipes, zen) in ``reading_commands``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widgets import Header, Static

from reader.sanitize import one_line
from reader.search import SearchIndex
from reader.store import Article, Library, StoreError
from reader.store.subscriptions import Subscription
from reader.ui.catalog import ALL, SAVED_PREFIX, Catalog, saved_view
from reader.ui.catalog import DELETED as DELETED_VIEW
from reader.ui.commands import SCREEN_COMMANDS
from reader.ui.curating import TagsWritten, ViewsChanged
from reader.ui.describe import empty_list, empty_pane, list_title
from reader.ui.feed_updating import (
    ALREADY_RUNNING,
    ArticlesArrived,
    FeedNotice,
    FeedRemoved,
    FeedsListed,
    FeedsSubscribed,
    FeedUpdater,
    UpdateFinished,
    UpdateProgress,
    feed_label,
    finished_notice,
    subscribed_notices,
)
from reader.ui.finder import Finder, Found
from reader.ui.highlighting import HighlightWrites
from reader.ui.history import History
from reader.ui.loading import (
    POLL_SECONDS,
    CatalogLoaded,
    CatalogLoader,
    ListsLoaded,
    LoadFailed,
)
from reader.ui.marking import DELETED, FlagsWritten, Marks, WriteFailed
from reader.ui.screens.confirm import Confirm
from reader.ui.screens.feed_picker import FeedPicker
from reader.ui.screens.prompt import Prompt
from reader.ui.screens.reading_commands import ReadingCommands
from reader.ui.searching import (
    IndexReady,
    SavedCounts,
    SearchAnswered,
    Searcher,
    SearchNotice,
    SearchState,
    ViewAnswered,
)
from reader.ui.settings import Settings
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.view_list import ViewList
from reader.ui.writer import StoreWriter

#: Below this many columns the list stands over the article, without the sidebar: three
#: columns in fewer leave titles of 20 characters and an article 30 columns wide.
NARROW = 120
RAPID_MOVE_SECONDS = 0.12
#: How close to the end of a search's rows the cursor gets before the next page is read.
MORE_WITHIN = 20
#: How long after the last change the saved searches are counted again.
COUNT_AFTER_SECONDS = 0.3


@dataclass
class OldDeletionsPurged(Message):
    """Articles deleted over 30 days ago were removed for good."""


class MainScreen(ReadingCommands):
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
            /* Reading at 80x24: the article keeps most of the screen. */
            &.-reading #list-column { height: 30%; }
        }
        &.-zen {
            Header, ViewList, #list-column, ReaderFooter { display: none; }
            ReadingPane { border-left: none; border-top: none; }
        }
    }
    """
    # Commands without keys are offered in the palette only.
    BINDINGS = [command.binding() for command in SCREEN_COMMANDS if command.keys]

    @dataclass
    class FirstRowsShown(Message):
        """The first list of titles has been painted."""

    @dataclass
    class ArticleShown(Message):
        """An article's first screenful has been rendered."""

        article_id: str

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        history: History,
        today: Callable[[], date],
        now: Callable[[], datetime] = datetime.now,
        title_filter: Callable[[Catalog], Finder],
        open_index: Callable[[Library], SearchIndex] | None = None,
        first_page: list[Article] | None = None,
        preload: Future[tuple[list[Article], list[Article]]] | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.history = history
        self.article_list = ArticleList(
            today=today, words_per_minute=settings.config.words_per_minute, id="articles"
        )
        self.pane = ReadingPane(text_width=settings.config.text_width, id="pane")
        self.view_list = ViewList(folded=settings.config.folded, id="views")
        self.search_bar = SearchBar(history, id="search")
        self.loader = CatalogLoader(
            self, library, first_page=first_page, preload=preload, progress=self._marks_shown
        )
        self.searcher = Searcher(self, library, title_filter, open_index, today)
        self.writer = StoreWriter(library, self._write_failed, self.loader.written)
        self.marks = Marks(self, self.writer)
        # After an update, the list and its counts are read again.
        self.feeds = FeedUpdater(self, library, refresh=self.reload_counts)
        self.highlight_writes = HighlightWrites(self, self.writer, now)
        where = history.path.with_name("pipe_history") if history.path is not None else None
        self.pipe_history = History(where)
        self._last_move = 0.0
        #: What the saved search shown found (None until the index answers).
        self._view_found: ViewAnswered | None = None
        self._count_timer: Timer | None = None
        #: A redraw of the view list is due after the next frame (``_show_views_soon``).
        self._views_due = False
        #: The article the pane was last asked to show.
        self._asked_for: str | None = None
        self._first_rows_shown = False
        self.set_reactive(MainScreen.sort, settings.config.sort)

    # ----- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield self.view_list
            with Vertical(id="list-column"):
                yield Static("Loading…", id="list-title", markup=False)
                yield self.article_list
                yield self.search_bar
            yield self.pane
        yield ReaderFooter()

    def on_mount(self) -> None:
        """Show the first rows (or start loading them); watch the library for changes."""
        self.article_list.focus()
        first_page = self.loader.start()
        if first_page is not None:
            self.catalog = first_page
        self.set_interval(POLL_SECONDS, self.poll_library)
        self.watch(self.pane, "scroll_y", self.check_read_at_end, init=False)

    def on_resize(self, event: Resize) -> None:
        """Stack the list over the article on narrow terminals."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Reading (the pane focused), a narrow terminal gives the article more room."""
        self.set_class(event.widget is self.pane, "-reading")

    # ----- state and what it shows ----------------------------------------------------

    def watch_catalog(self, old: Catalog | None, catalog: Catalog | None) -> None:
        """A (re)loaded catalog: show it, keeping the cursor on the same article."""
        if catalog is None:
            return
        if old is not None:  # counted by the index, which a reload does not change
            catalog.saved_counts.update(old.saved_counts)
        self.searcher.catalog_changed()
        if not catalog.has_view(self.view):
            self.set_reactive(MainScreen.view, ALL)
        current = self.article_list.current
        # The whole list taking over from the first page: a reader still on the first row
        # (and not reading) stays on the first row, whichever article is there now.
        first_row = self.article_list.cursor == 0 and not self.opened
        stay = first_row and old is not None and old.partial
        keep = None if current is None or stay else current.id
        search = self.search
        if search is not None and search.found is not None:
            self.searcher.ask(search.query, catalog)
        else:
            self._show_rows(keep)
            self._ask_saved_view()
        self._show_views()
        if not self._first_rows_shown:
            self._first_rows_shown = True
            self.call_after_refresh(self._first_rows_painted)

    def _first_rows_painted(self) -> None:
        """The first titles are on screen: say so; then read the rest, open the index."""
        self.post_message(self.FirstRowsShown())
        if self.catalog is not None and self.catalog.partial:
            self.call_after_refresh(self.loader.load)
        self.searcher.open_index()
        self.writer.submit("remove articles deleted over 30 days ago", self._purge_old)

    def _purge_old(self, library: Library) -> None:
        """On the writer's thread, once the first rows are up: articles deleted over 30
        days ago go for good; the Deleted view is read again when some went. A library
        this process may not write keeps them until one that may does."""
        try:
            purged = library.purge_deleted()
        except (StoreError, OSError):
            return
        if purged:
            self.post_message(OldDeletionsPurged())

    def watch_view(self) -> None:
        """Another view: its rows from the top (a saved search's once the index answers)."""
        self._view_found = None
        self._show_rows()
        self._show_views()
        self._ask_saved_view()

    def _ask_saved_view(self) -> None:
        """When the view is a saved search, ask the index what it finds."""
        saved = self.catalog.saved_search(self.view) if self.catalog is not None else None
        if saved is not None:
            self.searcher.ask_view(self.view, saved.query)

    def watch_sort(self) -> None:
        """Another order: the same rows, the cursor on the same article (search results
        keep their ranking)."""
        if self.search is None or self.search.found is None:
            current = self.article_list.current
            self._show_rows(keep=current.id if current else None)

    def watch_search(self, old: SearchState | None, search: SearchState | None) -> None:
        """Show what the search found, or the view again once it is left or emptied."""
        if search is None:
            if old is not None:
                self.set_reactive(MainScreen.view, old.came_from)
                self._show_rows(keep=old.cursor_id)
                self._show_views()
        elif old is not None and search.found is not old.found:
            current = self.article_list.current
            found = search.found is not None
            self._show_rows(keep=current.id if found and current else search.cursor_id)

    def _show_rows(self, keep: str | None = None) -> None:
        """Fill the list from the current view or search."""
        catalog = self.catalog
        if catalog is None:
            return
        found = self.search.found if self.search is not None else None
        if found is None and self.view.startswith(SAVED_PREFIX) and self.search is None:
            answer = self._view_found
            found = answer.found if answer is not None and answer.view == self.view else Found()
        if found is not None:
            rows = [
                a for a in map(catalog.get, found.ids) if a is not None and a.deleted_at is None
            ]
        else:
            rows = catalog.rows(self.view, self.sort)
        self.article_list.empty_text = empty_list(catalog, self.view, self.search)
        matches = found.matches if self.search is not None and found is not None else None
        self.article_list.show_rows(rows, keep=keep, matches=matches)
        self.pane.highlight(found.terms if found is not None else [])
        if not rows:
            self._asked_for = None
            self.pane.clear(empty_pane(catalog))
        self._show_title()

    def _show_title(self) -> None:
        """The line above the list and the header's subtitle; a search (or a saved search)
        counts every match, not only the rows read so far."""
        if self.catalog is not None:
            count = len(self.article_list.rows)
            found = self.search.found if self.search is not None else None
            if found is None and self.search is None and self._view_found is not None:
                found = self._view_found.found if self._view_found.view == self.view else None
            if found is not None and not found.complete:
                count = max(count, found.total)
            line, self.sub_title = list_title(
                self.catalog, self.view, self.search, self.sort, count, found
            )
            self.query_one("#list-title", Static).update(line)

    def _show_views(self) -> None:
        """The view list, with current counts."""
        catalog = self.catalog
        if catalog is not None:
            self.view_list.show_views(catalog.views(), self.view)
            if self.searcher.ready and catalog.saved:
                # Counted once changes pause: each count waits for the index to take in
                # the change, which a run of d or m would pay at every key.
                if self._count_timer is not None:
                    self._count_timer.stop()
                self._count_timer = self.set_timer(COUNT_AFTER_SECONDS, self._count_saved)

    def _show_views_soon(self) -> None:
        """The view list with current counts, once the screen has shown the change itself:
        the row a key removed leaves the list at once, and a run of keys (d d d, m m m)
        redraws the sidebar's views once, not at every key."""
        if not self._views_due:
            self._views_due = True
            self.call_after_refresh(self._show_due_views)

    def _show_due_views(self) -> None:
        self._views_due = False
        self._show_views()

    def _count_saved(self) -> None:
        """Ask the index for each saved search's unread count."""
        self._count_timer = None
        if self.catalog is not None:
            queries = {saved_view(s.name): s.query for s in self.catalog.saved}
            self.searcher.count_views(queries)

    @on(SavedCounts)
    def saved_counts(self, message: SavedCounts) -> None:
        """The saved searches' unread counts, from the index."""
        if self.catalog is not None:
            self.catalog.saved_counts.update(message.counts)
            self.view_list.show_views(self.catalog.views(), self.view)

    @on(IndexReady)
    def index_ready(self) -> None:
        """The index answers: count the saved searches; list the one shown."""
        self._show_views()
        self._ask_saved_view()

    @on(ViewAnswered)
    def view_answered(self, message: ViewAnswered) -> None:
        """What the saved search shown finds."""
        if message.view == self.view:
            current = self.article_list.current
            self._view_found = message
            self._show_rows(keep=current.id if current else None)

    @on(ViewsChanged)
    def views_changed(self, message: ViewsChanged) -> None:
        """The saved searches changed on disk: show them (and a new one, if asked)."""
        catalog = self.catalog
        if catalog is None:
            return
        catalog.saved = message.views
        if message.show is not None and catalog.has_view(message.show):
            self.search_bar.close()
            self.article_list.focus()
            self.switch_view(message.show)
        elif not catalog.has_view(self.view):
            self.switch_view(ALL)
        else:
            self._show_views()

    @on(FlagsWritten)
    def flags_written(self, message: FlagsWritten) -> None:
        """A read or bookmark change is on disk: show it now."""
        changed = self.marks.apply(message, self.catalog)
        if message.flag == DELETED and changed:
            if message.value or self.view == DELETED_VIEW:
                self._rows_left(changed)
            else:  # restored (u): back in the list, the cursor on it
                self._show_rows(keep=changed[0])
        for article_id in changed:
            self.article_list.refresh_article(article_id)
        if changed:
            self._show_views_soon()
            self._show_title()
        if message.ok and message.notice:
            self.notify(message.notice.format(count=len(changed)), timeout=3)

    def _rows_left(self, ids: list[str]) -> None:
        """Deleted (or, in the Deleted view, restored) articles leave the list at once,
        the cursor on the row after them."""
        rows, gone = self.article_list.rows, set(ids)
        after = next((a.id for a in rows[self.article_list.cursor :] if a.id not in gone), None)
        before = next(
            (a.id for a in reversed(rows[: self.article_list.cursor]) if a.id not in gone), None
        )
        self._show_rows(keep=after or before)

    @on(TagsWritten)
    def tags_written(self, message: TagsWritten) -> None:
        """New tags are on disk: in the counts, the Tags group and the article's header."""
        catalog = self.catalog
        article = (
            catalog.set_tags(message.article_id, message.tags) if message.ok and catalog else None
        )
        if article is None:
            return
        self._show_views_soon()
        self.notify(f"Tags: {', '.join(message.tags) or 'none'}.", timeout=2, markup=False)
        if self.pane.article_id == article.id:
            self.save_position()
            self.render_article(article.id)

    # ----- loading -------------------------------------------------------------------

    def reload_counts(self) -> None:
        """Read the library, its feeds and saved searches again, and with them every count
        of the sidebar: for a change made outside the screen's own writes (new articles
        from a feed update, a feed added or removed)."""
        self.loader.load()

    @on(OldDeletionsPurged)
    def old_deletions_purged(self) -> None:
        """Articles deleted over 30 days ago are gone: read the library again."""
        self.loader.load()

    @on(CatalogLoaded)
    def catalog_loaded(self, message: CatalogLoaded) -> None:
        """The whole library was read."""
        self.marks.catch_up(message.catalog, message.since)
        self.loader.known_token = message.token
        self.catalog = message.catalog

    @on(ListsLoaded)
    def lists_loaded(self, message: ListsLoaded) -> None:
        """Only the saved views or the subscriptions changed on disk: show them, with the
        articles as they are. A feed not seen before may have brought articles already in
        the library (which feed brought each is read with them), and the articles may have
        changed since: then everything is read again."""
        catalog, loader = self.catalog, self.loader
        if catalog is None:
            return  # the whole library is being read, these with it
        shown = {feed.id for feed in catalog.feeds}
        if not loader.articles_shown(message.token) or any(
            feed.id not in shown for feed in message.feeds
        ):
            loader.load()
            return
        loader.known_token = message.token
        before = catalog.saved_search(self.view)
        catalog.feeds, catalog.saved = message.feeds, message.views
        if not catalog.has_view(self.view):
            self.switch_view(ALL)
            return
        after = catalog.saved_search(self.view)
        if before is not None and after is not None and after.query != before.query:
            self._ask_saved_view()
        self._show_views()
        self._show_title()

    def _marks_shown(self) -> int:
        return self.marks.shown

    @on(LoadFailed)
    def load_failed(self, message: LoadFailed) -> None:
        """The library could not be read: say why."""
        self.notify(message.error, severity="error", markup=False)

    def poll_library(self) -> None:
        """Reload when another process changed the library (not during our own writes)."""
        self.loader.poll(writing=self.writer.busy)

    def _write_failed(self, message: str) -> None:
        """Called by the writer thread: the change was never shown; say what failed."""
        self.post_message(WriteFailed(message))

    @on(WriteFailed)
    def write_failed(self, message: WriteFailed) -> None:
        """Say what failed, and reload what is on disk."""
        self.notify(message.error, severity="error", markup=False)
        self.loader.load()

    # ----- the reading pane ----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def article_highlighted(self, event: ArticleList.Highlighted) -> None:
        """Show the article under the cursor."""
        self.refresh_bindings()
        self._read_more_near_the_end()
        # Compared with the article last asked for, not the one shown: after j, k the first
        # article is still shown while the second is being read, and must be asked for again.
        if event.article_id is not None and event.article_id != self._asked_for:
            now = time.monotonic()
            rapid = now - self._last_move < RAPID_MOVE_SECONDS
            self._last_move = now
            self._asked_for = event.article_id
            self.save_position()
            self.render_article(event.article_id, rapid)

    def _read_more_near_the_end(self) -> None:
        """Near the end of a search's (or a saved search's) rows, ask for the next page."""
        article_list = self.article_list
        if article_list.cursor < len(article_list.rows) - MORE_WITHIN:
            return
        search = self.search
        if search is not None and search.found is not None:
            self.searcher.more(search.found, search.query)
        elif search is None and self._view_found is not None:
            answer = self._view_found
            if answer.view == self.view:
                self.searcher.more(answer.found, "", view=answer.view)

    @work(exclusive=True, group="article", description="Rendering an article")
    async def render_article(self, article_id: str, rapid: bool = False) -> None:
        """Read the body off the UI thread and render it; a newer request cancels this one."""
        if rapid:
            await asyncio.sleep(RAPID_MOVE_SECONDS)
        article = self.catalog.get(article_id) if self.catalog else None
        if article is None:
            return
        try:
            content = await asyncio.to_thread(self.library.content, article_id)
        except StoreError as error:
            self.pane.clear(str(error))
            return
        self.pane.show(article, content, self.settings.config.words_per_minute)
        block = (article.position or {}).get("block")
        if isinstance(block, int) and block > 0:
            self.pane.scroll_to_block(block)
        self.pane.placed()
        self.article_rendered(article_id)
        self.refresh_bindings()
        self.post_message(self.ArticleShown(article_id))
        if self.opened:
            self.call_after_refresh(self.check_read_at_end)

    # ----- going back, searching ---------------------------------------------------

    def action_back(self) -> None:
        """Back from the article to the list; from search results to the view."""
        if self.focused is self.pane or self.focused is self.view_list:
            self.save_position()
            self.opened = False
            self.article_list.focus()
        elif self.search is not None:
            self.end_search()
        self.refresh_bindings()

    def action_search(self) -> None:
        """/: open the prompt; results follow each keystroke."""
        if self.search is None:
            current = self.article_list.current
            self.search = SearchState("", self.view, current.id if current else None)
        self.search_bar.open()

    @on(SearchBar.Changed)
    def search_typed(self, event: SearchBar.Changed) -> None:
        """Search again as the query changes."""
        event.stop()
        if self.search is not None and self.catalog is not None:
            self.search = self.search.typed(event.value)
            if event.value.strip():
                self.searcher.ask(event.value, self.catalog)

    @on(SearchAnswered)
    def search_answered(self, message: SearchAnswered) -> None:
        """Show an answer, unless the query has changed since it was asked."""
        if self.search is not None and self.search.query == message.query:
            self.search = self.search.answered(message.found)

    @on(SearchBar.Submitted)
    def search_submitted(self, event: SearchBar.Submitted) -> None:
        """Enter: keep the results, go to them, remember the query."""
        event.stop()
        self.history.add(event.value)
        if self.search is not None and not event.value.strip():
            self.end_search()
            return
        if self.search is not None and self.catalog is not None:
            # The last word was a prefix while typing; now it is the whole word, ranked
            # as `reader search` ranks it.
            self.searcher.ask(event.value, self.catalog, final=True)
        self.article_list.focus()

    @on(SearchBar.Cancelled)
    def end_search(self) -> None:
        """Esc: leave search for the view and the article from before it."""
        self.search_bar.close()
        self.article_list.focus()
        self.search = None

    @on(SearchNotice)
    def search_notice(self, message: SearchNotice) -> None:
        """Tell the user about the search index."""
        severity: SeverityLevel = "warning" if message.warning else "information"
        self.notify(message.text, severity=severity, timeout=6, markup=False)

    # ----- following feeds (the only network use, and only when asked) --------------

    def action_update_feeds(self) -> None:
        """R: update the feeds (those that are due, as ``reader update``) in the background."""
        if not self.feeds.update():
            self.notify(ALREADY_RUNNING, timeout=3)

    @on(UpdateProgress)
    def update_progress(self, message: UpdateProgress) -> None:
        """Feeds done so far, in the footer."""
        self.query_one(ReaderFooter).show_progress(message.text())

    @on(ArticlesArrived)
    def articles_arrived(self) -> None:
        """New articles are stored: show them (the cursor and the open article stay)."""
        self.feeds.refresh()

    @on(UpdateFinished)
    def update_finished(self, message: UpdateFinished) -> None:
        """One notification for the whole update, failures as a count."""
        self.query_one(ReaderFooter).show_progress("")
        if message.report.feeds:
            self.feed_notice(finished_notice(message.report))
            self.feeds.refresh()

    @on(FeedNotice)
    def feed_notice(self, message: FeedNotice) -> None:
        """Say what happened to the feeds (plain text)."""
        timeout = 10 if message.severity != "information" else 5
        self.notify(message.text, severity=message.severity, timeout=timeout, markup=False)

    def action_add_feed(self) -> None:
        """Ask for a feed's address, then subscribe and update it in the background."""

        def answered(given: str | None) -> None:
            if given and given.strip():
                where = one_line(given)
                self.notify(f"Looking for a feed at {where}…", timeout=3, markup=False)
                self.feeds.add(where)

        detail = "Its address, or a web page that names its feed."
        self.app.push_screen(Prompt("Add a feed", detail=detail), answered)

    @on(FeedsSubscribed)
    def feeds_subscribed(self, message: FeedsSubscribed) -> None:
        """Say what Add feed found; update what it added."""
        for notice in subscribed_notices(message.given, message.outcome):
            self.feed_notice(notice)
        added = message.outcome.added
        if not added:
            return
        self.feeds.refresh()
        if not self.feeds.update(added):
            self.notify("An update is running: the next R updates the new feed too.", timeout=5)

    def action_remove_feed(self) -> None:
        """Offer the subscriptions to pick the one to remove."""
        self.feeds.list_feeds()

    @on(FeedsListed)
    def feeds_listed(self, message: FeedsListed) -> None:
        """Pick a feed, confirm, remove it (its articles stay)."""
        if not message.feeds:
            self.notify("No feeds to remove.", timeout=3)
            return

        def confirmed(feed: Subscription, yes: bool | None) -> None:
            if yes:
                self.feeds.remove(feed)

        def picked(feed: Subscription | None) -> None:
            if feed is not None:
                question = Confirm(
                    f"Stop following {feed_label(feed)}?",
                    f"{feed.url}\nIts articles stay in the library.",
                    yes="Remove",
                )
                self.app.push_screen(question, lambda yes: confirmed(feed, yes))

        self.app.push_screen(FeedPicker("Remove which feed?", message.feeds), picked)

    @on(FeedRemoved)
    def feed_removed(self, message: FeedRemoved) -> None:
        """Say so, and show the feeds without it."""
        self.notify(f"Removed {feed_label(message.feed)}; its articles stay.", markup=False)
        self.feeds.refresh()

    # ----- leaving -------------------------------------------------------------------

    def on_unmount(self) -> None:
        """Stop an update, save where the reader was and finish queued writes."""
        self.feeds.stop()
        self.save_position()
        self.writer.close()
        self.searcher.close()
