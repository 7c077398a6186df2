"""Where each character of a block's plain text is drawn among the block's rendered lines.

Highlights and the selection are kept as spans of the plain text (``reader.passages``);
the pane draws lines that Rich laid out, with wrapping, a margin, bullets, quote bars and
list numbers among the words. The rendered text is the plain text with only white space
and such marks put in, so each visible character of the plain text is found by looking a
little ahead in the rendered text for the same character. One that is not found near
(a table's cells wrap out of reading order) is left unplaced rather than sent far away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

#: How far past a line's end the next character may be (the margin and marks of the next
#: line), on top of the line's own width.
_SLACK = 12
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class BlockMap:
    """For each character of a block's plain text, its line (from the block's first) and
    its character column; -1 for white space and characters not placed."""

    lines: list[int]
    columns: list[int]

    def ranges(self, start: int, end: int) -> dict[int, tuple[int, int]]:
        """The columns ``[from, to)`` the plain text ``[start, end)`` covers, line by line.

        Characters are placed in reading order, so on each line the first placed one
        starts the range and the last one ends it.
        """
        found: dict[int, tuple[int, int]] = {}
        columns = self.columns
        span = range(max(0, start), min(end, len(self.lines)))
        for line, indexes in groupby(span, key=self.lines.__getitem__):
            if line >= 0:
                placed = list(indexes)
                low, high = columns[placed[0]], columns[placed[-1]] + 1
                old = found.get(line)
                found[line] = (min(old[0], low), max(old[1], high)) if old else (low, high)
        return found

    def line_of(self, index: int) -> int | None:
        """The line of the first placed character at or after ``index``."""
        for line in self.lines[max(0, index) :]:
            if line >= 0:
                return line
        return None


def map_block(texts: Sequence[str], plain: str) -> BlockMap:
    """Place ``plain`` (a block's plain text) among the rendered ``texts`` of its lines.

    Word by word: a word is drawn whole on one line unless it is longer than a line (or,
    in text without spaces, a whole sentence); those are placed character by character.
    """
    rendered = "\n".join(texts)
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    window = max((len(text) for text in texts), default=0) + _SLACK
    lines = [-1] * len(plain)
    columns = [-1] * len(plain)
    position, line, last = 0, 0, len(starts) - 1
    find = rendered.find
    for word in _WORD.finditer(plain):
        text, first = word.group(), word.start()
        found = find(text, position, position + window + len(text))
        if found >= 0:
            while line < last and starts[line + 1] <= found:
                line += 1
            size = len(text)
            lines[first : first + size] = [line] * size
            column = found - starts[line]
            columns[first : first + size] = range(column, column + size)
            position = found + size
            continue
        for index, char in enumerate(text, start=first):
            found = find(char, position, position + window)
            if found < 0:
                continue
            while line < last and starts[line + 1] <= found:
                line += 1
            lines[index], columns[index] = line, found - starts[line]
            position = found + 1
    return BlockMap(lines, columns)
