"""What cleaning left out of a page, in page order: dropped blocks and the text around the
article (menus, teasers, footers)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.clean.html_source import INVISIBLE_TAGS, cut_elements
from reader.clean.model import Removed
from reader.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

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


def removed_in_page_order(
    html: str, body: _Element, dropped: list[Removed], title: str | None
) -> list[Removed]:
    """Merge the filtered blocks with the page text trafilatura left out, in page order.

    Texts are compared lower-cased with whitespace collapsed: page blocks come from the
    same text nodes as the body, so nothing finer is needed.
    """
    kept = _flat("".join(body.itertext()))
    kept_blocks = {_flat("".join(el.itertext())) for el in body.iter("p", "head", "item", "cell")}
    # substring tests are quadratic: on very long bodies only exact block matches count
    substring_ok = len(kept) < 100_000
    dropped_flat = [_flat(item.text) for item in dropped]
    emitted: set[int] = set()
    result: list[Removed] = []
    title_flat = _flat(title) if title else None
    for text in page_blocks(html):
        flat = text.lower()
        if flat in kept_blocks or (substring_ok and flat in kept):
            continue
        # a short page block inside a longer dropped one ("News" in "newsletter") is no match
        owner = next(
            (
                i
                for i, df in enumerate(dropped_flat)
                if flat in df and len(flat) >= min(30, len(df))
            ),
            None,
        )
        if owner is not None:
            if owner not in emitted:
                emitted.add(owner)
                result.append(dropped[owner])
        elif flat != title_flat:  # the headline is in ``Cleaned.title``, not dropped
            result.append(Removed(text=text, reason="outside article"))
    result.extend(item for i, item in enumerate(dropped) if i not in emitted)
    return result


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()
