"""Finding a quoted passage in an article's plain text, with the text around it as a guide.

A highlight is kept as its quote and a little of the text before and after it, never as a
line or an offset: those change with the terminal's width, and offsets change when the
article is cleaned again. Finding it is tried twice: as written (white space tidied), then
by its letters and digits alone (case aside), which a quote copied from another service or
from Markdown (``**``, curly quotes, a dash for a hyphen) still matches. Of several places
that hold the quote, the one whose surroundings match the kept context best wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

#: How much text before and after a passage is kept with it.
CONTEXT = 40
_WHITE = re.compile(r"\s+")


def tidy(text: str) -> str:
    """White space made single spaces (as the plain text has it), none at the ends."""
    return " ".join(text.split())


def _spaced(text: str) -> str:
    """White space made single spaces, kept at the ends (context meets the quote there)."""
    return _WHITE.sub(" ", text)


def context(text: str, start: int, end: int, size: int = CONTEXT) -> tuple[str, str]:
    """The text just before and just after ``text[start:end]`` (newlines made spaces)."""
    before = text[max(0, start - size) : start].replace("\n", " ")
    after = text[end : end + size].replace("\n", " ")
    return before, after


@dataclass
class PlainText:
    """An article's plain text, with the views searched in (made once per article)."""

    text: str

    @cached_property
    def spaced(self) -> str:
        """The text with its newlines as spaces: the same length, so offsets carry over."""
        return self.text.replace("\n", " ")

    @cached_property
    def letters(self) -> tuple[str, list[int]]:
        """Only the letters and digits, lower case, and where each is in the text."""
        where = [i for i, char in enumerate(self.text) if char.isalnum()]
        folded = "".join(_lower(self.text[i]) for i in where)
        return folded, where

    def locate(self, quote: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
        """Where ``quote`` is, as ``(start, end)`` in the text; None when it is not there."""
        wanted = tidy(quote)
        if not wanted:
            return None
        found = _best(self.spaced, wanted, _spaced(prefix), _spaced(suffix))
        if found is not None:
            return found
        folded, where = self.letters
        key = _letters(wanted)
        if not key:
            return None
        found = _best(folded, key, _letters(prefix), _letters(suffix))
        if found is None:
            return None
        start, end = found
        return where[start], where[end - 1] + 1


def _lower(char: str) -> str:
    """One character lower-cased, still one character (so positions keep lining up)."""
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _letters(text: str) -> str:
    return "".join(_lower(char) for char in text if char.isalnum())


def _best(text: str, quote: str, prefix: str, suffix: str) -> tuple[int, int] | None:
    """The place of ``quote`` in ``text`` whose surroundings best match the context."""
    starts = []
    at = text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return None
    if len(starts) == 1:
        return starts[0], starts[0] + len(quote)

    def score(start: int) -> int:
        before = text[max(0, start - len(prefix)) : start]
        after = text[start + len(quote) : start + len(quote) + len(suffix)]
        return _common_end(before, prefix) + _common_start(after, suffix)

    best = max(starts, key=score)
    return best, best + len(quote)


def _common_start(one: str, two: str) -> int:
    count = 0
    for a, b in zip(one, two, strict=False):
        if a != b:
            break
        count += 1
    return count


def _common_end(one: str, two: str) -> int:
    return _common_start(one[::-1], two[::-1])
