"""Text taken from a page: whitespace collapsed, and keys that compare two renderings."""

from __future__ import annotations

from reader.lazy_pattern import LazyPattern

SPACE = LazyPattern(r"\s+")
_WORD = LazyPattern(r"\w+")


def norm(text: str) -> str:
    """``text`` with runs of whitespace made one space, and trimmed."""
    return SPACE.regex.sub(" ", text).strip()


def text_key(text: str) -> str:
    """Lower-case words only: what two renderings of the same text have in common."""
    return " ".join(_WORD.regex.findall(text.lower()))


def first_text(*values: object) -> str | None:
    """The first non-blank string among ``values``, whitespace collapsed."""
    for value in values:
        if isinstance(value, str):
            text = norm(value)
            if text:
                return text
    return None
