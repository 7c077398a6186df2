"""The article list: a line-API scroll view that draws only the rows on screen.

Widget-per-row lists (``ListView``) and lists that measure every row (``OptionList``,
``DataTable``) take seconds at 100k articles; this one costs the same at any size because
``render_line`` builds just the visible rows from the article data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from reader.ui.formatting import reading_time, safe, short_date

UNREAD_MARK, BOOKMARK_MARK = "●", "★"


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

    # ----- data ----------------------------------------------------------------------

    def show_rows(self, rows: Sequence[Article], keep: str | None = None) -> None:
        """Show ``rows``, keeping the cursor on article ``keep`` when it is among them."""
        self.rows = rows
        self.loaded = True
        index = 0
        if keep is not None:
            index = next((i for i, a in enumerate(rows) if a.id == keep), 0)
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = -1
        self.move_to(index, center=True)
        self.refresh()

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
            index = first + y
            if index < len(self.rows) and self.rows[index].id == article_id:
                self.refresh_line(y)

    # ----- moving --------------------------------------------------------------------

    def move_to(self, index: int, *, center: bool = False) -> None:
        """Put the cursor on row ``index`` (clamped), scroll it into view, say so."""
        index = max(0, min(index, len(self.rows) - 1))
        old = self.cursor
        self.cursor = index
        height = max(self.size.height, 1)
        top = int(self.scroll_y)
        if center and not (top <= index < top + height):
            self.scroll_to(y=max(0, index - height // 2), animate=False, immediate=True, force=True)
        elif index < top:
            self.scroll_to(y=index, animate=False, immediate=True, force=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True, force=True)
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
        self.move_by(pages * max(self.size.height - 1, 1))

    def _refresh_row(self, index: int) -> None:
        y = index - int(self.scroll_y)
        if 0 <= y < self.size.height:
            self.refresh_line(y)

    # ----- drawing -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width equal to the visible width (no sideways scrolling)."""
        self.virtual_size = Size(event.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        """One screen line: the row at ``y`` below the scroll position."""
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        base = self.rich_style
        if not self.rows:
            if y == 1 and self.loaded:
                style = base + self.get_component_rich_style("article-list--empty")
                return Strip([Segment(fit("  " + self.empty_text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        return self._row(self.rows[index], width, index == self.cursor, base)

    def _row(self, article: Article, width: int, is_cursor: bool, base: Style) -> Strip:
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
        when = short_date(article.date or article.added, self.today())
        minutes = reading_time(article.words, self.words_per_minute)
        source_width = min(18, max(0, (width - 40) // 4)) if width >= 60 else 0
        date_width, minutes_width = (9, 7) if width >= 45 else (0, 0)
        title_width = max(1, width - 4 - source_width - date_width - minutes_width - 1)
        segments = [
            Segment(" ", text_style),
            Segment(UNREAD_MARK if not article.read else " ", marker_style),
            Segment(BOOKMARK_MARK if article.bookmarked else " ", marker_style),
            Segment(" ", text_style),
            Segment(fit(safe(article.title), title_width), text_style),
        ]
        if source_width:
            segments.append(Segment(" " + fit(safe(article.source), source_width - 1), meta_style))
        if date_width:
            segments.append(Segment(fit(when, date_width - 1).rjust(date_width), meta_style))
            segments.append(
                Segment(fit(minutes, minutes_width - 1).rjust(minutes_width), meta_style)
            )
        segments.append(Segment(" ", meta_style))
        return Strip(segments).adjust_cell_length(width, text_style)

    # ----- mouse ---------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; a double click opens the article."""
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return
        index = offset.y + int(self.scroll_y)
        if index < len(self.rows):
            self.move_to(index)
            if event.chain >= 2:
                self.post_message(self.Chosen(self.rows[index].id))
