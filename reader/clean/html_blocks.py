"""Blocks of trafilatura's body that are page furniture, dropped with a reason for each.

Donation appeals, newsletter boxes, "Read more", share labels, captions and credits,
date lines and reprint notices (cues shared with the text cleaner), the headline repeated
as first block, the page's own address, and headings with nothing under them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.clean.html_text import norm, text_key
from reader.clean.html_tree import drop, etree
from reader.clean.model import Removed
from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

#: Blocks longer than this (words) are kept whatever they say: appeals and sign-up
#: boxes are short, and articles about newsletters or donations exist.
MAX_BOILERPLATE_WORDS = 60


#: Cues the shared list (``reader.clean.boilerplate``) lacks, seen in extracted bodies:
#: reprint notices of syndicated articles.
_HTML_CUES = (
    (
        "copyright",
        LazyPattern(
            r"personal,? non-?commercial use only|may not be (?:re)?published, broadcast", re.I
        ),
    ),
)


def block_reason(text: str) -> str | None:
    """Why a block of extracted text is page furniture, or None to keep it."""
    from reader.clean.boilerplate import boilerplate_reason
    from reader.clean.credits import is_caption_like
    from reader.clean.date_lines import is_date_line

    if len(text) > 20 * MAX_BOILERPLATE_WORDS:  # surely too long, spare the counting
        return None
    words = count_words(text)
    if words == 0:
        return "empty"
    if words > MAX_BOILERPLATE_WORDS:
        return None
    reason = next((why for why, cue in _HTML_CUES if cue.regex.search(text)), None)
    reason = reason or boilerplate_reason(text)
    if reason is None and words <= 30 and is_caption_like(text):
        reason = "caption"
    if reason is None and is_date_line(text):
        reason = "date"
    return reason


def filter_blocks(body: _Element, title: str | None, url: str | None = None) -> list[Removed]:
    """Drop boilerplate blocks (and list items) from trafilatura's body tree.

    Besides the cues of ``block_reason``: the headline as first kept block, the page's
    own address as a block (print views show it), headings with nothing under them.
    Returns what went, in body order.
    """
    _wrap_loose_text(body)
    removed: list[Removed] = []
    title_key = text_key(title) if title else ""
    url_key = text_key(_URL_SCHEME.regex.sub("", url)) if url else ""
    kept_any = False
    for child in list(body):
        if child.tag == "graphic":
            continue
        text = norm("".join(child.itertext()))
        reason: str | None
        if not kept_any and title_key and text_key(text) == title_key:
            reason = "title repeated"
        elif url_key and " " not in text and text_key(_URL_SCHEME.regex.sub("", text)) == url_key:
            reason = "page address"
        else:
            reason = block_reason(text)
        if reason is None and child.tag == "list":
            removed.extend(_filter_items(child))
            if not any(True for _ in child.iter("item")):
                reason = "empty"
        if reason is None:
            kept_any = True
            continue
        if text:
            removed.append(Removed(text=text, reason=reason))
        drop(child)
    removed.extend(_drop_empty_sections(body))
    return removed


def drop_repeated_title(body: _Element, title: str) -> list[Removed]:
    """Drop the body's first block when it only repeats the headline."""
    first = next((child for child in body if child.tag != "graphic"), None)
    if first is None:
        return []
    text = norm("".join(first.itertext()))
    if not text or text_key(text) != text_key(title):
        return []
    drop(first)
    return [Removed(text=text, reason="title repeated")]


def _wrap_loose_text(body: _Element) -> None:
    """Put text lying directly in the body (trafilatura leaves the text after a heading
    in the heading's tail) into paragraphs, so it is filtered and rendered as one."""
    lxml = etree()
    if body.text and body.text.strip():
        paragraph = lxml.Element("p")
        paragraph.text, body.text = body.text, None
        body.insert(0, paragraph)
    for child in list(body):
        if child.tail and child.tail.strip():
            paragraph = lxml.Element("p")
            paragraph.text, child.tail = child.tail, None
            child.addnext(paragraph)


def _heading_level(element: _Element | None) -> int:
    """1-6 for a heading, 0 for the end of the body, 9 for any other block."""
    if element is None:
        return 0
    if element.tag != "head":
        return 9
    rend = element.get("rend") or "h2"
    return int(rend[1]) if rend[1:2].isdigit() else 2


def _drop_empty_sections(body: _Element) -> list[Removed]:
    """Drop headings with nothing under them: no text before the next heading of the
    same or a higher level, or the end. These are teasers for other articles ("related"
    rows, "Tell us what you think") that trafilatura kept without their links.
    """
    removed: list[Removed] = []
    for child in list(body):
        if child.tag != "head":
            continue
        level = _heading_level(child)
        if _heading_level(child.getnext()) <= level:
            removed.append(Removed(text=norm("".join(child.itertext())), reason="empty section"))
            drop(child)
    return removed


_URL_SCHEME = LazyPattern(r"^\s*https?://(?:www\.)?", re.I)


def _filter_items(lst: _Element) -> list[Removed]:
    """Drop share/"read more" items from a kept list."""
    removed: list[Removed] = []
    for item in list(lst):
        text = norm("".join(item.itertext()))
        reason = block_reason(text) if item.tag == "item" else None
        if reason is not None:
            if text:
                removed.append(Removed(text=text, reason=reason))
            drop(item)
    return removed
