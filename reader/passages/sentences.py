"""Sentences of an article's plain text: the steps a keyboard selection grows by.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (and the closing quotes or brackets after
it) followed by a space, at a full-width mark (。！？, which need no space), or at the
end of a line (a block, a list item, a heading). Abbreviations can end a sentence early;
the reader then takes one more step, which is harmless.
"""

from __future__ import annotations

import re

#: Quotes and brackets after a sentence's mark close it, whichever way round the language
#: writes them (German closes with “ and ‘).
_END = re.compile(r"(?:[.!?…]+[\"'”’“‘»«)\]]*(?= )|[。！？]+[」』）”’]*)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``, in order, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        start = 0
        for end in _END.finditer(line):
            _keep(spans, line, at, start, end.end())
            start = end.end()
        _keep(spans, line, at, start, len(line))
        at += len(line) + 1
    return spans


def _keep(spans: list[tuple[int, int]], line: str, at: int, start: int, end: int) -> None:
    """Add ``line[start:end]`` (offset by ``at``) without its spaces, unless it is empty."""
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((at + start + lead, at + start + lead + len(stripped)))
