"""The page's own text, cut into blocks in page order, with what compares them to a body.

The cleaner checks a body against the page it came from three ways: how much of the
page's prose it covers (``reader.clean.html_recall``), where the lead paragraph stands,
and what it left out (``reader.clean.html_left_out``). All three compare blocks by their
words (``reader.clean.prose.text_key``), computed once per page here.
"""

from __future__ import annotations

import re

from reader.clean.html_source import INVISIBLE_TAGS, cut_elements
from reader.clean.prose import is_prose, text_key
from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

_BLOCK_BOUNDARY = LazyPattern(
    r"<(?:/?(?:address|article|aside|blockquote|body|dd|details|div|dl|dt|fieldset|figcaption|figure"
    r"|footer|form|h[1-6]|header|li|main|nav|ol|p|pre|section|summary|table|td|th|tr|ul|button"
    r"|option|label)\b[^<>]*|br\b[^<>]*|hr\b[^<>]*)>",
    re.IGNORECASE,
)


_TAG = LazyPattern(r"<[^<>]*>")


_BODY_START = LazyPattern(r"<body\b", re.IGNORECASE)


def page_blocks(html: str) -> list[str]:
    """The visible text of the page's body cut at block boundaries, in page order.

    Regexes over the source rather than a walk of the lxml tree: several times
    cheaper, and exact boundaries do not matter for a list of what was left out.
    NUL marks the boundaries.
    """
    from html import unescape

    body_start = _BODY_START.regex.search(html)
    if body_start:
        html = html[body_start.start() :]
    if "\x00" in html:
        html = html.replace("\x00", " ")
    visible = cut_elements(html, INVISIBLE_TAGS)
    visible = _TAG.regex.sub("", _BLOCK_BOUNDARY.regex.sub("\x00", visible))
    blocks = []
    for chunk in visible.split("\x00"):
        text = " ".join(chunk.split())
        if text:
            blocks.append(unescape(text) if "&" in text else text)
    return blocks


class PageText:
    """The page's blocks (``page_blocks``), their keys, and its prose with word counts."""

    __slots__ = ("blocks", "keys", "prose")

    def __init__(self, html: str) -> None:
        self.blocks = page_blocks(html)
        self.keys = [text_key(block) for block in self.blocks]
        #: (key, words) of each prose block, in page order.
        self.prose = [
            (key, count_words(block))
            for block, key in zip(self.blocks, self.keys, strict=True)
            if is_prose(block)
        ]

    def prose_share(self, body_key: str) -> float:
        """The share of the page's prose words found in the body (given by its
        ``text_key``); 1.0 for a page without prose."""
        total = sum(words for _, words in self.prose)
        kept = sum(words for key, words in self.prose if key in body_key)
        return kept / total if total else 1.0

    def prose_blocks(self) -> list[str]:
        """The prose blocks' text, in page order."""
        return [block for block in self.blocks if is_prose(block)]
