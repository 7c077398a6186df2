"""The commands on the list and its articles: which apply now, views and sorting, moving,
opening, read and bookmark marks, the article's web page, what cleaning removed.

``ListCommands`` is the main screen's base: it holds the screen's state (the reactives) and
the widgets these commands drive, which ``MainScreen`` makes and lays out, and whose
watchers redraw what the state shows; that leaves the screen its layout, loading and search.
"""

from __future__ import annotations

from textual import on
from textual.reactive import var
from textual.screen import Screen

from reader.config import SORT_ORDERS, SortOrder
from reader.search.query import parse_problem
from reader.ui.catalog import ALL, HIGHLIGHTS, SAVED_PREFIX, Catalog, saved_view
from reader.ui.catalog import DELETED as DELETED_VIEW
from reader.ui.commands import SCREEN_COMMAND_BY_ID, SELECTING, Focus, Situation
from reader.ui.curating import TagSuggester, change_views, write_tags
from reader.ui.formatting import safe
from reader.ui.links import check_link
from reader.ui.marking import BOOKMARKED, DELETED, READ, Marks
from reader.ui.screens.confirm import Confirm
from reader.ui.screens.picker import ViewPicker
from reader.ui.screens.prompt import Prompt
from reader.ui.searching import SearchState
from reader.ui.settings import Settings
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.view_list import ViewList
from reader.ui.writer import StoreWriter
from reader.wording import counted

#: What o and y say on an article saved without its web address (a text dump, a note).
NO_ADDRESS = "This article has no web address."


