"""The article list: a line-API scroll view that draws only the rows on screen.

Widget-per-row lists (``ListView``) and lists that measure every row (``OptionList``,
``DataTable``) take seconds at 100k articles; this one costs the same at any size because
``render_line`` builds just the visible rows from the article data.

Search results take two lines each: the title with the matched words highlighted, then a
one-line snippet of the body around the best match.

An article started and not finished shows how far in the reader is (``43%``) where the
others show their reading time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.store import Article
from reader.store.library import PURGE_AFTER
from reader.ui.catalog import progress_of
from reader.ui.finder import Match, Span
from reader.ui.formatting import days_left, reading_time, safe, short_date

UNREAD_MARK, BOOKMARK_MARK = "●", "★"


def highlighted(text: str, spans: list[Span], style: Style, match_style: Style) -> list[Segment]:
    """``text`` as segments in ``style``, the ``spans`` in ``match_style`` (literal, no markup)."""
    segments: list[Segment] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            segments.append(Segment(text[at:start], style))
        segments.append(Segment(text[start:end], style + match_style))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:], style))
    return segments


def fit_segments(segments: list[Segment], width: int, style: Style) -> list[Segment]:
    """``segments`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return []
    if Segment.get_line_length(segments) <= width:
        return [*segments, Segment(" " * (width - Segment.get_line_length(segments)), style)]
    kept = Segment.adjust_line_length(segments, width - 1, style)
    last_style = kept[-1].style if kept else style
    return [*kept, Segment("…", last_style)]


def fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of articles with a cursor; keys are bound by the screen, clicks handled here."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--marker",
        "article-list--empty",
        "article-list--match",
        "article-list--snippet",
    }
    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        background: $surface;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
        & > .article-list--unread { text-style: bold; }
        & > .article-list--read { color: $text-muted; }
        & > .article-list--meta { color: $text-muted; }
        & > .article-list--marker { color: $text-accent; }
        & > .article-list--empty { color: $text-muted; }
        & > .article-list--match { color: $text-warning; text-style: bold underline; }
        & > .article-list--snippet { color: $text-muted; }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an article (or the list became empty)."""

        article_id: str | None

    @dataclass
    class Chosen(Message):
        """The user asked to read an article (Enter is bound by the screen; double click here)."""

        article_id: str

    def __init__(
        self,
        *,
        today: Callable[[], date],
        words_per_minute: int = 230,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Article] = []
        self.cursor = 0
        self.today = today
        self.words_per_minute = words_per_minute
        self.empty_text = "Nothing here."
        self.loaded = False
        #: How each row matched the search being shown (rows are then two lines high).
        self.matches: Mapping[str, Match] | None = None

    # ----- data ----------------------------------------------------------------------

    def show_rows(
        self,
        rows: Sequence[Article],
        keep: str | None = None,
        matches: Mapping[str, Match] | None = None,
    ) -> None:
        """Show ``rows``, keeping the cursor on article ``keep`` when it is among them;
        with ``matches`` (search results) each row shows its matched words and a snippet."""
        self.rows = rows
        self.matches = matches
        self.loaded = True
        index = 0
        if keep is not None:
            index = next((i for i, a in enumerate(rows) if a.id == keep), 0)
        self.virtual_size = Size(self.size.width, len(rows) * self.row_height)
        self.cursor = -1
        self.move_to(index, center=True)
        self.refresh()

    @property
    def row_height(self) -> int:
        """Lines per row: two for search results, one otherwise."""
        return 1 if self.matches is None else 2

    @property
    def current(self) -> Article | None:
        """The article under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def refresh_article(self, article_id: str) -> None:
        """Redraw the row of one article after its flags changed."""
        first = int(self.scroll_y)
        for y in range(self.size.height):
            index = (first + y) // self.row_height
            if index < len(self.rows) and self.rows[index].id == article_id:
                self.refresh_line(y)

    # ----- moving --------------------------------------------------------------------

    def move_to(self, index: int, *, center: bool = False) -> None:
        """Put the cursor on row ``index`` (clamped), scroll it into view, say so."""
        index = max(0, min(index, len(self.rows) - 1))
        old = self.cursor
        self.cursor = index
        row_height = self.row_height
        height = max(self.size.height, row_height)
        top = int(self.scroll_y)
        first, last = index * row_height, (index + 1) * row_height  # the row's lines
        if center and not (top <= first and last <= top + height):
            y = max(0, first - (height // 2 // row_height) * row_height)
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        elif first < top:
            self.scroll_to(y=first, animate=False, immediate=True, force=True)
        elif last > top + height:
            self.scroll_to(y=last - height, animate=False, immediate=True, force=True)
        if old != index or not self.rows:
            self._refresh_row(old)
            self._refresh_row(index)
            current = self.current
            self.post_message(self.Highlighted(current.id if current else None))

    def move_by(self, delta: int) -> None:
        """Move the cursor ``delta`` rows."""
        if self.rows:
            self.move_to(self.cursor + delta)

    def page(self, pages: int) -> None:
        """Move the cursor a screenful."""
        self.move_by(pages * max(self.size.height // self.row_height - 1, 1))

    def _refresh_row(self, index: int) -> None:
        for line in range(self.row_height):
            y = index * self.row_height + line - int(self.scroll_y)
            if 0 <= y < self.size.height:
                self.refresh_line(y)

    # ----- drawing -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width equal to the visible width (no sideways scrolling)."""
        self.virtual_size = Size(event.size.width, len(self.rows) * self.row_height)

    def render_line(self, y: int) -> Strip:
        """One screen line: the row at ``y`` below the scroll position."""
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_y)
        index, part = divmod(line, self.row_height)
        base = self.rich_style
        if not self.rows:
            if y == 1 and self.loaded:
                style = base + self.get_component_rich_style("article-list--empty")
                return Strip([Segment(fit("  " + self.empty_text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        article = self.rows[index]
        match = self.matches.get(article.id, _NO_MATCH) if self.matches is not None else None
        if part == 1 and match is not None:
            return self._snippet(match, width, index == self.cursor, base)
        return self._row(article, width, index == self.cursor, base, match)

    def _snippet(self, match: Match, width: int, is_cursor: bool, base: Style) -> Strip:
        style = base + self.get_component_rich_style("article-list--snippet")
        if is_cursor:
            style += self.get_component_rich_style("article-list--cursor")
        match_style = self._match_style(is_cursor)
        indent = Segment("    ", style)
        text = highlighted(match.snippet, match.snippet_spans, style, match_style)
        line = [indent, *fit_segments(text, max(0, width - 5), style), Segment(" ", style)]
        return Strip(line).adjust_cell_length(width, style)

    def _row(
        self,
        article: Article,
        width: int,
        is_cursor: bool,
        base: Style,
        match: Match | None = None,
    ) -> Strip:
        style = self.get_component_rich_style
        text_style = base + style("article-list--read" if article.read else "article-list--unread")
        meta_style = base + style("article-list--meta")
        marker_style = base + style("article-list--marker")
        if is_cursor:
            cursor = style("article-list--cursor")
            text_style, meta_style, marker_style = (
                text_style + cursor,
                meta_style + cursor,
                marker_style + cursor,
            )
        # An undated article sorts by when it was saved, but that is not its date.
        when = short_date(article.date, self.today()) if article.date else "—"
        percent = progress_of(article)
        if article.deleted_at is not None:  # in the Deleted view: days until it goes
            minutes = days_left(article.deleted_at, self.today(), PURGE_AFTER.days)
        elif percent is not None and 0 < percent < 100:
            minutes = f"{percent}%"
        else:
            minutes = reading_time(article.words, self.words_per_minute)
        # Title first; then date and minutes; the source (also in the views) when wide.
        source_width = min(18, (width - 40) // 2) if width >= 56 else 0
        date_width, minutes_width = (9, 7) if width >= 36 else (0, 0)
        title_width = max(1, width - 4 - source_width - date_width - minutes_width - 1)
        segments = [
            Segment(" ", text_style),
            Segment(UNREAD_MARK if not article.read else " ", marker_style),
            Segment(BOOKMARK_MARK if article.bookmarked else " ", marker_style),
            Segment(" ", text_style),
        ]
        if match is None:
            segments.append(Segment(fit(safe(article.title), title_width), text_style))
        else:
            match_style = self._match_style(is_cursor)
            title = highlighted(safe(article.title), match.title_spans, text_style, match_style)
            segments.extend(fit_segments(title, title_width, text_style))
        if source_width:
            segments.append(Segment(" " + fit(safe(article.source), source_width - 1), meta_style))
        if date_width:
            segments.append(Segment(fit(when, date_width - 1).rjust(date_width), meta_style))
            segments.append(
                Segment(fit(minutes, minutes_width - 1).rjust(minutes_width), meta_style)
            )
        segments.append(Segment(" ", meta_style))
        return Strip(segments).adjust_cell_length(width, text_style)

    def _match_style(self, is_cursor: bool) -> Style:
        """Matched words: the theme's match colour, or just emphasis on the cursor's colours."""
        if is_cursor:
            return _CURSOR_MATCH
        return self.get_component_rich_style("article-list--match")

    # ----- mouse ---------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; a double click opens the article."""
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return
        index = (offset.y + int(self.scroll_y)) // self.row_height
        if index < len(self.rows):
            self.move_to(index)
            if event.chain >= 2:
                self.post_message(self.Chosen(self.rows[index].id))


_NO_MATCH = Match()
_CURSOR_MATCH = Style(bold=True, underline=True)
