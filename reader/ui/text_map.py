"""Where each character of a block's plain text is drawn among the block's rendered lines.

Highlights and the selection are kept as spans of the plain text (``reader.passages``);
the pane draws lines that Rich laid out, with wrapping, a margin, bullets, quote bars and
list numbers among the words. The rendered text is the plain text with only white space
and such marks put in, so each visible character of the plain text is found by looking a
little ahead in the rendered text for the same character. One that is not found near
(a table's cells wrap out of reading order) is left unplaced rather than sent far away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: How far past a line's end the next character may be (the margin and marks of the next
#: line), on top of the line's own width.
_SLACK = 12


@dataclass(frozen=True)
class BlockMap:
    """For each character of a block's plain text, its line (from the block's first) and
    its character column; -1 for white space and characters not placed."""

    lines: list[int]
    columns: list[int]

    def ranges(self, start: int, end: int) -> dict[int, tuple[int, int]]:
        """The columns ``[from, to)`` the plain text ``[start, end)`` covers, line by line."""
        found: dict[int, tuple[int, int]] = {}
        lines, columns = self.lines, self.columns
        for index in range(max(0, start), min(end, len(lines))):
            line = lines[index]
            if line < 0:
                continue
            column = columns[index]
            low, high = found.get(line, (column, column + 1))
            found[line] = (min(low, column), max(high, column + 1))
        return found

    def line_of(self, index: int) -> int | None:
        """The line of the first placed character at or after ``index``."""
        for line in self.lines[max(0, index) :]:
            if line >= 0:
                return line
        return None


def map_block(texts: Sequence[str], plain: str) -> BlockMap:
    """Place ``plain`` (a block's plain text) among the rendered ``texts`` of its lines."""
    rendered = "\n".join(texts)
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    window = max((len(text) for text in texts), default=0) + _SLACK
    lines = [-1] * len(plain)
    columns = [-1] * len(plain)
    position, line = 0, 0
    find = rendered.find
    for index, char in enumerate(plain):
        if char.isspace():
            continue
        found = find(char, position, position + window)
        if found < 0:
            continue
        while line + 1 < len(starts) and starts[line + 1] <= found:
            line += 1
        lines[index], columns[index] = line, found - starts[line]
        position = found + 1
    return BlockMap(lines, columns)