class ListCommands(Screen[None]):
    """The state of the list and the article, and the commands that act on them."""

    #: Every article's row (None until loaded); a new one arrives after each reload.
    catalog: var[Catalog | None] = var(None, init=False, bindings=True)
    #: The view the list shows: All, Unread, Bookmarked or a source.
    view: var[str] = var(ALL, init=False, always_update=True, bindings=True)
    #: The search under way (None: the view's rows are shown).
    search: var[SearchState | None] = var(None, init=False, bindings=True)
    #: The list's order (a setting, saved when changed).
    sort: var[SortOrder] = var[SortOrder]("date", init=False)
    #: Only the article is on screen (``z``).
    zen: var[bool] = var(False, init=False, bindings=True)

    # Made by MainScreen.
    article_list: ArticleList
    pane: ReadingPane
    view_list: ViewList
    search_bar: SearchBar
    marks: Marks
    writer: StoreWriter
    settings: Settings
    #: True while the reader is in an article (opened, not just highlighted).
    opened: bool = False
    #: What the footer was last built for.
    _situation = Situation()

    # ----- which commands apply ------------------------------------------------------

    def situation(self) -> Situation:
        """What the commands depend on, now."""
        pane, catalog = self.pane, self.catalog
        where = self._focus()
        found = self.search.found if self.search is not None else None
        reading = pane.article_id is not None
        current_mark = pane.current_highlight
        return Situation(
            article=self.article_list.current is not None,
            focus=where,
            reading=reading,
            searching=self.search is not None,
            matching=found is not None and bool(found.terms) and where == "pane" and reading,
            loaded=catalog is not None,
            complete=catalog is not None and not catalog.partial,
            rows=bool(self.article_list.rows),
            selecting=pane.selecting,
            current_highlight=reading
            and current_mark is not None
            and current_mark.span is not None,
            zen=self.zen,
            deleted_view=self.view == DELETED_VIEW and self.search is None,
            saved_view=self.view.startswith(SAVED_PREFIX) and self.search is None,
        )

    def _focus(self) -> Focus:
        focus = self.focused
        if focus is self.pane:
            return "pane"
        if focus is self.view_list:
            return "views"
        if focus is self.search_bar:
            return "search"
        return "list"

    def refresh_bindings(self) -> None:
        """Rebuild the footer, but only when the commands that apply changed (it is slow)."""
        situation = self.situation()
        if situation != self._situation:
            self._situation = situation
            super().refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer (in the footer and palette) and run only the commands that apply now."""
        command = SCREEN_COMMAND_BY_ID.get(action)
        if command is None:
            return True
        situation = self.situation()
        if situation.selecting and command.group != SELECTING:
            return False  # selecting is a mode: its keys, help and quit
        return command.when(situation)

    # ----- views and sorting ---------------------------------------------------------

    @on(ViewList.Chosen)
    def view_chosen(self, event: ViewList.Chosen) -> None:
        """Show the chosen view (Highlights, which opens over the list, only when picked)."""
        if event.picked or event.key != HIGHLIGHTS:
            self.switch_view(event.key)

    def switch_view(self, view: str) -> None:
        """Show ``view`` (leaving any search)."""
        if self.search is not None:
            self.search_bar.close()
            self.set_reactive(ListCommands.search, None)
        self.view = view

    def action_next_view(self) -> None:
        """]: the next view in the view list."""
        self._step_view(1)

    def action_previous_view(self) -> None:
        """[: the previous view in the view list."""
        self._step_view(-1)

    def _step_view(self, delta: int) -> None:
        """Every view of the sidebar in its order (but those of folded groups, and
        Highlights, which opens over the list), wrapping round."""
        if self.catalog is not None:
            keys = [key for key in self.view_list.view_keys() if key != HIGHLIGHTS]
            if self.view not in keys:
                keys = [view.key for view in self.catalog.views() if view.key != HIGHLIGHTS]
            index = keys.index(self.view) if self.view in keys else 0
            self.switch_view(keys[(index + delta) % len(keys)])

    def action_pick_view(self) -> None:
        """:, jump to any view by typing part of its name."""
        if self.catalog is None:
            return

        def picked(key: str | None) -> None:
            if key is not None and self.catalog is not None and self.catalog.has_view(key):
                self.switch_view(key)

        self.app.push_screen(ViewPicker(self.catalog.views()), picked)

    @on(ViewList.Folded)
    def group_folded(self, event: ViewList.Folded) -> None:
        """Remember which groups are folded."""
        problem = self.settings.change(folded=tuple(sorted(self.view_list.folded)))
        if problem:
            self.notify(problem, severity="error", markup=False)

    def action_cycle_sort(self) -> None:
        """s: date → source → title."""
        index = SORT_ORDERS.index(self.sort)
        self.action_set_sort(SORT_ORDERS[(index + 1) % len(SORT_ORDERS)])

    def action_set_sort(self, order: str) -> None:
        """Sort the list by ``order`` (remembered in the config)."""
        if order in SORT_ORDERS and self.situation().complete:
            self.sort = order
            problem = self.settings.change(sort=order)
            if problem:
                self.notify(problem, severity="error", markup=False)
            self.notify(f"Sorted by {order}.", timeout=2)

    # ----- moving --------------------------------------------------------------------

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
        """A page down the article."""
        self.pane.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """A page up the article."""
        self.pane.scroll_page_up(animate=False)

    # ----- opening -------------------------------------------------------------------

    def action_open(self) -> None:
        """Read the highlighted article: focus the pane and (by setting) mark it read."""
        if self.article_list.current is not None:
            self.open_article(self.article_list.cursor)

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        """Double click on a row opens it."""
        current = self.article_list.current
        if current is not None and current.id == event.article_id:
            self.open_article(self.article_list.cursor)

    def open_article(self, index: int, *, center: bool = False) -> None:
        """Move to row ``index`` and read its article."""
        article_list = self.article_list
        article_list.move_to(index, center=center)
        article = article_list.current
        if article is None:
            return
        self.opened = True
        self.pane.focus()
        mode = self.settings.config.mark_read
        if mode == "open":
            self.marks.change(READ, [article], True)
        elif mode == "end" and self.pane.article_id == article.id:
            self.call_after_refresh(self.check_read_at_end)
        self.refresh_bindings()

    def action_next_article(self) -> None:
        """Open the next article in the list."""
        self._step(1)

    def action_previous_article(self) -> None:
        """Open the previous article in the list."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        index = self.article_list.cursor + delta
        if not 0 <= index < len(self.article_list.rows):
            self.notify("No more articles here.", timeout=2)
            return
        self.open_article(index)

    def action_next_unread(self) -> None:
        """Open the next unread article after the cursor (wrapping once round)."""
        rows, start = self.article_list.rows, self.article_list.cursor
        for index in [*range(start + 1, len(rows)), *range(0, start)]:
            if not self.marks.value(rows[index], READ):
                self.open_article(index, center=True)
                return
        self.notify("No unread articles in this list.", timeout=2)

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

    def save_position(self) -> None:
        """Remember where the reader is in the article being left: the paragraph at the top
        and how far in, in percent (100: its end was on screen). An article never scrolled
        into has no position: it is not started. Only the reader's own move changes it: an
        article shown again at its place (after an undo, a tag, a reload) or passed under
        the cursor keeps the place it had."""
        pane, catalog = self.pane, self.catalog
        article = catalog.get(pane.article_id) if catalog and pane.article_id else None
        if catalog is None or article is None or not pane.moved_by_reader:
            return
        percent = pane.progress()
        moved = pane.scroll_y > 0 or percent == 100
        position = {"block": pane.top_block(), "percent": percent} if moved else None
        if position != article.position:
            catalog.set_position(article.id, position)
            self.marks.save_position(article.id, position)
            self.article_list.refresh_article(article.id)

    def check_read_at_end(self) -> None:
        """With ``mark_read = "end"``: the article is read once its end is on screen."""
        pane, catalog = self.pane, self.catalog
        if self.settings.config.mark_read != "end" or not self.opened or not pane.at_end:
            return
        article = catalog.get(pane.article_id) if catalog and pane.article_id else None
        if article is not None:
            self.marks.change(READ, [article], True)

    # ----- read and bookmark marks (shown once on disk: see ``marking``) -------------

    def action_toggle_read(self) -> None:
        """m: read becomes unread and back."""
        current = self.article_list.current
        if current is not None:
            self.marks.change(READ, [current], not self.marks.value(current, READ))

    def action_toggle_bookmark(self) -> None:
        """b: add or remove a bookmark."""
        current = self.article_list.current
        if current is not None:
            flag = not self.marks.value(current, BOOKMARKED)
            notice = "Bookmarked." if flag else "Bookmark removed."
            self.marks.change(BOOKMARKED, [current], flag, notice=notice)

    def action_mark_all_read(self) -> None:
        """M: mark every unread article of this list read, after asking."""
        unread = [a for a in self.article_list.rows if not self.marks.value(a, READ)]
        if not unread:
            self.notify("Nothing unread here.", timeout=2)
            return
        what = self.query_one("#list-title").render()

        def answered(yes: bool | None) -> None:
            if yes:
                notice = "Marked {count:,} read. u undoes it."
                self.marks.change(READ, unread, True, notice=notice, undoable=True)

        question = f"Mark {counted(len(unread), 'article', grouped=True)} read?"
        self.app.push_screen(Confirm(question, str(what), yes="Mark read"), answered)

    def action_undo(self) -> None:
        """u: take back the last deletion, restoration or "mark all read"."""
        problem = self.marks.undo(self.catalog)
        if problem:
            self.notify(problem, timeout=3)

    def action_delete_article(self) -> None:
        """d: delete the article under the cursor (or the one open); u brings it back."""
        current = self.article_list.current
        if current is not None:
            notice = "Deleted. u brings it back; the Deleted view keeps it 30 days."
            self.marks.change(DELETED, [current], True, notice=notice, undoable=True)

    def action_restore_article(self) -> None:
        """r, in the Deleted view: bring the article back as it was."""
        current = self.article_list.current
        if current is not None and self.view == DELETED_VIEW:
            notice = "Restored, with its read state, bookmark and tags."
            self.marks.change(DELETED, [current], False, notice=notice, undoable=True)

    def action_edit_tags(self) -> None:
        """t: edit the article's tags in a prompt completing from the library's tags."""
        current, catalog = self.article_list.current, self.catalog
        if current is None or catalog is None:
            return
        article_id = current.id
        known = catalog.all_tags()

        def answered(answer: str | None) -> None:
            if answer is not None:
                write_tags(self, self.writer, article_id, answer, known)

        prompt = Prompt(
            "Tags",
            ", ".join(current.tags),
            detail=safe(current.title),
            hint="Commas between tags · right arrow takes the suggestion · Enter: save · "
            "Esc: cancel",
            suggester=TagSuggester(known),
        )
        self.app.push_screen(prompt, answered)

    # ----- saved searches -------------------------------------------------------------

    def action_save_search(self) -> None:
        """Ctrl+S in a search: save its query as a view of the sidebar, under a name."""
        query = " ".join(self.search.query.split()) if self.search is not None else ""
        if not query:
            self.notify("Type a search first; then ctrl+s saves it as a view.", timeout=3)
            return
        problem = parse_problem(query)
        if problem is not None:  # saved, it would list nothing and say so forever
            self.notify(f"This search cannot be saved: {problem}", severity="warning", markup=False)
            return

        def answered(name: str | None) -> None:
            if name is not None and name.strip():
                change_views(
                    self,
                    self.writer,
                    "save the view",
                    lambda library: library.save_view(name, query),
                    show=saved_view(name.strip()),
                )

        prompt = Prompt("Save this search as a view named", detail=query)
        self.app.push_screen(prompt, answered)

    def action_move_view_up(self) -> None:
        """Move the saved search shown one place up the sidebar."""
        self._move_view(-1)

    def action_move_view_down(self) -> None:
        """Move the saved search shown one place down the sidebar."""
        self._move_view(1)

    def _move_view(self, delta: int) -> None:
        saved = self.catalog.saved_search(self.view) if self.catalog else None
        if saved is not None:
            position = max(0, saved.position + delta)
            change_views(
                self,
                self.writer,
                "move the view",
                lambda library: library.move_view(saved.name, position),
            )

    def action_remove_view(self) -> None:
        """Remove the saved search shown (after asking); its articles stay."""
        saved = self.catalog.saved_search(self.view) if self.catalog else None
        if saved is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                change_views(
                    self,
                    self.writer,
                    "remove the view",
                    lambda library: library.remove_view(saved.name),
                )

        question = Confirm(f"Remove the view {safe(saved.name)}?", saved.query, yes="Remove")
        self.app.push_screen(question, answered)

    # ----- the article's page and its links ------------------------------------------

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

        question = Confirm("Open this link in your browser?", verdict.url, yes="Open")
        self.app.push_screen(question, answered)

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
