"""The page's prose: which blocks of a page read as running text, and how much of it an
article kept.

Used by the cleaners to see how much of a page's prose reached the body (a body that
covers little of it was probably found in the wrong place), and by the reading pane to
say so when an article kept less than half. Standard library only: the app imports it.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.lazy_pattern import LazyPattern
from reader.removed import Removed
from reader.textstats import count_words

#: A block of at least this many words reads as prose if it ends like a sentence.
SENTENCE_WORDS = 12
#: A block of at least this many words reads as prose however it ends.
PARAGRAPH_WORDS = 25

_WORD = LazyPattern(r"\w+")
#: Characters that sit inside words without being seen: soft hyphens (which some pages put
#: in every long word), zero-width spaces, the word joiner.
_UNSEEN = "\u00ad\u200b\u2060"
#: Those and the zero-width joiners, which shape Persian words and join emoji: kept in
#: text shown to a reader, nothing in a comparison.
_INVISIBLE = LazyPattern(f"[{_UNSEEN}\u200c\u200d]")
_UNSEEN_CHARS = LazyPattern(f"[{_UNSEEN}]")
_CLOSERS = "\"'”’»)]*_"


def visible(text: str) -> str:
    """``text`` without the invisible characters inside its words: "Tech\u00adnik" is
    "Technik" to a reader, and to a comparison."""
    return text if text.isascii() else _INVISIBLE.regex.sub("", text)


def shown(text: str) -> str:
    """``text`` as a reader sees it: without soft hyphens, zero-width spaces and word
    joiners, but with the joiners that shape its letters."""
    return text if text.isascii() else _UNSEEN_CHARS.regex.sub("", text)


def is_prose(text: str) -> bool:
    """Whether a block reads as running text: a long block, or a sentence of some length.

    A block cut short with an ellipsis is a teaser for another page, not prose.
    """
    text = text.strip()
    if text.endswith(("...", "…")):
        return False
    words = count_words(text)
    if words >= PARAGRAPH_WORDS:
        return True
    return words >= SENTENCE_WORDS and text.rstrip(_CLOSERS)[-1:] in ".!?:;。！？"


def text_key(text: str) -> str:
    """The words of ``text``, space-separated and padded with spaces: what the same text
    has in common however it was marked up (``" a b c "``; an inner key is found in an
    outer one with ``in``)."""
    return f" {' '.join(_WORD.regex.findall(visible(text)))} "


def kept_share(body_words: int, removed: Iterable[Removed]) -> float:
    """The share of the page's prose that the body kept: its words against its words and
    the words of the prose that cleaning removed.

    1.0 when nothing removed reads as prose, or for an empty page.
    """
    left = sum(_prose_words(item.text) for item in removed)
    total = body_words + left
    return body_words / total if total else 1.0


def _prose_words(text: str) -> int:
    """The words of the prose in a removed block; a run of lines is judged line by line."""
    return sum(count_words(line) for line in text.splitlines() if is_prose(line))
