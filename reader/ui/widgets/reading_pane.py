"""The reading pane: an article's header, its cleaned body from Markdown, what cleaning removed.

Textual's ``Markdown`` widget makes one widget per block and lays every one of them out
(over a second for a long article on a busy machine); here the body is parsed once with
markdown-it-py, each top-level block is rendered to lines by Rich's Markdown renderer, and
a line-API scroll view draws only the visible lines. Knowing where each block starts lets
the reading position be anchored to a paragraph, whatever the width.

Article text is data: it reaches the screen only as Rich ``Text``/Markdown renderables
(never markup), after ``strip_controls``; links lose their terminal hyperlink (no escape
sequence carries a URL to the terminal) and become clicks reported to the screen.

While a search is active its words are highlighted line by line (``find_spans`` on each
rendered line's text), and ``step_match`` walks from one match to the next. The reader's
own highlights and a passage being selected are drawn from ``passage_layer``.

The text keeps to a readable measure: on a pane wider than ``text_width`` columns (and
its margins) the column is centred, whatever the pane's width.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from rich.console import RenderableType
from rich.markdown import Markdown as RichMarkdown
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.clean.model import Removed
from reader.clean.prose import kept_share
from reader.config import TEXT_WIDTH
from reader.passages.blocks import Block, readable_blocks
from reader.sanitize import strip_controls
from reader.search import Matcher
from reader.search.query import Term
from reader.store import Article, ArticleContent
from reader.ui.formatting import long_date, reading_time, safe
from reader.ui.line_breaks import hang_punctuation
from reader.ui.passage_layer import PassageLayer, Placed
from reader.wording import counted

PADDING = 2


#: A place in the article that survives rewrapping: (body block, lines into it); block -1 is
#: the header above the body.
Anchor = tuple[int, int]


@dataclass
class Document:
    """What the pane shows: header, body blocks and removed blocks, as renderables."""

    header: RenderableType
    blocks: list[Block]
    removed: list[Removed]
    #: The reader's highlights and selection over the blocks.
    passages: PassageLayer
    show_removed: bool = False
    lines: list[Strip] = field(default_factory=list)
    block_starts: list[int] = field(default_factory=list)
    removed_start: int = 0
    #: The pane's width when laid out, and the text column's (margins included).
    width: int = 0
    column: int = 0
    #: The lines of the header (drawn on its background across the pane).
    header_end: int = 0
    #: Every match of the search words: (line, start, end), in reading order.
    matches: list[tuple[int, int, int]] = field(default_factory=list)
    #: Line → indexes into ``matches`` on that line.
    matches_on_line: dict[int, list[int]] = field(default_factory=dict)
    current_match: int = -1
    #: Where the reader is in the article while removed text is on show (see ``Anchor``).
    article_place: Anchor = (-1, 0)
    #: How far into the removed text the reader was when x last hid it.
    removed_y: int = 0
    #: The highlight ``'`` last went to (an index into ``passages.placed``), or -1.
    current_mark: int = -1


class ReadingPane(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrolls through one article; keys are bound by the screen."""

    COMPONENT_CLASSES = {
        "reading-pane--header",
        "reading-pane--removed",
        "reading-pane--muted",
        "reading-pane--match",
        "reading-pane--highlight",
        "reading-pane--selection",
    }
    DEFAULT_CSS = """
    ReadingPane {
        background: $surface;
        overflow-x: hidden;
        & > .reading-pane--header { background: $boost; }
        & > .reading-pane--removed { color: $text-disabled; }
        & > .reading-pane--muted { color: $text-muted; }
        & > .reading-pane--match { background: $warning-muted; color: $text; }
        & > .reading-pane--highlight { background: $primary-muted; color: $text; }
        & > .reading-pane--selection { text-style: reverse; }
    }
    """

    @dataclass
    class LinkClicked(Message):
        """A link in the article was clicked (the screen decides whether it opens)."""

        href: str

    def __init__(self, *, text_width: int = TEXT_WIDTH, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The widest the text column grows (0: as wide as the pane).
        self.text_width = text_width
        self.article_id: str | None = None
        self.rendered = False
        #: Where the app put the article when it was shown (``placed``).
        self._placed_y = 0
        self.placeholder = "Choose an article to read it here."
        self.document: Document | None = None
        self.terms: list[str] = []
        self._matcher: Matcher | None = None
        #: The reading speed the header was made with (it is made again for highlights).
        self._words_per_minute = 230

    # ----- content -------------------------------------------------------------------

    def show(self, article: Article, content: ArticleContent, words_per_minute: int) -> None:
        """Show ``article``; lines are made for the current width at once.

        Removed text stays shown only when the same article is shown again (a reload):
        x is a look at one article, so another article opens without it.
        """
        same = self.document is not None and self.article_id == article.id
        show_removed = same and self.document is not None and self.document.show_removed
        self.article_id = article.id
        blocks = readable_blocks(content.body, content.links)
        passages = PassageLayer(blocks)
        if article.highlights:
            passages.place(article.highlights)
        self._words_per_minute = words_per_minute
        self.document = Document(
            header=_header(
                article,
                words_per_minute,
                len(content.removed),
                kept=kept_share(article.words, content.removed),
                detached=passages.detached,
            ),
            blocks=blocks,
            removed=content.removed,
            passages=passages,
            show_removed=show_removed,
        )
        self._layout(keep=False)
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self.rendered = True
        self._placed_y = 0

    def clear(self, message: str = "Choose an article to read it here.") -> None:
        """Show no article."""
        self.article_id = None
        self.rendered = False
        self.placeholder = message
        self.document = None
        self.virtual_size = Size(self.size.width, 0)
        self.refresh()

    def toggle_removed(self) -> bool:
        """Show or hide what cleaning removed (greyed, with reasons); True when now shown.

        The article and the removed text each keep their own place: x, G, x comes back to
        where the article was, and the next x to where the removed text was.
        """
        document = self.document
        if document is None:
            return False
        y = int(self.scroll_y)
        if document.show_removed and y >= document.removed_start:
            document.removed_y = y - document.removed_start
        else:
            document.article_place = self._anchor(y)
        document.show_removed = not document.show_removed
        self._layout(keep=False)
        if document.show_removed:
            target = document.removed_start + document.removed_y
        else:
            target = self._line_of(document.article_place)
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
        return document.show_removed

    def highlight(self, terms: list[str]) -> None:
        """Highlight these search terms (``SearchResult.terms``); none clears the highlights."""
        if terms == self.terms:
            return
        self.terms = list(terms)
        parsed = [Term(term.removesuffix("*"), prefix=term.endswith("*")) for term in terms]
        self._matcher = Matcher.for_terms(parsed) if parsed else None
        if self.document is not None:
            self._find_matches(self.document)
            self.refresh()

    @property
    def match_count(self) -> int:
        """How many matches of the search words the article holds (as laid out)."""
        return len(self.document.matches) if self.document else 0

    def step_match(self, delta: int) -> int | None:
        """Go to the next (``delta`` 1) or previous (-1) match, wrapping round, and scroll it
        into view; returns its index, or None when there is none."""
        document = self.document
        if document is None or not document.matches:
            return None
        count = len(document.matches)
        if document.current_match < 0:
            top = int(self.scroll_y)
            below = [i for i, (line, _, _) in enumerate(document.matches) if line >= top]
            if delta > 0:
                index = below[0] if below else 0
            else:
                index = (below[0] - 1) % count if below else count - 1
        else:
            index = (document.current_match + delta) % count
        document.current_match = index
        line = document.matches[index][0]
        height = self.scrollable_content_region.height
        if not int(self.scroll_y) <= line < int(self.scroll_y) + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True, force=True)
        self.refresh()
        return index

    def _find_matches(self, document: Document) -> None:
        """Where the search words are on each line (a phrase broken over two lines is missed)."""
        document.matches, document.matches_on_line, document.current_match = [], {}, -1
        matcher = self._matcher
        if matcher is None:
            return
        for y, strip in enumerate(document.lines):
            for start, end in matcher.spans(strip.text):
                document.matches_on_line.setdefault(y, []).append(len(document.matches))
                document.matches.append((y, start, end))

    # ----- highlights and the selection ------------------------------------------------

    @property
    def highlights(self) -> list[Placed]:
        """The article's highlights in reading order (detached ones last)."""
        return self.document.passages.placed if self.document is not None else []

    @property
    def current_highlight(self) -> Placed | None:
        """The highlight ``'`` or a new highlight made current, if any."""
        document = self.document
        if document is None or not 0 <= document.current_mark < len(self.highlights):
            return None
        return self.highlights[document.current_mark]

    def set_highlights(self, article: Article, current: str | None = None) -> None:
        """Draw ``article``'s highlights as they are now (one was made, noted or removed);
        the one with ID ``current`` becomes the current one."""
        document = self.document
        if document is None or article.id != self.article_id:
            return
        passages = document.passages
        detached = passages.detached
        passages.place(article.highlights)
        if passages.detached != detached:  # the header counts them
            document.header = _header(
                article,
                self._words_per_minute,
                len(document.removed),
                kept=kept_share(article.words, document.removed),
                detached=passages.detached,
            )
            self._layout(keep=True)
        index = passages.index_of(current) if current else None
        document.current_mark = -1 if index is None else index
        self.refresh()

    def step_highlight(self, delta: int) -> Placed | None:
        """Go to the next (1) or previous (-1) highlight found in the text, wrapping round;
        None when there is none."""
        document = self.document
        if document is None:
            return None
        passages = document.passages
        found = [i for i, placed in enumerate(passages.placed) if placed.span is not None]
        if not found:
            return None
        if document.current_mark in found:
            index = found[(found.index(document.current_mark) + delta) % len(found)]
        else:
            top = int(self.scroll_y)
            below = [i for i in found if (passages.line_of(passages.start_of(i)) or 0) >= top]
            if delta > 0:
                index = below[0] if below else found[0]
            else:
                index = found[found.index(below[0]) - 1] if below else found[-1]
        document.current_mark = index
        self.scroll_to_highlight(passages.placed[index].mark["id"])
        return passages.placed[index]

    def scroll_to_highlight(self, highlight_id: str) -> bool:
        """Bring a highlight into view (a third of the way down) and make it current; False
        when it is detached or unknown."""
        document = self.document
        if document is None:
            return False
        passages = document.passages
        index = passages.index_of(highlight_id)
        span = passages.placed[index].span if index is not None else None
        line = passages.line_of(span[0]) if span is not None else None
        if index is None or line is None:
            return False
        document.current_mark = index
        self._show_line(line, third=True)
        self.refresh()
        return True

    @property
    def selecting(self) -> bool:
        """True while a passage is being selected."""
        return self.document is not None and self.document.passages.selection is not None

    def start_selection(self) -> bool:
        """Select the first sentence on screen; False when there is nothing to select."""
        document = self.document
        if document is None or document.show_removed:
            return False
        document.passages.end_selection()
        if not document.passages.select_from(int(self.scroll_y)):
            return False
        self._show_selection(document)
        return True

    def change_selection(self, how: str, delta: int) -> None:
        """Grow (``how`` "sentence" or "paragraph") or move ("move") the selection."""
        document = self.document
        selection = document.passages.selection if document is not None else None
        if document is None or selection is None:
            return
        if how == "paragraph":
            selection.grow_paragraph(delta)
        elif how == "move":
            selection.move(delta)
        else:
            selection.grow(delta)
        document.passages.selection_changed()
        self._show_selection(document)

    def selected_passage(self) -> tuple[str, str, str] | None:
        """The selected text with the text just before and after it (None: no selection)."""
        document = self.document
        selection = document.passages.selection if document is not None else None
        if document is None or selection is None:
            return None
        return document.passages.passage(selection.span)

    def end_selection(self) -> None:
        """Stop selecting."""
        if self.document is not None:
            self.document.passages.end_selection()
            self.refresh()

    def _show_selection(self, document: Document) -> None:
        """Keep the end of the selection on screen (and its start, when it fits)."""
        passages = document.passages
        selection = passages.selection
        if selection is not None:
            start, end = selection.span
            first, last = passages.line_of(start), passages.line_of(max(start, end - 1))
            if last is not None:
                self._show_line(last)
            if first is not None and first < int(self.scroll_y):
                self._show_line(first)
        self.refresh()

    def _show_line(self, line: int, *, third: bool = False) -> None:
        """Scroll so ``line`` is on screen (``third``: a third of the way down)."""
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if third and not top <= line < top + height:
            target = max(0, line - height // 3)
        elif line < top:
            target = line
        elif line >= top + height:
            target = line - height + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    @property
    def removed_shown(self) -> bool:
        """True while what cleaning removed is on show."""
        return self.document is not None and self.document.show_removed

    # ----- laying out ----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again for the new width, keeping the same paragraph at the top."""
        if self.document is not None and self.document.width != self._pane_width():
            self._layout(keep=True)

    def _pane_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _column_width(self) -> int:
        """The text column, margins included: the pane, or the measure if that is less."""
        pane = self._pane_width()
        return min(pane, self.text_width + 2 * PADDING) if self.text_width > 0 else pane

    def _layout(self, *, keep: bool) -> None:
        """Render the document's lines for the pane's width; ``keep`` the reader's place."""
        document = self.document
        if document is None:
            return
        y = int(self.scroll_y)
        in_removed = bool(document.show_removed and document.lines and y >= document.removed_start)
        removed_y = y - document.removed_start
        place = self._anchor(y) if keep and document.lines and not in_removed else None
        width = self._column_width()
        console = self.app.console
        options = console.options.update(width=max(width - 2 * PADDING, 10), height=None)
        margin = Segment(" " * PADDING)

        def render(renderable: RenderableType, style: Style | None = None) -> list[Strip]:
            lines = console.render_lines(renderable, options, style=style, pad=True)
            lines = hang_punctuation(lines, room=PADDING)
            return [
                Strip([margin, *_without_hyperlinks(line), margin]).adjust_cell_length(width, style)
                for line in lines
            ]

        header_style = self.get_component_rich_style("reading-pane--header")
        blank_header = Strip.blank(width, header_style)
        lines = [blank_header, *render(document.header, header_style), blank_header]
        document.header_end = len(lines)
        lines.append(Strip.blank(width))
        starts = []
        for block in document.blocks:
            starts.append(len(lines))
            lines.extend(render(RichMarkdown(block.markdown, hyperlinks=True)))
            lines.append(Strip.blank(width))
        document.removed_start = len(lines)
        if document.show_removed:
            lines.extend(render(self._removed_renderable(document.removed)))
        document.lines, document.block_starts = lines, starts
        document.width, document.column = self._pane_width(), width
        self._find_matches(document)
        document.passages.laid_out(lines, starts, document.removed_start)
        self.virtual_size = Size(document.width, len(lines))
        self.refresh()
        if keep and (in_removed or place is not None):
            unmoved = not self.moved_by_reader
            target = document.removed_start + removed_y if place is None else self._line_of(place)
            self.scroll_to(y=target, animate=False, immediate=True, force=True)
            if unmoved:  # the same place, rewrapped: still where the app put it
                self.placed()

    def _anchor(self, y: int) -> Anchor:
        """Line ``y`` as a place that survives rewrapping."""
        starts = self.document.block_starts if self.document else []
        if not starts or y < starts[0]:
            return (-1, y)
        block = bisect_right(starts, y) - 1
        return (block, y - starts[block])

    def _line_of(self, place: Anchor) -> int:
        """The line of ``place`` as the document is laid out now."""
        document = self.document
        if document is None:
            return 0
        block, offset = place
        starts = document.block_starts
        if block < 0 or not starts:
            return min(offset, starts[0] if starts else offset)
        block = min(block, len(starts) - 1)
        end = starts[block + 1] if block + 1 < len(starts) else document.removed_start
        return starts[block] + min(offset, max(0, end - starts[block] - 1))

    def _removed_renderable(self, removed: list[Removed]) -> RenderableType:
        muted = self.get_component_rich_style("reading-pane--removed")
        if not removed:
            return Text("Cleaning removed nothing from this article.", style="bold")
        text = Text(f"Removed by cleaning ({len(removed)})\n\n", style="bold")
        for block in removed:
            text.append(f"[{safe(block.reason)}] ", style=muted + Style(italic=True, bold=True))
            text.append(strip_controls(block.text).strip() + "\n\n", style=muted)
        return text

    # ----- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """One screen line of the article."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        document = self.document
        if document is None:
            lines = _wrapped(self.placeholder, max(10, width - PADDING * 4))
            if 2 <= y < 2 + len(lines):
                muted = base + self.get_component_rich_style("reading-pane--muted")
                text = " " * (PADDING * 2) + lines[y - 2]
                return Strip([Segment(text, muted)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        index = y + int(self.scroll_y)
        if index >= len(document.lines):
            return Strip.blank(width, base)
        strip = document.lines[index]
        ranges = self._ranges_on(index, document)
        if ranges:
            strip = Strip(_restyle(list(strip), ranges), strip.cell_length)
        fill = base
        if index < document.header_end:
            fill = base + self.get_component_rich_style("reading-pane--header")
        margin = (width - document.column) // 2
        if margin > 0:
            strip = Strip([Segment(" " * margin, fill), *strip], strip.cell_length + margin)
        return strip.apply_style(base).adjust_cell_length(width, fill)

    def _ranges_on(self, index: int, document: Document) -> list[tuple[int, int, Style]]:
        """What is marked on line ``index``: search matches (the current one reversed), the
        selection, highlights (the current one underlined); the first listed wins."""
        ranges: list[tuple[int, int, Style]] = []
        on_line = document.matches_on_line.get(index)
        if on_line:
            style = self.get_component_rich_style("reading-pane--match")
            ranges.extend(
                (start, end, style + _CURRENT if i == document.current_match else style)
                for i in on_line
                for _, start, end in (document.matches[i],)
            )
        passages = document.passages
        selected = passages.selected.get(index)
        if selected is not None:
            style = self.get_component_rich_style("reading-pane--selection")
            ranges.append((selected[0], selected[1], style))
        marked = passages.marked_on(index)
        if marked:
            style = self.get_component_rich_style("reading-pane--highlight")
            ranges.extend(
                (start, end, style + _CURRENT_MARK if which == document.current_mark else style)
                for start, end, which in marked
            )
        return ranges

    def action_link(self, href: str) -> None:
        """A click on a link: tell the screen."""
        self.post_message(self.LinkClicked(href))

    # ----- reading position ----------------------------------------------------------

    def top_block(self) -> int:
        """The index of the body block at the top of the view: where the reader is (in the
        article, also while looking at what cleaning removed)."""
        document = self.document
        if document is None or not document.block_starts:
            return 0
        y = int(self.scroll_y)
        if document.show_removed and y >= document.removed_start:
            return max(0, document.article_place[0])
        return max(0, bisect_right(document.block_starts, y) - 1)

    def scroll_to_block(self, index: int) -> None:
        """Scroll so the body block ``index`` is at the top."""
        document = self.document
        if document is not None and 0 <= index < len(document.block_starts):
            y = 0 if index == 0 else document.block_starts[index]
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def placed(self) -> None:
        """The app has put the article where the reader left it (or at a match): only a
        move from here is the reader's, worth remembering as a new place."""
        self._placed_y = int(self.scroll_y)

    @property
    def moved_by_reader(self) -> bool:
        """Whether the reader scrolled since the article was shown and placed: a preview
        under the cursor, or the same article shown again, is not a new place to keep."""
        return self.rendered and int(self.scroll_y) != self._placed_y

    @property
    def at_end(self) -> bool:
        """True when the end of the article is on screen."""
        return self.rendered and self.scroll_y >= self.max_scroll_y - 1

    def progress(self) -> int:
        """How much of the article's body is above the bottom of the screen, in percent
        (100 once its end is on screen)."""
        document = self.document
        if document is None or not document.block_starts:
            return 0
        y = int(self.scroll_y)
        if document.show_removed and y >= document.removed_start:
            y = self._line_of(document.article_place)
        elif self.at_end:
            return 100
        start, end = document.block_starts[0], document.removed_start
        seen = y + self.scrollable_content_region.height - start
        return max(0, min(99, seen * 100 // max(1, end - start)))


#: Below this share of the page's prose kept, the header says how much was kept.
KEPT_NOTICE_SHARE = 0.5


def _header(
    article: Article, words_per_minute: int, removed: int, *, kept: float = 1.0, detached: int = 0
) -> Text:
    """Title, source, byline, date, reading time and URL, as plain text; a line when
    cleaning kept less than half of the page's prose (``kept``), else what it removed,
    counted; and highlights no longer found in the text, counted."""
    text = Text(safe(article.title), style="bold")
    facts = [
        safe(article.source),
        f"by {safe(article.author)}" if article.author else "",
        long_date(article.date) if article.date else f"saved {long_date(article.added)}",
        reading_time(article.words, words_per_minute),
    ]
    text.append("\n" + " · ".join(fact for fact in facts if fact), style="italic")
    if article.tags:
        text.append("\ntags: " + ", ".join(safe(tag) for tag in article.tags), style="dim")
    if article.url:
        text.append("\n" + safe(article.url), style="underline")
    if kept < KEPT_NOTICE_SHARE:
        text.append(
            f"\nCleaning kept {kept:.0%} of this page's text — x shows the rest", style="bold"
        )
    elif removed:
        text.append(
            f"\n{counted(removed, 'block')} removed by cleaning: x shows or hides them", style="dim"
        )
    if detached:
        text.append(
            f"\n{detached} highlight{'s' if detached != 1 else ''} no longer found in this "
            "text: kept in Highlights (H)",
            style="dim",
        )
    return text


_CURRENT = Style(reverse=True, bold=True)
_CURRENT_MARK = Style(bold=True, underline=True)


def _restyle(segments: list[Segment], ranges: list[tuple[int, int, Style]]) -> list[Segment]:
    """``segments`` with the characters in each (start, end) range given that range's style."""
    result: list[Segment] = []
    at = 0
    for text, style, control in segments:
        end_of_segment = at + len(text)
        cuts = sorted(
            {at, end_of_segment}
            | {p for start, end, _ in ranges for p in (start, end) if at < p < end_of_segment}
        )
        for left, right in pairwise(cuts):
            piece = text[left - at : right - at]
            extra = next((s for start, end, s in ranges if start <= left and right <= end), None)
            piece_style = style + extra if style is not None and extra else (extra or style)
            result.append(Segment(piece, piece_style, control))
        at = end_of_segment
    return result


def _without_hyperlinks(segments: list[Segment]) -> list[Segment]:
    """Segments whose terminal hyperlinks became click actions (no URL reaches the terminal)."""
    result = []
    for text, style, control in segments:
        if style is not None and style.link:
            click = Style.from_meta({"@click": f"link({style.link!r})"})
            style = style.update_link(None) + click
        result.append(Segment(text, style, control))
    return result


@lru_cache(maxsize=8)
def _wrapped(message: str, width: int) -> tuple[str, ...]:
    """A message shown without an article, wrapped to the pane (once per message and width,
    not once per screen line drawn)."""
    return tuple(textwrap.wrap(message, width)) or ("",)
