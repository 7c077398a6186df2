"""The commands on the open article beyond reading it: its links by keyboard, highlights
and notes, handing it to another program, and showing nothing but the article.

``ReadingCommands`` sits between ``ListCommands`` (the state and the list's commands) and
``MainScreen`` (layout, loading, search), as one more layer of the same screen.
"""

from __future__ import annotations

import asyncio

from textual import on, work

from reader.article_markdown import as_markdown
from reader.passages.finding import detached, plain_of
from reader.sanitize import one_line
from reader.store import Article, Library, StoreError
from reader.ui.catalog import ALL, HIGHLIGHTS
from reader.ui.highlighting import HighlightsWritten, HighlightWrites
from reader.ui.history import History
from reader.ui.links import check_link
from reader.ui.programs import page, pipe_to
from reader.ui.screens.confirm import Confirm
from reader.ui.screens.highlights import HighlightChoice, HighlightsScreen
from reader.ui.screens.links import LinkChoice, LinksScreen, numbered
from reader.ui.screens.list_commands import ListCommands
from reader.ui.screens.prompt import Prompt

SELECTING_HINT = (
    "Selecting: j/k a sentence more or less, } { a paragraph, l/h move it, "
    "Enter highlights, Esc stops."
)


class ReadingCommands(ListCommands):
    """Links, highlights, notes, pipes, the pager and zen, on the open article."""

    # Made by MainScreen.
    library: Library
    highlight_writes: HighlightWrites
    pipe_history: History
    #: A highlight to bring into view once its article is shown: (article, highlight).
    _go_to_highlight: tuple[str, str] | None = None

    def _open_article_here(self) -> Article | None:
        """The article the pane shows, opened (focus in the pane) if it was only under the
        cursor; None when the pane shows none."""
        current = self.article_list.current
        if current is None or self.pane.article_id != current.id or not self.pane.rendered:
            return None
        if self.focused is not self.pane:
            self.open_article(self.article_list.cursor)
        return current

    # ----- links -----------------------------------------------------------------------

    def action_links(self) -> None:
        """f: the article's links, numbered."""
        document = self.pane.document
        if document is None or self._open_article_here() is None:
            return
        links = numbered([link for block in document.blocks for link in block.links()])
        if not links:
            self.notify("This article has no links.", timeout=3)
            return
        library, catalog = self.library, self.catalog

        def find(url: str) -> tuple[str, str] | None:
            try:
                article_id = library.find_by_url(url)
            except (StoreError, OSError):
                return None
            article = catalog.get(article_id) if catalog and article_id else None
            return (article.id, article.title) if article is not None else None

        self.app.push_screen(LinksScreen(links, find), self._link_chosen)

    def _link_chosen(self, choice: LinkChoice | None) -> None:
        if choice is None:
            return
        url = choice.link.url
        if choice.action == "copy":
            self.app.copy_to_clipboard(one_line(url))
            self.notify("Link copied.", timeout=2)
        elif choice.article is not None:
            self.open_stored(choice.article)
        else:
            verdict = check_link(url, allow_mail=True)
            if verdict.problem:
                self.notify(verdict.problem, severity="warning", markup=False)
            else:
                self.app.open_url(verdict.url)

    def open_stored(self, article_id: str, highlight_id: str | None = None) -> None:
        """Read an article of the library (from a link, from Highlights), at a highlight's
        passage when given; the view becomes All when the article is not in this one."""
        if highlight_id is not None:
            self._go_to_highlight = (article_id, highlight_id)
        index = self._row_of(article_id)
        if index is None and self.catalog is not None and self.catalog.get(article_id):
            self.switch_view(ALL)
            index = self._row_of(article_id)
        if index is None:
            self.notify("That article is not loaded yet; try again in a moment.", timeout=3)
            return
        self.open_article(index, center=True)
        if self.pane.article_id == article_id and self.pane.rendered:
            self.article_rendered(article_id)

    def _row_of(self, article_id: str) -> int | None:
        rows = self.article_list.rows
        return next((i for i, article in enumerate(rows) if article.id == article_id), None)

    def article_rendered(self, article_id: str) -> None:
        """An article was shown: bring a highlight asked for into view."""
        wanted, self._go_to_highlight = self._go_to_highlight, None
        if wanted is None or wanted[0] != article_id:
            self._go_to_highlight = wanted
            return
        if not self.pane.scroll_to_highlight(wanted[1]):
            self.notify("That highlight is no longer found in the article's text.", timeout=4)
        self.refresh_bindings()

    # ----- selecting and highlighting --------------------------------------------------

    def action_start_selection(self) -> None:
        """v: select the first sentence on screen, to grow into a passage."""
        if self._open_article_here() is None:
            return
        if not self.pane.start_selection():
            message = "Hide what cleaning removed (x) first." if self.pane.removed_shown else ""
            self.notify(message or "Nothing to select in this article.", timeout=3)
            return
        self.notify(SELECTING_HINT, timeout=6)
        self.refresh_bindings()

    def action_sentence_more(self) -> None:
        """A sentence more."""
        self.pane.change_selection("sentence", 1)

    def action_sentence_less(self) -> None:
        """A sentence less."""
        self.pane.change_selection("sentence", -1)

    def action_paragraph_more(self) -> None:
        """To the end of the paragraph, or of the next one."""
        self.pane.change_selection("paragraph", 1)

    def action_paragraph_less(self) -> None:
        """Back to the end of the paragraph before."""
        self.pane.change_selection("paragraph", -1)

    def action_select_later(self) -> None:
        """Move the selection a sentence on."""
        self.pane.change_selection("move", 1)

    def action_select_earlier(self) -> None:
        """Move the selection a sentence back."""
        self.pane.change_selection("move", -1)

    def action_stop_selecting(self) -> None:
        """Esc: stop selecting, nothing kept."""
        self.pane.end_selection()
        self.refresh_bindings()

    def action_highlight(self) -> None:
        """Enter: highlight the selection (shown once it is on disk)."""
        passage = self.pane.selected_passage()
        article_id = self.pane.article_id
        self.pane.end_selection()
        self.refresh_bindings()
        if passage is not None and article_id is not None:
            self.highlight_writes.add(article_id, passage)

    @on(HighlightsWritten)
    def highlights_written(self, message: HighlightsWritten) -> None:
        """A highlight change is on disk: draw it, count it."""
        if not message.ok:
            return
        catalog = self.catalog
        article = (
            catalog.set_highlights(message.article_id, message.highlights) if catalog else None
        )
        if article is not None:
            self.pane.set_highlights(article, current=message.current)
        if catalog is not None:
            self.view_list.show_views(catalog.views(), self.view)
        if message.notice:
            self.notify(message.notice, timeout=3)
        self.refresh_bindings()

    def action_next_highlight(self) -> None:
        """': the next highlight in the article."""
        self._step_highlight(1)

    def action_previous_highlight(self) -> None:
        """ ": the previous highlight in the article."""
        self._step_highlight(-1)

    def _step_highlight(self, delta: int) -> None:
        placed = self.pane.step_highlight(delta)
        if placed is None:
            self.notify("No highlights in this article.", timeout=2)
        else:
            found = [p for p in self.pane.highlights if p.span is not None]
            where = f"Highlight {found.index(placed) + 1} of {len(found)}"
            note = placed.mark.get("note")
            self.notify(
                f"{where}: {one_line(note)}" if note else f"{where}.", timeout=4, markup=False
            )
        self.refresh_bindings()

    def action_note(self) -> None:
        """a: write, change or clear the current highlight's note."""
        placed, article_id = self.pane.current_highlight, self.pane.article_id
        if placed is None or article_id is None:
            return
        mark = placed.mark

        def answered(note: str | None) -> None:
            if note is not None and (note.strip() or None) != mark.get("note"):
                self.highlight_writes.note(article_id, mark["id"], note.strip() or None)

        quote = one_line(mark["quote"])
        self.app.push_screen(
            Prompt(
                "Note on this highlight (empty: no note)",
                mark.get("note") or "",
                detail=f"“{quote[:300]}{'…' if len(quote) > 300 else ''}”",
            ),
            answered,
        )

    def action_remove_highlight(self) -> None:
        """d: remove the current highlight, after asking."""
        placed, article_id = self.pane.current_highlight, self.pane.article_id
        if placed is None or article_id is None:
            return
        highlight_id = placed.mark["id"]

        def answered(yes: bool | None) -> None:
            if yes:
                self.highlight_writes.remove(article_id, highlight_id)

        quote = one_line(placed.mark["quote"])
        detail = f"“{quote[:300]}{'…' if len(quote) > 300 else ''}”"
        if placed.mark.get("note"):
            detail += f"\nNote: {one_line(placed.mark['note'])[:200]}"
        self.app.push_screen(Confirm("Remove this highlight?", detail, yes="Remove"), answered)

    def action_all_highlights(self) -> None:
        """H (or the Highlights view): every highlight in the library."""
        catalog = self.catalog
        if catalog is None:
            return
        library = self.library

        def detached_of(article: Article) -> set[str]:
            try:
                content = library.content(article.id)
            except (StoreError, OSError):
                return set()
            return detached(plain_of(content.body, content.links), article.highlights)

        screen = HighlightsScreen(catalog.with_highlights(), detached_of)
        self.app.push_screen(screen, self._highlight_chosen)

    def _highlight_chosen(self, choice: HighlightChoice | None) -> None:
        if choice is not None:
            self.open_stored(choice.article_id, choice.highlight_id)
        if self.catalog is not None:  # the view list's cursor back on the view shown
            self.view_list.show_views(self.catalog.views(), self.view)

    def switch_view(self, view: str) -> None:
        """The Highlights entry of the view list opens the Highlights view over this one."""
        if view == HIGHLIGHTS:
            self.action_all_highlights()
        else:
            super().switch_view(view)

    # ----- handing it on ---------------------------------------------------------------

    def action_pipe(self) -> None:
        """|: ask for a command, then give it the article as Markdown on its standard input."""
        article = self._open_article_here()
        if article is None:
            return
        entries = self.pipe_history.entries
        default = entries[-1] if entries else self.settings.config.pipe_command

        def answered(command: str | None) -> None:
            if command and command.strip():
                self._hand_over(article, command.strip())

        self.app.push_screen(
            Prompt(
                "Pipe this article, as Markdown, to the command:",
                default,
                hint="Enter: run it · up/down: earlier commands · Esc: cancel",
                history=self.pipe_history,
            ),
            answered,
        )

    def action_pager(self) -> None:
        """e: the article in $PAGER (or $EDITOR), read-only."""
        article = self._open_article_here()
        if article is not None:
            self._hand_over(article, None)

    @work(exclusive=True, group="program", description="Handing the article on")
    async def _hand_over(self, article: Article, command: str | None) -> None:
        """Give the article to ``command`` (None: the pager); say what went wrong."""
        try:
            content = await asyncio.to_thread(self.library.content, article.id)
        except (StoreError, OSError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        text = as_markdown(article, content.markdown)
        if command is None:
            problem = page(self.app, text, f"{article.id}.md")
        else:
            problem = pipe_to(self.app, command, text)
        if problem:
            self.notify(problem, severity="warning", markup=False, timeout=6)

    # ----- only the article --------------------------------------------------------------

    def action_zen(self) -> None:
        """z: only the article on screen, or everything again."""
        if not self.zen and self._open_article_here() is None:
            return
        self.zen = not self.zen

    def watch_zen(self, zen: bool) -> None:
        """Hide or show everything but the article."""
        self.set_class(zen, "-zen")
        if zen:
            self.pane.focus()
            self.notify("Only the article: z brings everything back.", timeout=3)
        self.refresh_bindings()
