"""Highlights and the selection over an article's rendered lines.

Both are spans of the article's plain text (``reader.passages``), which no width, theme or
margin changes; each time the pane lays the article out, the spans are turned into column
ranges on the new lines (``text_map``). Highlights are found again by their quote and
context each time an article is shown, so a highlight survives the article being cleaned
again; one whose passage is gone is "detached": kept, counted, not drawn.

The plain text, sentences and line maps are worked out only when there is something to
draw or select, and a block's highlights only when one of its lines is first drawn: an
article without highlights costs nothing here, and one with many costs, at first paint,
only the blocks on screen.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from reader.passages.anchor import PlainText, context
from reader.passages.blocks import Block, article_text, block_offsets
from reader.passages.sentences import sentence_spans
from reader.ui.selection import Selection
from reader.ui.text_map import BlockMap, map_block

#: A range of columns on one line: (from, to, which), ``which`` a highlight's index or -1.
LineRange = tuple[int, int, int]


class Line(Protocol):
    """A laid-out line (a Textual ``Strip``): its characters are what is mapped."""

    @property
    def text(self) -> str:
        """The line's characters."""


@dataclass
class Placed:
    """A highlight and where its passage is in the plain text (None: detached)."""

    mark: dict[str, Any]
    span: tuple[int, int] | None


class PassageLayer:
    """An article's blocks, their plain text, and where highlights and a selection lie."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        #: The highlights, in the order of their passages (detached ones last).
        self.placed: list[Placed] = []
        self.selection: Selection | None = None
        #: Line → the column range selected on it.
        self.selected: dict[int, LineRange] = {}
        self._lines: Sequence[Line] = ()
        self._starts: list[int] = []
        self._end = 0
        self._maps: dict[int, BlockMap] = {}
        #: Line → the column ranges highlighted on it, for the blocks drawn so far.
        self._marked: dict[int, list[LineRange]] = {}
        self._marked_blocks: set[int] = set()

    # ----- the text --------------------------------------------------------------------

    @cached_property
    def plain(self) -> PlainText:
        """The article's plain text, searchable."""
        return PlainText(article_text(self.blocks))

    @cached_property
    def offsets(self) -> list[int]:
        """Where each block starts in the plain text."""
        return block_offsets(self.blocks)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence's span in the plain text."""
        return sentence_spans(self.plain.text)

    def passage(self, span: tuple[int, int]) -> tuple[str, str, str]:
        """The quote at ``span`` with its context: what a new highlight keeps."""
        start, end = span
        before, after = context(self.plain.text, start, end)
        return self.plain.text[start:end], before, after

    # ----- highlights ------------------------------------------------------------------

    def place(self, marks: Sequence[dict[str, Any]]) -> None:
        """Find each highlight in the text (in reading order, detached ones last)."""
        placed = [
            Placed(dict(mark), self.plain.locate(mark["quote"], mark["prefix"], mark["suffix"]))
            for mark in marks
        ]
        placed.sort(key=lambda p: (p.span is None, p.span or (0, 0)))
        self.placed = placed
        self._marked, self._marked_blocks = {}, set()

    @property
    def detached(self) -> int:
        """How many highlights could not be found in this text."""
        return sum(1 for placed in self.placed if placed.span is None)

    def start_of(self, index: int) -> int:
        """Where highlight ``index``'s passage starts (0 for a detached one)."""
        span = self.placed[index].span
        return span[0] if span is not None else 0

    def index_of(self, highlight_id: str) -> int | None:
        """The position of a highlight among ``placed``."""
        return next((i for i, p in enumerate(self.placed) if p.mark["id"] == highlight_id), None)

    # ----- the lines -------------------------------------------------------------------

    def laid_out(self, lines: Sequence[Line], block_starts: list[int], end: int) -> None:
        """The article was laid out again: its ``lines``, where each block starts, and the
        line after the last block."""
        self._lines, self._starts, self._end = lines, block_starts, end
        self._maps = {}
        self._marked, self._marked_blocks = {}, set()
        self._draw_selection()

    def marked_on(self, line: int) -> list[LineRange]:
        """The column ranges highlighted on ``line`` (its block's worked out on first use)."""
        starts = self._starts
        if not self.placed or not starts or line < starts[0] or line >= self._end:
            return []
        block = bisect_right(starts, line) - 1
        if block not in self._marked_blocks:
            self._mark_block(block)
        return self._marked.get(line, [])

    def line_ranges(self, span: tuple[int, int]) -> dict[int, tuple[int, int]]:
        """The columns a plain-text span covers on each line it reaches."""
        start, end = span
        offsets = self.offsets
        first = max(0, bisect_right(offsets, start) - 1)
        last = max(0, bisect_left(offsets, end) - 1)
        found: dict[int, tuple[int, int]] = {}
        for block in range(first, min(last, len(self._starts) - 1) + 1):
            at = offsets[block]
            top = self._starts[block]
            for line, columns in self._map(block).ranges(start - at, end - at).items():
                found[top + line] = columns
        return found

    def line_of(self, offset: int) -> int | None:
        """The line a plain-text offset is drawn on."""
        if not self._starts:
            return None
        block = min(max(0, bisect_right(self.offsets, offset) - 1), len(self._starts) - 1)
        line = self._map(block).line_of(offset - self.offsets[block])
        return None if line is None else self._starts[block] + line

    def _map(self, block: int) -> BlockMap:
        found = self._maps.get(block)
        if found is None:
            top = self._starts[block]
            bottom = self._starts[block + 1] if block + 1 < len(self._starts) else self._end
            texts = [line.text for line in self._lines[top:bottom]]
            found = map_block(texts, self.blocks[block].plain)
            self._maps[block] = found
        return found

    def _mark_block(self, block: int) -> None:
        """Work out the highlighted ranges on the lines of one block."""
        self._marked_blocks.add(block)
        at = self.offsets[block]
        end = at + len(self.blocks[block].plain)
        top = self._starts[block]
        for index, placed in enumerate(self.placed):
            span = placed.span
            if span is None or span[0] >= end or span[1] <= at:
                continue
            ranges = self._map(block).ranges(span[0] - at, span[1] - at)
            for line, (start, stop) in ranges.items():
                self._marked.setdefault(top + line, []).append((start, stop, index))

    # ----- the selection ---------------------------------------------------------------

    def select_from(self, top_line: int) -> bool:
        """Start a selection on the first sentence drawn at or below ``top_line``; False
        when the article has no sentence."""
        sentences = self.sentences
        if not sentences:
            return False
        first_block = max(0, bisect_right(self._starts, top_line) - 1)
        start = bisect_left(sentences, (self.offsets[min(first_block, len(self.offsets) - 1)], 0))
        chosen = start
        for index in range(start, len(sentences)):
            line = self.line_of(sentences[index][0])
            if line is not None and line >= top_line:
                chosen = index
                break
        self.selection = Selection.of(sentences, self.offsets, chosen)
        self._draw_selection()
        return True

    def selection_changed(self) -> None:
        """The selection grew, shrank or moved: draw it again."""
        self._draw_selection()

    def end_selection(self) -> None:
        """Drop the selection."""
        self.selection = None
        self.selected = {}

    def _draw_selection(self) -> None:
        selection = self.selection
        self.selected = {}
        if selection is None or not self._starts:
            return
        for line, (start, end) in self.line_ranges(selection.span).items():
            self.selected[line] = (start, end, -1)
