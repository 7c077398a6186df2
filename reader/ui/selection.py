"""A passage chosen by keyboard: a run of whole sentences that grows and shrinks.

Selecting starts on one sentence; it grows or shrinks a sentence or a paragraph at a time
at its end, and moves whole a sentence at a time. Plain Python over the article's sentence
spans (``reader.passages.sentences``), so the rules are cheap to test.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass
class Selection:
    """Sentences ``first`` to ``last`` (inclusive) of ``sentences``, spans in the plain text;
    ``blocks[i]`` is the block (paragraph) sentence ``i`` is in."""

    sentences: list[tuple[int, int]]
    blocks: list[int]
    first: int = 0
    last: int = 0

    @classmethod
    def of(cls, sentences: list[tuple[int, int]], offsets: list[int], first: int) -> Selection:
        """A selection of sentence ``first``; ``offsets`` are where the blocks start."""
        blocks = [bisect_right(offsets, start) - 1 for start, _ in sentences]
        first = max(0, min(first, len(sentences) - 1))
        return cls(sentences, blocks, first, first)

    @property
    def span(self) -> tuple[int, int]:
        """Where the selection starts and ends in the plain text."""
        return self.sentences[self.first][0], self.sentences[self.last][1]

    def grow(self, delta: int) -> None:
        """A sentence more (``delta`` 1) or less (-1) at the end; never less than one."""
        self.last = max(self.first, min(self.last + delta, len(self.sentences) - 1))

    def grow_paragraph(self, delta: int) -> None:
        """To the end of this paragraph, or of the next one when already there (1); back to
        the end of the paragraph before (-1), never before the first sentence."""
        blocks, last = self.blocks, self.last
        if delta > 0:
            if last + 1 < len(blocks) and blocks[last + 1] == blocks[last]:
                target = blocks[last]
            elif last + 1 < len(blocks):
                target = blocks[last + 1]
            else:
                return
            while last + 1 < len(blocks) and blocks[last + 1] == target:
                last += 1
        else:
            while last > self.first and blocks[last] == blocks[self.last]:
                last -= 1
        self.last = max(self.first, last)

    def move(self, delta: int) -> None:
        """The whole selection a sentence later (1) or earlier (-1)."""
        count = len(self.sentences)
        if self.first + delta >= 0 and self.last + delta < count:
            self.first += delta
            self.last += delta
